"""Fill the audit log to N properly chained entries (for the benchmarks of the audit log page).

Written in batches with ids and hashes computed here, exactly as `audit_record` would chain them
(`audit verify` passes on the result), spread over the last two years and over the demo accounts.
"""

import datetime as dt
import random

ACTIONS = [
    ("ubah_target", "target", {"target": "80"}, {"target": "85"}),
    (
        "persetujuan_submit",
        "persetujuan",
        {"status": "draft", "putaran": 0},
        {"status": "submitted"},
    ),
    ("persetujuan_verify", "persetujuan", {"status": "submitted"}, {"status": "verified"}),
    ("ubah", "registries.orang", None, {"kolom": ["nama", "kelurahan_id"]}),
    ("tambah", "registries.layanan", None, None),
    ("ubah_anggaran", "anggaran", {"pagu": 1000000}, {"pagu": 1250000}),
]
USERS = ["perencana", "staf.rehabilitasi", "kabid.rehabilitasi", "kadis", "staf.linjamsos"]


def fill_audit_log(total: int, *, seed: int = 17, batch: int = 5000) -> int:
    """Add entries until the log holds `total`; returns how many were added."""
    from django.contrib.auth import get_user_model
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.utils import timezone

    from kinerja.audit.models import AuditEntry, AuditHead
    from kinerja.audit.services import GENESIS, HEAD_KEY, _digest, _jsonable

    have = AuditEntry.objects.count()
    if have >= total:
        return 0
    rng = random.Random(seed)
    users = {u.username: u for u in get_user_model().objects.filter(username__in=USERS)}
    last = AuditEntry.objects.order_by("-id").first()
    prev_hash, prev_id = (last.hash, last.pk) if last else (GENESIS, 0)
    now = timezone.now().replace(microsecond=0)
    start = now - dt.timedelta(days=730)
    step = dt.timedelta(days=730) / (total - have)
    added = 0
    with transaction.atomic():
        rows = []
        for i in range(total - have):
            aksi, jenis, before, after = rng.choice(ACTIONS)
            name = rng.choice(USERS)
            e = AuditEntry(
                id=prev_id + 1,
                waktu=start + step * i,
                pengguna=users.get(name),
                nama_pengguna=name,
                aksi=aksi,
                objek_jenis=jenis,
                objek_id=f"IKU-2 2025-Q{rng.randint(1, 4)}" if jenis == "persetujuan" else str(i),
                sebelum=_jsonable(before),
                sesudah=_jsonable(after),
                hash_sebelumnya=prev_hash,
                id_sebelumnya=prev_id,
            )
            e.waktu = e.waktu.replace(microsecond=e.waktu.microsecond // 1000 * 1000)
            e.hash = _digest(e)
            rows.append(e)
            prev_hash, prev_id = e.hash, e.pk
            if len(rows) >= batch:
                AuditEntry.objects.bulk_create(rows)
                added += len(rows)
                rows = []
        AuditEntry.objects.bulk_create(rows)
        added += len(rows)
        if connection.vendor == "postgresql":  # explicit ids do not move the id sequence
            with connection.cursor() as cur:
                for sql in connection.ops.sequence_reset_sql(no_style(), [AuditEntry]):
                    cur.execute(sql)
        AuditHead.objects.update_or_create(
            kunci=HEAD_KEY,
            defaults={"jumlah": have + added, "id_terakhir": prev_id, "hash_terakhir": prev_hash},
        )
    if AuditEntry.objects.order_by("-id").first().waktu > now:
        raise AssertionError("entries in the future")
    return added
