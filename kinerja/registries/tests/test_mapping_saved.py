"""Saved mappings: versions, labels and region spellings added by users, who may, the audit trail,
`kinerja mapping list|show|export|load`, and the import recording the version it used."""

import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from kinerja.audit.models import AuditEntry
from kinerja.regions.models import AliasWilayah
from kinerja.registries.mapping import MappingError, find_mapping, missing_labels, recognise
from kinerja.registries.mapping.regions import RegionIndex
from kinerja.registries.mapping.services import (
    alias_wilayah_add,
    can_edit_mapping,
    mapping_label_add,
    mapping_save,
)
from kinerja.registries.models import Impor, Pemetaan, Ppks

from .test_mapping_world import run, summary

pytestmark = pytest.mark.django_db

PPKS_FILE = """NIK;NAMA;JENIS PPKS;TANGGAL PENDATAAN;KECAMATAN;KELURAHAN
6372040501900002;BUDI;WARIA;2025-01-02;Banjarbaru Utara;Komet
6372044501900001;SITI;ANAK TERLANTAR;2025-01-02;Banjarbaru Utara;Kmt
"""


def test_who_may_edit_a_kinds_mapping(users):
    assert can_edit_mapping(users["staf_rehabilitasi"], "ppks")
    assert can_edit_mapping(users["kabid_linjamsos"], "dtks")
    assert can_edit_mapping(users["staf_linjamsos"], "layanan")
    assert can_edit_mapping(users["staf_rehabilitasi"], "layanan")
    assert can_edit_mapping(users["admin"], "korban")
    assert not can_edit_mapping(users["staf_rehabilitasi"], "dtks")
    assert not can_edit_mapping(users["staf_pemberdayaan"], "ppks")
    for role in ("auditor", "kadis", "perencana"):
        assert not can_edit_mapping(users[role], "ppks")
    with pytest.raises(PermissionDenied):
        mapping_label_add(
            user=users["staf_linjamsos"], name="siks-ppks", labels={"jenis_ppks": {"WARIA": "x"}}
        )


def test_a_label_added_makes_a_new_version_used_and_named_by_the_import(users, tmp_path):
    path = tmp_path / "ppks.csv"
    path.write_text(PPKS_FILE, encoding="utf-8")
    code, out, _ = run("import", "ppks", path, "--mapping", "siks-ppks")
    assert code == 1 and summary(out)["accepted"] == "0"  # WARIA unknown, Kmt unknown
    with pytest.raises(MappingError, match="Kode 'waria' bukan pilihan"):
        mapping_label_add(
            user=users["staf_rehabilitasi"],
            name="siks-ppks",
            labels={"jenis_ppks": {"WARIA": "waria"}},
        )
    saved = mapping_label_add(
        user=users["staf_rehabilitasi"],
        name="siks-ppks",
        labels={"jenis_ppks": {"WARIA": "kelompok_minoritas"}},
    )
    assert saved.version == 1 and find_mapping("siks-ppks").version == 1
    alias_wilayah_add(user=users["staf_rehabilitasi"], kode="63.72.04.1003", nama="Kel. Kmt")
    code, out, _ = run("import", "ppks", path, "--mapping", "siks-ppks")
    assert (code, summary(out)["accepted"], summary(out)["mapping"]) == (0, "2", "siks-ppks v1")
    assert Impor.objects.order_by("-pk").values_list("pemetaan", "pemetaan_versi")[0] == (
        "siks-ppks",
        1,
    )
    assert set(Ppks.objects.values_list("jenis_id", "orang__kelurahan_id")) == {
        ("kelompok_minoritas", "63.72.04.1003"),
        ("anak_telantar", "63.72.04.1003"),
    }
    entries = AuditEntry.objects.filter(aksi__in=["simpan_pemetaan", "tambah_ejaan_wilayah"])
    assert sorted(entries.values_list("aksi", "objek_id", "nama_pengguna")) == [
        ("simpan_pemetaan", "siks-ppks v1", "staf_rehabilitasi"),
        ("tambah_ejaan_wilayah", "63.72.04.1003", "staf_rehabilitasi"),
    ]


def test_region_spellings_are_checked(users):
    with pytest.raises(PermissionDenied):
        alias_wilayah_add(user=users["auditor"], kode="63.72.04.1003", nama="Kmt")
    with pytest.raises(MappingError, match="bukan kecamatan atau kelurahan"):
        alias_wilayah_add(user=users["admin"], kode="63.71.01.1001", nama="X")
    with pytest.raises(MappingError, match="sudah dipakai wilayah 63.72.04.1002"):
        alias_wilayah_add(user=users["admin"], kode="63.72.04.1003", nama="Mentaos")
    # A second Komet, in Cempaka: without its kecamatan the name is now ambiguous, and says so.
    alias_wilayah_add(user=users["admin"], kode="63.72.03.1001", nama="Komet")
    index = RegionIndex.build("63.72")
    assert index.place("", "Cempaka", "Komet") == "63.72.03.1001"
    assert index.place("", "Banjarbaru Utara", "Komet") == "63.72.04.1003"
    with pytest.raises(ValueError, match="ambigu \\(ada di kecamatan Banjarbaru Utara, Cempaka\\)"):
        index.place("", "", "Komet")
    assert AliasWilayah.objects.count() == 1


def test_mapping_command_list_show_export_load(tmp_path, users):
    code, out, _ = run("mapping", "list")
    assert [line.split("\t")[:3] for line in out.splitlines()] == [
        ["siks-dtks", "dtks", "bawaan"],
        ["siks-ppks", "ppks", "bawaan"],
        ["bansos-salur", "layanan", "bawaan"],
        ["bnba-korban", "korban", "bawaan"],
    ]
    code, out, _ = run("mapping", "show", "bansos-salur")
    assert json.loads(out)["filters"][0]["accept"] == [
        "SUKSES",
        "SUKSES SALUR",
        "TERSALUR",
        "SALUR",
    ]
    target = tmp_path / "salur.json"
    run("mapping", "export", "bansos-salur", "--output", target)
    data = json.loads(target.read_text("utf-8"))
    data["name"] = "salur-dinsos"
    data["labels"]["jenis_bansos"]["ATENSI"] = "bansos_keluarga"
    target.write_text(json.dumps(data), "utf-8")
    code, out, _ = run("mapping", "load", target, "--user", "staf_linjamsos")
    assert out.strip() == "salur-dinsos: versi 1 (layanan)"
    code, out, _ = run("mapping", "load", target)  # the same file again: no new version
    assert out.strip() == "salur-dinsos: versi 1 (layanan)"
    assert Pemetaan.objects.filter(nama="salur-dinsos").count() == 1
    code, out, _ = run("mapping", "list")
    assert "salur-dinsos\tlayanan\tv1" in out
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x", "kind": "ppks", "columns": [], "extra": 1}', "utf-8")
    with pytest.raises(Exception, match="kunci tidak dikenal: extra"):
        call_command("mapping", "load", str(bad), stdout=io.StringIO())
    with pytest.raises(PermissionDenied):
        mapping_save(user=users["staf_pemberdayaan"], spec=find_mapping("salur-dinsos"))
    assert mapping_save(user=users["admin"], spec=find_mapping("salur-dinsos")).version == 1
    code, out, _ = run("mapping", "label", "salur-dinsos", "jenis_bansos", "PENA", "bantuan_usaha")
    assert out.strip() == "salur-dinsos: versi 2 (layanan)"
    assert find_mapping("salur-dinsos").labels["jenis_bansos"]["PENA"] == "bantuan_usaha"
    code, out, _ = run("mapping", "ejaan", "63.72.05.1004", "Gt. Paikat", "--user", "admin")
    assert out.strip() == "63.72.05.1004: ejaan 'Gt. Paikat'"
    with pytest.raises(Exception, match="bukan pilihan"):
        call_command("mapping", "label", "salur-dinsos", "jenis_bansos", "X", "pijat")


def test_recognise_and_missing_labels():
    siks = ["ID DTKS", "PROVINSI", "KABUPATEN/KOTA", "KECAMATAN", "DESA/KELUARAHAN", "ALAMAT",
            "NOMOR KK", "NOMOR NIK", "NAMA", "TANGGAL LAHIR", "JENIS KELAMIN", "DESIL"]  # fmt: skip
    assert recognise(siks).name == "siks-dtks"
    salur = ["nik kpm", "nama kpm", "jenis bansos", "tahap salur", "status salur", "kelurahan"]
    assert recognise(salur).name == "bansos-salur"
    bnba = [
        "NAMA",
        "NIK",
        "KECAMATAN",
        "KELURAHAN",
        "KONDISI",
        "BANTUAN",
        "TANGGAL BANTUAN",
        "UMUR",
    ]
    assert recognise(bnba).name == "bnba-korban"
    assert recognise(["nik", "nama", "jenis_layanan", "tanggal", "kode_wilayah"]) is None
    assert recognise(siks, kind="ppks") is None
    header = ["NIK", "JENIS PPKS", "TANGGAL PENDATAAN"]
    rows = [["1", "GEPENG", ""], ["2", "Waria", ""], ["3", "waria", ""], ["4", "PENGEMIS", ""]]
    found = missing_labels(find_mapping("siks-ppks"), header, rows)
    assert [(m.table, m.header, m.label, m.rows) for m in found] == [
        ("jenis_ppks", "JENIS PPKS", "GEPENG", 1),
        ("jenis_ppks", "JENIS PPKS", "Waria", 2),
    ]
    found = missing_labels(find_mapping("bnba-korban"), ["BANTUAN"], [["Sembako; Payung, kasur"]])
    assert [m.label for m in found] == ["Payung", "kasur"]
