"""Pure helpers for region codes (no database)."""

import re

PROVINCE_CODES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "16",
        "17",
        "18",
        "19",
        "21",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "51",
        "52",
        "53",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "72",
        "73",
        "74",
        "75",
        "76",
        "81",
        "82",
        "91",
        "92",
        "93",
        "94",
        "95",
        "96",
    ]
)

_PLAIN = re.compile(r"^\d{2}(\d{2}(\d{2}(\d{4})?)?)?$")
_DOTTED = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")


def normalise_kode(raw: str) -> str | None:
    """`6372041003` or `63.72.04.1003` -> `63.72.04.1003`; anything else -> None."""
    value = (raw or "").strip().replace(" ", "")
    if _DOTTED.match(value):
        return value
    if _PLAIN.match(value):
        parts = [value[0:2], value[2:4], value[4:6], value[6:10]]
        return ".".join(p for p in parts if p)
    return None


def level_of(kode: str) -> int:
    return kode.count(".") + 1
