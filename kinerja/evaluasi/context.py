"""The navigation's count of open follow-ups, for those who act on them (issue 17 item 4)."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from kinerja.organisation.models import Role
from kinerja.organisation.permissions import has_role

from .services.tindak_lanjut import tindak_lanjut_terbuka


def tindak_lanjut(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if not has_role(user, Role.STAF, Role.KABID, Role.PERENCANA):
        return {}  # the Kepala Dinas sees them on the dashboard; they are not his step
    return {"tl_terbuka": SimpleLazyObject(lambda: tindak_lanjut_terbuka(user).count())}
