"""The Renstra Perubahan (issue 15 item 1, "versioned with the Renstra"): a copy of the tree in a new
version in force from a year of the period, while the years before keep the version they were
planned and realised in (D250-D253)."""

from decimal import Decimal
from io import BytesIO

import pytest

from kinerja.audit.models import AuditEntry
from kinerja.audit.wording import perubahan
from kinerja.reports.builders.lkjip_pohon import a7_program_kegiatan, bab2_tujuan
from kinerja.sakip.models import (
    BuktiDukung,
    IndikatorKinerja,
    PerjanjianKinerja,
    Realisasi,
    Renstra,
    Simpul,
    TargetIndikator,
)
from kinerja.sakip.selectors import TINGKAT_URUT, renstra_for_year
from kinerja.sakip.services.bukti import bukti_upload
from kinerja.sakip.services.impor import FileUnusable, pohon_impor
from kinerja.sakip.services.perubahan import renstra_perubahan
from kinerja.sakip.services.pk import pk_draft
from kinerja.sakip.services.realisasi import (
    RealisasiRefused,
    realisasi_save,
    realisasi_transition,
)
from kinerja.sakip.services.renstra import RenstraRefused, renstra_lock, simpul_update

from .conftest import PDF, POHON, xlsx_bytes
from .pk_data import jabatan_fixture  # noqa: F401  (fixture)

URL = "/kinerja/pohon/renstra/{}/perubahan/"


@pytest.fixture
def v1(tree, users, media):
    """The tree with quarter targets and an approved 2023 value of IP-1 with its evidence."""
    ip1 = IndikatorKinerja.objects.get(renstra=tree, kode="IP-1")
    TargetIndikator.objects.bulk_create(
        TargetIndikator(indikator=ip1, tahun=2023, periode=q, nilai=Decimal(v))
        for q, v in ((1, 40), (2, 90))
    )
    row = realisasi_save(
        indikator=ip1, tahun=2023, periode=1, nilai=Decimal(30), catatan="",
        user=users["staf_rehabilitasi"],
    )  # fmt: skip
    bukti_upload(realisasi=row, name="rekap.pdf", chunks=[PDF], user=users["staf_rehabilitasi"])
    for aksi, who in (("submit", "staf_rehabilitasi"), ("verify", "kabid_rehabilitasi")):
        row = realisasi_transition(aksi=aksi, realisasi=row, user=users[who])
    realisasi_transition(aksi="approve", realisasi=row, user=users["kadis"])
    return tree


def _perubahan(renstra, users, tahun=2025, alasan="Perubahan RPJMD 2021-2026"):
    return renstra_perubahan(
        renstra=renstra, berlaku_mulai=tahun, alasan=alasan, user=users["perencana"]
    )


def _shape(renstra) -> dict:
    """The tree as codes: nodes with level and parent code, indicators with every field but the
    keys, targets by indicator code."""
    nodes = {
        s.kode: (s.tingkat, s.induk.kode if s.induk else None, s.uraian, s.sasaran, s.bidang_id,
                 s.seksi, s.urutan)
        for s in Simpul.objects.filter(renstra=renstra).select_related("induk")
    }  # fmt: skip
    skip = {"id", "renstra", "simpul"}
    fields = [f.attname for f in IndikatorKinerja._meta.concrete_fields if f.name not in skip]
    indikator = {
        i.kode: (i.simpul.kode, *(getattr(i, f) for f in fields))
        for i in IndikatorKinerja.objects.filter(renstra=renstra).select_related("simpul")
    }
    targets = sorted(
        TargetIndikator.objects.filter(indikator__renstra=renstra).values_list(
            "indikator__kode", "tahun", "periode", "nilai"
        ),
        key=str,
    )
    return {"simpul": nodes, "indikator": indikator, "target": targets}


def test_the_copy_keeps_the_tree_and_targets_exactly(v1, users):
    """D250: same period, kab/kota and decrees; nodes with their parents, indicators with their
    fields and targets copied exactly; values, evidence, approvals and PKs not copied; version 1
    untouched; audited with the counts."""
    before = _shape(v1)
    history_before = Simpul.history.filter(renstra_id=v1.pk).count()
    v2 = _perubahan(v1, users)
    assert (v2.versi, v2.menggantikan, v2.berlaku_mulai) == (2, v1, 2025)
    assert (v2.periode_awal, v2.periode_akhir, v2.kode_kabkota) == (2021, 2026, v1.kode_kabkota)
    assert v2.nama == "Renstra Dinas Sosial (Perubahan, versi 2)" and not v2.dikunci
    assert v2.alasan_perubahan == "Perubahan RPJMD 2021-2026"
    assert set(v2.keputusan.all()) == set(v1.keputusan.all()) and v2.keputusan.exists()
    assert _shape(v2) == before == _shape(v1)
    per_level = {t: Simpul.objects.filter(renstra=v2, tingkat=t).count() for t in TINGKAT_URUT}
    assert per_level == {"tujuan": 1, "sasaran": 1, "program": 2, "kegiatan": 1, "sub_kegiatan": 1}
    assert not Simpul.objects.filter(renstra=v2, induk__renstra=v1).exists()
    assert not Realisasi.objects.filter(indikator__renstra=v2).exists()
    assert not BuktiDukung.objects.filter(realisasi__indikator__renstra=v2).exists()
    assert Realisasi.objects.get(indikator__renstra=v1).beku_nilai == Decimal(30)
    # Every copied row keeps its history; version 1's history is not touched.
    assert Simpul.history.filter(renstra_id=v2.pk).count() == 6
    assert Simpul.history.filter(renstra_id=v1.pk).count() == history_before
    entry = AuditEntry.objects.get(aksi="renstra_perubahan")
    assert entry.sesudah["simpul_disalin"] == 6 and entry.sesudah["indikator_disalin"] == 4
    assert entry.sesudah["target_disalin"] == len(before["target"]) == 5
    assert entry.sesudah["simpul_per_tingkat"] == per_level
    assert entry.objek_id == str(v2.pk) and entry.sesudah["berlaku_mulai"] == "2025"
    rows = {r.label: r.sesudah for r in perubahan(entry.sebelum, entry.sesudah, "renstra")}
    assert rows["Berlaku mulai (tahun)"] == "2025" and rows["Simpul pohon disalin"] == "6"


def test_for_year_follows_the_version_in_force(v1, users):
    """D251: a year reads the latest version already in force; years before keep their version."""
    v2 = _perubahan(v1, users, 2025)
    v3 = _perubahan(v2, users, 2026, alasan="Perubahan kedua")
    assert [renstra_for_year(t) for t in range(2021, 2027)] == [v1] * 4 + [v2, v3]
    assert Renstra.objects.for_year(2027) is None
    assert v1.tahun_berlaku == range(2021, 2025) and v3.tahun_berlaku == range(2026, 2027)
    assert v3.nama == "Renstra Dinas Sosial (Perubahan, versi 3)"


def test_values_stay_with_their_version(v1, users):
    """D250/D252: version 1's values show for its years and are not copied; each year's values are
    typed in the version in force that year; the replaced tree is no longer edited."""
    v2 = _perubahan(v1, users, 2025)
    ip1_v1 = v1.indikator.get(kode="IP-1")
    ip1_v2 = v2.indikator.get(kode="IP-1")
    staf = users["staf_rehabilitasi"]
    with pytest.raises(RealisasiRefused, match="berlaku 2021–2024"):
        realisasi_save(
            indikator=ip1_v1, tahun=2025, periode=1, nilai=Decimal(1), catatan="", user=staf
        )
    with pytest.raises(RealisasiRefused, match="berlaku 2025–2026"):
        realisasi_save(
            indikator=ip1_v2, tahun=2024, periode=1, nilai=Decimal(1), catatan="", user=staf
        )
    realisasi_save(indikator=ip1_v1, tahun=2024, periode=4, nilai=Decimal(5), catatan="", user=staf)
    realisasi_save(
        indikator=ip1_v2, tahun=2025, periode=2, nilai=Decimal(150), catatan="", user=staf
    )
    with pytest.raises(FileUnusable, match="digantikan Renstra Perubahan versi 2"):
        pohon_impor(renstra=v1, source=BytesIO(xlsx_bytes(POHON)), user=users["perencana"])
    with pytest.raises(RenstraRefused, match="digantikan"):
        simpul_update(simpul=v1.simpul.get(kode="S1"), user=users["perencana"], uraian="x")
    simpul_update(simpul=v2.simpul.get(kode="T1"), user=users["perencana"], uraian="Tujuan baru")
    assert v1.simpul.get(kode="T1").uraian == "Meningkatkan kesejahteraan sosial"

    # The LKjIP's tree parts read the version of the year asked.
    TargetIndikator.objects.create(indikator=v1.indikator.get(kode="IT-1"), tahun=2023, nilai=70)
    TargetIndikator.objects.create(indikator=v2.indikator.get(kode="IT-1"), tahun=2025, nilai=80)
    assert bab2_tujuan(2023)[2].rows[0][1] == "Meningkatkan kesejahteraan sosial"
    assert bab2_tujuan(2025)[2].rows[0][1] == "Tujuan baru"
    a7_2023, a7_2025 = a7_program_kegiatan(2023)[2].rows, a7_program_kegiatan(2025)[2].rows
    assert list(a7_2023[0][2:4]) == [Decimal(40), Decimal(30)]  # Q1 2023 of version 1, frozen
    assert list(a7_2025[0][2:4]) == [200, Decimal(150)]  # Q2 2025 of version 2


def test_refusals(v1, users):
    """D252: refused with a message and nothing made."""
    for tahun, alasan, message in (
        (2025, "  ", "Tuliskan alasan"),
        (2021, "RPJMD", r"sesudah tahun berlakunya versi 1 \(2021\)"),
        (2020, "RPJMD", "di dalam periode 2021–2026"),
        (2027, "RPJMD", "di dalam periode 2021–2026"),
        (2023, "RPJMD", "sudah punya realisasi tahun 2023"),
    ):
        with pytest.raises(RenstraRefused, match=message):
            _perubahan(v1, users, tahun, alasan)
    v2 = _perubahan(v1, users, 2024)
    with pytest.raises(RenstraRefused, match="sudah punya Renstra Perubahan \\(versi 2\\)"):
        _perubahan(v1, users, 2025)
    renstra_lock(renstra=v2, user=users["perencana"])
    with pytest.raises(RenstraRefused, match="sudah dikunci"):
        _perubahan(v2, users, 2026)
    assert Renstra.objects.count() == 2
    assert AuditEntry.objects.filter(aksi="renstra_perubahan").count() == 1


def test_pk_of_a_year_is_made_on_the_version_in_force(jabatan, users):
    """D251/D252: a PK is drawn from the version in force in its year; a PK of a year blocks a
    Perubahan in force from that year."""
    v1 = Renstra.objects.get()
    pk_2025 = pk_draft(jabatan=jabatan["kabid"], tahun=2025, user=users["perencana"])
    with pytest.raises(RenstraRefused, match="sudah punya Perjanjian Kinerja tahun 2025"):
        _perubahan(v1, users, 2025)
    v2 = _perubahan(v1, users, 2026)
    pk_2026 = pk_draft(jabatan=jabatan["kabid"], tahun=2026, user=users["perencana"])
    assert (pk_2025.renstra, pk_2026.renstra) == (v1, v2)
    assert {r.indikator.renstra_id for r in pk_2026.indikator.select_related("indikator")} == {
        v2.pk
    }
    assert PerjanjianKinerja.objects.filter(renstra=v1).count() == 1


# --- the screen -----------------------------------------------------------------------------------
def test_perubahan_view(client, users, v1):
    url = URL.format(v1.pk)
    r = client.post(url, {"berlaku_mulai": "2025", "alasan": "RPJMD"})
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")
    client.force_login(users["kadis"])
    assert client.post(url, {"berlaku_mulai": "2025", "alasan": "RPJMD"}).status_code == 403
    client.force_login(users["perencana"])
    assert client.get(url).status_code == 405
    assert client.post(URL.format(9999), {}).status_code == 404
    for data, message in (
        ({"berlaku_mulai": "dua", "alasan": "RPJMD"}, "Tahun berlaku harus tahun empat angka."),
        ({"berlaku_mulai": "2025", "alasan": ""}, "Tuliskan alasan Renstra Perubahan"),
        ({"berlaku_mulai": "2021", "alasan": "RPJMD"}, "sesudah tahun berlakunya versi 1"),
    ):
        r = client.post(url, data)
        html = r.content.decode()
        assert r.status_code == 400 and message in html, html
        assert "<details open>" in html  # the refused form stays open beside its version
    assert Renstra.objects.count() == 1
    r = client.post(url, {"berlaku_mulai": "2025", "alasan": "Perubahan RPJMD"})
    assert r.status_code == 302 and r["Location"] == "/kinerja/pohon/renstra/"
    html = client.get("/kinerja/pohon/renstra/").content.decode()
    assert "Renstra Dinas Sosial (Perubahan, versi 2)" in html
    assert "<td>2025</td>" in html and "versi 1: Perubahan RPJMD" in html
    assert "digantikan Renstra Perubahan" in html
    # Only the latest version offers a Perubahan and an import.
    assert html.count("Buat Renstra Perubahan</summary>") == 1
    assert html.count("Impor pohon</a>") == 1


def test_tree_page_before_and_after_the_change(client, users, v1):
    v2 = _perubahan(v1, users, 2025)
    simpul_update(simpul=v2.simpul.get(kode="T1"), user=users["perencana"], uraian="Tujuan baru")
    client.force_login(users["auditor"])
    old = client.get("/kinerja/pohon/?tahun=2024").content.decode()
    new = client.get("/kinerja/pohon/?tahun=2025").content.decode()
    assert "Renstra Dinas Sosial (2021–2026)" in old and "Meningkatkan kesejahteraan" in old
    assert "Tujuan baru" not in old
    assert "Renstra Dinas Sosial (Perubahan, versi 2) (2021–2026)" in new
    assert "berlaku mulai 2025" in new and "Tujuan baru" in new
    # The replaced version can still be read for a later year, marked as not in force.
    shown = client.get(f"/kinerja/pohon/?renstra={v1.pk}&tahun=2025").content.decode()
    assert "Tahun 2025 memakai versi lain" in shown
    node = v1.simpul.get(kode="S1")
    client.force_login(users["perencana"])
    page = client.get(f"/kinerja/pohon/simpul/{node.pk}/?tahun=2024").content.decode()
    assert "Ubah simpul" not in page
