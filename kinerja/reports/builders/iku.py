"""The decree's Lampiran as a document: organisation, tugas, fungsi and the IKU table."""

import datetime as dt

from kinerja.indicators.selectors import keputusan_in_force, sasaran_with_indikator
from kinerja.lib.dates import tanggal_indonesia

from ..common import letterhead
from ..definisi_kata import _names, definisi_operasional
from ..document import Column, Document, Heading, Paragraph, Signature, Table


def build_iku(*, date: dt.date) -> Document:
    keputusan = keputusan_in_force(date)
    if keputusan is None:
        raise ValueError(f"Tidak ada katalog IKU yang berlaku pada {tanggal_indonesia(date)}.")
    doc = Document(
        title=f"Indikator Kinerja Utama (IKU) {keputusan.nama_organisasi.title()}",
        subtitle=(
            f"Lampiran Keputusan Kepala Dinas Sosial Nomor {keputusan.nomor} tentang {keputusan.judul}\n"
            f"Ditetapkan {tanggal_indonesia(keputusan.tanggal_ditetapkan)} · Versi katalog {keputusan.versi} "
            f"(berlaku mulai {tanggal_indonesia(keputusan.berlaku_mulai)})"
        ),
        letterhead=letterhead(),
        landscape=True,
    )
    fungsi = "\n".join(f"{chr(97 + i)}. {f}" for i, f in enumerate(keputusan.fungsi))
    doc.add(
        Table(
            "Organisasi",
            [Column("Uraian", 1), Column("Keterangan", 5)],
            [
                ["Nama Organisasi", keputusan.nama_organisasi],
                ["Tugas", keputusan.tugas],
                ["Fungsi", fungsi],
            ],
            sheet="Organisasi",
        ),
        Heading("Indikator Kinerja Utama (IKU)"),
    )
    rows = []
    names = _names()
    for s in sasaran_with_indikator(keputusan):
        for ind in s.indikator.all():
            penjelasan = (
                f"Makna Indikator: {ind.makna}\n\nAlasan Pemilihan Indikator: {ind.alasan}\n\n"
                f"Cara Perhitungan: {ind.cara_perhitungan}"
            )
            opsi = ind.opsi_dtsen
            if opsi:  # contract section 6, beside the decree's words (D138)
                penjelasan += (
                    f"\n\nOpsi perhitungan DTSEN (versi katalog {keputusan.versi}):"
                    f" {' '.join(opsi)}"
                )
            rows.append(
                [
                    f"{s.nomor}",
                    s.uraian,
                    f"{ind.kode}: {ind.nama}",
                    penjelasan,
                    definisi_operasional(ind, names),
                    ind.penanggung_jawab,
                    ind.sumber_data,
                ]
            )
    doc.add(
        Table(
            "",
            [
                Column("No", 0.4),
                Column("Sasaran Strategis", 2),
                Column("Indikator Kinerja Utama", 2.2),
                Column("Penjelasan (Makna, Alasan Pemilihan dan Cara Perhitungan)", 4.2),
                Column("Definisi operasional yang dipakai Kinerja", 3),
                Column("Penanggung Jawab", 1.5),
                Column("Sumber Data", 1),
            ],
            rows,
            sheet="IKU",
        ),
        Paragraph(
            f"Ditetapkan di Banjarbaru pada tanggal {tanggal_indonesia(keputusan.tanggal_ditetapkan)}"
        ),
        Signature(
            place_date=f"Banjarbaru, {tanggal_indonesia(keputusan.tanggal_ditetapkan)}",
            position=keputusan.penandatangan_jabatan.upper() + ",",
            name=keputusan.penandatangan_nama,
            rank=keputusan.penandatangan_pangkat,
            nip=keputusan.penandatangan_nip,
        ),
    )
    return doc
