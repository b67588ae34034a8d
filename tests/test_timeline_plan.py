"""timeline plan: backwards from the council date; the proposal passes the timeline checks."""

from __future__ import annotations

import datetime as dt
import json

from integconcept.core.findings import Severity

from .conftest import UNNA
from .timeline_helpers import findings_for_text


def plan_json(run_cli, *args):
    result = run_cli("timeline", "plan", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_plan_for_unna_target_passes_own_checks(run_cli, tmp_path):
    result = run_cli("timeline", "plan", "--council-date", "2012-10-30", "--format", "yaml")
    assert result.returncode == 0, result.stderr
    concept = UNNA.read_text(encoding="utf-8")
    head = concept[: concept.index("approval_process:")]
    fragment = result.stdout
    found = findings_for_text(head + fragment)  # schema-valid, or the helper fails
    assert [f for f in found if f.severity is not Severity.info] == []
    doc = plan_json(run_cli, "--council-date", "2012-10-30")
    dates = {s["id"]: s["date"] for s in doc["steps"]}
    assert dates["kreistag"] == "2012-10-30" and dates["kreisausschuss"] == "2012-10-29"
    # Committee: on or before the Kreisausschuss's latest invitation (22.10.), a working day outside
    # the autumn holidays (08.-20.10.2012).
    assert dates["fachausschuss"] == "2012-10-22"
    assert dt.date.fromisoformat(dates["entwurf-gemeinden"]) <= dt.date(2012, 10, 22) - dt.timedelta(days=28)
    assert doc["plan"]["latest_invitations"]["kreistag"] == "2012-10-23"


def test_plan_skips_summer_holidays_for_political_bodies(run_cli):
    # Target in early September 2012: the summer holidays end 21.08.; the committee cannot sit then.
    doc = plan_json(run_cli, "--council-date", "2012-09-06")
    dates = {s["id"]: dt.date.fromisoformat(s["date"]) for s in doc["steps"]}
    assert not dt.date(2012, 7, 9) <= dates["fachausschuss"] <= dt.date(2012, 8, 21)
    assert dates["fachausschuss"].weekday() < 5
    assert doc["findings"] == [] or all(f["severity"] == "info" for f in doc["findings"])


def test_plan_uses_real_sessions_from_calendar(run_cli, write):
    ics = write(
        "sitzungen.ics",
        "\r\n".join(
            [
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//SessionNet//DE",
                "BEGIN:VEVENT",
                "UID:1",
                "DTSTAMP:20120101T000000Z",
                "DTSTART;VALUE=DATE:20121030",
                "SUMMARY:Kreistag",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:2",
                "DTSTAMP:20120101T000000Z",
                "DTSTART:20121023T160000",
                "SUMMARY:Kreisausschuss",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:3",
                "DTSTAMP:20120101T000000Z",
                "DTSTART:20120924T150000",
                "SUMMARY:Ausschuss für Arbeit, Soziales und Familie",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:4",
                "DTSTAMP:20120101T000000Z",
                "DTSTART:20121015T150000",
                "SUMMARY:Ausschuss für Arbeit, Soziales und Familie",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:5",
                "DTSTAMP:20120101T000000Z",
                "DTSTART:20121004T150000",
                "SUMMARY:Ausschuss für Arbeit, Soziales und Familie",
                "END:VEVENT",
                "END:VCALENDAR",
                "",
            ]
        ),
    )
    doc = plan_json(
        run_cli, "-d", "2012-10-30", "--calendar", ics, "--committee", "Ausschuss für Arbeit, Soziales und Familie"
    )
    dates = {s["id"]: s["date"] for s in doc["steps"]}
    assert dates["kreisausschuss"] == "2012-10-23"
    # Latest invitation for 23.10. is 16.10.; the session on 15.10. lies in the autumn holidays
    # (08.-20.10.2012), so the latest real session outside them is proposed: 04.10.
    assert dates["fachausschuss"] == "2012-10-04"
    assert [f for f in doc["findings"] if f["severity"] == "error"] == []


def test_plan_rejects_a_holiday_target_and_bad_input(run_cli, write):
    result = run_cli("timeline", "plan", "--council-date", "2012-10-03")
    assert result.returncode == 2 and "Tag der Deutschen Einheit" in result.stderr
    result = run_cli("timeline", "plan", "--council-date", "30.10.2012")
    assert result.returncode == 2 and "2012-10-30" in result.stderr
    result = run_cli("timeline", "plan", "-d", "2012-10-30", "--calendar", write("x.ics", "kein Kalender"))
    assert result.returncode == 2 and "iCalendar" in result.stderr
    assert "Traceback" not in result.stderr


def test_plan_for_a_city_and_ics(run_cli):
    from icalendar import Calendar

    result = run_cli("timeline", "plan", "-d", "2014-11-27", "--authority-kind", "kreisfreie_stadt", "-f", "ics")
    assert result.returncode == 0, result.stderr
    summaries = [str(e["summary"]) for e in Calendar.from_ical(result.stdout.encode()).walk("VEVENT")]
    assert "Rat: Beschlussfassung" in summaries and "Hauptausschuss: Beratung" in summaries


def test_plan_text_is_readable(run_cli):
    result = run_cli("timeline", "plan", "-d", "2012-10-30", env={"COLUMNS": "80"})
    assert result.returncode == 0
    assert max(len(row.rstrip()) for row in result.stdout.splitlines()) <= 80
    assert "Di., 30. Oktober 2012" in result.stdout and "späteste Termine" in result.stdout
