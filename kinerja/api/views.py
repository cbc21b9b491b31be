"""REST API (read-only): the catalogue, the figures, the units behind a figure.

Same rows as `kinerja compute --format json`; NIK masked unless the role needs it, and every response
containing personal data logged, as in the web.
"""

from rest_framework import permissions, serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from kinerja.audit.services import log_akses
from kinerja.indicators.engine.drilldown import drilldown, unit_keluarga, without_identity
from kinerja.indicators.selectors import keputusan_in_force, sasaran_with_indikator
from kinerja.lib.privacy import mask_nik
from kinerja.organisation.permissions import Identitas
from kinerja.performance.periods import periode_parse
from kinerja.performance.selectors import figure_rows
from kinerja.registries.access import identitas_unit


class FigureQuery(serializers.Serializer):
    tahun = serializers.IntegerField(min_value=2000, max_value=2100)
    triwulan = serializers.IntegerField(min_value=1, max_value=4, required=False)
    level = serializers.ChoiceField(["kota", "kecamatan", "kelurahan"], default="kota")
    bacaan = serializers.ChoiceField(["default", "literal"], default="default")


@api_view(["GET"])
@permission_classes([permissions.AllowAny])
def katalog(request: Request) -> Response:
    """The IKU catalogue in force today (public, like the home page)."""
    k = keputusan_in_force()
    if k is None:
        raise NotFound("Belum ada katalog IKU yang berlaku.")
    return Response(
        {
            "keputusan": {"nomor": k.nomor, "versi": k.versi, "tanggal": k.tanggal_ditetapkan},
            "sasaran": [
                {
                    "nomor": s.nomor,
                    "uraian": s.uraian,
                    "indikator": [
                        {
                            "kode": i.kode,
                            "nama": i.nama,
                            "makna": i.makna,
                            "alasan": i.alasan,
                            "cara_perhitungan": i.cara_perhitungan,
                            "penanggung_jawab": i.penanggung_jawab,
                            "sumber_data": i.sumber_data,
                            "satuan": i.satuan,
                            "polaritas": i.polaritas,
                        }
                        for i in s.indikator.all()
                    ],
                }
                for s in sasaran_with_indikator(k)
            ],
        }
    )


@api_view(["GET"])
def angka(request: Request) -> Response:
    """Every IKU for a period and level (signed-in users)."""
    q = FigureQuery(data=request.query_params)
    if not q.is_valid():
        raise ValidationError(q.errors)
    d = q.validated_data
    return Response(figure_rows(d["tahun"], d.get("triwulan"), d["level"], d["bacaan"]))


@api_view(["GET"])
def unit(request: Request, kode: str, periode: str) -> Response:
    """The units behind one kota figure, with the reason for those outside the numerator.

    Who the units are only as D60 allows: outside their registry, a neutral label and no identity.
    """
    try:
        p = periode_parse(periode)
        rows = drilldown(kode.upper(), p, request.query_params.get("bacaan", "default"))
        ident = identitas_unit(request.user, unit_keluarga(kode.upper(), p))
    except (ValueError, LookupError) as exc:
        raise NotFound(str(exc)) from exc
    full = ident == Identitas.LENGKAP
    if ident == Identitas.TERSEMBUNYI:
        rows = without_identity(rows)
    else:  # a list without identity is no personal data: nothing to log
        log_akses(
            user=request.user, jenis="ekspor", objek=f"API unit {kode} {periode}",
            jumlah=len(rows), request=request,
        )  # fmt: skip
    return Response(
        [
            {
                "unit_id": r.unit_id or None,
                "kode": r.kode if full or not r.nik else mask_nik(r.nik),
                "id_lokal": r.id_lokal or None,
                "nama": r.nama or None,
                "nik": (r.nik if full else mask_nik(r.nik)) if r.nik else None,
                "wilayah": r.kelurahan or r.kecamatan,
                "jenis_kelamin": r.jenis_kelamin,
                "kelompok_umur": r.kelompok_umur,
                "jenis": r.jenis,
                "pembilang": r.pembilang,
                "alasan": r.alasan,
                "alasan_label": r.alasan_label if not r.pembilang else "",
            }
            for r in rows
        ]
    )
