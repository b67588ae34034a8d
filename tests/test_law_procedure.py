"""Today's law and procedure (issue 14): verbatim § 8/§ 9, guideline versions, the real shapes of a
Gremienlauf, and the fixes – each on a minimal mutation of a real example."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from integconcept.core.findings import Severity
from integconcept.rules import all_rules
from integconcept.rules.law import P8_TEXT, P9_TEXT
from integconcept.commands.validate import validate_file

from .conftest import EXAMPLES, UNNA, example_files

TEXT = UNNA.read_text(encoding="utf-8")
KIM = EXAMPLES / "kreis-unna-kim-2021.yaml"
KIM_TEXT = KIM.read_text(encoding="utf-8")
BASES = ("tintg2012-p7", "tintg2022-p8", "tintg2022-p8-p9")


def line_of(text: str, marker: str) -> int:
    return text[: text.index(marker)].count("\n") + 1


def mutate(old: str, new: str, text: str = TEXT) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def run(tmp_path, text: str, basis: str | None = None, name: str = "c.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = validate_file(str(path), basis=basis)
    assert result.usable, [(f.code, f.message) for f in result.findings]
    schema = [(f.code, f.message) for f in result.findings if re.fullmatch(r"[SFY]\d{3}", f.code)]
    assert not schema, schema
    return result.findings


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def one(findings, code):
    hits = [f for f in findings if f.code == code]
    assert hits, (code, [(f.code, f.message) for f in findings])
    return hits[0]


# --------------------------------------------------------------------------- 1. verbatim law


@pytest.mark.parametrize("code", [c for c, r in all_rules().items() if "tintg2022" in r.packs and c.startswith("G8")])
def test_each_paragraph_8_rule_quotes_its_sentence_verbatim_and_says_what_it_rests_on(code):
    rule = all_rules()[code]
    citation = next(c for c in rule.citations if c.section == "§ 8")
    sentence = P8_TEXT[(citation.paragraph, citation.sentence, citation.number)]
    where = (
        f"§ 8 Abs. {citation.paragraph}"
        + (f" S. {citation.sentence}" if citation.sentence else "")
        + (f" Nr. {citation.number}" if citation.number else "")
    )
    assert f"Wortlaut {where} TIntG 2022" in rule.reason
    assert sentence in rule.reason, code
    assert "amtlichen Wortlaut" in rule.reason or "Textsuche" in rule.reason or "Hinweis" in rule.reason
    if rule.severity is Severity.error:
        assert "amtlichen Wortlaut" in rule.reason


def test_verbatim_sentences_are_numbered_as_in_the_law():
    assert P8_TEXT[("1", "2", "")].startswith("Das Integrationskonzept soll die Zusammenarbeit")
    assert P8_TEXT[("1", "3", "3")].startswith("die ehrenamtlichen Angebote")
    assert "Kommunales Integrationszentrum nach § 8" in P9_TEXT[("1", "addressees")]
    assert "gemeinsamen Integrationskonzepts" in all_rules()["G902"].reason


def test_a_2022_concept_gets_no_2012_citation_and_no_finding_at_1_1(tmp_path):
    text = TEXT.replace("legal_basis: tintg2012-p7", "legal_basis: tintg2022-p8").replace("2012-", "2023-")
    findings = run(tmp_path, text)
    assert findings
    for finding in findings:
        assert (finding.line, finding.column) != (1, 1), finding
        for citation in finding.citations:
            assert citation.version != "2012" and citation.section != "§ 7", (finding.code, str(citation))
    # the funding rules cite the guideline of the concept's dates
    mutated = mutate("      date: Anfang 2023-11\n", "      date: 2023-09-01\n", text)
    early = one(run(tmp_path, mutated), "T003")
    assert [c.version for c in early.citations] == ["2023"]


@pytest.mark.parametrize("example", example_files(), ids=lambda p: p.name)
@pytest.mark.parametrize("basis", BASES)
def test_no_finding_points_at_1_1_in_any_example_under_any_basis(example, basis):
    result = validate_file(str(example), basis=basis)
    assert [f for f in result.findings if (f.line, f.column) == (1, 1)] == []


def test_missing_section_points_at_the_key_it_belongs_after(tmp_path):
    start = TEXT.index("\nki_tasks:\n") + 1
    end = TEXT.index("\nnetworks:\n") + 1
    findings = run(tmp_path, TEXT[:start] + TEXT[end:])
    for code in ("G703", "FR03"):
        finding = one(findings, code)
        assert finding.line == line_of(TEXT, "\nimplementation:\n") + 1 and finding.path == ("ki_tasks",)


# --------------------------------------------------------------------------- 2. guidelines


@pytest.mark.parametrize(
    "day, ki, kim",
    [
        ("2012-11-05", "2012", None),
        ("2016-05-01", "2015", None),
        ("2019-01-10", "2018", None),
        ("2021-02-01", "2018", "2020"),
        ("2024-01-15", "2023", "2020"),
        ("2025-06-02", "2025", "2024"),
    ],
)
def test_guideline_versions_follow_the_application_date(day, ki, kim):
    from integconcept.document.model import Concept
    from integconcept.rules.guidelines import applicable

    concept = Concept.model_validate(
        {
            "format_version": 1,
            "id": "x",
            "title": "x",
            "authority": {"name": "Kreis X", "kind": "kreis"},
            "status": "draft",
            "legal_basis": "tintg2022-p8",
            "uses_kim": kim is not None,
            "approval_process": {
                "steps": [
                    {
                        "id": "antrag",
                        "date": day,
                        "body": "Land",
                        "body_kind": "funding_application",
                        "purpose": "application",
                    }
                ]
            },
        }
    )
    found = applicable(concept, "tintg2022-p8")
    assert (found.ki, found.kim) == (ki, kim)
    concept.guidelines = type(concept).model_fields["guidelines"].annotation.__args__[0](ki="2012")
    assert applicable(concept, "tintg2022-p8").ki == "2012"


def test_staffing_follows_the_guideline_and_the_kind_of_authority(tmp_path):
    assert "FR04" in codes(run(tmp_path, TEXT))  # 2012 model: 2 posts known, 5.5 expected
    later = mutate("legal_basis: tintg2012-p7", 'legal_basis: tintg2012-p7\nguidelines:\n  ki: "2018"')
    assert "FR04" not in codes(run(tmp_path, later))  # "bis zu": fewer posts are no finding
    posts = "staffing:\n  posts:\n"
    assert posts in later
    many = mutate(posts, posts + "    - {role: social_pedagogue, fte: 6}\n", later)
    assert "FR04" not in codes(run(tmp_path, many))  # 6 <= 6.5 for a Kreis
    city = mutate("  kind: kreis\n", "  kind: kreisfreie_stadt\n", many)
    finding = one(run(tmp_path, city), "FR04")
    assert "5,5" in finding.message and [c.version for c in finding.citations] == ["2018"]


def test_kim_concept_of_2021_validates_without_legal_basis_warning_or_errors(tmp_path):
    findings = validate_file(str(KIM)).findings
    assert not [f for f in findings if f.severity is Severity.error]
    assert not {"X001", "X002", "X003"} & set(codes(findings))
    assert {"G901", "G902", "G903"} <= set(codes(findings))  # the KIM pack runs with the 2020 guideline
    assert "G904" not in codes(findings)  # case management is no part of a 2020 KIM concept
    kim_citation = one(findings, "G903").citations
    assert [c.version for c in kim_citation] == ["2020"] and not any(c.section == "§ 9" for c in kim_citation)


def test_x002_hint_is_right_for_a_kim_concept(tmp_path):
    text = mutate("status: draft", "status: adopted\nadoption:\n  body: Kreistag\n  date: Ende 2021-03", KIM_TEXT)
    finding = one(run(tmp_path, text, "tintg2022-p8-p9"), "X002")
    assert "KIM-Förderrichtlinie 2020" in finding.message and "uses_kim: true" in finding.hint
    assert "X003" not in codes(run(tmp_path, text))


def test_kim_2024_asks_for_case_management_and_immigration_offices(tmp_path):
    text = mutate("  kim: '2020'", "  kim: '2024'", KIM_TEXT)
    found = codes(run(tmp_path, text))
    assert "G905" in found
    assert "G904" not in found  # "lebenslagen…" is named in the seed's text


# --------------------------------------------------------------------------- 3. procedure


def test_vague_adoption_date_is_accepted_and_compared_with_the_council(tmp_path):
    vague = mutate("  body: Kreistag\n  date: 2012-10-30", "  body: Kreistag\n  date: Ende 2012-10")
    assert "K010" not in codes(run(tmp_path, vague))
    later = mutate("  body: Kreistag\n  date: 2012-10-30", "  body: Kreistag\n  date: Anfang 2012-11")
    assert one(run(tmp_path, later), "K010").line == line_of(later, "  date: Anfang 2012-11")


def test_adoption_date_one_day_off_the_council_step_is_an_error(tmp_path):
    text = mutate("  body: Kreistag\n  date: 2012-10-30", "  body: Kreistag\n  date: 2012-10-31")
    finding = one(run(tmp_path, text), "K010")
    assert finding.severity is Severity.error and finding.line == line_of(text, "  date: 2012-10-31")
    assert "31.10.2012" in finding.message and "30.10.2012" in finding.message


APPLICATION = "    - id: antrag-land\n"


def test_approval_in_principle_between_decision_and_application(tmp_path):
    step = (
        "    - id: genehmigung\n      date: {day}\n      body: MAIS und MSW\n"
        "      body_kind: approval_in_principle\n      purpose: notice\n"
    )
    good = mutate(APPLICATION, step.format(day="2012-10-31") + APPLICATION)
    assert "T006" not in codes(run(tmp_path, good))
    late = mutate(APPLICATION, step.format(day="2012-11-20") + APPLICATION)
    finding = one(run(tmp_path, late), "T006")
    assert finding.severity is Severity.error and finding.line == line_of(late, "      date: 2012-11-20")
    wrong = mutate(
        "body_kind: approval_in_principle\n      purpose: notice",
        "body_kind: approval_in_principle\n      purpose: decision",
        good,
    )
    assert "T006" in codes(run(tmp_path, wrong))


def test_ki_start_and_other_committee_are_step_kinds(tmp_path):
    committee = (
        "    - id: personalausschuss\n      date: {day}\n      body: Personal- und Verwaltungsausschuss\n"
        "      body_kind: other_committee\n      purpose: consultation\n"
    )
    start = (
        "    - id: ki-start\n      date: 2013-01\n      body: Kommunales Integrationszentrum\n"
        "      body_kind: ki_start\n      purpose: information\n"
    )
    text = mutate("    - id: kreisausschuss\n", committee.format(day="2012-10-22") + "    - id: kreisausschuss\n")
    text = text + start
    assert [f for f in run(tmp_path, text) if f.severity is Severity.error] == []
    late = mutate("    - id: kreisausschuss\n", committee.format(day="2012-11-06") + "    - id: kreisausschuss\n")
    assert one(run(tmp_path, late), "T002").line == line_of(late, "      date: 2012-11-06")


def test_print_group_must_join_neighbouring_steps(tmp_path):
    assert "K011" not in codes(run(tmp_path, TEXT))
    text = mutate(
        "      description: Kreisausschuss zur Beschlussfassung\n      print_group: beschlussfassung\n",
        "      description: Kreisausschuss zur Beschlussfassung\n      print_group: beschlusfassung\n",
    )
    assert one(run(tmp_path, text), "K011").line == line_of(text, "print_group: beschlusfassung")


def test_roadmap_replaces_a_recent_concept_for_the_application(tmp_path):
    old = mutate("  body: Kreistag\n  date: 2012-10-30", "  body: Kreistag\n  date: 2008-06-12")
    old = old.replace("      date: 2012-10-30\n      body: Kreistag", "      date: 2008-06-12\n      body: Kreistag")
    assert one(run(tmp_path, old), "T040").severity is Severity.warning  # the guideline says „sollte“
    roadmap = mutate(
        "legal_basis: tintg2012-p7",
        "legal_basis: tintg2012-p7\nroadmap:\n  until: 2013-12-31\n"
        "  with_whom: [die 10 Städte und Gemeinden]\n  how: Workshops",
        old,
    )
    finding = one(run(tmp_path, roadmap), "T040")
    assert finding.severity is Severity.info and "31.12.2013" in finding.message


# --------------------------------------------------------------------------- 4. fixes


def test_g706_does_not_count_a_membership_as_a_qualification_offer(tmp_path):
    # the Unna concept without its qualification offers; the membership in the "Beirat Schule/Beruf
    # d. Stiftung Weiterbildung" stays and must not count as an offer
    text = mutate(
        "Fortbildungsmodule",
        "Module",
        mutate("Qualifizierungsangeboten für pädagogische", "Angeboten für pädagogische"),
    )
    assert "Stiftung Weiterbildung" in text
    finding = one(run(tmp_path, text), "G706")
    assert finding.line == line_of(text, "\nki_tasks:\n") + 1


def test_t005_is_silent_while_a_later_body_can_still_consider_the_feedback(tmp_path):
    # the Integrationsräte deliberate after the first committee; Kreisausschuss and Kreistag follow
    city = mutate(
        "      body_kind: integration_council\n      purpose: information",
        "      body_kind: integration_council\n      purpose: consultation",
    )
    assert "T005" not in codes(run(tmp_path, city))
    # after the council decision nobody can consider it any more
    late = mutate(
        "      date: 2012-10-02\n      body: Integrationsräte",
        "      date: 2012-11-05\n      body: Integrationsräte",
        city,
    )
    finding = one(run(tmp_path, late), "T005")
    assert finding.line == line_of(late, "      date: 2012-11-05") and "Kreistag" in finding.message
    # a council decision on a draft that goes to consultation afterwards is intended
    draft = mutate(
        "      body_kind: council\n      purpose: decision\n",
        "      body_kind: council\n      purpose: decision\n      on_draft: true\n",
        late,
    )
    assert "T005" not in codes(run(tmp_path, draft))


def test_t030_counts_from_the_dispatch_of_the_draft_not_from_a_meeting(tmp_path):
    # the AG Wohlfahrtsverbände met early (20.08.), the draft went out on 01.09.; committee 24.09.
    text = mutate("      date_label: Anschließend\n", "      date: 2012-09-01\n")
    text = mutate(
        "      date: 2012-09-05\n      body: Arbeitsgemeinschaft",
        "      date: 2012-08-20\n      body: Arbeitsgemeinschaft",
        text,
    )
    text = mutate("      date: 2012-08-29\n      lead_in:", "      date: 2012-09-03\n      lead_in:", text)
    finding = one(run(tmp_path, text), "T030")
    assert "Weitergabe des Entwurfs" in finding.message and "01.09.2012" in finding.message
    assert "23 Tage" in finding.message


def test_working_day_notice_never_proposes_a_weekend(tmp_path):
    notice = "  notice_period: {days: 1, unit: working_days}\n"
    text = mutate("  kind: kreis\n", "  kind: kreis\n" + notice)
    text = mutate(
        "      body: Kreistag\n      body_kind: council\n",
        "      invitation_date: 2012-10-29\n      body: Kreistag\n      body_kind: council\n",
        text,
    )
    finding = one(run(tmp_path, text), "T020")  # Kreistag Tue 30.10.2012, Monday the only working day between
    assert "26.10.2012" in finding.message and "28.10.2012" not in finding.message


def test_session_day_counting_is_a_setting(tmp_path):
    from integconcept.procedure.settings import Notice

    session = dt.date(2012, 10, 30)
    civil = Notice(9, "calendar_days", "GO", False)
    hilden = Notice(9, "calendar_days", "GO Hilden", False, session_day_counts=True)
    assert civil.latest_invitation(session) == dt.date(2012, 10, 20)
    assert hilden.latest_invitation(session) == dt.date(2012, 10, 21)
    text = mutate("  kind: kreis\n", "  kind: kreis\n  notice_period: {days: 9, unit: calendar_days}\n")
    text = mutate(
        "      body: Kreistag\n      body_kind: council\n",
        "      invitation_date: 2012-10-21\n      body: Kreistag\n      body_kind: council\n",
        text,
    )
    assert "T020" in codes(run(tmp_path, text))
    (tmp_path / "integconcept.toml").write_text("[timeline]\nsession_day_counts = true\n", encoding="utf-8")
    assert "T020" not in codes(run(tmp_path, text))


@pytest.mark.parametrize("code", [c for c in all_rules() if c.startswith("G9")])
def test_each_kim_rule_says_what_text_it_rests_on(code):
    reason = all_rules()[code].reason
    assert "Wortlaut" in reason or "wörtlich" in reason
    assert (
        "Textsuche" in reason
        or "amtlichen Wortlaut" in reason
        or "Programmseite" in reason
        or "Wortlaut ist amtlich" in reason
    )


def test_a_decision_on_a_draft_is_not_the_adoption(tmp_path):
    text = mutate(
        "      body_kind: council\n      purpose: decision\n",
        "      body_kind: council\n      purpose: decision\n      on_draft: true\n",
    )
    assert "G701" in codes(run(tmp_path, text))


def test_a_drafts_planned_adoption_date_is_not_compared_with_other_council_decisions(tmp_path):
    # Soest: the Kreistag decided on 27.09.2012 to set up the KI; the concept is planned for March 2013
    soest = (EXAMPLES / "kreis-soest-2013.yaml").read_text(encoding="utf-8")
    text = mutate("status: draft\n", "status: draft\nadoption:\n  body: Kreistag\n  date: Anfang 2013-03\n", soest)
    assert [f for f in run(tmp_path, text) if f.severity is Severity.error] == []
