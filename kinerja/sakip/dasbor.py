"""The dashboard's PK panel: each Bidang's Kepala Bidang PK indicators for the period shown, beside
the IKU (a Bidang's staf and Kepala Bidang see their own Bidang, the other roles all Bidangs)."""

from dataclasses import dataclass

from django.conf import settings

from kinerja.organisation.models import Role
from kinerja.organisation.permissions import bidang_kode, has_role

from .models import Jabatan, JenisJabatan
from .monitoring import BarisMonitoring, SelTriwulan, monitoring
from .pk_selectors import pk_latest


@dataclass
class PanelBidang:
    bidang: str
    bidang_kode: str
    jabatan: str
    triwulan: int
    baris: list[tuple[BarisMonitoring, SelTriwulan]]


def pk_panel(user, tahun: int, triwulan: int | None) -> list[PanelBidang]:
    jabatan = Jabatan.objects.filter(
        kode_kabkota=settings.KINERJA_KODE_WILAYAH, jenis=JenisJabatan.KEPALA_BIDANG
    )
    if has_role(user, Role.STAF, Role.KABID):
        jabatan = jabatan.filter(bidang__kode=bidang_kode(user))
    pks = list(pk_latest(list(jabatan.values_list("pk", flat=True)), tahun))
    q = triwulan or 4
    out = []
    for blok in monitoring(pks, tahun):
        b = blok.pk.jabatan.bidang
        out.append(
            PanelBidang(
                b.nama if b else "",
                b.kode if b else "",
                blok.pk.jabatan.nama,
                q,
                [(line, line.triwulan[q - 1]) for line in blok.baris],
            )
        )
    return out
