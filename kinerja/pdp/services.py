"""UU PDP duties that write: the logged data-subject report, and erasing a person (pseudonymisation).

Erasure keeps the person's row and id, so every record, every figure and every frozen unit list (which
holds ids, regions, sex and age group only: D53) stays as it was; what identifies the person (NIK, KK,
name, birth date, ID lokal) is replaced or emptied in the records *and* in their field-level history.
"""

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit.models import AksesDataPribadi
from kinerja.audit.services import audit_record, log_akses
from kinerja.lib.privacy import scrub_text
from kinerja.registries.access import scoped
from kinerja.registries.models import DtksAnggota, Impor, Korban, Layanan, Orang, Ppks, Psks

from .selectors import LaporanSubjek, subject_report

PSEUDONYM_PREFIX = "PDP-"
ALASAN_MIN = 10


def report_run(
    *, orang: Orang, user=None, nama: str = "", request=None, format: str = "html"
) -> LaporanSubjek:
    """Log the run as a look at the person (before reading, so the report lists itself), then build."""
    log_akses(
        user=user,
        jenis=AksesDataPribadi.Jenis.LAPORAN_SUBJEK,
        objek=f"laporan subjek data orang #{orang.pk} ({format})",
        request=request,
        orang=orang,
        nama=nama,
    )
    return subject_report(orang)


def is_erased(orang: Orang) -> bool:
    return orang.nik is None and (orang.id_lokal or "").startswith(PSEUDONYM_PREFIX)


@dataclass(frozen=True)
class HasilHapus:
    orang_id: int
    pseudonim: str
    dtks: int
    psks: int
    layanan_keterangan: int
    riwayat: int


def _pseudo_digits(letter: str) -> str:
    # 16 characters like a NIK/KK column needs, never 16 digits (the letter), random per person.
    return letter + secrets.token_hex(8)[:15].upper()


@transaction.atomic
def orang_erase(*, orang: Orang, user, alasan: str) -> HasilHapus:
    """Pseudonymise one person in the registries and their history; audited with the reason."""
    alasan = (alasan or "").strip()
    if len(alasan) < ALASAN_MIN:
        raise ValidationError("Alasan penghapusan wajib diisi (minimal 10 huruf).")
    orang = Orang.objects.select_for_update().get(pk=orang.pk)
    if is_erased(orang):
        raise ValidationError("Identitas orang ini sudah dihapus sebelumnya.")

    identifiers = [orang.nik or "", orang.no_kk, orang.nama, orang.id_lokal or ""]
    pseudonim = f"{PSEUDONYM_PREFIX}{orang.pk}-{secrets.token_hex(4).upper()}"
    psks_ids = list(
        scoped(Psks.objects.filter(nik=orang.nik)).values_list("pk", flat=True) if orang.nik else []
    )
    identifiers += list(Psks.objects.filter(pk__in=psks_ids).values_list("nama", flat=True))
    alasan = scrub_text(alasan, identifiers)

    identity = {
        "nik": None,
        "id_lokal": pseudonim,
        "nama": f"Dihapus {pseudonim}",
        "tanggal_lahir": None,
        "no_kk": "",
        "nik_tidak_cocok": False,
        "peringatan": "",
    }
    for name, value in identity.items():
        setattr(orang, name, value)
    orang.updated_by = user
    orang._history_user = user  # type: ignore[attr-defined]  # read by simple_history
    orang._change_reason = f"penghapusan identitas (UU PDP): {alasan}"[:100]  # type: ignore[attr-defined]  # read by simple_history
    orang.save()
    riwayat = Orang.history.filter(id=orang.pk).update(**identity)

    dtks_nik, dtks_kk = _pseudo_digits("X"), _pseudo_digits("K")
    dtks = DtksAnggota.objects.filter(orang_id=orang.pk).update(nik=dtks_nik, no_kk=dtks_kk)
    riwayat += DtksAnggota.history.filter(orang_id=orang.pk).update(nik=dtks_nik, no_kk=dtks_kk)

    psks_identity = {"nik": "", "nama": f"Dihapus {pseudonim}"}
    psks = Psks.objects.filter(pk__in=psks_ids).update(**psks_identity)
    riwayat += Psks.history.filter(id__in=psks_ids).update(**psks_identity)

    keterangan = 0
    for manager in (Layanan.objects, Layanan.history):
        for row in manager.filter(orang_id=orang.pk).exclude(keterangan="").only("keterangan"):
            clean = scrub_text(row.keterangan, identifiers)
            if clean != row.keterangan:
                type(row).objects.filter(pk=row.pk).update(keterangan=clean)
                keterangan += 1
    for model in (Orang, DtksAnggota, Psks, Layanan):
        # Reasons of earlier history rows were typed by people: they may name the subject too.
        for row in (
            model.history.exclude(history_change_reason__isnull=True)
            .exclude(history_change_reason="")
            .filter(**_history_filter(model, orang.pk, psks_ids))
        ):
            clean = scrub_text(row.history_change_reason, identifiers)
            if clean != row.history_change_reason:
                type(row).objects.filter(pk=row.pk).update(history_change_reason=clean)

    impor = _scrub_imports(orang.pk, psks_ids, identifiers)

    audit_record(
        user=user,
        aksi="hapus_identitas",
        objek_jenis="registries.orang",
        objek_id=str(orang.pk),
        sesudah={
            "kolom": sorted(identity),
            "alasan": alasan,
            "pseudonim": pseudonim,
            "anggota_dtks": dtks,
            "psks": psks,
            "impor": impor,
        },
    )
    return HasilHapus(orang.pk, pseudonim, dtks, psks, keterangan, riwayat)


def _history_filter(model, orang_id: int, psks_ids: list[int]) -> dict:
    if model is Orang:
        return {"id": orang_id}
    if model is Psks:
        return {"id__in": psks_ids}
    return {"orang_id": orang_id}


def _scrub_imports(orang_id: int, psks_ids: list[int], identifiers: list[str]) -> int:
    """A file name or an import message may name the person: scrubbed in the imports that wrote any
    of their records (found through the records and their history). Returns how many changed."""
    sources = [
        Orang.objects.filter(pk=orang_id), Orang.history.filter(id=orang_id),
        Psks.objects.filter(pk__in=psks_ids), Psks.history.filter(id__in=psks_ids),
    ] + [
        qs
        for model in (Ppks, Layanan, DtksAnggota, Korban)
        for qs in (model.objects.filter(orang_id=orang_id), model.history.filter(orang_id=orang_id))
    ]  # fmt: skip
    ids: set[int] = set()
    for qs in sources:
        ids.update(qs.exclude(impor_id=None).values_list("impor_id", flat=True).distinct())
    changed = 0
    for impor in Impor.objects.filter(pk__in=ids).only("nama_file", "pesan"):
        nama_file = scrub_text(impor.nama_file, identifiers)
        pesan = scrub_text(impor.pesan, identifiers)
        if (nama_file, pesan) != (impor.nama_file, impor.pesan):
            Impor.objects.filter(pk=impor.pk).update(nama_file=nama_file, pesan=pesan)
            changed += 1
    return changed
