"""The shared evidence-file store (D145, D230): one store for the SAKIP tree and the LKE worksheet."""

import hashlib

import pytest

from kinerja.lib import berkas
from kinerja.sakip.services import bukti as sakip_bukti

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_the_sakip_tree_uses_the_same_store():
    assert sakip_bukti.bukti_root is berkas.bukti_root
    assert sakip_bukti.BuktiRefused is berkas.BerkasDitolak
    assert sakip_bukti.jenis_of is berkas.jenis_of


def test_a_stored_file_verifies_until_it_changes(media):
    stored = berkas.simpan_berkas("sub/../Laporan.PDF", [PDF[:10], PDF[10:]])
    assert (stored.nama_file, stored.jenis, stored.ukuran) == ("Laporan.PDF", "pdf", len(PDF))
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest()
    assert berkas.path_of(stored.berkas).parent == media / "bukti"
    assert berkas.periksa_berkas(stored.berkas, stored.sha256).sah
    handle, hasil = berkas.buka_terverifikasi(stored.berkas, stored.sha256)
    assert hasil.sah and handle is not None
    with handle:
        assert handle.read() == PDF  # the checked handle, from its start
    berkas.path_of(stored.berkas).write_bytes(PDF + b"\n")
    hasil = berkas.periksa_berkas(stored.berkas, stored.sha256)
    assert (hasil.sah, hasil.hilang) == (False, False)
    berkas.path_of(stored.berkas).unlink()
    hasil = berkas.periksa_berkas(stored.berkas, stored.sha256)
    assert (hasil.sah, hasil.hilang) == (False, True)


def test_a_stored_name_never_leaves_the_store(media):
    assert berkas.path_of("../../etc/passwd") == media / "bukti" / "passwd"


def test_a_refused_file_leaves_nothing(media, settings):
    settings.KINERJA_BUKTI_MAKS_MB = 1
    for name, chunks in (
        ("a.pdf", [b"<html>"]),
        ("b.pdf", []),
        ("c.pdf", [PDF, b"0" * (1024 * 1024)]),
    ):
        with pytest.raises(berkas.BerkasDitolak):
            berkas.simpan_berkas(name, chunks)
    assert list((media / "bukti").iterdir()) == []
