"""Writing to and verifying the hash-chained audit log."""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from kinerja.lib.privacy import mask_identifiers

from .models import AksesDataPribadi, AuditEntry, AuditHead

GENESIS = "0" * 64
HEAD_KEY = "utama"
# The personal-data access log has its own chain and head (D78): it is written on every look at a
# person, far more often than the audit log, and is read by other people (the auditor, UU PDP).
AKSES_HEAD_KEY = "akses"
PENDING = "menunggu"  # a new access-log row's hash until its id is known (inside the transaction)


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
    if entry.id_sebelumnya is not None:
        # Entries written before the link existed keep their original digest.
        payload["prev_id"] = entry.id_sebelumnya
    return _sha256(payload)


def _sha256(payload: dict[str, Any]) -> str:
    """The hash both chains use: SHA-256 of the payload as sorted, unescaped JSON."""
    text = json.dumps(payload, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder)) if value is not None else None


def _digest_akses(row: AksesDataPribadi) -> str:
    """The access log's own chain: every column a reviewer reads, and the previous row's link."""
    payload = {
        "id": row.pk,
        "waktu": row.waktu.isoformat(),
        "pengguna": row.nama_pengguna,
        "jenis": row.jenis,
        "objek": row.objek,
        "jumlah": row.jumlah,
        "alamat_ip": row.alamat_ip,
        "prev": row.hash_sebelumnya,
        "prev_id": row.id_sebelumnya,
    }
    orang_id = getattr(row, "orang_id", None)  # absent on the historical model of migration 0005
    if orang_id is not None:
        # The person looked at (D85). Only when set, so rows chained before the link existed keep
        # their hashes; setting or clearing it later changes the payload all the same.
        payload["orang"] = orang_id
    return _sha256(payload)


def _locked_head(key: str = HEAD_KEY, model=AuditEntry) -> AuditHead:
    head = AuditHead.objects.select_for_update().filter(kunci=key).first()
    if head is None:
        # First write (or a flushed test database): start the head from whatever the log holds.
        last = model.objects.order_by("-id").first()
        head = AuditHead.objects.create(
            kunci=key,
            jumlah=model.objects.count(),
            id_terakhir=last.pk if last else None,
            hash_terakhir=last.hash if last else "",
        )
        head = AuditHead.objects.select_for_update().get(pk=head.pk)
    return head


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
    """Append one entry. The head row is locked so two writers cannot fork the chain."""
    head = _locked_head()
    last = AuditEntry.objects.order_by("-id").first()
    now = timezone.now()
    entry = AuditEntry(
        waktu=now.replace(microsecond=now.microsecond // 1000 * 1000),
        pengguna=user if getattr(user, "pk", None) else None,
        nama_pengguna=getattr(user, "username", "") or "",
        aksi=aksi,
        objek_jenis=objek_jenis,
        objek_id=str(objek_id),
        sebelum=_jsonable(sebelum),
        sesudah=_jsonable(sesudah),
        hash_sebelumnya=last.hash if last else GENESIS,
        id_sebelumnya=last.pk if last else 0,
        hash="pending-" + hashlib.sha256(str(now.timestamp()).encode()).hexdigest()[:50],
    )
    entry.save()
    entry.refresh_from_db()  # read back exactly what the database stores before hashing
    entry.hash = _digest(entry)
    entry.save(update_fields=["hash"])
    head.jumlah += 1
    head.id_terakhir = entry.pk
    head.hash_terakhir = entry.hash
    head.save(update_fields=["jumlah", "id_terakhir", "hash_terakhir"])
    return entry


def audit_head_hash() -> str:
    """The hash of the newest entry: recorded beside approvals as an outside anchor of the chain."""
    last = AuditEntry.objects.order_by("-id").only("hash").first()
    return last.hash if last else GENESIS


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    bad_entry_id: int | None = None
    reason: str = ""


def audit_verify() -> VerifyResult:
    """Walk the audit chain in id order and name the first entry that was altered or removed."""
    return _verify_chain(AuditEntry, _digest, HEAD_KEY, "entri", "audit")


def akses_verify() -> VerifyResult:
    """The same walk over the personal-data access log's own chain (D78)."""
    return _verify_chain(
        AksesDataPribadi, _digest_akses, AKSES_HEAD_KEY, "baris log akses", "akses"
    )


def _verify_chain(model, digest, head_key: str, noun: str, chain: str) -> VerifyResult:
    """Checks, in order: each row's link to the previous one (a removed middle row breaks it, and
    the next row's `id_sebelumnya` names the removed one), each row's own hash (an altered row),
    and finally the head record (removed rows at the end of the log)."""
    prev_hash = GENESIS
    prev_id = 0
    checked = 0
    for entry in model.objects.order_by("id").iterator(chunk_size=2000):
        if entry.hash_sebelumnya != prev_hash or (
            entry.id_sebelumnya is not None and entry.id_sebelumnya != prev_id
        ):
            missing = entry.id_sebelumnya
            if missing and missing != prev_id and digest(entry) == entry.hash:
                return VerifyResult(
                    False,
                    checked,
                    missing,
                    f"{noun} #{missing} telah dihapus (rantai terputus antara #{prev_id} dan "
                    f"#{entry.pk})",
                )
            return VerifyResult(
                False,
                checked,
                entry.pk,
                f"rantai terputus sebelum {noun} #{entry.pk} (setelah #{prev_id})",
            )
        if digest(entry) != entry.hash:
            return VerifyResult(False, checked, entry.pk, f"isi {noun} #{entry.pk} telah diubah")
        prev_hash, prev_id = entry.hash, entry.pk
        checked += 1
    head = AuditHead.objects.filter(kunci=head_key).first()
    if (
        head is not None
        and (head.id_terakhir or 0)
        and (head.id_terakhir != (prev_id or None) or head.hash_terakhir != prev_hash)
    ):
        return VerifyResult(
            False,
            checked,
            head.id_terakhir,
            f"{noun} terakhir #{head.id_terakhir} telah dihapus (log kini berakhir di #{prev_id})",
        )
    if head is not None and head.jumlah != checked:
        return VerifyResult(
            False,
            checked,
            prev_id or None,
            f"jumlah {noun} {checked} tidak sama dengan yang tercatat di kepala rantai "
            f"({head.jumlah})",
        )
    if head is None and checked:
        return VerifyResult(False, checked, None, f"kepala rantai {chain} hilang")
    return VerifyResult(True, checked)


@transaction.atomic
def akses_append(row: AksesDataPribadi) -> None:
    """Save a new access-log row as the next link of its chain; `AksesDataPribadi.save` calls this
    for every new row, so each way of writing the log (log_akses, the admin, a shell) is chained.
    The head row is locked so two writers cannot fork the chain."""
    head = _locked_head(AKSES_HEAD_KEY, AksesDataPribadi)
    last = AksesDataPribadi.objects.order_by("-id").only("hash").first()
    row.hash_sebelumnya = last.hash if last else GENESIS
    row.id_sebelumnya = last.pk if last else 0
    row.hash = PENDING
    row.save()
    row.refresh_from_db()  # hash exactly what the database stores (time precision, IP form)
    row.hash = _digest_akses(row)
    AksesDataPribadi.objects.filter(pk=row.pk).update(hash=row.hash)
    head.jumlah += 1
    head.id_terakhir = row.pk
    head.hash_terakhir = row.hash
    head.save(update_fields=["jumlah", "id_terakhir", "hash_terakhir"])


def log_akses(
    *, user, jenis: str, objek: str, jumlah: int = 1, request=None, orang=None, nama: str = ""
) -> None:
    """Log one look at personal data. `objek` often carries a query string: a NIK or KK someone
    searched for is masked before it is stored, or the log itself would show it to its readers
    (row 5). `orang`: the one person looked at (the data-subject report lists a person's rows by
    it); `nama`: who, when there is no account (the command line)."""
    AksesDataPribadi.objects.create(
        pengguna=user if getattr(user, "pk", None) else None,
        nama_pengguna=getattr(user, "username", "") or nama,
        orang_id=getattr(orang, "pk", orang),
        jenis=jenis,
        objek=mask_identifiers(objek)[:200],
        jumlah=jumlah,
        alamat_ip=(request.META.get("REMOTE_ADDR") if request is not None else None),
    )


def entry_intact(entry_id: int, hash_: str) -> bool:
    """Whether audit entry `entry_id` still exists, still carries `hash_`, and its content still
    hashes to it (evidence links that name one entry check it this way)."""
    entry = AuditEntry.objects.filter(pk=entry_id).first()
    return entry is not None and entry.hash == hash_ and _digest(entry) == hash_
