"""NIK/KK masking inside free text (D61): log objects, import reasons."""

import pytest

from kinerja.lib.privacy import mask_identifiers, mask_nik


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("orang: q=6372041208900001&ekspor=csv", "orang: q=6372********0001&ekspor=csv"),
        (
            "NIK 6372041208900001 dan KK 6372040101900001",
            "NIK 6372********0001 dan KK 6372********0001",
        ),
        ("q=63720412089000011", "q=" + "*" * 13 + "0011"),  # longer pastes too
        ("kode_wilayah 6372041003, tanggal 20250101", "kode_wilayah 6372041003, tanggal 20250101"),
        ("x6372041208900001y", "x6372********0001y"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_identifiers(text, expected):
    assert mask_identifiers(text) == expected


def test_mask_nik_keeps_prefix_and_serial():
    assert mask_nik("6372041208900001") == "6372********0001"
    assert mask_nik("637204120890000") == "***********0000"


@pytest.mark.django_db
def test_log_akses_masks_before_it_cuts(users):
    from kinerja.audit.models import AksesDataPribadi
    from kinerja.audit.services import log_akses

    # A NIK straddling the 200-character limit must not survive as a raw prefix.
    log_akses(user=users["admin"], jenis="ekspor", objek="x" * 190 + "6372041208900001")
    stored = AksesDataPribadi.objects.get().objek
    assert len(stored) == 200 and "637204120" not in stored and stored.endswith("6372******")
