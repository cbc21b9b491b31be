"""The downloadable XLSX template of an import kind: header, an example row, dropdowns, explanation."""

import io

import xlsxwriter

from kinerja.lib.cells import safe_text

from .imports import template_columns

# One plausible row per kind (Banjarbaru); code columns not listed take their first code.
EXAMPLES: dict[str, dict[str, str]] = {
    "_identitas": {
        "nik": "6372041208900001", "id_lokal": "", "nama": "Budi Santoso", "jenis_kelamin": "L",
        "tanggal_lahir": "1990-08-12", "no_kk": "6372040101900001", "kode_wilayah": "63.72.04.1003",
    },
    "ppks": {"jenis_ppks": "penyandang_disabilitas", "tanggal_daftar": "2025-01-15",
             "lokasi": "luar_panti"},
    "psks": {"kode_psks": "TKSK-001", "jenis_psks": "tksk", "bentuk": "orang", "nama": "Ahmad",
             "tanggal_daftar": "2024-01-02", "nik": "", "kode_wilayah": "63.72.04.1003"},
    "pelatihan": {"kode_kegiatan": "BIMTEK-2025-01", "nama_kegiatan": "Bimtek TKSK",
                  "tanggal": "2025-03-10", "kode_psks": "TKSK-001"},
    "dtks": {"periode": "2025-03", "desil": "2"},
    "layanan": {"jenis_layanan": "permakanan", "tanggal": "2025-03-14", "program": "SPM",
                "nilai_rp": "Rp 150.000", "sumber_dana": "APBD"},
    "bencana": {"kode_kejadian": "BJR-2025-01", "jenis": "alam", "sub_jenis": "banjir",
                "tanggal_kejadian": "2025-01-10", "kode_wilayah": "63.72.03"},
    "korban": {"kode_kejadian": "BJR-2025-01", "kondisi": "mengungsi"},
}  # fmt: skip
TEXT_COLUMNS = {"nik", "no_kk", "kode_wilayah", "periode", "kode_psks", "kode_kejadian", "id_lokal"}


def example_value(kind: str, column: str, codes: tuple[str, ...]) -> str:
    for source in (EXAMPLES.get(kind, {}), EXAMPLES["_identitas"]):
        if column in source:
            return source[column]
    return codes[0] if codes else ""


def build_template(kind: str) -> bytes:
    columns = template_columns(kind)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True, "bg_color": "#DDE6EE", "border": 1})
    wajib = book.add_format({"bold": True, "bg_color": "#F6D7A7", "border": 1})
    text = book.add_format({"num_format": "@"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})

    data = book.add_worksheet("data")
    codes_sheet = book.add_worksheet("kode")
    info = book.add_worksheet("penjelasan")
    for i, col in enumerate(columns):
        data.write_string(0, i, safe_text(col.name), wajib if col.required else bold)
        data.set_column(
            i, i, max(14, len(col.name) + 4), text if col.name in TEXT_COLUMNS else None
        )
        data.write_string(1, i, safe_text(example_value(kind, col.name, col.codes)))
        if col.codes:
            # The list lives on its own sheet: Excel limits inline lists to 255 characters.
            codes_sheet.write_string(0, i, safe_text(col.name), bold)
            for j, code in enumerate(col.codes, start=1):
                # Codes are edited in the admin: neutralised like every other text cell.
                codes_sheet.write_string(j, i, safe_text(code))
            ref = xlsxwriter.utility.xl_range_abs(1, i, len(col.codes), i)
            data.data_validation(
                1, i, 100000, i,
                {
                    "validate": "list",
                    "source": f"=kode!{ref}",
                    "error_title": "Kode tidak dikenal",
                    "error_message": f"Pilih salah satu kode {col.name} dari daftar.",
                },
            )  # fmt: skip
    data.freeze_panes(1, 0)
    codes_sheet.hide()

    info.set_column(0, 0, 22)
    info.set_column(1, 1, 8)
    info.set_column(2, 2, 70)
    info.set_column(3, 3, 50)
    for i, head in enumerate(["Kolom", "Wajib", "Penjelasan", "Kode yang boleh"]):
        info.write_string(0, i, safe_text(head), bold)
    for r, col in enumerate(columns, start=1):
        info.write_string(r, 0, safe_text(col.name))
        info.write_string(r, 1, "ya" if col.required else "")
        info.write_string(r, 2, safe_text(col.description), wrap)
        info.write_string(r, 3, safe_text(", ".join(col.codes)), wrap)
    notes = [
        "Baris 1 lembar 'data' adalah judul kolom; baris 2 adalah contoh: ganti atau hapus.",
        "Kolom berwarna jingga wajib diisi. Kolom lain boleh kosong (kosong berarti tidak diubah).",
        "Tanggal: 2025-03-14, 14/03/2025 atau 14-03-2025. Kode wilayah: 63.72.04.1003 atau "
        "6372041003. Rupiah: 1500000 atau Rp 1.500.000.",
        "NIK dan nomor KK harus sel teks (16 digit); sel angka ditolak karena Excel hanya "
        "menyimpan 15 digit.",
    ]
    for r, note in enumerate(notes, start=len(columns) + 3):
        info.write_string(r, 0, safe_text(note))
    book.close()
    return buffer.getvalue()
