"""The LKE worksheet of a year as a document: every criterion with the Dinas's and the evaluator's
answers, each sub-component's and component's score, the total and the predikat, then the list of
evidence: links to Kinerja's own artifacts and uploaded files, each with the SHA-256 recorded (D230)."""

from kinerja.evaluasi.models import JenisBukti
from kinerja.evaluasi.selectors import lembar_kerja
from kinerja.lib.dates import tanggal_indonesia
from kinerja.lib.numbers import format_persen as n

from ..common import letterhead
from ..document import Column, Document, Heading, Paragraph, Table, Value


def build_lke(year: int) -> Document:
    lk = lembar_kerja(year)
    if lk is None:
        raise ValueError(f"Belum ada LKE yang berlaku untuk tahun {year}.")
    evaluasi, rekap, baris = lk
    status = (
        f"Ditutup evaluator {tanggal_indonesia(evaluasi.ditutup_pada)}"
        if evaluasi.ditutup and evaluasi.ditutup_pada
        else "Belum ditutup evaluator: nilai masih dapat berubah"
    )
    doc = Document(
        title=f"Lembar Kerja Evaluasi SAKIP Tahun {year}",
        subtitle=f"{evaluasi.lke.nama}\n{status}",
        letterhead=letterhead(),
        landscape=True,
    )
    rows: list[list[Value]] = [
        [f"{k.nomor}. {k.nama}", k.bobot, k.nilai["mandiri"], k.nilai["evaluator"]]
        for k in rekap.komponen
    ]
    rows += [
        ["Nilai akhir", 100, rekap.total["mandiri"], rekap.total["evaluator"]],
    ]
    doc.add(
        Table(
            "Rekapitulasi nilai",
            [
                Column("Komponen", 5),
                Column("Bobot", 1, "number"),
                Column("Nilai mandiri", 1.2, "number"),
                Column("Nilai evaluator", 1.2, "number"),
            ],
            rows,
            sheet="Rekap",
        ),
        Paragraph(
            f"Predikat penilaian mandiri: {rekap.predikat['mandiri']}"
            + ("" if rekap.lengkap["mandiri"] else " (belum lengkap)")
            + f". Predikat evaluator: {rekap.predikat['evaluator']}"
            + ("" if rekap.lengkap["evaluator"] else " (belum lengkap)")
            + ".",
            bold=True,
        ),  # fmt: skip
    )
    for k in rekap.komponen:
        doc.add(Heading(f"{k.nomor}. {k.nama} (bobot {n(k.bobot)})", 2))
        for s in k.sub:
            doc.add(
                Paragraph(
                    f"{s.sub.kode} {s.sub.nama}. Bobot {n(s.sub.bobot)}; nilai mandiri "
                    f"{n(s.nilai['mandiri'])}, nilai evaluator {n(s.nilai['evaluator'])}."
                ),
                Table(
                    "",
                    [Column("No", 0.4), Column("Kriteria", 5), Column("Mandiri", 0.9),
                     Column("Catatan mandiri", 2), Column("Evaluator", 0.9),
                     Column("Catatan evaluator", 2), Column("Bukti", 0.6, "int")],
                    [[kr.nomor, kr.teks, j.mandiri_jawaban if j else "", j.mandiri_catatan if j else "",
                      j.evaluator_jawaban if j else "", j.evaluator_catatan if j else "",
                      baris.bukti.get(j.pk, 0) if j else 0]
                     for kr, j in baris.per_sub.get(s.sub.pk, [])],
                    sheet="Kriteria",
                ),
            )  # fmt: skip
    doc.add(Heading("Daftar bukti", 2))
    if not baris.daftar_bukti:
        doc.add(Paragraph("Belum ada bukti.", italic=True))
        return doc
    doc.add(
        Table(
            "",
            [Column("Kriteria", 0.7), Column("Jenis", 1.6), Column("Bukti", 3.0),
             Column("SHA-256 tercatat", 4.6)],
            [[_kode(b), b.get_jenis_display(), _isi(b), b.hash_tercatat]
             for b in baris.daftar_bukti],
            sheet="Bukti",
            note="Berkas unggahan: nama berkas dan SHA-256 isinya saat diunggah; bukti tautan: "
            "SHA-256 artefak Kinerja saat ditautkan. Keduanya diperiksa ulang setiap kali dibuka "
            "di aplikasi.",
        ),
    )  # fmt: skip
    return doc


def _kode(b) -> str:
    k = b.jawaban.kriteria
    return f"{k.sub_komponen.kode}.{k.nomor}"


def _isi(b) -> str:
    if b.jenis == JenisBukti.BERKAS:
        return f"{b.nama_berkas} ({b.ukuran:,} bita)".replace(",", ".")
    return b.label
