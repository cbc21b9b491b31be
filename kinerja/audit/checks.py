"""Checking both hash chains and keeping the result, so the audit log page can show it (D161)."""

from .models import PemeriksaanRantai
from .services import VerifyResult, akses_verify, audit_verify


def check_record(
    audit: VerifyResult, akses: VerifyResult, *, user=None, nama: str = ""
) -> PemeriksaanRantai:
    return PemeriksaanRantai.objects.create(
        nama_pengguna=getattr(user, "username", "") or nama,
        audit_utuh=audit.ok,
        audit_diperiksa=audit.checked,
        audit_alasan=audit.reason[:300],
        akses_utuh=akses.ok,
        akses_diperiksa=akses.checked,
        akses_alasan=akses.reason[:300],
    )


def chain_check(*, user=None, nama: str = "") -> PemeriksaanRantai:
    """Walk the audit chain and the personal-data access chain; store and return the result."""
    return check_record(audit_verify(), akses_verify(), user=user, nama=nama)


def last_check() -> PemeriksaanRantai | None:
    return PemeriksaanRantai.objects.order_by("-id").first()
