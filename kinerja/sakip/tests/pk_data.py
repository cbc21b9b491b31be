"""Positions of the Dinas for the PK tests: Kepala Dinas, Sekretaris, Kepala Bidang Rehabilitasi
Sosial (the tree's programme 1.06.02), Kepala Seksi RSD (its kegiatan) and a functional official."""

from decimal import Decimal

import pytest

from kinerja.organisation.models import Bidang
from kinerja.performance.models import Anggaran
from kinerja.sakip.models import IndikatorKinerja, Jabatan, Simpul, TargetIndikator


def make_jabatan() -> dict[str, Jabatan]:
    rehab = Bidang.objects.get(kode="rehabilitasi")
    kadis = Jabatan.objects.create(
        kode="kadis", jenis="kepala_dinas", nama="Kepala Dinas Sosial Kota Banjarbaru",
        pemegang_nama="Dra. Hj. Siti Rahmah, M.Si", pemegang_nip="196805121990032004",
        pemegang_pangkat="Pembina Utama Muda (IV/c)", urutan=1,
    )  # fmt: skip
    sekretaris = Jabatan.objects.create(
        kode="sekretaris", jenis="sekretaris", nama="Sekretaris Dinas Sosial", atasan=kadis,
        pemegang_nama="Ahmad Fauzi, S.Sos", pemegang_nip="197001011995031002",
        pemegang_pangkat="Pembina Tingkat I (IV/b)", urutan=2,
    )  # fmt: skip
    kabid = Jabatan.objects.create(
        kode="kabid-rehabilitasi", jenis="kepala_bidang", bidang=rehab, atasan=kadis,
        nama="Kepala Bidang Rehabilitasi Sosial", pemegang_nama="Rina Marlina, S.ST, M.AP",
        pemegang_nip="197703152002122003", pemegang_pangkat="Pembina (IV/a)", urutan=3,
    )  # fmt: skip
    kasi = Jabatan.objects.create(
        kode="kasi-rsd", jenis="kepala_seksi", bidang=rehab, seksi="Seksi RSD", atasan=kabid,
        nama="Kepala Seksi Rehabilitasi Sosial Dasar", pemegang_nama="Budi Santoso, S.Sos",
        pemegang_nip="198204102006041005", pemegang_pangkat="Penata Tingkat I (III/d)", urutan=4,
    )  # fmt: skip
    fungsional = Jabatan.objects.create(
        kode="pekerja-sosial", jenis="fungsional", bidang=rehab, atasan=kabid,
        nama="Pekerja Sosial Ahli Muda", pemegang_nama="Dewi Lestari, S.Tr.Sos", urutan=5,
    )  # fmt: skip
    return {
        "kadis": kadis,
        "sekretaris": sekretaris,
        "kabid": kabid,
        "kasi": kasi,
        "fungsional": fungsional,
    }


@pytest.fixture(name="jabatan")
def jabatan_fixture(tree) -> dict[str, Jabatan]:
    """The positions, an IKU indicator on sasaran S1 with PK targets, quarter targets of IP-1 and
    the budget lines of programme 1.06.02 (two sub-kegiatan lines) in 2025."""
    s1 = Simpul.objects.get(renstra=tree, kode="S1")
    IndikatorKinerja.objects.create(
        renstra=tree, simpul=s1, kode="IS-1", nama="Persentase PPKS yang terlayani",
        jenis="dihitung", iku_kode="IKU-2", satuan="%",
    )  # fmt: skip
    ip1 = IndikatorKinerja.objects.get(renstra=tree, kode="IP-1")
    TargetIndikator.objects.bulk_create(
        TargetIndikator(indikator=ip1, tahun=2025, periode=q, nilai=Decimal(v))
        for q, v in ((1, 40), (2, 90), (3, 150), (4, 200))
    )
    for kode, pagu in (("0001", 250_000_000), ("0002", 125_500_000)):
        Anggaran.objects.create(
            kode_kabkota="63.72", tahun=2025, kode_program="1.06.02",
            nama_program="Program Rehabilitasi Sosial", kode_kegiatan="1.06.02.2.01",
            nama_kegiatan="Rehabilitasi sosial dasar", kode_sub_kegiatan=f"1.06.02.2.01.{kode}",
            nama_sub_kegiatan=f"Sub {kode}", pagu=pagu,
        )  # fmt: skip
    return make_jabatan()
