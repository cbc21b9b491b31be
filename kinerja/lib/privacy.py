"""Personal data shown on screen: NIK masking (contract section 4)."""


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
