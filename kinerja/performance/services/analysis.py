"""Writing the LKjIP analysis of one indicator and period."""

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit.services import audit_record

from ..models import Analisis
from ..periods import Periode

FIELDS = ("penyebab", "upaya", "alternatif", "tindak_lanjut")
EMPTY = "Analisis kosong tidak disimpan: isi sedikitnya satu bagian."


@transaction.atomic
def analisis_save(*, kode: str, periode: Periode, actor, **texts: str) -> tuple[Analisis, bool]:
    """Create or update the parts given in `texts`; returns (analysis, changed).

    Raises ValidationError when all four parts would be empty. Unknown keys are a programming error.
    """
    unknown = set(texts) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    obj = (
        Analisis.objects.select_for_update()
        .filter(indikator_kode=kode, tahun=periode.tahun, triwulan=periode.triwulan)
        .first()
    )
    before = {f: getattr(obj, f) for f in FIELDS} if obj else None
    # A part not given keeps its stored text: a form that did not send it never erases it.
    after = {
        f: (texts[f] if f in texts else (before or {}).get(f, "") or "").strip() for f in FIELDS
    }
    if not any(after.values()):
        raise ValidationError(EMPTY)
    if obj is not None and before == after:  # `before` is None when there is no obj
        return obj, False
    obj = obj or Analisis(indikator_kode=kode, tahun=periode.tahun, triwulan=periode.triwulan)
    for f, v in after.items():
        setattr(obj, f, v)
    obj.penulis = actor
    obj.save()
    audit_record(
        user=actor,
        aksi="ubah_analisis" if before else "buat_analisis",
        objek_jenis="analisis",
        objek_id=f"{kode} {periode.label}",
        sebelum=before,
        sesudah=after,
    )
    return obj, True
