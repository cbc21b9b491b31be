"""Account changes made by the Administrator on the account page (D166): role and Bidang,
a new password shown once, deactivating and reactivating, resetting two-factor sign-in.
Each writes one audit entry; none stores a password or a secret in the log. A deactivated
person's sessions end by themselves (Django refuses inactive accounts on every request)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from kinerja.audit.services import audit_record

from .models import ROLES_WITH_BIDANG, Bidang, Role, Surel, User
from .services import generate_password


def _snapshot(user: User) -> dict:
    return {
        "role": user.role,
        "bidang": user.bidang.kode if user.bidang_id else None,  # type: ignore[union-attr]
        "surel": user.email,
        "aktif": user.is_active,
    }


def check_role_bidang(role: str, bidang: Bidang | None) -> None:
    """Staf and kabid belong to one Bidang (their rights follow it); the other roles may name one
    (the Perencana's Sekretariat), as `kinerja users add --bidang` allows."""
    if role not in Role.values:
        raise ValidationError("Peran tidak dikenal: pilih dari daftar.")
    if role in ROLES_WITH_BIDANG and bidang is None:
        raise ValidationError(f"Peran {Role(role).label} wajib disertai bidang.")


@transaction.atomic
def user_update(*, actor: User, user: User, role: str, bidang: Bidang | None, email: str) -> bool:
    """Change role, Bidang and e-mail address; returns False (and writes nothing) when unchanged."""
    check_role_bidang(role, bidang)
    if user.pk == actor.pk and role != Role.ADMIN:
        raise ValidationError(
            "Anda tidak dapat melepas peran Administrator dari akun Anda sendiri."
        )
    before = _snapshot(user)
    user.role, user.bidang, user.email = role, bidang, email
    user.is_staff = role in (Role.ADMIN, Role.PERENCANA)
    user.is_superuser = role == Role.ADMIN
    after = _snapshot(user)
    if after == before:
        return False
    user.save(update_fields=["role", "bidang", "email", "is_staff", "is_superuser"])
    audit_record(
        user=actor,
        aksi="ubah_pengguna",
        objek_jenis="pengguna",
        objek_id=str(user.pk),
        sebelum={k: v for k, v in before.items() if after[k] != v} | {"username": user.username},
        sesudah={k: v for k, v in after.items() if before[k] != v} | {"username": user.username},
    )
    return True


@transaction.atomic
def password_reset(*, actor: User, user: User) -> str:
    """A new generated password (returned once, never stored in clear nor logged). The person's open
    sessions end by themselves: Django checks each session against the password hash."""
    password = generate_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(
        user=actor,
        aksi="reset_sandi",
        objek_jenis="pengguna",
        objek_id=str(user.pk),
        sesudah={"username": user.username},
    )
    return password


@transaction.atomic
def user_set_active(*, actor: User, user: User, active: bool) -> None:
    if user.pk == actor.pk and not active:
        raise ValidationError("Anda tidak dapat menonaktifkan akun Anda sendiri.")
    if user.is_active == active:
        raise ValidationError("Akun ini sudah " + ("aktif." if active else "nonaktif."))
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit_record(
        user=actor,
        aksi="aktifkan_pengguna" if active else "nonaktifkan_pengguna",
        objek_jenis="pengguna",
        objek_id=str(user.pk),
        sebelum={"username": user.username, "aktif": not active},
        sesudah={"username": user.username, "aktif": active},
    )


@transaction.atomic
def twofactor_reset(*, actor: User, user: User) -> int:
    """Remove the person's authenticator devices: at the next sign-in they set up a new one (a lost
    phone). Returns how many devices were removed; none is an error shown to the admin."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    if not removed:
        raise ValidationError("Akun ini belum memasang verifikasi dua langkah.")
    audit_record(
        user=actor,
        aksi="reset_2fa",
        objek_jenis="pengguna",
        objek_id=str(user.pk),
        sesudah={"username": user.username},
    )
    return removed


@transaction.atomic
def surel_set(*, user: User, pilihan: str) -> bool:
    """A person's own choice of e-mail notices (D165); audited as every change of data."""
    if pilihan not in Surel.values:
        raise ValidationError("Pilihan pemberitahuan tidak dikenal: pilih dari daftar.")
    if user.surel_pemberitahuan == pilihan:
        return False
    before = user.surel_pemberitahuan
    user.surel_pemberitahuan = pilihan
    user.save(update_fields=["surel_pemberitahuan"])
    audit_record(
        user=user,
        aksi="ubah_notifikasi",
        objek_jenis="pengguna",
        objek_id=str(user.pk),
        sebelum={"surel_pemberitahuan": before},
        sesudah={"surel_pemberitahuan": pilihan},
    )
    return True
