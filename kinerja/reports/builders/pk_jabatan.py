"""The Perjanjian Kinerja of any position (PermenPAN-RB 53/2014), and its PK Perubahan, in the
layout of the Dinas's PK (builders/pk.py): the same statement, signature row and tables; pihak
pertama / kedua from the position table, indicators and targets from the PK drawn from the tree."""

from django.conf import settings

from kinerja.lib.dates import tanggal_indonesia
from kinerja.performance.periods import ROMAWI
from kinerja.sakip.models import IndikatorPK, PerjanjianKinerja, StatusPK
from kinerja.sakip.pk_selectors import anggaran_pk, perubahan_of, pk_latest
from kinerja.sakip.services.pk import Pihak, pihak_of

from ..common import letterhead, sum_formula
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
from .pk import NBSP, statement


def _parties(pk: PerjanjianKinerja) -> tuple[Pihak, Pihak]:
    """As signed once approved; the position table's holders while a draft."""
    if pk.status == StatusPK.DISETUJUI and pk.pihak:
        return Pihak(**pk.pihak["pertama"]), Pihak(**pk.pihak["kedua"])
    return pihak_of(pk.jabatan)


def _signatures(pk: PerjanjianKinerja, pertama: Pihak, kedua: Pihak) -> SignatureRow:
    when = (
        tanggal_indonesia(pk.disetujui_pada.date())
        if pk.disetujui_pada
        else f"{NBSP * 10} {pk.tahun}"  # the day is written at signing
    )
    first = Signature(
        f"Banjarbaru, {when}", "PIHAK PERTAMA,", pertama.nama, pertama.pangkat, pertama.nip
    )
    second = Signature("", "PIHAK KEDUA,", kedua.nama, kedua.pangkat, kedua.nip)
    return SignatureRow((second, first))


def _indicator_rows(pk: PerjanjianKinerja) -> list[list]:
    rows: list[list] = []
    last_node = None
    n = 0
    for r in IndikatorPK.objects.filter(pk_dokumen=pk).select_related("indikator__simpul"):
        node = r.indikator.simpul
        first = node.pk != last_node
        n += first
        last_node = node.pk
        rows.append(
            [
                n if first else "",
                node.uraian if first else "",
                f"{r.indikator.kode}: {r.indikator.nama}",
                r.indikator.satuan,
                r.target_tahun,
                *(r.target_tw(q) for q in (1, 2, 3, 4)),
            ]
        )
    return rows


def _add_pk(doc: Document, pk: PerjanjianKinerja, heading: bool = False) -> None:
    pertama, kedua = _parties(pk)
    tingkat = {
        "kepala_dinas": "Sasaran Strategis",
        "sekretaris": "Program",
        "kepala_bidang": "Program",
    }.get(pk.jabatan.jenis, "Kegiatan / Sub-kegiatan")
    if heading:  # one PK among many; a single PK's title is the document's
        doc.add(Heading(f"{pk.judul} Tahun {pk.tahun}"), Paragraph(pk.jabatan.nama, bold=True))
    doc.add(
        *statement(pertama.nama, pertama.jabatan, kedua.nama, kedua.jabatan),
    )
    if pk.menggantikan is not None:
        doc.add(
            Paragraph(
                f"Perjanjian Kinerja Perubahan ini mengganti Perjanjian Kinerja versi "
                f"{pk.menggantikan.versi} tahun {pk.tahun}, yang tetap tersimpan. "
                f"Alasan perubahan: {pk.alasan_perubahan}"
            )
        )
    doc.add(_signatures(pk, pertama, kedua), PageBreak())
    doc.add(
        Heading(f"Lampiran {pk.judul} Tahun {pk.tahun}"),
        Paragraph(pk.jabatan.nama, bold=True),
        Table(
            "Sasaran, indikator dan target kinerja (rencana aksi triwulan)",
            [
                Column("No", 0.35, "int"),
                Column(tingkat, 2.4),
                Column("Indikator Kinerja", 3),
                Column("Satuan", 0.7),
                Column("Target", 0.8, "number"),
                *(Column(f"TW {r}", 0.7, "number") for r in ROMAWI.values()),
            ],
            _indicator_rows(pk),
            sheet="Target",
            note="Target triwulan bersifat kumulatif sejak 1 Januari; target TW IV sama dengan "
            "target tahunan.",
        ),
    )
    budget = anggaran_pk(pk)
    rows: list[list] = [[i, b.kode, b.uraian, b.pagu] for i, b in enumerate(budget, 1)]
    rows.append(
        ["", "", "Jumlah", CellFormula(sum_formula("Anggaran (Rp)"), sum(b.pagu for b in budget))]
    )
    doc.add(
        Table(
            "Program, kegiatan dan anggaran",
            [
                Column("No", 0.35, "int"),
                Column("Kode", 1.4),
                Column("Program / Kegiatan", 4.6),
                Column("Anggaran (Rp)", 2, "rupiah"),
            ],
            rows,
            sheet="Anggaran",
            note=""
            if any(b.pagu for b in budget)
            else f"Belum ada data anggaran tahun {pk.tahun}.",
        )
    )
    if pk.menggantikan is not None:
        doc.add(
            Table(
                f"Perubahan terhadap Perjanjian Kinerja versi {pk.menggantikan.versi}",
                [
                    Column("Kode", 1),
                    Column("Indikator", 3),
                    Column("Yang berubah", 1.6),
                    Column("Semula", 1),
                    Column("Menjadi", 1),
                ],
                [[c.kode, c.nama, c.apa, c.sebelum, c.sesudah] for c in perubahan_of(pk)],
                sheet="Perubahan",
                note=f"Alasan: {pk.alasan_perubahan}",
            )
        )
    doc.add(_signatures(pk, pertama, kedua))


def build_pk_jabatan(pk: PerjanjianKinerja) -> Document:
    """One PK (or PK Perubahan) of one position."""
    doc = Document(
        title=f"{pk.judul} Tahun {pk.tahun}", subtitle=pk.jabatan.nama, letterhead=letterhead()
    )
    doc.provisional = pk.status != StatusPK.DISETUJUI
    _add_pk(doc, pk)
    return doc


def build_pk_semua(tahun: int) -> Document:
    """The newest PK of every position of `tahun`, one after another (`kinerja report pk-jabatan`)."""
    from kinerja.sakip.models import Jabatan

    ids = Jabatan.objects.filter(kode_kabkota=settings.KINERJA_KODE_WILAYAH).values_list(
        "pk", flat=True
    )
    pks = list(pk_latest(list(ids), tahun))
    doc = Document(
        title=f"Perjanjian Kinerja Seluruh Jabatan Tahun {tahun}",
        subtitle="Kepala Dinas, Sekretaris, Kepala Bidang, Kepala Seksi dan jabatan fungsional",
        letterhead=letterhead(),
    )
    if not pks:
        doc.add(Paragraph(f"Belum ada Perjanjian Kinerja jabatan untuk tahun {tahun}."))
    for n, pk in enumerate(pks):
        if n:
            doc.add(PageBreak())
        _add_pk(doc, pk, heading=True)
    doc.provisional = any(pk.status != StatusPK.DISETUJUI for pk in pks)
    return doc


def write_pk_jabatan(kode: str, fmt: str, output, *, year: int):
    """`kinerja report pk-jabatan --jabatan KODE`: the newest PK of one position as a file."""
    from kinerja.sakip.models import Jabatan

    from ..render import RENDERERS

    jabatan = Jabatan.objects.filter(kode_kabkota=settings.KINERJA_KODE_WILAYAH, kode=kode).first()
    if jabatan is None:
        raise ValueError(f"Jabatan dengan kode '{kode}' tidak ada.")
    pk = pk_latest([jabatan.pk], year).first()
    if pk is None:
        raise ValueError(f"Belum ada Perjanjian Kinerja {year} untuk {jabatan.nama}.")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(RENDERERS[fmt](build_pk_jabatan(pk)))
    return output
