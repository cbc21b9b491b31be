"""Open data: what `/publik/` shows, as CSV or XLSX, with the same suppression of small cells
(`< 5`, and `*` for a complementary hidden cell). No login, no personal data; every cell through
kinerja/lib/cells.safe_row (region names are editable text)."""

import csv
import io
from decimal import Decimal

from django.http import Http404, HttpRequest, HttpResponse

from kinerja.lib.cells import safe_row

from .public import MIN_PENYEBUT, IkuPublik, Sel, chosen, periode_pendek, public_figures

KOLOM = [
    "kode_iku", "indikator", "tahun", "periode", "kode_wilayah", "wilayah",
    "pembilang", "penyebut", "nilai_persen", "target_pk_persen", "capaian_persen", "keterangan",
]  # fmt: skip


def _dua(value: Decimal | None) -> Decimal | None:
    return value.quantize(Decimal("0.01")) if value is not None else None


def _sel(sel: Sel) -> list[object]:
    if not sel.ada:
        return ["", "", "", "belum disetujui"]
    if sel.pelengkap:
        return ["*", "*", "*", "disembunyikan agar angka kecil tidak dapat dihitung"]
    if sel.kecil:
        hidden = f"< {MIN_PENYEBUT}"
        return [hidden, hidden, hidden, f"penyebut kurang dari {MIN_PENYEBUT}"]
    return [sel.numerator, sel.denominator, sel.value, ""]


def rows(items: list[IkuPublik], tahun: int) -> list[list[object]]:
    out: list[list[object]] = []
    for item in items:
        for i, p in enumerate(item.periodes):
            for r, (kode, nama, cells) in enumerate(item.baris):
                num, den, val, note = _sel(cells[i])
                target = _dua(item.target[i]) if r == 0 else None
                achieved = item.capaian[i] if r == 0 else None
                out.append(
                    [
                        item.kode,
                        item.nama,
                        tahun,
                        periode_pendek(p),
                        kode,
                        nama,
                        num,
                        den,
                        val,
                        target,
                        achieved,
                        note,
                    ]  # fmt: skip
                )
    return out


def publik_unduh(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404("Format unduhan tidak dikenal (pakai csv atau xlsx).")
    _, tahun, periodes = chosen(request)
    data: list[list[object]] = [list(KOLOM), *rows(public_figures(periodes), tahun)]
    name = f"capaian-iku-{tahun}"
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out).writerows(safe_row(r) for r in data)
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "Capaian IKU"
        for r in data:
            ws.append(safe_row(float(v) if isinstance(v, Decimal) else v for v in r))
        buf = io.BytesIO()
        wb.save(buf)
        response = HttpResponse(
            buf.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
