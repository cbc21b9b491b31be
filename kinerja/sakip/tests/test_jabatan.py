"""The position table page: anonymous, wrong role, right role, bad input."""

from kinerja.audit.models import AuditEntry
from kinerja.organisation.models import Bidang
from kinerja.sakip.models import Jabatan

from .pk_data import jabatan_fixture  # noqa: F401


def _data(jabatan, **over):
    base = {
        "kode": "kasi-rsl", "jenis": "kepala_seksi", "nama": "Kepala Seksi Rehabilitasi Lanjut",
        "bidang": Bidang.objects.get(kode="rehabilitasi").pk, "seksi": "Seksi RSL",
        "atasan": jabatan["kabid"].pk, "pemegang_nama": "Sari Wulandari, S.Sos",
        "pemegang_nip": "198801012010012001", "pemegang_pangkat": "Penata (III/c)", "urutan": 6,
    }  # fmt: skip
    return base | over


def test_position_table(client, users, jabatan):
    url = "/kinerja/pohon/pk/jabatan/"
    assert client.get(url)["Location"].startswith("/masuk/")
    client.force_login(users["auditor"])
    html = client.get(url).content.decode()
    assert html.count("<tr>") == 6 and "Simpan jabatan" not in html
    assert client.post(url, _data(jabatan)).status_code == 403
    client.force_login(users["perencana"])
    for bad, message in (
        ({"pemegang_nip": "12ab"}, "NIP harus 18 angka"),
        ({"atasan": ""}, "harus punya atasan"),
        ({"kode": "kadis"}, "sudah dipakai"),
        ({"jenis": "raja"}, "Jenis jabatan"),
    ):
        r = client.post(url, _data(jabatan, **bad))
        assert r.status_code == 400 and message in r.content.decode(), bad
    assert Jabatan.objects.count() == 5
    assert client.post(url, _data(jabatan)).status_code == 302
    row = Jabatan.objects.get(kode="kasi-rsl")
    assert (row.atasan, row.pemegang_nip) == (jabatan["kabid"], "198801012010012001")
    r = client.post(f"{url}{row.pk}/", _data(jabatan, pemegang_nama="Sari W."))
    assert r.status_code == 302 and Jabatan.objects.get(pk=row.pk).pemegang_nama == "Sari W."
    assert AuditEntry.objects.filter(aksi="jabatan_simpan").count() == 2
    assert client.get(f"{url}{row.pk + 99}/").status_code == 404
