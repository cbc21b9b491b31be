"""The filtered audit log as XLSX: one row per entry, every text cell formula-safe (D163)."""

from collections.abc import Iterable

from django.http import HttpResponse

from kinerja.lib.cells import safe_row
from kinerja.lib.dates import today

from .models import AuditEntry
from .wording import entri

HEADER = ["Nomor entri", "Waktu", "Pengguna", "Peran", "Kegiatan", "Objek", "Sebelum", "Sesudah"]
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _side(rows, attr: str) -> str:
    return "; ".join(f"{r.label}: {getattr(r, attr)}" for r in rows if getattr(r, attr) != "—")


def audit_xlsx(entries: Iterable[AuditEntry], *, mask: bool, judul: str) -> HttpResponse:
    from openpyxl import Workbook  # imported here: openpyxl is heavy and only exports need it

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Jejak audit")
    ws.append(safe_row([judul]))
    ws.append(HEADER)
    for e in entries:
        t = entri(e, mask=mask)
        ws.append(
            safe_row(
                [
                    t.nomor,
                    t.waktu,
                    t.siapa,
                    t.peran,
                    t.kalimat,
                    t.objek,
                    _side(t.baris, "sebelum"),
                    _side(t.baris, "sesudah"),
                ]
            )  # fmt: skip
        )
    response = HttpResponse(content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="jejak-audit-{today():%Y%m%d}.xlsx"'
    wb.save(response)
    return response
