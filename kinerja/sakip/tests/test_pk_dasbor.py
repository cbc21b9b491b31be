"""The dashboard shows each Bidang's PK indicators beside the IKU."""

from decimal import Decimal

from kinerja.sakip.models import IndikatorKinerja, Realisasi
from kinerja.sakip.services.pk import pk_approve, pk_draft

from .pk_data import jabatan_fixture  # noqa: F401


def test_dashboard_pk_panel(client, users, jabatan, tree):
    pk_approve(
        pk=pk_draft(jabatan=jabatan["kabid"], tahun=2025, user=users["perencana"]),
        user=users["kadis"],
    )
    ip1 = IndikatorKinerja.objects.get(renstra=tree, kode="IP-1")
    Realisasi.objects.create(indikator=ip1, tahun=2025, periode=2, nilai=Decimal(50))
    assert client.get("/beranda/?tahun=2025&triwulan=2")["Location"].startswith("/masuk/")
    client.force_login(users["kabid_rehabilitasi"])
    html = client.get("/beranda/?tahun=2025&triwulan=2").content.decode()
    assert "Indikator PK Bidang (Triwulan 2 2025)" in html
    assert "IP-1: Jumlah PPKS yang direhabilitasi (orang)" in html
    assert '<td class="num">90</td><td class="num">50</td><td class="num">55,56 %</td>' in html
    assert "<strong>di bawah target</strong>" in html
    client.force_login(users["staf_linjamsos"])  # another Bidang: not its panel
    assert "IP-1: Jumlah PPKS" not in client.get("/beranda/?tahun=2025&triwulan=2").content.decode()
    client.force_login(users["kadis"])
    html = client.get("/beranda/?tahun=2025&triwulan=4").content.decode()
    assert "Indikator PK Bidang (Triwulan 4 2025)" in html and "<strong>terlambat</strong>" in html
    r = client.get("/beranda/?tahun=abc")  # bad period: the latest period with data, a warning
    assert r.status_code == 200 and "Periode tidak valid" in r.content.decode()
