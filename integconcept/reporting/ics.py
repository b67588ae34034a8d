"""iCalendar output: one event per dated step, stable UIDs, reproducible bytes.

* UID ``{step}.{concept}.{hash}@integconcept``: stable across runs and edits of other steps; the hash
  of the authority's name, the concept's id and title keeps two concepts (or two authorities using the
  same step and concept ids) apart when both are imported into one calendar.
* All-day events (VALUE=DATE) unless the step has a time; a vague date ("Anfang 2012-11") becomes
  an all-day event spanning its whole range, marked as free time (TRANSP:TRANSPARENT) and with
  "Datum ungenau" in the description.
* DTSTAMP is when the file was made (RFC 5545 § 3.8.7.2), to the second in UTC; with the environment
  variable SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention) or an injected
  ``now`` the same concept gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os

from integconcept.document.enums import PURPOSE_LABELS
from integconcept.core.safe_text import for_xml
from integconcept.procedure.chain import Step

PRODID = "-//integconcept//Gremienlauf//DE"


def created_at(environ=None) -> dt.datetime:
    """Now in UTC (whole seconds), or SOURCE_DATE_EPOCH if it is set."""
    from integconcept.core.errors import UserError

    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise UserError(
                f"Die Umgebungsvariable SOURCE_DATE_EPOCH („{epoch[:40]}“) muss eine ganze Zahl sein: "
                "Sekunden seit dem 1.1.1970 (UTC), z. B. 1351555200."
            ) from None
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def calendar_key(concept, *extra: str) -> str:
    """A short stable hash of who and what the calendar is for (authority, concept id and title)."""
    authority = getattr(getattr(concept, "authority", None), "name", "")
    text = "\n".join((authority, concept.id, concept.title, *extra))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _clock(text: str | None) -> dt.time | None:
    """HH:MM as a time of day; None when missing or impossible (the model already refuses 24:00)."""
    try:
        hour, minute = (int(x) for x in (text or "").split(":"))
        return dt.time(hour, minute)
    except ValueError:
        return None


def timeline_ics(timeline, now: dt.datetime | None = None, key: str | None = None) -> bytes:
    """The calendar of a checked or planned timeline: every dated step, its findings in the description.

    ``now`` is the creation time (DTSTAMP; default :func:`created_at`); ``key`` the hash in the UIDs
    (default :func:`calendar_key` of the concept)."""
    from integconcept.core.german import severity_mark

    concept = timeline.concept
    descriptions = {
        step.index: [f"{severity_mark(f.severity)} {f.code}: {f.message}" for f in timeline.step_findings(step)]
        for step in timeline.steps
    }
    return render_ics(
        concept.id, concept.title, timeline.steps, now or created_at(), descriptions, key=key or calendar_key(concept)
    )


def render_ics(
    concept_id: str,
    title: str,
    steps: list[Step],
    stamp: dt.datetime,
    descriptions: dict[int, list[str]] | None = None,
    key: str | None = None,
) -> bytes:
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
        event.add("uid", for_xml(f"{step.id}.{concept_id}{'.' + key if key else ''}@integconcept"))
        event.add("dtstamp", stamp)
        event.add("summary", for_xml(f"{step.body}: {PURPOSE_LABELS.get(step.purpose, step.purpose.value)}"))
        lines = [f"Integrationskonzept: {title}"]
        clock = _clock(step.time) if step.precision == "day" else None
        if clock is not None:
            start = dt.datetime.combine(step.first_day, clock)
            event.add("dtstart", start)
            event.add("dtend", start + dt.timedelta(hours=2))
            lines.append("Dauer angenommen: 2 Stunden.")
        else:
            event.add("dtstart", step.start)
            event.add("dtend", step.last_day + dt.timedelta(days=1))
            if step.precision != "day":
                event.add("transp", "TRANSPARENT")
                lines.append(f"Datum ungenau: {step.start:%d.%m.%Y} bis {step.end:%d.%m.%Y}.")
        lines.extend((descriptions or {}).get(step.index, []))
        # ICS text allows no control characters (RFC 5545 § 3.3.11) and must encode as UTF-8
        event.add("description", for_xml("\n".join(lines)))
        cal.add_component(event)
    return cal.to_ical()
