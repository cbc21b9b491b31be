"""Reads of the audit log: filtered in SQL, newest first, on indexed columns (D162)."""

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import AuditEntry


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight of `day` in the deployment's time zone: an auditor's "6 Desember" is WITA's."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_entries(
    *,
    pengguna: str = "",
    aksi: str = "",
    objek: str = "",
    dari: dt.date | None = None,
    sampai: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    """Time bounds as ranges on `waktu` (not `waktu__date`), so its index is used."""
    # Newest first by time, then id: the log is appended in time order, and (waktu, id) is what the
    # filter indexes hold, so a page is read off an index instead of sorting thousands of rows.
    qs = AuditEntry.objects.select_related("pengguna").order_by("-waktu", "-id")
    if pengguna:
        qs = qs.filter(nama_pengguna=pengguna)
    if aksi:
        qs = qs.filter(aksi=aksi)
    if objek := objek.strip():
        qs = qs.filter(Q(objek_jenis__iexact=objek) | Q(objek_id__icontains=objek))
    if dari:
        qs = qs.filter(waktu__gte=_start_of(dari))
    if sampai:
        qs = qs.filter(waktu__lt=_start_of(sampai + dt.timedelta(days=1)))
    return qs
