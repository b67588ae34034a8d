"""Every rule proves itself: its own bad example yields its code, its good example does not.

The examples are YAML patches merged onto ``integconcept.rules.snippets.BASE`` (see that module).
"""

from __future__ import annotations

import re

import pytest

from integconcept.core.findings import Severity
from integconcept.rules import all_rules
from integconcept.rules.snippets import BASE, example_basis, example_document
from integconcept.commands.validate import validate_file

RULES = all_rules()


def _codes(tmp_path, name: str, patch: str, basis: str):
    path = tmp_path / name
    path.write_text(example_document(patch), encoding="utf-8")
    result = validate_file(str(path), basis=basis)
    input_problems = [(f.code, f.message) for f in result.findings if re.fullmatch(r"[SFY]\d{3}", f.code)]
    assert result.usable and not input_problems, input_problems
    return [f.code for f in result.findings]


@pytest.mark.parametrize("code", sorted(RULES))
def test_bad_example_fires_and_good_example_fixes(code, tmp_path):
    rule = RULES[code]
    if "oparl" in rule.packs:
        pytest.skip("needs a council information system: tests/test_oparl.py runs these examples against a "
                    "local OParl server")
    basis = example_basis(rule)
    assert code in _codes(tmp_path, "bad.yaml", rule.bad_example, basis)
    assert code not in _codes(tmp_path, "good.yaml", rule.good_example, basis)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_is_documented(code):
    rule = RULES[code]
    required = ("name", "summary", "explanation", "reason", "fix", "bad_example", "good_example")
    for attribute in required:
        assert getattr(rule, attribute).strip(), f"{code}: {attribute} fehlt"
    # explain prints the examples from bad_example/good_example; the prose must not carry its own
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
    prefixes = {"common": ("K", "X"), "tintg2012": ("G7", "FR", "X"), "tintg2022": ("G8", "X"), "kim": ("G9",),
                "oparl": ("T05",)}
    for code, rule in RULES.items():
        if rule.packs <= {"timeline"}:
            continue
        assert any(code.startswith(p) for pack in rule.packs for p in prefixes.get(pack, ())), code


def test_merge_keeps_base_and_patch():
    merged = example_document("authority:\n  name: Kreis Neu  # Kommentar\nstatus: adopted\n")
    assert "name: Kreis Neu  # Kommentar" in merged and "id: a-stadt" in merged and "status: adopted" in merged
    assert BASE.splitlines()[0] == merged.splitlines()[0]


def test_k012_reports_a_body_linked_to_itself(tmp_path):
    patch = RULES["K012"].good_example.replace("linked_to: [steuerungsgruppe, ki]", "linked_to: [netzwerk, ki]")
    path = tmp_path / "selbst.yaml"
    path.write_text(example_document(patch), encoding="utf-8")
    findings = [f for f in validate_file(str(path)).findings if f.code == "K012"]
    assert len(findings) == 1 and "mit sich selbst" in findings[0].message
    assert findings[0].path == ("networks", "bodies", 0, "linked_to", 0)


@pytest.mark.parametrize("content, expected", [
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, None),
    (b"\xff\xd8\xff\xe0" + b"\0" * 20, None),
    (b"GIF89a", "kein PNG- oder JPEG-Bild"),
    (None, "ist ein Ordner"),
])
def test_k013_checks_the_named_image_file_next_to_the_concept(tmp_path, content, expected):
    image = tmp_path / "organigramm.png"
    if content is None:
        image.mkdir()
    else:
        image.write_bytes(content)
    path = tmp_path / "konzept.yaml"
    path.write_text(example_document(RULES["K013"].bad_example.replace("organigramm-fehlt.png", "organigramm.png")),
                    encoding="utf-8")
    findings = [f for f in validate_file(str(path)).findings if f.code == "K013"]
    assert [expected in f.message for f in findings] == ([True] if expected else [])
