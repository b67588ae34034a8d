"""Plan the approval chain backwards from a target council date.

For each step of the standard chain the latest possible date is proposed:

* council (Kreistag/Rat): the target date (must be a possible session day);
* main committee (Kreisausschuss/Hauptausschuss): the latest session day before the council
  (Kreis Unna: the day before; § 50 KrO NRW allows the same day, we keep one day for the
  recommendation to reach the council);
* specialist committee: the latest session day on or before the main committee's latest
  invitation date, so its recommendation goes out with the invitation;
* conference (Bürgermeister-/Dezernentenkonferenz, Kreis only): the latest working day before the
  specialist committee's latest invitation date;
* Integrationsrat (kreisfreie Stadt only, § 27 GO NRW: heard on integration matters): the latest
  session day on or before the specialist committee's latest invitation date, so its opinion goes out
  with that invitation. A kreisfreie Stadt has neither member municipalities nor a conference of
  mayors; its draft goes to the partners (Träger, Verbände) only. The GO NRW orders Hauptausschuss and
  specialist committees in no way; the plan keeps the usual order (committee, Hauptausschuss, Rat).
* draft to municipalities and partners: the latest working day that leaves the consultation
  window before the specialist committee and lies before the conference;
* administration (Verwaltungsvorstand): the latest working day before the draft goes out;
* funding application: the first working day after the council (earliest, not latest).

"Session day" for political bodies: a working day, no NRW public holiday, outside NRW school
holidays. With a session calendar (.ics, or the sessions of a council information system via OParl)
the latest real session of each body on or before the computed day is taken instead.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from integconcept.document.enums import BodyKind, Purpose
from integconcept.procedure import calendar
from integconcept.procedure.settings import Notice

MAX_SEARCH_DAYS = 400


class PlanError(ValueError):
    """A plan that cannot be made; the message is German."""


# PlannedStep and Plan are plain classes: a dataclass is defined by compiling generated code, which costs
# ``timeline plan`` more start-up time than planning does.


class PlannedStep:
    """A proposed step: its id, body and purpose, the latest day for it, the latest invitation to it (a
    political body's) and a note on the date („spätestens“, „frühestens“)."""

    __slots__ = ("id", "kind", "body", "purpose", "date", "latest_invitation", "note")

    def __init__(
        self,
        id: str,
        kind: BodyKind,
        body: str,
        purpose: Purpose,
        date: dt.date,
        latest_invitation: dt.date | None = None,
        note: str | None = None,
    ) -> None:
        self.id = id
        self.kind = kind
        self.body = body
        self.purpose = purpose
        self.date = date
        self.latest_invitation = latest_invitation
        self.note = note


class Plan:
    """The proposed steps in order and the notes on the plan (German, for the user)."""

    __slots__ = ("steps", "notes")

    def __init__(self, steps: list[PlannedStep], notes: list[str] | None = None) -> None:
        self.steps = steps
        self.notes = [] if notes is None else notes


def is_session_day(day: dt.date) -> bool:
    if not calendar.is_working_day(day):
        return False
    if calendar.school_data_covers(day.year) and calendar.school_holiday(day):
        return False
    return True


def _walk_back(day: dt.date, ok, what: str) -> dt.date:
    for _ in range(MAX_SEARCH_DAYS):
        if ok(day):
            return day
        day -= dt.timedelta(days=1)
    raise PlanError(f"Für „{what}“ wurde in {MAX_SEARCH_DAYS} Tagen vor dem Zieltermin kein möglicher Tag gefunden.")


def _next_working_day(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while not calendar.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


# --------------------------------------------------------------------------- session calendars


#: A session calendar is untrusted input: it is read up to this size (a council information system's
#: export of ten years has some thousand events; 100,000 events take about 10 MB) …
MAX_CALENDAR_BYTES = 16 * 1024 * 1024
#: … and this many events. Both keep a plan within 2 s (issue 13: 32 MB with 300,000 events took 2.1-2.7 s).
MAX_CALENDAR_EVENTS = 150_000

_CAL_NAMES = ("BEGIN:", "END:", "DTSTART", "SUMMARY")


@functools.cache
def _calendar_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The patterns of a session calendar's lines, DTSTART values and escaped text, compiled on first use: a plan
    without ``--calendar`` reads none (start-up time)."""
    return (
        re.compile(r'(?i)(DTSTART|SUMMARY|BEGIN|END)((?:;[^:;"]*(?:"[^"]*"[^:;"]*)*)*):(.*)'),
        re.compile(r"(\d{4})(\d{2})(\d{2})(?:T\d{6}Z?)?"),
        re.compile(r"\\([\\;,nN])"),
    )


def read_sessions(path: str, notes: list[str] | None = None) -> list[tuple[dt.date, str]]:
    """(day, summary) of every event in an .ics file. Raises PlanError with a German message.

    Only what planning needs is read: DTSTART and SUMMARY of each VEVENT (RFC 5545: lines unfolded,
    parameters skipped, text unescaped). icalendar's full parser needs over a minute for 100,000
    events and stops at the first broken property; here an event whose DTSTART is broken is
    skipped, and a German note (appended to ``notes``) says how many were skipped.
    """
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_CALENDAR_BYTES + 1)
    except OSError as exc:
        from integconcept.core.output import german_os_error

        raise PlanError(f"Der Sitzungskalender „{path}“ kann nicht gelesen werden: {german_os_error(exc)}.") from None
    if len(raw) > MAX_CALENDAR_BYTES:
        raise PlanError(
            f"Der Sitzungskalender „{path}“ ist größer als {MAX_CALENDAR_BYTES // (1024 * 1024)} MB. "
            "Exportieren Sie nur den benötigten Zeitraum (z. B. ein Jahr) aus dem Ratsinformationssystem."
        )
    invalid = PlanError(
        f"„{path}“ ist keine gültige iCalendar-Datei (.ics). Exportieren Sie den Sitzungskalender "
        "aus dem Ratsinformationssystem erneut."
    )
    text = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
    for fold in ("\r\n ", "\r\n\t", "\n ", "\n\t"):  # unfold (RFC 5545 § 3.1)
        text = text.replace(fold, "")
    sessions: list[tuple[dt.date, str]] = []
    stack: list[str] = []
    seen_calendar = False
    broken = 0
    start: dt.date | None = None
    start_ok = True
    summary = ""
    line_pattern, _, unescape = _calendar_patterns()
    for line in text.splitlines():
        if not (line.startswith(_CAL_NAMES) or line[:1] in ("b", "d", "e", "s")) or not (m := line_pattern.match(line)):
            continue
        name, value = m[1].upper(), m[3].strip()
        if name == "BEGIN":
            stack.append(value.upper())
            seen_calendar = seen_calendar or value.upper() == "VCALENDAR"
            if stack[-1] == "VEVENT":
                start, start_ok, summary = None, True, ""
        elif name == "END":
            if not stack or stack[-1] != value.upper():
                raise invalid
            if stack.pop() == "VEVENT":
                if start is not None:
                    sessions.append((start, summary))
                    if len(sessions) > MAX_CALENDAR_EVENTS:
                        raise PlanError(
                            f"Der Sitzungskalender „{path}“ enthält mehr als {MAX_CALENDAR_EVENTS:,} "
                            "Termine. Exportieren Sie nur den benötigten Zeitraum.".replace(",", ".")
                        )
                elif not start_ok:
                    broken += 1
        elif stack and stack[-1] == "VEVENT":
            if name == "SUMMARY":
                summary = unescape.sub(lambda e: "\n" if e[1] in "nN" else e[1], value)
            else:
                start, start_ok = _calendar_day(value), False
                start_ok = start is not None
    if not seen_calendar or stack:
        raise invalid
    if broken and notes is not None:
        notes.append(
            f"Im Sitzungskalender {'wurde' if broken == 1 else 'wurden'} {broken} "
            f"{'Termin' if broken == 1 else 'Termine'} mit ungültigem Datum (DTSTART) übergangen."
        )
    return sessions


def _calendar_day(value: str) -> dt.date | None:
    if not (m := _calendar_patterns()[1].fullmatch(value)):
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def matches(summary: str, kind: BodyKind, names: dict[BodyKind, str], city: bool) -> bool:
    text = summary.lower()
    if kind is BodyKind.council:
        import re

        name = names.get(kind, "").lower()
        if name and name in text:
            return True
        if "ausschuss" in text:
            return False
        return bool(re.search(r"\brat(es|s)?\b|\bratssitzung\b", text)) if city else "kreistag" in text
    if kind is BodyKind.main_committee:
        name = names.get(kind, "").lower()
        return "hauptausschuss" in text or "kreisausschuss" in text or (bool(name) and name in text)
    if kind is BodyKind.integration_council:
        return "integrationsrat" in text or "integrationsausschuss" in text
    if kind is BodyKind.specialist_committee:
        name = names.get(kind, "").lower()
        if name and name not in ("fachausschuss",):
            return name in text
        return (
            "ausschuss" in text
            and "kreisausschuss" not in text
            and "hauptausschuss" not in text
            and "integrationsausschuss" not in text
        )
    return False


def _of_kind(entry: tuple, kind: BodyKind, names, city) -> bool:
    """A calendar entry (day, summary) is recognised by its title; (day, summary, kind) says its body."""
    return entry[2] is kind if len(entry) > 2 else matches(entry[1], kind, names, city)


def _from_calendar(latest: dt.date, kind: BodyKind, sessions, names, city, label: str, plan: Plan) -> dt.date:
    if sessions is None:
        return latest
    days = sorted({entry[0] for entry in sessions if entry[0] <= latest and _of_kind(entry, kind, names, city)})
    if not days:
        plan.notes.append(
            f"Im Sitzungskalender steht keine Sitzung „{label}“ am oder vor dem "
            f"{latest:%d.%m.%Y}; vorgeschlagen ist der berechnete Tag."
        )
        return latest
    return days[-1]


# --------------------------------------------------------------------------- the plan


def make_plan(
    council_date: dt.date,
    *,
    city: bool,
    notice: Notice,
    min_consultation_days: int,
    names: dict[BodyKind, str] | None = None,
    sessions: list[tuple] | None = None,
) -> Plan:
    """The plan (see the module's description); PlanError when none can be made."""
    from integconcept.document.dates import MAX_YEAR, MIN_YEAR

    try:
        plan = _make_plan(council_date, city, notice, min_consultation_days, dict(names or {}), sessions)
    except OverflowError:
        plan = None
    if plan is None or any(not MIN_YEAR <= step.date.year <= MAX_YEAR for step in plan.steps):
        raise PlanError(
            f"Für den Zieltermin {council_date:%d.%m.%Y} lägen Schritte des Gremienlaufs außerhalb der "
            f"Jahre {MIN_YEAR} bis {MAX_YEAR}, die integconcept verarbeitet. Bitte einen Zieltermin "
            "innerhalb dieser Jahre mit genug Abstand zu ihren Grenzen wählen."
        )
    return plan


def _make_plan(
    council_date: dt.date,
    city: bool,
    notice: Notice,
    min_consultation_days: int,
    names: dict[BodyKind, str],
    sessions: list[tuple] | None,
) -> Plan:
    council_name = names.get(BodyKind.council) or ("Rat" if city else "Kreistag")
    main_name = names.get(BodyKind.main_committee) or ("Hauptausschuss" if city else "Kreisausschuss")
    committee_name = names.get(BodyKind.specialist_committee) or "Fachausschuss"
    plan = Plan([])
    if problem := calendar.session_day_problem(council_date):
        raise PlanError(
            f"Am {council_date:%d.%m.%Y} kann „{council_name}“ nicht tagen: {problem}. "
            "Wählen Sie einen Arbeitstag als Zieltermin."
        )
    if calendar.school_data_covers(council_date.year) and (ferien := calendar.school_holiday(council_date)):
        plan.notes.append(f"Der Zieltermin {council_date:%d.%m.%Y} liegt in den {ferien}.")
    if not calendar.school_data_covers(council_date.year):
        plan.notes.append(f"Die NRW-Schulferien {council_date.year} sind nicht bekannt; sie sind nicht berücksichtigt.")
    if sessions is not None and not any(
        entry[0] == council_date and _of_kind(entry, BodyKind.council, names, city) for entry in sessions
    ):
        plan.notes.append(f"Im Sitzungskalender steht am {council_date:%d.%m.%Y} keine Sitzung „{council_name}“.")

    council = council_date
    main = _walk_back(council - dt.timedelta(days=1), is_session_day, main_name)
    main = _from_calendar(main, BodyKind.main_committee, sessions, names, city, main_name, plan)
    committee_latest = notice.latest_invitation(main)
    committee = _walk_back(committee_latest, is_session_day, committee_name)
    committee = _from_calendar(committee, BodyKind.specialist_committee, sessions, names, city, committee_name, plan)
    if city:  # the Integrationsrat (§ 27 GO NRW) is heard; its opinion goes out with the committee's invitation
        integration_name = names.get(BodyKind.integration_council) or "Integrationsrat"
        conference = _walk_back(notice.latest_invitation(committee), is_session_day, integration_name)
        conference = _from_calendar(
            conference, BodyKind.integration_council, sessions, names, city, integration_name, plan
        )
    else:
        conference = _walk_back(
            notice.latest_invitation(committee) - dt.timedelta(days=1), calendar.is_working_day, "Konferenz"
        )
    draft = _walk_back(
        min(committee - dt.timedelta(days=min_consultation_days), conference - dt.timedelta(days=1)),
        calendar.is_working_day,
        "Weitergabe des Entwurfs",
    )
    administration = _walk_back(draft - dt.timedelta(days=1), calendar.is_working_day, "Verwaltungsvorstand")
    application = _next_working_day(council)

    def political(step_id, kind, body, purpose, day):
        return PlannedStep(step_id, kind, body, purpose, day, latest_invitation=notice.latest_invitation(day))

    plan.steps = [
        PlannedStep(
            "verwaltungsvorstand",
            BodyKind.administration,
            "Verwaltungsvorstand",
            Purpose.consultation,
            administration,
            note="spätestens",
        ),
        # a kreisfreie Stadt has no member municipalities: its draft goes to the partners only
        PlannedStep(
            "entwurf-partner",
            BodyKind.partners,
            "Partner (Träger, Verbände)",
            Purpose.consultation,
            draft,
            note=f"spätestens; {min_consultation_days} Tage Zeit für Rückmeldungen",
        )
        if city
        else PlannedStep(
            "entwurf-gemeinden",
            BodyKind.municipalities,
            "Städte und Gemeinden, Partner",
            Purpose.consultation,
            draft,
            note=f"spätestens; {min_consultation_days} Tage Zeit für Rückmeldungen",
        ),
        # a kreisfreie Stadt hears its Integrationsrat (§ 27 GO NRW); a Kreis its conference of mayors
        political(
            "integrationsrat",
            BodyKind.integration_council,
            names.get(BodyKind.integration_council) or "Integrationsrat",
            Purpose.consultation,
            conference,
        )
        if city
        else PlannedStep(
            "konferenz",
            BodyKind.conference,
            "Bürgermeisterkonferenz",
            Purpose.consultation,
            conference,
            note="spätestens",
        ),
        political("fachausschuss", BodyKind.specialist_committee, committee_name, Purpose.consultation, committee),
        political(
            "hauptausschuss" if city else "kreisausschuss",
            BodyKind.main_committee,
            main_name,
            Purpose.consultation,
            main,
        ),
        political("rat" if city else "kreistag", BodyKind.council, council_name, Purpose.decision, council),
        PlannedStep(
            "foerderantrag",
            BodyKind.funding_application,
            "Land NRW",
            Purpose.application,
            application,
            note="frühestens",
        ),
    ]
    return plan


def plan_steps_data(plan: Plan) -> list[dict]:
    """The plan as plain ``approval_process.steps`` entries (valid against the model).

    Only what a concept prints: the reasoning ("spätestens", the latest invitation) is no content of the
    document; ``plan_yaml`` writes it as YAML comments. The municipalities' consultation involves all of
    them (``municipalities: all``), as the rules of § 8 TIntG expect."""
    out = []
    for step in plan.steps:
        entry = {
            "id": step.id,
            "date": step.date,
            "body": step.body,
            "body_kind": step.kind.value,
            "purpose": step.purpose.value,
        }
        if step.kind is BodyKind.municipalities:
            entry["municipalities"] = "all"
        out.append(entry)
    return out


def plan_yaml(plan: Plan) -> str:
    """A YAML fragment ``approval_process: steps: [...]``; the reasoning of each step as comments.

    Dates are written as plain YAML dates (2012-10-30, never quoted), so the fragment reads exactly like a
    hand-written concept file."""
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    seq = CommentedSeq()
    for _index, (step, data) in enumerate(zip(plan.steps, plan_steps_data(plan))):
        item = CommentedMap(data)
        reasons = [f"Vorschlag: {step.note}" if step.note else "Vorschlag"]
        if step.latest_invitation:
            reasons.append(f"Ladung spätestens {step.latest_invitation:%d.%m.%Y}")
        item.yaml_add_eol_comment("; ".join(reasons), "date")
        seq.append(item)
    root = CommentedMap({"approval_process": CommentedMap({"steps": seq})})
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    buffer.write(
        "# Vorschlag von „integconcept timeline plan“: in die Konzeptdatei übernehmen und anpassen.\n"
        "# Die Kommentare nennen die Überlegung hinter jedem Termin; gedruckt wird nur, was kein Kommentar ist.\n"
    )
    yaml.dump(root, buffer)
    return buffer.getvalue()
