"""The data-subject report as one self-contained HTML file and as PDF (WeasyPrint, like documents)."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from .selectors import LaporanSubjek


def report_html(report: LaporanSubjek, *, pembuat: str) -> str:
    """Standalone page (letterhead, print CSS inline): the command's HTML output and the PDF's source."""
    found = finders.find("pdp/laporan.css")
    assert found is not None  # this app's own static file
    css = Path(found).read_text(encoding="utf-8")
    return render_to_string(
        "pdp/laporan_cetak.html",
        {"r": report, "pembuat": pembuat, "KOP": settings.KINERJA_KOP, "css": css},
    )


def report_pdf(report: LaporanSubjek, *, pembuat: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=report_html(report, pembuat=pembuat)).write_pdf()
