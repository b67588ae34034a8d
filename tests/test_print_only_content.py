"""Documents print only content: staff remarks (``remark``) and the planner's reasoning stay in the file,
never in the DOCX (issue 24.2)."""

from __future__ import annotations

import re

import yaml

from .conftest import EXAMPLES, UNNA
from .render_helpers import flat_text, part, q

SOEST = EXAMPLES / "kreis-soest-2013.yaml"
KIM = EXAMPLES / "kreis-unna-kim-2021.yaml"


def _validate_text(text: str):
    import tempfile
    from pathlib import Path

    from integconcept.commands.validate import validate_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "konzept.yaml"
        path.write_text(text, encoding="utf-8")
        return validate_file(str(path))


def _render_text(path_or_text) -> str:
    from integconcept.commands.validate import validate_file
    from integconcept.render import render_concept

    if isinstance(path_or_text, str):
        result = _validate_text(path_or_text)
    else:
        result = validate_file(str(path_or_text))
    assert result.concept is not None, [f.message for f in result.findings]
    data = render_concept(result.concept, None).data
    document = part(data, "word/document.xml")
    return "\n".join(flat_text(p) for p in document.iter(q("p")))


def test_soest_step_remarks_stay_in_the_file_not_in_the_document():
    source = SOEST.read_text(encoding="utf-8")
    data = yaml.safe_load(source)
    remarks = [s.get("remark") for s in data["approval_process"]["steps"]]
    assert remarks.count("Termin im Bericht nicht genannt.") == 2
    text = _render_text(SOEST)
    assert "Termin im Bericht nicht genannt" not in text
    # the steps themselves are still printed
    assert "Workshop mit den 14 Kreiskommunen" in text and "Extrasitzung" in text


def test_kim_finance_remark_not_printed_but_kept():
    data = yaml.safe_load(KIM.read_text(encoding="utf-8"))
    own = [f for f in data["staffing"]["funding"] if f["funder"] == "own"][0]
    assert own["remark"].startswith("Der Bericht nennt keinen Zeitraum")
    text = _render_text(KIM)
    assert "Der Bericht nennt keinen Zeitraum" not in text
    assert "Eigenanteil des Kreises, rund" in text and "165.000" in text


def test_printed_note_still_printed_remark_not(write):
    concept = UNNA.read_text(encoding="utf-8")
    marker = "  steps:\n"
    index = concept.index(marker, concept.index("approval_process:")) + len(marker)
    # the first step gets a printed note and an internal remark
    first_step_end = concept.index("\n", concept.index("    - id:", index))
    changed = (
        concept[: first_step_end + 1] + "      note: Gedruckte Anmerkung zum Schritt.\n"
        "      remark: Nur für die Bearbeitung, Quelle Pressebericht.\n" + concept[first_step_end + 1 :]
    )
    text = _render_text(changed)
    assert "Gedruckte Anmerkung zum Schritt." in text
    assert "Nur für die Bearbeitung" not in text


def test_plan_yaml_reasoning_as_comments_dates_unquoted_municipalities_all(run_cli):
    result = run_cli("timeline", "plan", "--council-date", "2012-10-30", "--format", "yaml")
    assert result.returncode == 0, result.stderr
    fragment = result.stdout
    assert "note:" not in fragment and "Vorschlag (" not in fragment
    # the reasoning is still there, as comments
    assert re.search(r"date: 2012-09-24  # Vorschlag: spätestens; 28 Tage Zeit für Rückmeldungen", fragment)
    assert "# Vorschlag; Ladung spätestens 23.10.2012" in fragment
    # nothing the schema reads as a date is quoted
    assert not re.search(r"""date: ['"]""", fragment)
    steps = yaml.safe_load(fragment)["approval_process"]["steps"]
    municipalities = [s for s in steps if s["body_kind"] == "municipalities"]
    assert municipalities and all(s.get("municipalities") == "all" for s in municipalities)
    # pasted into a concept and rendered: the steps print, the planner's words do not
    concept = UNNA.read_text(encoding="utf-8")
    text = _render_text(concept[: concept.index("approval_process:")] + fragment)
    assert "Bürgermeisterkonferenz" in text
    assert "Vorschlag" not in text and "spätestens" not in text


def test_plan_yaml_for_a_city_has_no_municipalities_step(run_cli):
    result = run_cli(
        "timeline", "plan", "--council-date", "2024-12-12", "--authority-kind", "kreisfreie_stadt", "--format", "yaml"
    )
    assert result.returncode == 0, result.stderr
    steps = yaml.safe_load(result.stdout)["approval_process"]["steps"]
    assert [s for s in steps if s["body_kind"] == "municipalities"] == []
    assert any(s["body_kind"] == "partners" for s in steps)


def test_plan_yaml_with_2022_law_does_not_trigger_g802(run_cli, write):
    result = run_cli("timeline", "plan", "--council-date", "2024-12-12", "--format", "yaml")
    assert result.returncode == 0, result.stderr
    concept = UNNA.read_text(encoding="utf-8").replace("legal_basis: tintg2012-p7", "legal_basis: tintg2022-p8")
    text = concept[: concept.index("approval_process:")] + result.stdout
    found = _validate_text(text).findings
    assert "G802" not in {f.code for f in found}
