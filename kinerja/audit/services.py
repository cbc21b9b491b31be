"""Writing to and verifying the hash-chained audit log."""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from .models import AksesDataPribadi, AuditEntry

GENESIS = "0" * 64


def _digest(entry: AuditEntry) -> str:
    payload = {
        "id": entry.pk,
        "waktu": entry.waktu.isoformat(),
        "pengguna": entry.nama_pengguna,
        "aksi": entry.aksi,
        "objek_jenis": entry.objek_jenis,
        "objek_id": entry.objek_id,
        "sebelum": entry.sebelum,
        "sesudah": entry.sesudah,
        "prev": entry.hash_sebelumnya,
    }
    text = json.dumps(payload, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder)) if value is not None else None


@transaction.atomic
def audit_record(
    *,
    user,
    aksi: str,
    objek_jenis: str,
    objek_id: str = "",
    sebelum: dict | None = None,
    sesudah: dict | None = None,
) -> AuditEntry:
    """Append one entry. The last entry is locked so two writers cannot fork the chain."""
    last = AuditEntry.objects.select_for_update().order_by("-id").first()
    entry = AuditEntry(
        waktu=timezone.now().replace(microsecond=timezone.now().microsecond // 1000 * 1000),
        pengguna=user if getattr(user, "pk", None) else None,
        nama_pengguna=getattr(user, "username", "") or "",
        aksi=aksi,
        objek_jenis=objek_jenis,
        objek_id=str(objek_id),
        sebelum=_jsonable(sebelum),
        sesudah=_jsonable(sesudah),
        hash_sebelumnya=last.hash if last else GENESIS,
        hash="pending-" + hashlib.sha256(str(timezone.now().timestamp()).encode()).hexdigest()[:50],
    )
    entry.save()
    entry.refresh_from_db()  # read back exactly what the database stores before hashing
    entry.hash = _digest(entry)
    entry.save(update_fields=["hash"])
    return entry


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    bad_entry_id: int | None = None
    reason: str = ""


def audit_verify() -> VerifyResult:
    """Walk the chain in id order; the first entry whose hash or link is wrong is named."""
    prev_hash = GENESIS
    prev_id = 0
    checked = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.hash_sebelumnya != prev_hash:
            return VerifyResult(
                False,
                checked,
                entry.pk,
                f"rantai terputus sebelum entri #{entry.pk} (setelah #{prev_id})",
            )
        if _digest(entry) != entry.hash:
            return VerifyResult(False, checked, entry.pk, f"isi entri #{entry.pk} telah diubah")
        prev_hash, prev_id = entry.hash, entry.pk
        checked += 1
    return VerifyResult(True, checked)


def log_akses(*, user, jenis: str, objek: str, jumlah: int = 1, request=None) -> None:
    AksesDataPribadi.objects.create(
        pengguna=user if getattr(user, "pk", None) else None,
        nama_pengguna=getattr(user, "username", "") or "",
        jenis=jenis,
        objek=objek[:200],
        jumlah=jumlah,
        alamat_ip=(request.META.get("REMOTE_ADDR") if request is not None else None),
    )
