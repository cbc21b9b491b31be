"""The quarterly SPM report (PP 2/2018, Permensos 9/2018): IKU-2 by PPKS group and IKU-4, each
against the SPM target of 100 %, with the breakdown per jenis layanan, kendala and plan, and costing.

Counts accumulate over the year: the quarter's figure counts from 1 January to its end, as e-SPM asks.
"""

from kinerja.lib.dates import BULAN
from kinerja.performance.periods import Periode, periode_nama

from ..common import kepala_signature, letterhead, organisasi, pct_formula
from ..document import Column, Document, Heading, Paragraph, Provisional, Table
from ..selectors import catalogue, is_provisional, mark, reported, spm_by_type
from .spm_rinci import kendala_rencana, pembiayaan, per_jenis_layanan

COLUMNS = [
    Column("No", 0.35, "int"),
    Column("Uraian", 3.2),
    Column("Jumlah yang harus dilayani", 1.3, "int"),
    Column("Jumlah yang terlayani", 1.3, "int"),
    Column(
        "Persentase (%)",
        1,
        "pct",
        pct_formula("Jumlah yang terlayani", "Jumlah yang harus dilayani"),
    ),
    Column("Target SPM (%)", 0.8, "pct"),
]
TARGET_SPM = 100  # Permensos 9/2018: every SPM service aims at 100 %
SERVICES_NOTE = (
    "Layanan dasar yang dihitung: permakanan, sandang, alat bantu, perbekalan kesehatan, bimbingan "
    "fisik/mental spiritual/sosial, bimbingan sosial keluarga dan masyarakat, fasilitasi dokumen "
    "kependudukan, akses layanan pendidikan dan kesehatan dasar, penelusuran keluarga, "
    "reunifikasi/reintegrasi sosial, rujukan."
)


def _m(approved: bool, value):
    return value if approved else Provisional(value)


def build_spm(tahun: int, triwulan: int | None) -> Document:
    catalogue(tahun)
    periode = Periode(tahun, triwulan or 4)
    org = organisasi()
    dinas = org.nama if org else "Dinas Sosial"
    label = periode_nama(periode)
    by_type, approved2 = spm_by_type(periode)
    iku2 = reported("IKU-2", periode)
    iku4 = reported("IKU-4", periode)
    doc = Document(
        title=f"Laporan Standar Pelayanan Minimal Bidang Sosial {label}",
        subtitle=f"{dinas} · kumulatif 1 Januari - {periode.akhir.day} "
        f"{BULAN[periode.akhir.month - 1]} {tahun}",
        letterhead=letterhead(),
        landscape=True,
        provisional=is_provisional(iku2) or is_provisional(iku4),
    )
    rows: list[list] = [
        [
            i,
            g.nama,
            _m(approved2, g.denominator),
            _m(approved2, g.numerator),
            _m(approved2, g.value),
            TARGET_SPM,
        ]
        for i, g in enumerate(by_type, 1)
    ]
    fig2 = iku2.reported if iku2 else None
    rows.append(
        [
            "",
            "Jumlah orang (IKU-2; seseorang yang terdaftar di dua kelompok dihitung sekali)",
            mark(iku2, fig2.denominator if fig2 else None),
            mark(iku2, fig2.numerator if fig2 else None),
            mark(iku2, iku2.realisasi if iku2 else None),
            TARGET_SPM,
        ]
    )
    fig4 = iku4.reported if iku4 else None
    doc.add(
        Heading("1. Rehabilitasi sosial dasar di luar panti (IKU-2)"),
        Paragraph(
            "Penyandang disabilitas telantar, anak telantar, lanjut usia telantar, serta gelandangan "
            "dan pengemis yang terdaftar di luar panti (harus dilayani) dan yang memperoleh layanan "
            "kebutuhan dasar dalam masa registrasi kelompoknya (terlayani)."
        ),
        Table("", COLUMNS, rows, sheet="IKU-2 per jenis", note=SERVICES_NOTE),
        Heading("2. Perlindungan dan jaminan sosial pada saat dan setelah tanggap darurat (IKU-4)"),
        Table(
            "",
            COLUMNS,
            [
                [
                    1,
                    "Korban bencana alam dan sosial",
                    mark(iku4, fig4.denominator if fig4 else None),
                    mark(iku4, fig4.numerator if fig4 else None),
                    mark(iku4, iku4.realisasi if iku4 else None),
                    TARGET_SPM,
                ]
            ],
            sheet="IKU-4",
        ),
        Heading("3. Perkembangan per triwulan (kumulatif)"),
        _quarters(tahun, periode.triwulan or 4),
        *per_jenis_layanan(periode),
        *kendala_rencana(periode),
        *pembiayaan(
            periode,
            {"IKU-2": fig2.numerator if fig2 else None, "IKU-4": fig4.numerator if fig4 else None},
        ),
        kepala_signature(),
    )
    return doc


def _quarters(tahun: int, until: int) -> Table:
    rows = []
    for q in range(1, until + 1):
        p = Periode(tahun, q)
        for kode in ("IKU-2", "IKU-4"):
            c = reported(kode, p)
            fig = c.reported if c else None
            rows.append(
                [
                    periode_nama(p),
                    kode,
                    mark(c, fig.denominator if fig else None),
                    mark(c, fig.numerator if fig else None),
                    mark(c, c.realisasi if c else None),
                    c.target if c else None,
                ]
            )
    return Table(
        "",
        [
            Column("Periode", 1.2),
            Column("IKU", 0.6),
            Column("Harus dilayani", 1.1, "int"),
            Column("Terlayani", 1.1, "int"),
            Column("Persentase (%)", 1, "pct", pct_formula("Terlayani", "Harus dilayani")),
            Column("Target (%)", 0.8, "pct"),
        ],
        rows,
        sheet="Per triwulan",
    )
