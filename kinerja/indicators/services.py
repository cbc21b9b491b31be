"""Writes to the IKU catalogue: amending a decree creates a new, complete version."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import model_to_dict

from kinerja.audit.services import audit_record

from .models import Definisi, Indikator, Keputusan, SasaranStrategis

AMENDABLE_FIELDS = frozenset(
    {
        "nama", "makna", "alasan", "cara_perhitungan", "penanggung_jawab", "bidang_id",
        "sumber_data", "satuan", "polaritas",
    }
)  # fmt: skip
# What an amendment may change in the way an indicator is counted (contract section 6, D137).
DEFINISI_AMENDABLE = frozenset(Definisi.DTSEN_FIELDS)


def _check_definisi_changes(base: Keputusan, changes: dict[str, dict[str, object]]) -> None:
    for kode, fields in changes.items():
        if not base.indikator.filter(kode=kode, definisi__isnull=False).exists():
            raise ValidationError(f"{kode} tidak punya definisi perhitungan di versi {base.versi}.")
        bad = set(fields) - DEFINISI_AMENDABLE
        if bad:
            raise ValidationError(f"Kolom definisi {sorted(bad)} pada {kode} tidak dapat diubah.")


@transaction.atomic
def keputusan_amend(
    *,
    base: Keputusan,
    nomor: str,
    tanggal_ditetapkan: dt.date,
    berlaku_mulai: dt.date,
    catatan: str,
    changes: dict[str, dict[str, object]],
    sasaran_changes: dict[int, str] | None = None,
    definisi_changes: dict[str, dict[str, object]] | None = None,
    actor=None,
) -> Keputusan:
    """Record an amending decree as version N+1: a full copy of `base` with `changes` applied.

    `changes` maps an indicator code to the fields it amends; `definisi_changes` an indicator code
    to the DTSEN options of its definition (both readings; checked by `Definisi.clean`). `base` and
    its rows are never touched.
    """
    definisi_changes = definisi_changes or {}
    _check_definisi_changes(base, definisi_changes)
    unknown = set(changes) - set(base.indikator.values_list("kode", flat=True))
    if unknown:
        raise ValidationError(f"Kode indikator tidak ada di versi {base.versi}: {sorted(unknown)}")
    for kode, fields in changes.items():
        bad = set(fields) - AMENDABLE_FIELDS
        if bad:
            raise ValidationError(f"Kolom {sorted(bad)} pada {kode} tidak dapat diubah.")
    if berlaku_mulai <= base.berlaku_mulai:
        raise ValidationError(
            "Tanggal berlaku perubahan harus setelah tanggal berlaku versi dasar."
        )
    latest = Keputusan.objects.filter(kode_wilayah=base.kode_wilayah).order_by("-versi").first()
    assert latest is not None  # `base` itself is one
    new = Keputusan.objects.get(pk=base.pk)
    new.pk = None
    new.versi = latest.versi + 1
    new.nomor = nomor
    new.tanggal_ditetapkan = tanggal_ditetapkan
    new.berlaku_mulai = berlaku_mulai
    new.menggantikan = base
    new.catatan = catatan
    new.save()
    sasaran_map = {}
    for s in base.sasaran.all():
        uraian = (sasaran_changes or {}).get(s.nomor, s.uraian)
        sasaran_map[s.pk] = SasaranStrategis.objects.create(
            keputusan=new, nomor=s.nomor, uraian=uraian
        )
    for ind in base.indikator.all():
        data = model_to_dict(ind, exclude=["id", "keputusan", "sasaran", "bidang"])
        data["bidang_id"] = ind.bidang_id
        data.update(changes.get(ind.kode, {}))
        copy = Indikator.objects.create(keputusan=new, sasaran=sasaran_map[ind.sasaran_id], **data)
        # The way each indicator is counted travels with it; change it on the new version.
        for d in Definisi.objects.filter(indikator=ind).order_by("bacaan"):
            d.pk = None
            d.indikator = copy
            for name, value in definisi_changes.get(ind.kode, {}).items():
                setattr(d, name, value)
            if ind.kode in definisi_changes:
                d.full_clean(exclude=["indikator"], validate_unique=False)
            d.save()
    audit_record(
        user=actor,
        aksi="ubah_katalog",
        objek_jenis="keputusan",
        objek_id=str(new.pk),
        sebelum={"versi": base.versi},
        sesudah={"versi": new.versi, "nomor": nomor, "perubahan": changes}
        | ({"definisi": definisi_changes} if definisi_changes else {}),
    )
    return new
