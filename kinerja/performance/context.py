"""The navigation's count of figures waiting for the signed-in person (D164)."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .notifications import pending_count


def menunggu(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: counted only when a template shows it (never for JSON, files or redirects).
    return {"menunggu": SimpleLazyObject(lambda: pending_count(user))}
