"""A draft's title page names the planned council session, taken from the deciding step of the approval
process: "Vorlage für die Sitzung des Kreistags am …" (issue 27)."""

from __future__ import annotations

import pytest

from integconcept.document.model import Concept
from integconcept.render import outline as ol

from .render_helpers import body_paragraphs, flat_text

from .conftest import MINIMAL


def cover_lines(data: bytes) -> list[str]:
    lines = []
    for paragraph in body_paragraphs(data):
        text = flat_text(paragraph).strip()
        if text == "Inhalt":
            break
        if text:
            lines.append(text)
    return lines


@pytest.mark.parametrize(
    "kind, authority, session",
    [
        ("kreis", "Kreis Testland", "Vorlage für die Sitzung des Kreistags am 18. Juni 2027"),
        ("kreisfreie_stadt", "Stadt Testheim", "Vorlage für die Sitzung des Rates der Stadt am 18. Juni 2027"),
    ],
)
def test_init_then_plan_then_render_names_the_council_session(run_cli, tmp_path, kind, authority, session):
    """The clerk's way: init, paste the plan's steps into the file, render the draft."""
    concept = tmp_path / "konzept.yaml"
    args = ["init", str(concept), "--authority", authority, "--kind", kind, "--basis", "tintg2022-p8"]
    if kind == "kreis":
        args += ["--municipality", "Aheim"]
    assert run_cli(*args).returncode == 0
    text = concept.read_text(encoding="utf-8")
    assert "Vorlage für die Sitzung" in text  # the guidance says where the planned date goes
    plan = run_cli("timeline", "plan", "--council-date", "2027-06-18", str(concept), "-f", "yaml")
    assert plan.returncode == 0, plan.stderr
    steps = plan.stdout.split("  steps:\n", 1)[1]
    concept.write_text(text.replace("  steps: []\n", "  steps:\n" + steps), encoding="utf-8")
    out = tmp_path / "entwurf.docx"
    result = run_cli("render", str(concept), "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = cover_lines(out.read_bytes())
    assert lines[:3] == [authority, f"Integrationskonzept {authority}", "Entwurf"]
    assert lines[3] == session


def _concept(steps: str, extra: str = "") -> Concept:
    from integconcept.document.loader import parse_yaml, to_plain

    data, _ = to_plain(parse_yaml(MINIMAL + extra + "approval_process:\n  steps:\n" + steps))
    return Concept.model_validate(data)


STEP = "    - {{id: {id}, date: {date}, body: Kreistag, body_kind: council, purpose: decision{more}}}\n"


@pytest.mark.parametrize(
    "date, when",
    [
        ("2027-06-18", "am 18. Juni 2027"),
        ("2027-06", "im Juni 2027"),
        ("Ende 2027-06", "Ende Juni 2027"),
    ],
)
def test_the_session_date_is_worded_by_its_precision(date, when):
    cover = ol.cover(_concept(STEP.format(id="beschluss", date=date, more="")))
    assert "".join(cover.decision) == f"Vorlage für die Sitzung des Kreistags {when}"


def test_a_decision_on_the_draft_is_not_the_session_the_concept_is_for():
    steps = (
        STEP.format(id="entwurf", date="2027-03-10", more=", on_draft: true")
        + "    - {id: info, date: 2027-04-01, body: Gemeinden, body_kind: municipalities, purpose: consultation}\n"
        + STEP.format(id="beschluss", date="2027-06-18", more="")
    )
    assert "".join(ol.cover(_concept(steps)).decision).endswith("am 18. Juni 2027")
    only_draft = _concept(STEP.format(id="entwurf", date="2027-03-10", more=", on_draft: true"))
    assert ol.cover(only_draft).decision is None


def test_an_entered_adoption_and_an_adopted_concept_keep_their_own_lines():
    step = STEP.format(id="beschluss", date="2027-06-18", more="")
    planned = _concept(step, "adoption:\n  body: Kreistag\n  date: 2027-06-25\n")
    assert ol.cover(planned).decision == ("Zur Beschlussfassung: ", "Kreistag, vorgesehen am 25. Juni 2027")
    adopted = _concept(step).model_copy(update={"status": "adopted"})
    assert ol.cover(adopted, draft=False).decision is None  # no "Vorlage für …" once decided
