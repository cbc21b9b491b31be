"""Caching computed counts without ever serving a stale figure.

A cached result is keyed by everything it depends on: the definitions (their ids and every field),
the periods, the split, the kab/kota, and a *data stamp* read from the database on every call: the
counter `VersiData.versi`, which database triggers bump on every INSERT, UPDATE or DELETE of a registry,
code list, region or definition, whatever wrote it (ORM, bulk import, queryset.update(), raw SQL). The
counter is transactional, so it never runs ahead of the data a reader can see. Reading it is one
primary-key lookup: microseconds, against seconds for the counts themselves.
"""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import caches
from django.db import connection

from ..models import VersiData
from .aggregate import Result
from .definitions import IndicatorDefinition
from .periods import Periode

CACHE_ALIAS = "figures"
T = TypeVar("T")


def data_stamp() -> str:
    """The registries' change counter (see module docstring)."""
    with connection.cursor() as cur:
        cur.execute(f"SELECT versi FROM {VersiData._meta.db_table} WHERE id = 1")
        row = cur.fetchone()
    return str(row[0] if row else 0)


def _key(
    ind: IndicatorDefinition, periode: Periode, split: str | None, kabkota: str, stamp: str
) -> str:
    definition = ind.state()
    text = repr((kabkota, ind.kode, definition, periode.label, split, stamp))
    return "counts:" + hashlib.sha256(text.encode()).hexdigest()


def cached_call(name: str, parts: tuple[object, ...], compute: Callable[[], T]) -> T:
    """Cache any pure function of the registries (e.g. data-quality counts) under the data stamp."""
    cache = caches[CACHE_ALIAS]
    text = repr((name, parts, data_stamp()))
    key = f"{name}:" + hashlib.sha256(text.encode()).hexdigest()
    result: T | None = cache.get(key)
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
    """Counts of `periodes`, cached period by period: a year's full set computed once (one query)
    serves later requests for any single period of it, and the other way round."""
    cache = caches[CACHE_ALIAS]
    stamp = data_stamp()
    keys = {p.label: _key(ind, p, split, kabkota, stamp) for p in periodes}
    hits = cache.get_many(list(keys.values()))
    if len(hits) == len(keys):
        merged: Result = {}
        for part in hits.values():
            merged.update(part)
        return merged
    result = compute()
    parts: dict[str, Result] = {label: {} for label in keys}
    for key, counts in result.items():
        parts[key[0]][key] = counts
    cache.set_many({keys[label]: part for label, part in parts.items()}, timeout=None)
    return result


def cached_counts_many(
    jobs: list[tuple[IndicatorDefinition, list[Periode]]],
    split: str | None,
    kabkota: str,
    compute: Callable[[list[int]], list[Result]],
) -> list[Result]:
    """`cached_counts` of several (indicator, periods) at once: one stamp, one look-up of all keys;
    `compute(indexes)` gets the jobs not fully cached and returns their counts in that order (D220)."""
    cache = caches[CACHE_ALIAS]
    stamp = data_stamp()
    keys = [{p.label: _key(ind, p, split, kabkota, stamp) for p in ps} for ind, ps in jobs]
    hits = cache.get_many([k for job_keys in keys for k in job_keys.values()])
    out: list[Result | None] = []
    missing = []
    for i, job_keys in enumerate(keys):
        if all(k in hits for k in job_keys.values()):
            merged: Result = {}
            for k in job_keys.values():
                merged.update(hits[k])
            out.append(merged)
        else:
            out.append(None)
            missing.append(i)
    if missing:
        fresh: dict[str, Result] = {}
        for i, result in zip(missing, compute(missing), strict=True):
            out[i] = result
            parts: dict[str, Result] = {label: {} for label in keys[i]}
            for key, counts in result.items():
                parts[key[0]][key] = counts
            fresh |= {keys[i][label]: part for label, part in parts.items()}
        cache.set_many(fresh, timeout=None)
    return [r if r is not None else {} for r in out]
