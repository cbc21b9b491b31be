"""Background work of the engine: warm the figure cache after the registries change."""

from django_tasks import task

from .engine.figures import compute_periods
from .engine.periods import periods_of_year
from .selectors import catalogue_years, years_until_now


def warm_figures_now(years: list[int] | None = None) -> int:
    """Compute (and so cache) every IKU's figures of `years` (default: the catalogue's years up to this year), every
    period, every level, both readings: one query per indicator and year. Returns the figure count."""
    years = years or list(years_until_now(catalogue_years()))
    total = 0
    for year in years:
        total += len(compute_periods(periods_of_year(year), "kelurahan", ("default", "literal")))
    return total


@task()
def warm_figures(years: list[int] | None = None) -> int:
    return warm_figures_now(years)
