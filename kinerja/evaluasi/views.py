"""The LKE worksheet pages: a year's worksheet with both sides' scores, one criterion's answer and
evidence, closing and reopening by the evaluator."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kinerja.audit.models import AksesDataPribadi
from kinerja.audit.services import log_akses
from kinerja.lib.berkas import ACCEPT, attachment_response, buka_terverifikasi
from kinerja.lib.dates import today
from kinerja.organisation.models import Role
from kinerja.organisation.permissions import can_read_evidence, has_role

from .models import Bukti, Evaluasi, Jawaban, JenisBukti, Kriteria, Lke
from .services import bukti as bukti_service
from .services.jawaban import buka_kembali, evaluasi_tahun, jawab, sisi_pengguna, tutup
from .services.skor import rekap

PEMBACA = (Role.PERENCANA, Role.KADIS, Role.KABID, Role.STAF, Role.AUDITOR, Role.ADMIN)


def _require_read(user) -> None:
    if not has_role(user, *PEMBACA):
        raise PermissionDenied("Anda tidak berhak membuka lembar kerja evaluasi.")


def _evaluasi(tahun: int) -> Evaluasi:
    if not 2000 <= tahun <= today().year:
        raise Http404("Tahun di luar jangkauan.")
    evaluasi = evaluasi_tahun(tahun)
    if evaluasi is None:
        raise Http404("Belum ada LKE yang berlaku untuk tahun itu.")
    return evaluasi


@login_required
def lke_index(request: HttpRequest) -> HttpResponse:
    _require_read(request.user)
    pertama = Lke.objects.order_by("berlaku_mulai").values_list("berlaku_mulai", flat=True).first()
    tahun = list(range(today().year, pertama - 1, -1)) if pertama else []
    ada = dict(Evaluasi.objects.values_list("tahun", "status"))
    return render(request, "evaluasi/lke_index.html", {"daftar": [(t, ada.get(t)) for t in tahun]})


@login_required
def lke_tahun(request: HttpRequest, tahun: int) -> HttpResponse:
    _require_read(request.user)
    evaluasi = _evaluasi(tahun)
    jawaban = {
        j.kriteria_id: j
        for j in Jawaban.objects.filter(evaluasi=evaluasi).prefetch_related("bukti")
    }
    kriteria = Kriteria.objects.filter(sub_komponen__komponen__lke=evaluasi.lke).order_by(
        "sub_komponen__komponen__nomor", "sub_komponen__kode", "nomor"
    )
    per_sub: dict[int, list] = {}
    for k in kriteria:
        per_sub.setdefault(k.sub_komponen_id, []).append((k, jawaban.get(k.pk)))
    hasil = rekap(evaluasi)
    for komponen in hasil.komponen:
        for s in komponen.sub:
            s.baris = per_sub.get(s.sub.pk, [])
    return render(
        request,
        "evaluasi/lke_tahun.html",
        {
            "evaluasi": evaluasi,
            "rekap": hasil,
            "sisi": sisi_pengguna(request.user),
            "evaluator": has_role(request.user, Role.AUDITOR),
        },
    )


def _kriteria(evaluasi, pk: int) -> Kriteria:
    """A criterion of the year's worksheet, or 404."""
    return get_object_or_404(
        Kriteria.objects.select_related("sub_komponen__komponen"),
        pk=pk,
        sub_komponen__komponen__lke=evaluasi.lke,
    )


@login_required
def lke_kriteria(request: HttpRequest, tahun: int, pk: int) -> HttpResponse:
    _require_read(request.user)
    evaluasi = _evaluasi(tahun)
    kriteria = _kriteria(evaluasi, pk)
    error = ""
    if request.method == "POST":
        if sisi_pengguna(request.user) is None:
            raise PermissionDenied("Hanya Perencana dan evaluator yang mengisi LKE.")
        try:
            jawab(
                user=request.user,
                evaluasi=evaluasi,
                kriteria=kriteria,
                jawaban=request.POST.get("jawaban", ""),
                catatan=request.POST.get("catatan", ""),
            )
        except ValidationError as e:
            error = e.messages[0]
        else:
            messages.success(request, "Jawaban tersimpan.")
            return redirect("evaluasi:kriteria", tahun=tahun, pk=pk)
    return _kriteria_page(request, evaluasi, kriteria, error)


def _kriteria_page(request: HttpRequest, evaluasi: Evaluasi, kriteria: Kriteria, error: str):
    sisi = sisi_pengguna(request.user)
    row = Jawaban.objects.filter(evaluasi=evaluasi, kriteria=kriteria).first()
    bukti = [
        (b, bukti_service.periksa(b))
        for b in (row.bukti.select_related("dibuat_oleh") if row else [])
    ]
    cabut = {b.pk for b, _ in bukti if bukti_service.boleh_cabut(request.user, b)}
    return render(
        request,
        "evaluasi/lke_kriteria.html",
        {
            "evaluasi": evaluasi,
            "kriteria": kriteria,
            "skala": evaluasi.lke.skala[kriteria.sub_komponen.skala],
            "row": row,
            "sisi": sisi,
            "boleh": sisi is not None and not evaluasi.ditutup,
            "boleh_unduh": can_read_evidence(request.user, None),
            "bukti": bukti,
            "cabut": cabut if not evaluasi.ditutup else set(),
            "jenis_bukti": [c for c in JenisBukti.choices if c[0] != JenisBukti.BERKAS],
            "accept": ACCEPT,
            "maks_mb": settings.KINERJA_BUKTI_MAKS_MB,
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def lke_bukti(request: HttpRequest, tahun: int, pk: int) -> HttpResponse:
    _require_read(request.user)
    evaluasi = _evaluasi(tahun)
    kriteria = get_object_or_404(Kriteria, pk=pk, sub_komponen__komponen__lke=evaluasi.lke)
    if sisi_pengguna(request.user) is None:
        raise PermissionDenied("Hanya Perencana dan evaluator yang menambahkan bukti.")
    row, _ = Jawaban.objects.get_or_create(evaluasi=evaluasi, kriteria=kriteria)
    try:
        bukti_service.tautkan(
            user=request.user,
            jawaban=row,
            jenis=request.POST.get("jenis", ""),
            acuan=request.POST.get("acuan", ""),
        )
    except ValidationError as e:
        messages.error(request, e.messages[0])
    else:
        messages.success(request, "Bukti ditautkan.")
    return redirect("evaluasi:kriteria", tahun=tahun, pk=pk)


@login_required
@require_POST
def lke_status(request: HttpRequest, tahun: int, aksi: str) -> HttpResponse:
    _require_read(request.user)
    evaluasi = _evaluasi(tahun)
    try:
        if aksi == "tutup":
            tutup(user=request.user, evaluasi=evaluasi)
            messages.success(request, f"Evaluasi {tahun} ditutup dan dibekukan.")
        elif aksi == "buka":
            buka_kembali(
                user=request.user, evaluasi=evaluasi, alasan=request.POST.get("alasan", "")
            )
            messages.success(request, f"Evaluasi {tahun} dibuka kembali.")
        else:
            raise Http404("Aksi tidak dikenal.")
    except ValidationError as e:
        messages.error(request, e.messages[0])
    return redirect("evaluasi:tahun", tahun=tahun)


@login_required
@require_POST
def lke_berkas(request: HttpRequest, tahun: int, pk: int) -> HttpResponse:
    """Upload one evidence file to a criterion; a refused file shows why on the criterion's page."""
    _require_read(request.user)
    evaluasi = _evaluasi(tahun)
    kriteria = _kriteria(evaluasi, pk)
    if sisi_pengguna(request.user) is None:
        raise PermissionDenied("Hanya Perencana dan evaluator yang menambahkan bukti.")
    upload = request.FILES.get("berkas")
    try:
        bukti = bukti_service.unggah(
            user=request.user,
            evaluasi=evaluasi,
            kriteria=kriteria,
            name=(upload.name or "") if upload else "",
            chunks=upload.chunks() if upload else [],
        )
    except ValidationError as e:
        evaluasi.refresh_from_db()
        return _kriteria_page(request, evaluasi, kriteria, e.messages[0])
    messages.success(request, f"Berkas {bukti.nama_berkas} diunggah sebagai bukti.")
    return redirect("evaluasi:kriteria", tahun=tahun, pk=pk)


@login_required
@require_POST
def bukti_cabut(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw one criterion's evidence with a reason (D273); a refusal says why on the criterion."""
    _require_read(request.user)
    bukti = get_object_or_404(
        Bukti.objects.select_related("jawaban__evaluasi"), pk=pk, jawaban__isnull=False
    )
    jawaban = bukti.jawaban
    assert jawaban is not None
    try:
        bukti_service.cabut(user=request.user, bukti=bukti, alasan=request.POST.get("alasan", ""))
    except ValidationError as e:
        messages.error(request, e.messages[0])
    else:
        messages.success(request, "Bukti dicabut; jejak audit mencatat bukti dan alasannya.")
    return redirect("evaluasi:kriteria", tahun=jawaban.evaluasi.tahun, pk=jawaban.kriteria_id)


@login_required
def bukti_unduh(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    """An uploaded evidence file, served only when its SHA-256 still matches the one recorded at
    upload, as an attachment; every download is in the access log."""
    _require_read(request.user)
    bukti = get_object_or_404(
        Bukti.objects.select_related(
            "jawaban__evaluasi", "jawaban__kriteria__sub_komponen", "rekomendasi__lhe__evaluasi",
            "rekomendasi__bidang",
        ),
        pk=pk,
        jenis=JenisBukti.BERKAS,
    )  # fmt: skip
    bidang = bukti.rekomendasi.bidang.kode if bukti.rekomendasi else None
    if not can_read_evidence(request.user, bidang):
        raise PermissionDenied("Anda tidak berhak membuka berkas bukti ini.")
    if bukti.jawaban:
        k = bukti.jawaban.kriteria
        milik = f"LKE {bukti.jawaban.evaluasi.tahun} {k.sub_komponen.kode}.{k.nomor}"
    else:
        r = bukti.rekomendasi
        assert r is not None  # the constraint bukti_untuk_satu_hal
        milik = f"LHE {r.lhe.evaluasi.tahun} rekomendasi {r.nomor}"
    handle, hasil = buka_terverifikasi(bukti.berkas, bukti.hash_tercatat)
    if handle is None:
        return render(
            request,
            "evaluasi/berkas_ditolak.html",
            {"bukti": bukti, "hasil": hasil, "milik": milik},
            status=404 if hasil.hilang else 409,
        )
    log_akses(
        user=request.user,
        jenis=AksesDataPribadi.Jenis.UNDUH_BUKTI,
        objek=f"bukti {bukti.pk} {bukti.nama_berkas} ({milik}), SHA-256 terverifikasi",
        request=request,
    )
    return attachment_response(
        handle, nama_file=bukti.nama_berkas, jenis=bukti.acuan, sha256=bukti.hash_tercatat
    )
