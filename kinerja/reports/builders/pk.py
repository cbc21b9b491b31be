"""The Perjanjian Kinerja of a year: statement page, two signatories, targets and programmes."""

from kinerja.performance.models import JenisTarget
from kinerja.performance.periods import ROMAWI

from ..common import (
    kepala_signature,
    kota_name,
    letterhead,
    organisasi,
    sum_formula,
    walikota_signature,
)
from ..document import (
    CellFormula,
    Column,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Signature,
    SignatureRow,
    Table,
)
from ..selectors import catalogue, programs, sasaran_list, year_targets

NBSP = "\u00a0"


def _statement(tahun: int, kepala: Signature, walikota: Signature, dinas: str, kota: str) -> list:
    return statement(
        kepala.name, f"Kepala {dinas}", walikota.name, f"Walikota {kota.replace('Kota ', '')}"
    )


def statement(pertama: str, jabatan_pertama: str, kedua: str, jabatan_kedua: str) -> list:
    """The PK's opening statement between two parties (any echelon, PermenPAN-RB 53/2014)."""
    return [
        Paragraph(
            "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel "
            "serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"
        ),
        Table(
            "",
            [Column("", 0.3), Column("", 1), Column("", 4)],
            [
                ["", "Nama", pertama],
                ["", "Jabatan", jabatan_pertama],
                ["", "", "selanjutnya disebut PIHAK PERTAMA"],
                ["", "Nama", kedua],
                ["", "Jabatan", jabatan_kedua],
                ["", "", "selaku atasan PIHAK PERTAMA, selanjutnya disebut PIHAK KEDUA"],
            ],
            sheet="Pernyataan",
            plain=True,
        ),
        Paragraph(
            "PIHAK PERTAMA berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran "
            "perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah "
            "ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target "
            "kinerja tersebut menjadi tanggung jawab kami."
        ),
        Paragraph(
            "PIHAK KEDUA akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi "
            "terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan "
            "dalam rangka pemberian penghargaan dan sanksi."
        ),
    ]


def build_pk(tahun: int) -> Document:
    keputusan = catalogue(tahun)
    org = organisasi()
    dinas = org.nama if org else "Dinas Sosial"
    kota = kota_name()
    place_date = f"Banjarbaru, {NBSP * 10} Januari {tahun}"  # the day is written at signing
    kepala = kepala_signature()
    kepala = Signature(place_date, "PIHAK PERTAMA,", kepala.name, kepala.rank, kepala.nip)
    walikota = walikota_signature()
    walikota = Signature("", "PIHAK KEDUA,", walikota.name)
    doc = Document(
        title=f"Perjanjian Kinerja Tahun {tahun}",
        subtitle=dinas,
        letterhead=letterhead(),
    )
    doc.add(*_statement(tahun, kepala, walikota, dinas, kota))
    doc.add(SignatureRow((walikota, kepala)), PageBreak())

    targets = year_targets([tahun])
    rows = []
    for s, inds in sasaran_list(keputusan):
        for i, ind in enumerate(inds):
            quarters = [targets.get((ind.kode, tahun, q, JenisTarget.PK)) for q in (1, 2, 3, 4)]
            rows.append(
                [
                    s.nomor if i == 0 else "",
                    s.uraian if i == 0 else "",
                    f"{ind.kode}: {ind.nama}",
                    targets.get((ind.kode, tahun, None, JenisTarget.PK)),
                    *quarters,
                ]
            )
    doc.add(
        Heading(f"Lampiran Perjanjian Kinerja Tahun {tahun}"),
        Paragraph(dinas, bold=True),
        Table(
            "Sasaran, indikator dan target kinerja",
            [
                Column("No", 0.35, "int"),
                Column("Sasaran Strategis", 2.6),
                Column("Indikator Kinerja", 3),
                Column("Target (%)", 0.8, "pct"),
                *(Column(f"TW {r} (%)", 0.7, "pct") for r in ROMAWI.values()),
            ],
            rows,
            sheet="Target",
            note="Target triwulan bersifat kumulatif sejak 1 Januari; target TW IV sama dengan "
            "target tahunan.",
        ),
    )
    progs = programs(tahun)
    prog_rows: list[list] = [[i, p.nama, p.pagu] for i, p in enumerate(progs, 1)]
    total = sum(p.pagu for p in progs)
    prog_rows.append(["", "Jumlah", CellFormula(sum_formula("Anggaran (Rp)"), total)])
    doc.add(
        Table(
            "Program dan anggaran",
            [Column("No", 0.35, "int"), Column("Program", 6), Column("Anggaran (Rp)", 2, "rupiah")],
            prog_rows,
            sheet="Anggaran",
            note="" if progs else f"Belum ada data anggaran tahun {tahun}.",
        ),
        SignatureRow((walikota, kepala)),
    )
    return doc
