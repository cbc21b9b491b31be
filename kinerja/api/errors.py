"""DRF's exception handler, with Indonesian words where DRF's own translation has none (D80)."""

from django.utils.translation import gettext
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

BASIC_HEADER = "Header basic auth tidak sah: kirim `Basic <base64 nama:sandi>`."


def _indonesian(exc: exceptions.APIException, method: str) -> str | None:
    if isinstance(exc, exceptions.MethodNotAllowed):
        return f"Metode {method} tidak diizinkan: API ini hanya membaca (GET)."
    if isinstance(exc, exceptions.ParseError):
        return "Isi permintaan tidak dapat dibaca."
    detail = str(exc.detail)
    if detail.startswith("Invalid basic header"):
        return BASIC_HEADER
    if detail.startswith("CSRF Failed"):
        return "Permintaan ditolak: token CSRF tidak ada atau salah."
    if detail == gettext("User inactive or deleted."):
        return "Akun tidak aktif atau sudah dihapus."
    return None


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.APIException):
        request = context.get("request")
        message = _indonesian(exc, getattr(request, "method", ""))
        if message is not None:
            response.data = {"detail": message}
    return response
