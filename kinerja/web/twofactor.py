"""Two-factor sign-in pages and the middleware that holds a session until its code is verified (D87)."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import user_has_device
from django_otp.middleware import is_verified

from kinerja.organisation.permissions import requires_twofactor
from kinerja.organisation.twofactor import (
    confirmed_device,
    device_confirm,
    pending_device,
    qr_svg,
    secret_text,
    session_verify,
)

# Reachable before the code is verified: the two pages themselves, signing out, assets, language.
OPEN_PREFIXES = ("/akun/dua-faktor/", "/keluar/", "/static/", "/i18n/")


def _next(request: HttpRequest) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if ok and url.startswith("/") else reverse("beranda")


def _pending_step(user) -> str | None:
    """Which page a signed-in but unverified user must pass: verify, set up, or none."""
    if user_has_device(user, confirmed=True):
        return "dua_faktor_verifikasi"
    if requires_twofactor(user):
        return "dua_faktor_pasang"
    return None


class TwoFactorMiddleware:
    """After django-otp's OTPMiddleware: an unverified session of a user who has a device, or whose
    role must have one, reaches only OPEN_PREFIXES; every other page redirects to the step."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            step = _pending_step(user)
            if step is not None:
                if request.path.startswith("/api/"):
                    return JsonResponse(
                        {"detail": "Verifikasi dua langkah belum dilakukan untuk sesi ini."},
                        status=403,
                    )
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse(step)}?{query}")
        return self.get_response(request)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def pasang(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: QR code and secret, confirmed with a first code."""
    user = request.user
    if confirmed_device(user) is not None:
        if not is_verified(user):
            return redirect(
                f"{reverse('dua_faktor_verifikasi')}?{urlencode({'next': _next(request)})}"
            )
        return render(request, "web/dua_faktor_aktif.html", {"wajib": requires_twofactor(user)})
    device = pending_device(user)
    error = ""
    if request.method == "POST":
        result = device_confirm(request, device, request.POST.get("kode", ""))
        if result.ok:
            return redirect(_next(request))
        error = result.message
    return render(
        request,
        "web/dua_faktor_pasang.html",
        {
            "qr": mark_safe(qr_svg(device)),  # noqa: S308 -- SVG drawn by qrcode from our own URL
            "rahasia": secret_text(device),
            "error": error,
            "next": _next(request),
            "wajib": requires_twofactor(user),
        },
        status=200,
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def verifikasi(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: the code shown by the authenticator app."""
    user = request.user
    if is_verified(user):
        return redirect(_next(request))
    if confirmed_device(user) is None:
        return redirect(f"{reverse('dua_faktor_pasang')}?{urlencode({'next': _next(request)})}")
    error = ""
    if request.method == "POST":
        result = session_verify(request, request.POST.get("kode", ""))
        if result.ok:
            return redirect(_next(request))
        error = result.message
    return render(
        request, "web/dua_faktor_verifikasi.html", {"error": error, "next": _next(request)}
    )
