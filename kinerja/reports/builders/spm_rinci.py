"""The Permensos 9/2018 parts of the SPM report (D159): the breakdown per jenis layanan, kendala and
plan (from the analysis the Bidang writes on the period page), and the costing from the budget lines
tagged to each SPM service's IKU."""

from django.db.models import Sum

from kinerja.indicators.engine import served_by_service
from kinerja.performance.models import Anggaran
from kinerja.performance.periods import Periode
from kinerja.registries.models import JenisLayanan

from ..document import Block, Column, Heading, Paragraph, Table, Value
from ..selectors import analisis

# Permensos 9/2018: the two SPM services of a kab/kota and the IKU that counts each.
LAYANAN_SPM = (
    ("IKU-2", "Rehabilitasi sosial dasar di luar panti"),
    ("IKU-4", "Perlindungan dan jaminan sosial pada saat dan setelah tanggap darurat bencana"),
)


def per_jenis_layanan(periode: Periode) -> list[Block]:
    names = dict(JenisLayanan.objects.values_list("kode", "nama"))
    rows: list[list[Value]] = []
    for kode, nama in LAYANAN_SPM:
        for i, (jenis, n) in enumerate(sorted(served_by_service(kode, periode).items()), 1):
            rows.append([nama if i == 1 else "", names.get(jenis, jenis), n])
    return [
        Heading("4. Rincian per jenis layanan"),
        Paragraph(
            "Jumlah orang yang memperoleh setiap jenis layanan dasar; seseorang yang memperoleh dua "
            "jenis layanan dihitung pada keduanya, sehingga jumlah baris dapat melebihi jumlah "
            "terlayani. Dihitung dari registri saat dokumen dibuat."
        ),
        Table(
            "",
            [
                Column("Layanan SPM", 2.4),
                Column("Jenis layanan", 2.4),
                Column("Orang terlayani", 1, "int"),
            ],
            rows or [["", "Belum ada layanan dalam periode ini", None]],
            sheet="Per jenis layanan",
        ),
    ]


def kendala_rencana(periode: Periode) -> list[Block]:
    rows: list[list[Value]] = []
    for kode, nama in LAYANAN_SPM:
        a = analisis(kode, periode)
        rows.append([nama, (a.penyebab if a else "") or "-", (a.tindak_lanjut if a else "") or "-"])
    return [
        Heading("5. Kendala dan rencana tindak lanjut"),
        Table(
            "",
            [Column("Layanan SPM", 2), Column("Kendala", 3), Column("Rencana tindak lanjut", 3)],
            rows,
            sheet="Kendala",
            note="Ditulis Bidang penanggung jawab pada halaman periode IKU (analisis capaian).",
        ),
    ]


def pembiayaan(periode: Periode, terlayani: dict[str, int | None]) -> list[Block]:
    rows: list[list[Value]] = []
    for kode, nama in LAYANAN_SPM:
        total = Anggaran.objects.filter(tahun=periode.tahun, indikator_kode=kode).aggregate(
            pagu=Sum("pagu"), realisasi=Sum("realisasi")
        )
        n = terlayani.get(kode)
        per_orang = total["realisasi"] // n if total["realisasi"] is not None and n else None
        rows.append([nama, total["pagu"], total["realisasi"], per_orang])
    return [
        Heading("6. Pembiayaan"),
        Table(
            "",
            [
                Column("Layanan SPM", 3),
                Column("Pagu (Rp)", 1.3, "rupiah"),
                Column("Realisasi (Rp)", 1.3, "rupiah"),
                Column("Biaya per orang terlayani (Rp)", 1.4, "rupiah"),
            ],
            rows,
            sheet="Pembiayaan",
            note="Baris anggaran tahun itu yang ditandai dengan IKU layanan SPM (kolom indikator).",
        ),  # fmt: skip
    ]
