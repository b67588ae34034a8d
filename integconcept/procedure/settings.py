"""Notice periods and consultation window: where the numbers come from, with stated defaults.

Order of precedence for the notice period (Ladungsfrist) of a political body's session:
1. ``approval_process.bodies[].notice_period`` of the step's ``body_ref``,
2. ``authority.notice_period``,
3. ``[tool.integconcept.timeline]`` settings ``notice_period_days`` / ``notice_period_unit``,
4. the default: 6 calendar days (Rhein-Kreis Neuss; only an assumption for other authorities).

The notice period is read as "at least N full days between the day of the invitation and the
day of the session" (neither day counted, as in the civil code), so the latest invitation is
N + 1 days before. Where the rules of procedure count the session day (Stadt Hilden: „Sitzungstag
mit eingerechnet“), ``counts_session_day`` / the setting ``session_day_counts`` makes it N days.
A period in working days never ends on a weekend or public holiday: the latest invitation day is
moved back to the working day before.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from integconcept.document.labels import ENUMS
from integconcept.procedure import calendar

DEFAULT_NOTICE_DAYS = 6
DEFAULT_NOTICE_UNIT = "calendar_days"
DEFAULT_CONSULTATION_DAYS = 28
UNIT_LABELS = {unit: item.label for unit, item in ENUMS["NoticePeriod.unit"].items()}


@dataclass(frozen=True)
class Notice:
    days: int
    unit: str  # calendar_days | working_days
    source: str  # German, where the value comes from
    assumed: bool  # True when the default is used
    session_day_counts: bool = False  # does the session day count towards the period?

    def label(self) -> str:
        counted = " (Sitzungstag mitgezählt)" if self.session_day_counts else ""
        return f"{self.days} {UNIT_LABELS.get(self.unit, self.unit)}{counted}"

    def dative(self) -> str:
        return f"{self.days} {UNIT_LABELS.get(self.unit, self.unit)}n"

    def latest_invitation(self, session: dt.date) -> dt.date:
        if self.unit == "working_days":
            # the session day counting shortens the period by one day before it
            count = max(0, self.days - 1) if self.session_day_counts and calendar.is_working_day(session) else self.days
            day = calendar.minus_working_days(session, count)
            while not calendar.is_working_day(day):  # nobody sends invitations on Sundays or holidays
                day -= dt.timedelta(days=1)
            return day
        return session - dt.timedelta(days=self.days if self.session_day_counts else self.days + 1)

    def satisfied(self, invitation: dt.date, session: dt.date) -> bool:
        return invitation <= self.latest_invitation(session)


def timeline_settings(settings: dict | None) -> dict:
    value = (settings or {}).get("timeline", {})
    return value if isinstance(value, dict) else {}


def notice_for(concept, body_ref: str | None, settings: dict | None = None) -> Notice:
    process = concept.approval_process
    if body_ref and process is not None:
        for body in process.bodies:
            if body.id == body_ref and body.notice_period is not None:
                period = body.notice_period
                return Notice(
                    period.days,
                    period.unit,
                    period.source or f"Ladungsfrist des Gremiums „{body.name}“ in der Konzeptdatei",
                    False,
                    _counts(period, settings),
                )
    if concept.authority.notice_period is not None:
        period = concept.authority.notice_period
        return Notice(
            period.days,
            period.unit,
            period.source or "authority.notice_period in der Konzeptdatei",
            False,
            _counts(period, settings),
        )
    config = timeline_settings(settings)
    counts = config.get("session_day_counts") is True
    days = config.get("notice_period_days")
    if isinstance(days, int) and not isinstance(days, bool) and 0 <= days <= 60:
        unit = config.get("notice_period_unit", DEFAULT_NOTICE_UNIT)
        if unit not in UNIT_LABELS:
            unit = DEFAULT_NOTICE_UNIT
        return Notice(days, unit, "Einstellung [tool.integconcept.timeline] notice_period_days", False, counts)
    return Notice(
        DEFAULT_NOTICE_DAYS,
        DEFAULT_NOTICE_UNIT,
        "Annahme: 6 Kalendertage wie in der Geschäftsordnung des Rhein-Kreises Neuss",
        True,
        counts,
    )


def _counts(period, settings: dict | None) -> bool:
    """Does the session day count? The concept's notice period says so, else the setting."""
    own = getattr(period, "counts_session_day", None)
    if own is not None:
        return own
    return timeline_settings(settings).get("session_day_counts") is True


def consultation_days(concept, settings: dict | None = None) -> tuple[int, str, bool]:
    """Minimum days for the municipalities' and partners' feedback: (days, source, assumed)."""
    process = concept.approval_process
    if process is not None and process.min_consultation_days is not None:
        return process.min_consultation_days, "approval_process.min_consultation_days", False
    value = timeline_settings(settings).get("min_consultation_days")
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 365:
        return value, "Einstellung [tool.integconcept.timeline] min_consultation_days", False
    return DEFAULT_CONSULTATION_DAYS, f"Annahme: {DEFAULT_CONSULTATION_DAYS} Tage (vier Wochen)", True
