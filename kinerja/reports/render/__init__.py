from .docx import render_docx
from .pdf import render_pdf
from .xlsx import render_xlsx

RENDERERS = {"pdf": render_pdf, "docx": render_docx, "xlsx": render_xlsx}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
__all__ = ["CONTENT_TYPES", "RENDERERS", "render_docx", "render_pdf", "render_xlsx"]
