"""The Gremienlauf as a calendar: DTSTAMP is the time the file was made, UIDs differ between concepts and
authorities and stay the same from run to run (issue 27)."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from .conftest import EXAMPLES, MINIMAL, UNNA

EPOCH = "1765000000"  # 2025-12-06T05:46:40Z
STAMP = "20251206T054640Z"


def events(ics: str):
    return Calendar.from_ical(ics).walk("VEVENT")


def uids(ics: str) -> set[str]:
    return {str(e["uid"]) for e in events(ics)}


def test_dtstamp_is_the_creation_time_not_a_date_of_the_plan(run_cli):
    # a plan for June 2027 had DTSTAMP 20270618T000000Z: a time stamp in the future
    result = run_cli("timeline", "plan", "--council-date", "2027-06-18", "-f", "ics", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    assert {e.decoded("dtstamp").strftime("%Y%m%dT%H%M%SZ") for e in events(result.stdout)} == {STAMP}
    assert "DTSTAMP:" + STAMP in result.stdout


def test_same_input_and_source_date_epoch_give_the_same_bytes(run_cli):
    runs = [run_cli("timeline", str(UNNA), "-f", "ics", env={"SOURCE_DATE_EPOCH": EPOCH}) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout and "DTSTAMP:" + STAMP in runs[0].stdout


def test_an_injected_clock_sets_dtstamp():
    from integconcept.commands.validate import validate_file
    from integconcept.reporting import timeline as report
    from integconcept.reporting.ics import timeline_ics

    result = validate_file(str(UNNA))
    timeline = report.build(str(UNNA), result.concept, [], result.settings)
    now = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.timezone.utc)
    data = timeline_ics(timeline, now=now).decode()
    assert {e.decoded("dtstamp") for e in events(data)} == {now}


def test_an_unusable_source_date_epoch_is_named(run_cli):
    result = run_cli("timeline", str(UNNA), "-f", "ics", env={"SOURCE_DATE_EPOCH": "gestern"})
    assert result.returncode == 2 and "SOURCE_DATE_EPOCH („gestern“) muss eine ganze Zahl sein" in result.stderr


def test_uids_are_stable_across_runs_and_differ_between_concepts(run_cli):
    unna = [uids(run_cli("timeline", str(UNNA), "-f", "ics").stdout) for _ in range(2)]
    assert unna[0] == unna[1] and len(unna[0]) > 3
    soest = uids(run_cli("timeline", str(EXAMPLES / "kreis-soest-2013.yaml"), "-f", "ics").stdout)
    assert soest and not unna[0] & soest


def test_two_authorities_with_the_same_ids_do_not_share_uids(run_cli, write):
    steps = (
        "approval_process:\n  steps:\n    - {id: beschluss, date: 2027-06-18, body: Kreistag, "
        "body_kind: council, purpose: decision}\n"
    )
    first = write("a.yaml", MINIMAL + steps)
    second = write("b.yaml", MINIMAL.replace("name: Kreis Test", "name: Kreis Anders") + steps)
    a, b = (uids(run_cli("timeline", path, "-f", "ics").stdout) for path in (first, second))
    assert len(a) == len(b) == 1 and a != b
    assert next(iter(a)).startswith("beschluss.kreis-test.")


def test_plans_without_a_file_for_different_council_dates_do_not_share_uids(run_cli):
    june, july = (
        uids(run_cli("timeline", "plan", "--council-date", day, "-f", "ics").stdout)
        for day in ("2027-06-18", "2027-07-02")
    )
    again = uids(run_cli("timeline", "plan", "--council-date", "2027-06-18", "-f", "ics").stdout)
    assert june and june == again and not june & july
