"""Every rule proves itself through its case file (``rules/packs/<pack>/<code>_<slug>.yaml``).

Each case is a YAML fragment merged onto ``integconcept.rules.cases.BASE`` and validated with the
rule's basis; the rule must yield exactly the findings the case expects (code, severity, path) and
no other finding of its own. One harness for all rules, after sqlfluff's ``std_rule_cases``.
"""

from __future__ import annotations

import re

import pytest

from integconcept.commands.validate import validate_file
from integconcept.core.findings import Severity
from integconcept.rules import all_rules
from integconcept.rules.cases import BASE, example_basis, example_document, path_text

RULES = all_rules()
CASES = [(code, case) for code, rule in RULES.items() for case in rule.cases().cases]


def _findings(tmp_path, name: str, patch: str, basis: str):
    path = tmp_path / name
    path.write_text(example_document(patch), encoding="utf-8")
    result = validate_file(str(path), basis=basis)
    # the validate command's path (plain classes, no pydantic) finds the same
    assert validate_file(str(path), basis=basis, plain=True).findings == result.findings
    input_problems = [(f.code, f.message) for f in result.findings if re.fullmatch(r"[SFY]\d{3}", f.code)]
    assert result.usable and not input_problems, input_problems
    return result.findings


@pytest.mark.parametrize("code, case", CASES, ids=[f"{code}-{case.name}" for code, case in CASES])
def test_case(code, case, tmp_path):
    rule = RULES[code]
    if "oparl" in rule.packs:
        pytest.skip(
            "needs a council information system: tests/test_oparl.py runs these cases against a local OParl server"
        )
    own = [f for f in _findings(tmp_path, "case.yaml", case.yaml, example_basis(rule)) if f.code == code]
    got = [(f.severity.value, path_text(f.path)) for f in own]
    assert len(own) == len(case.expect), got
    for expected in case.expect:
        assert any(expected.matches(f) for f in own), (expected, got)


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_shows_a_bad_and_a_good_case(code):
    cases = RULES[code].cases()
    assert cases.shown("bad").strip() and cases.shown("good").strip(), code
    assert [c for c in cases.cases if c.shown == "bad" and not c.expect] == [], "a bad case must expect a finding"
    assert [c for c in cases.cases if c.shown == "good" and c.expect] == [], "a good case must expect none"
    assert len({c.name for c in cases.cases}) == len(cases.cases), "case names are unique"


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_is_documented(code):
    rule = RULES[code]
    required = ("name", "summary", "explanation", "reason", "fix")
    for attribute in required:
        assert getattr(rule, attribute).strip(), f"{code}: {attribute} fehlt"
    # explain prints the examples from the case file; the prose must not carry its own
    # (diverging) copies or raw Markdown emphasis
    for attribute in ("explanation", "reason", "fix"):
        text = getattr(rule, attribute)
        assert "```" not in text and "Fehlerhaft:" not in text and "**" not in text, f"{code}: {attribute}"
    assert rule.packs, code
    if not code.startswith("K") and "timeline" not in rule.packs:  # consistency rules rest on no provision
        assert rule.citations and rule.help_uri().startswith("https://"), code
    if rule.unverified:
        assert rule.severity is not Severity.error and "rekonstruiert" in rule.reason


def test_codes_use_the_agreed_prefixes():
    prefixes = {
        "common": ("K", "X"),
        "tintg2012": ("G7", "FR", "X"),
        "tintg2022": ("G8", "FR", "X"),
        "kim": ("G9",),
        "oparl": ("T05",),
    }
    for code, rule in RULES.items():
        if rule.packs <= {"timeline"}:
            continue
        assert any(code.startswith(p) for pack in rule.packs for p in prefixes.get(pack, ())), code


def test_merge_keeps_base_and_patch():
    merged = example_document("authority:\n  name: Kreis Neu  # Kommentar\nstatus: adopted\n")
    assert "name: Kreis Neu  # Kommentar" in merged and "id: a-stadt" in merged and "status: adopted" in merged
    assert BASE.splitlines()[0] == merged.splitlines()[0]


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, None),
        (b"\xff\xd8\xff\xe0" + b"\0" * 20, None),
        (b"GIF89a", "kein PNG- oder JPEG-Bild"),
        (None, "ist ein Ordner"),
    ],
)
def test_k013_checks_the_named_image_file_next_to_the_concept(tmp_path, content, expected):
    image = tmp_path / "organigramm.png"
    if content is None:
        image.mkdir()
    else:
        image.write_bytes(content)
    path = tmp_path / "konzept.yaml"
    path.write_text(
        example_document(RULES["K013"].cases().shown("bad").replace("organigramm-fehlt.png", "organigramm.png")),
        encoding="utf-8",
    )
    findings = [f for f in validate_file(str(path)).findings if f.code == "K013"]
    assert [expected in f.message for f in findings] == ([True] if expected else [])
