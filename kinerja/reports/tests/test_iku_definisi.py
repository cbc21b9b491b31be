"""The IKU document prints, beside the decree's words, the operational definition Kinerja uses."""

import io

import openpyxl

from kinerja.reports.services import render_document


def test_each_iku_row_carries_both_readings_in_words(db):
    wb = openpyxl.load_workbook(io.BytesIO(render_document("iku", "xlsx", year=2025)))
    ws = wb["IKU"]
    rows = [r for r in ws.iter_rows(values_only=True) if any(r)]
    header = next(r for r in rows if "Definisi operasional yang dipakai Kinerja" in r)
    col = header.index("Definisi operasional yang dipakai Kinerja")
    by_code = {
        str(r[2]).split(":")[0]: r[col] for r in rows if r[2] and str(r[2]).startswith("IKU-")
    }
    assert set(by_code) == {"IKU-1", "IKU-2", "IKU-3A", "IKU-3B", "IKU-4"}
    iku2 = by_code["IKU-2"]
    assert iku2.startswith(
        "Bacaan baku (kontrak data): Registrasi PPKS / layanan; menghitung unit;"
    )
    assert "lokasi luar panti" in iku2 and "Lanjut usia telantar" in iku2
    assert "Bacaan harfiah keputusan" in iku2 and "menghitung jenis" in iku2
    assert "gelandangan pengemis" in iku2  # the literal reading's grouping
    assert "umur 6-18 tahun" in by_code["IKU-3A"]
    assert "Opsi perhitungan" not in by_code["IKU-3B"]  # no DTSEN option in catalogue version 1
