import datetime as dt


def period_end(year: int, quarter: int | None) -> dt.date:
    if quarter is None:
        return dt.date(year, 12, 31)
    month = quarter * 3
    next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
    return next_month - dt.timedelta(days=1)
