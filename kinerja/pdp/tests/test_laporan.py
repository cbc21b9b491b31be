"""The data-subject report (D85): who may run it, what it holds, that every run is logged per person."""

import io
import os

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from kinerja.audit.models import AksesDataPribadi
from kinerja.registries.models import Impor, Layanan
from kinerja.registries.tests.web_fixtures import NIK_BUDI, NIK_SITI, data  # noqa: F401

URL = "/pdp/laporan/"
WRONG_ROLES = [
    "perencana", "staf_rehabilitasi", "staf_linjamsos", "kabid_linjamsos", "auditor",
]  # fmt: skip


def _run(client, identitas, fmt="html"):
    return client.post(URL, {"identitas": identitas, "format": fmt})


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, data):  # noqa: F811
    for r in (client.get(URL), _run(client, NIK_SITI)):
        assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
    assert not AksesDataPribadi.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", WRONG_ROLES)
def test_other_roles_are_refused_and_nothing_is_logged(client, users, data, role):  # noqa: F811
    client.force_login(users[role])
    assert client.get(URL).status_code == 403
    r = _run(client, NIK_SITI)
    assert r.status_code == 403
    body = r.content.decode()
    assert "Siti Aminah" not in body and NIK_SITI not in body
    assert not AksesDataPribadi.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["kadis", "admin"])
def test_report_holds_everything_and_who_looked(client, users, data, role):  # noqa: F811
    # Earlier looks at Siti, through the person page and the NIK reveal.
    client.force_login(users["auditor"])
    client.get(reverse("registri:orang_detail", args=[data.siti.pk]))
    client.force_login(users["staf_linjamsos"])
    client.post(reverse("registri:orang_nik", args=[data.siti.pk]))
    client.get(reverse("registri:orang_detail", args=[data.budi.pk]))  # someone else: not listed

    client.force_login(users[role])
    assert client.get(URL).status_code == 200
    r = _run(client, NIK_SITI)
    assert r.status_code == 200
    assert "no-store" in r["Cache-Control"]
    html = r.content.decode()
    for expected in (
        "Siti Aminah", NIK_SITI, data.siti.no_kk, "15 Februari 1985",  # identity
        "2024-06",  # DTKS membership
        "BJR-2024-01",  # victim row
        "Bantuan sosial kesejahteraan keluarga",  # a service
        "Membuka halaman orang", "Menampilkan NIK lengkap", "Laporan subjek data (UU PDP)",
        "auditor", "staf_linjamsos",
    ):  # fmt: skip
        assert expected in html, expected
    assert "Budi Santoso" not in html and NIK_BUDI not in html
    # This run is logged, linked to the person, without the NIK in its text.
    row = AksesDataPribadi.objects.get(jenis="laporan_pdp")
    assert row.orang_id == data.siti.pk and row.nama_pengguna == role
    assert NIK_SITI not in row.objek
    # The NIK reveal and the page opening were found by the link, not by the text.
    assert AksesDataPribadi.objects.filter(orang_id=data.siti.pk).count() == 3


@pytest.mark.django_db
def test_report_lists_imports_history_and_correction_reasons(client, users, data):  # noqa: F811
    client.force_login(users["admin"])
    r = client.post(
        reverse("registri:orang_edit", args=[data.siti.pk]),
        {"nik": NIK_SITI, "nama": "Siti Aminah Rahman", "jenis_kelamin": "P",
         "tanggal_lahir": "1985-02-15", "no_kk": data.siti.no_kk, "kelurahan": "63.72.03.1001",
         "alasan": "Koreksi nama sesuai KTP baru"},
    )  # fmt: skip
    assert r.status_code == 302
    impor = Impor.objects.create(
        jenis="layanan", nama_file="bansos-2024-q3.csv", pengguna=users["admin"]
    )
    Layanan.objects.filter(pk=data.layanan_bansos.pk).update(impor=impor, impor_baris=7)
    html = _run(client, NIK_SITI).content.decode()
    assert "bansos-2024-q3.csv" in html and f"layanan #{data.layanan_bansos.pk}, baris 7" in html
    assert "Koreksi nama sesuai KTP baru" in html
    assert "Siti Aminah → Siti Aminah Rahman" in html  # field-level history


@pytest.mark.django_db
def test_person_page_button_runs_the_report_without_the_nik(client, users, data):  # noqa: F811
    client.force_login(users["kadis"])
    page = client.get(reverse("registri:orang_detail", args=[data.siti.pk])).content.decode()
    assert f'name="orang" value="{data.siti.pk}"' in page and NIK_SITI not in page
    r = client.post(URL, {"orang": data.siti.pk, "format": "html"})
    html = r.content.decode()
    assert r.status_code == 200 and NIK_SITI in html and "Siti Aminah" in html
    assert f'name="orang" value="{data.siti.pk}"' in html  # the PDF button carries the id too
    assert AksesDataPribadi.objects.filter(jenis="laporan_pdp", orang=data.siti).count() == 1


@pytest.mark.django_db
def test_person_without_nik_is_found_by_id_lokal(client, users, data):  # noqa: F811
    client.force_login(users["kadis"])
    html = _run(client, "REH-2024-007").content.decode()
    assert "Pak Tua" in html and "Gelandangan" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "identitas,message",
    [
        ("", "Isi NIK atau ID lokal orang yang meminta laporan."),
        ("6372049999990009", "Tidak ada orang dengan NIK atau ID lokal ini."),
        ("x" * 80, "Pastikan nilai ini mengandung paling banyak 50 karakter"),
        ({"orang": "999999"}, "Tidak ada orang dengan NIK atau ID lokal ini."),
        ({"orang": "abc"}, "Orang tidak dikenal."),
        ({"orang": "-1"}, "Orang tidak dikenal."),
    ],
)
def test_bad_input_says_why_and_logs_nothing(client, users, data, identitas, message):  # noqa: F811
    client.force_login(users["admin"])
    if isinstance(identitas, dict):
        r = client.post(URL, identitas | {"format": "html"})
    else:
        r = _run(client, identitas)
    assert r.status_code == 200
    assert message in r.content.decode()
    assert not AksesDataPribadi.objects.exists()


@pytest.mark.django_db
def test_pdf_is_a_printable_report(client, users, data):  # noqa: F811
    client.force_login(users["kadis"])
    r = _run(client, NIK_SITI, fmt="pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert NIK_SITI not in r["Content-Disposition"]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    assert "Siti Aminah" in text and "LAPORAN DATA PRIBADI" in text and "BJR-2024-01" in text
    assert AksesDataPribadi.objects.get().objek.endswith("(pdf)")


@pytest.mark.django_db
def test_command_writes_the_report_and_logs_it(data, users, tmp_path):  # noqa: F811
    out = io.StringIO()
    pdf = tmp_path / "laporan.pdf"
    call_command("pdp", "laporan", NIK_SITI, "--output", str(pdf), stdout=out)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert oct(os.stat(pdf).st_mode & 0o777) == "0o600"
    assert "tercatat di log akses data pribadi" in out.getvalue()
    html = tmp_path / "laporan.html"
    call_command("pdp", "laporan", NIK_SITI, "--output", str(html), "--user", "kadis", stdout=out)
    text = html.read_text()
    assert "Siti Aminah" in text and "@media print" in text
    rows = list(AksesDataPribadi.objects.order_by("pk"))
    assert [r.orang_id for r in rows] == [data.siti.pk, data.siti.pk]
    assert rows[0].nama_pengguna.startswith("perintah: ") and rows[1].nama_pengguna == "kadis"
    with pytest.raises(CommandError, match="Tidak ada orang"):
        call_command("pdp", "laporan", "6372049999990009", "--output", str(pdf))
    with pytest.raises(CommandError, match="tidak ada atau tidak aktif"):
        call_command("pdp", "laporan", NIK_SITI, "--output", str(pdf), "--user", "siapa")
