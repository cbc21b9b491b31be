"""Regions by name (contract section 5): built once per import, then dictionary lookups only."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kinerja.regions.models import AliasWilayah, Tingkat, Wilayah

from .text import region_name


class RegionUnplaced(ValueError):
    """The names of a row do not place it in one kelurahan; the message names what failed."""


@dataclass
class RegionIndex:
    kabkota: str
    kabkota_nama: str  # as shown: `Kota Banjarbaru`
    kabkota_names: set[str] = field(default_factory=set)
    kecamatan: dict[str, str] = field(default_factory=dict)  # name -> code
    kelurahan: dict[tuple[str, str], str] = field(default_factory=dict)  # (kec code, name) -> code
    kelurahan_anywhere: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    kecamatan_nama: dict[str, str] = field(default_factory=dict)  # code -> name as shown
    _memo: dict[tuple[str, str, str], str | RegionUnplaced] = field(default_factory=dict)

    @classmethod
    def build(cls, kabkota: str) -> RegionIndex:
        """Two queries: the kab/kota's regions and their aliases."""
        regions = list(
            Wilayah.objects.filter(kode__startswith=kabkota).values_list("kode", "nama", "tingkat")
        )
        aliases = list(
            AliasWilayah.objects.filter(wilayah__kode__startswith=kabkota).values_list(
                "wilayah_id", "nama"
            )
        )
        by_code = {kode: (nama, tingkat) for kode, nama, tingkat in regions}
        nama = by_code.get(kabkota, (kabkota, ""))[0]
        index = cls(kabkota, nama)
        for kode, name in [(k, n) for k, (n, _) in by_code.items()] + aliases:
            tingkat = by_code.get(kode, ("", ""))[1]
            index.add(kode, name, tingkat)
        return index

    def add(self, kode: str, name: str, tingkat: str) -> None:
        if tingkat == Tingkat.KABKOTA and kode == self.kabkota:
            self.kabkota_names.add(region_name(name, "kabkota"))
        elif tingkat == Tingkat.KECAMATAN:
            self.kecamatan[region_name(name, "kecamatan")] = kode
            self.kecamatan_nama.setdefault(kode, name)
        elif tingkat == Tingkat.KELURAHAN:
            key = region_name(name, "kelurahan")
            self.kelurahan[(kode.rsplit(".", 1)[0], key)] = kode
            self.kelurahan_anywhere[key].add(kode)

    def place(self, kab: str, kec: str, kel: str) -> str | None:
        """The kelurahan code the names give; None when no name is given at all. Raises
        RegionUnplaced naming the kab/kota, kecamatan or kelurahan it could not place."""
        key = (kab, kec, kel)
        found = self._memo.get(key)
        if found is None:
            try:
                found = self._place(kab, kec, kel)
            except RegionUnplaced as exc:
                found = exc
            if len(self._memo) < 100_000:
                self._memo[key] = found
        if isinstance(found, RegionUnplaced):
            raise found
        return found or None

    def _place(self, kab: str, kec: str, kel: str) -> str:
        if kab and region_name(kab, "kabkota") not in self.kabkota_names:
            raise RegionUnplaced(f"kab/kota '{kab}' di luar {self.kabkota_nama}")
        if not kec and not kel:
            return ""
        kec_kode = None
        if kec:
            kec_kode = self.kecamatan.get(region_name(kec, "kecamatan"))
            if kec_kode is None:
                raise RegionUnplaced(f"kecamatan '{kec}' tidak dikenal di {self.kabkota_nama}")
        if not kel:
            raise RegionUnplaced(f"kelurahan/desa kosong (kecamatan '{kec}' saja tidak cukup)")
        name = region_name(kel, "kelurahan")
        if kec_kode is not None:
            kode = self.kelurahan.get((kec_kode, name))
            if kode is None:
                raise RegionUnplaced(f"kelurahan/desa '{kel}' tidak ada di kecamatan '{kec}'")
            return kode
        codes = self.kelurahan_anywhere.get(name, set())
        if not codes:
            raise RegionUnplaced(f"kelurahan/desa '{kel}' tidak dikenal di {self.kabkota_nama}")
        if len(codes) > 1:
            where = ", ".join(sorted(self.kecamatan_nama[c.rsplit(".", 1)[0]] for c in codes))
            raise RegionUnplaced(
                f"kelurahan/desa '{kel}' ambigu (ada di kecamatan {where}): isi kecamatannya"
            )
        return next(iter(codes))
