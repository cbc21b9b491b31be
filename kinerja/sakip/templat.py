"""The tree template as XLSX: the two sheets the import reads, filled with a Renstra's current tree
(so the Perencana can export, edit and import it again), and a sheet of instructions."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from kinerja.lib.cells import safe_row
from kinerja.organisation.models import Bidang

from .models import IndikatorKinerja, Renstra, Simpul
from .services.lembar import INDIKATOR, INDIKATOR_COLUMNS, POHON, POHON_COLUMNS

PETUNJUK = [
    "Lembar Pohon: satu baris per simpul, induk di atas anaknya.",
    "tingkat: tujuan, sasaran, program, kegiatan, sub_kegiatan.",
    "kode: unik dalam Renstra; program, kegiatan dan sub-kegiatan memakai kode anggaran.",
    "induk: kode simpul satu tingkat di atasnya (kosong untuk tujuan).",
    "bidang: wajib untuk program; kegiatan dan sub-kegiatan mewarisi bidang programnya.",
    "Lembar Indikator: simpul = kode simpul; jenis = diketik atau dihitung (kolom iku, mis. IKU-2).",
    "satuan wajib; polaritas naik/turun; frekuensi triwulan/bulan; target <tahun> = target tahunan.",
    "Baris yang salah ditolak dengan nomor baris dan alasannya; baris lain tetap tersimpan.",
]


def template_xlsx(renstra: Renstra | None, kode_kabkota: str) -> bytes:
    wb = Workbook()
    pohon = wb.active
    pohon.title = POHON
    pohon.append(list(POHON_COLUMNS))
    years = list(renstra.tahun) if renstra else []
    indikator = wb.create_sheet(INDIKATOR)
    indikator.append([*INDIKATOR_COLUMNS, *(f"target {y}" for y in years)])
    if renstra is not None:
        nodes = Simpul.objects.filter(renstra=renstra).select_related("induk", "bidang")
        for s in nodes.order_by("urutan", "id"):
            pohon.append(
                safe_row(
                    [
                        s.tingkat,
                        s.kode,
                        s.induk.kode if s.induk else "",
                        s.uraian,
                        s.sasaran,
                        s.bidang.kode if s.bidang else "",
                        s.seksi,
                    ]
                )
            )
        targets: dict[int, dict[int, object]] = {}
        for ind_id, tahun, nilai in renstra.indikator.filter(
            target__periode__isnull=True, target__tahun__isnull=False
        ).values_list("id", "target__tahun", "target__nilai"):
            targets.setdefault(ind_id, {})[tahun] = float(nilai)
        rows = IndikatorKinerja.objects.filter(renstra=renstra).select_related("simpul", "bidang")
        for i in rows.order_by("urutan", "id"):
            indikator.append(
                safe_row(
                    [
                        i.simpul.kode,
                        i.kode,
                        i.nama,
                        i.jenis,
                        i.iku_kode,
                        i.satuan,
                        i.polaritas,
                        i.frekuensi,
                        i.bidang.kode if i.bidang else "",
                        *(targets.get(i.pk, {}).get(y, "") for y in years),
                    ]
                )
            )
    for sheet in (pohon, indikator):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    petunjuk = wb.create_sheet("Petunjuk")
    for line in PETUNJUK:
        petunjuk.append(safe_row([line]))
    codes = Bidang.objects.filter(organisasi__kode_wilayah=kode_kabkota).values_list("kode", "nama")
    petunjuk.append([])
    petunjuk.append(["Kode bidang"])
    for kode, nama in codes:
        petunjuk.append(safe_row([kode, nama]))
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
