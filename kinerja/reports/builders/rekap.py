"""Every figure of a period by kecamatan and kelurahan: 26 rows per IKU, both readings."""

from kinerja.indicators.engine import regions_for_level
from kinerja.performance.periods import Periode, periode_nama

from ..common import letterhead, organisasi, pct_formula
from ..document import Column, Document, Heading, Number, Paragraph, Provisional, Table, Value
from ..selectors import approval_of, catalogue, figures_by_region, region_names, sasaran_list

TINGKAT = {"kota": "Kota", "kecamatan": "Kecamatan", "kelurahan": "Kelurahan"}
COLUMNS = [
    Column("Kode wilayah", 1.1),
    Column("Wilayah", 2),
    Column("Tingkat", 0.9),
    Column("Pembilang baku", 0.9, "int"),
    Column("Penyebut baku", 0.9, "int"),
    Column("Realisasi baku (%)", 0.9, "pct", pct_formula("Pembilang baku", "Penyebut baku")),
    Column("Pembilang harfiah", 0.9, "int"),
    Column("Penyebut harfiah", 0.9, "int"),
    Column(
        "Realisasi harfiah (%)", 0.9, "pct", pct_formula("Pembilang harfiah", "Penyebut harfiah")
    ),
]


def build_rekap(tahun: int, triwulan: int | None) -> Document:
    keputusan = catalogue(tahun)
    periode = Periode(tahun, triwulan)
    org = organisasi()
    regions = regions_for_level("kelurahan")
    # Kota first, then each kecamatan followed by its kelurahan (codes sort that way).
    regions = [regions[0], *sorted(regions[1:])]
    names = region_names()
    doc = Document(
        title=f"Rekapitulasi Capaian IKU per Wilayah {periode_nama(periode)}",
        subtitle=(org.nama if org else "Dinas Sosial")
        + " · bacaan baku dan harfiah, kota, kecamatan dan kelurahan",
        letterhead=letterhead(),
        landscape=True,
    )
    doc.add(
        Paragraph(
            "Bacaan baku adalah tafsiran kontrak data yang dipakai untuk capaian; bacaan harfiah "
            "mengikuti rumus keputusan apa adanya (IKU-1 dan IKU-2 menghitung jenis). Wilayah tanpa "
            "data tercantum dengan 0 / 0."
        )
    )
    for _, inds in sasaran_list(keputusan):
        for ind in inds:
            approved = approval_of(ind.kode, periode) is not None
            baku = figures_by_region(ind.kode, periode, "kelurahan", "default")
            harfiah = figures_by_region(ind.kode, periode, "kelurahan", "literal")
            rows = []
            for kode, tingkat in regions:
                b, h = baku.get(kode), harfiah.get(kode)
                numbers: list[Number | None] = [
                    b.numerator if b else 0,
                    b.denominator if b else 0,
                    b.value if b else None,
                    h.numerator if h else 0,
                    h.denominator if h else 0,
                    h.value if h else None,
                ]
                cells: list[Value] = list(numbers)
                if not approved:
                    cells = [Provisional(v) if v is not None else None for v in numbers]
                rows.append([kode, names.get(kode, kode), TINGKAT.get(tingkat, tingkat), *cells])
            doc.provisional |= not approved
            doc.add(
                Heading(f"{ind.kode}: {ind.nama}", 2),
                Table(
                    f"{ind.kode} · "
                    + (
                        "disetujui (angka beku)" if approved else "belum disetujui: angka sementara"
                    ),
                    COLUMNS,
                    rows,
                    sheet=ind.kode,
                ),
            )
    return doc
