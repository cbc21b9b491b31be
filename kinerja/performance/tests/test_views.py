"""Every page and action: anonymous, wrong role, right role, bad input, wrong state."""

import pytest
from django.urls import reverse

from kinerja.audit.models import AuditEntry
from kinerja.performance.models import Analisis, Persetujuan, Target
from kinerja.performance.periods import Periode
from kinerja.performance.services.workflow import workflow_transition

ALL_ROLES = [
    "perencana", "staf_pemberdayaan", "staf_rehabilitasi", "staf_linjamsos", "kabid_pemberdayaan",
    "kabid_rehabilitasi", "kabid_linjamsos", "kadis", "auditor", "admin",
]  # fmt: skip
GRID = reverse("performance:target_grid")
PERIOD = reverse("performance:period", args=["IKU-2", "2025"])


def scale_form(filled: dict[str, str]) -> dict[str, str]:
    """The band scale form as the page sends it: every slot, the unused ones empty."""
    return {f"{part}-{i}": "" for i in range(7) for part in ("batas", "label")} | filled


def action_url(aksi: str, periode: str = "2025") -> str:
    return reverse("performance:action", args=["IKU-2", periode, aksi])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        GRID, PERIOD, reverse("performance:inbox"), reverse("performance:budget"),
        reverse("performance:band_scale"), reverse("performance:audit_log"), action_url("submit"),
    ],
)  # fmt: skip
def test_anonymous_is_sent_to_login(client, url):
    r = client.get(url)
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_grid_is_readable_by_every_role_editable_by_perencana(client, users, role):
    client.force_login(users[role])
    r = client.get(GRID)
    assert r.status_code == 200
    html = r.content.decode()
    assert "t-IKU-2-2025-pk-0" in html and 'lang="id"' in html
    assert ("Simpan target" in html) == (role in ("perencana", "admin"))
    r = client.post(GRID, {"t-IKU-2-2025-pk-0": "80"})
    if role in ("perencana", "admin"):
        assert r.status_code == 302 and Target.objects.get().nilai == 80
    else:
        assert r.status_code == 403 and not Target.objects.exists()


@pytest.mark.django_db
def test_grid_bad_input_saves_nothing_and_keeps_what_was_typed(client, users):
    client.force_login(users["perencana"])
    r = client.post(
        GRID,
        {"t-IKU-2-2025-pk-0": "87,5", "t-IKU-1-2025-pk-1": "abc", "t-IKU-3A-2024-pk-2": "-5"},
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert "bukan angka" in html and "tidak boleh negatif" in html
    assert "tidak ada yang disimpan" in html
    assert 'value="87,5"' in html and 'value="abc"' in html and 'aria-invalid="true"' in html
    assert not Target.objects.exists()


@pytest.mark.django_db
def test_grid_saves_updates_and_deletes_with_audit(client, users):
    client.force_login(users["perencana"])
    client.post(GRID, {"t-IKU-2-2025-pk-0": "87,5", "t-IKU-2-2026-renstra-0": "95"})
    assert Target.objects.count() == 2
    r = client.get(GRID)
    assert 'value="87,5"' in r.content.decode()
    client.post(GRID, {"t-IKU-2-2025-pk-0": "90", "t-IKU-2-2026-renstra-0": ""})  # sent empty
    assert list(Target.objects.values_list("jenis", "nilai")) == [("pk", 90)]
    aksi = list(AuditEntry.objects.filter(objek_jenis="target").values_list("aksi", flat=True))
    assert aksi == ["buat_target", "buat_target", "ubah_target", "hapus_target"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_period_page_for_every_role(client, users, role):
    client.force_login(users[role])
    r = client.get(PERIOD)
    assert r.status_code == 200
    html = r.content.decode()
    assert "IKU-2" in html and "Tahun 2025" in html and "Draf" in html
    assert ("Ajukan" in html) == (role == "staf_rehabilitasi")
    assert ("Simpan analisis" in html) == (
        role in ("perencana", "admin", "staf_rehabilitasi", "kabid_rehabilitasi")
    )


@pytest.mark.django_db
def test_period_page_bad_period_and_indicator_404(client, users):
    client.force_login(users["kadis"])
    assert client.get(reverse("performance:period", args=["IKU-2", "20x5"])).status_code == 404
    assert client.get(reverse("performance:period", args=["IKU-9", "2025"])).status_code == 404


STEPS = [("submit", "staf_rehabilitasi"), ("verify", "kabid_rehabilitasi"), ("approve", "kadis")]


@pytest.mark.django_db
@pytest.mark.parametrize("step", range(3))
@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_step_for_every_role(client, users, role, step):
    for aksi, who in STEPS[:step]:
        workflow_transition(aksi=aksi, kode="IKU-2", periode=Periode(2025), user=users[who])
    aksi, right = STEPS[step]
    client.force_login(users[role])
    url = action_url(aksi)
    status = Persetujuan.objects.get(indikator_kode="IKU-2").status if step else "draft"
    get = client.get(url)
    post = client.post(url, {"konfirmasi": "ya"})
    if role == right:
        assert get.status_code == 200 and "konfirmasi" in get.content.decode()
        assert post.status_code == 302
        assert Persetujuan.objects.get(indikator_kode="IKU-2").status != status
    else:
        assert get.status_code == 403 and post.status_code == 403
        current = Persetujuan.objects.filter(indikator_kode="IKU-2").first()
        assert (current.status if current else "draft") == status


@pytest.mark.django_db
def test_step_without_confirmation_is_refused(client, users):
    client.force_login(users["staf_rehabilitasi"])
    r = client.post(action_url("submit"), {})
    assert r.status_code == 400 and "Centang konfirmasi" in r.content.decode()
    assert not Persetujuan.objects.filter(status="submitted").exists()


@pytest.mark.django_db
def test_step_in_wrong_state_is_refused(client, users):
    client.force_login(users["kabid_rehabilitasi"])
    assert client.get(action_url("verify")).status_code == 409
    r = client.post(action_url("verify"), {"konfirmasi": "ya"})
    assert r.status_code == 409 and "status saat ini" in r.content.decode()


@pytest.mark.django_db
def test_reopen_through_the_web_needs_a_reason(client, users):
    for aksi, who in STEPS:
        workflow_transition(aksi=aksi, kode="IKU-2", periode=Periode(2025), user=users[who])
    client.force_login(users["kadis"])
    r = client.post(action_url("reopen"), {"konfirmasi": "ya", "alasan": " "})
    assert r.status_code == 400 and "alasan" in r.content.decode()
    r = client.post(action_url("reopen"), {"konfirmasi": "ya", "alasan": "Salah hitung"})
    assert r.status_code == 302
    assert Persetujuan.objects.get(indikator_kode="IKU-2").status == "draft"


@pytest.mark.django_db
def test_unknown_action_404(client, users):
    client.force_login(users["kadis"])
    assert client.get(action_url("hapus")).status_code == 404


@pytest.mark.django_db
def test_approved_period_page_shows_frozen_and_why(client, users):
    for aksi, who in STEPS:
        workflow_transition(aksi=aksi, kode="IKU-2", periode=Periode(2025), user=users[who])
    client.force_login(users["auditor"])
    html = client.get(PERIOD).content.decode()
    assert "Angka beku dan angka kini" in html and "Mengapa berubah" in html
    assert "Disetujui" in html and "SHA-256" in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_inbox_for_every_role(client, users, role):
    client.force_login(users[role])
    r = client.get(reverse("performance:inbox"))
    assert r.status_code == 200
    html = r.content.decode()
    if role == "staf_rehabilitasi":
        assert "IKU-2" in html and "IKU-1" not in html.split("<table")[-1]
    if role in ("kabid_rehabilitasi", "kadis", "auditor", "perencana"):
        assert "Tidak ada yang menunggu Anda" in html


@pytest.mark.django_db
def test_inbox_follows_the_state(client, users):
    workflow_transition(
        aksi="submit", kode="IKU-2", periode=Periode(2025), user=users["staf_rehabilitasi"]
    )
    client.force_login(users["kabid_rehabilitasi"])
    html = client.get(reverse("performance:inbox")).content.decode()
    assert reverse("performance:period", args=["IKU-2", "2025"]) in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_analysis_for_every_role(client, users, role):
    client.force_login(users[role])
    url = reverse("performance:analysis", args=["IKU-2", "2025"])
    r = client.post(url, {"penyebab": "Layanan permakanan tepat waktu", "upaya": "Jemput bola"})
    if role in ("perencana", "admin", "staf_rehabilitasi", "kabid_rehabilitasi"):
        assert r.status_code == 302
        a = Analisis.objects.get()
        assert a.penyebab == "Layanan permakanan tepat waktu" and a.penulis == users[role]
        assert AuditEntry.objects.filter(objek_jenis="analisis").exists()
    else:
        assert r.status_code == 403 and not Analisis.objects.exists()


@pytest.mark.django_db
def test_analysis_empty_is_refused_and_get_not_allowed(client, users):
    client.force_login(users["staf_rehabilitasi"])
    url = reverse("performance:analysis", args=["IKU-2", "2025"])
    assert client.get(url).status_code == 405
    client.post(url, {"penyebab": "  "})
    assert not Analisis.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_band_scale_for_every_role(client, users, role):
    client.force_login(users[role])
    url = reverse("performance:band_scale")
    assert client.get(url).status_code == 200
    data = scale_form({"batas-0": "90", "label-0": "A", "batas-1": "", "label-1": "B"})
    r = client.post(data=data, path=url)
    assert r.status_code == (302 if role in ("perencana", "admin") else 403)


@pytest.mark.django_db
def test_band_scale_bad_input(client, users):
    client.force_login(users["perencana"])
    r = client.post(
        reverse("performance:band_scale"), scale_form({"batas-0": "90", "label-0": "A"})
    )
    assert r.status_code == 400 and "tanpa batas bawah" in r.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_budget_page_for_every_role(client, users, role):
    client.force_login(users[role])
    assert client.get(reverse("performance:budget") + "?tahun=2025").status_code == 200
    assert client.get(reverse("performance:budget") + "?tahun=abc").status_code == 200


def test_approval_steps_read_in_indonesian():
    from kinerja.performance.models.persetujuan import LangkahPersetujuan

    step = LangkahPersetujuan(aksi="submit", dari="draft", ke="submitted")
    assert (step.aksi_label, step.dari_label, step.ke_label) == ("diajukan", "Draf", "Diajukan")
