"""Evidence that proves itself: links to Kinerja's own artifacts, each resolved and re-verified when
opened (D156).

- `angka_beku`: a frozen IKU figure (the approve step's snapshot): its unit list is hashed again
  and must give the hash recorded when the link was made, whatever the registries did since.
- `persetujuan`: one approval step's audit entry: it must still exist, unaltered.
- `rantai_audit`: the audit chain as of a date: the last entry of that date must be unaltered and
  the whole chain must verify.
- `berkas`: an uploaded file, kept by the shared evidence-file store (`kinerja.lib.berkas`, the same
  as the SAKIP tree's bukti dukung): its SHA-256 at upload is recorded and the file is hashed again
  (D230).
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.audit.models import AuditEntry
from kinerja.audit.services import audit_record, audit_verify, entry_intact
from kinerja.indicators.engine import unit_list_hash
from kinerja.lib.berkas import BerkasDitolak, periksa_berkas, simpan_berkas
from kinerja.lib.dates import today
from kinerja.performance.models import LangkahPersetujuan

from ..models import Bukti, Evaluasi, Jawaban, JenisBukti, Kriteria
from .jawaban import _terbuka, sisi_pengguna


@dataclass(frozen=True)
class HasilPeriksa:
    sah: bool
    pesan: str


def _langkah_setuju(acuan: str) -> LangkahPersetujuan:
    try:
        step = LangkahPersetujuan.objects.select_related("persetujuan").get(
            pk=int(acuan), aksi="approve"
        )
    except (ValueError, LangkahPersetujuan.DoesNotExist):
        raise ValidationError(f"Tidak ada persetujuan (pembekuan) bernomor '{acuan}'.") from None
    return step


def _entri_persetujuan(acuan: str) -> AuditEntry:
    try:
        return AuditEntry.objects.get(pk=int(acuan), aksi__startswith="persetujuan_")
    except (ValueError, AuditEntry.DoesNotExist):
        raise ValidationError(
            f"Tidak ada entri persetujuan bernomor '{acuan}' di jejak audit."
        ) from None


def _tanggal(acuan: str) -> dt.date:
    try:
        tanggal = dt.date.fromisoformat(acuan)
    except ValueError:
        raise ValidationError(f"'{acuan}' bukan tanggal (tulis TTTT-BB-HH).") from None
    if tanggal > today():
        raise ValidationError("Tanggal pemeriksaan rantai audit tidak boleh setelah hari ini.")
    return tanggal


def _entri_terakhir(tanggal: dt.date) -> AuditEntry | None:
    batas = timezone.make_aware(dt.datetime.combine(tanggal + dt.timedelta(days=1), dt.time()))
    return AuditEntry.objects.filter(waktu__lt=batas).order_by("-id").first()


def _resolve(jenis: str, acuan: str) -> tuple[str, str, str]:
    """(acuan as stored, label, hash now) of a new link, or ValidationError."""
    if jenis == JenisBukti.ANGKA_BEKU:
        step = _langkah_setuju(acuan)
        p = step.persetujuan
        periode = f"{p.tahun}" + (f" triwulan {p.triwulan}" if p.triwulan else "")
        hash_, units = unit_list_hash(step.pk)
        if not units:
            raise ValidationError(
                "Daftar unit persetujuan ini kosong; tidak ada yang dapat ditautkan."
            )
        label = (
            f"{p.indikator_kode} {periode}: {step.pembilang}/{step.penyebut} ({units} unit beku)"
        )
        return str(step.pk), label, hash_
    if jenis == JenisBukti.PERSETUJUAN:
        entry = _entri_persetujuan(acuan)
        label = f"{entry.objek_id}: {entry.aksi.removeprefix('persetujuan_')} oleh {entry.nama_pengguna}"
        return str(entry.pk), label, entry.hash
    if jenis == JenisBukti.RANTAI_AUDIT:
        tanggal = _tanggal(acuan)
        hasil = audit_verify()
        if not hasil.ok:
            raise ValidationError(f"Rantai jejak audit tidak utuh: {hasil.reason}.")
        terakhir = _entri_terakhir(tanggal)
        if terakhir is None:
            raise ValidationError("Belum ada entri jejak audit sampai tanggal itu.")
        return (
            f"{tanggal.isoformat()}/{terakhir.pk}",
            f"Rantai jejak audit utuh s.d. {tanggal:%d-%m-%Y}",
            terakhir.hash,
        )
    raise ValidationError(f"Jenis bukti tidak dikenal: {jenis}.")


def simpan_bukti(*, user, jenis: str, acuan: str, **pemilik) -> Bukti:
    """Resolve and store one evidence link for `pemilik` (jawaban=... or rekomendasi=...); the
    caller has checked the user's right."""
    acuan_simpan, label, hash_ = _resolve(jenis, acuan.strip())
    bukti = Bukti.objects.create(
        jenis=jenis, acuan=acuan_simpan, label=label, hash_tercatat=hash_, dibuat_oleh=user,
        **pemilik,
    )  # fmt: skip
    audit_record(
        user=user,
        aksi="lke_bukti_tautkan",
        objek_jenis="evaluasi.bukti",
        objek_id=str(bukti.pk),
        sesudah={"jenis": jenis, "acuan": acuan_simpan, "hash": hash_},
    )
    return bukti


@transaction.atomic
def tautkan(*, user, jawaban: Jawaban, jenis: str, acuan: str) -> Bukti:
    """Link an artifact as evidence of a criterion (the sides that answer it may)."""
    if sisi_pengguna(user) is None:
        raise ValidationError("Hanya Perencana dan evaluator yang menambahkan bukti.")
    if jawaban.evaluasi.ditutup:
        raise ValidationError("Evaluasi tahun ini sudah ditutup evaluator.")
    return simpan_bukti(user=user, jenis=jenis, acuan=acuan, jawaban=jawaban)


def simpan_berkas_bukti(*, user, name: str, chunks, **pemilik) -> Bukti:
    """Store one uploaded file as evidence of `pemilik` (jawaban=... or rekomendasi=...), or raise
    ValidationError with the store's message (nothing kept); the caller has checked the user's right
    and holds a transaction."""
    try:
        stored = simpan_berkas(name, chunks)
    except BerkasDitolak as exc:
        raise ValidationError(str(exc)) from None
    bukti = Bukti.objects.create(
        jenis=JenisBukti.BERKAS, acuan=stored.jenis, label=stored.nama_file[:200],
        hash_tercatat=stored.sha256, berkas=stored.berkas, nama_berkas=stored.nama_file[:200],
        ukuran=stored.ukuran, dibuat_oleh=user, **pemilik,
    )  # fmt: skip
    audit_record(
        user=user,
        aksi="lke_bukti_unggah",
        objek_jenis="evaluasi.bukti",
        objek_id=str(bukti.pk),
        sesudah={"nama": bukti.nama_berkas, "sha256": stored.sha256, "ukuran": stored.ukuran},
    )
    return bukti


@transaction.atomic
def unggah(*, user, evaluasi: Evaluasi, kriteria: Kriteria, name: str, chunks) -> Bukti:
    """Attach an uploaded file to a criterion (the sides that answer it may, while the year is open).
    A refused file keeps nothing: no file, no row, not even an empty answer."""
    if sisi_pengguna(user) is None:
        raise PermissionDenied("Hanya Perencana dan evaluator yang menambahkan bukti.")
    evaluasi = Evaluasi.objects.select_for_update().get(pk=evaluasi.pk)
    _terbuka(evaluasi)
    if kriteria.sub_komponen.komponen.lke_id != evaluasi.lke_id:
        raise ValidationError("Kriteria ini bukan bagian dari LKE tahun ini.")
    if not name:
        raise ValidationError("Pilih berkas yang akan diunggah.")
    jawaban, _ = Jawaban.objects.get_or_create(evaluasi=evaluasi, kriteria=kriteria)
    return simpan_berkas_bukti(user=user, name=name, chunks=chunks, jawaban=jawaban)


def periksa(bukti: Bukti) -> HasilPeriksa:
    """Resolve the evidence again and compare with the hash recorded when it was linked."""
    if bukti.jenis == JenisBukti.BERKAS:
        berkas = periksa_berkas(bukti.berkas, bukti.hash_tercatat)
        return HasilPeriksa(berkas.sah, berkas.pesan)
    if bukti.jenis == JenisBukti.ANGKA_BEKU:
        hash_, units = unit_list_hash(int(bukti.acuan))
        if not units:
            return HasilPeriksa(False, "daftar unit beku tidak ditemukan lagi")
        if hash_ != bukti.hash_tercatat:
            return HasilPeriksa(False, "hash daftar unit beku tidak lagi sama")
        return HasilPeriksa(True, f"hash daftar {units} unit beku cocok")
    if bukti.jenis == JenisBukti.PERSETUJUAN:
        if entry_intact(int(bukti.acuan), bukti.hash_tercatat):
            return HasilPeriksa(True, "entri jejak audit utuh")
        return HasilPeriksa(False, "entri jejak audit telah diubah atau dihapus")
    if bukti.jenis == JenisBukti.RANTAI_AUDIT:
        entry_id = int(bukti.acuan.split("/")[1])
        if not entry_intact(entry_id, bukti.hash_tercatat):
            return HasilPeriksa(False, "entri terakhir tanggal itu telah diubah atau dihapus")
        hasil = audit_verify()
        if not hasil.ok:
            return HasilPeriksa(False, f"rantai jejak audit tidak utuh: {hasil.reason}")
        return HasilPeriksa(True, "rantai jejak audit utuh")
    return HasilPeriksa(False, "jenis bukti tidak dikenal")


def boleh_cabut(user, bukti: Bukti) -> bool:
    """Only the side that added an evidence item withdraws it (D273)."""
    sisi = sisi_pengguna(user)
    return (
        sisi is not None
        and bukti.dibuat_oleh is not None
        and sisi_pengguna(bukti.dibuat_oleh) == sisi
    )


@transaction.atomic
def cabut(*, user, bukti: Bukti, alasan: str) -> None:
    """Withdraw a criterion's evidence, with a reason, while the year is open (D273). The link goes;
    the audit trail keeps what it was (kind, reference, recorded SHA-256, file name) and why; an
    uploaded file stays in the store, so the hash in the trail can still be checked against it."""
    if sisi_pengguna(user) is None:
        raise PermissionDenied("Hanya Perencana dan evaluator yang mencabut bukti.")
    if bukti.jawaban is None:
        raise ValidationError("Bukti tindak lanjut tidak dapat dicabut dari LKE.")
    evaluasi = Evaluasi.objects.select_for_update().get(pk=bukti.jawaban.evaluasi_id)
    _terbuka(evaluasi)
    if not boleh_cabut(user, bukti):
        raise ValidationError(
            "Bukti ini ditambahkan pihak lain; hanya pihak yang menambahkannya yang dapat mencabutnya."
        )
    alasan = alasan.strip()
    if not alasan:
        raise ValidationError("Tuliskan alasan pencabutan bukti.")
    if len(alasan) > 500:
        raise ValidationError("Alasan pencabutan paling banyak 500 karakter.")
    audit_record(
        user=user,
        aksi="lke_bukti_cabut",
        objek_jenis="evaluasi.bukti",
        objek_id=str(bukti.pk),
        sebelum={
            "jenis": bukti.jenis, "acuan": bukti.acuan, "keterangan": bukti.label,
            "hash": bukti.hash_tercatat, "berkas": bukti.berkas, "nama": bukti.nama_berkas,
        },
        sesudah={"alasan": alasan},
    )  # fmt: skip
    bukti.delete()
