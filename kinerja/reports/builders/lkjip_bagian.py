"""Parts of the LKjIP outline (PermenPAN-RB 53/2014) beyond the figures: the foreword, the texts of
Bab I the Dinas writes once a year, the comparison with the national standard (SPM at 100 %), the
follow-up of the last LHE, and the Lampiran (the signed PK)."""

from kinerja.evaluasi.models import Rekomendasi
from kinerja.lib.dates import tanggal_indonesia
from kinerja.performance.periods import Periode

from ..document import Block, Column, Heading, PageBreak, Paragraph, Table, Value
from ..models import TeksLkjip
from ..selectors import mark, reported
from .pk import build_pk
from .spm_rinci import LAYANAN_SPM

BELUM_DITULIS = "(Belum ditulis: Perencana mengisinya di Dokumen → Teks LKjIP.)"


def _teks(tahun: int) -> TeksLkjip:
    return TeksLkjip.objects.filter(tahun=tahun).first() or TeksLkjip(tahun=tahun)


def kata_pengantar(tahun: int, dinas: str) -> list[Block]:
    teks = _teks(tahun).kata_pengantar or (
        f"Puji syukur ke hadirat Tuhan Yang Maha Esa, Laporan Kinerja Instansi Pemerintah (LKjIP) "
        f"{dinas} Tahun {tahun} dapat disusun sebagai wujud pertanggungjawaban atas pelaksanaan "
        "tugas dan fungsi serta capaian Perjanjian Kinerja tahun berjalan. Semoga laporan ini "
        "bermanfaat bagi perbaikan kinerja ke depan."
    )
    return [Heading("KATA PENGANTAR"), Paragraph(teks)]


def bab1_teks(tahun: int) -> list[Block]:
    t = _teks(tahun)
    return [
        Heading("C. Struktur Organisasi", 2),
        Paragraph(t.struktur_organisasi or BELUM_DITULIS),
        Heading("D. Sumber Daya Manusia", 2),
        Paragraph(t.sdm or BELUM_DITULIS),
        Heading("E. Isu Strategis", 2),
        Paragraph(t.isu_strategis or BELUM_DITULIS),
    ]


def standar_nasional(tahun: int) -> list[Block]:
    """Bab III: each SPM service's realisation against the national standard of 100 %."""
    periode = Periode(tahun)
    rows: list[list[Value]] = []
    for kode, nama in LAYANAN_SPM:
        c = reported(kode, periode)
        rows.append([nama, kode, mark(c, c.realisasi if c else None), 100])
    return [
        Heading("Perbandingan dengan standar nasional (SPM Bidang Sosial)", 3),
        Paragraph(
            "Standar Pelayanan Minimal (PP 2/2018, Permensos 9/2018) menetapkan 100 % bagi setiap "
            "layanan dasar. Realisasi IKU yang mengukur layanan itu dibandingkan dengan standar tersebut."
        ),
        Table(
            "",
            [
                Column("Layanan SPM", 4),
                Column("IKU", 0.8),
                Column("Realisasi (%)", 1.2, "pct"),
                Column("Standar nasional (%)", 1.2, "pct"),
            ],
            rows,
            sheet="Standar nasional",
        ),  # fmt: skip
    ]


def tindak_lanjut_lhe(tahun: int) -> list[Block]:
    """The follow-up of the last LHE issued up to this year (the evaluation of an earlier year)."""
    rekomendasi = list(
        Rekomendasi.objects.filter(lhe__evaluasi__tahun__lt=tahun + 1)
        .select_related("lhe__evaluasi", "bidang")
        .order_by("-lhe__evaluasi__tahun", "nomor")
    )
    if not rekomendasi:
        return [
            Heading("C. Tindak Lanjut Hasil Evaluasi", 2),
            Paragraph("Belum ada laporan hasil evaluasi (LHE) yang dicatat."),
        ]
    lhe = rekomendasi[0].lhe
    rows: list[list[Value]] = [
        [r.nomor, r.teks, r.bidang.nama, r.rencana or "-", r.get_status_display(), tanggal_indonesia(r.batas_waktu)]
        for r in rekomendasi
        if r.lhe_id == lhe.pk
    ]  # fmt: skip
    return [
        Heading("C. Tindak Lanjut Hasil Evaluasi", 2),
        Paragraph(
            f"LHE atas evaluasi SAKIP tahun {lhe.evaluasi.tahun} nomor {lhe.nomor} tanggal "
            f"{tanggal_indonesia(lhe.tanggal)} memuat {len(rows)} rekomendasi; tindak lanjutnya:"
        ),
        Table(
            "",
            [
                Column("No", 0.4, "int"),
                Column("Rekomendasi", 3),
                Column("Penanggung jawab", 1.4),
                Column("Rencana tindak lanjut", 2.4),
                Column("Status", 1.2),
                Column("Batas waktu", 1.2),
            ],
            rows,
            sheet="Tindak lanjut LHE",
        ),  # fmt: skip
    ]


def lampiran(tahun: int) -> list[Block]:
    pk = build_pk(tahun)
    return [PageBreak(), Heading("LAMPIRAN"), Heading(f"Lampiran I. {pk.title}", 2), *pk.blocks]
