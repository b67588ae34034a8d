"""Dates as they appear in real concepts: a day, a month, or a part of a month.

Canonical forms (what the YAML file should contain):

* ``2012-10-30``      a day (ISO 8601)
* ``2012-11``         a whole month
* ``Anfang 2012-11``  the early part of a month (days 1-10)
* ``Mitte 2012-11``   the middle of a month (days 11-20)
* ``Ende 2012-11``    the late part of a month (day 21 to the month's end)

German month names are accepted after the part word as well ("Anfang November 2012"),
because that is how the source documents print them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from integconcept.core.german import MONTHS_DE
from integconcept.core.safe_text import for_terminal

Precision = Literal["day", "month", "early", "mid", "late"]

PART_WORDS: dict[str, Precision] = {"anfang": "early", "mitte": "mid", "ende": "late"}
PART_LABELS: dict[str, str] = {"early": "Anfang", "mid": "Mitte", "late": "Ende"}

ACCEPTED_FORMS = (
    "2012-10-30 (Tag), 2012-11 (Monat), Anfang 2012-11, Mitte 2012-11 oder "
    "Ende 2012-11 (Monatsdrittel; auch „Anfang November 2012“)"
)

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_PART_ISO = re.compile(r"^(anfang|mitte|ende)\s+(\d{4})-(\d{2})$", re.IGNORECASE)
_PART_NAME = re.compile(r"^(anfang|mitte|ende)\s+([a-zäöü]+\.?)\s*(\d{4})$", re.IGNORECASE)

# Spellings that are no accepted form but have one obvious meaning ("Meinten Sie 2027-05-12?"); a
# two-digit year is read as 20yy (19yy from 70 on).
_PART = r"(?:(?P<part>anfang|mitte|ende)\s+)?"
_YEAR = r"(?P<year>\d{4}|\d{2})"
_NUMERIC_DAY = re.compile(r"^(?P<day>\d{1,2})\.\s*(?P<month>\d{1,2})\.\s*" + _YEAR + "$")
_NAMED_DAY = re.compile(r"^(?P<day>\d{1,2})\.?\s*(?P<name>[a-zäöü]+)\.?,?\s*" + _YEAR + "$", re.IGNORECASE)
_ISO_LOOSE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?$")
_NUMERIC_MONTH = re.compile("^" + _PART + r"(?P<month>\d{1,2})\s*[./]\s*" + _YEAR + "$", re.IGNORECASE)
_NAMED_MONTH = re.compile("^" + _PART + r"(?P<name>[a-zäöü]+)\.?,?\s*" + _YEAR + "$", re.IGNORECASE)
_PART_YEAR = re.compile(r"^(?P<part>anfang|ende)\s+(?P<year>\d{4})$", re.IGNORECASE)
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
#: Month spellings beyond the names and their abbreviations (Mär, Sept., Okt. …).
_MONTH_ALIASES = {"maerz": 3, "marz": 3, "mrz": 3, "jänner": 1, "jaenner": 1, "feber": 2}


#: The years a concept's dates may have. Real dates lie between the first census tables and the
#: next decades; the margin keeps every calculation on them (periods, "Ende 2199-12" plus a few
#: weeks) far inside what Python's dates can hold (years 1 to 9999).
MIN_YEAR = 1900
MAX_YEAR = 2199


class DateFormatError(ValueError):
    """A date string in none of the accepted forms; ``suggestion`` is a canonical guess."""

    def __init__(self, message: str, suggestion: str | None = None):
        # the message quotes the user's text; pydantic encodes it as UTF-8 when errors are listed,
        # so a lone surrogate must not survive in it (it is shown as U+FFFD)
        super().__init__(for_terminal(message))
        self.suggestion = suggestion


@dataclass(frozen=True, order=True)
class VagueDate:
    """A date of known precision; ``start``..``end`` is the range of days it stands for."""

    start: dt.date
    end: dt.date
    precision: Precision

    @property
    def is_exact(self) -> bool:
        return self.precision == "day"

    def canonical(self) -> str:
        if self.precision == "day":
            return self.start.isoformat()
        month = f"{self.start.year:04d}-{self.start.month:02d}"
        if self.precision == "month":
            return month
        return f"{PART_LABELS[self.precision]} {month}"

    def __str__(self) -> str:
        return self.canonical()

    def german(self) -> str:
        """The date in words as documents print it: "31. Juli 2012", "November 2012",
        "Anfang November 2012"."""
        month = f"{MONTHS_DE[self.start.month - 1]} {self.start.year}"
        if self.precision == "day":
            return f"{self.start.day}. {month}"
        return month if self.precision == "month" else f"{PART_LABELS[self.precision]} {month}"

    @classmethod
    def day(cls, value: dt.date) -> "VagueDate":
        return cls(value, value, "day")

    @classmethod
    def month_part(cls, year: int, month: int, precision: Precision) -> "VagueDate":
        last = calendar.monthrange(year, month)[1]
        first_day, last_day = {
            "month": (1, last),
            "early": (1, 10),
            "mid": (11, 20),
            "late": (21, last),
        }[precision]
        return cls(dt.date(year, month, first_day), dt.date(year, month, last_day), precision)


def _month_number(name: str) -> int | None:
    lowered = name.lower().rstrip(".")
    if lowered in _MONTH_ALIASES:
        return _MONTH_ALIASES[lowered]
    for index, month in enumerate(MONTHS_DE, start=1):
        if month.lower() == lowered or (len(lowered) >= 3 and month.lower().startswith(lowered.rstrip("."))):
            return index
    return None


def _checked_month(year: int, month: int, text: str) -> None:
    if not 1 <= month <= 12:
        raise DateFormatError(f"„{text}“: den Monat {month} gibt es nicht.")


def _checked_year(year: int, text: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateFormatError(
            f"„{text}“: das Jahr {year} liegt außerhalb des erlaubten Bereichs {MIN_YEAR} bis {MAX_YEAR}."
        )


def parse_vague_date(value: object) -> VagueDate:
    """Parse one of the accepted forms; raise DateFormatError with a German message otherwise.

    Years outside MIN_YEAR..MAX_YEAR are refused, so no later date calculation can overflow."""
    parsed = _parse_vague_date(value)
    _checked_year(parsed.start.year, parsed.canonical())
    return parsed


def _parse_vague_date(value: object) -> VagueDate:
    if isinstance(value, dt.datetime):
        return VagueDate.day(value.date())
    if isinstance(value, dt.date):
        return VagueDate.day(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)  # "2027" or "12.5" without quotes: YAML reads a number
    if not isinstance(value, str):
        raise DateFormatError("Ein Datum muss ein Text sein, z. B. 2012-10-30.")
    text = value.strip()
    if m := _DAY.match(text):
        year, month, day = (int(g) for g in m.groups())
        _checked_year(year, text)
        try:
            return VagueDate.day(dt.date(year, month, day))
        except ValueError:
            raise DateFormatError(f"„{text}“ ist kein gültiger Kalendertag.") from None
    if m := _MONTH.match(text):
        year, month = int(m.group(1)), int(m.group(2))
        _checked_month(year, month, text)
        _checked_year(year, text)
        return VagueDate.month_part(year, month, "month")
    if m := _PART_ISO.match(text):
        year, month = int(m.group(2)), int(m.group(3))
        _checked_month(year, month, text)
        _checked_year(year, text)
        return VagueDate.month_part(year, month, PART_WORDS[m.group(1).lower()])
    if m := _PART_NAME.match(text):
        named = _month_number(m.group(2))
        if named is not None:
            _checked_year(int(m.group(3)), text)
            return VagueDate.month_part(int(m.group(3)), named, PART_WORDS[m.group(1).lower()])
    raise DateFormatError(f"„{text}“ ist kein Datum in einer erlaubten Form.", suggest(text))


def _year(text: str) -> int:
    year = int(text)
    return year if len(text) == 4 else (2000 + year if year < 70 else 1900 + year)


def _month_of(m: re.Match) -> int | None:
    if "name" in m.groupdict() and m.group("name") is not None:
        return _month_number(m.group("name")) or _close_month(m.group("name"))
    return int(m.group("month"))


def _close_month(word: str) -> int | None:
    import difflib

    names = [n.lower() for n in MONTHS_DE]
    close = difflib.get_close_matches(word.lower().rstrip("."), names, n=1, cutoff=0.6)
    return names.index(close[0]) + 1 if close else None


def suggest(text: str) -> str | None:
    """The accepted form a German spelling means: "12. Mai 2027" → 2027-05-12, "12.5.27" → 2027-05-12,
    "Mai 2027" or "05/2027" → 2027-05, "Ende Mai 27" → Ende 2027-05, "Ende 2027" → Ende 2027-12; None
    if there is no single reading."""
    text = " ".join(text.translate(_ZERO_WIDTH).split())  # pasted: "2027-05-12\u200b", "12.\u00a0Mai 2027"
    if not text:
        return None
    for pattern in (_NUMERIC_DAY, _NAMED_DAY, _ISO_LOOSE):
        if (m := pattern.match(text)) and (month := _month_of(m)) is not None:
            if m.group("day") is None:
                return f"{int(m.group('year')):04d}-{month:02d}" if 1 <= month <= 12 else None
            try:
                return dt.date(_year(m.group("year")), month, int(m.group("day"))).isoformat()
            except ValueError:
                return None
    for pattern in (_NUMERIC_MONTH, _NAMED_MONTH):
        if (m := pattern.match(text)) and (month := _month_of(m)) is not None and 1 <= month <= 12:
            part = (m.group("part").capitalize() + " ") if m.group("part") else ""
            return f"{part}{_year(m.group('year')):04d}-{month:02d}"
    if m := _PART_YEAR.match(text):
        part = m.group("part").capitalize()
        return f"{part} {m.group('year')}-{'01' if part == 'Anfang' else '12'}"
    return None


def parse_day(value: object) -> dt.date:
    """Parse an exact day (ISO form only)."""
    parsed = parse_vague_date(value)
    if not parsed.is_exact:
        raise DateFormatError(f"„{parsed.canonical()}“: hier ist ein genauer Tag nötig (z. B. 2012-10-30).")
    return parsed.start
