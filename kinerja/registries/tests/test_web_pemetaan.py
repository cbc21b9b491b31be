"""Uploads of foreign files (issue 14 item 3, D180-D184): the proposed mapping, labels coded on screen
and saved as a new mapping version, the preview through the mapping, the import recording it."""

import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.audit.models import AuditEntry
from kinerja.registries.models import Impor, Pemetaan, Ppks
from kinerja.registries.tests.pemetaan_files import (
    CODES,
    SIKS_HEADER,
    UNKNOWN,
    nik_terbuka,
    siks_ppks_xlsx,
)

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE


def upload(client, kind: str = "ppks", content: bytes | None = None, name="siks ppks.xlsx"):
    f = SimpleUploadedFile(name, content if content is not None else siks_ppks_xlsx())
    r = client.post(reverse("registri:unggah_form", args=[kind]), {"file": f})
    assert r.status_code == 302, r.content.decode()[:2000]
    token = r["Location"].rstrip("/").split("/")[-2]
    return r["Location"], token


def urls(kind: str, token: str) -> dict[str, str]:
    return {
        step: reverse(f"registri:unggah_{step}", args=[kind, token])
        for step in ("pratinjau", "pemetaan", "label", "proses")
    }


def to_labels(client, token: str, kind: str = "ppks", mapping: str = "siks-ppks") -> dict:
    u = urls(kind, token)
    r = client.post(u["pemetaan"], {"aksi": "pakai", "pemetaan": mapping})
    assert r.status_code == 302 and r["Location"] == u["pratinjau"]
    r = client.get(u["pratinjau"])
    assert r.status_code == 302 and r["Location"] == u["label"]
    return u


def label_choices(client, u: dict) -> dict[str, str]:
    """The label form's field per label, read from the page (their order is the file's)."""
    html = client.get(u["label"]).content.decode()
    found = dict(re.findall(r'<label for="id_(kode_\d+)">([^<]+)</label>', html))
    return {label: field for field, label in found.items()}


@pytest.mark.django_db
def test_a_siks_ng_export_goes_to_the_mapping_screen_with_siks_ppks_proposed(client, users):
    client.force_login(users["staf_rehabilitasi"])
    pratinjau, token = upload(client)
    u = urls("ppks", token)
    r = client.get(pratinjau)
    assert r.status_code == 302 and r["Location"] == u["pemetaan"]
    html = client.get(u["pemetaan"]).content.decode()
    assert (
        "Judul kolom file ini cocok dengan pemetaan" in html
        and "<strong>siks-ppks</strong>" in html
    )
    # every file column with its first values beside it, NIK and KK masked
    assert "DESA/KELURAHAN" in html and "KOMET · PALAM · GUNTUNG PAYUNG" in html
    assert "6372********0005" in html and not nik_terbuka(html)
    assert 'value="siks-ppks" checked' in html
    assert Ppks.objects.count() == 0 and not Impor.objects.exists()


@pytest.mark.django_db
def test_two_unknown_labels_coded_saved_as_a_version_then_imported(client, users):
    client.force_login(users["staf_rehabilitasi"])
    _, token = upload(client)
    u = to_labels(client, token)
    html = client.get(u["label"]).content.decode()
    for label, rows in UNKNOWN.items():
        assert re.search(rf">{label}</label></th><td>{rows} baris</td>", html), label
    fields = label_choices(client, u)
    assert set(fields) == set(UNKNOWN)
    assert not Pemetaan.objects.exists()  # nothing saved before the clerk chose
    r = client.post(u["label"], {"aksi": "simpan", "nama": "siks-ppks",
                                 **{fields[k]: v for k, v in CODES.items()}})  # fmt: skip
    assert r.status_code == 302 and r["Location"] == u["pratinjau"]
    saved = Pemetaan.objects.get()
    assert (saved.nama, saved.versi, saved.jenis) == ("siks-ppks", 1, "ppks")
    assert saved.isi["labels"]["jenis_ppks"]["LANSIA TELANTAR"] == "lanjut_usia_telantar"
    assert saved.dibuat_oleh == users["staf_rehabilitasi"]
    entry = AuditEntry.objects.get(aksi="simpan_pemetaan")
    assert entry.objek_id == "siks-ppks v1" and "DISABILITAS NETRA" in entry.sesudah["catatan"]

    # The preview through the mapping: the rows as PPKS columns, each with its problem.
    html = client.get(u["pratinjau"]).content.decode()
    assert "Dibaca melalui pemetaan" in html and "versi 1" in html
    facts = re.findall(r"<dd>(\d+)</dd>", html)
    assert facts[:3] == ["7", "4", "3"]
    assert "lanjut_usia_telantar" in html and "63.72.02.1004" in html
    assert html.count('class="ditolak"') == 3 and html.count("badge ok") == 4
    assert "SUKAMAJU" in html and "TANGGAL PENDATAAN" in html
    assert not nik_terbuka(html)

    r = client.post(u["pratinjau"])
    assert r.status_code == 302 and r["Location"] == u["proses"]
    impor = Impor.objects.get(uji_coba=False)
    assert (impor.pemetaan, impor.pemetaan_versi) == ("siks-ppks", 1)
    assert (impor.baris_dibaca, impor.diterima, impor.ditolak) == (7, 4, 3)
    assert sorted(Ppks.objects.values_list("jenis_id", flat=True)) == [
        "lanjut_usia_telantar", "lanjut_usia_telantar", "penyandang_disabilitas",
        "penyandang_disabilitas",
    ]  # fmt: skip
    html = client.get(u["proses"]).content.decode()
    assert "Impor selesai." in html and "siks-ppks" in html

    # The rejects of an XLSX upload are XLSX: original columns, row number, reason; text cells.
    r = client.post(reverse("registri:unggah_tolakan", args=[impor.pk]))
    assert r.status_code == 200 and 'siks ppks.rejected.xlsx"' in r["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(r.streaming_content))).active
    rows = list(sheet.iter_rows())
    assert [c.value for c in rows[0]] == [*SIKS_HEADER, "baris", "alasan_ditolak"]
    assert [(c[0].value, c[1].value, c[10].value) for c in rows[1:]] == [
        ("4", "1234", "5"), ("5", "6372041506800013", "6"), ("6", "6372042007750015", "7")
    ]  # fmt: skip
    assert all(c.data_type == "s" for row in rows[1:] for c in row[1:3])
    assert "SUKAMAJU" in rows[2][11].value and "TANGGAL PENDATAAN" in rows[3][11].value


@pytest.mark.django_db
def test_the_saved_version_knows_the_labels_and_a_new_label_makes_version_2(client, users):
    client.force_login(users["staf_rehabilitasi"])
    _, token = upload(client)
    u = to_labels(client, token)
    fields = label_choices(client, u)
    client.post(u["label"], {"aksi": "simpan", "nama": "siks-ppks",
                             **{fields[k]: v for k, v in CODES.items()}})  # fmt: skip
    client.post(u["pratinjau"])
    # Again, with a third label: the saved version is proposed and knows the first two.
    from kinerja.registries.tests.pemetaan_files import SIKS_HEADER, SIKS_ROWS, xlsx

    rows = [r[:8] + ["ANAK JALANAN DAN TERLANTAR", r[9]] if r[0] == 1 else r for r in SIKS_ROWS]
    _, token = upload(client, content=xlsx(SIKS_HEADER, rows))
    u = urls("ppks", token)
    html = client.get(u["pemetaan"]).content.decode()
    assert "versi 1" in html
    u = to_labels(client, token)
    assert set(label_choices(client, u)) == {"ANAK JALANAN DAN TERLANTAR"}
    fields = label_choices(client, u)
    r = client.post(u["label"], {"aksi": "simpan", "nama": "siks-ppks",
                                 fields["ANAK JALANAN DAN TERLANTAR"]: "anak_jalanan"})  # fmt: skip
    assert r.status_code == 302
    assert list(Pemetaan.objects.values_list("versi", flat=True)) == [2, 1]
    client.post(u["pratinjau"])
    impor = Impor.objects.filter(uji_coba=False).order_by("-pk").first()
    assert (impor.pemetaan, impor.pemetaan_versi, impor.diterima) == ("siks-ppks", 2, 4)
    # the same people and registrations: the second import changed the one label's row only
    assert Ppks.objects.count() == 5


@pytest.mark.django_db
def test_skipping_the_labels_rejects_their_rows_with_the_label_named(client, users):
    client.force_login(users["kabid_rehabilitasi"])
    _, token = upload(client)
    u = to_labels(client, token)
    r = client.post(u["label"], {"aksi": "lewati"})
    assert r.status_code == 302 and not Pemetaan.objects.exists()
    html = client.get(u["pratinjau"]).content.decode()
    assert re.findall(r"<dd>(\d+)</dd>", html)[:3] == ["7", "1", "6"]
    assert "label &#x27;LANSIA TELANTAR&#x27; tidak dikenal di pemetaan siks-ppks" in html
    client.post(u["pratinjau"])
    impor = Impor.objects.get(uji_coba=False)
    assert (impor.pemetaan, impor.pemetaan_versi, impor.diterima) == ("siks-ppks", 0, 1)
