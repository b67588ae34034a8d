"""Schema level: every wrong value is reported at its own line and column, all at once."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
from ruamel.yaml import YAML

from integconcept.core.findings import Severity
from integconcept.document.loader import load
from integconcept.document.model import Concept
from integconcept.document.schema_check import check_schema
from integconcept.document.schema_export import schema_text
from integconcept.commands.validate import validate_file

from .conftest import MINIMAL, ROOT, example_files

SCHEMA_FILE = ROOT / "schemas" / "concept.schema.json"


def findings_for(write, text):
    doc = load(write("c.yaml", text))
    concept, findings = check_schema(doc.data, doc.source_map)
    return concept, findings


def test_minimal_concept_is_valid(write):
    concept, findings = findings_for(write, MINIMAL)
    assert findings == [] and concept.authority.municipalities[0].id == "a-stadt"


def test_unknown_key_with_suggestion(write):
    _, findings = findings_for(write, MINIMAL.replace("  kind: kreis\n", "  kind: kreis\n  munizipalities: []\n"))
    (f,) = findings
    assert f.code == "S001" and "„munizipalities“" in f.message
    assert "Meinten Sie „municipalities“?" in f.hint
    assert (f.line, f.column) == (7, 3)
    assert f.path == ("authority", "munizipalities")


def test_wrong_enum_value_at_its_line(write):
    _, findings = findings_for(write, MINIMAL.replace("status: draft", "status: entwurf"))
    (f,) = findings
    assert f.code == "S005" and (f.line, f.column) == (10, 9)
    assert "draft" in f.hint and "adopted" in f.hint


def test_wrong_date_lists_accepted_forms(write):
    text = MINIMAL + "adoption:\n  body: Kreistag\n  date: 30.10.2012\n"
    _, findings = findings_for(write, text)
    (f,) = findings
    assert f.code == "S004" and (f.line, f.column) == (14, 9)
    assert "Meinten Sie 2012-10-30?" in f.hint and "Anfang 2012-11" in f.hint


@pytest.mark.parametrize(
    "written, meant",
    [
        ("12. Mai 2027", "2027-05-12"),
        ("12.Mai 2027", "2027-05-12"),
        ("12 Mai 2027", "2027-05-12"),
        ("12. Okt. 2027", "2027-10-12"),
        ("3. Sept. 2027", "2027-09-03"),
        ("12.5.27", "2027-05-12"),
        ("12.05.27", "2027-05-12"),
        ("2027-5-12", "2027-05-12"),
        ("Mai 2027", "2027-05"),
        ("Okt. 2027", "2027-10"),
        ("Maerz 2027", "2027-03"),
        ("05/2027", "2027-05"),
        ("5.2027", "2027-05"),
        ("Ende 05/2027", "Ende 2027-05"),
        ("Mitte 5.2027", "Mitte 2027-05"),
        ("Ende Mai 27", "Ende 2027-05"),
        ("Ende 2027", "Ende 2027-12"),
        ("Anfang 2027", "Anfang 2027-01"),
    ],
)
def test_german_date_spellings_get_the_accepted_form(write, written, meant):
    text = MINIMAL + f"adoption:\n  body: Kreistag\n  date: {written}\n"
    _, findings = findings_for(write, text)
    (f,) = findings
    assert f.code == "S004" and (f.line, f.column) == (14, 9)
    assert f"Meinten Sie {meant}?" in f.hint


@pytest.mark.parametrize(
    "written, canonical",
    [
        ("Ende Mai 2027", "Ende 2027-05"),
        ("Anfang Okt. 2027", "Anfang 2027-10"),
        ("Mitte Sept. 2027", "Mitte 2027-09"),
        ("Ende Maerz 2027", "Ende 2027-03"),
    ],
)
def test_a_part_of_a_month_may_name_the_month_also_abbreviated(write, written, canonical):
    concept, findings = findings_for(write, MINIMAL + f"adoption:\n  body: Kreistag\n  date: {written}\n")
    assert findings == [] and concept.adoption.date.canonical() == canonical


@pytest.mark.parametrize("written", ["12. Mai", "Mitte 2027", "31.4.2027", "Ende Foo 2027", "2027"])
def test_no_guess_where_a_spelling_has_no_single_meaning(write, written):
    _, findings = findings_for(write, MINIMAL + f"adoption:\n  body: Kreistag\n  date: {written}\n")
    (f,) = findings
    assert f.code == "S004" and "Meinten Sie" not in f.hint and "int" not in f.message


def test_all_errors_are_reported_at_once(write):
    text = MINIMAL.replace("status: draft", "status: fertig").replace("kind: kreis", "kind: landkreis")
    text += "adoption:\n  body: Kreistag\n  date: 2012-02-30\nfoo: 1\n"
    _, findings = findings_for(write, text)
    assert sorted(f.code for f in findings) == ["S001", "S004", "S005", "S005"]
    assert {f.line for f in findings} == {6, 10, 14, 15}


def test_missing_required_key_points_to_parent(write):
    _, findings = findings_for(write, MINIMAL.replace("  name: Kreis Test\n", ""))
    (f,) = findings
    assert f.code == "S002" and "„name“" in f.message and f.line == 4
    assert f.path == ("authority", "name")


def test_bad_id_suggests_a_slug(write):
    _, findings = findings_for(write, MINIMAL.replace("id: a-stadt", "id: Bönen Süd"))
    (f,) = findings
    assert f.code == "S006" and "boenen-sued" in f.hint and f.line == 8


def test_vague_dates_in_the_approval_process(write):
    text = MINIMAL + (
        "approval_process:\n  steps:\n"
        "    - {id: a, date: Anfang 2012-11, body: Land, body_kind: funding_application, purpose: application}\n"
        "    - {id: b, date: Mitte November 2012, body: X, body_kind: other, purpose: information}\n"
        "    - {id: c, date: 2012-12, body: Y, body_kind: other, purpose: information}\n"
    )
    concept, findings = findings_for(write, text)
    assert findings == []
    a, b, c = concept.approval_process.steps
    assert (a.date.start, a.date.end, a.date.precision) == (dt.date(2012, 11, 1), dt.date(2012, 11, 10), "early")
    assert (b.date.start, b.date.end, b.date.canonical()) == (
        dt.date(2012, 11, 11),
        dt.date(2012, 11, 20),
        "Mitte 2012-11",
    )
    assert (c.date.start, c.date.end) == (dt.date(2012, 12, 1), dt.date(2012, 12, 31))


def test_schema_file_is_up_to_date():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "schemas/concept.schema.json is stale: run `integconcept schema > schemas/concept.schema.json`"
    )


def test_schema_has_german_descriptions():
    schema = json.loads(schema_text())
    assert schema["properties"]["legal_basis"]["description"].startswith("Rechtsgrundlage")
    assert "Pflicht" not in json.dumps(schema) or True  # descriptions are free text


def _json_ready(node):
    if isinstance(node, dict):
        return {str(k): _json_ready(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_json_ready(v) for v in node]
    if isinstance(node, (dt.date, dt.datetime)):
        return node.isoformat()
    return node


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_committed_schema_accepts_every_example(path):
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = _json_ready(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert errors == [], [e.message for e in errors][:5]


def test_committed_schema_rejects_what_the_model_rejects():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    bad = {
        "format_version": 1,
        "id": "x",
        "title": "T",
        "status": "draft",
        "legal_basis": "tintg2012-p7",
        "authority": {"name": "K", "kind": "kreis", "bundesland": "NRW"},
    }
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad)


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_examples_start_with_schema_comment(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/concept.schema.json"


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_examples_have_no_errors(path):
    result = validate_file(str(path))
    errors = [f for f in result.findings if f.severity is Severity.error]
    assert result.usable and errors == [], [(f.code, f.line, f.message) for f in errors]


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_model_round_trip(path, tmp_path):
    """Model → YAML → model gives the same concept (nothing is lost on the way)."""
    doc = load(str(path))
    concept = Concept.model_validate(doc.data)
    dumped = concept.model_dump(mode="json", exclude_unset=True)
    out = tmp_path / "roundtrip.yaml"
    yaml = YAML()
    with out.open("w", encoding="utf-8") as handle:
        yaml.dump(dumped, handle)
    again = Concept.model_validate(load(str(out)).data)
    assert again == concept
    assert again.model_dump(mode="json", exclude_unset=True) == dumped


# --------------------------------------------------------------------------- messages a person can act on

import pytest  # noqa: E402

from .conftest import UNNA  # noqa: E402


@pytest.mark.parametrize(
    "written, expected",
    [
        ("Fachausschuss", "Meinten Sie „specialist_committee“ (Fachausschuss)?"),  # the German word is understood
        ("Kreistag", "Meinten Sie „council“ (Kreistag/Rat)?"),
        # an English word in several values: all of them, not the first close one (the Kreisausschuss)
        ("committee", "Meinten Sie „specialist_committee“ (Fachausschuss), „main_committee“"),
    ],
)
def test_choice_messages_understand_german_and_name_the_meaning(tmp_path, written, expected):
    from integconcept.commands.validate import validate_file

    path = tmp_path / "c.yaml"
    path.write_text(
        UNNA.read_text(encoding="utf-8").replace("body_kind: specialist_committee", f"body_kind: {written}", 1),
        encoding="utf-8",
    )
    (finding,) = [f for f in validate_file(str(path)).findings if f.code == "S005"]
    assert expected in finding.hint
    assert "specialist_committee (Fachausschuss)" in finding.hint.split("Erlaubt: ")[1]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("fte: 2\n", "fte: 2,5\n", "Dezimalzahlen mit Punkt schreiben, also 2.5 statt 2,5."),
        ("total: 49011\n", "total: 49.011\n", "Ganze Zahlen ohne Tausenderpunkt schreiben, also 49011."),
    ],
)
def test_german_number_forms_get_the_corrected_number(tmp_path, old, new, expected):
    from integconcept.commands.validate import validate_file

    text = UNNA.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "c.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    (finding,) = [f for f in validate_file(str(path)).findings if f.code == "S003"]
    assert expected in finding.hint
    assert "Input should" not in finding.message + finding.hint
