"""The Administrator's account page (D166) and each person's choice of e-mail notices (D165)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import accounts
from .forms import AkunBaruForm, AkunForm, SurelForm
from .models import User
from .permissions import can_manage_accounts
from .services import user_create


def _require_admin(user) -> User:
    if not can_manage_accounts(user) or not isinstance(user, User):
        raise PermissionDenied("Halaman akun hanya untuk Administrator.")
    return user


def _get_user(pk: int) -> User:
    return get_object_or_404(User.objects.select_related("bidang"), pk=pk)


def _password_page(request: HttpRequest, target: User, password: str, baru: bool) -> HttpResponse:
    """The generated password, shown this once (never stored in clear, never cached)."""
    response = render(
        request, "organisation/sandi.html", {"target": target, "password": password, "baru": baru}
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def akun_list(request: HttpRequest) -> HttpResponse:
    _require_admin(request.user)
    users = (
        User.objects.select_related("bidang")
        .annotate(dua_faktor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)))
        .order_by("-is_active", "username")
    )
    return render(request, "organisation/akun_list.html", {"users": users})


@login_required
@never_cache
def akun_tambah(request: HttpRequest) -> HttpResponse:
    admin = _require_admin(request.user)
    form = AkunBaruForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            accounts.check_role_bidang(d["role"], d["bidang"])
            new = user_create(
                username=d["username"],
                role=d["role"],
                bidang_kode=d["bidang"].kode if d["bidang"] else None,
                full_name=d["nama"],
                email=d["email"],
                actor=admin,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _password_page(request, new.user, new.password, baru=True)
    status = 400 if form.errors else 200
    return render(request, "organisation/akun_form.html", {"form": form}, status=status)


@login_required
def akun_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    admin = _require_admin(request.user)
    target = _get_user(pk)
    initial = {"role": target.role, "bidang": target.bidang, "email": target.email}
    form = AkunForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            changed = accounts.user_update(
                actor=admin,
                user=target,
                role=d["role"],
                bidang=d["bidang"],
                email=d["email"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, "Akun disimpan." if changed else "Tidak ada yang berubah pada akun ini."
            )
            return redirect("akun_ubah", pk=target.pk)
    has_device = TOTPDevice.objects.filter(user=target).exists()
    return render(
        request,
        "organisation/akun_ubah.html",
        {"form": form, "target": target, "has_device": has_device},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
@never_cache
def akun_sandi(request: HttpRequest, pk: int) -> HttpResponse:
    admin = _require_admin(request.user)
    target = _get_user(pk)
    return _password_page(request, target, accounts.password_reset(actor=admin, user=target), False)


@login_required
@require_POST
def akun_aktif(request: HttpRequest, pk: int) -> HttpResponse:
    admin = _require_admin(request.user)
    target = _get_user(pk)
    nilai = request.POST.get("aktif")
    if nilai not in ("0", "1"):
        messages.error(request, "Permintaan tidak lengkap: pilih aktifkan atau nonaktifkan.")
        return redirect("akun_ubah", pk=target.pk)
    try:
        accounts.user_set_active(actor=admin, user=target, active=nilai == "1")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"Akun {target.username} " + ("diaktifkan." if nilai == "1" else "dinonaktifkan."),
        )
    return redirect("akun_ubah", pk=target.pk)


@login_required
@require_POST
def akun_dua_faktor(request: HttpRequest, pk: int) -> HttpResponse:
    admin = _require_admin(request.user)
    target = _get_user(pk)
    try:
        accounts.twofactor_reset(actor=admin, user=target)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"Verifikasi dua langkah {target.username} diatur ulang: pada saat masuk berikutnya "
            "ia memasang aplikasi autentikator lagi.",
        )
    return redirect("akun_ubah", pk=target.pk)


@login_required
def surel_saya(request: HttpRequest) -> HttpResponse:
    """Each person chooses how they hear of work waiting for them."""
    user = request.user
    assert isinstance(user, User)
    form = SurelForm(request.POST or None, initial={"pilihan": user.surel_pemberitahuan})
    if request.method == "POST" and form.is_valid():
        changed = accounts.surel_set(user=user, pilihan=form.cleaned_data["pilihan"])
        messages.success(request, "Pilihan disimpan." if changed else "Pilihan tidak berubah.")
        return redirect("surel_saya")
    return render(
        request,
        "organisation/surel.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
