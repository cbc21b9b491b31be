from django.conf import settings
from django.http import HttpRequest

from kinerja.organisation.models import Role


def kinerja(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {
        "KOP": settings.KINERJA_KOP,
        "peran_pengguna": dict(Role.choices).get(getattr(user, "role", ""), ""),
    }
