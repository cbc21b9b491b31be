"""The mapped-upload pages (D180-D184) as anonymous, wrong role, right role and with bad input: an
unknown mapping, a constant of the wrong form, a label given a code outside its list, a missing
kejadian or periode, a mapping made on screen, D22 through a mapping."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from kinerja.registries.models import Bencana, Impor, Korban, Layanan, Pemetaan, Ppks
from kinerja.registries.tests.pemetaan_files import BNBA_CSV
from kinerja.registries.tests.test_web_pemetaan import (  # noqa: F401  (fixture)
    _media,
    label_choices,
    to_labels,
    upload,
    urls,
)

CUSTOM_CSV = (
    "No Induk;Nama Lengkap;Jenis;Tgl Daftar;Kode Kel\n"
    "6372046304920005;Rina;Anak Telantar;05/01/2024;6372041003\n"
    "6372041208900009;Tono;pengemis;2024-01-05;63.72.04.1003\n"
)
BANSOS_CSV = (
    "NIK KPM;NAMA KPM;NO KK;KECAMATAN;KELURAHAN;JENIS BANSOS;TAHAP SALUR;STATUS SALUR\n"
    "6372046304920005;RINA;6372040101920005;CEMPAKA;PALAM;PKH;Tahap 1 Tahun 2024;SUKSES\n"
)
SIKS_DTKS_CSV = (
    "ID DTKS;PROVINSI;KABUPATEN/KOTA;KECAMATAN;DESA/KELUARAHAN;NOMOR NIK;NOMOR KK;NAMA;"
    "TANGGAL LAHIR;JENIS KELAMIN\n"
    "D-1;KALIMANTAN SELATAN;KOTA BANJARBARU;CEMPAKA;PALAM;6372046304920005;6372040101920005;"
    "RINA;23/04/1992;PEREMPUAN\n"
)


def _csv(text: str) -> bytes:
    return text.encode("utf-8")


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    for step in ("pemetaan", "label"):
        url = reverse(f"registri:unggah_{step}", args=["ppks", "abc"])
        for r in (client.get(url), client.post(url, {"aksi": "pakai"})):
            assert r.status_code == 302 and r["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_wrong_roles_get_403_and_another_session_404(client, users):
    client.force_login(users["staf_rehabilitasi"])
    _, token = upload(client)
    u = urls("ppks", token)
    for role in ("staf_linjamsos", "staf_pemberdayaan", "auditor", "kadis", "perencana"):
        client.force_login(users[role])
        for step in ("pemetaan", "label"):
            assert client.get(u[step]).status_code == 403, (role, step)
            assert (
                client.post(u[step], {"aksi": "pakai", "pemetaan": "siks-ppks"}).status_code == 403
            )
    client.force_login(users["kabid_rehabilitasi"])  # the right Bidang, not this upload's session
    assert client.get(u["pemetaan"]).status_code == 404
    assert not Impor.objects.exists() and not Pemetaan.objects.exists()


@pytest.mark.django_db
def test_right_roles_see_the_mapping_screen_and_a_page_out_of_step_goes_back(client, users):
    for role in ("admin", "kabid_rehabilitasi"):
        client.force_login(users[role])
        _, token = upload(client)
        u = urls("ppks", token)
        r = client.get(u["pemetaan"])
        assert r.status_code == 200 and "Petakan kolom sendiri" in r.content.decode()
        r = client.get(u["label"])  # not at that step: back to the preview, which redirects
        assert r.status_code == 302 and r["Location"] == u["pratinjau"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["bukan-ada", "siks-dtks", "/etc/passwd", ""])
def test_an_unknown_mapping_is_refused(client, users, name):
    client.force_login(users["staf_rehabilitasi"])
    _, token = upload(client)
    u = urls("ppks", token)
    r = client.post(u["pemetaan"], {"aksi": "pakai", "pemetaan": name})
    html = r.content.decode()
    assert r.status_code == 400
    assert ("Pilih salah satu pemetaan." if not name else "Pemetaan itu tidak ada") in html
    assert client.get(u["pratinjau"])["Location"] == u["pemetaan"]  # still at that step


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"tetap_tanggal_daftar": "32/13/2024"}, "bukan tanggal"),
        ({"tetap_jenis_ppks": "bukan_kode"}, "tidak ada dalam daftar kode"),
        ({"tetap_lokasi": "panti"}, "tidak ada dalam daftar kode"),
        ({"tetap_nik": "6372046304920005"}, "Nomor identitas tidak boleh nilai tetap"),
        ({"kolom_nama": "99"}, "Kolom itu tidak ada di file."),
        ({"kolom_jenis_ppks": "2", "tetap_jenis_ppks": "pengemis"}, "bukan keduanya"),
        ({"kolom_jenis_ppks": ""}, "Pemetaan belum lengkap"),
    ],
)
def test_a_mapping_made_on_screen_with_bad_input_is_refused(client, users, fields, message):
    client.force_login(users["staf_rehabilitasi"])
    _, token = upload(client, content=_csv(CUSTOM_CSV), name="daftar.csv")
    u = urls("ppks", token)
    good = {"aksi": "buat", "kolom_nik": "0", "kolom_nama": "1", "kolom_jenis_ppks": "2",
            "kolom_tanggal_daftar": "3", "kolom_kode_wilayah": "4"}  # fmt: skip
    if "kolom_jenis_ppks" not in fields:  # a constant alone, not beside its file column
        good.update({k.replace("tetap_", "kolom_"): "" for k in fields})
    r = client.post(u["pemetaan"], {**good, **fields})
    html = r.content.decode()
    assert r.status_code == 400 and message in html, re.findall(r"field-error\">[^<]*", html)
    assert client.get(u["pratinjau"])["Location"] == u["pemetaan"]


@pytest.mark.django_db
def test_a_mapping_made_on_screen_is_saved_with_its_labels_and_imports(client, users):
    client.force_login(users["staf_rehabilitasi"])
    _, token = upload(client, content=_csv(CUSTOM_CSV), name="daftar.csv")
    u = urls("ppks", token)
    html = client.get(u["pemetaan"]).content.decode()
    assert "Tidak ada pemetaan yang cocok" in html and "Anak Telantar, pengemis" in html
    r = client.post(u["pemetaan"], {
        "aksi": "buat", "kolom_nik": "0", "kolom_nama": "1", "kolom_jenis_ppks": "2",
        "kolom_tanggal_daftar": "3", "kolom_kode_wilayah": "4", "tetap_lokasi": "luar_panti",
    })  # fmt: skip
    assert r.status_code == 302 and not Pemetaan.objects.exists()
    r = client.get(u["pratinjau"])
    assert r["Location"] == u["label"]
    html = client.get(u["label"]).content.decode()
    # every value of a coded column is a label to confirm; a code in other words is proposed
    assert '<option value="anak_telantar" selected>' in html
    assert '<option value="pengemis" selected>' in html
    fields = label_choices(client, u)
    r = client.post(u["label"], {"aksi": "lewati"})  # a new mapping must be saved to be used
    assert r.status_code == 400 and not Pemetaan.objects.exists()
    r = client.post(u["label"], {"aksi": "simpan", "nama": "ppks-kelurahan",
                                 fields["Anak Telantar"]: "anak_telantar",
                                 fields["pengemis"]: "pengemis"})  # fmt: skip
    assert r.status_code == 302
    saved = Pemetaan.objects.get()
    assert (saved.nama, saved.versi) == ("ppks-kelurahan", 1)
    assert saved.isi["labels"]["jenis_ppks"] == {"Anak Telantar": "anak_telantar",
                                                 "pengemis": "pengemis"}  # fmt: skip
    html = client.get(u["pratinjau"]).content.decode()
    assert re.findall(r"<dd>(\d+)</dd>", html)[:3] == ["2", "2", "0"]
    client.post(u["pratinjau"])
    impor = Impor.objects.get(uji_coba=False)
    assert (impor.pemetaan, impor.pemetaan_versi, impor.diterima) == ("ppks-kelurahan", 1, 2)
    assert set(Ppks.objects.values_list("lokasi", flat=True)) == {"luar_panti"}


@pytest.mark.django_db
def test_a_label_given_a_code_outside_its_list_or_a_bad_name_is_refused(client, users):
    client.force_login(users["staf_rehabilitasi"])
    _, token = upload(client)
    u = to_labels(client, token)
    fields = label_choices(client, u)
    first, second = fields["LANSIA TELANTAR"], fields["DISABILITAS NETRA"]
    r = client.post(u["label"], {"aksi": "simpan", "nama": "siks-ppks", first: "bukan_kode",
                                 second: "penyandang_disabilitas"})  # fmt: skip
    assert r.status_code == 400
    assert "Kode itu tidak ada di daftar kode jenis_ppks." in r.content.decode()
    r = client.post(u["label"], {"aksi": "simpan", "nama": "nama/dengan spasi",
                                 first: "pengemis", second: "pengemis"})  # fmt: skip
    assert r.status_code == 400 and "Nama pemetaan: 1-60 huruf" in r.content.decode()
    r = client.post(u["label"], {"aksi": "simpan", "nama": "siks-ppks", first: "pengemis"})
    assert r.status_code == 400 and "Pilih kode untuk label" in r.content.decode()
    assert not Pemetaan.objects.exists()


@pytest.mark.django_db
def test_bnba_needs_a_registered_kejadian(client, users):
    Bencana.objects.create(kode_kejadian="BJR-2024-01", jenis="alam", sub_jenis="banjir",
                           tanggal_kejadian=dt.date(2024, 1, 10), wilayah_id="63.72.03")  # fmt: skip
    client.force_login(users["staf_linjamsos"])
    _, token = upload(client, "korban", _csv(BNBA_CSV), "bnba.csv")
    u = urls("korban", token)
    html = client.get(u["pemetaan"]).content.decode()
    assert "<strong>bnba-korban</strong>" in html and "BJR-2024-01 (banjir, 10-01-2024)" in html
    r = client.post(u["pemetaan"], {"aksi": "pakai", "pemetaan": "bnba-korban"})
    assert r.status_code == 400 and "perlu kejadian bencana yang terdaftar" in r.content.decode()
    r = client.post(u["pemetaan"], {"aksi": "pakai", "pemetaan": "bnba-korban",
                                    "kejadian": "BJR-2099-09"})  # fmt: skip
    assert r.status_code == 400 and "Kejadian itu belum terdaftar." in r.content.decode()
    r = client.post(u["pemetaan"], {"aksi": "pakai", "pemetaan": "bnba-korban",
                                    "kejadian": "BJR-2024-01"})  # fmt: skip
    html = client.get(u["pratinjau"]).content.decode()
    assert "Bantuan yang akan dicatat sebagai layanan kejadian ini: 2." in html
    client.post(u["pratinjau"])
    assert Korban.objects.get().kondisi == "mengungsi"
    assert sorted(Layanan.objects.values_list("jenis_id", flat=True)) == ["permakanan", "sandang"]
    html = client.get(u["proses"]).content.decode()
    assert "Impor selesai." in html and "bnba-korban (bawaan)" in html
    assert "Bantuan dicatat sebagai layanan</dt><dd>2</dd>" in html


@pytest.mark.django_db
@pytest.mark.parametrize(("periode", "message"), [
    ("", "Pemetaan ini perlu periode DTKS"), ("2025-13", "Periode ditulis TTTT-BB"),
])  # fmt: skip
def test_siks_dtks_needs_a_periode_of_the_right_form(client, users, periode, message):
    client.force_login(users["staf_linjamsos"])
    _, token = upload(client, "dtks", _csv(SIKS_DTKS_CSV), "dtks.csv")
    u = urls("dtks", token)
    r = client.post(u["pemetaan"], {"aksi": "pakai", "pemetaan": "siks-dtks", "periode": periode})
    assert r.status_code == 400 and message in r.content.decode()


@pytest.mark.django_db
def test_d22_through_a_mapping_a_rehab_clerk_cannot_import_a_payout_list(client, users):
    client.force_login(users["staf_rehabilitasi"])
    _, token = upload(client, "layanan", _csv(BANSOS_CSV), "salur.csv")
    u = urls("layanan", token)
    client.post(u["pemetaan"], {"aksi": "pakai", "pemetaan": "bansos-salur"})
    html = client.get(u["pratinjau"]).content.decode()
    assert "File ini berisi layanan milik bidang lain (baris 2" in html
    assert client.post(u["pratinjau"]).status_code == 403
    assert not Impor.objects.filter(uji_coba=False).exists() and not Layanan.objects.exists()


@pytest.mark.django_db
def test_a_step_stored_for_another_account_is_refused(client, users, settings):
    import json
    from pathlib import Path

    client.force_login(users["staf_rehabilitasi"])
    _, token = upload(client)
    stored = next(Path(settings.MEDIA_ROOT, "unggah").glob(f"{token}/pratinjau.json"))
    data = json.loads(stored.read_text())
    stored.write_text(json.dumps({**data, "user_id": users["kabid_rehabilitasi"].pk}))
    assert client.get(urls("ppks", token)["pemetaan"]).status_code == 403


@pytest.mark.django_db
def test_a_column_mapped_wrong_shows_sixty_labels_and_says_how_many_more(client, users):
    rows = "".join(f"637204630492{i:04d};Orang {i};X{i};05/01/2024;6372041003\n" for i in range(65))
    client.force_login(users["staf_rehabilitasi"])
    _, token = upload(client, content=_csv(CUSTOM_CSV.splitlines()[0] + "\n" + rows), name="a.csv")
    u = urls("ppks", token)
    r = client.post(u["pemetaan"], {
        "aksi": "buat", "kolom_nik": "0", "kolom_nama": "1", "kolom_jenis_ppks": "2",
        "kolom_tanggal_daftar": "3", "kolom_kode_wilayah": "4",
    })  # fmt: skip
    assert r.status_code == 302
    html = client.get(u["label"]).content.decode()
    assert html.count('<select name="kode_') == 60 and "Dan 5 label lain" in html
