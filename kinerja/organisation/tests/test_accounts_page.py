"""The Administrator's account page (D166): anonymous, wrong role, right role, bad input; audited."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from kinerja.audit.models import AuditEntry
from kinerja.organisation.models import User

OTHER_ROLES = [
    "perencana", "staf_rehabilitasi", "kabid_linjamsos", "kadis", "auditor",
]  # fmt: skip
LIST = reverse("akun_list")
ADD = reverse("akun_tambah")


def pages(user: User) -> list[tuple[str, str]]:
    return [
        ("get", LIST), ("get", ADD), ("post", ADD), ("get", reverse("akun_ubah", args=[user.pk])),
        ("post", reverse("akun_ubah", args=[user.pk])),
        ("post", reverse("akun_sandi", args=[user.pk])),
        ("post", reverse("akun_aktif", args=[user.pk])),
        ("post", reverse("akun_dua_faktor", args=[user.pk])),
    ]  # fmt: skip


def last_entry() -> AuditEntry:
    return AuditEntry.objects.order_by("-id").first()


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, users):
    for method, url in pages(users["auditor"]):
        r = getattr(client, method)(url)
        assert r.status_code == 302 and r["Location"].startswith(reverse("login")), url


@pytest.mark.django_db
@pytest.mark.parametrize("role", OTHER_ROLES)
def test_other_roles_are_refused(client, users, role):
    client.force_login(users[role])
    count = AuditEntry.objects.count()
    for method, url in pages(users["auditor"]):
        assert getattr(client, method)(url).status_code == 403, url
    assert AuditEntry.objects.count() == count
    assert 'href="/akun/pengguna/"' not in client.get(reverse("beranda")).content.decode()


@pytest.mark.django_db
def test_admin_lists_accounts_from_the_navigation(client, users):
    TOTPDevice.objects.create(user=users["kadis"], name="a", confirmed=True)
    client.force_login(users["admin"])
    assert 'href="/akun/pengguna/"' in client.get(reverse("beranda")).content.decode()
    html = client.get(LIST).content.decode()
    assert html.count("/akun/pengguna/") >= 10 and "Kepala Bidang" in html
    assert html.count("Terpasang") == 1


@pytest.mark.django_db
def test_create_shows_the_password_once(client, users):
    client.force_login(users["admin"])
    r = client.post(
        ADD,
        {"username": "staf.baru", "nama": "Siti Aminah", "role": "staf", "bidang": "linjamsos",
         "email": "siti@dinsos.example"},
    )  # fmt: skip
    assert r.status_code == 200 and "no-store" in r["Cache-Control"]
    user = User.objects.get(username="staf.baru")
    password = r.context["password"]
    assert password in r.content.decode() and user.check_password(password)
    assert user.bidang.kode == "linjamsos" and user.email == "siti@dinsos.example"
    e = last_entry()
    assert e.aksi == "buat_pengguna" and e.nama_pengguna == "admin"
    assert password not in str(e.sesudah)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data, message",
    [
        ({"username": "x y", "role": "staf", "bidang": "linjamsos"}, "tanpa spasi"),
        ({"username": "perencana", "role": "perencana"}, "sudah dipakai"),
        ({"username": "baru", "role": "staf"}, "wajib disertai bidang"),
        ({"username": "baru", "role": "raja"}, "Peran tidak dikenal"),
        ({"username": "baru", "role": "staf", "bidang": "keuangan"}, "Bidang tidak dikenal"),
        ({"username": "baru", "role": "auditor", "email": "bukan-surel"}, "Alamat surel tidak benar"),
    ],
)  # fmt: skip
def test_create_bad_input(client, users, data, message):
    client.force_login(users["admin"])
    count = User.objects.count()
    r = client.post(ADD, data)
    assert r.status_code == 400 and message in r.content.decode()
    assert User.objects.count() == count


@pytest.mark.django_db
def test_perencana_may_name_the_sekretariat(client, users):
    client.force_login(users["admin"])
    r = client.post(ADD, {"username": "rina", "role": "perencana", "bidang": "sekretariat"})
    assert r.status_code == 200
    assert User.objects.get(username="rina").bidang.kode == "sekretariat"


@pytest.mark.django_db
def test_change_role_and_bidang(client, users):
    target = users["staf_rehabilitasi"]
    client.force_login(users["admin"])
    url = reverse("akun_ubah", args=[target.pk])
    r = client.post(url, {"role": "kabid", "bidang": "rehabilitasi", "email": ""})
    assert r.status_code == 302
    target.refresh_from_db()
    assert target.role == "kabid"
    e = last_entry()
    assert e.aksi == "ubah_pengguna"
    assert e.sebelum == {"role": "staf", "username": "staf_rehabilitasi"}
    assert e.sesudah == {"role": "kabid", "username": "staf_rehabilitasi"}
    count = AuditEntry.objects.count()
    client.post(url, {"role": "kabid", "bidang": "rehabilitasi", "email": ""})
    assert AuditEntry.objects.count() == count  # nothing changed, nothing logged
    r = client.post(url, {"role": "kabid", "email": ""})
    assert r.status_code == 400 and "wajib disertai bidang" in r.content.decode()
    target.refresh_from_db()
    assert target.bidang.kode == "rehabilitasi"


@pytest.mark.django_db
def test_admin_cannot_demote_or_deactivate_self(client, users):
    admin = users["admin"]
    client.force_login(admin)
    r = client.post(reverse("akun_ubah", args=[admin.pk]), {"role": "auditor", "email": ""})
    assert r.status_code == 400 and "melepas peran Administrator" in r.content.decode()
    r = client.post(reverse("akun_aktif", args=[admin.pk]), {"aktif": "0"}, follow=True)
    assert "menonaktifkan akun Anda sendiri" in r.content.decode()
    admin.refresh_from_db()
    assert admin.role == "admin" and admin.is_active


@pytest.mark.django_db
def test_reset_password(client, users):
    target = users["auditor"]
    client.force_login(users["admin"])
    assert client.get(reverse("akun_sandi", args=[target.pk])).status_code == 405
    r = client.post(reverse("akun_sandi", args=[target.pk]))
    password = r.context["password"]
    target.refresh_from_db()
    assert r.status_code == 200 and target.check_password(password)
    assert not target.check_password(PASSWORD) and "no-store" in r["Cache-Control"]
    e = last_entry()
    assert e.aksi == "reset_sandi" and password not in str(e.sesudah)
    assert client.post(reverse("akun_sandi", args=[99999])).status_code == 404


@pytest.mark.django_db
def test_deactivate_and_reactivate(client, users):
    target = users["kadis"]
    other = client_class_login(users["kadis"])
    assert other.get(reverse("beranda")).status_code == 200
    client.force_login(users["admin"])
    url = reverse("akun_aktif", args=[target.pk])
    assert client.post(url, {"aktif": "0"}).status_code == 302
    target.refresh_from_db()
    assert not target.is_active and last_entry().aksi == "nonaktifkan_pengguna"
    assert other.get(reverse("beranda")).status_code == 302  # signed out at once
    r = client.post(url, {"aktif": "0"}, follow=True)
    assert "sudah nonaktif" in r.content.decode()
    r = client.post(url, {"aktif": "ya"}, follow=True)
    assert "Permintaan tidak lengkap" in r.content.decode()
    client.post(url, {"aktif": "1"})
    target.refresh_from_db()
    assert target.is_active and last_entry().aksi == "aktifkan_pengguna"


def client_class_login(user):
    from django.test import Client

    c = Client()
    c.force_login(user)
    return c


@pytest.mark.django_db
def test_reset_two_factor(client, users):
    target = users["kabid_linjamsos"]
    client.force_login(users["admin"])
    url = reverse("akun_dua_faktor", args=[target.pk])
    r = client.post(url, follow=True)
    assert "belum memasang verifikasi dua langkah" in r.content.decode()
    TOTPDevice.objects.create(user=target, name="a", confirmed=True)
    assert (
        "Atur ulang verifikasi dua langkah"
        in client.get(reverse("akun_ubah", args=[target.pk])).content.decode()
    )
    r = client.post(url, follow=True)
    assert "diatur ulang" in r.content.decode()
    assert not TOTPDevice.objects.filter(user=target).exists()
    assert last_entry().aksi == "reset_2fa"
