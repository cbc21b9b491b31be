"""Uploads: template, preview (a dry run, nothing saved), the import in the background, the result.

An upload is kept under MEDIA_ROOT/unggah/<token>/ and named in the session; the import's own Impor
row (updated per batch by the engine) is what the progress and result pages read.
"""

import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kinerja.audit.models import AksesDataPribadi
from kinerja.audit.services import log_akses
from kinerja.lib.privacy import mask_nik
from kinerja.organisation.permissions import Area, can_change, can_view_records

from ..access import jenis_layanan_area, scoped
from ..imports import preview_import
from ..imports.engine import open_for
from ..models import Impor, JenisLayanan
from ..tasks import import_file
from ..templat import build_template

# The registry kinds that can be uploaded from the web, and the area each one writes.
KIND_AREA: dict[str, Area | None] = {
    "psks": Area.PSKS,
    "pelatihan": Area.PELATIHAN,
    "ppks": Area.PPKS,
    "layanan": None,  # per row (D22)
    "dtks": Area.DTKS,
    "bencana": Area.BENCANA,
    "korban": Area.KORBAN,
}
KIND_TITLE = {
    "psks": "PSKS", "pelatihan": "Pelatihan PSKS", "ppks": "Registrasi PPKS",
    "layanan": "Layanan dan bantuan", "dtks": "Anggota DTKS", "bencana": "Kejadian bencana",
    "korban": "Korban bencana",
}  # fmt: skip
PERSONAL_COLUMNS = {"nik", "no_kk"}
PREVIEW_ROWS = 10
SHOWN_PROBLEMS = 100
SESSION_KEY = "registri_unggah"
MAX_UPLOAD_BYTES = 200 * 1024 * 1024


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


def _upload_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "unggah"


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
        if f.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("File terlalu besar (maksimal 200 MB); pakai perintah "
                                        "`kinerja import` untuk file sebesar ini.")  # fmt: skip
        return f


def layanan_rows_of_other_bidang(user, path: Path, original_name: str) -> list[int]:
    """Rows of a layanan file this user's Bidang may not write (D22), read as a stream."""
    if can_change(user, Area.LAYANAN_REHAB) and can_change(user, Area.LAYANAN_LINJAMSOS):
        return []
    kelompok = dict(JenisLayanan.objects.values_list("kode", "kelompok"))
    _, source = open_for("layanan", path, original_name)
    bad: list[int] = []
    try:
        for row in source.rows({"jenis_layanan", "kode_kejadian"}):
            code = str(row.values.get("jenis_layanan", "")).strip().lower()
            if code not in kelompok:
                continue  # an unknown code is the import's to reject, with its reason
            area = jenis_layanan_area(
                kelompok[code], with_bencana=bool(row.values.get("kode_kejadian"))
            )
            if not can_change(user, area):
                bad.append(row.number)
    finally:
        source.close()
    return bad


@login_required
def unggah_index(request: HttpRequest) -> HttpResponse:
    kinds = [{"kind": k, "title": KIND_TITLE[k]} for k in KIND_AREA if can_upload(request.user, k)]
    recent = scoped(Impor.objects.select_related("pengguna")).filter(
        jenis__in=[k["kind"] for k in kinds], uji_coba=False
    )[:20]
    return render(request, "registries/unggah_index.html", {"kinds": kinds, "recent": recent})


@login_required
def unggah_template(request: HttpRequest, kind: str) -> HttpResponse:
    _kind_for(request.user, kind, change=False)
    response = HttpResponse(
        build_template(kind),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="templat-{kind}.xlsx"'
    return response


@login_required
def unggah_form(request: HttpRequest, kind: str) -> HttpResponse:
    _kind_for(request.user, kind, change=True)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        token = uuid.uuid4().hex
        folder = _upload_dir() / token
        folder.mkdir(parents=True, exist_ok=True)
        suffix = ".xlsx" if f.name.lower().endswith(".xlsx") else ".csv"
        path = folder / f"unggahan{suffix}"
        with path.open("wb") as out:
            for chunk in f.chunks():
                out.write(chunk)
        store = request.session.get(SESSION_KEY, {})
        store[token] = {"kind": kind, "path": str(path), "name": Path(f.name).name[:200]}
        request.session[SESSION_KEY] = store
        return redirect("registri:unggah_pratinjau", kind=kind, token=token)
    return render(
        request,
        "registries/unggah_form.html",
        {"form": form, "kind": kind, "title": KIND_TITLE[kind]},
    )


@login_required
def unggah_pratinjau(request: HttpRequest, kind: str, token: str) -> HttpResponse:
    """The first rows and every problem of a dry run; saving starts the import in the background."""
    _kind_for(request.user, kind, change=True)
    item = _upload(request, kind, token)
    path = Path(item["path"])
    if request.method == "POST":
        if "impor_id" in item or "task_id" in item:
            return redirect("registri:unggah_proses", kind=kind, token=token)
        result = import_file.enqueue(
            kind, str(path), request.user.pk, item["name"], str(path.parent / "tolakan.csv")
        )
        item["task_id"] = str(result.id)
        store = request.session[SESSION_KEY]
        store[token] = item
        request.session[SESSION_KEY] = store
        return redirect("registri:unggah_proses", kind=kind, token=token)

    preview = preview_import(
        kind, path, limit=PREVIEW_ROWS, original_name=item["name"], user=request.user
    )
    other_bidang = []
    if kind == "layanan" and not preview.fatal:
        other_bidang = layanan_rows_of_other_bidang(request.user, path, item["name"])
    masked = [i for i, h in enumerate(preview.header) if h.strip().lower() in PERSONAL_COLUMNS]
    rows = [
        [_mask_cell(c) if i in masked else c for i, c in enumerate(row)] for row in preview.rows
    ]
    item["total"] = preview.result.rows_read if preview.result else 0
    store = request.session[SESSION_KEY]
    store[token] = item
    request.session[SESSION_KEY] = store
    return render(
        request,
        "registries/unggah_pratinjau.html",
        {
            "kind": kind,
            "title": KIND_TITLE[kind],
            "token": token,
            "name": item["name"],
            "preview": preview,
            "rows": rows,
            "problems": preview.problems[:SHOWN_PROBLEMS],
            "more_problems": max(0, len(preview.problems) - SHOWN_PROBLEMS),
            "other_bidang": other_bidang[:50],
            "can_save": not preview.fatal and not other_bidang and preview.result is not None,
        },
    )


def _mask_cell(value) -> str:
    return mask_nik(str(value)) if value not in (None, "") else ""


def _impor_of(item: dict) -> Impor | None:
    return scoped(Impor.objects.filter(file_sumber=item["path"][:500], uji_coba=False)).first()


@login_required
def unggah_proses(request: HttpRequest, kind: str, token: str) -> HttpResponse:
    """Progress while the worker imports; the result (counts, rejects) once it is done."""
    _kind_for(request.user, kind, change=True)
    item = _upload(request, kind, token)
    if "task_id" not in item:
        return redirect("registri:unggah_pratinjau", kind=kind, token=token)
    impor = _impor_of(item)
    total = item.get("total") or 0
    done = impor is not None and impor.status in (Impor.Status.SELESAI, Impor.Status.GAGAL)
    percent = min(100, round(impor.baris_dibaca * 100 / total)) if impor and total else 0
    context = {
        "kind": kind,
        "title": KIND_TITLE[kind],
        "token": token,
        "name": item["name"],
        "impor": impor,
        "total": total,
        "percent": 100 if done else percent,
        "done": done,
    }
    template = "registries/_unggah_status.html" if request.htmx else "registries/unggah_proses.html"
    response = render(request, template, context)
    if request.htmx and done:
        response["HX-Refresh"] = "true"  # show the full result page
    return response


@login_required
@require_POST
def unggah_tolakan(request: HttpRequest, pk: int) -> HttpResponse:
    """The rejected rows with their reasons (personal data: the download is logged)."""
    impor = scoped(Impor.objects.all()).filter(pk=pk).first()
    if impor is None or impor.jenis not in KIND_AREA:
        raise Http404("Impor tidak ditemukan")
    _kind_for(request.user, impor.jenis, change=False)
    path = Path(impor.file_tolakan) if impor.file_tolakan else None
    if path is None or not path.exists():
        messages.info(request, "Tidak ada baris yang ditolak.")
        return redirect(reverse("registri:unggah_index"))
    log_akses(
        user=request.user,
        jenis=AksesDataPribadi.Jenis.EKSPOR,
        objek=f"tolakan impor #{impor.pk} {impor.nama_file}"[:200],
        jumlah=impor.ditolak,
        request=request,
    )
    name = f"{Path(impor.nama_file).stem}.rejected.csv"
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)
