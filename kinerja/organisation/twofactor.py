"""Two-factor sign-in with a TOTP authenticator app (django-otp), D87.

Who must use it is decided in `permissions.requires_twofactor`; here only the device: creating one,
confirming it with a first code, checking a code at sign-in, and drawing its QR code (SVG, offline).
"""

import base64
import re
from dataclasses import dataclass

import django_otp
from django.db import transaction
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authentication import BasicAuthentication
from rest_framework.exceptions import AuthenticationFailed

from kinerja.audit.services import audit_record

from .permissions import requires_twofactor

DEVICE_NAME = "Aplikasi autentikator"
CODE_RE = re.compile(r"^\d{6}$")


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed device (created on first need): its secret is shown until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret as authenticator apps ask for it when typed by hand: base32, in groups of 4."""
    b32 = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(b32[i : i + 4] for i in range(0, len(b32), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG QR code, drawn by the server (no CDN, no image request)."""
    import qrcode
    import qrcode.image.svg

    img = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = img.to_string(encoding="unicode")
    return re.sub(r"^<\?xml[^>]*\?>\s*", "", svg)


@dataclass(frozen=True)
class CodeCheck:
    ok: bool
    message: str = ""


def _check(device: TOTPDevice, code: str) -> CodeCheck:
    code = re.sub(r"\s+", "", code or "")
    allowed, info = device.verify_is_allowed()
    if not allowed:
        count = (info or {}).get("failure_count", 1)
        return CodeCheck(
            False,
            f"Kode salah dimasukkan {count} kali berturut-turut. Tunggu beberapa detik (makin lama "
            "setiap kali salah) lalu masukkan kode yang sedang tampil.",
        )
    if not CODE_RE.match(code):
        return CodeCheck(False, "Kode terdiri dari 6 angka dari aplikasi autentikator.")
    if not device.verify_token(code):
        return CodeCheck(
            False,
            "Kode salah atau sudah kedaluwarsa. Pastikan jam ponsel tepat, lalu masukkan kode "
            "yang sedang tampil.",
        )
    return CodeCheck(True)


@transaction.atomic
def device_confirm(request: HttpRequest, device: TOTPDevice, code: str) -> CodeCheck:
    """Confirm a new device with its first code; the session is then verified (audited)."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    result = _check(device, code)
    if result.ok:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        django_otp.login(request, device)
        audit_record(
            user=request.user,
            aksi="2fa_aktif",
            objek_jenis="organisation.user",
            objek_id=str(request.user.pk),
        )
    return result


@transaction.atomic
def session_verify(request: HttpRequest, code: str) -> CodeCheck:
    """Check a sign-in code against the user's confirmed device; throttled by django-otp."""
    device = confirmed_device(request.user)
    if device is None:
        return CodeCheck(False, "Akun ini belum memasang verifikasi dua langkah.")
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    result = _check(device, code)
    if result.ok:
        django_otp.login(request, device)
    return result


def device_create_confirmed(user) -> TOTPDevice:
    """A ready device (demo accounts): returns the existing one when there is one."""
    return confirmed_device(user) or TOTPDevice.objects.create(
        user=user, name=DEVICE_NAME, confirmed=True
    )


class PasswordOnlyAuthentication(BasicAuthentication):
    """HTTP Basic (a password alone) for the API, refused for accounts that must sign in with a
    second factor or chose one: else a script would reach what the web keeps behind the code."""

    def authenticate_credentials(self, userid, password, request=None):
        user, auth = super().authenticate_credentials(userid, password, request)
        if requires_twofactor(user) or confirmed_device(user) is not None:
            raise AuthenticationFailed(
                "Akun ini memakai verifikasi dua langkah: kata sandi saja tidak cukup untuk API."
            )
        return user, auth
