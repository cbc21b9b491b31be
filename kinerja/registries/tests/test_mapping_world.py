"""Must show (issue 14): files written by hand to contract section 5 import through the four
built-in mappings and a user's mapping file with exact counts, reasons and IKU figures, twice,
the second time changing nothing."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection

from kinerja.registries.models import (
    DtksAnggota,
    Impor,
    Korban,
    Layanan,
    Orang,
    Ppks,
)

from . import mapping_files as F
from .importing import read_rejects

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*[str(a) for a in args], stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def summary(out: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def figures() -> dict:
    code, out, _ = run("compute", "--year", 2025, "--format", "json")
    assert code == 0
    rows = json.loads(out)
    wanted = set(F.FIGURES)
    return {
        r["indicator"]: (r["numerator"], r["denominator"], r["value"])
        for r in rows
        if r["indicator"] in wanted
    }


def state() -> dict:
    """Every record and every history entry: a second import must add to none of them."""
    counts = {m.__name__: m.objects.count() for m in (Orang, Ppks, DtksAnggota, Layanan, Korban)}
    for m in (Orang, Ppks, DtksAnggota, Layanan, Korban):
        counts["h" + m.__name__] = m.history.count()
    return counts


def import_all(tmp_path) -> list[tuple[int, dict, list[dict]]]:
    mapping_file = write(tmp_path, "permakanan.json", F.PERMAKANAN_MAPPING)
    steps = [
        ("ppks", "ppks.csv", F.PPKS, ["--mapping", "siks-ppks"], ";"),
        ("layanan", "makan.csv", F.PERMAKANAN, ["--mapping", mapping_file], ","),
        ("dtks", "dtks.txt", F.DTKS, ["--mapping", "siks-dtks", "--periode", "2025-06"], "|"),
        ("layanan", "salur.csv", F.SALUR, ["--mapping", "bansos-salur"], "\t"),
        ("bencana", "bencana.csv", F.BENCANA, [], ","),
        (
            "korban",
            "bnba.csv",
            F.BNBA,
            ["--mapping", "bnba-korban", "--kejadian", "BNC-2025-01"],
            ",",
        ),
    ]
    results = []
    for kind, name, text, args, delimiter in steps:
        encoding = F.PERMAKANAN_ENCODING if text is F.PERMAKANAN else "utf-8"
        path = write(tmp_path, name, text, encoding)
        code, out, err = run("import", kind, path, *args)
        assert code in (0, 1), err
        rejects_path = tmp_path / (name + ".rejected.csv")
        rejects = read_rejects(rejects_path, delimiter) if rejects_path.exists() else []
        results.append((code, summary(out), rejects))
    return results


def counts(s: dict) -> tuple[int, int, int]:
    return int(s["rows read"]), int(s["accepted"]), int(s["rejected"])


def reasons(rejects: list[dict]) -> dict[int, str]:
    return {int(r["baris"]): r["alasan_ditolak"] for r in rejects}


def check_first_run(results):
    (c1, ppks, rj1), (c2, makan, rj2), (c3, dtks, rj3), (c4, salur, rj4), _, (c6, bnba, rj6) = (
        results
    )
    assert counts(ppks) == F.PPKS_COUNTS and c1 == 1
    got = reasons(rj1)
    assert set(got) == set(F.PPKS_REASONS)
    for row, start in F.PPKS_REASONS.items():
        assert got[row].startswith(start), (row, got[row])
    assert counts(makan) == F.PERMAKANAN_COUNTS
    assert reasons(rj2) == {
        5: "Bantuan: label 'SEPATU' tidak dikenal di pemetaan permakanan-kelurahan"
    }
    assert counts(dtks) == F.DTKS_COUNTS
    assert reasons(rj3) == F.DTKS_REASONS
    assert counts(salur) == F.SALUR_COUNTS
    assert reasons(rj4) == F.SALUR_REASONS
    assert counts(bnba) == F.BNBA_COUNTS
    assert reasons(rj6) == F.BNBA_REASONS
    assert bnba["layanan made"] == str(F.BNBA_LAYANAN)
    # The rejects file keeps the original row in its original columns (the apostrophe too).
    assert list(rj1[0])[:3] == ["Nik", "No. KK", "Nama"]
    assert rj4[0]["STATUS SALUR"] == "GAGAL" and rj4[0]["NIK"] == F.NIK_JOKO
    assert ppks["mapping"] == "siks-ppks v0" and makan["mapping"] == "permakanan-kelurahan v0"
    assert "Windows-1252" in makan["catatan"] and "catatan" not in ppks


def test_world_imports_with_exact_counts_and_figures_twice(tmp_path):
    first = import_all(tmp_path)
    check_first_run(first)
    assert figures() == F.FIGURES
    before = state()
    second = import_all(tmp_path)
    for (_, a, ra), (_, b, rb) in zip(first, second, strict=True):
        assert counts(a) == counts(b)
        assert reasons(ra) == reasons(rb)
    assert state() == before
    assert figures() == F.FIGURES


def test_what_the_world_holds(tmp_path):
    import_all(tmp_path)
    siti = Orang.objects.get(nik=F.NIK_SITI)
    assert siti.kelurahan_id == "63.72.04.1003" and siti.nama == "SITI AMINAH"
    assert Ppks.objects.get(orang__nik=F.NIK_SARNI).jenis_id == "lanjut_usia_telantar"
    assert Ppks.objects.get(orang__nik=F.NIK_RINA).jenis_id == "anak_disabilitas"
    joko = {p.jenis_id: p.lokasi for p in Ppks.objects.filter(orang__nik=F.NIK_JOKO)}
    assert joko == {"penyandang_disabilitas": "dalam_panti", "odha": "luar_panti"}
    assert dict(DtksAnggota.objects.values_list("nik", "id_sumber")) == {
        F.NIK_SITI: "DTKS-001", F.NIK_BUDI: "DTKS-002", F.NIK_RINA: "DTKS-003", F.NIK_JOKO: "DTKS-007",
    }  # fmt: skip
    assert Layanan.objects.get(keterangan__startswith="dari").keterangan == "dari Café Bu Ani"
    salur = Layanan.objects.filter(sumber_dana="APBN").order_by("tanggal")
    assert [(str(s.tanggal), s.program, s.nilai_rp) for s in salur] == [
        ("2025-03-31", "BPNT", 600000),
        ("2025-03-31", "PROGRAM SEMBAKO", 200000),
        ("2025-05-15", "KUBE", 2000000),
        ("2025-06-30", "PKH", 750000),
    ]
    assert sorted(Korban.objects.values_list("kondisi", flat=True)) == [
        "", "luka", "mengungsi", "terdampak",
    ]  # fmt: skip
    aid = Layanan.objects.filter(bencana__kode_kejadian="BNC-2025-01")
    assert sorted(aid.values_list("jenis_id", flat=True)) == [
        "permakanan", "sandang", "tempat_penampungan",
    ]  # fmt: skip
    baby = Orang.objects.get(id_lokal="BNC-L-01")
    assert baby.nama == "BAYI TANPA NIK" and baby.nik in (None, "")
    # Each import names the mapping and version it was read through.
    used = set(Impor.objects.values_list("jenis", "pemetaan", "pemetaan_versi"))
    assert ("korban", "bnba-korban", 0) in used and ("layanan", "bnba-korban", 0) in used
    assert ("bencana", "", None) in used
    assert connection.vendor in ("sqlite", "postgresql")
