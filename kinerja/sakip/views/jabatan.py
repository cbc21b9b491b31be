"""The position table: every signed-in role reads it; the Perencana adds and changes positions."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from kinerja.organisation.models import Bidang
from kinerja.organisation.permissions import Area, can_edit_targets, require_view

from ..models import Jabatan
from ..services.jabatan import FIELDS, jabatan_save
from ..services.pk import PKRefused


class JabatanForm(forms.ModelForm):
    class Meta:
        model = Jabatan
        fields = FIELDS

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        kode = settings.KINERJA_KODE_WILAYAH
        self.fields["atasan"].queryset = Jabatan.objects.filter(kode_kabkota=kode)  # type: ignore[attr-defined]
        self.fields["bidang"].queryset = Bidang.objects.filter(organisasi__kode_wilayah=kode)  # type: ignore[attr-defined]

    def validate_unique(self) -> None:  # the service reports a duplicate code in Indonesian
        pass

    def _post_clean(self) -> None:  # the service checks the rules; the model is saved there
        pass


def _qs():
    return Jabatan.objects.filter(kode_kabkota=settings.KINERJA_KODE_WILAYAH).select_related(
        "atasan", "bidang"
    )


@login_required
def jabatan_page(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_view(request.user, Area.TARGET)
    jabatan = get_object_or_404(_qs(), pk=pk) if pk is not None else None
    form = JabatanForm(instance=jabatan)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if not can_edit_targets(request.user):
            raise PermissionDenied("Hanya Perencana yang mengubah tabel jabatan.")
        form = JabatanForm(request.POST, instance=jabatan)
        if form.is_valid():
            try:
                row = jabatan_save(data=form.cleaned_data, user=request.user, jabatan=jabatan)
            except PKRefused as exc:
                errors = [str(exc)]
            else:
                messages.success(request, f"Jabatan {row.nama} disimpan.")
                return redirect("sakip:jabatan")
        else:
            errors = [
                f"{form.fields[f].label if f in form.fields else f}: {' '.join(map(str, e))}"
                for f, e in form.errors.items()
            ]
        status = 400
    return render(
        request,
        "sakip/jabatan.html",
        {"rows": _qs(), "form": form, "jabatan": jabatan, "errors": errors,
         "can_keep": can_edit_targets(request.user)},
        status=status,
    )  # fmt: skip
