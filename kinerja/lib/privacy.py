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
