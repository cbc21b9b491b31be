"""The one place that decides who may see and change what.

Areas are the registries and functions of the product. Each area belongs to a Bidang (or to none, for
catalogue-wide areas). The rule "a Bidang's people change only their Bidang's data" lives here.
"""

from collections.abc import Iterable
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import PermissionDenied

from .models import Role


class Area(StrEnum):
    KATALOG = "katalog"  # IKU catalogue, definitions, amendments
    TARGET = "target"  # Renstra / PK targets
    ANGGARAN = "anggaran"  # budgets
    PPKS = "ppks"
    LAYANAN_REHAB = "layanan_rehab"  # basic-needs services to PPKS
    PSKS = "psks"
    PELATIHAN = "pelatihan"
    DTKS = "dtks"
    LAYANAN_LINJAMSOS = "layanan_linjamsos"  # child care, social assistance, disaster aid
    BENCANA = "bencana"
    KORBAN = "korban"
    AUDIT = "audit"
    PENGGUNA = "pengguna"


# Which Bidang owns each registry area (contract: Bidang staff change only their Bidang's registries).
AREA_BIDANG: dict[Area, str] = {
    Area.PPKS: "rehabilitasi",
    Area.LAYANAN_REHAB: "rehabilitasi",
    Area.PSKS: "pemberdayaan",
    Area.PELATIHAN: "pemberdayaan",
    Area.DTKS: "linjamsos",
    Area.LAYANAN_LINJAMSOS: "linjamsos",
    Area.BENCANA: "linjamsos",
    Area.KORBAN: "linjamsos",
}
PLANNING_AREAS = frozenset({Area.KATALOG, Area.TARGET, Area.ANGGARAN})

# Roles that see full NIK (they work with the people themselves).
ROLES_SEEING_NIK = frozenset({Role.STAF, Role.KABID, Role.ADMIN})


def _role(user) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if getattr(user, "is_superuser", False):
        return Role.ADMIN
    return user.role


def can_view(user, area: Area) -> bool:
    """Every signed-in role reads every area except accounts (admin) ; the public reads none."""
    role = _role(user)
    if role is None:
        return False
    if area == Area.PENGGUNA:
        return role == Role.ADMIN
    if area == Area.AUDIT:
        return role in (Role.AUDITOR, Role.ADMIN, Role.KADIS)
    return True


def can_change(user, area: Area) -> bool:
    role = _role(user)
    if role is None or role == Role.AUDITOR:
        return False
    if role == Role.ADMIN:
        return True
    if area in PLANNING_AREAS:
        return role == Role.PERENCANA
    owner = AREA_BIDANG.get(area)
    if owner is None:
        return False
    return role in (Role.STAF, Role.KABID) and bidang_kode(user) == owner


def can_view_records(user, area: Area) -> bool:
    """Opening a registry's records (personal data: need to know, UU 27/2022, D20).

    `can_view` says which areas a role may read at all (figures, catalogue); the records behind a
    Bidang's registry are opened by that Bidang's own people only. The roles outside the Bidang
    (perencana, kadis, auditor, admin) read every registry.
    """
    if not can_view(user, area):
        return False
    owner = AREA_BIDANG.get(area)
    if owner is not None and _role(user) in (Role.STAF, Role.KABID):
        return bidang_kode(user) == owner
    return True


def require_view_records(user, area: Area) -> None:
    if not can_view_records(user, area):
        raise PermissionDenied("Registri ini milik bidang lain; Anda tidak berhak membukanya.")


def bidang_kode(user) -> str | None:
    bidang = getattr(user, "bidang", None)
    return bidang.kode if bidang is not None else None


def can_see_nik(user) -> bool:
    role = _role(user)
    return role in ROLES_SEEING_NIK


class Identitas(StrEnum):
    """How much of a unit's identity (NIK, KK, name, birth date) a user may see (D60)."""

    TERSEMBUNYI = "tersembunyi"  # counts and reasons only: a neutral label, never who
    TERSAMAR = "tersamar"  # name and birth date, NIK and KK masked (D3)
    LENGKAP = "lengkap"  # also full NIK and KK: a logged reveal on screen (D23), full in exports


def identitas(user, area: Area) -> Identitas:
    """D60, the one need-to-know rule for personal data, on every path (pages, exports, API).

    Who a unit is, is known only to the readers of the registry the unit comes from
    (`can_view_records`, D20): a Bidang's staf and kabid for their Bidang's registries, the roles
    outside the Bidang for all. Among those, full NIK/KK only for the roles of D3 (`can_see_nik`).
    """
    if not can_view_records(user, area):
        return Identitas.TERSEMBUNYI
    return Identitas.LENGKAP if can_see_nik(user) else Identitas.TERSAMAR


def changeable_areas(user, areas: Iterable[Area] = tuple(Area)) -> list[Area]:
    return [a for a in areas if can_change(user, a)]


def require_view(user, area: Area) -> None:
    if not can_view(user, area):
        raise PermissionDenied("Anda tidak berhak melihat data ini.")


def require_change(user, area: Area) -> None:
    if not can_change(user, area):
        raise PermissionDenied("Anda tidak berhak mengubah data ini.")


def has_role(user, *roles: str) -> bool:
    return _role(user) in roles


# --- Approval of figures, targets, analysis (issue 5) ---------------------------------------------
# Each step belongs to one office; the Administrator keeps accounts, not signatures (D51), so admin is
# not among them. `bidang` is the responsible Bidang's kode (Indikator.bidang of the version in force).
WORKFLOW_ROLE: dict[str, str] = {
    "submit": Role.STAF,
    "verify": Role.KABID,
    "approve": Role.KADIS,
    "reopen": Role.KADIS,
}
WORKFLOW_ROLE_NAME = {
    "submit": "staf Bidang penanggung jawab",
    "verify": "Kepala Bidang penanggung jawab",
    "approve": "Kepala Dinas",
    "reopen": "Kepala Dinas",
}


def workflow_refusal(user, aksi: str, bidang: str) -> str | None:
    """Why `user` may not take approval step `aksi` on an indicator of `bidang`; None when allowed."""
    role = _role(user)
    needed = WORKFLOW_ROLE.get(aksi)
    if needed is None:
        return f"Aksi tidak dikenal: {aksi}."
    if role is None:
        return "Silakan masuk terlebih dahulu."
    if role != needed or getattr(user, "is_superuser", False):
        return f"Hanya {WORKFLOW_ROLE_NAME[aksi]} yang boleh melakukan langkah ini."
    if needed in (Role.STAF, Role.KABID) and bidang_kode(user) != bidang:
        return (
            f"Indikator ini tanggung jawab bidang lain ({bidang}); "
            f"hanya {WORKFLOW_ROLE_NAME[aksi]} yang boleh melakukan langkah ini."
        )
    return None


def can_workflow(user, aksi: str, bidang: str) -> bool:
    return workflow_refusal(user, aksi, bidang) is None


def can_edit_targets(user) -> bool:
    """Renstra/PK targets and the achievement scale: the Perencana (and Admin, D4)."""
    return can_change(user, Area.TARGET)


def can_edit_budget(user) -> bool:
    return can_change(user, Area.ANGGARAN)


def can_edit_analysis(user, bidang: str) -> bool:
    """The responsible Bidang writes its analysis; the Perencana compiles and edits the LKjIP."""
    role = _role(user)
    if role in (Role.PERENCANA, Role.ADMIN):
        return True
    return role in (Role.STAF, Role.KABID) and bidang_kode(user) == bidang


def can_manage_accounts(user) -> bool:
    """The account page (D166): the Administrator only, who keeps accounts (D4, D51)."""
    return _role(user) == Role.ADMIN


def can_read_audit_log(user) -> bool:
    return can_view(user, Area.AUDIT)


def can_reach_upload(user, *, uploader_id: int | None, bidang: str | None) -> bool:
    """An uploaded file and its rejects hold raw NIK and KK (issue 12): reachable only by the
    uploader, the Kepala Bidang of the Bidang it belongs to, and the Administrator (D65)."""
    role = _role(user)
    if role is None:
        return False
    if role == Role.ADMIN or (uploader_id is not None and user.pk == uploader_id):
        return True
    return role == Role.KABID and bidang is not None and bidang_kode(user) == bidang


# --- UU PDP duties (issue 12, D85-D87) -----------------------------------------------------------
def can_run_subject_report(user) -> bool:
    """The report of everything held about one person, for that person's request (D85): the
    Kepala Dinas (who answers for the Dinas as controller) and the Administrator."""
    return _role(user) in (Role.KADIS, Role.ADMIN)


def can_erase_person(user) -> bool:
    """Erasure (pseudonymisation) of a person (D86): the Administrator only, who keeps the data
    (D4); the Kepala Dinas orders it in writing, the reason names that order."""
    return _role(user) == Role.ADMIN


def requires_twofactor(user) -> bool:
    """Roles that see full NIK (D3) must sign in with a second factor (D87), unless the setting
    `KINERJA_2FA_WAJIB` is off; other roles may choose it."""
    return settings.KINERJA_2FA_WAJIB and can_see_nik(user)


# --- The performance tree and its typed indicators (issue 15, D140-D154) ---------------------------
def can_keep_tree(user) -> bool:
    """The Renstra's tree (import, on-screen edits, locking): the Perencana (and Admin, D4)."""
    return can_change(user, Area.KATALOG)


def can_read_evidence(user, bidang: str | None) -> bool:
    """Evidence files of a typed value: the Bidang that typed it, and the roles above or outside
    the Bidangs (perencana, kadis, auditor, admin); another Bidang's staf and kabid do not (D144)."""
    role = _role(user)
    if role is None:
        return False
    if role in (Role.STAF, Role.KABID):
        return bidang is not None and bidang_kode(user) == bidang
    return True
