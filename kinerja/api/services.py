"""Creating, revoking and checking API tokens."""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.audit.services import audit_record

from .models import TokenApi

# Writing `terakhir_dipakai` on every call would turn each read into a write; once a minute is enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def token_create(*, user, actor=None) -> str:
    """A new token for `user`, replacing any earlier one. Returns the key: it is shown only now."""
    if not user.is_active:
        raise ValidationError(f"Akun '{user.username}' tidak aktif; token tidak dibuat.")
    key = secrets.token_hex(20)
    # A replacement reuses the account's row, so `dibuat` is set here, not only by auto_now_add.
    TokenApi.objects.update_or_create(
        pengguna=user,
        defaults={
            "digest": token_digest(key), "awalan": key[:8], "dibuat": timezone.now(),
            "terakhir_dipakai": None,
        },
    )  # fmt: skip
    audit_record(
        user=actor, aksi="buat_token_api", objek_jenis="pengguna", objek_id=str(user.pk),
        sesudah={"username": user.username, "awalan": key[:8]},
    )  # fmt: skip
    return key


@transaction.atomic
def token_revoke(*, user, actor=None) -> bool:
    """Delete the account's token. False when it had none."""
    deleted, _ = TokenApi.objects.filter(pengguna=user).delete()
    if deleted:
        audit_record(
            user=actor, aksi="cabut_token_api", objek_jenis="pengguna", objek_id=str(user.pk),
            sebelum={"username": user.username},
        )  # fmt: skip
    return bool(deleted)


def token_user(key: str):
    """The active account owning `key`, or None."""
    token = (
        TokenApi.objects.select_related("pengguna", "pengguna__bidang")
        .filter(digest=token_digest(key))
        .first()
    )
    if token is None or not token.pengguna.is_active:
        return None
    now = timezone.now()
    if token.terakhir_dipakai is None or now - token.terakhir_dipakai > LAST_USED_RESOLUTION:
        TokenApi.objects.filter(pk=token.pk).update(terakhir_dipakai=now)
    return token.pengguna
