"""Personal data shown on screen: NIK masking (contract section 4)."""

import re


def mask_nik(value: str | None) -> str:
    """`6372041208900001` -> `6372********0001`: the region prefix and serial stay readable.

    Anything that is not 16 characters long (an old or broken value) is masked whole except its
    last 4 characters, so a malformed NIK never leaks either.
    """
    if not value:
        return ""
    value = str(value)
    if len(value) == 16:
        return f"{value[:4]}{'*' * 8}{value[-4:]}"
    if len(value) <= 4:
        return "*" * len(value)
    return "*" * (len(value) - 4) + value[-4:]


# A run of 16 or more digits not inside a longer number: a NIK or KK (or a longer paste of one).
_IDENTIFIER_RE = re.compile(r"(?<!\d)\d{16,}(?!\d)")


def mask_identifiers(text: str | None) -> str:
    """Every NIK/KK-like number inside free text masked (`q=6372041208900001` -> `q=6372****...`).

    For text that is stored or shown where nobody reviews it (log objects, import reasons): the text
    keeps its meaning, the number its region prefix and serial, and no 16-digit identifier survives.
    """
    if not text:
        return ""
    return _IDENTIFIER_RE.sub(lambda m: mask_nik(m.group(0)), str(text))


REDACTED = "[dihapus]"


def scrub_text(text: str, identifiers: list[str]) -> str:
    """`text` with each identifier (NIK, KK, name) replaced, case-insensitively, longest first.

    Reasons typed by people may name the subject; the hash-chained audit log can never be rewritten
    afterwards, so identifiers are taken out before a reason is recorded.
    """
    import re

    for value in sorted({v for v in identifiers if v and len(v) >= 3}, key=len, reverse=True):
        # Whole words only: a short name must not cut into other words ("Ani" in "organisasi").
        text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", REDACTED, text, flags=re.IGNORECASE)
    return text
