"""Services and assistance: basic needs (Rehabilitasi Sosial), the rest (Linjamsos), D21."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse

from kinerja.organisation.permissions import Area, can_change, can_view_records

from .. import selectors
from ..access import get_layanan_for_user, get_orang_for_user, require_view_layanan
from ..editing import layanan_save
from ..forms import LayananFilter, LayananForm
from ..models import JenisLayanan, KelompokLayanan, Layanan
from .common import Column, edit_page, render_list

EXPORT = [
    Column("nik", lambda r: r.orang.nik, nik=True),
    Column("id_lokal", lambda r: r.orang.id_lokal),
    Column("nama", lambda r: r.orang.nama),
    Column("kode_wilayah", lambda r: r.orang.kelurahan_id),
    Column("jenis_layanan", lambda r: r.jenis_id),
    Column("tanggal", lambda r: r.tanggal),
    Column("program", lambda r: r.program),
    Column("nilai_rp", lambda r: r.nilai_rp),
    Column("sumber_dana", lambda r: r.sumber_dana),
    Column("kode_kejadian", lambda r: r.bencana.kode_kejadian if r.bencana else ""),
    Column("keterangan", lambda r: r.keterangan),
]


def _jenis_choices(user) -> list[tuple[str, str]]:
    jenis = JenisLayanan.objects.filter(aktif=True)
    # Linjamsos uses basic-needs codes for disaster aid too; Rehabilitasi Sosial only those.
    if not can_view_records(user, Area.LAYANAN_LINJAMSOS):
        jenis = jenis.filter(kelompok=KelompokLayanan.DASAR)
    return list(jenis.values_list("kode", "nama"))


@login_required
def layanan_list(request: HttpRequest) -> HttpResponseBase:
    require_view_layanan(request.user)
    form = LayananFilter(request.GET or None, jenis_choices=_jenis_choices(request.user))
    form.is_valid()
    d = getattr(form, "cleaned_data", {})
    qs = selectors.layanan_list(
        request.user,
        q=d.get("q"),
        wilayah=d.get("wilayah"),
        jenis=d.get("jenis"),
        sumber_dana=d.get("sumber_dana"),
        w=selectors.window(**form.period_kwargs()) if d else selectors.window(),
    )
    return render_list(
        request,
        "registries/layanan_list.html",
        form=form,
        qs=qs,
        export=(EXPORT, "layanan", True),
    )


def _form(request: HttpRequest, orang, instance: Layanan | None) -> HttpResponse:
    return edit_page(
        request,
        LayananForm(
            request.POST if request.method == "POST" else None,
            instance=instance,
            orang=orang,
            user=request.user,
        ),
        lambda layanan: layanan_save(layanan, orang=orang, user=request.user),
        title=("Ubah layanan" if instance else "Tambah layanan") + f": {orang}",
        success_url=lambda _: reverse("registri:orang_detail", args=[orang.pk]) + "#layanan",
        cancel_url=reverse("registri:orang_detail", args=[orang.pk]),
    )


@login_required
def layanan_add(request: HttpRequest, orang_pk: int) -> HttpResponse:
    orang = get_orang_for_user(request.user, orang_pk)
    if not (
        can_change(request.user, Area.LAYANAN_REHAB)
        or can_change(request.user, Area.LAYANAN_LINJAMSOS)
    ):
        raise PermissionDenied("Anda tidak berhak mencatat layanan.")
    return _form(request, orang, None)


@login_required
def layanan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    layanan = get_layanan_for_user(request.user, pk, change=True)
    return _form(request, layanan.orang, layanan)
