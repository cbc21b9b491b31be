"""The LKjIP's parts from the performance tree (kinerja/sakip): Bab II D, the tujuan and their
indikator tujuan with the year's target; Bab III A.7, the programmes' and kegiatan's indicators with
their realisation, capaian and band. Nothing when no Renstra with a tree covers the year."""

from kinerja.sakip.models import IndikatorKinerja, TargetIndikator, Tingkat
from kinerja.sakip.selectors import indikator_capaian, renstra_for_year

from ..document import Column, Heading, Paragraph, Table


def _rows(tahun: int, levels: tuple[str, ...]) -> tuple[list, dict]:
    renstra = renstra_for_year(tahun)
    if renstra is None:
        return [], {}
    inds = list(
        IndikatorKinerja.objects.filter(renstra=renstra, simpul__tingkat__in=levels)
        .select_related("simpul")
        .order_by("simpul__urutan", "urutan", "id")
    )
    figures = {
        c.indikator_id: c
        for cs in indikator_capaian(renstra, tahun, [i.pk for i in inds]).values()
        for c in cs
    }
    return inds, figures


def bab2_tujuan(tahun: int) -> list:
    """Bab II D: each tujuan with its indikator tujuan and the year's target."""
    inds, _ = _rows(tahun, (Tingkat.TUJUAN,))
    if not inds:
        return []
    targets = dict(
        TargetIndikator.objects.filter(
            indikator__in=inds, tahun=tahun, periode__isnull=True
        ).values_list("indikator_id", "nilai")
    )
    rows, last = [], None
    for i in inds:
        first = i.simpul_id != last
        last = i.simpul_id
        rows.append(
            [
                i.simpul.kode if first else "",
                i.simpul.uraian if first else "",
                f"{i.kode}: {i.nama}",
                i.satuan,
                targets.get(i.pk),
            ]
        )
    return [
        Heading("D. Tujuan dan Indikator Tujuan", 2),
        Paragraph(f"Tujuan Renstra dan indikator tujuannya, dengan target tahun {tahun}."),
        Table(
            "",
            [
                Column("Kode", 0.6),
                Column("Tujuan", 2.6),
                Column("Indikator Tujuan", 3),
                Column("Satuan", 0.7),
                Column("Target", 0.8, "number"),
            ],
            rows,
            sheet="Tujuan",
        ),
    ]


def a7_program_kegiatan(tahun: int) -> list:
    """Bab III A.7: the indicators of the programmes and kegiatan with the year's realisation.
    Six columns, the code before the name and the unit after the indicator, as planning documents
    write them: a quarter fewer cells than eight separate columns, 10 % less work for the LKjIP's
    render with the issue-15 tree, and 25 rather than 28 pages (D275)."""
    inds, figures = _rows(tahun, (Tingkat.PROGRAM, Tingkat.KEGIATAN))
    if not inds:
        return []
    rows = []
    for i in inds:
        c = figures.get(i.pk)
        rows.append(
            [
                f"{i.simpul.kode} {i.simpul.uraian}",
                f"{i.kode}: {i.nama}" + (f" ({i.satuan})" if i.satuan else ""),
                c.target if c else None,
                c.realisasi if c else None,
                c.capaian if c else None,
                (c.band or "") if c else "",
            ]
        )
    return [
        Heading("A.7 Capaian Indikator Program dan Kegiatan", 2),
        Paragraph(
            "Indikator program dan kegiatan dari pohon kinerja: realisasi periode terakhir yang "
            "terisi (angka beku bila sudah disetujui), target periode itu, capaian dan predikatnya."
        ),
        Table(
            "",
            [
                Column("Program / Kegiatan", 3.0),
                Column("Indikator (satuan)", 3.4),
                Column("Target", 1.1, "number"),
                Column("Realisasi", 1.2, "number"),
                Column("Capaian (%)", 1.1, "pct"),
                Column("Predikat", 1.1),
            ],
            rows,
            sheet="A.7 Program",
        ),
    ]
