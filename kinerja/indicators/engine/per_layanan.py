"""Units served, split by the service they received: the SPM report's breakdown per jenis layanan.

For a PPKS family definition (IKU-2): people with a service of that kind dated in the period and inside
one of their scope registrations; for the victims' family (IKU-4): victims of events of the period with
a service of that kind for the same event, dated from the event to the period's end. A unit served
with two kinds counts under each (so the rows do not add up to the numerator: the report says so).
Counted in SQL, under the definition in force at the period's end (default reading).
"""

from django.db.models import Count, F, Q

from kinerja.registries.models import JenisLayanan, Korban, Layanan

from ..models import Keluarga
from .definitions import definitions_in_force, kode_kabkota
from .periods import Periode


def _layanan_codes(layanan_jenis: list[str], layanan_kelompok: list[str]) -> list[str]:
    if layanan_jenis:
        return list(layanan_jenis)
    qs = JenisLayanan.objects.all()
    if layanan_kelompok:
        qs = qs.filter(kelompok__in=layanan_kelompok)
    return list(qs.values_list("kode", flat=True))


def served_by_service(kode: str, periode: Periode) -> dict[str, int]:
    """jenis_layanan code -> number of distinct units served with it (empty when not applicable)."""
    found = definitions_in_force(periode.akhir, kode)
    if not found:
        return {}
    d = found[0].default
    codes = _layanan_codes(d.layanan_jenis, d.layanan_kelompok)
    if d.keluarga == Keluarga.PPKS_LAYANAN:
        inside = Q(orang__ppks__jenis__kode__in=d.jenis_registrasi) & Q(
            orang__ppks__tanggal_daftar__lte=F("tanggal")
        )
        inside &= Q(orang__ppks__tanggal_selesai__isnull=True) | Q(
            orang__ppks__tanggal_selesai__gte=F("tanggal")
        )
        if d.lokasi:
            inside &= Q(orang__ppks__lokasi=d.lokasi)
        rows = (
            Layanan.objects.filter(
                inside,
                kode_kabkota=kode_kabkota(),
                jenis__kode__in=codes,
                tanggal__gte=periode.mulai,
                tanggal__lte=periode.akhir,
            )
            .values_list("jenis__kode")
            .annotate(n=Count("orang", distinct=True))
        )
        return dict(rows)
    if d.keluarga == Keluarga.KORBAN_LAYANAN:
        served = Q(
            orang__layanan__bencana=F("bencana"),
            orang__layanan__tanggal__gte=F("bencana__tanggal_kejadian"),
            orang__layanan__tanggal__lte=periode.akhir,
        )
        if codes:
            served &= Q(orang__layanan__jenis__kode__in=codes)
        victims = (
            Korban.objects.filter(
                served,
                kode_kabkota=kode_kabkota(),
                bencana__tanggal_kejadian__gte=periode.mulai,
                bencana__tanggal_kejadian__lte=periode.akhir,
            )
            .values_list("orang__layanan__jenis__kode")
            .annotate(n=Count("pk", distinct=True))
        )
        return dict(victims)
    return {}
