"""Account writes."""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit.services import audit_record

from .models import ROLES_WITH_BIDANG, Bidang, Role, User


@dataclass(frozen=True)
class NewAccount:
    user: User
    password: str
    generated: bool


def generate_password() -> str:
    return secrets.token_urlsafe(12)


@transaction.atomic
def user_create(
    *,
    username: str,
    role: str,
    bidang_kode: str | None = None,
    password: str | None = None,
    full_name: str = "",
    email: str = "",
    actor: User | None = None,
) -> NewAccount:
    """Create an account. Raises ValidationError with an Indonesian message on bad input."""
    if role not in Role.values:
        raise ValidationError(f"Peran tidak dikenal: {role}. Pilihan: {', '.join(Role.values)}.")
    if User.objects.filter(username=username).exists():
        raise ValidationError(f"Nama pengguna '{username}' sudah dipakai.")
    bidang = None
    if role in ROLES_WITH_BIDANG and not bidang_kode:
        raise ValidationError(f"Peran {role} wajib disertai --bidang.")
    if bidang_kode:
        bidang = Bidang.objects.filter(
            organisasi__kode_wilayah=settings.KINERJA_KODE_WILAYAH, kode=bidang_kode
        ).first()
        if bidang is None:
            kode_list = ", ".join(Bidang.objects.values_list("kode", flat=True))
            raise ValidationError(f"Bidang tidak dikenal: {bidang_kode}. Pilihan: {kode_list}.")
    generated = password is None
    password = password or generate_password()
    first, _, last = full_name.partition(" ")
    user = User(
        username=username,
        role=role,
        bidang=bidang,
        first_name=first,
        last_name=last,
        email=email,
        is_staff=role in (Role.ADMIN, Role.PERENCANA),
        is_superuser=role == Role.ADMIN,
    )
    if not generated:
        validate_password(password, user)
    user.set_password(password)
    user.save()
    audit_record(
        user=actor,
        aksi="buat_pengguna",
        objek_jenis="pengguna",
        objek_id=str(user.pk),
        sesudah={"username": username, "role": role, "bidang": bidang_kode},
    )
    return NewAccount(user=user, password=password, generated=generated)
