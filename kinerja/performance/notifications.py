"""Who hears of a figure waiting for them (D164, D165): the count in the navigation, an e-mail when
a step leaves work for someone, and a daily digest for those who chose it.

The rule is the inbox's and the workflow's: a person is told only of steps `workflow_refusal`
lets them take (staf submit and kabid verify for their own Bidang, the Kepala Dinas approves).
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.urls import reverse

from kinerja.organisation.models import Role, Surel, User
from kinerja.organisation.permissions import WORKFLOW_ROLE, _role, workflow_refusal

from .periods import Periode, periode_nama, periode_parse
from .selectors import INBOX_STATUS, inbox, recent_periods
from .services.catalogue import indikator_for

logger = logging.getLogger(__name__)

# After a step, the step that waits next (approval leaves nothing waiting).
NEXT_STEP = {"submit": "verify", "verify": "approve", "reopen": "submit"}
STEP_WORDS = {"submit": "pengajuan", "verify": "verifikasi", "approve": "persetujuan"}
COUNT_SECONDS = 60
VERSION_KEY = "menunggu:versi"


def _version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, None) or 1


def count_changed() -> None:
    """A step was taken: every cached count of this process is stale (others expire in a minute)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def pending_count(user) -> int:
    """How many figures wait for `user`'s step: the inbox's length, kept a minute per person so the
    navigation of every page does not recount (D164). 0 for roles that take no step."""
    if INBOX_STATUS.get(_role(user) or "") is None:
        return 0
    key = f"menunggu:{user.pk}:{_version()}"
    value = cache.get(key)
    if value is None:
        value = len(inbox(user, recent_periods()))
        cache.set(key, value, COUNT_SECONDS)
    return value


def recipients(step: str, bidang: str) -> list[User]:
    """Active accounts with an address that chose immediate notices and may take `step`."""
    role = WORKFLOW_ROLE[step]
    qs = User.objects.select_related("bidang").filter(
        is_active=True, role=role, surel_pemberitahuan=Surel.SEGERA
    )
    qs = qs.exclude(email="")
    if role in (Role.STAF, Role.KABID):
        qs = qs.filter(bidang__kode=bidang)
    return [u for u in qs.order_by("pk") if workflow_refusal(u, step, bidang) is None]


def _link(kode: str, periode: Periode) -> str:
    path = reverse("performance:period", args=[kode, periode.label])
    return settings.KINERJA_ALAMAT_SITUS + path


def notify_step_taken(*, aksi: str, kode: str, periode_label: str, actor_name: str = "") -> int:
    """E-mail the people whose step now waits; returns how many were sent."""
    step = NEXT_STEP.get(aksi)
    if step is None:
        return 0
    periode = periode_parse(periode_label)
    indikator = indikator_for(kode, periode)
    if indikator is None:
        return 0
    nama = periode_nama(periode)
    subject = f"Kinerja: {indikator.kode} {nama} menunggu {STEP_WORDS[step]} Anda"
    body = (
        f"Capaian {indikator.kode} ({indikator.nama}) {nama} menunggu {STEP_WORDS[step]} Anda"
        + (f" setelah langkah oleh {actor_name}" if actor_name else "")
        + f".\n\nBuka: {_link(indikator.kode, periode)}\n\n"
        "Surel ini dikirim karena Anda memilih diberi tahu setiap ada yang menunggu. Ubah pilihan "
        f"di {settings.KINERJA_ALAMAT_SITUS}{reverse('surel_saya')}\n"
    )
    sent = 0
    for user in recipients(step, indikator.bidang.kode):
        sent += send_mail(subject, body, None, [user.email], fail_silently=False)
    return sent


def digest_for(user) -> str | None:
    """The daily digest's text for `user`, or None when nothing waits for them."""
    items = inbox(user, recent_periods())
    if not items:
        return None
    role = _role(user) or ""
    step = {"staf": "submit", "kabid": "verify", "kadis": "approve"}.get(role)
    if step is None:
        return None
    lines = [
        f"- {ind.kode} {periode_nama(p)}: {_link(ind.kode, p)}"
        for ind, p, _ in items
        if workflow_refusal(user, step, ind.bidang.kode) is None
    ]
    if not lines:
        return None
    return (
        f"{len(lines)} capaian menunggu {STEP_WORDS[step]} Anda:\n\n" + "\n".join(lines) + "\n\n"
        f"Ringkasan ini dikirim setiap hari karena pilihan Anda; ubah di "
        f"{settings.KINERJA_ALAMAT_SITUS}{reverse('surel_saya')}\n"
    )


def send_digests(*, dry_run: bool = False) -> tuple[int, int]:
    """One e-mail per person who chose the daily digest and has work waiting.
    Returns (people considered, e-mails sent or, with dry_run, that would be sent)."""
    people = (
        User.objects.select_related("bidang")
        .filter(is_active=True, surel_pemberitahuan=Surel.HARIAN, role__in=list(INBOX_STATUS))
        .exclude(email="")
        .order_by("pk")
    )
    considered = sent = 0
    for user in people:
        considered += 1
        text = digest_for(user)
        if text is None:
            continue
        if not dry_run:
            send_mail("Kinerja: ringkasan harian pekerjaan yang menunggu", text, None, [user.email])
        sent += 1
    return considered, sent
