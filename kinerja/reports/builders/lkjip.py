"""The LKjIP of a year (PermenPAN-RB 53/2014): Ikhtisar Eksekutif, Bab I-IV, with the figures.

Bab III A: per sasaran and indicator the year's target, realisasi, capaian and band (A.1), the earlier
years (A.2), the Renstra's final target (A.3) and the Analisis text; Bab III B: budget and efficiency.
"""

from dataclasses import dataclass
from decimal import Decimal

from kinerja.indicators.models import Indikator
from kinerja.lib.charts import Series, chart_svg
from kinerja.lib.numbers import format_angka, format_persen
from kinerja.performance.achievement import capaian, penyerapan
from kinerja.performance.models import JenisTarget
from kinerja.performance.periods import ROMAWI, Periode
from kinerja.performance.selectors import Capaian, budget_leaves, renstra_final

from ..common import kepala_signature, letterhead, organisasi, pct_formula, sum_formula
from ..document import (
    CellFormula,
    Column,
    Document,
    Heading,
    Image,
    PageBreak,
    Paragraph,
    Table,
    TableOfContents,
)
from ..selectors import (
    analisis,
    catalogue,
    is_provisional,
    mark,
    programs,
    reported_many,
    sasaran_list,
    year_targets,
)
from .lkjip_bagian import (
    bab1_teks,
    kata_pengantar,
    lampiran,
    standar_nasional,
    tindak_lanjut_lhe,
)
from .lkjip_pohon import a7_program_kegiatan, bab2_tujuan

BANDS = ("sangat tinggi", "tinggi", "sedang", "rendah", "sangat rendah")
# A.1: realisasi from the counts, capaian from realisasi and target, as live formulas.
A1_COLUMNS = [
    Column("No", 0.4, "int"),
    Column("Indikator", 3.05),  # "Pembilang" and "No" on one line in Word and Writer too (D92)
    Column("Target (%)", 0.8, "pct"),
    Column("Pembilang", 1.0, "int"),
    Column("Penyebut", 0.9, "int"),
    Column("Realisasi (%)", 0.9, "pct", pct_formula("Pembilang", "Penyebut")),
    Column("Capaian (%)", 0.9, "pct", pct_formula("Realisasi (%)", "Target (%)")),
    Column("Kategori", 1),
]


@dataclass
class Tahun:
    """Everything the LKjIP reads, computed once."""

    tahun: int
    groups: list
    caps: dict[str, Capaian | None]
    trend: dict[str, list[tuple[int, Capaian | None]]]
    targets: dict

    @property
    def indikator(self) -> list[Indikator]:
        return [i for _, inds in self.groups for i in inds]


def _collect(tahun: int) -> Tahun:
    keputusan = catalogue(tahun)
    groups = sasaran_list(keputusan)
    years = range(keputusan.periode_awal, keputusan.periode_akhir + 1)
    periodes = [Periode(y) for y in years if y <= tahun]
    read = reported_many([i.kode for _, inds in groups for i in inds], periodes)
    caps, trend = {}, {}
    for _, inds in groups:
        for ind in inds:
            points = [(p.tahun, read.get((ind.kode, p.label))) for p in periodes]
            trend[ind.kode] = points
            caps[ind.kode] = dict(points).get(tahun)
    return Tahun(tahun, groups, caps, trend, year_targets(years))


def _band(label: str | None) -> str:
    return label.capitalize() if label else "–"


def _a1_row(no: int, ind: Indikator, c: Capaian | None) -> list:
    fig = c.reported if c else None
    return [
        no,
        f"{ind.kode}: {ind.nama}",
        c.target if c else None,
        mark(c, fig.numerator if fig else None),
        mark(c, fig.denominator if fig else None),
        mark(c, c.realisasi if c else None),
        mark(c, c.achievement if c else None),
        _band(c.band if c else None),
    ]


def _a1_table(t: Tahun, title: str, sheet: str) -> Table:
    rows = [_a1_row(i, ind, t.caps[ind.kode]) for i, ind in enumerate(t.indikator, 1)]
    return Table(title, A1_COLUMNS, rows, sheet=sheet)


def _chart(key: str, **kwargs) -> str:
    """chart_svg with ids unique in the document (several charts share one HTML page)."""
    svg = chart_svg(**kwargs)
    return (
        svg.replace('id="t"', f'id="t-{key}"')
        .replace('id="d"', f'id="d-{key}"')
        .replace('aria-labelledby="t d"', f'aria-labelledby="t-{key} d-{key}"')
    )


def _overview_chart(t: Tahun) -> Image:
    codes = [i.kode for i in t.indikator]
    return Image(
        _chart(
            "ikhtisar",
            title=f"Target dan realisasi IKU tahun {t.tahun} (%)",
            categories=codes,
            series=[
                Series("Target", [c.target if (c := t.caps[k]) else None for k in codes]),
                Series("Realisasi", [c.realisasi if (c := t.caps[k]) else None for k in codes]),
            ],
        ),
        caption=f"Gambar: target dan realisasi kelima IKU tahun {t.tahun}.",
    )


def _achievement(c: Capaian) -> Decimal:
    """The achievement of a figure that has one (`with_ach` below)."""
    assert c.achievement is not None
    return c.achievement


def _summary(t: Tahun, dinas: str) -> list[Paragraph]:
    caps = [(i, t.caps[i.kode]) for i in t.indikator]
    with_ach = [(i, c) for i, c in caps if c and c.achievement is not None]
    counts = {b: sum(1 for _, c in with_ach if c.band == b) for b in BANDS}
    band_text = ", ".join(f"{n} IKU kategori {b}" for b, n in counts.items() if n)
    text = (
        f"Pada tahun {t.tahun} {dinas} mengukur kinerjanya dengan {len(caps)} Indikator Kinerja "
        f"Utama (IKU) untuk {len(t.groups)} sasaran strategis. "
    )
    if with_ach:
        mean = sum(_achievement(c) for _, c in with_ach) / len(with_ach)
        best = max(with_ach, key=lambda ic: _achievement(ic[1]))
        worst = min(with_ach, key=lambda ic: _achievement(ic[1]))
        text += (
            f"Dari {len(with_ach)} IKU yang dapat diukur capaiannya: {band_text}. Rata-rata "
            f"capaian {format_persen(mean)} %; tertinggi {best[0].kode} "
            f"({format_persen(best[1].achievement)} %), terendah {worst[0].kode} "
            f"({format_persen(worst[1].achievement)} %)."
        )
    else:
        text += "Belum ada IKU yang dapat diukur capaiannya (target atau realisasi belum ada)."
    out = [Paragraph(text)]
    up = down = 0
    for i, c in caps:
        before = dict(t.trend[i.kode]).get(t.tahun - 1)
        if c and before and c.realisasi is not None and before.realisasi is not None:
            up += c.realisasi > before.realisasi
            down += c.realisasi < before.realisasi
    if up or down:
        out.append(
            Paragraph(
                f"Dibandingkan tahun {t.tahun - 1}, realisasi {up} IKU meningkat dan {down} IKU "
                "menurun (Bab III A.2)."
            )
        )
    leaves = budget_leaves(t.tahun)
    pagu = sum(a.pagu for a in leaves)
    real = sum(a.realisasi or 0 for a in leaves)
    if pagu:
        out.append(
            Paragraph(
                f"Realisasi anggaran Rp {format_angka(real)} dari pagu Rp {format_angka(pagu)} "
                f"(penyerapan {format_persen(penyerapan(pagu, real))} %)."
            )
        )
    if any(is_provisional(c) for _, c in caps):
        out.append(
            Paragraph(
                "Sebagian angka belum disetujui Kepala Dinas: angka tersebut bersifat sementara "
                "dan ditandai (s).",
                italic=True,
            )
        )
    return out


def _bab1(keputusan, dinas: str, tahun: int) -> list:
    fungsi = "\n".join(f"{chr(97 + i)}. {f}" for i, f in enumerate(keputusan.fungsi))
    return [
        Heading("BAB I PENDAHULUAN"),
        Heading("A. Latar Belakang", 2),
        Paragraph(
            "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
            "Pemerintah (SAKIP) mewajibkan setiap instansi pemerintah menyusun laporan kinerja "
            "sebagai wujud pertanggungjawaban atas pelaksanaan tugas dan fungsinya. Laporan Kinerja "
            "Instansi Pemerintah (LKjIP) ini disusun menurut Peraturan Menteri PAN-RB Nomor 53 "
            "Tahun 2014 dan menyajikan capaian kinerja terhadap Perjanjian Kinerja tahun berjalan."
        ),
        Heading("B. Tugas dan Fungsi", 2),
        Paragraph(f"{dinas} mempunyai tugas {keputusan.tugas[0].lower()}{keputusan.tugas[1:]}"),
        Paragraph(f"Dalam melaksanakan tugas tersebut, {dinas} menyelenggarakan fungsi:\n{fungsi}"),
        *bab1_teks(tahun),
        Heading("F. Sistematika Penyajian", 2),
        Paragraph(
            "Kata Pengantar; Daftar Isi; Ikhtisar Eksekutif; Bab I Pendahuluan; Bab II Perencanaan "
            "Kinerja (Renstra, IKU, Perjanjian Kinerja); Bab III Akuntabilitas Kinerja (capaian "
            "kinerja, perbandingan dengan tahun sebelumnya, dengan target akhir Renstra dan dengan "
            "standar nasional, analisis, realisasi anggaran dan efisiensi, tindak lanjut hasil "
            "evaluasi); Bab IV Penutup; Lampiran (Perjanjian Kinerja)."
        ),
    ]


def _bab2(t: Tahun, keputusan) -> list:
    years = list(range(keputusan.periode_awal, keputusan.periode_akhir + 1))
    renstra, iku, pk = [], [], []
    for s, inds in t.groups:
        for i, ind in enumerate(inds):
            first = i == 0
            head = [s.nomor if first else "", s.uraian if first else ""]
            name = f"{ind.kode}: {ind.nama}"
            renstra.append(
                [
                    *head,
                    name,
                    *(t.targets.get((ind.kode, y, None, JenisTarget.RENSTRA)) for y in years),
                ]
            )
            iku.append([*head, name, ind.penanggung_jawab, ind.sumber_data])
            pk.append(
                [
                    *head,
                    name,
                    t.targets.get((ind.kode, t.tahun, None, JenisTarget.PK)),
                    *(t.targets.get((ind.kode, t.tahun, q, JenisTarget.PK)) for q in (1, 2, 3, 4)),
                ]
            )
    head_cols = [Column("No", 0.35, "int"), Column("Sasaran Strategis", 2.2)]
    return [
        Heading("BAB II PERENCANAAN KINERJA"),
        Heading(f"A. Rencana Strategis {years[0]}-{years[-1]}", 2),
        Paragraph(
            f"Renstra {years[0]}-{years[-1]} menetapkan sasaran strategis dan target tahunan setiap "
            "IKU sebagai berikut."
        ),
        Table(
            "Target Renstra per tahun (%)",
            [*head_cols, Column("Indikator", 3), *(Column(str(y), 0.65, "pct") for y in years)],
            renstra,
            sheet="Renstra",
        ),
        Heading("B. Indikator Kinerja Utama", 2),
        Paragraph(
            f"IKU ditetapkan dengan Keputusan Kepala Dinas Sosial Nomor {keputusan.nomor} "
            f"(versi katalog {keputusan.versi})."
        ),
        Table(
            "",
            [
                *head_cols,
                Column("Indikator Kinerja Utama", 3),
                Column("Penanggung Jawab", 1.5),
                Column("Sumber Data", 1),
            ],
            iku,
            sheet="IKU",
        ),
        Heading(f"C. Perjanjian Kinerja Tahun {t.tahun}", 2),
        Table(
            "",
            [
                *head_cols,
                Column("Indikator", 3),
                Column("Target (%)", 0.8, "pct"),
                *(Column(f"TW {r} (%)", 0.7, "pct") for r in ROMAWI.values()),
            ],
            pk,
            sheet="PK",
        ),
    ]


def _trend_chart(ind: Indikator, points: list[tuple[int, Capaian | None]]) -> Image:
    return Image(
        _chart(
            ind.kode,
            title=f"{ind.kode}: target dan realisasi per tahun (%)",
            categories=[str(y) for y, _ in points],
            series=[
                Series("Target PK", [c.target if c else None for _, c in points]),
                Series("Realisasi", [c.realisasi if c else None for _, c in points]),
            ],
            height=240,
        ),
        caption=f"Gambar: target dan realisasi {ind.kode} per tahun.",
    )


def _analysis(ind: Indikator, tahun: int) -> list[Paragraph]:
    a = analisis(ind.kode, Periode(tahun))
    parts = [
        ("Penyebab keberhasilan/kegagalan", a.penyebab if a else ""),
        ("Upaya yang telah dilakukan", a.upaya if a else ""),
        ("Alternatif solusi", a.alternatif if a else ""),
        ("Rencana tindak lanjut", a.tindak_lanjut if a else ""),
    ]
    if not any(text.strip() for _, text in parts):
        return [Paragraph(f"Analisis {ind.kode} tahun {tahun} belum diisi.", italic=True)]
    return [Paragraph(f"{label}: {text.strip() or 'belum diisi.'}") for label, text in parts]


def _indicator_section(t: Tahun, ind: Indikator) -> list:
    c = t.caps[ind.kode]
    points = t.trend[ind.kode]
    fig = c.reported if c else None
    if c and fig and c.realisasi is not None:
        status = " (angka sementara)" if is_provisional(c) else ""
        text = (
            f"Realisasi {ind.kode} tahun {t.tahun} adalah {format_persen(c.realisasi)} % "
            f"({format_angka(fig.numerator)} dari {format_angka(fig.denominator)}){status}"
        )
        if c.achievement is not None:
            text += (
                f" terhadap target {format_persen(c.target)} %, capaian "
                f"{format_persen(c.achievement)} % (kategori {c.band})."
            )
        else:
            text += "; target tahun ini belum ditetapkan."
    else:
        text = f"Realisasi {ind.kode} tahun {t.tahun} belum dapat dihitung."
    a2 = [
        [
            y,
            p.target if p else None,
            mark(p, p.realisasi if p else None),
            None,
            _band(p.band if p else None),
        ]
        for y, p in points
    ]
    for row, (_, p) in zip(a2, points, strict=True):
        row[3] = mark(p, p.achievement if p else None)
    last, final = renstra_final(ind.kode, t.tahun)
    fig_exact = fig.exact if fig else None
    vs_final = capaian(fig_exact, final, ind.polaritas) if fig_exact is not None else None
    return [
        Heading(f"{ind.kode}: {ind.nama}", 3),
        Paragraph(text),
        Table(
            f"A.2 {ind.kode} dibandingkan dengan tahun-tahun sebelumnya",
            [
                Column("Tahun", 0.6),
                Column("Target PK (%)", 1, "pct"),
                Column("Realisasi (%)", 1, "pct"),
                # The engine's figure, not a formula: the realisasi shown here is rounded, and
                # capaian from a rounded realisasi is up to 0.01 off the engine's (D91).
                Column("Capaian (%)", 1, "pct"),
                Column("Kategori", 1.2),
            ],
            a2,
            sheet="A.2 Tahun sebelumnya",
        ),
        _trend_chart(ind, points),
        Table(
            f"A.3 {ind.kode} dibandingkan dengan target akhir Renstra ({last})",
            [
                Column("Target akhir Renstra (%)", 1.2, "pct"),
                Column(f"Realisasi {t.tahun} (%)", 1, "pct"),
                Column("Capaian terhadap target akhir (%)", 1.4, "pct"),  # D91, as in A.2
            ],
            [[final, mark(c, c.realisasi if c else None), mark(c, vs_final)]],
            sheet="A.3 Target akhir Renstra",
        ),
        Paragraph("Analisis", bold=True),
        *_analysis(ind, t.tahun),
    ]


def _budget(t: Tahun) -> list:
    progs = programs(t.tahun)
    rows: list[list] = [
        [i, p.nama, p.pagu, p.realisasi, p.penyerapan] for i, p in enumerate(progs, 1)
    ]
    pagu = sum(p.pagu for p in progs)
    real = sum(p.realisasi or 0 for p in progs)
    rows.append(
        [
            "",
            "Jumlah",
            CellFormula(sum_formula("Pagu (Rp)"), pagu),
            CellFormula(sum_formula("Realisasi (Rp)"), real),
            penyerapan(pagu, real) if pagu else None,
        ]
    )
    sums: dict[str, list[int]] = {}
    for a in budget_leaves(t.tahun):
        s = sums.setdefault(a.indikator_kode, [0, 0])
        s[0] += a.pagu
        s[1] += a.realisasi or 0
    eff = []
    for ind in t.indikator:
        c = t.caps[ind.kode]
        p, r = sums.get(ind.kode, (0, 0))
        absorbed = penyerapan(p, r) if p else None
        ach = c.achievement if c else None
        gap = ach - absorbed if ach is not None and absorbed is not None else None
        verdict = "–" if gap is None else ("Efisien" if gap >= 0 else "Kurang efisien")
        eff.append(
            [ind.kode, p or None, r if p else None, absorbed, mark(c, ach), mark(c, gap), verdict]
        )
    return [
        Heading("B. Realisasi Anggaran", 2),
        Table(
            f"Realisasi anggaran per program tahun {t.tahun}",
            [
                Column("No", 0.35, "int"),
                Column("Program", 3.5),
                Column("Pagu (Rp)", 1.4, "rupiah"),
                Column("Realisasi (Rp)", 1.4, "rupiah"),
                Column("Penyerapan (%)", 1, "pct", pct_formula("Realisasi (Rp)", "Pagu (Rp)")),
            ],
            rows,
            sheet="Anggaran",
            note="" if progs else f"Belum ada data anggaran tahun {t.tahun}.",
        ),
        Paragraph(
            "Efisiensi membandingkan capaian kinerja dengan penyerapan anggaran setiap IKU: "
            "capaian yang sama dengan atau melebihi penyerapan dinilai efisien."
        ),
        Table(
            "Efisiensi penggunaan sumber daya per IKU",
            [
                Column("IKU", 0.7),
                Column("Pagu (Rp)", 1.4, "rupiah"),
                Column("Realisasi (Rp)", 1.4, "rupiah"),
                Column("Penyerapan (%)", 1, "pct", pct_formula("Realisasi (Rp)", "Pagu (Rp)")),
                Column("Capaian (%)", 1, "pct"),
                Column("Selisih (poin)", 1, "number"),
                Column("Keterangan", 1.2),
            ],
            eff,
            sheet="Efisiensi",
        ),
    ]


def build_lkjip(tahun: int) -> Document:
    keputusan = catalogue(tahun)
    org = organisasi()
    dinas = org.nama if org else "Dinas Sosial"
    t = _collect(tahun)
    doc = Document(
        title=f"Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun {tahun}",
        subtitle=dinas,
        letterhead=letterhead(),
        provisional=any(is_provisional(t.caps[i.kode]) for i in t.indikator),
        xlsx_text_sheet="Uraian",
    )
    doc.add(
        *kata_pengantar(tahun, dinas),
        PageBreak(),
        TableOfContents(),
        PageBreak(),
        Heading("IKHTISAR EKSEKUTIF"),
        *_summary(t, dinas),
        _overview_chart(t),  # with the text it illustrates; the table, kept whole, may go on (D271)
        _a1_table(t, f"Ringkasan capaian IKU tahun {tahun}", "Ikhtisar"),
        PageBreak(),
        *_bab1(keputusan, dinas, tahun),
        PageBreak(),
        *_bab2(t, keputusan),
        *bab2_tujuan(tahun),
        PageBreak(),
        Heading("BAB III AKUNTABILITAS KINERJA"),
        Heading("A. Capaian Kinerja Organisasi", 2),
        Paragraph(
            "Capaian = realisasi / target x 100 (semua IKU: makin tinggi makin baik). Kategori: "
            ">= 91 sangat tinggi, >= 76 tinggi, >= 66 sedang, >= 51 rendah, selain itu sangat rendah."
        ),
        _a1_table(t, f"A.1 Target dan realisasi IKU tahun {tahun}", "A.1 Capaian"),
    )
    for s, inds in t.groups:
        doc.add(Heading(f"Sasaran {s.nomor}: {s.uraian}", 2))
        for ind in inds:
            doc.add(*_indicator_section(t, ind))
    doc.add(
        *a7_program_kegiatan(tahun),
        *standar_nasional(tahun),
        *_budget(t),
        *tindak_lanjut_lhe(tahun),
        PageBreak(),
        *_bab4(t, dinas),
        kepala_signature(),
        *lampiran(tahun),
    )
    return doc


def _bab4(t: Tahun, dinas: str) -> list:
    caps = [t.caps[i.kode] for i in t.indikator]
    reached = sum(
        1 for c in caps if c and c.achievement is not None and c.achievement >= Decimal(100)
    )
    measured = sum(1 for c in caps if c and c.achievement is not None)
    return [
        Heading("BAB IV PENUTUP"),
        Paragraph(
            f"LKjIP tahun {t.tahun} menyajikan capaian kinerja {dinas} terhadap Perjanjian Kinerja "
            f"tahun {t.tahun}. Dari {measured} IKU yang dapat diukur, {reached} mencapai atau "
            "melampaui targetnya. IKU yang belum mencapai target menjadi perhatian dalam perencanaan "
            "tahun berikutnya melalui rencana tindak lanjut pada Bab III."
        ),
        Paragraph(
            "Laporan ini diharapkan menjadi bahan evaluasi dan perbaikan kinerja serta wujud "
            "akuntabilitas kepada pemangku kepentingan."
        ),
    ]
