"""The Gremienlauf as SVG (reporting/timeline_svg.py): well-formed and accessible, one entry per step,
holidays and notice deadlines where the calendar has them, findings on the step they are about."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET

import pytest

from .conftest import EXAMPLES, UNNA

S = "{http://www.w3.org/2000/svg}"


def _validated(path):
    from integconcept.commands.validate import validate_file

    result = validate_file(str(path))
    assert result.concept is not None
    return result


def _svg(result, findings=None) -> str:
    from integconcept.reporting.timeline_svg import timeline_svg

    return timeline_svg(result.concept, result.findings if findings is None else findings, result.settings)


def _classes(element) -> list[str]:
    return (element.get("class") or "").split()


def _by_class(root, name: str) -> list:
    return [element for element in root.iter() if name in _classes(element)]


def _title(element) -> str:
    title = element.find(f"{S}title")
    return title.text if title is not None else ""


@pytest.fixture(scope="module")
def unna():
    return _validated(UNNA)


@pytest.fixture(scope="module")
def unna_svg(unna) -> ET.Element:
    return ET.fromstring(_svg(unna))


def test_well_formed_accessible_and_german(unna_svg, unna):
    root = unna_svg
    assert root.tag == f"{S}svg"
    assert root.get("role") == "img"
    label = root.get("aria-label")
    assert label == (
        "Zeitleiste des Gremienlaufs: 12 Schritte von 31. Juli 2012 bis 12. Dezember 2012 "
        "(2 ohne Datum); keine Befunde."
    )  # Unna's findings are about other parts
    assert _title(root) == "Gremienlauf: Integrationskonzept Kreis Unna"
    description = root.find(f"{S}desc").text
    assert "Kreistag" in description and "späteste Einladung 23.10.2012" in description


def test_every_step_once_undated_ones_listed_aside(unna_svg, unna):
    steps = unna.concept.approval_process.steps
    shown = _by_class(unna_svg, "tl-step")
    assert sorted(int(g.get("data-step")) for g in shown) == list(range(len(steps)))
    undated = [int(g.get("data-step")) for g in _by_class(unna_svg, "tl-undated")]
    assert undated == [i for i, step in enumerate(steps) if step.date is None] == [1, 9]
    # the rows of the dated steps in the file's order, a day as a dot, a vague date as a range
    rows = [g for g in shown if "tl-undated" not in _classes(g)]
    assert [int(g.get("data-step")) for g in rows] == [0, 2, 3, 4, 5, 6, 7, 8, 10, 11]
    assert len(_by_class(unna_svg, "tl-day")) == 9
    (vague,) = _by_class(unna_svg, "tl-range")  # "Anfang November 2012": 1 to 10 November
    assert "Anfang November 2012" in _title(rows[8])
    days = float(vague.get("width")) / _day_width(unna_svg)
    assert days == pytest.approx(10, rel=0.01)


def _day_width(root) -> float:
    """Width of one day on the plot, from a public holiday's band (one day wide)."""
    band = next(r for r in _by_class(root, "tl-public") if r.get("data-from") == r.get("data-to"))
    return float(band.get("width"))


def test_school_and_public_holidays_are_shaded(unna_svg):
    school = _by_class(unna_svg, "tl-school")
    autumn = [r for r in school if r.get("data-from") <= "2012-10-10" <= r.get("data-to")]
    assert len(autumn) == 1 and "Herbstferien" in _title(autumn[0])
    assert (autumn[0].get("data-from"), autumn[0].get("data-to")) == ("2012-10-08", "2012-10-20")
    assert any("Sommerferien" in _title(r) for r in school)
    public = {r.get("data-from"): _title(r) for r in _by_class(unna_svg, "tl-public")}
    assert "Tag der Deutschen Einheit" in public["2012-10-03"]
    assert "Allerheiligen" in public["2012-11-01"]
    # no band for an ordinary working day
    assert not [
        r for r in school + _by_class(unna_svg, "tl-public") if r.get("data-from") <= "2012-09-24" <= r.get("data-to")
    ]


def test_notice_deadline_of_each_political_session(unna_svg, unna):
    notices = {g.get("data-latest"): _title(g) for g in _by_class(unna_svg, "tl-notice")}
    # political bodies only: committees, integration councils, Kreisausschuss, Kreistag
    assert len(notices) == 4
    kreistag = notices["2012-10-23"]  # 6 calendar days (the stated default) before 30 October
    assert kreistag.startswith("Ladungsfrist 6 Kalendertage: späteste Einladung Dienstag, 23. Oktober 2012")
    assert "Annahme" in kreistag  # where the period comes from


def test_a_real_finding_sits_on_its_step(tmp_path):
    text = UNNA.read_text(encoding="utf-8")
    moved = text.replace(
        "    - id: kreisausschuss\n      date: 2012-10-29", "    - id: kreisausschuss\n      date: 2012-10-27"
    )
    assert moved != text
    path = tmp_path / "unna.yaml"
    path.write_text(moved, encoding="utf-8")
    result = _validated(path)
    (finding,) = [f for f in result.findings if f.code == "T011"]
    assert finding.path[:3] == ("approval_process", "steps", 7)
    root = ET.fromstring(_svg(result))
    badges = _by_class(root, "tl-finding")
    assert [b.get("data-code") for b in badges] == ["T011"]  # findings about other parts are not drawn
    step = next(g for g in _by_class(root, "tl-step") if g.get("data-step") == "7")
    (badge,) = _by_class(step, "tl-finding")
    assert f"tl-{finding.severity.value}" in _classes(badge)  # its colour
    assert _title(badge).startswith(f"{finding.severity.label} T011: „Kreisausschuss“ tagt am Sa., 27.10.2012")
    assert _title(badge) == f"{finding.severity.label} T011: {finding.message}" + (
        f" {finding.hint}" if finding.hint else ""
    )
    assert badge.find(f"{S}text").text == "T011"


def test_findings_by_tuple_or_dotted_path_undated_and_whole_process(unna):
    from integconcept.core.findings import Finding, Severity

    findings = [
        Finding("T012", Severity.warning, "Einladung zu spät.", "approval_process.steps[5].invitation_date"),
        Finding("T020", Severity.info, "Ohne Datum.", ("approval_process", "steps", 9)),
        Finding("T030", Severity.warning, "Zu kurze Beteiligung.", ("approval_process",)),
        Finding("K006", Severity.warning, "Tabelle.", ("preamble", "population_table")),
    ]
    root = ET.fromstring(_svg(unna, findings))
    placed = {
        g.get("data-step"): [b.get("data-code") for b in _by_class(g, "tl-finding")] for g in _by_class(root, "tl-step")
    }
    assert placed["5"] == ["T012"] and placed["9"] == ["T020"]
    assert sum(len(codes) for codes in placed.values()) == 2
    (loose,) = _by_class(root, "tl-loose")
    assert "Zu kurze Beteiligung." in "".join(loose.itertext())
    assert "K006" not in ET.tostring(root, encoding="unicode")


def test_same_input_same_bytes_whatever_the_order_of_findings(unna):
    from integconcept.core.findings import Finding, Severity

    findings = [
        Finding(f"T0{n:02d}", Severity.warning, f"Befund {n}", ("approval_process", "steps", n % 12)) for n in range(20)
    ]
    first = _svg(unna, findings)
    shuffled = findings[:]
    random.Random(4).shuffle(shuffled)
    assert _svg(unna, shuffled) == first == _svg(unna, findings)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_draws(path):
    result = _validated(path)
    root = ET.fromstring(_svg(result))
    assert len(_by_class(root, "tl-step")) == len(result.concept.approval_process.steps)


def test_a_concept_without_dates_says_so(unna):
    process = unna.concept.approval_process
    steps = [step.model_copy(update={"date": None}) for step in process.steps]
    concept = unna.concept.model_copy(update={"approval_process": process.model_copy(update={"steps": steps})})
    from integconcept.reporting.timeline_svg import timeline_svg

    root = ET.fromstring(timeline_svg(concept, []))
    assert "Kein Schritt hat ein Datum." in "".join(root.itertext())
    assert len(_by_class(root, "tl-undated")) == len(steps)


def test_control_characters_and_lone_surrogates_cannot_break_the_svg(unna):
    from integconcept.core.findings import Finding, Severity
    from integconcept.reporting.timeline_svg import timeline_svg

    process = unna.concept.approval_process
    steps = list(process.steps)
    steps[0] = steps[0].model_copy(update={"body": "Verwaltungs\x01vorstand <b> & \ud800"})
    concept = unna.concept.model_copy(update={"approval_process": process.model_copy(update={"steps": steps})})
    svg = timeline_svg(concept, [Finding("T011", Severity.error, "Bad \x0b <x>", ("approval_process", "steps", 0))])
    svg.encode("utf-8")
    root = ET.fromstring(svg)
    assert "Verwaltungsvorstand <b> & \ufffd" in "".join(root.itertext())


def test_a_process_over_decades_draws_years_without_holidays(unna):
    """A step dated in 2150 (a typo for 2015) stretches the line over 138 years: the SVG stays small,
    shows years and says that holidays are not drawn at this scale."""
    process = unna.concept.approval_process
    from integconcept.document.dates import VagueDate
    from integconcept.reporting.timeline_svg import timeline_svg
    import datetime as dt

    steps = list(process.steps)
    steps[-1] = steps[-1].model_copy(update={"date": VagueDate.day(dt.date(2150, 12, 12))})
    concept = unna.concept.model_copy(update={"approval_process": process.model_copy(update={"steps": steps})})
    svg = timeline_svg(concept, [])
    root = ET.fromstring(svg)
    assert len(svg) < 60_000
    assert not _by_class(root, "tl-school") and not _by_class(root, "tl-public")
    assert "Ferien und Feiertage nur bei Zeiträumen bis vier Jahre" in "".join(root.itertext())
    labels = [t.text for t in _by_class(root, "tl-month-labels")[0]]
    assert labels == [str(year) for year in range(2020, 2150, 20)]  # every 20 years
