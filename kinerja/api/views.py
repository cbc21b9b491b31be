"""REST API (read-only): the catalogue, the figures, the units behind a figure.

Same rows as `kinerja compute --format json`; NIK masked unless the role needs it, and every response
containing personal data logged, as in the web. Shapes and errors are declared in `serializers.py`
and published as OpenAPI 3 at /api/schema/ (D81).
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import permissions
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from kinerja.audit.services import log_akses
from kinerja.indicators.engine import drilldown, unit_keluarga, without_identity
from kinerja.indicators.selectors import keputusan_in_force, sasaran_with_indikator
from kinerja.lib.privacy import mask_nik
from kinerja.organisation.permissions import Identitas
from kinerja.performance.periods import periode_parse
from kinerja.performance.selectors import figure_rows
from kinerja.registries.access import identitas_unit

from . import serializers as shapes

NOT_SIGNED_IN = OpenApiResponse(shapes.Error, description="Belum masuk, atau token/sandi salah.")
FORBIDDEN = OpenApiResponse(shapes.Error, description="Akun tidak berhak atas data ini.")


def _bad_parameters(query: shapes.FigureQuery | shapes.UnitQuery) -> Response:
    return Response(
        {
            "detail": "Parameter tidak sah; rinciannya per parameter ada di `parameter`.",
            "parameter": query.errors,
        },
        status=400,
    )


@extend_schema(
    summary="Katalog IKU yang berlaku",
    description="Katalog IKU menurut keputusan yang berlaku hari ini. Terbuka tanpa masuk.",
    auth=[],
    responses={
        200: shapes.Katalog,
        404: OpenApiResponse(shapes.Error, description="Belum ada katalog."),
    },
)
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
                    "nomor": sasaran.nomor,
                    "uraian": sasaran.uraian,
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
                        for i in sasaran.indikator.all()
                    ],
                }
                for sasaran in sasaran_with_indikator(k)
            ],
        }
    )


@extend_schema(
    summary="Angka setiap IKU untuk satu periode dan level wilayah",
    description=(
        "Baris yang sama dengan `kinerja compute --format json`. Angka yang sudah disetujui adalah "
        "angka beku; `live_value` angka hitungan kini."
    ),
    parameters=[shapes.FigureQuery],
    responses={
        200: shapes.Angka(many=True),
        400: OpenApiResponse(shapes.ParameterError, description="Parameter tidak sah."),
        401: NOT_SIGNED_IN,
        403: FORBIDDEN,
    },
)
@api_view(["GET"])
def angka(request: Request) -> Response:
    """Every IKU for a period and level (signed-in users)."""
    q = shapes.FigureQuery(data=request.query_params)
    if not q.is_valid():
        return _bad_parameters(q)
    d = q.validated_data
    return Response(figure_rows(d["tahun"], d.get("triwulan"), d["level"], d["bacaan"]))


@extend_schema(
    summary="Unit di balik angka kota satu IKU",
    description=(
        "Setiap unit penyebut, masuk pembilang atau tidak beserta alasannya. NIK tersamar kecuali "
        "bagi peran yang berhak; setiap permintaan dicatat di log akses data pribadi."
    ),
    parameters=[
        OpenApiParameter(
            "kode", OpenApiTypes.STR, OpenApiParameter.PATH, pattern=r"^[A-Za-z0-9-]{1,20}$",
            description="Kode IKU, mis. IKU-2.", examples=[OpenApiExample("IKU-2", value="IKU-2")],
        ),
        OpenApiParameter(
            "periode", OpenApiTypes.STR, OpenApiParameter.PATH, pattern=r"^[0-9]{4}(-[Qq][1-4])?$",
            description="2025 (setahun) atau 2025-Q2.",
            examples=[OpenApiExample("2025-Q1", value="2025-Q1")],
        ),
        shapes.UnitQuery,
    ],
    responses={
        200: shapes.Unit(many=True),
        400: OpenApiResponse(shapes.ParameterError, description="Parameter tidak sah."),
        401: NOT_SIGNED_IN,
        403: FORBIDDEN,
        404: OpenApiResponse(shapes.Error, description="IKU atau periode tidak dikenal."),
    },
)  # fmt: skip
@api_view(["GET"])
def unit(request: Request, kode: str, periode: str) -> Response:
    """The units behind one kota figure, with the reason for those outside the numerator.

    Who the units are only as D60 allows: outside their registry, a neutral label and no identity.
    """
    q = shapes.UnitQuery(data=request.query_params)
    if not q.is_valid():
        return _bad_parameters(q)
    try:
        p = periode_parse(periode)
        rows = drilldown(kode.upper(), p, q.validated_data["bacaan"])
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


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([permissions.AllowAny])
def tidak_ditemukan(request: Request, rest: str | None = None) -> Response:
    """Unknown /api/ paths answer JSON in Indonesian, not the HTML page meant for people."""
    raise NotFound("Alamat API tidak dikenal; daftar alamat ada di /api/schema/.")


class Dokumentasi(SpectacularSwaggerSplitView):
    """Swagger UI from the sidecar package; the init script is a separate file for the strict CSP."""

    template_name = "api/dokumentasi.html"
    title = "Kinerja API: dokumentasi"
