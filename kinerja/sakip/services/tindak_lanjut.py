"""The action taken in a quarter for a PK indicator: typed by its responsible Bidang (staf or
Kepala Bidang); a computed IKU indicator, which has no Bidang, by the Perencana. Audited."""

from django.db import transaction

from kinerja.audit.services import audit_record
from kinerja.organisation.models import Role
from kinerja.organisation.permissions import bidang_kode, can_edit_targets, has_role

from ..models import IndikatorKinerja, TindakLanjut
from .pk import PKRefused

BATAS_TEKS = 2000


def tindak_lanjut_refusal(user, indikator: IndikatorKinerja) -> str | None:
    bidang = indikator.bidang
    if bidang is None:
        if can_edit_targets(user):
            return None
        return "Tindak lanjut indikator IKU diisi oleh Perencana."
    if has_role(user, Role.STAF, Role.KABID) and bidang_kode(user) == bidang.kode:
        return None
    return f"Tindak lanjut indikator ini diisi oleh {bidang.nama}."


@transaction.atomic
def tindak_lanjut_save(
    *, indikator: IndikatorKinerja, tahun: int, triwulan: int, uraian: str, user
) -> TindakLanjut | None:
    """Write (or, with empty text, clear) the action of a quarter."""
    if refusal := tindak_lanjut_refusal(user, indikator):
        raise PKRefused(refusal, "role")
    if triwulan not in (1, 2, 3, 4) or tahun not in indikator.renstra.tahun:
        raise PKRefused("Triwulan atau tahun di luar Renstra indikator ini.", "input")
    uraian = uraian.strip()
    if len(uraian) > BATAS_TEKS:
        raise PKRefused(f"Tindak lanjut paling banyak {BATAS_TEKS} karakter.", "input")
    row = TindakLanjut.objects.filter(indikator=indikator, tahun=tahun, triwulan=triwulan).first()
    before = {"uraian": row.uraian} if row else None
    if not uraian:
        if row:
            row.delete()
    else:
        row = row or TindakLanjut(indikator=indikator, tahun=tahun, triwulan=triwulan)
        row.uraian, row.diisi_oleh = uraian, user
        row.save()
    audit_record(
        user=user, aksi="tindak_lanjut", objek_jenis="indikator_pohon",
        objek_id=f"{indikator.renstra_id}:{indikator.kode} {tahun}/TW{triwulan}",
        sebelum=before, sesudah={"uraian": uraian} if uraian else None,
    )  # fmt: skip
    return row if uraian else None
