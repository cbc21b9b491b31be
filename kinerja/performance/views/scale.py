"""The achievement scale (bands), changeable by the perencana."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from kinerja.organisation.permissions import Area, can_edit_targets, require_view

from ..services.bands import band_scale, band_scale_clean, band_scale_set

SLOTS = 7
INCOMPLETE = "Formulir skala tidak lengkap (muat ulang halaman lalu simpan lagi)."


def _stored_rows() -> list[tuple[str, str]]:
    return [
        ("" if b is None else format(b.normalize(), "f").replace(".", ","), label)
        for b, label in band_scale()
    ]


@login_required
def band_scale_edit(request: HttpRequest) -> HttpResponse:
    require_view(request.user, Area.TARGET)
    editable = can_edit_targets(request.user)
    errors: list[str] = []
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("Hanya Perencana yang boleh mengubah skala predikat.")
        # The form replaces the whole scale, so it must carry the whole scale: a slot missing
        # from the request is refused, never read as an empty band (issue 12: missing is not empty).
        names = [f"{part}-{i}" for i in range(SLOTS) for part in ("batas", "label")]
        if any(name not in request.POST for name in names):
            errors = [INCOMPLETE]
            rows = _stored_rows()
        else:
            rows = [(request.POST[f"batas-{i}"], request.POST[f"label-{i}"]) for i in range(SLOTS)]
            try:
                scale = band_scale_clean(rows)
            except ValidationError as exc:
                errors = exc.messages
            else:
                band_scale_set(scale=scale, actor=request.user)
                messages.success(request, "Skala predikat capaian disimpan.")
                return redirect("performance:band_scale")
    else:
        rows = _stored_rows()
    rows = (rows + [("", "")] * SLOTS)[:SLOTS]
    return render(
        request,
        "performance/band_scale.html",
        {"rows": [{"i": i, "batas": b, "label": lab} for i, (b, lab) in enumerate(rows)],
         "editable": editable, "errors": errors},
        status=400 if errors else 200,
    )  # fmt: skip
