"""Cheap German date texts for messages (no babel needed, so validate stays light)."""

from __future__ import annotations

import datetime as dt

from ..dates import MONTHS_DE, VagueDate
from .calendar import WEEKDAYS_DE


def day(d: dt.date) -> str:
    """``Di., 30.10.2012``"""
    return f"{WEEKDAYS_DE[d.weekday()][:2]}., {d:%d.%m.%Y}"


def long_day(d: dt.date) -> str:
    """``Di., 30. Oktober 2012`` (what babel gives for "EEE, d. MMMM y" in German, without loading babel)."""
    return f"{WEEKDAYS_DE[d.weekday()][:2]}., {d.day}. {MONTHS_DE[d.month - 1]} {d.year}"


def short(d: dt.date) -> str:
    return f"{d:%d.%m.%Y}"


def span(start: dt.date, end: dt.date, precision: str | None) -> str:
    """A step's date as a German text: a day, or „Anfang November 2012“."""
    if precision in (None, "day") or start == end:
        return day(start)
    return VagueDate(start, end, precision).german()


def step_date(step) -> str:
    if not step.dated:
        return "ohne Datum"
    return span(step.start, step.end, step.precision)
