"""Uploads: template, preview (a dry run, nothing saved), the import, the result; the preview and the
import both run in the background worker (D68).

An upload is kept under MEDIA_ROOT/unggah/<token>/ (owner-only, deleted after the retention period:
`unggahan`) and named in the session; the preview the worker stores beside it and the import's own
Impor row (updated per batch by the engine) are what the pages poll.
"""

import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST
from django_tasks import TaskResultStatus

from kinerja.audit.models import AksesDataPribadi
from kinerja.audit.services import log_akses
from kinerja.lib.htmx import HtmxHttpRequest
from kinerja.organisation.permissions import Area, can_change, can_see_nik, can_view_records

from .. import unggahan
from ..access import UPLOAD_KIND_AREA, can_reach_impor_files, get_impor_files_for_user, scoped
from ..imports.rejects import masked_rejects
from ..models import Impor
from ..tasks import import_file, preview_file
from ..templat import build_template

KIND_AREA = UPLOAD_KIND_AREA
KIND_TITLE = {
    "psks": "PSKS", "pelatihan": "Pelatihan PSKS", "ppks": "Registrasi PPKS",
    "layanan": "Layanan dan bantuan", "dtks": "Anggota DTKS", "bencana": "Kejadian bencana",
    "korban": "Korban bencana",
}  # fmt: skip
SESSION_KEY = "registri_unggah"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def can_upload(user, kind: str) -> bool:
    area = KIND_AREA[kind]
    if area is None:
        return can_change(user, Area.LAYANAN_REHAB) or can_change(user, Area.LAYANAN_LINJAMSOS)
    return can_change(user, area)


def _can_view_kind(user, kind: str) -> bool:
    area = KIND_AREA[kind]
    if area is None:
        return can_view_records(user, Area.LAYANAN_REHAB) or can_view_records(
            user, Area.LAYANAN_LINJAMSOS
        )
    return can_view_records(user, area)


def _kind_for(user, kind: str, *, change: bool) -> str:
    if kind not in KIND_AREA:
        raise Http404("Jenis data tidak dikenal")
    if not (can_upload(user, kind) if change else _can_view_kind(user, kind)):
        raise PermissionDenied("Jenis data ini milik bidang lain.")
    return kind


def _upload(request: HttpRequest, kind: str, token: str) -> dict:
    item = request.session.get(SESSION_KEY, {}).get(token)
    if not item or item["kind"] != kind:
        raise Http404("Unggahan tidak ditemukan (mungkin sesi telah berakhir).")
    return item


class UploadForm(forms.Form):
    file = forms.FileField(
        label="File CSV atau XLSX",
        error_messages={"required": "Pilih file untuk diunggah.", "empty": "File ini kosong."},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("File harus berformat CSV atau XLSX.")
        maks = settings.KINERJA_IMPOR_MAKS_MB
        if f.size > maks * 1024 * 1024:
            raise forms.ValidationError(
                f"File terlalu besar (maksimal {maks} MB, setelan KINERJA_IMPOR_MAKS_MB)."
            )
        return f


@login_required
def unggah_index(request: HttpRequest) -> HttpResponse:
    kinds = [{"kind": k, "title": KIND_TITLE[k]} for k in KIND_AREA if can_upload(request.user, k)]
    recent = list(
        scoped(Impor.objects.select_related("pengguna__bidang")).filter(
            jenis__in=[k["kind"] for k in kinds], uji_coba=False
        )[:20]
    )
    for impor in recent:  # the download button only where the download is allowed (D65)
        impor.boleh_unduh = can_reach_impor_files(request.user, impor)  # type: ignore[attr-defined]  # a flag for the template
    return render(request, "registries/unggah_index.html", {"kinds": kinds, "recent": recent})


@login_required
def unggah_template(request: HttpRequest, kind: str) -> HttpResponse:
    _kind_for(request.user, kind, change=False)
    response = HttpResponse(build_template(kind), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="templat-{kind}.xlsx"'
    return response


@login_required
def unggah_form(request: HttpRequest, kind: str) -> HttpResponse:
    """The file is stored and its preview queued for the worker; the page then polls for it."""
    _kind_for(request.user, kind, change=True)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        token = uuid.uuid4().hex
        name = Path(f.name).name[:200]
        path = unggahan.save_upload(token, f.name, f.chunks())
        store = request.session.get(SESSION_KEY, {})
        store[token] = {"kind": kind, "path": str(path), "name": name}
        result = preview_file.enqueue(kind, str(path), request.user.pk, name)
        store[token]["preview_task"] = str(result.id)
        request.session[SESSION_KEY] = store
        return redirect("registri:unggah_pratinjau", kind=kind, token=token)
    return render(
        request,
        "registries/unggah_form.html",
        {"form": form, "kind": kind, "title": KIND_TITLE[kind]},
    )


# A foreign file's steps before its preview (D180): the page of each.
MAPPING_STEPS = {"pemetaan": "registri:unggah_pemetaan", "label": "registri:unggah_label"}


@login_required
def unggah_pratinjau(request: HtmxHttpRequest, kind: str, token: str) -> HttpResponse:
    """The first rows and every problem of the worker's dry run; saving starts the import.

    The POST that saves checks again what the page checked (D22, a usable file, the same account):
    a direct POST to this URL is refused, not trusted (issue 12 row 2, D69).
    """
    _kind_for(request.user, kind, change=True)
    item = _upload(request, kind, token)
    path = Path(item["path"])
    preview = unggahan.read_preview(path.parent) or _failed_task_preview(request, item, kind)
    if request.method == "POST":
        return _save(request, kind, token, item, preview)
    context = {"kind": kind, "title": KIND_TITLE[kind], "token": token, "name": item["name"]}
    if preview is None:
        template = (
            "registries/_unggah_menunggu.html"
            if request.htmx
            else "registries/unggah_pratinjau.html"
        )
        return render(request, template, {**context, "waiting": True})
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"  # the preview is ready: show the full page
        return response
    if preview.get("status") in MAPPING_STEPS:  # a foreign file: its mapping first (D180)
        return redirect(MAPPING_STEPS[preview["status"]], kind=kind, token=token)
    problems = preview.get("problems", [])
    reasons: dict[int, list[str]] = {}
    for p in problems:
        reasons.setdefault(p["row"], []).append(p["reason"])
    # The sheet's rows start at line 2 (line 1 is the header): each shown row with its rejection.
    baris = [
        {"nomor": i, "sel": row, "alasan": reasons.get(i, [])}
        for i, row in enumerate(preview.get("rows", []), start=2)
    ]
    return render(
        request,
        "registries/unggah_pratinjau.html",
        {
            **context,
            "preview": preview,
            "problems": problems,
            "baris": baris,
            "can_save": unggahan.save_refusal(preview, request.user) is None,
        },
    )


def _save(request: HttpRequest, kind: str, token: str, item: dict, preview: dict | None):
    """Queue the import, once, after checking again what the preview page checked."""
    if "impor_id" in item or "task_id" in item:
        return redirect("registri:unggah_proses", kind=kind, token=token)
    if item.get("pemetaan"):
        from .unggah_pemetaan import save_mapped  # that module builds on this one

        return save_mapped(request, kind, token, item, preview)
    refusal = unggahan.save_refusal(preview, request.user)
    if refusal and preview is None:
        messages.info(request, refusal)
        return redirect("registri:unggah_pratinjau", kind=kind, token=token)
    if refusal:
        raise PermissionDenied(refusal)
    assert preview is not None  # save_refusal refuses a missing preview
    path = Path(item["path"])
    result = import_file.enqueue(
        kind, str(path), request.user.pk, item["name"], str(unggahan.rejects_path(path))
    )
    item["task_id"] = str(result.id)
    item["total"] = preview["rows_read"]
    store = request.session[SESSION_KEY]
    store[token] = item
    request.session[SESSION_KEY] = store
    return redirect("registri:unggah_proses", kind=kind, token=token)


def _failed_task_preview(request: HttpRequest, item: dict, kind: str) -> dict | None:
    """A preview task that died in the worker without writing its result (the task catches its own
    errors; this is for the rest, e.g. a full disk): the page says so instead of polling forever."""
    try:
        status = preview_file.get_result(item.get("preview_task", "")).status
    except Exception:  # the immediate backend keeps no results; an unknown id is still waiting
        return None
    if status != TaskResultStatus.FAILED:
        return None
    return unggahan.failed_preview(request.user.pk, kind)


def _impor_of(item: dict) -> Impor | None:
    # The kind too: bnba-korban's aid is a second import of the same file (kind layanan).
    return scoped(
        Impor.objects.filter(file_sumber=item["path"][:500], uji_coba=False, jenis=item["kind"])
    ).first()


@login_required
def unggah_proses(request: HtmxHttpRequest, kind: str, token: str) -> HttpResponse:
    """Progress while the worker imports; the result (counts, rejects) once it is done."""
    _kind_for(request.user, kind, change=True)
    item = _upload(request, kind, token)
    if "task_id" not in item:
        return redirect("registri:unggah_pratinjau", kind=kind, token=token)
    impor = _impor_of(item)
    total = item.get("total") or 0
    done = impor is not None and impor.status in (Impor.Status.SELESAI, Impor.Status.GAGAL)
    percent = min(100, round(impor.baris_dibaca * 100 / total)) if impor and total else 0
    bantuan = None
    if done and item.get("pemetaan"):  # a mapping with a second kind (bnba-korban's aid, D183)
        from .unggah_pemetaan import second_import

        done, bantuan = second_import(item, impor)
    context = {
        "kind": kind,
        "title": KIND_TITLE[kind],
        "token": token,
        "name": item["name"],
        "impor": impor,
        "total": total,
        "percent": 100 if done else percent,
        "done": done,
        "bantuan": bantuan,
    }
    template = "registries/_unggah_status.html" if request.htmx else "registries/unggah_proses.html"
    response = render(request, template, context)
    if request.htmx and done:
        response["HX-Refresh"] = "true"  # show the full result page
    return response


@login_required
@require_POST
def unggah_tolakan(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The rejected rows with their reasons: only for the uploader, that Bidang's kabid and the admin
    (404 for anyone else), masked for a reader without D3, and every download logged (D65)."""
    impor = get_impor_files_for_user(request.user, pk)
    _kind_for(request.user, impor.jenis, change=False)
    path = Path(impor.file_tolakan) if impor.file_tolakan else None
    if path is None or not path.exists():
        if impor.ditolak:
            messages.info(request, "File baris ditolak sudah dihapus (masa simpan unggahan habis).")
        else:
            messages.info(request, "Tidak ada baris yang ditolak.")
        return redirect(reverse("registri:unggah_index"))
    full = can_see_nik(request.user)
    log_akses(
        user=request.user,
        jenis=AksesDataPribadi.Jenis.EKSPOR,
        objek=f"tolakan impor #{impor.pk} {impor.nama_file}{'' if full else ' (NIK disamarkan)'}"[
            :200
        ],
        jumlah=impor.ditolak,
        request=request,
    )
    xlsx = path.suffix.lower() == ".xlsx"  # an XLSX upload's rejects (D131)
    name = f"{Path(impor.nama_file).stem}.rejected{'.xlsx' if xlsx else '.csv'}"
    if full:
        return FileResponse(path.open("rb"), as_attachment=True, filename=name)
    response = StreamingHttpResponse(
        masked_rejects(path), content_type=XLSX_TYPE if xlsx else "text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
