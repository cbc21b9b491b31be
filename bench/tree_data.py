"""A performance tree of the size issue 15 names, for bench/web_bench.py (and tests):
5 tujuan, 15 sasaran, 40 programmes, 150 kegiatan, 400 sub-kegiatan, one indicator per node
(tujuan and sasaran computed from the IKU, the rest typed), yearly targets and four quarters of
typed values in `tahun` (quarters 1-2 approved with a frozen value). Written with bulk_create
(bench data, not an audited import); idempotent: a Renstra of that name is left as it is.
"""

from decimal import Decimal

SIZES = (5, 15, 40, 150, 400)
NAME = "Renstra uji beban"


def _spread(parents: list, count: int) -> list:
    """Parent of each of `count` children, as evenly as possible."""
    return [parents[i * len(parents) // count] for i in range(count)]


def build_tree(tahun: int, sizes: tuple[int, ...] = SIZES, name: str = NAME):
    from django.db import transaction

    from kinerja.indicators.models import Keputusan
    from kinerja.organisation.models import Bidang
    from kinerja.performance.models import Status
    from kinerja.sakip.models import IndikatorKinerja, Realisasi, Renstra, Simpul, TargetIndikator

    existing = Renstra.objects.filter(nama=name).first()
    if existing is not None:
        return existing
    keputusan = Keputusan.objects.filter(periode_awal__lte=tahun, periode_akhir__gte=tahun).first()
    assert keputusan is not None, f"no IKU catalogue covers {tahun}"
    iku = list(keputusan.indikator.values_list("kode", flat=True))
    bidang = list(Bidang.objects.filter(organisasi__kode_wilayah=keputusan.kode_wilayah))
    levels = ["tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"]
    with transaction.atomic():
        renstra = Renstra.objects.create(
            nama=name,
            periode_awal=keputusan.periode_awal,
            periode_akhir=keputusan.periode_akhir,
            kode_kabkota=keputusan.kode_wilayah,
            versi=9,
        )
        renstra.keputusan.set([keputusan])
        parents: list = [None]
        urutan = 0
        for level, count in zip(levels, sizes, strict=True):
            rows = []
            for i, parent in enumerate(_spread(parents, count), start=1):
                urutan += 1
                code = f"{level[:3].upper()}{i:03d}"
                rows.append(
                    Simpul(
                        renstra=renstra,
                        tingkat=level,
                        induk=parent,
                        kode=code,
                        uraian=f"{level.replace('_', ' ').title()} {i} uji beban pohon kinerja",
                        bidang=bidang[i % len(bidang)] if level == "program" else None,
                        urutan=urutan,
                    )
                )
            parents = Simpul.objects.bulk_create(rows)
        nodes = list(Simpul.objects.filter(renstra=renstra).order_by("urutan"))
        program_bidang = {n.pk: n.bidang for n in nodes if n.bidang_id}
        by_id = {n.pk: n for n in nodes}

        def bidang_of(node):
            while node is not None and node.pk not in program_bidang:
                node = by_id.get(node.induk_id)
            return program_bidang[node.pk] if node is not None else bidang[0]

        indicators = []
        for i, n in enumerate(nodes):
            computed = n.tingkat in ("tujuan", "sasaran")
            indicators.append(
                IndikatorKinerja(
                    renstra=renstra,
                    simpul=n,
                    kode=f"I-{n.kode}",
                    nama=f"Indikator {n.uraian}",
                    jenis="dihitung" if computed else "diketik",
                    iku_kode=iku[i % len(iku)] if computed else "",
                    satuan="%" if computed else "orang",
                    bidang=None if computed else bidang_of(n),
                    urutan=i,
                )
            )
        indicators = IndikatorKinerja.objects.bulk_create(indicators)
        typed = [i for i in indicators if i.jenis == "diketik"]
        TargetIndikator.objects.bulk_create(
            TargetIndikator(indikator=i, tahun=tahun, nilai=Decimal(100 + n % 50))
            for n, i in enumerate(typed)
        )
        values = []
        for n, i in enumerate(typed):
            for q in (1, 2, 3, 4):
                nilai = Decimal(20 + (n * 7 + q * 13) % 40) * q
                approved = q <= 2
                values.append(
                    Realisasi(
                        indikator=i,
                        tahun=tahun,
                        periode=q,
                        nilai=nilai,
                        status=Status.APPROVED if approved else Status.DRAFT,
                        beku_nilai=nilai if approved else None,
                    )
                )
        Realisasi.objects.bulk_create(values, batch_size=1000)
    return renstra
