"""Which definitions count a period: those of the catalogue version in force on end(W)."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.forms.models import model_to_dict

from ..models import Definisi, Indikator, Keputusan


@dataclass(frozen=True)
class IndicatorDefinition:
    """An indicator with its two readings. Without a literal row the literal reading is the default."""

    indikator: Indikator
    default: Definisi
    literal: Definisi

    @property
    def kode(self) -> str:
        return self.indikator.kode

    @property
    def keputusan_versi(self) -> int:
        return self.indikator.keputusan.versi

    def reading(self, bacaan: str) -> Definisi:
        return self.literal if bacaan == "literal" else self.default

    def state(self) -> list[dict[str, Any]]:
        """Every field of both readings: what a stored result computed from them depends on."""
        return [model_to_dict(self.default), model_to_dict(self.literal)]


def kode_kabkota() -> str:
    return settings.KINERJA_KODE_WILAYAH


def definitions_in_force(
    akhir: dt.date, kode: str | None = None, kode_wilayah: str | None = None
) -> list[IndicatorDefinition]:
    """The computable indicators of the catalogue version in force on `akhir`, in catalogue order."""
    keputusan = Keputusan.objects.in_force_on(akhir, kode_wilayah or kode_kabkota())
    if keputusan is None:
        return []
    rows = (
        Definisi.objects.filter(indikator__keputusan=keputusan)
        .select_related("indikator__keputusan")
        .order_by("indikator__urutan", "indikator__kode", "bacaan")
    )
    if kode:
        rows = rows.filter(indikator__kode=kode)
    by_ind: dict[int, dict[str, Definisi]] = {}
    for d in rows:
        by_ind.setdefault(d.indikator_id, {})[d.bacaan] = d
    result = []
    for readings in by_ind.values():
        default = readings.get("default") or readings["literal"]
        literal = readings.get("literal") or default
        result.append(IndicatorDefinition(default.indikator, default, literal))
    return result


def layanan_codes(d: Definisi) -> list[str] | None:
    """The jenis_layanan codes that put a unit in the numerator; None means any service."""
    from kinerja.registries.models import JenisLayanan

    if not d.layanan_jenis and not d.layanan_kelompok:
        return None
    codes = set(d.layanan_jenis)
    if d.layanan_kelompok:
        codes |= set(
            JenisLayanan.objects.filter(kelompok__in=d.layanan_kelompok).values_list(
                "kode", flat=True
            )
        )
    return sorted(codes)


def definition_pair(default_id: int, literal_id: int) -> IndicatorDefinition | None:
    """The indicator of two stored definition rows, or None when either is gone."""
    rows = {
        d.pk: d
        for d in Definisi.objects.filter(pk__in={default_id, literal_id}).select_related(
            "indikator__keputusan"
        )
    }
    default, literal = rows.get(default_id), rows.get(literal_id)
    if default is None or literal is None:
        return None
    return IndicatorDefinition(default.indikator, default, literal)
