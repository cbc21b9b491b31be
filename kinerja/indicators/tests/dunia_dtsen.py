"""The hand-counted world of the DTSEN options of IKU-3B (contract section 6), shared by tests.

DTKS 2025-01 (used by Q1) and DTKS 2025-05 (used by Q2 onwards); KK, desil, kelurahan, sex:

    person  KK    desil  kelurahan  sex | 2025-01  | 2025-05  | counted service (bansos)
    a1      A     2      KEL        L   | yes      | yes      | -
    a2      A     2      KEL        P   | yes      | yes      | -
    a3      A     7      KEL        P   | yes      | yes      | bansos_keluarga 2025-02-10
    b1      B/D   -      KEL2       L   | KK B     | KK D     | -
    b2      B     4      KEL2       P   | yes      | yes      | bantuan_usaha 2025-05-05
    c1      C     9      KEL2       L   | yes      | yes      | bansos_keluarga 2025-01-20

Version 1 (options off) is in force in Q1; version 2 (from 2025-04-01) sets the options.
"""

from kinerja.indicators.models import Keputusan
from kinerja.indicators.services import keputusan_amend
from kinerja.registries.models import DtksAnggota, DtksPeriode

from .factories import KEL, KEL2, d, layanan, orang


def anggota(periode: DtksPeriode, o, kk: str, desil: int | None) -> DtksAnggota:
    return DtksAnggota.objects.create(
        periode=periode, orang=o, nik=o.nik, no_kk=kk * 16, desil=desil
    )


def buat_dunia() -> dict:
    """The world of the table above; returns the persons by name."""
    p = {}
    for i, (name, kel, jk) in enumerate(
        [("a1", KEL, "L"), ("a2", KEL, "P"), ("a3", KEL, "P"), ("b1", KEL2, "L"),
         ("b2", KEL2, "P"), ("c1", KEL2, "L")], start=1,
    ):  # fmt: skip
        p[name] = orang(f"Warga {name}", kel=kel, jk=jk, nik=f"63720412089000{i:02d}")
    jan = DtksPeriode.objects.create(periode=d("2025-01-01"))
    mei = DtksPeriode.objects.create(periode=d("2025-05-01"))
    rows = {"a1": "A2", "a2": "A2", "a3": "A7", "b1": "B-", "b2": "B4", "c1": "C9"}
    for name, code in rows.items():
        desil = None if code[1] == "-" else int(code[1])
        anggota(jan, p[name], code[0], desil)
        anggota(mei, p[name], "D" if name == "b1" else code[0], desil)
    layanan(p["a3"], "bansos_keluarga", "2025-02-10")
    layanan(p["b2"], "bantuan_usaha", "2025-05-05")
    layanan(p["c1"], "bansos_keluarga", "2025-01-20")
    return p


def amend(desil: int | None, per_kk: bool) -> Keputusan:
    base = Keputusan.objects.get(kode_wilayah="63.72", versi=1)
    return keputusan_amend(
        base=base, nomor="DTSEN/2025", tanggal_ditetapkan=d("2025-03-20"),
        berlaku_mulai=d("2025-04-01"), catatan="Opsi DTSEN IKU-3B",
        changes={}, definisi_changes={"IKU-3B": {"desil_maks": desil, "bansos_per_keluarga": per_kk}},
    )  # fmt: skip
