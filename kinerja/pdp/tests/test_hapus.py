"""Erasing a person (D86): pseudonymised everywhere in the database, frozen figures untouched."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from kinerja.audit.models import AuditEntry
from kinerja.audit.services import audit_verify
from kinerja.indicators import engine
from kinerja.performance import figures
from kinerja.performance.models import Persetujuan
from kinerja.performance.periods import periode_parse
from kinerja.performance.services.workflow import workflow_transition
from kinerja.registries.models import DtksAnggota, Impor, Layanan, Orang
from kinerja.registries.tests.web_fixtures import NIK_PSKS, NIK_SITI, data  # noqa: F401

REASON = "Permintaan subjek data 2 Desember 2026, surat Kadis 400/123"


def _url(orang):
    return reverse("pdp:hapus", args=[orang.pk])


def _erase(client, orang, alasan=REASON, konfirmasi="on"):
    return client.post(_url(orang), {"alasan": alasan, "konfirmasi": konfirmasi})


def _every_text_cell() -> str:
    """Every value of every table of the database, as one text (a small test database)."""
    parts = []
    with connection.cursor() as cur:
        for table in connection.introspection.table_names():
            cur.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            parts.extend(str(v) for row in cur.fetchall() for v in row if v is not None)
    return "\n".join(parts)


def _approve(users, kode: str, label: str) -> Persetujuan:
    periode = periode_parse(label)
    for aksi, who in (("submit", "staf_linjamsos"), ("verify", "kabid_linjamsos")):
        workflow_transition(aksi=aksi, kode=kode, periode=periode, user=users[who])
    return workflow_transition(aksi="approve", kode=kode, periode=periode, user=users["kadis"])


@pytest.mark.django_db
def test_anonymous_and_wrong_roles_cannot_erase(client, users, data):  # noqa: F811
    r = _erase(client, data.siti)
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
    for role in ("kadis", "staf_linjamsos", "kabid_linjamsos", "auditor", "perencana"):
        client.force_login(users[role])
        assert client.get(_url(data.siti)).status_code == 403
        assert _erase(client, data.siti).status_code == 403
    data.siti.refresh_from_db()
    assert data.siti.nik == NIK_SITI and data.siti.nama == "Siti Aminah"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "alasan,konfirmasi,message",
    [
        ("", "on", "Alasan wajib diisi."),
        ("singkat", "on", "Alasan terlalu pendek"),
        (REASON, "", "Centang konfirmasi untuk melanjutkan."),
    ],
)
def test_bad_input_erases_nothing(client, users, data, alasan, konfirmasi, message):  # noqa: F811
    client.force_login(users["admin"])
    r = _erase(client, data.siti, alasan, konfirmasi)
    assert r.status_code == 200 and message in r.content.decode()
    data.siti.refresh_from_db()
    assert data.siti.nik == NIK_SITI
    assert not AuditEntry.objects.filter(aksi="hapus_identitas").exists()


@pytest.mark.django_db
def test_unknown_person_is_404(client, users, data):  # noqa: F811
    client.force_login(users["admin"])
    assert client.get(reverse("pdp:hapus", args=[999999])).status_code == 404


@pytest.mark.django_db
def test_erasure_keeps_frozen_figures_and_leaves_no_trace(client, users, data):  # noqa: F811
    siti = data.siti
    secrets_of_siti = [NIK_SITI, siti.no_kk, "Siti Aminah", "1985-02-15"]
    # A correction first, so the history holds old and new values, and a reason naming her.
    client.force_login(users["admin"])
    client.post(
        reverse("registri:orang_edit", args=[siti.pk]),
        {"nik": NIK_SITI, "nama": "Siti Aminah", "jenis_kelamin": "P",
         "tanggal_lahir": "1985-02-15", "no_kk": siti.no_kk, "kelurahan": "63.72.03.1002",
         "alasan": "Pindah domisili, dilaporkan Siti Aminah sendiri"},
    )  # fmt: skip
    data.layanan_bansos.keterangan = "diterima langsung oleh Siti Aminah"
    data.layanan_bansos.save()
    # An import whose file name and message name her wrote one of her services.
    impor = Impor.objects.create(
        jenis="layanan", nama_file="bansos Siti Aminah.csv", pesan=f"catatan: NIK {NIK_SITI}"
    )
    Layanan.objects.filter(pk=data.layanan_bansos.pk).update(impor=impor, impor_baris=2)
    # Figures in which she is a unit, approved (frozen) before the erasure.
    approved = [_approve(users, "IKU-3B", "2024"), _approve(users, "IKU-4", "2024")]
    before = {
        p.indikator_kode: (
            engine.unit_list_hash(int(p.beku_ref)),
            engine.frozen_figures(int(p.beku_ref), p.indikator_kode, periode_parse("2024")),
            figures.live_kota(p.indikator_kode, periode_parse("2024")),
        )
        for p in approved
    }
    assert all(p.beku_hash and p.beku_penyebut >= 1 for p in approved)

    r = _erase(client, siti, alasan=f"{REASON}; atas nama Siti Aminah")
    assert r.status_code == 302
    assert "pseudonim PDP-" in client.get(r["Location"]).content.decode()

    siti.refresh_from_db()
    assert siti.nik is None and siti.tanggal_lahir is None and siti.no_kk == ""
    assert siti.id_lokal.startswith(f"PDP-{siti.pk}-") and siti.nama == f"Dihapus {siti.id_lokal}"
    # Her records stay, so the figures stay.
    assert siti.layanan.count() == 2 and siti.korban.count() == 1 and siti.dtks.count() == 1
    dtks = DtksAnggota.objects.get(orang=siti)
    assert dtks.nik.startswith("X") and len(dtks.nik) == 16 and not dtks.nik.isdigit()
    for p in approved:
        p.refresh_from_db()
        digest, units = engine.unit_list_hash(int(p.beku_ref))
        assert digest == p.beku_hash == before[p.indikator_kode][0][0]
        assert units == p.beku_jumlah_unit
        frozen = engine.frozen_figures(int(p.beku_ref), p.indikator_kode, periode_parse("2024"))
        assert frozen == before[p.indikator_kode][1]
        assert (
            figures.live_kota(p.indikator_kode, periode_parse("2024"))
            == before[p.indikator_kode][2]
        )
    # Nothing identifies her anywhere in the database: records, history, audit log, access log.
    everything = _every_text_cell()
    for secret in secrets_of_siti:
        assert secret not in everything, secret
    assert "Siti" not in everything
    # Erasure is audited with its reason (identifiers taken out), and the chain still verifies.
    entry = AuditEntry.objects.get(aksi="hapus_identitas")
    assert entry.sesudah["alasan"] == f"{REASON}; atas nama [dihapus]"
    assert entry.nama_pengguna == "admin" and entry.objek_id == str(siti.pk)
    assert entry.sesudah["impor"] == 1
    impor.refresh_from_db()
    assert impor.nama_file == "bansos [dihapus].csv"
    assert audit_verify().ok
    # Other people are untouched.
    data.budi.refresh_from_db()
    assert data.budi.nama == "Budi Santoso"


@pytest.mark.django_db
def test_erasing_twice_is_refused(client, users, data):  # noqa: F811
    client.force_login(users["admin"])
    assert _erase(client, data.siti).status_code == 302
    html = client.get(_url(data.siti)).content.decode()
    assert "sudah dihapus sebelumnya" in html
    assert _erase(client, data.siti).status_code == 200
    assert AuditEntry.objects.filter(aksi="hapus_identitas").count() == 1


@pytest.mark.django_db
def test_psks_with_the_same_nik_is_pseudonymised(data, users):  # noqa: F811
    person = Orang.objects.create(nik=NIK_PSKS, nama="Ahmad Fauzi", kelurahan_id="63.72.04.1003")
    call_command(
        "pdp", "hapus", NIK_PSKS, "--alasan", REASON, "--user", "admin", stdout=io.StringIO()
    )
    data.psks.refresh_from_db()
    assert data.psks.nik == "" and data.psks.nama.startswith("Dihapus PDP-")
    assert data.psks.kode_psks == "TKSK-01" and data.psks.pelatihan.count() == 1
    person.refresh_from_db()
    assert person.nik is None
    everything = _every_text_cell()
    assert "Ahmad Fauzi" not in everything and NIK_PSKS not in everything


@pytest.mark.django_db
def test_command_needs_an_admin_and_a_reason(data, users):  # noqa: F811
    with pytest.raises(CommandError, match="Hanya Administrator"):
        call_command("pdp", "hapus", NIK_SITI, "--alasan", REASON, "--user", "kadis")
    with pytest.raises(CommandError, match="minimal 10 huruf"):
        call_command("pdp", "hapus", NIK_SITI, "--alasan", "x", "--user", "admin")
    out = io.StringIO()
    call_command("pdp", "hapus", NIK_SITI, "--alasan", REASON, "--user", "admin", stdout=out)
    assert "pseudonim: PDP-" in out.getvalue() and "Anggota DTKS: 1" in out.getvalue()
    assert not Orang.objects.filter(nik=NIK_SITI).exists()
