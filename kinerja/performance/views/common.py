from django.http import Http404

from ..periods import Periode, periode_parse
from ..services.catalogue import indikator_for


def get_indikator_periode(kode: str, periode: str):
    """The definition in force for the period, or 404 (one getter for every period view)."""
    try:
        p: Periode = periode_parse(periode)
    except ValueError as exc:
        raise Http404(str(exc)) from None
    ind = indikator_for(kode, p)
    if ind is None:
        raise Http404(f"Indikator {kode} tidak ada dalam katalog yang berlaku.")
    return ind, p
