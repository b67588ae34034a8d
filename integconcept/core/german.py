"""German wording in one place: counts and plurals, severity labels, "Meinten Sie …?", dates and numbers.

Messages, reports, ``explain`` and the rendered document all use these functions instead of their own copies.
Numbers, percentages, amounts and dates follow CLDR's ``de_DE`` exactly as babel writes them (property
tests in tests/test_formatting.py hold them equal) without calling babel for each number; babel is
imported only where its data is needed (weekday names), so ``validate`` stays light.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


LOCALE = "de_DE"
NARROW_NBSP = "\u202f"  #: thousands separator "49 011" (narrow no-break space)
NBSP = "\u00a0"  #: between a number and its unit: "25,3 %", "1.000,00 €"
DASH = "–"  #: an empty table cell

MONTHS_DE = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
MONTHS = MONTHS_DE  # one list of month names (dates.py parses them)
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")

#: Nouns with their plural, for :func:`count`.
PLURALS = {
    "Datei": "Dateien",
    "Fehler": "Fehler",
    "Warnung": "Warnungen",
    "Hinweis": "Hinweise",
    "Schritt": "Schritte",
    "Tag": "Tage",
    "Kalendertag": "Kalendertage",
    "Arbeitstag": "Arbeitstage",
    "Regel": "Regeln",
    "Änderung": "Änderungen",
    "Befund": "Befunde",
}

SEVERITY_LABELS = {"error": "Fehler", "warning": "Warnung", "info": "Hinweis"}
SEVERITY_MARKS = {"error": "FEHLER", "warning": "WARNUNG", "info": "HINWEIS"}


def plural(number: int, noun: str) -> str:
    """The noun in the form that goes with ``number``: ``plural(2, "Warnung") == "Warnungen"``."""
    return noun if number == 1 else PLURALS.get(noun, noun)


def count(number: int, noun: str) -> str:
    """``count(1, "Datei") == "1 Datei"``, ``count(3, "Hinweis") == "3 Hinweise"``."""
    return f"{number} {plural(number, noun)}"


def severity_label(severity) -> str:
    """``Fehler``/``Warnung``/``Hinweis`` for a Severity or its value."""
    return SEVERITY_LABELS[getattr(severity, "value", severity)]


def severity_mark(severity) -> str:
    """``FEHLER``/``WARNUNG``/``HINWEIS`` for tables and calendar entries."""
    return SEVERITY_MARKS[getattr(severity, "value", severity)]


def did_you_mean(candidates, quote: bool = True) -> str:
    """``Meinten Sie „a“ oder „b“? `` (with a trailing space, to stand before the next sentence), or ``""``
    when there is no candidate."""
    items = [f"„{c}“" if quote else str(c) for c in candidates]
    if not items:
        return ""
    return f"Meinten Sie {either(items)}? "


def closest(word: str, options, cutoff: float = 0.6) -> list[str]:
    """The option most like ``word`` (difflib), as a list of none or one, for :func:`did_you_mean`."""
    import difflib

    return difflib.get_close_matches(word, list(options), n=1, cutoff=cutoff)


class Suggester:
    """:func:`closest` for many unknown words against one list of options, within a budget of comparisons:
    a file with thousands of unknown references among thousands of known ones stays fast (the first
    words get a suggestion, later ones none). Membership (``word in suggester``) is a set lookup."""

    def __init__(self, options, budget: int = 100_000):
        self.options = list(options)
        self._known = set(self.options)
        self._left = budget

    def __contains__(self, word) -> bool:
        return word in self._known

    def __call__(self, word: str) -> list[str]:
        if self._left < len(self.options):
            return []
        self._left -= len(self.options)
        return closest(word, self.options)


def either(items, word: str = "oder") -> str:
    """``a, b oder c``."""
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1] if items else ""


# --------------------------------------------------------------------------- dates


def short_date(day: dt.date) -> str:
    """``30.10.2012``."""
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def weekday_date(day: dt.date) -> str:
    """``Di., 30.10.2012`` (no babel, for messages)."""
    return f"{WEEKDAYS[day.weekday()][:2]}., {short_date(day)}"


def long_date(day: dt.date) -> str:
    """``30. Oktober 2012``."""
    return day_text(day)


def long_weekday_date(day: dt.date) -> str:
    """``Di., 30. Oktober 2012`` (the timeline table): what babel writes for ``EEE, d. MMMM y`` in de_DE
    (tests/test_formatting.py holds them equal), without importing babel's locale data for it."""
    return f"{WEEKDAYS[day.weekday()][:2]}., {day_text(day)}"


def month_year(day: dt.date) -> str:
    """``November 2012``."""
    return f"{MONTHS[day.month - 1]} {day.year}"


# --------------------------------------------------------------------------- numbers


def _decimal(value) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


#: Python's "1,234.5" → the German "1.234,5" (CLDR de_DE: group ".", decimal ",", minus "-"; a property
#: test holds every function here equal to babel's format_decimal, which costs ~40 µs a number).
_GERMAN = str.maketrans({",": ".", ".": ","})


def number(value, decimals: int = 0, *, thousands: str = "dot") -> str:
    """``49011 → "49.011"``, ``34.65 → "34,7"`` with one decimal (half-up, as printed tables round);
    ``thousands="thin_space"`` → ``"49 011"`` (narrow no-break space); "–" for none."""
    if type(value) is int and not decimals:  # a count (most table cells): nothing to round
        text = f"{value:,}".translate(_GERMAN)
        return text.replace(".", NARROW_NBSP) if thousands == "thin_space" else text
    amount = _decimal(value) if value is not None else None
    if amount is None:
        return DASH
    rounded = amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}".translate(_GERMAN)
    return text.replace(".", NARROW_NBSP) if thousands == "thin_space" else text


def percent(value, decimals: int = 1) -> str:
    """``25.3 → "25,3 %"`` (no-break space before the sign, half-up rounding)."""
    text = number(value, decimals)
    return text if text == DASH else text + NBSP + "%"


def share_percent(part: int | None, total: int | None) -> Decimal | None:
    """The share of part in total in percent, or None if it cannot be computed."""
    if part is None or not total:
        return None
    return Decimal(part) * 100 / Decimal(total)


def euro(value) -> str:
    """``170000 → "170.000,00 €"``."""
    text = number(value, 2)
    return text if text == DASH else text + NBSP + "€"


def decimal_text(value) -> str:
    """A number as a German writes it, without needless zeros: ``5.5 → "5,5"``, ``2.0 → "2"`` (at most two
    decimals, rounded half-even as babel's ``#,##0.##``)."""
    from decimal import ROUND_HALF_EVEN

    amount = _decimal(value)
    if amount is None:
        return DASH
    rounded = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
    text = f"{rounded:,.2f}".rstrip("0").rstrip(".")
    return text.translate(_GERMAN)


def day_text(day: dt.date, leading_zero: bool = False) -> str:
    """``2012-07-31 → "31. Juli 2012"``; with ``leading_zero`` ``"05. September 2012"``."""
    return (f"{day.day:02d}. " if leading_zero else f"{day.day}. ") + f"{MONTHS[day.month - 1]} {day.year}"


def vague_date_text(date, leading_zero: bool = False) -> str:
    """A day, month or part of a month (a ``VagueDate``) in words: "31. Juli 2012", "Anfang November 2012"."""
    return day_text(date.start, leading_zero) if date.precision == "day" else date.german()
