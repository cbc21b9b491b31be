"""Security headers Django does not set by itself, the Indonesian-first locale, gzip for text."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.gzip import GZipMiddleware
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

# Every asset is served from this origin: no CDN, so a strict policy costs nothing.
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response


class IndonesianFirstLocaleMiddleware(LocaleMiddleware):
    """Indonesian unless the user chose English with the language switch (cookie).

    Django's own LocaleMiddleware follows the browser's Accept-Language, so an office PC set up in
    English would get an English interface; the Dinas works in Indonesian first.
    """

    def process_request(self, request: HttpRequest) -> None:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class GZipTextMiddleware(GZipMiddleware):
    """Django's gzip (with its BREACH padding of random bytes) for text only: pages, CSV, JSON, SVG.

    The tree page is 380 KB of SVG, 36 KB gzipped (D212); compressing it costs about 4 ms. Files
    that are already compressed (PDF, XLSX, DOCX, images, evidence downloads) are left alone, and
    static files never get here: WhiteNoise, above this middleware, serves its own `.gz` copies.
    """

    TEXT_TYPES = ("text/", "application/json", "image/svg+xml")

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not response.get("Content-Type", "").startswith(self.TEXT_TYPES):
            return response
        return super().process_response(request, response)
