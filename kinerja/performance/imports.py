"""Import kinds `target` and `anggaran` (contract section 1), plugged into the registries' import engine.

Registered when the app is ready (`PerformanceConfig.ready`). Target and budget files are a few hundred
rows at most, so each row is saved through the same audited service the web uses.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from kinerja.registries.imports.columns import Column
from kinerja.registries.imports.errors import RowRejected
from kinerja.registries.imports.kinds.base import Kind, register

from .models import JenisTarget
from .services.budget import AnggaranInput, anggaran_clean, anggaran_set
from .services.targets import TargetInput, target_clean, target_set


def _rejected(exc: ValidationError) -> RowRejected:
    return RowRejected("; ".join(exc.messages))


@dataclass
class _Staged:
    data: object
    row: int


@register
class TargetKind(Kind):
    name = "target"
    label = "Target Renstra/PK"
    columns = (
        Column("indikator", True, "Kode IKU, mis. IKU-2."),
        Column("tahun", True, "Tahun target."),
        Column("triwulan", False, "1-4 untuk target triwulan PK; kosong untuk target tahunan."),
        Column("jenis", True, "renstra atau pk.", codes=tuple(JenisTarget.values)),
        Column("target", True, "Angka >= 0; 87,5 dan 87.5 sama-sama dibaca 87,5."),
    )

    def parse(self, values) -> TargetInput:
        try:
            return target_clean(
                indikator=values.get("indikator"),
                tahun=values.get("tahun"),
                triwulan=values.get("triwulan"),
                jenis=values.get("jenis"),
                target=values.get("target"),
            )
        except ValidationError as exc:
            raise _rejected(exc) from None

    def new_batch(self, persons, prev=None):
        batch = super().new_batch(persons)
        batch.staged = {}
        return batch

    def apply(self, batch, item: TargetInput, person, row: int) -> None:
        # A later row with the same natural key updates the earlier one (contract).
        key = (item.indikator_kode, item.tahun, item.triwulan, item.jenis)
        batch.staged[key] = _Staged(item, row)

    def write(self, batch) -> None:
        for staged in batch.staged.values():
            target_set(
                data=staged.data, actor=self.ctx.user, impor=self.ctx.impor, baris=staged.row
            )


@register
class AnggaranKind(Kind):
    name = "anggaran"
    label = "Anggaran (pagu dan realisasi)"
    columns = (
        Column("tahun", True, "Tahun anggaran."),
        Column("kode_program", True, "Kode program."),
        Column("nama_program", True, "Nama program."),
        Column("kode_kegiatan", False, "Kode kegiatan (kosong untuk baris program)."),
        Column("nama_kegiatan", False, "Nama kegiatan."),
        Column("kode_sub_kegiatan", False, "Kode sub kegiatan."),
        Column("nama_sub_kegiatan", False, "Nama sub kegiatan."),
        Column("indikator", False, "Kode IKU yang didukung, mis. IKU-2."),
        Column("pagu", True, "Pagu (Rp), mis. Rp 1.500.000; tanpa desimal."),
        Column("realisasi", False, "Realisasi (Rp)."),
    )

    def parse(self, values) -> AnggaranInput:
        try:
            return anggaran_clean(values)
        except ValidationError as exc:
            raise _rejected(exc) from None

    def new_batch(self, persons, prev=None):
        batch = super().new_batch(persons)
        batch.staged = {}
        return batch

    def apply(self, batch, item: AnggaranInput, person, row: int) -> None:
        key = (item.tahun, item.kode_program, item.kode_kegiatan, item.kode_sub_kegiatan)
        earlier = batch.staged.get(key)
        if earlier is not None:
            # Empty optional cells of the later row keep the earlier row's values (never erase).
            merged = {
                f: (
                    getattr(item, f)
                    if getattr(item, f) not in ("", None)
                    else getattr(earlier.data, f)
                )
                for f in AnggaranInput.__dataclass_fields__
            }
            item = AnggaranInput(**merged)
        batch.staged[key] = _Staged(item, row)

    def write(self, batch) -> None:
        for staged in batch.staged.values():
            anggaran_set(
                data=staged.data, actor=self.ctx.user, impor=self.ctx.impor, baris=staged.row
            )
