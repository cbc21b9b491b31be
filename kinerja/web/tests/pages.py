"""Every page of the interface, enumerated from the URL resolver, with arguments from a small world
(the drill-down's hand-made case with one approved figure).

Used by the language walk (test_language_walk.py) and the browser checks (test_browser_axe.py).
"""

import html as html_lib
import re

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Not the Indonesian interface: Django's admin and the JSON API (its own contract).
SKIP_NAMESPACES = {"admin", "api"}
# Not pages: POST-only endpoints, the language switch, file downloads (checked by their own tests).
NOT_PAGES = {
    "set_language",
    "logout",
    "dua_faktor_verifikasi",
    "performance:analysis",
    "grafik",
    "dokumen:unduh",
    "registri:unggah_template",
    "publik_unduh",
    "evaluasi:bukti",
    "evaluasi:berkas",
    "evaluasi:bukti_unduh",
    "evaluasi:status",
    "sakip:realisasi_simpan",
    "sakip:realisasi_aksi",
    "sakip:bukti_lepas",
    "sakip:kunci",
    "sakip:renstra_perubahan",
    "sakip:templat",
    "sakip:bukti",
    "sakip:pk_draf",
    "sakip:pk_target",
    "sakip:pk_setujui",
    "sakip:pk_perubahan",
    "sakip:pk_unduh",
    "sakip:tindak_lanjut",
}


def url_patterns() -> dict[str, set[str]]:
    """`namespace:name` -> the names of its arguments, for every named page of the project."""
    out: dict[str, set[str]] = {}

    def walk(patterns, ns: str, inherited: set[str]) -> None:
        for p in patterns:
            keys = inherited | set(p.pattern.converters)
            if isinstance(p, URLResolver):
                if p.namespace not in SKIP_NAMESPACES:
                    walk(p.url_patterns, f"{ns}{p.namespace}:" if p.namespace else ns, keys)
            elif isinstance(p, URLPattern) and p.name and ns + p.name not in NOT_PAGES:
                out[ns + p.name] = keys

    walk(get_resolver().url_patterns, "", set())
    return out


def page_paths(world: dict) -> dict[str, str]:
    """`name` -> a concrete path. `world` maps URL names to the pk they show (`pk`), and `orang`."""
    fixed = {
        "kode": "IKU-2",
        "periode": "2025-Q1",
        "aksi": "reopen",
        "kind": "layanan",
        "tahun": 2025,
        "peran": "staf",
    }
    fixed |= {"orang_pk": world["orang"], "token": world.get("token", "tidak-ada")}
    paths = {}
    for name, keys in url_patterns().items():
        kwargs = {k: world.get(name, world["orang"]) if k == "pk" else fixed[k] for k in keys}
        paths[name] = reverse(name, kwargs=kwargs)
    return paths


HIDDEN = re.compile(
    r"<(script|style|code|template)\b.*?</\1>|<(button|a|span)\b[^>]*\blang=\"en\"[^>]*>.*?</\2>"
    r"|<[^>]+>",
    re.S,
)


def visible_text(html: str) -> str:
    """The page's text as read on screen (no markup, scripts, code or English-marked elements)."""
    return html_lib.unescape(HIDDEN.sub(" ", html))
