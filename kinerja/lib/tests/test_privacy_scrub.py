"""scrub_text: identifiers out of free text typed by people (reasons, notes), D86."""

from kinerja.lib.privacy import REDACTED, scrub_text


def test_identifiers_are_replaced_case_insensitively_longest_first():
    text = "Koreksi atas permintaan SITI AMINAH (NIK 6372045502850002), KK 6372040101850002."
    out = scrub_text(text, ["6372045502850002", "6372040101850002", "Siti Aminah", "Siti"])
    assert out == f"Koreksi atas permintaan {REDACTED} (NIK {REDACTED}), KK {REDACTED}."


def test_whole_words_only_and_short_values_ignored():
    assert (
        scrub_text("Ani menerima bantuan organisasi", ["Ani"])
        == f"{REDACTED} menerima bantuan organisasi"
    )
    assert scrub_text("ab cd", ["ab", "", None]) == "ab cd"  # too short to be an identifier
    assert scrub_text("tanpa identitas", ["Budi"]) == "tanpa identitas"
