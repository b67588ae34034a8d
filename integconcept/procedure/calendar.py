"""NRW public and school holidays and working days, offline via the ``holidays`` package.

The years 1990–2050 come from a table generated from the package (:mod:`.nrw_holidays`, made by
tools/make_holiday_table.py) because importing the package loads all its ~250 countries; other years
ask the package itself.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

WEEKDAYS_DE = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


@lru_cache(maxsize=64)
def _public(year: int) -> dict:
    from integconcept.procedure import nrw_holidays as table

    if table.FIRST_YEAR <= year <= table.LAST_YEAR:
        return {dt.date(year, month, day): name for month, day, name in table.PUBLIC[year]}
    return library_public(year)


@lru_cache(maxsize=64)
def _school(year: int) -> dict:
    from integconcept.procedure import nrw_holidays as table

    if table.FIRST_YEAR <= year <= table.LAST_YEAR:
        out = {}
        for first, last, name in table.SCHOOL[year]:
            day, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
            while day <= end:
                out[day] = name
                day += dt.timedelta(days=1)
        return out
    return library_school(year)


def library_public(year: int) -> dict:
    """NRW public holidays of ``year`` from the ``holidays`` package (imports all its countries)."""
    import holidays

    return dict(holidays.country_holidays("DE", subdiv="NW", years=year, language="de"))


def library_school(year: int) -> dict:
    """NRW school holidays of ``year`` from the ``holidays`` package."""
    import holidays

    return dict(holidays.country_holidays("DE", subdiv="NW", years=year, categories=("school",), language="de"))


def public_holiday(day: dt.date) -> str | None:
    """German name of the NRW public holiday on ``day``, or None."""
    return _public(day.year).get(day)


def school_data_covers(year: int) -> bool:
    """Does the installed holidays package know the NRW school holidays of ``year``?"""
    return any(name == "Sommerferien" for name in _school(year).values())


def school_holiday(day: dt.date) -> str | None:
    """German name of the NRW school holidays ``day`` falls in (e.g. „Sommerferien“), or None.

    Christmas holidays of the previous school year reach into January, so both years are asked.
    """
    return _school(day.year).get(day) or _school(day.year - 1).get(day)


def is_weekend(day: dt.date) -> bool:
    return day.weekday() >= 5


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and no NRW public holiday."""
    return not is_weekend(day) and public_holiday(day) is None


def session_day_problem(day: dt.date) -> str | None:
    """Why a political body cannot meet on ``day`` (German), or None."""
    if (name := public_holiday(day)) is not None:
        return f"gesetzlicher Feiertag ({name})"
    if is_weekend(day):
        return WEEKDAYS_DE[day.weekday()]
    return None


def working_days_between(first: dt.date, last: dt.date) -> int:
    """Number of working days strictly between ``first`` and ``last``."""
    count = 0
    day = first + dt.timedelta(days=1)
    while day < last:
        count += is_working_day(day)
        day += dt.timedelta(days=1)
    return count


def minus_working_days(day: dt.date, count: int) -> dt.date:
    """The latest date from which ``count`` full working days lie strictly before ``day``.

    I.e. the last day d < day with ``working_days_between(d, day) >= count``.
    """
    d = day - dt.timedelta(days=1)
    seen = 0
    while seen < count:
        seen += is_working_day(d)
        d -= dt.timedelta(days=1)
    return d
