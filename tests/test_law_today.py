"""Today's law (issue 25): severities as the norm words them, citations per authority kind and
guideline version, the 2023/2025 guidelines, § 9 Abs. 2 S. 2 and Abs. 4, KIM staffing, and the
chains of kreisfreie Städte and of more than one council decision."""

from __future__ import annotations

import re

import pytest

from integconcept.core.findings import Severity
from integconcept.commands.validate import validate_file

from .render_helpers import flat_text, part, q, tables

KIM_FULL = """\
format_version: 1
id: kreis-x-kim
title: KIM Kreis X
authority:
  name: Kreis X
  kind: kreis
  municipalities:
    - {id: a-stadt, name: A-Stadt}
    - {id: b-dorf, name: B-Dorf}
status: draft
legal_basis: tintg2022-p8-p9
uses_kim: true
ki_tasks:
  period: {start: 2025-01, end: 2026-12}
staffing:
  posts:
    - {label: Strategisches Management, fte: 3.5, funded_by: land, kim_component: strategic, funding_eur_per_year: 57000}
    - {label: Case Management, fte: 2, funded_by: land, kim_component: case_management, municipality: a-stadt,
       other_funding: [ESF Plus]}
  pass_on:
    - {recipients: [a-stadt], contract: weiterleitungsvertrag, amount_eur: 114000, per: year, purpose: Case Management}
  delimitation: Die Stellen werden nicht aus anderen Mitteln gefördert.
"""


def validate_text(tmp_path, text: str, basis: str | None = None, name: str = "c.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = validate_file(str(path), basis=basis)
    assert result.usable and result.concept is not None, [(f.code, f.message) for f in result.findings]
    schema = [(f.code, f.message) for f in result.findings if re.fullmatch(r"[SFY]\d{3}", f.code)]
    assert not schema, schema
    return result


# --------------------------------------------------------------------------- model: printed as the file holds it


def test_pass_on_posts_by_place_and_delimitation_are_printed(tmp_path):
    from integconcept.render import render_concept

    result = validate_text(tmp_path, KIM_FULL)
    data = render_concept(result.concept, None).data
    rows = [row for table in tables(data) for row in table]
    assert ["Case Management", "A-Stadt", "2", "Land NRW; ESF Plus", "–"] in rows
    assert ["A-Stadt", "Weiterleitungsvertrag", "114.000,00\u00a0€ jährlich", "Case Management"] in rows
    text = " ".join(flat_text(p) for p in part(data, "word/document.xml").iter(q("p")))
    assert "Die Stellen werden nicht aus anderen Mitteln gefördert." in text
    assert "Zeitraum der Arbeitsschwerpunkte: Januar 2025 bis Dezember 2026" in text
    assert "case_management" not in text and "Baustein" not in text  # the classification is not printed


# --------------------------------------------------------------------------- 1. severity follows the modality

from integconcept.rules import all_rules  # noqa: E402
from integconcept.rules.base import Modality  # noqa: E402

ORDER = {Severity.info: 0, Severity.warning: 1, Severity.error: 2}


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_every_rule_states_its_modality_and_its_severity_follows_it(code):
    rule = all_rules()[code]
    assert isinstance(rule.modality, Modality), code
    if rule.modality in (Modality.should, Modality.practice) or rule.unverified:
        assert ORDER[rule.severity] <= ORDER[Severity.warning], code
    if rule.modality is Modality.should:
        assert rule.deviation and len(rule.deviation) > 40, code  # what a county writes to deviate


@pytest.mark.parametrize("code", ["G802", "G803", "G804", "G805", "G806"])
def test_paragraph_8_sentence_2_and_3_are_soll_rules_and_warn(code):
    rule = all_rules()[code]
    assert rule.modality is Modality.should and rule.severity is Severity.warning
    assert "Soll-Vorschrift" in rule.reason


def test_g902_is_not_an_error_paragraph_9_2_addresses_the_funding_rules():
    rule = all_rules()["G902"]
    assert rule.severity is Severity.warning and rule.modality is Modality.guideline


def test_rules_and_explain_show_the_modality(run_cli):
    import json
    import re

    text = run_cli("rules").stdout
    block = text[text.index("G806 ") : text.index("G807 ")]
    assert "Art: Soll-Vorschrift" in block and re.match(r"G806 +Warnung", block)
    assert "Art: Stimmigkeit" in text[text.index("K001 ") : text.index("K002 ")]
    assert max(len(line) for line in text.splitlines()[:-1]) <= 80
    rows = {r["code"]: r for r in json.loads(run_cli("rules", "--format", "json").stdout)["rules"]}
    assert rows["G806"]["modality"] == "soll" and rows["G806"]["deviation"]
    assert rows["T040"]["modality"] == "soll" and rows["FR01"]["modality"] == "richtlinie"
    assert rows["T012"]["modality"] == "praxis" and rows["G801"]["modality"] == "muss"
    explained = run_cli("explain", "G806").stdout
    assert "Art der Vorschrift: Soll-Vorschrift" in explained and "Abweichen mit Begründung:" in explained
    assert "Warnung · Soll-Vorschrift" in explained


def test_a_soll_finding_says_how_to_justify_a_deviation(tmp_path):
    from integconcept.rules.cases import example_document

    rule = all_rules()["G806"]
    result = validate_text(tmp_path, example_document(rule.cases().shown("bad")), basis="tintg2022-p8")
    finding = next(f for f in result.findings if f.code == "G806")
    assert finding.severity is Severity.warning
    assert "Abweichen ist mit Begründung zulässig" in finding.hint


# --------------------------------------------------------------------------- G802: Einvernehmen qualifies the tasks

from .conftest import EXAMPLES, UNNA  # noqa: E402

UNNA_TEXT = UNNA.read_text(encoding="utf-8")


def test_a_municipality_missing_from_the_chain_is_no_finding_under_either_law(tmp_path):
    # a real Kreis adopted its concept although municipalities gave no comment
    text = UNNA_TEXT.replace("      municipalities: all\n", "      municipalities: [bergkamen]\n", 1)
    assert text != UNNA_TEXT
    for basis in ("tintg2012-p7", "tintg2022-p8"):
        codes = {f.code for f in validate_text(tmp_path, text, basis=basis).findings}
        assert not {"G702", "G802"} & codes, basis


def test_g802_warns_when_nothing_shows_how_the_municipalities_are_involved(tmp_path):
    from integconcept.rules.cases import example_document

    rule = all_rules()["G802"]
    bad = validate_text(tmp_path, example_document(rule.cases().shown("bad")), basis="tintg2022-p8")
    finding = next(f for f in bad.findings if f.code == "G802")
    assert finding.severity is Severity.warning and "im Einvernehmen mit den Gemeinden" in finding.message
    # the word in the text is evidence too
    said = example_document(
        rule.cases().shown("bad") + "  intro: Die Aufgaben des KI werden im Einvernehmen mit den "
        "Gemeinden festgelegt.\n"
    )
    assert "G802" not in {f.code for f in validate_text(tmp_path, said, basis="tintg2022-p8").findings}


# --------------------------------------------------------------------------- 2. citations per version and kind


def test_kim_building_blocks_are_cited_per_guideline_version(tmp_path):
    from integconcept.rules.cases import example_document

    base = "uses_kim: true\nimplementation:\n  operational:\n    intro: Das KI koordiniert.\n"
    for version, expected in (
        ("2020", "Baustein 3 (Stellen in der Ausländer- und Einbürgerungsbehörde"),
        ("2024", "Nr. 1.2 c) Förderrichtlinie KIM 2024"),
    ):
        text = example_document(base + f"guidelines: {{kim: '{version}'}}\n")
        found = validate_text(tmp_path, text, basis="tintg2022-p8-p9").findings
        g905 = next(f for f in found if f.code == "G905")
        assert any(expected in str(c) for c in g905.citations), [str(c) for c in g905.citations]
        g904 = next(f for f in found if f.code == "G904")
        assert any(("Baustein 2" if version == "2020" else "1.2 b)") in str(c) for c in g904.citations)
    # never the 2020 guideline for a 2024 requirement
    assert not any("2020" == c.version for c in g905.citations)


def test_kim_example_of_2021_now_gets_g905_for_building_block_3(tmp_path):
    found = validate_file(str(EXAMPLES / "kreis-unna-kim-2021.yaml")).findings
    g905 = [f for f in found if f.code == "G905"]
    assert [f.severity for f in g905] == [Severity.warning] and "Baustein 3" in g905[0].message


def test_x003_kim_with_an_adoption_in_2012(tmp_path):
    text = UNNA_TEXT.replace("legal_basis: tintg2012-p7", "legal_basis: tintg2012-p7\nuses_kim: true", 1)
    x003 = [f for f in validate_text(tmp_path, text).findings if f.code == "X003"]
    assert len(x003) == 1 and "seit 2020" in x003[0].message and "aus dem Jahr 2012" in x003[0].message


def test_k009_ignores_target_years_but_keeps_facts(tmp_path):
    text = UNNA_TEXT
    goal_line = next(line for line in text.splitlines() if line.strip().startswith("goal:"))
    planned = text.replace(goal_line, goal_line + " Ziel ist, dies bis Ende 2015 zu erreichen.", 1)
    found = [f for f in validate_text(tmp_path, planned).findings if f.code == "K009"]
    assert [f.message for f in found] == [f.message for f in validate_text(tmp_path, text).findings if f.code == "K009"]
    assert any("Januar 2014" in f.message for f in found)  # the fact in the history stays


# --------------------------------------------------------------------------- 5. timeline plan for a city


def test_plan_for_a_kreisfreie_stadt_plans_its_own_bodies(run_cli):
    import yaml

    result = run_cli(
        "timeline", "plan", "--council-date", "2024-12-12", "--authority-kind", "kreisfreie_stadt", "--format", "yaml"
    )
    assert result.returncode == 0, result.stderr
    steps = yaml.safe_load(result.stdout)["approval_process"]["steps"]
    kinds = [s["body_kind"] for s in steps]
    assert kinds == [
        "administration",
        "partners",
        "integration_council",
        "specialist_committee",
        "main_committee",
        "council",
        "funding_application",
    ]
    bodies = " ".join(s["body"] for s in steps)
    assert "Bürgermeisterkonferenz" not in bodies and "Städte und Gemeinden" not in bodies
    assert [s["body"] for s in steps if s["body_kind"] in ("main_committee", "council")] == ["Hauptausschuss", "Rat"]
    county = yaml.safe_load(run_cli("timeline", "plan", "--council-date", "2024-12-12", "--format", "yaml").stdout)
    assert "conference" in [s["body_kind"] for s in county["approval_process"]["steps"]]


# --------------------------------------------------------------------------- 3. encoded real chains

from .timeline_helpers import findings_for_text  # noqa: E402

#: A kreisfreie Stadt whose Haupt- und Beteiligungsausschuss met a month before three specialist
#: committees, then the Rat adopted (domain.md, turn 3; names generic, dates and order as seen).
CITY_CHAIN = """\
format_version: 1
id: stadt-beispiel
title: Integrationskonzept Stadt Beispiel
authority:
  name: Stadt Beispiel
  kind: kreisfreie_stadt
status: adopted
adoption:
  body: Rat
  date: 2023-06-29
legal_basis: tintg2022-p8
approval_process:
  steps:
    - {id: hauptausschuss, date: 2023-05-11, body: Haupt- und Beteiligungsausschuss, body_kind: main_committee,
       purpose: consultation}
    - {id: integrationsrat, date: 2023-06-06, body: Integrationsrat, body_kind: integration_council,
       purpose: consultation}
    - {id: sozialausschuss, date: 2023-06-13, body: Ausschuss für Soziales, body_kind: specialist_committee,
       purpose: consultation}
    - {id: schulausschuss, date: 2023-06-14, body: Schulausschuss, body_kind: specialist_committee,
       purpose: consultation}
    - {id: jugendhilfeausschuss, date: 2023-06-15, body: Jugendhilfeausschuss, body_kind: specialist_committee,
       purpose: consultation}
    - {id: rat, date: 2023-06-29, body: Rat, body_kind: council, purpose: decision}
"""

#: A KIM chain with two council decisions: the Kreistag joins the programme (2020), a committee
#: deliberates, the Kreistag extends it (2021).
KIM_CHAIN = """\
format_version: 1
id: kreis-kim
title: KIM Kreis Beispiel
authority:
  name: Kreis Beispiel
  kind: kreis
  municipalities:
    - {id: a-stadt, name: A-Stadt}
status: adopted
adoption:
  body: Kreistag
  date: 2021-12-16
legal_basis: tintg2012-p7
uses_kim: true
approval_process:
  steps:
    - {id: kreistag-beitritt, date: 2020-09-24, body: Kreistag, body_kind: council, purpose: decision}
    - {id: ausschuss, date: 2021-11-25, body: Ausschuss für Soziales, body_kind: specialist_committee,
       purpose: consultation}
    - {id: kreisausschuss, date: 2021-12-09, body: Kreisausschuss, body_kind: main_committee, purpose: consultation}
    - {id: kreistag-verlaengerung, date: 2021-12-16, body: Kreistag, body_kind: council, purpose: decision}
"""


def test_city_chain_with_the_hauptausschuss_first_has_no_order_finding():
    found = findings_for_text(CITY_CHAIN)
    assert [(f.code, f.severity.value) for f in found if f.code in ("T001", "T002")] == []


def test_city_chain_with_rules_of_procedure_that_order_the_hauptausschuss_last():
    found = findings_for_text(CITY_CHAIN, settings={"timeline": {"main_committee_after_committees": True}})
    t002 = [(f.code, f.severity.value) for f in found if f.code == "T002"]
    assert t002 == [("T002", "warning")] * 3


def test_city_citations_name_the_go_nrw_not_the_kro():
    text = CITY_CHAIN.replace("date: 2023-05-11, body: Haupt", "date: 2023-07-03, body: Haupt")
    found = findings_for_text(text)
    t001 = next(f for f in found if f.code == "T001")
    assert t001.severity is Severity.warning  # a Stadt's Hauptausschuss has no preparing task by law
    assert [str(c).split(" (")[0] for c in t001.citations] == ["§ 59 GO NRW"]
    late = CITY_CHAIN.replace("date: 2023-06-13, body: Ausschuss", "date: 2023-07-04, body: Ausschuss")
    t002 = next(f for f in findings_for_text(late) if f.code == "T002")
    assert t002.severity is Severity.error and "GO NRW" in str(t002.citations[0])
    assert not any("KrO" in str(c) for f in findings_for_text(late) for c in f.citations)


def test_county_chain_keeps_the_kro_and_the_order():
    county = CITY_CHAIN.replace("kind: kreisfreie_stadt", "kind: kreis\n  municipalities: [{id: a, name: A}]")
    found = findings_for_text(county)
    t002 = [f for f in found if f.code == "T002"]
    assert [f.severity.value for f in t002] == ["warning"] * 3
    assert "§ 41 KrO NRW" in str(t002[0].citations[0])


def test_kim_chain_with_two_council_decisions_measures_each_step_against_the_one_it_prepares():
    found = findings_for_text(KIM_CHAIN)
    assert [(f.code, f.message) for f in found if f.code in ("T001", "T002")] == []
    undated = KIM_CHAIN.replace("date: 2021-11-25, ", "")
    assert [(f.code, f.message) for f in findings_for_text(undated) if f.code in ("T001", "T002")] == []
    # the concept adopted on joining (2020): the committee still prepares the extension of 2021
    joined = KIM_CHAIN.replace("  date: 2021-12-16\nlegal_basis", "  date: 2020-09-24\nlegal_basis")
    assert joined != KIM_CHAIN
    for text in (joined, joined.replace("date: 2021-11-25, ", "")):
        assert [(f.code, f.message) for f in findings_for_text(text) if f.code in ("T001", "T002")] == []
    # a committee after the last decision is still reported, against that decision
    late = KIM_CHAIN.replace("date: 2021-11-25", "date: 2022-01-20")
    t002 = [f for f in findings_for_text(late) if f.code == "T002"]
    assert len(t002) == 1 and t002[0].severity is Severity.error and "16.12.2021" in t002[0].message


def test_readme_rule_table_matches_the_registry():
    import re

    from integconcept.core.german import severity_label

    from .conftest import ROOT

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text[text.index("<!-- rules-table:start -->") : text.index("<!-- rules-table:end -->")]
    rows = {
        m[0]: (m[1], m[2]) for m in re.findall(r"^\| (\w+) \| ([^|]+) \| ([^|]+) \|", block, re.M) if m[0] != "Code"
    }
    expected = {code: (severity_label(r.severity), r.modality.label) for code, r in all_rules().items()}
    assert {code: (sev.strip(), mod.strip()) for code, (sev, mod) in rows.items()} == expected
