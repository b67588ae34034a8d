"""Timeline rules on the real chains and on mutations of them (code and line of each finding)."""

from __future__ import annotations

import re

import pytest

from integconcept.core.findings import Severity
from integconcept.rules import all_rules
from integconcept.commands.validate import validate_file

from .conftest import EXAMPLES, UNNA
from .timeline_helpers import findings_for_patch, findings_for_text

SIEGEN = EXAMPLES / "kreis-siegen-wittgenstein-2013.yaml"


def timeline_findings(text: str, **kwargs):
    return findings_for_text(text, **kwargs)


def set_in_step(text: str, step_id: str, key: str, value: str) -> tuple[str, int]:
    """Set ``key: value`` inside the step ``step_id`` (replacing or adding the line); return the
    new text and the 1-based line of that key."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if re.match(rf"^\s*- id: {re.escape(step_id)}\s*$", line))
    indent = len(lines[start]) - len(lines[start].lstrip()) + 2
    end = start + 1
    while end < len(lines) and (lines[end].startswith(" " * indent) or lines[end].strip().startswith("#")):
        end += 1
    for i in range(start + 1, end):
        if lines[i].startswith(" " * indent + key + ":"):
            lines[i] = f"{' ' * indent}{key}: {value}"
            return "\n".join(lines), i + 1
    lines.insert(start + 1, f"{' ' * indent}{key}: {value}")
    return "\n".join(lines), start + 2


def errors(findings):
    return [f for f in findings if f.severity is Severity.error]


def only(findings, severity=None):
    """The findings other than infos (or of one severity) as (code, severity, line)."""
    return sorted(
        (f.code, f.severity.value, f.line)
        for f in findings
        if (f.severity is severity if severity else f.severity is not Severity.info)
    )


# --------------------------------------------------------------------------- the real chains


@pytest.mark.parametrize("path", [UNNA, SIEGEN], ids=["unna", "siegen"])
def test_real_chains_pass_without_errors_or_warnings(path):
    found = timeline_findings(path.read_text(encoding="utf-8"))
    assert only(found) == []


def test_real_chains_pass_validate_without_timeline_errors():
    for path in (UNNA, SIEGEN):
        result = validate_file(str(path))
        assert [f.code for f in result.findings if f.code.startswith("T") and f.severity is Severity.error] == []


UNNA_TEXT = UNNA.read_text(encoding="utf-8") if UNNA.exists() else ""
SIEGEN_TEXT = SIEGEN.read_text(encoding="utf-8") if SIEGEN.exists() else ""


# --------------------------------------------------------------------------- mutations


def test_kreistag_on_german_unity_day():
    text, line = set_in_step(UNNA_TEXT, "kreistag", "date", "2012-10-03")
    found = timeline_findings(text)
    holiday = [f for f in found if f.code == "T010"]
    # no law forbids a session on a holiday (gute Praxis): a warning (issue 25)
    assert [(f.severity, f.line) for f in holiday] == [(Severity.warning, line)]
    assert "Tag der Deutschen Einheit" in holiday[0].message
    # Everything else the move causes is about order (the Kreisausschuss now comes after it).
    assert {f.code for f in errors(found)} == {"T001"}


def test_kreistag_on_a_sunday():
    text, line = set_in_step(UNNA_TEXT, "kreistag", "date", "2012-11-04")
    found = timeline_findings(text)
    assert [(f.code, f.line) for f in found if f.code == "T011"] == [("T011", line)]
    assert "Sonntag" in next(f.message for f in found if f.code == "T011")


def test_siegen_kreistag_on_a_sunday_gives_exactly_t011():
    text, line = set_in_step(SIEGEN_TEXT, "kreistag", "date", "2013-09-15")
    assert only(timeline_findings(text)) == [("T011", "warning", line)]


def test_kreisausschuss_after_kreistag():
    text, line = set_in_step(UNNA_TEXT, "kreisausschuss", "date", "2012-10-31")
    assert only(timeline_findings(text)) == [("T001", "error", line)]


def test_kreisausschuss_same_day_as_kreistag_is_allowed():
    text, _ = set_in_step(UNNA_TEXT, "kreisausschuss", "date", "2012-10-30")
    assert only(timeline_findings(text)) == []


def test_grant_before_application():
    text, line = set_in_step(UNNA_TEXT, "bewilligung", "date", "2012-10-31")
    assert only(timeline_findings(text)) == [("T004", "error", line)]


def test_application_before_council_decision():
    text, line = set_in_step(UNNA_TEXT, "antrag-land", "date", "2012-10-15")
    assert only(timeline_findings(text)) == [("T003", "error", line)]


def test_committee_in_summer_holidays_is_a_warning():
    text, line = set_in_step(SIEGEN_TEXT, "kreissozialausschuss", "date", "2013-08-19")
    found = timeline_findings(text)
    assert only(found) == [("T012", "warning", line)]
    assert "Sommerferien" in found[0].message


def test_committee_in_autumn_holidays_is_a_warning():
    text, line = set_in_step(UNNA_TEXT, "ausschuss-arbeit-soziales-familie", "date", "2012-10-15")
    found = timeline_findings(text)
    assert only(found) == [("T012", "warning", line)]
    assert "Herbstferien" in found[0].message


def test_administration_in_summer_holidays_is_fine():
    # Unna's Verwaltungsvorstand met on 31.07.2012, inside the summer holidays: no finding at all.
    assert not [f for f in timeline_findings(UNNA_TEXT) if f.code in ("T010", "T011", "T012")]


def test_too_short_consultation_window():
    # The draft only goes out on 10.09. (the step with the recipients); the committee meets on 24.09.:
    # 14 days for the municipalities. The welfare associations' meeting on 05.09. is a meeting, not
    # the dispatch, and does not give the municipalities more time (issue 14).
    text, _ = set_in_step(UNNA_TEXT, "weitergabe-entwurf", "date", "2012-09-10")
    committee_line = next(i for i, row in enumerate(text.split("\n"), 1) if row.strip() == "date: 2012-09-24")
    found = timeline_findings(text)
    assert only(found) == [("T030", "warning", committee_line)]
    message = next(f.message for f in found if f.code == "T030")
    assert "nur 14 Tage" in message and "Weitergabe des Entwurfs" in message and "10.09.2012" in message


def test_consultation_window_configurable():
    text, _ = set_in_step(UNNA_TEXT, "weitergabe-entwurf", "date", "2012-09-10")
    assert only(timeline_findings(text, settings={"timeline": {"min_consultation_days": 14}})) == []
    assert [f.code for f in timeline_findings(text, settings={"timeline": {"min_consultation_days": 15}})] == ["T030"]


def test_invitation_inside_notice_period_on_default_is_a_warning():
    text, line = set_in_step(UNNA_TEXT, "kreistag", "invitation_date", "2012-10-26")
    found = timeline_findings(text)
    assert only(found) == [("T020", "warning", line)]
    assert "23.10.2012" in found[0].message and "Annahme" in found[0].message


def test_invitation_inside_configured_notice_period_is_an_error():
    text, line = set_in_step(UNNA_TEXT, "kreistag", "invitation_date", "2012-10-23")
    assert only(timeline_findings(text)) == []  # 6 full days between: within the assumed default
    assert only(timeline_findings(text, settings={"timeline": {"notice_period_days": 7}})) == [("T020", "error", line)]


def test_notice_period_in_working_days():
    # Kreistag Tue 30.10.2012; 5 working days strictly between → invitation on Mon 22.10. at the latest.
    settings = {"timeline": {"notice_period_days": 5, "notice_period_unit": "working_days"}}
    ok, _ = set_in_step(UNNA_TEXT, "kreistag", "invitation_date", "2012-10-22")
    late, line = set_in_step(UNNA_TEXT, "kreistag", "invitation_date", "2012-10-23")
    assert only(timeline_findings(ok, settings=settings)) == []
    assert only(timeline_findings(late, settings=settings)) == [("T020", "error", line)]


def test_invitation_after_the_session_is_always_an_error():
    text, line = set_in_step(UNNA_TEXT, "kreistag", "invitation_date", "2012-10-31")
    assert only(timeline_findings(text)) == [("T020", "error", line)]


def test_concept_older_than_three_years_at_application():
    text, line = set_in_step(UNNA_TEXT, "antrag-land", "date", "2016-01-12")
    found = only(timeline_findings(text))
    assert ("T040", "warning", line) in found  # „nicht älter als 3 Jahre sein sollte“: a Soll


# --------------------------------------------------------------------------- vague dates


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Anfang 2012-11", []),  # after 30.10. for every day of the range
        ("2012-10", [("T003", "info")]),  # depends on the day
        ("Ende 2012-10", [("T003", "info")]),  # 21.-31.10.: depends on the day
        ("Mitte 2012-10", [("T003", "error")]),  # 11.-20.10.: before the decision for every day
    ],
)
def test_vague_application_date(value, expected):
    text, line = set_in_step(UNNA_TEXT, "antrag-land", "date", value)
    found = [(f.code, f.severity.value) for f in timeline_findings(text) if f.code == "T003"]
    assert found == expected
    assert all(f.line == line for f in timeline_findings(text) if f.code == "T003")


def test_vague_kreisausschuss_never_a_false_error():
    text, line = set_in_step(UNNA_TEXT, "kreisausschuss", "date", "Ende 2012-10")
    found = timeline_findings(text)
    assert errors(found) == []
    assert [(f.code, f.severity, f.line) for f in found if f.code == "T001"] == [("T001", Severity.info, line)]


def test_undated_steps_are_judged_by_list_position_only():
    patch = """\
approval_process:
  steps:
    - {id: kreistag, body: Kreistag, body_kind: council, purpose: decision}
    - {id: kreisausschuss, body: Kreisausschuss, body_kind: main_committee, purpose: consultation}
"""
    found = findings_for_patch(patch)
    assert [(f.code, f.severity) for f in found] == [("T001", Severity.info)]


def test_school_holiday_years_not_shipped_give_a_note_not_a_guess():
    patch = """\
approval_process:
  steps:
    - {id: ausschuss, date: 2041-07-15, body: Sozialausschuss, body_kind: specialist_committee, purpose: consultation}
"""
    found = findings_for_patch(patch)
    assert [(f.code, f.severity) for f in found] == [("T012", Severity.info)]
    assert "2041" in found[0].message


# --------------------------------------------------------------------------- the rules' own examples


TIMELINE_RULES = [r for r in all_rules().values() if "timeline" in r.packs]


def test_timeline_rules_have_codes_citations_and_explanations():
    assert {r.code for r in TIMELINE_RULES} >= {
        "T001",
        "T002",
        "T003",
        "T004",
        "T005",
        "T010",
        "T011",
        "T012",
        "T020",
        "T030",
        "T040",
    }
    for rule in TIMELINE_RULES:
        assert re.fullmatch(r"T\d{3}", rule.code)
        assert rule.citations and rule.explanation and rule.cases().shown("bad") and rule.cases().shown("good")
        assert rule.reason and rule.fix  # "why" and "how to fix", shown by `integconcept explain`


@pytest.mark.parametrize("rule", TIMELINE_RULES, ids=lambda r: r.code)
def test_rule_examples(rule):
    bad = findings_for_patch(rule.cases().shown("bad"))
    good = findings_for_patch(rule.cases().shown("good"))
    assert [f.severity for f in bad if f.code == rule.code] == [rule.severity]
    assert [f for f in bad if f.code != rule.code and f.severity is not Severity.info] == []
    assert good == []
