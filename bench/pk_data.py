"""Positions and PKs on the bench tree (bench/tree_data.py) for the monitoring page: a Kepala Dinas
(the sasaran's indicators), one Kepala Bidang per Bidang (its programmes) and one Kepala Seksi per
Bidang (the kegiatan and sub-kegiatan under its programmes), each PK approved, quarter targets the
year target x q/4. Bulk-created bench data (not audited); idempotent."""

from decimal import Decimal


def build_pk(renstra, tahun: int) -> int:
    from django.db import transaction
    from django.db.models import Q

    from kinerja.organisation.models import Bidang
    from kinerja.sakip.models import IndikatorKinerja, IndikatorPK, Jabatan, PerjanjianKinerja

    if Jabatan.objects.filter(kode="bench-kadis").exists():
        return PerjanjianKinerja.objects.filter(
            tahun=tahun, jabatan__kode__startswith="bench-"
        ).count()
    inds = IndikatorKinerja.objects.filter(renstra=renstra)
    with transaction.atomic():
        kadis = Jabatan.objects.create(
            kode="bench-kadis", jenis="kepala_dinas", nama="Kepala Dinas (uji beban)",
            pemegang_nama="Kepala Dinas Uji", urutan=1,
        )  # fmt: skip
        plan = [(kadis, inds.filter(simpul__tingkat="sasaran"))]
        for n, b in enumerate(Bidang.objects.filter(organisasi__kode_wilayah=renstra.kode_kabkota)):
            kabid = Jabatan.objects.create(
                kode=f"bench-kabid-{b.kode}", jenis="kepala_bidang", bidang=b, atasan=kadis,
                nama=f"Kepala {b.nama} (uji beban)", pemegang_nama=f"Kabid Uji {n}", urutan=10 + n,
            )  # fmt: skip
            kasi = Jabatan.objects.create(
                kode=f"bench-kasi-{b.kode}", jenis="kepala_seksi", bidang=b, atasan=kabid,
                nama=f"Kepala Seksi {b.nama} (uji beban)", pemegang_nama=f"Kasi Uji {n}",
                urutan=50 + n,
            )  # fmt: skip
            plan.append((kabid, inds.filter(simpul__tingkat="program", simpul__bidang=b)))
            plan.append(
                (kasi, inds.filter(Q(simpul__induk__bidang=b) | Q(simpul__induk__induk__bidang=b)))
            )
        rows = []
        for jabatan, qs in plan:
            pk = PerjanjianKinerja.objects.create(
                jabatan=jabatan, renstra=renstra, tahun=tahun, status="disetujui"
            )
            for n, ind in enumerate(qs.order_by("urutan")):
                year = Decimal(100 + n % 50)
                quarters = {f"target_tw{q}": year * q / 4 for q in (1, 2, 3, 4)}
                rows.append(
                    IndikatorPK(
                        pk_dokumen=pk, indikator=ind, urutan=n, target_tahun=year, **quarters
                    )
                )
        IndikatorPK.objects.bulk_create(rows, batch_size=1000)
    return len(plan)
