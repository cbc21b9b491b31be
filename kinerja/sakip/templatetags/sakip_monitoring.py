"""One quarter's cell of the monitoring table, written in Python (D210).

A Bidang's page has 160 indicators x 4 quarters = 640 cells, each with the tindak-lanjut form for
the Bidang's staf; drawn by the template engine they took about 200 ms of a 230 ms page (some 25
variable nodes a cell, nine of them integers going through localisation). The same HTML built here
with f-strings (texts through `html.escape`) takes a few milliseconds, so the page keeps one small form per quarter (each
quarter's action saved on its own, as before).
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from kinerja.lib.numbers import format_persen

from ..monitoring import BarisMonitoring, SelTriwulan
from .sakip_format import nilai

register = template.Library()


def _labels(context: template.Context) -> dict[str, str]:
    """The cells' words, translated and escaped once per page (`render_context`: one render)."""
    labels = context.render_context.get("sakip_sel_labels")
    if labels is None:
        labels = {
            "terlambat": escape(gettext("terlambat")),
            "meleset": escape(gettext("di bawah target")),
            "tl": escape(gettext("Tindak lanjut")),
            "simpan": escape(gettext("Simpan")),
        }
        context.render_context["sakip_sel_labels"] = labels
    return labels


@register.simple_tag(takes_context=True)
def sel_triwulan(context: template.Context, c: SelTriwulan, b: BarisMonitoring, pk_id: int) -> str:
    """`<td>` of quarter `c` of line `b` in the block of PK `pk_id`; the page's context gives the
    year, the action URL's prefix, the CSRF token and the indicators the user may act on. Numbers
    are written by the project's formatters; every text is escaped."""
    kelas = "terlambat" if c.terlambat else "meleset" if c.meleset else ""
    out = (
        f'<td class="{kelas}">{nilai(c.target)} / {nilai(c.realisasi)} / {format_persen(c.capaian)}'
    )
    if c.capaian is not None:
        out += " %"
    if c.band:
        out += f" <small>({escape(c.band)})</small>"
    out += "\n"
    lbl = _labels(context)
    if c.terlambat or c.meleset:
        out += f'<span class="tanda">{lbl["terlambat" if c.terlambat else "meleset"]}</span>'
    out += "\n"
    label = lbl["tl"]
    if b.indikator_id in context["can_act"]:
        dom = f"tl-{int(pk_id)}-{int(b.indikator_id)}-{int(c.triwulan)}"
        out += (
            f'<form method="post" action="{escape(context["tl_url"])}{int(b.indikator_id)}/'
            f'{int(context["tahun"])}/{int(c.triwulan)}/" class="tindak no-print">'
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(context["csrf"])}">'
            f'<label for="{dom}">{label}</label><textarea id="{dom}" name="uraian" rows="2">'
            f"{escape(c.tindak_lanjut)}</textarea>"
            f'<button class="button" type="submit">{lbl["simpan"]}</button></form>\n'
        )
    elif c.tindak_lanjut:
        out += f"<p><small>{label}: {escape(c.tindak_lanjut)}</small></p>"
    return mark_safe(out + "</td>")  # noqa: S308  # numbers from the formatters, texts escaped
