"""The tree page (server-drawn SVG), a node's page and its on-screen edit (the Perencana's)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe

from kinerja.organisation.models import Bidang
from kinerja.organisation.permissions import Area, can_keep_tree, require_view
from kinerja.performance.achievement import penyerapan

from ..drawing import tree_svg
from ..models import Renstra, Tingkat
from ..selectors import (
    TINGKAT_URUT,
    ancestors,
    anggaran_of,
    indikator_capaian,
    renstra_all,
    renstra_for_year,
    tree_cached,
)
from ..services.renstra import RenstraRefused, simpul_update, tree_refusal
from .common import get_simpul, year_param


@login_required
def pohon_page(request: HttpRequest) -> HttpResponse:
    require_view(request.user, Area.TARGET)
    renstra = None
    if request.GET.get("renstra"):
        raw = request.GET["renstra"]
        if not raw.isdigit():
            raise BadRequest("Renstra tidak valid.")
        renstra = get_object_or_404(Renstra.objects.of_kabkota(), pk=int(raw))
    tahun = year_param(request, renstra)
    berlaku = renstra_for_year(tahun)
    if renstra is None:
        renstra = berlaku
    elif tahun not in renstra.tahun:
        raise BadRequest(f"Tahun {tahun} di luar periode {renstra}.")
    sampai = request.GET.get("sampai") or Tingkat.SUB_KEGIATAN
    if sampai not in TINGKAT_URUT:
        raise BadRequest(f"Tingkat '{sampai[:20]}' tidak dikenal.")
    svg, jumlah = "", 0
    if renstra is not None:
        href = reverse("sakip:simpul", args=[0]).replace("/0/", "/{id}/") + f"?tahun={tahun}"
        title = f"Pohon kinerja {renstra.nama} tahun {tahun}"
        svg, jumlah = tree_cached(
            renstra, tahun, sampai, lambda rows: tree_svg(rows, title=title, href=href)
        )
    return render(
        request,
        "sakip/pohon.html",
        {
            "renstra": renstra,
            # Another version of the same period is the one in force this year (D251).
            "berlaku": berlaku if berlaku != renstra else None,
            "semua_renstra": renstra_all(),
            "tahun": tahun,
            "sampai": sampai,
            "tingkat": Tingkat.choices,
            "svg": mark_safe(svg),  # noqa: S308  # built by drawing.tree_svg, every text escaped
            "jumlah": jumlah,
            "can_keep": can_keep_tree(request.user),
        },
    )


@login_required
def simpul_page(request: HttpRequest, pk: int) -> HttpResponse:
    require_view(request.user, Area.TARGET)
    simpul = get_simpul(pk)
    tahun = year_param(request, simpul.renstra)
    ids = list(simpul.indikator.values_list("id", flat=True))
    lines = [
        {"a": a, "penyerapan": penyerapan(a.pagu, a.realisasi)} for a in anggaran_of(simpul, tahun)
    ]
    return render(
        request,
        "sakip/simpul.html",
        {
            "simpul": simpul,
            "tahun": tahun,
            "jalur": ancestors(simpul),
            "anak": simpul.anak.order_by("urutan", "id"),
            "indikator": indikator_capaian(simpul.renstra, tahun, ids).get(simpul.pk, []),
            "anggaran": lines,
            "can_keep": can_keep_tree(request.user) and tree_refusal(simpul.renstra) is None,
        },
    )


@login_required
def simpul_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_keep_tree(request.user):
        raise PermissionDenied("Hanya Perencana yang mengubah pohon kinerja.")
    simpul = get_simpul(pk)
    bidang_all = Bidang.objects.filter(organisasi__kode_wilayah=simpul.renstra.kode_kabkota)
    errors: list[str] = []
    if request.method == "POST":
        data = {
            k: request.POST.get(k, "").strip() for k in ("uraian", "sasaran", "bidang", "seksi")
        }
        bidang = bidang_all.filter(kode=data["bidang"]).first() if data["bidang"] else None
        if not data["uraian"]:
            errors.append("Uraian wajib diisi.")
        if data["bidang"] and bidang is None:
            errors.append(f"Bidang '{data['bidang'][:30]}' tidak dikenal.")
        if simpul.tingkat == Tingkat.PROGRAM and bidang is None:
            errors.append("Program wajib punya bidang penanggung jawab.")
        if not errors:
            try:
                simpul_update(
                    simpul=simpul,
                    user=request.user,
                    uraian=data["uraian"],
                    sasaran=data["sasaran"],
                    bidang=bidang,
                    seksi=data["seksi"],
                )
            except RenstraRefused as exc:
                errors.append(str(exc))
            else:
                messages.success(request, f"Simpul {simpul.kode} disimpan.")
                return redirect("sakip:simpul", pk=simpul.pk)
        form = data
    else:
        form = {
            "uraian": simpul.uraian,
            "sasaran": simpul.sasaran,
            "bidang": simpul.bidang.kode if simpul.bidang else "",
            "seksi": simpul.seksi,
        }
    return render(
        request,
        "sakip/simpul_ubah.html",
        {"simpul": simpul, "form": form, "errors": errors, "bidang_all": bidang_all},
        status=400 if errors else 200,
    )
