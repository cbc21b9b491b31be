"""Uploads of foreign files (contract section 5; D180-D184): pick or make a mapping, code the labels
the mapping does not know and save it, then the usual preview and import, read through the mapping.

The worker (`unggah_pemetaan.make_preview`) decides which step the upload is at and stores it as the
upload's preview; these pages show that step and, on POST, store the clerk's choice in the session
and queue the worker again. Nothing is imported before the preview's *Simpan* (D69 still applies).
"""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .. import unggahan
from ..access import scoped
from ..forms_pemetaan import KolomForm, LabelForm, PilihPemetaanForm
from ..mapping import MappingError, all_mappings
from ..mapping.services import can_edit_mapping as can_save_mapping
from ..models import Impor
from ..pemetaan_label import save_with_labels
from ..tasks import import_file, preview_file
from ..unggah_pemetaan import spec_of
from .unggah import KIND_TITLE, SESSION_KEY, _kind_for, _upload


def _step(request: HttpRequest, kind: str, token: str, status: str) -> tuple[dict, dict]:
    """The upload and its stored step; 404 when the upload is not this session's, and back to the
    preview page (which waits or shows the result) when the upload is at another step."""
    _kind_for(request.user, kind, change=True)
    item = _upload(request, kind, token)
    preview = unggahan.read_preview(Path(item["path"]).parent)
    if preview is None or preview.get("status") != status:
        raise _Elsewhere()
    if preview.get("user_id") != request.user.pk:
        raise PermissionDenied("Pratinjau ini dibuat untuk akun lain; unggah ulang filenya.")
    return item, preview


class _Elsewhere(Exception):
    pass


def _requeue(request: HttpRequest, kind: str, token: str, item: dict, mapping: dict):
    """The clerk's choice goes to the worker; the preview page waits for the next step."""
    path = Path(item["path"])
    (path.parent / unggahan.PREVIEW_FILE).unlink(missing_ok=True)
    result = preview_file.enqueue(kind, str(path), request.user.pk, item["name"], mapping)
    item["pemetaan"] = mapping
    item["preview_task"] = str(result.id)
    store = request.session.get(SESSION_KEY, {})
    store[token] = item
    request.session[SESSION_KEY] = store
    return redirect("registri:unggah_pratinjau", kind=kind, token=token)


@login_required
def unggah_pemetaan(request: HttpRequest, kind: str, token: str) -> HttpResponse:
    """The file's header is not the contract's: confirm the proposed mapping, pick another, or
    (for the Bidang owning the kind, and the admin) map each column on screen."""
    try:
        item, step = _step(request, kind, token, "pemetaan")
    except _Elsewhere:
        return redirect("registri:unggah_pratinjau", kind=kind, token=token)
    specs = [s for s in all_mappings() if s.kind == kind]
    specs.sort(key=lambda s: s.name != step.get("usul"))  # the proposed one first
    may_make = can_save_mapping(request.user, kind)
    pilih = PilihPemetaanForm(
        request.POST if request.POST.get("aksi") == "pakai" else None,
        specs=specs, initial={"pemetaan": step.get("usul")},
    )  # fmt: skip
    kolom = KolomForm(
        request.POST if request.POST.get("aksi") == "buat" else None,
        kind=kind, header=step["header"], samples=step["samples"],
    )  # fmt: skip
    if request.method == "POST":
        if request.POST.get("aksi") == "pakai" and pilih.is_valid():
            return _requeue(request, kind, token, item, pilih.mapping())
        if request.POST.get("aksi") == "buat":
            if not may_make:
                raise PermissionDenied("Pemetaan baru hanya dibuat oleh bidang pemilik data ini.")
            if kolom.is_valid():
                return _requeue(request, kind, token, item, {"draf": kolom.cleaned_data["draf"]})
    context = {
        "kind": kind, "title": KIND_TITLE[kind], "token": token, "name": item["name"],
        "step": step, "columns": list(zip(step["header"], step["samples"], strict=False)),
        "pilih": pilih, "kolom": kolom, "may_make": may_make, "specs": specs,
        "usul": step.get("usul"), "needs": {n for s in specs for n in s.needs},
    }  # fmt: skip
    status = 400 if request.method == "POST" else 200
    return render(request, "registries/unggah_pemetaan.html", context, status=status)


@login_required
def unggah_label(request: HttpRequest, kind: str, token: str) -> HttpResponse:
    """Labels of the file the mapping does not know, each given a code, and the mapping saved with
    them (new version of a saved one); or, without the right to save, rows with them rejected."""
    try:
        item, step = _step(request, kind, token, "label")
    except _Elsewhere:
        return redirect("registri:unggah_pratinjau", kind=kind, token=token)
    mapping = dict(item.get("pemetaan") or {})
    may_save = can_save_mapping(request.user, kind)
    info = step["pemetaan"]
    form = LabelForm(
        request.POST if request.POST.get("aksi") == "simpan" else None,
        labels=step["labels"], initial={"nama": info["nama"]},
    )  # fmt: skip
    if request.method == "POST":
        aksi = request.POST.get("aksi")
        if aksi == "lewati" and not info.get("baru"):
            return _requeue(request, kind, token, item, {**mapping, "label_dilewati": True})
        if aksi == "simpan":
            if not may_save:
                raise PermissionDenied(
                    "Pemetaan hanya disimpan oleh bidang pemilik data ini dan Administrator."
                )
            if form.is_valid():
                try:
                    saved = save_with_labels(
                        request.user, spec_of(mapping), form.cleaned_data["nama"], form.added()
                    )
                except MappingError as exc:
                    form.add_error(None, str(exc))
                else:
                    messages.success(
                        request, f"Pemetaan {saved.name} versi {saved.version} tersimpan."
                    )
                    chosen = {"nama": saved.name, "versi": saved.version,
                              "periode": mapping.get("periode"),
                              "kejadian": mapping.get("kejadian")}  # fmt: skip
                    return _requeue(request, kind, token, item, chosen)
    context = {
        "kind": kind, "title": KIND_TITLE[kind], "token": token, "name": item["name"],
        "step": step, "info": info, "form": form, "may_save": may_save,
    }  # fmt: skip
    status = 400 if request.method == "POST" else 200
    return render(request, "registries/unggah_label.html", context, status=status)


def save_mapped(request: HttpRequest, kind: str, token: str, item: dict, preview: dict | None):
    """The preview's *Simpan* for a mapped upload: checked again (D69), then the import queued
    with the mapping, whose name and version the import records."""
    refusal = unggahan.save_refusal(preview, request.user)
    if refusal and preview is None:
        messages.info(request, refusal)
        return redirect("registri:unggah_pratinjau", kind=kind, token=token)
    if refusal or not (preview or {}).get("mapped"):
        raise PermissionDenied(refusal or "Pratinjau belum melalui pemetaan; unggah lagi.")
    assert preview is not None
    path = Path(item["path"])
    rejects = unggahan.rejects_path(path)  # XLSX for an XLSX upload (D131)
    result = import_file.enqueue(
        kind, str(path), request.user.pk, item["name"], str(rejects), item["pemetaan"]
    )
    item["task_id"] = str(result.id)
    item["total"] = preview["rows_read"]
    store = request.session[SESSION_KEY]
    store[token] = item
    request.session[SESSION_KEY] = store
    return redirect("registri:unggah_proses", kind=kind, token=token)


def second_import(item: dict, impor) -> tuple[bool, Impor | None]:
    """The aid a bnba-korban file adds as services, imported after the victims (mapcore's D124):
    (done, its Impor). Not done while the victims' import accepted rows and the aid's has not ended."""
    try:
        each = spec_of(item["pemetaan"]).each
    except MappingError:
        return True, None
    if each is None:
        return True, None
    bantuan = scoped(
        Impor.objects.filter(file_sumber=item["path"][:500], uji_coba=False, jenis=each.kind)
    ).first()
    ended = bantuan is not None and bantuan.status in (Impor.Status.SELESAI, Impor.Status.GAGAL)
    return ended or impor.status == Impor.Status.GAGAL or not impor.diterima, bantuan
