"""Caching computed counts without ever serving a stale figure.

A cached result is keyed by everything it depends on: the definitions (their ids and every field),
the periods, the split, the kab/kota, and a *data stamp* read from the database on every call. The
stamp changes whenever any registry record is created, changed or deleted: every such write leaves a
history row (django-simple-history, also for the importer's bulk writes), so the highest history id of
each registry, with the DTKS periods and the code lists, identifies the state of the data. The stamp is
a handful of MAX() lookups on primary keys: microseconds, against seconds for the counts themselves.
"""

import hashlib
from collections.abc import Callable

from django.core.cache import caches
from django.db import connection
from django.forms.models import model_to_dict

from kinerja.registries import models as reg

from .aggregate import Result
from .definitions import IndicatorDefinition
from .periods import Periode

CACHE_ALIAS = "figures"
_HISTORY_MODELS = (
    reg.Orang, reg.Ppks, reg.Psks, reg.Pelatihan, reg.DtksAnggota, reg.Layanan, reg.Bencana, reg.Korban,
)  # fmt: skip


def data_stamp() -> str:
    """Identifies the registries' current content (see module docstring)."""
    parts = [
        f"(SELECT MAX(history_id) FROM {m.history.model._meta.db_table})" for m in _HISTORY_MODELS
    ]
    table = reg.DtksPeriode._meta.db_table
    parts += [f"(SELECT COUNT(*) FROM {table})", f"(SELECT MAX(id) FROM {table})"]
    with connection.cursor() as cur:
        cur.execute("SELECT " + ", ".join(parts))
        row = cur.fetchone()
    codes = [
        list(model.objects.order_by("kode").values_list(*fields))
        for model, fields in (
            (reg.JenisLayanan, ("kode", "kelompok", "aktif")),
            (reg.JenisPpks, ("kode", "aktif")),
            (reg.JenisPsks, ("kode", "aktif")),
        )
    ]
    return f"{row}|{codes}"


def _key(ind: IndicatorDefinition, periodes: list[Periode], split: str | None, kabkota: str) -> str:
    definition = [model_to_dict(ind.default), model_to_dict(ind.literal)]
    text = repr((kabkota, ind.kode, definition, [p.label for p in periodes], split, data_stamp()))
    return "counts:" + hashlib.sha256(text.encode()).hexdigest()


def cached_call(name: str, parts: tuple, compute: Callable[[], object]) -> object:
    """Cache any pure function of the registries (e.g. data-quality counts) under the data stamp."""
    cache = caches[CACHE_ALIAS]
    text = repr((name, parts, data_stamp()))
    key = f"{name}:" + hashlib.sha256(text.encode()).hexdigest()
    result = cache.get(key)
    if result is None:
        result = compute()
        cache.set(key, result, timeout=None)
    return result


def cached_counts(
    ind: IndicatorDefinition,
    periodes: list[Periode],
    split: str | None,
    kabkota: str,
    compute: Callable[[], Result],
) -> Result:
    cache = caches[CACHE_ALIAS]
    key = _key(ind, periodes, split, kabkota)
    result = cache.get(key)
    if result is None:
        result = compute()
        cache.set(key, result, timeout=None)
    return result
