"""iCalendar output: one event per dated step, stable UIDs, reproducible bytes.

* UID ``{step}.{concept}@integconcept`` (stable across runs and edits of other steps).
* All-day events (VALUE=DATE) unless the step has a time; a vague date ("Anfang 2012-11") becomes
  an all-day event spanning its whole range, marked as free time (TRANSP:TRANSPARENT) and with
  "Datum ungenau" in the description.
* DTSTAMP is derived from the concept (its adoption date, else its latest step date), so the
  same concept always gives the same file.
"""

from __future__ import annotations

import datetime as dt

from integconcept.document.model import PURPOSE_LABELS
from integconcept.core.safe_text import for_xml
from integconcept.procedure.chain import Step

PRODID = "-//integconcept//Gremienlauf//DE"


def stamp_for(concept, steps: list[Step]) -> dt.datetime:
    day = None
    if getattr(concept, "adoption", None) and concept.adoption.date:
        day = concept.adoption.date.end
    dated = [s.end for s in steps if s.dated]
    if day is None and dated:
        day = max(dated)
    day = day or dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def _clock(text: str | None) -> dt.time | None:
    """HH:MM as a time of day; None when missing or impossible (the model already refuses 24:00)."""
    try:
        hour, minute = (int(x) for x in (text or "").split(":"))
        return dt.time(hour, minute)
    except ValueError:
        return None


def timeline_ics(timeline) -> bytes:
    """The calendar of a checked or planned timeline: every dated step, its findings in the description."""
    from integconcept.core.german import severity_mark

    concept = timeline.concept
    descriptions = {step.index: [f"{severity_mark(f.severity)} {f.code}: {f.message}"
                                 for f in timeline.step_findings(step)] for step in timeline.steps}
    return render_ics(concept.id, concept.title, timeline.steps, stamp_for(concept, timeline.steps), descriptions)


def render_ics(concept_id: str, title: str, steps: list[Step], stamp: dt.datetime,
               descriptions: dict[int, list[str]] | None = None) -> bytes:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", for_xml(f"Gremienlauf {title}"))
    for step in steps:
        if not step.dated:
            continue
        event = Event()
        event.add("uid", for_xml(f"{step.id}.{concept_id}@integconcept"))
        event.add("dtstamp", stamp)
        event.add("summary", for_xml(f"{step.body}: {PURPOSE_LABELS.get(step.purpose, step.purpose.value)}"))
        lines = [f"Integrationskonzept: {title}"]
        clock = _clock(step.time) if step.precision == "day" else None
        if clock is not None:
            start = dt.datetime.combine(step.start, clock)
            event.add("dtstart", start)
            event.add("dtend", start + dt.timedelta(hours=2))
            lines.append("Dauer angenommen: 2 Stunden.")
        else:
            event.add("dtstart", step.start)
            event.add("dtend", step.end + dt.timedelta(days=1))
            if step.precision != "day":
                event.add("transp", "TRANSPARENT")
                lines.append(f"Datum ungenau: {step.start:%d.%m.%Y} bis {step.end:%d.%m.%Y}.")
        lines.extend((descriptions or {}).get(step.index, []))
        # ICS text allows no control characters (RFC 5545 § 3.3.11) and must encode as UTF-8
        event.add("description", for_xml("\n".join(lines)))
        cal.add_component(event)
    return cal.to_ical()
