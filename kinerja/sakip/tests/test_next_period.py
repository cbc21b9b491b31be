"""Item 5: a second Renstra (2027-2031) with its own IKU decree and tree, while 2021-2026 stays
readable and frozen; the tree page follows the period of the year asked."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest

from kinerja.indicators.models import Keputusan
from kinerja.indicators.services import keputusan_amend
from kinerja.sakip.models import Renstra, Simpul
from kinerja.sakip.selectors import renstra_for_year
from kinerja.sakip.services.impor import FileUnusable, pohon_impor
from kinerja.sakip.services.realisasi import RealisasiRefused, realisasi_save
from kinerja.sakip.services.renstra import (
    RenstraRefused,
    renstra_create,
    renstra_lock,
    simpul_update,
)

from .conftest import INDIKATOR, POHON, xlsx_bytes


@pytest.fixture
def second(tree, users):
    v1 = Keputusan.objects.get(kode_wilayah="63.72", versi=1)
    v2 = keputusan_amend(
        base=v1,
        nomor="005 Tahun 2027",
        tanggal_ditetapkan=dt.date(2026, 12, 20),
        berlaku_mulai=dt.date(2027, 1, 1),
        catatan="IKU Renstra 2027-2031",
        changes={},
    )
    Keputusan.objects.filter(pk=v2.pk).update(periode_awal=2027, periode_akhir=2031)
    renstra_lock(renstra=tree, user=users["perencana"])
    new = renstra_create(
        nama="Renstra 2027-2031", periode_awal=2027, periode_akhir=2031, user=users["perencana"]
    )
    pohon = [[*r[:3], r[3] + " (2027)", *r[4:]] for r in POHON]
    indikator = [[*r[:-1], "300" if r[1] == "IP-1" else ""] for r in INDIKATOR]
    result = pohon_impor(
        renstra=new,
        source=BytesIO(xlsx_bytes(pohon, indikator, target_header="target 2029")),
        user=users["perencana"],
    )
    assert (result.accepted, result.rejected) == (10, 0)
    return new


def test_each_renstra_has_its_own_decree_and_tree(tree, second):
    assert list(second.keputusan.values_list("nomor", flat=True)) == ["005 Tahun 2027"]
    assert list(tree.keputusan.values_list("versi", flat=True)) == [1]
    assert renstra_for_year(2024) == tree and renstra_for_year(2029) == second
    assert renstra_for_year(2032) is None
    assert Simpul.objects.filter(renstra=second, kode="S1").get().uraian.endswith("(2027)")
    assert Simpul.objects.get(renstra=tree, kode="S1").uraian == "Meningkatnya pelayanan PPKS"


def test_the_old_renstra_is_frozen(tree, second, users):
    with pytest.raises(FileUnusable, match="sudah dikunci"):
        pohon_impor(renstra=tree, source=BytesIO(xlsx_bytes(POHON)), user=users["perencana"])
    with pytest.raises(RenstraRefused, match="sudah dikunci"):
        simpul_update(
            simpul=Simpul.objects.get(renstra=tree, kode="S1"), user=users["perencana"], uraian="x"
        )
    ip1 = tree.indikator.get(kode="IP-1")
    with pytest.raises(RealisasiRefused, match="sudah dikunci"):
        realisasi_save(
            indikator=ip1,
            tahun=2025,
            periode=1,
            nilai=Decimal(1),
            catatan="",
            user=users["staf_rehabilitasi"],
        )
    with pytest.raises(RenstraRefused, match="bertumpang tindih"):
        renstra_create(nama="x", periode_awal=2030, periode_akhir=2034, user=users["perencana"])
    assert Renstra.objects.count() == 2


def test_tree_page_follows_the_year_asked(client, users, tree, second):
    client.force_login(users["auditor"])
    old = client.get("/kinerja/pohon/?tahun=2024").content.decode()
    new = client.get("/kinerja/pohon/?tahun=2029").content.decode()
    assert "Renstra Dinas Sosial (2021–2026)" in old and "dikunci (beku)" in old
    assert (
        "Renstra 2027-2031 (2027–2031)" in new and "(2027)" in new and "dikunci (beku)" not in new
    )
    assert client.get(f"/kinerja/pohon/?renstra={tree.pk}&tahun=2029").status_code == 400
