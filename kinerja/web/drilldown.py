"""The drill-down page of a figure: `/angka/<kode>/<periode>/`.

Every figure explains itself here: the definition and catalogue version, the period window, the units
of the denominator with a mark for those in the numerator and, for the others, the engine's reason;
the units left out by the age band; the data-quality counts. The list can be filtered (the filters stay
in the URL) and exported to XLSX (logged as personal data).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.audit.models import AksesDataPribadi
from kinerja.audit.services import log_akses
from kinerja.indicators.engine import (
    DrillRow,
    IndicatorDefinition,
    Periode,
    cached_call,
    compute_figures,
    data_quality,
    definitions_in_force,
    drilldown,
    drilldown_excluded,
    export_xlsx,
    frozen_figures,
    without_identity,
)
from kinerja.indicators.models import Keluarga
from kinerja.lib.dates import today
from kinerja.lib.privacy import mask_identifiers, mask_nik
from kinerja.organisation.permissions import Identitas
from kinerja.performance.models import Persetujuan, Status
from kinerja.performance.periods import periode_nama
from kinerja.regions.models import Tingkat, Wilayah
from kinerja.registries.access import can_view_orang, identitas_unit

PAGE_SIZE = 50
EXCLUDED_LIMIT = 200
PERIODE_RE = re.compile(r"^(\d{4})(?:-[Qq]([1-4]))?$")
# URL value for "not recorded": the engine stores an unknown sex or age group as "".
KOSONG = "kosong"
JENIS_KELAMIN = [("", "Semua"), ("L", "Laki-laki"), ("P", "Perempuan"), (KOSONG, "Tidak diketahui")]
KELOMPOK_UMUR = [
    ("", "Semua"), ("0-5", "0–5 tahun"), ("6-18", "6–18 tahun"), ("19-59", "19–59 tahun"),
    ("60+", "60 tahun ke atas"), (KOSONG, "Tidak diketahui"),
]  # fmt: skip
STATUS = [("", "Semua"), ("pembilang", "Masuk pembilang"), ("bukan", "Bukan pembilang")]
BACAAN = [("default", "Bacaan baku"), ("literal", "Bacaan harfiah keputusan")]
JK_LABEL = {"L": "Laki-laki", "P": "Perempuan", "": "Tidak diketahui"}


def parse_periode(label: str) -> Periode:
    """`2025` or `2025-Q2`; ValueError with an Indonesian message for anything else."""
    m = PERIODE_RE.match(label.strip())
    if not m or not 2000 <= int(m.group(1)) <= 2100:
        raise ValueError(
            f"Periode '{label}' tidak dikenal. Tulis tahun (2025) atau triwulan (2025-Q2)."
        )
    return Periode(int(m.group(1)), int(m.group(2)) if m.group(2) else None)


class NotFound(Exception):
    """A figure that does not exist; the message (Indonesian) is shown on the 404 page."""


def get_indicator(kode: str, periode_label: str) -> tuple[IndicatorDefinition, Periode]:
    """The indicator definition in force for the period, or NotFound naming what is wrong."""
    try:
        periode = parse_periode(periode_label)
    except ValueError as exc:
        raise NotFound(str(exc)) from None
    found = definitions_in_force(periode.akhir, kode.strip().upper())
    if not found:
        raise NotFound(
            f"Indikator '{kode}' tidak ada dalam katalog IKU yang berlaku pada "
            f"{periode_nama(periode)}."
        )
    return found[0], periode


def region_names() -> dict[str, str]:
    k = settings.KINERJA_KODE_WILAYAH
    names = dict(Wilayah.objects.in_kabkota(k).values_list("kode", "nama"))
    names[k] = Wilayah.objects.filter(kode=k).values_list("nama", flat=True).first() or "Kota"
    return names


def region_choices() -> list[tuple[str, str]]:
    """Kecamatan, each followed by its kelurahan (indented), for the region filter."""
    k = settings.KINERJA_KODE_WILAYAH
    choices = [("", "Seluruh kota")]
    rows = Wilayah.objects.in_kabkota(k).order_by("kode").values_list("kode", "nama", "tingkat")
    for kode, nama, tingkat in rows:
        if tingkat == Tingkat.KECAMATAN:
            choices.append((kode, f"Kec. {nama}"))
        elif tingkat == Tingkat.KELURAHAN:
            choices.append((kode, f"\u2003Kel. {nama}"))
    return choices


class DrillFilter(forms.Form):
    wilayah = forms.ChoiceField(label="Wilayah", required=False)
    jenis_kelamin = forms.ChoiceField(label="Jenis kelamin", choices=JENIS_KELAMIN, required=False)
    kelompok_umur = forms.ChoiceField(label="Kelompok umur", choices=KELOMPOK_UMUR, required=False)
    status = forms.ChoiceField(label="Status", choices=STATUS, required=False)
    bacaan = forms.ChoiceField(label="Bacaan", choices=BACAAN, required=False)
    q = forms.CharField(label="Cari nama atau kode", required=False, max_length=100)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["wilayah"]).choices = region_choices()

    def values(self) -> dict:
        """The valid filters (an invalid one is reported on the page and ignored)."""
        self.is_valid()
        d = getattr(self, "cleaned_data", {})

        def unknown(v: str | None) -> str | None:
            return "" if v == KOSONG else (v or None)

        status = d.get("status")
        return {
            "wilayah": d.get("wilayah") or None,
            "jenis_kelamin": unknown(d.get("jenis_kelamin")),
            "kelompok_umur": unknown(d.get("kelompok_umur")),
            "pembilang": {"pembilang": True, "bukan": False}.get(status or ""),
            "bacaan": d.get("bacaan") or "default",
            "q": (d.get("q") or "").strip(),
        }


def _search(rows: list[DrillRow], q: str) -> list[DrillRow]:
    if not q:
        return rows
    needle = q.casefold()
    return [
        r
        for r in rows
        if needle in r.nama.casefold()
        or needle in r.kode.casefold()
        or (r.kode_kejadian and needle in r.kode_kejadian.casefold())
    ]


@dataclass(frozen=True)
class Angka:
    numerator: int
    denominator: int
    value: object


def live_figure(kode: str, periode: Periode, wilayah: str | None, bacaan: str) -> Angka:
    """The figure of the region (kota when none) for the reading, computed now."""
    level = "kota" if not wilayah else ("kecamatan" if len(wilayah) <= 8 else "kelurahan")
    target = wilayah or settings.KINERJA_KODE_WILAYAH
    figs = compute_figures(periode.tahun, periode.triwulan, level, bacaan, kode=kode)
    for f in figs:
        if f.wilayah == target:
            return Angka(f.numerator, f.denominator, f.value)
    return Angka(0, 0, None)


def frozen_figure(
    approval: Persetujuan, kode: str, periode: Periode, wilayah: str | None, bacaan: str
) -> Angka | None:
    if approval.status != Status.APPROVED or not approval.beku_ref:
        return None
    level = "kota" if not wilayah else ("kecamatan" if len(wilayah) <= 8 else "kelurahan")
    frozen = frozen_figures(int(approval.beku_ref), kode, periode, level, bacaan)
    by_region = {f.wilayah: f for f in frozen}
    f = by_region.get(wilayah or settings.KINERJA_KODE_WILAYAH)
    return Angka(f.numerator, f.denominator, f.value) if f else None


def _display(rows: Iterable[DrillRow], names: dict[str, str]) -> list[dict]:
    """What a table row shows: region names, and the unit's code masked when it is the NIK."""
    return [
        {
            "r": r,
            "kode": mask_nik(r.kode) if r.nik and r.kode == r.nik else r.kode,
            "kelurahan": names.get(r.kelurahan or "", ""),
            "kecamatan": names.get(r.kecamatan or "", ""),
            "jenis": ", ".join(j.replace("_", " ") for j in r.jenis),
            "jenis_kelamin": JK_LABEL.get(r.jenis_kelamin or "", r.jenis_kelamin),
            "kelompok_umur": r.kelompok_umur or "Tidak diketahui",
        }
        for r in rows
    ]


def _not_found(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "web/_drill_404.html", {"message": message}, status=404)


def _export(
    request: HttpRequest, rows: list[DrillRow], ind, periode: Periode, ident: Identitas
) -> HttpResponse:
    anonim = ident == Identitas.TERSEMBUNYI
    if not anonim:  # a list without identity is no personal data: nothing to log
        log_akses(
            user=request.user,
            jenis=AksesDataPribadi.Jenis.EKSPOR,
            objek=mask_identifiers(
                f"rincian {ind.kode} {periode.label}: {request.GET.urlencode()}"
            ),
            jumlah=len(rows),
            request=request,
        )
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    export_xlsx(
        without_identity(rows) if anonim else rows,
        response,
        mask_nik=ident != Identitas.LENGKAP,
        title=f"Rincian {ind.kode} {periode_nama(periode)}",
        identitas=not anonim,
    )
    name = f"rincian-{ind.kode}-{periode.label}-{today():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def angka_rincian(request: HttpRequest, kode: str, periode: str) -> HttpResponse:
    """Every signed-in role reads figures (`can_view`); who the units are only as D60 allows, and
    NIK stays masked on screen (D23)."""
    try:
        ind, per = get_indicator(kode, periode)
    except NotFound as exc:
        return _not_found(request, str(exc))
    if request.GET.get("format") not in (None, "", "html", "xlsx"):
        return _not_found(request, "Format unduhan tidak dikenal; yang tersedia: xlsx.")
    user = request.user
    ident = identitas_unit(user, ind.default.keluarga)
    anonim = ident == Identitas.TERSEMBUNYI
    form = DrillFilter(request.GET or None)
    if anonim:
        # A name search would tell who is in the list (yes/no per name): not offered, and ignored.
        del form.fields["q"]
    f = form.values()
    bacaan = f["bacaan"]
    filters = {
        "wilayah": f["wilayah"],
        "jenis_kelamin": f["jenis_kelamin"],
        "kelompok_umur": f["kelompok_umur"],
    }
    # The unit lists are cached under the registries' change counter, like the figures: a page turn
    # or a second filter costs a lookup, and a registry change shows at once.
    key = (ind.kode, per.label, bacaan, f["pembilang"], tuple(sorted(filters.items())))
    units = cached_call(
        "drilldown",
        key,
        lambda: drilldown(ind.kode, per, bacaan, pembilang=f["pembilang"], **filters),
    )
    q = "" if anonim else f["q"]
    rows = _search(units, q)
    if request.GET.get("format") == "xlsx":
        return _export(request, rows, ind, per, ident)

    excluded = _search(
        cached_call("drill_excluded", key, lambda: drilldown_excluded(ind.kode, per, **filters)),
        q,
    )
    if anonim:
        rows, excluded = without_identity(rows), without_identity(excluded)
    approval = Persetujuan.objects.of_period(ind.kode, per.tahun, per.triwulan).first()
    frozen = frozen_figure(approval, ind.kode, per, f["wilayah"], bacaan) if approval else None
    names = region_names()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    is_psks = ind.default.keluarga == Keluarga.PSKS_PELATIHAN
    ctx = {
        "ind": ind,
        "defn": ind.reading(bacaan),
        "periode": per,
        "periode_nama": periode_nama(per),
        "bacaan": bacaan,
        "bacaan_nama": dict(BACAAN)[bacaan],
        "wilayah": f["wilayah"],
        "wilayah_nama": names.get(f["wilayah"] or settings.KINERJA_KODE_WILAYAH, ""),
        "live": live_figure(ind.kode, per, f["wilayah"], bacaan),
        "frozen": frozen,
        "approval": approval,
        "status_label": approval.get_status_display() if approval else Status.DRAFT.label,
        "kualitas": cached_call(
            "kualitas", (ind.kode, per.label), lambda: data_quality(ind.kode, per)
        ).as_list(),
        "form": form,
        "filtered": any(v for k, v in request.GET.items() if k not in ("page", "bacaan")),
        "page_obj": page,
        "rows": _display(page.object_list, names),
        "excluded": _display(excluded[:EXCLUDED_LIMIT], names),
        "excluded_total": len(excluded),
        "has_age_band": ind.default.umur_min is not None,
        "desil_maks": ind.default.desil_maks,
        "is_psks": is_psks,
        "is_korban": ind.default.keluarga == Keluarga.KORBAN_LAYANAN,
        "anonim": anonim,
        "lihat_nik": ident == Identitas.LENGKAP,
        "buka_orang": (not is_psks) and not anonim and can_view_orang(user),
        "reveal_psks": is_psks and ident == Identitas.LENGKAP,
    }
    return render(request, "web/drilldown.html", ctx)
