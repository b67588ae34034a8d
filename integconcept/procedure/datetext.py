"""Cheap German date texts for messages (no babel needed, so validate stays light)."""

from __future__ import annotations

import datetime as dt
from typing import cast

from integconcept.document.dates import Precision, VagueDate
from integconcept.core.german import short_date as short  # noqa: F401  (datetext.short, used by the rules)
from integconcept.core.german import weekday_date as day


def span(start: dt.date, end: dt.date, precision: str | None) -> str:
    """A step's date as a German text: a day, or „Anfang November 2012“."""
    if precision in (None, "day") or start == end:
        return day(start)
    return VagueDate(start, end, cast(Precision, precision)).german()  # a step's precision is one of them


def step_date(step) -> str:
    if not step.dated:
        return "ohne Datum"
    return span(step.start, step.end, step.precision)
