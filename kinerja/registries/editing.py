"""Writes from the web forms: one small service per record kind.

Each sets the kab/kota and the authors; simple-history keeps the field-level history (its middleware
names the user); the audit log notes which fields changed, never their personal values.
"""

from typing import TypeVar

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.forms import ValidationError

from kinerja.audit.services import audit_record
from kinerja.lib.nik import parse_nik
from kinerja.lib.privacy import scrub_text

from .access import kabkota
from .models import (
    Bencana,
    DtksAnggota,
    DtksPeriode,
    KegiatanPelatihan,
    Korban,
    Layanan,
    Orang,
    Pelatihan,
    Ppks,
    Psks,
    Tercatat,
)


def _changed_fields(instance: Model) -> list[str]:
    if instance.pk is None:
        return []
    old = type(instance)._default_manager.filter(pk=instance.pk).values().first() or {}
    return sorted(
        f.attname
        for f in instance._meta.concrete_fields
        if f.attname in old
        and f.attname not in ("updated_at", "updated_by_id")
        and old[f.attname] != getattr(instance, f.attname)
    )


T = TypeVar("T", bound=Tercatat)


@transaction.atomic
def record_save(instance: T, *, user, alasan: str = "") -> T:
    """Save one registry record as `user`; a natural key taken meanwhile is a ValidationError.
    `alasan` (a correction's reason, D86) goes to the audit entry and the history row."""
    created = instance.pk is None
    changed = _changed_fields(instance)
    if alasan:
        instance._change_reason = alasan[:100]  # type: ignore[attr-defined]  # read by simple_history
    instance.kode_kabkota = kabkota()
    if created:
        instance.created_by = user
    instance.updated_by = user
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        raise ValidationError(
            "Data ini sudah terdaftar (kunci alami sama dengan data lain) atau tidak konsisten."
        ) from exc
    audit_record(
        user=user,
        aksi="tambah" if created else "ubah",
        objek_jenis=f"registries.{instance._meta.model_name}",
        objek_id=str(instance.pk),
        sesudah=_audit_after(changed, alasan),
    )
    return instance


def _audit_after(changed: list[str], alasan: str) -> dict | None:
    after: dict = {"kolom": changed} if changed else {}
    if alasan:
        after["alasan"] = alasan
    return after or None


def orang_save(orang: Orang, *, user, alasan: str = "") -> Orang:
    """Save a person; sex and birth date come from a valid NIK when empty, and a NIK that
    disagrees with them is accepted and flagged (contract section 1). A correction's reason is
    recorded without the person's identifiers, old or new (D86)."""
    if alasan:
        old = Orang.objects.filter(pk=orang.pk).values("nik", "no_kk", "nama", "id_lokal").first()
        identifiers = [orang.nik or "", orang.no_kk, orang.nama, orang.id_lokal or ""]
        identifiers += [str(v or "") for v in old.values()] if old else []  # text or None
        alasan = scrub_text(alasan.strip(), identifiers)
    orang.nik_tidak_cocok = False
    orang.peringatan = ""
    if orang.nik:
        decoded = parse_nik(orang.nik)
        orang.jenis_kelamin = orang.jenis_kelamin or decoded.jenis_kelamin
        orang.tanggal_lahir = orang.tanggal_lahir or decoded.tanggal_lahir
        problems = []
        if orang.jenis_kelamin != decoded.jenis_kelamin:
            problems.append("jenis kelamin berbeda dengan NIK")
        if orang.tanggal_lahir != decoded.tanggal_lahir:
            problems.append("tanggal lahir berbeda dengan NIK")
        if problems:
            orang.nik_tidak_cocok = True
            orang.peringatan = "; ".join(problems)
    return record_save(orang, user=user, alasan=alasan)


def ppks_save(ppks: Ppks, *, orang: Orang, user) -> Ppks:
    ppks.orang = orang
    return record_save(ppks, user=user)


def layanan_save(layanan: Layanan, *, orang: Orang, user) -> Layanan:
    layanan.orang = orang
    layanan.program = layanan.program or ""
    return record_save(layanan, user=user)


def korban_save(korban: Korban, *, orang: Orang, user) -> Korban:
    korban.orang = orang
    return record_save(korban, user=user)


def psks_save(psks: Psks, *, user) -> Psks:
    return record_save(psks, user=user)


def bencana_save(bencana: Bencana, *, user) -> Bencana:
    return record_save(bencana, user=user)


def kegiatan_save(kegiatan: KegiatanPelatihan, *, user) -> KegiatanPelatihan:
    return record_save(kegiatan, user=user)


def pelatihan_save(pelatihan: Pelatihan, *, user) -> Pelatihan:
    return record_save(pelatihan, user=user)


@transaction.atomic
def dtks_anggota_save(anggota: DtksAnggota, *, orang: Orang, periode_bulan, user) -> DtksAnggota:
    """A DTKS member carries the NIK and KK of its period's extract (copied from the person)."""
    if anggota.pk is None:
        periode, _ = DtksPeriode.objects.get_or_create(
            kode_kabkota=kabkota(),
            periode=periode_bulan,
            defaults={"created_by": user, "updated_by": user},
        )
        anggota.periode = periode
        anggota.orang = orang
        anggota.nik = orang.nik
        anggota.no_kk = orang.no_kk
    return record_save(anggota, user=user)
