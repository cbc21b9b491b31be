"""The chain check runs in the background worker (D161): 100,000 entries take seconds to walk,
longer than a web request may hold a worker."""

from django.contrib.auth import get_user_model
from django_tasks import task

from .checks import chain_check


@task()
def check_chains(user_id: int | None) -> dict:
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    check = chain_check(user=user)
    return {"audit": check.audit_utuh, "akses": check.akses_utuh, "id": check.pk}
