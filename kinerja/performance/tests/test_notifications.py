"""Who hears of a figure waiting for them: the navigation's count, e-mails, the daily digest (D164,
D165). Nothing is sent for a step the recipient may not take."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from kinerja.audit.models import AuditEntry
from kinerja.organisation.models import Surel
from kinerja.performance.notifications import pending_count, send_digests
from kinerja.performance.periods import Periode
from kinerja.performance.services.workflow import workflow_transition

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ADDRESSES = {
    "staf_rehabilitasi": "staf.rehab@dinsos.example",
    "staf_pemberdayaan": "staf.pemb@dinsos.example",
    "kabid_rehabilitasi": "kabid.rehab@dinsos.example",
    "kabid_pemberdayaan": "kabid.pemb@dinsos.example",
    "kadis": "kadis@dinsos.example",
    "auditor": "auditor@dinsos.example",
    "admin": "admin@dinsos.example",
    "perencana": "perencana@dinsos.example",
}


@pytest.fixture
def mailed(users, settings):
    settings.TASKS = IMMEDIATE
    settings.KINERJA_ALAMAT_SITUS = "https://kinerja.example"
    cache.clear()
    for name, address in ADDRESSES.items():
        users[name].email = address
        users[name].save(update_fields=["email"])
    return users


def step(users, aksi: str, who: str, capture, alasan: str = ""):
    with capture(execute=True):
        workflow_transition(
            aksi=aksi, kode="IKU-2", periode=Periode(2025), user=users[who], alasan=alasan
        )


def sent_to() -> list[str]:
    return sorted(a for m in mail.outbox for a in m.to)


@pytest.mark.django_db
def test_each_step_mails_only_who_acts_next(mailed, django_capture_on_commit_callbacks):
    step(mailed, "submit", "staf_rehabilitasi", django_capture_on_commit_callbacks)
    assert sent_to() == ["kabid.rehab@dinsos.example"]  # not the other Bidang's kabid, not admin
    m = mail.outbox[0]
    assert m.subject == "Kinerja: IKU-2 Tahun 2025 menunggu verifikasi Anda"
    assert "https://kinerja.example/kinerja/iku/IKU-2/2025/" in m.body
    assert "setelah langkah oleh staf_rehabilitasi" in m.body
    mail.outbox.clear()
    step(mailed, "verify", "kabid_rehabilitasi", django_capture_on_commit_callbacks)
    assert sent_to() == ["kadis@dinsos.example"]
    mail.outbox.clear()
    step(mailed, "approve", "kadis", django_capture_on_commit_callbacks)
    assert sent_to() == []  # approval leaves nothing waiting
    step(mailed, "reopen", "kadis", django_capture_on_commit_callbacks, alasan="Data salah")
    assert sent_to() == ["staf.rehab@dinsos.example"]


@pytest.mark.django_db
def test_no_mail_for_those_who_chose_otherwise_or_left(mailed, django_capture_on_commit_callbacks):
    kabid = mailed["kabid_rehabilitasi"]
    kabid.surel_pemberitahuan = Surel.HARIAN
    kabid.save()
    step(mailed, "submit", "staf_rehabilitasi", django_capture_on_commit_callbacks)
    assert sent_to() == []
    kabid.surel_pemberitahuan, kabid.is_active = Surel.SEGERA, False
    kabid.save()
    step(mailed, "reopen", "kadis", django_capture_on_commit_callbacks, alasan="Uji")
    mail.outbox.clear()
    step(mailed, "submit", "staf_rehabilitasi", django_capture_on_commit_callbacks)
    assert sent_to() == []


@pytest.mark.django_db
def test_a_refused_step_sends_nothing(mailed, django_capture_on_commit_callbacks):
    from kinerja.performance.services.workflow import WorkflowRefused

    with pytest.raises(WorkflowRefused):
        step(mailed, "submit", "staf_pemberdayaan", django_capture_on_commit_callbacks)
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_count_follows_the_steps(mailed, django_capture_on_commit_callbacks):
    staf_before = pending_count(mailed["staf_rehabilitasi"])
    assert staf_before >= 1
    assert pending_count(mailed["kabid_rehabilitasi"]) == 0
    step(mailed, "submit", "staf_rehabilitasi", django_capture_on_commit_callbacks)
    assert pending_count(mailed["staf_rehabilitasi"]) == staf_before - 1
    assert pending_count(mailed["kabid_rehabilitasi"]) == 1
    assert pending_count(mailed["kabid_pemberdayaan"]) == 0
    assert pending_count(mailed["kadis"]) == 0
    for role in ("auditor", "perencana", "admin"):
        assert pending_count(mailed[role]) == 0
    step(mailed, "verify", "kabid_rehabilitasi", django_capture_on_commit_callbacks)
    assert pending_count(mailed["kabid_rehabilitasi"]) == 0
    assert pending_count(mailed["kadis"]) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["kabid_rehabilitasi", "kabid_pemberdayaan", "auditor", "admin"])
def test_the_count_in_the_navigation(client, mailed, role, django_capture_on_commit_callbacks):
    step(mailed, "submit", "staf_rehabilitasi", django_capture_on_commit_callbacks)
    client.force_login(mailed[role])
    html = client.get(reverse("beranda")).content.decode()
    shown = '<a class="menunggu" href="/kinerja/kotak-masuk/">1 menunggu langkah Anda</a>'
    assert (shown in html) == (role == "kabid_rehabilitasi")
    assert ('class="menunggu"' in html) == (role == "kabid_rehabilitasi")


@pytest.mark.django_db
def test_daily_digest(mailed, django_capture_on_commit_callbacks):
    kabid = mailed["kabid_rehabilitasi"]
    kabid.surel_pemberitahuan = Surel.HARIAN
    kabid.save()
    other = mailed["kabid_pemberdayaan"]
    other.surel_pemberitahuan = Surel.HARIAN
    other.save()
    step(mailed, "submit", "staf_rehabilitasi", django_capture_on_commit_callbacks)
    assert send_digests(dry_run=True) == (2, 1) and mail.outbox == []
    assert send_digests() == (2, 1)
    assert sent_to() == ["kabid.rehab@dinsos.example"]
    body = mail.outbox[0].body
    assert "1 capaian menunggu verifikasi Anda" in body
    assert "- IKU-2 Tahun 2025: https://kinerja.example/kinerja/iku/IKU-2/2025/" in body


@pytest.mark.django_db
def test_digest_command(mailed, capsys):
    call_command("ringkasan_harian", "--dry-run")
    assert "0 orang memilih ringkasan harian; 0 surel akan dikirim" in capsys.readouterr().out


SUREL = reverse("surel_saya")


@pytest.mark.django_db
def test_notice_choice_page(client, users):
    assert client.get(SUREL).status_code == 302
    for name in ("auditor", "staf_linjamsos", "admin"):
        client.force_login(users[name])
        assert client.get(SUREL).status_code == 200
    user = users["kadis"]
    client.force_login(user)
    r = client.post(SUREL, {"pilihan": "harian"})
    assert r.status_code == 302
    user.refresh_from_db()
    assert user.surel_pemberitahuan == "harian"
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry.aksi == "ubah_notifikasi" and entry.sesudah == {"surel_pemberitahuan": "harian"}
    r = client.post(SUREL, {"pilihan": "setiap-jam"})
    assert r.status_code == 400 and "Pilihan pemberitahuan tidak dikenal" in r.content.decode()
    user.refresh_from_db()
    assert user.surel_pemberitahuan == "harian"
