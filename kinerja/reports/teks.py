"""Saving the LKjIP's yearly texts (the Perencana writes them on screen; audited)."""

from django.db import transaction

from kinerja.audit.services import audit_record

from .models import TeksLkjip

FIELDS = ("kata_pengantar", "struktur_organisasi", "sdm", "isu_strategis")


@transaction.atomic
def teks_lkjip_simpan(*, user, tahun: int, data: dict[str, str]) -> TeksLkjip:
    """A field the form does not send is left as it is (D77)."""
    row, _ = TeksLkjip.objects.select_for_update().get_or_create(tahun=tahun)
    sebelum = {f: getattr(row, f) for f in FIELDS}
    for f in FIELDS:
        if f in data:
            setattr(row, f, data[f].strip())
    row.diubah_oleh = user
    row.save()
    sesudah = {f: getattr(row, f) for f in FIELDS}
    if sesudah != sebelum:
        audit_record(
            user=user,
            aksi="teks_lkjip_ubah",
            objek_jenis="reports.tekslkjip",
            objek_id=str(tahun),
            sebelum={k: v for k, v in sebelum.items() if v != sesudah[k]},
            sesudah={k: v for k, v in sesudah.items() if v != sebelum[k]},
        )
    return row
