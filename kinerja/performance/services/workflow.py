"""Approval of a figure: draft -> submitted -> verified -> approved; reopen returns it to draft.

Who may act is decided in `kinerja.organisation.permissions` (one place); this module decides what the
state allows, freezes the figure on approval and writes every transition to the audit log.
"""

from django.db import transaction
from django.utils import timezone

from kinerja.audit.services import audit_head_hash, audit_record
from kinerja.indicators.engine import freeze
from kinerja.organisation.permissions import workflow_refusal

from .. import figures
from ..models import LangkahPersetujuan, Persetujuan, Status
from ..periods import Periode, periode_nama
from ..tasks import step_taken
from .catalogue import indikator_for

# aksi -> (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({Status.DRAFT}), Status.SUBMITTED),
    "verify": (frozenset({Status.SUBMITTED}), Status.VERIFIED),
    "approve": (frozenset({Status.VERIFIED}), Status.APPROVED),
    "reopen": (frozenset({Status.SUBMITTED, Status.VERIFIED, Status.APPROVED}), Status.DRAFT),
}
AKSI_NAMA = {
    "submit": "mengajukan",
    "verify": "memverifikasi",
    "approve": "menyetujui",
    "reopen": "membuka kembali",
}
STATE_HINT = {
    "submit": "hanya capaian berstatus Draf yang dapat diajukan",
    "verify": "hanya capaian berstatus Diajukan yang dapat diverifikasi",
    "approve": "hanya capaian berstatus Diverifikasi yang dapat disetujui",
    "reopen": "capaian berstatus Draf tidak perlu dibuka kembali",
}


class WorkflowRefused(Exception):
    """The step is not allowed; the message (Indonesian) is shown as is. `kind`: role/state/input."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


def status_of(kode: str, periode: Periode) -> str:
    row = Persetujuan.objects.of_period(kode, periode.tahun, periode.triwulan).first()
    return row.status if row else Status.DRAFT


def workflow_check(*, aksi: str, kode: str, periode: Periode, user, alasan: str = "") -> str | None:
    """Why the step would be refused (role first, then state, then input); None when it may go."""
    if aksi not in TRANSITIONS:
        return f"Aksi tidak dikenal: {aksi}."
    indikator = indikator_for(kode, periode)
    if indikator is None:
        return (
            f"Indikator {kode} tidak ada dalam katalog yang berlaku pada {periode_nama(periode)}."
        )
    refusal = workflow_refusal(user, aksi, indikator.bidang.kode)
    if refusal:
        return refusal
    allowed_from, _ = TRANSITIONS[aksi]
    current = status_of(indikator.kode, periode)
    if current not in allowed_from:
        return (
            f"Tidak dapat {AKSI_NAMA[aksi]} {indikator.kode} {periode_nama(periode)}: status saat ini "
            f"{Status(current).label}; {STATE_HINT[aksi]}."
        )
    if aksi == "reopen" and not alasan.strip():
        return "Membuka kembali capaian wajib disertai alasan."
    return None


@transaction.atomic
def workflow_transition(
    *, aksi: str, kode: str, periode: Periode, user, alasan: str = ""
) -> Persetujuan:
    """Take one approval step or raise WorkflowRefused. Approval freezes the unit list."""
    if aksi not in TRANSITIONS:
        raise WorkflowRefused(f"Aksi tidak dikenal: {aksi}.", "input")
    indikator = indikator_for(kode, periode)
    if indikator is None:
        raise WorkflowRefused(
            f"Indikator {kode} tidak ada dalam katalog yang berlaku pada {periode_nama(periode)}.",
            "input",
        )
    refusal = workflow_refusal(user, aksi, indikator.bidang.kode)
    if refusal:
        raise WorkflowRefused(refusal, "role")
    row, _ = Persetujuan.objects.get_or_create(
        kode_kabkota=indikator.keputusan.kode_wilayah,
        indikator_kode=indikator.kode,
        tahun=periode.tahun,
        triwulan=periode.triwulan,
    )
    row = Persetujuan.objects.select_for_update().get(pk=row.pk)
    allowed_from, target_state = TRANSITIONS[aksi]
    if row.status not in allowed_from:
        raise WorkflowRefused(
            f"Tidak dapat {AKSI_NAMA[aksi]} {indikator.kode} {periode_nama(periode)}: status saat ini "
            f"{row.get_status_display()}; {STATE_HINT[aksi]}.",
            "state",
        )
    alasan = (alasan or "").strip()
    if aksi == "reopen" and not alasan:
        raise WorkflowRefused("Membuka kembali capaian wajib disertai alasan.", "input")

    # Approval records the figure it freezes (the same kota figure, counted from the very unit list
    # it stores): computing the live one first would only refresh every summary on the way (D220).
    live = None if aksi == "approve" else figures.live_kota(indikator.kode, periode)
    before = {"status": row.status, "putaran": row.putaran}
    step = LangkahPersetujuan.objects.create(
        persetujuan=row,
        aksi=aksi,
        dari=row.status,
        ke=target_state,
        pengguna=user,
        alasan=alasan,
        pembilang=live.numerator if live else None,
        penyebut=live.denominator if live else None,
    )
    now = timezone.now()
    row.status = target_state
    row.indikator = indikator
    after: dict = {"status": target_state, "definisi": indikator.pk}
    after["versi_katalog"] = indikator.keputusan.versi
    if live is not None:
        after |= {"pembilang": live.numerator, "penyebut": live.denominator}
    elif aksi == "approve":  # filled from the frozen figure below; the fields keep their place
        after |= {"pembilang": None, "penyebut": None}
    if aksi == "submit":
        row.diajukan_oleh, row.diajukan_pada = user, now
    elif aksi == "verify":
        row.diverifikasi_oleh, row.diverifikasi_pada = user, now
    elif aksi == "approve":
        frozen = freeze(snapshot=step.pk, kode=indikator.kode, periode=periode)
        if frozen is None:
            raise WorkflowRefused(
                f"{indikator.kode} tidak ada dalam katalog yang berlaku pada "
                f"{periode_nama(periode)}; tidak ada yang dapat dibekukan.",
                "state",
            )
        step.pembilang, step.penyebut = frozen.figure.numerator, frozen.figure.denominator
        step.save(update_fields=["pembilang", "penyebut"])
        row.disetujui_oleh, row.disetujui_pada = user, now
        row.putaran += 1
        row.beku_ref = str(step.pk)
        row.beku_hash = frozen.hash
        row.beku_jumlah_unit = frozen.units
        row.beku_pembilang = frozen.figure.numerator
        row.beku_penyebut = frozen.figure.denominator
        # The audit chain's head as of this approval: an anchor outside the log itself (D56).
        row.hash_audit = audit_head_hash()
        after |= {
            "beku_snapshot": step.pk,
            "beku_hash": frozen.hash,
            "beku_jumlah_unit": frozen.units,
            "pembilang": frozen.figure.numerator,
            "penyebut": frozen.figure.denominator,
            "hash_audit": row.hash_audit,
        }
    elif aksi == "reopen":
        before |= {"beku_snapshot": row.beku_ref, "beku_hash": row.beku_hash}
        row.diajukan_oleh = row.diverifikasi_oleh = row.disetujui_oleh = None
        row.diajukan_pada = row.diverifikasi_pada = row.disetujui_pada = None
        row.beku_ref = row.beku_hash = ""
        row.beku_pembilang = row.beku_penyebut = row.beku_jumlah_unit = None
        after["alasan"] = alasan
    row._change_reason = f"{aksi}: {alasan}" if alasan else aksi  # type: ignore[attr-defined]  # read by simple_history
    row.save()
    audit_record(
        user=user,
        aksi=f"persetujuan_{aksi}",
        objek_jenis="persetujuan",
        objek_id=f"{indikator.kode} {periode.label}",
        sebelum=before,
        sesudah=after,
    )
    code, label, name = indikator.kode, periode.label, getattr(user, "username", "")
    transaction.on_commit(lambda: step_taken(aksi, code, label, name))
    return row
