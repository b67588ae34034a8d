"""German wording in one place: counts and plurals, severity labels, "Meinten Sie …?", dates and numbers.

Messages, reports, ``explain`` and the rendered document all use these functions instead of their own copies.
Dates and numbers in documents come from babel (CLDR data for ``de_DE``); babel is imported only by the
functions that need it, so ``validate`` stays light.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


LOCALE = "de_DE"
NARROW_NBSP = "\u202f"  #: thousands separator "49 011" (narrow no-break space)
NBSP = "\u00a0"  #: between a number and its unit: "25,3 %", "1.000,00 €"
DASH = "–"  #: an empty table cell

MONTHS_DE = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
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
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def long_weekday_date(day: dt.date) -> str:
    """``Di., 30. Oktober 2012`` (the timeline table), from babel's CLDR data."""
    from babel.dates import format_date

    return format_date(day, "EEE, d. MMMM y", locale=LOCALE)


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


def number(value, decimals: int = 0, *, thousands: str = "dot") -> str:
    """``49011 → "49.011"``; ``thousands="thin_space"`` → ``"49 011"``; half-up rounding; "–" for none."""
    from babel.numbers import format_decimal

    amount = _decimal(value) if value is not None else None
    if amount is None:
        return DASH
    quantum = Decimal(1).scaleb(-decimals)
    rounded = amount.quantize(quantum, rounding=ROUND_HALF_UP)
    text = format_decimal(rounded, format="#,##0" + ("." + "0" * decimals if decimals else ""), locale=LOCALE)
    return text.replace(".", NARROW_NBSP) if thousands == "thin_space" else text


def percent(value, decimals: int = 1) -> str:
    """``25.3 → "25,3 %"``."""
    text = number(value, decimals)
    return text if text == DASH else text + NBSP + "%"


def euro(value) -> str:
    """``170000 → "170.000,00 €"``."""
    text = number(value, 2)
    return text if text == DASH else text + NBSP + "€"


def decimal_text(value) -> str:
    """A number as a German writes it, without needless zeros: ``5.5 → "5,5"``, ``2.0 → "2"``."""
    from babel.numbers import format_decimal

    amount = _decimal(value)
    return DASH if amount is None else format_decimal(amount, format="#,##0.##", locale=LOCALE)
