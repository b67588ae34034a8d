"""The generated rule table (integconcept/rules/index.py) matches the rule modules; validate imports only the
rules of the packs that run."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import ROOT, UNNA


def test_index_is_what_the_generator_writes_from_the_rule_modules():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_rule_index
    finally:
        sys.path.remove(str(ROOT / "tools"))
    assert (ROOT / "integconcept" / "rules" / "index.py").read_text(encoding="utf-8") == make_rule_index.text(), (
        "Regeltabelle veraltet: .venv/bin/python tools/make_rule_index.py"
    )


def test_index_matches_every_registered_rule():
    from integconcept.rules import all_rules
    from integconcept.rules.base import PACKS_PACKAGE
    from integconcept.rules.index import RULES

    rules = all_rules()
    assert set(RULES) == set(rules)
    for code, rule in rules.items():
        assert RULES[code] == (rule.__module__[len(PACKS_PACKAGE) :], rule.packs, rule.phase), code


PROBE = """
import json, sys
from integconcept.commands.validate import validate_files
result, = validate_files([sys.argv[1]])
print(json.dumps([sorted(m for m in sys.modules if m.startswith("integconcept.rules.packs.")),
                  sorted({f.code for f in result.findings})]))
"""


def test_a_2012_concept_imports_no_rule_of_the_2022_packs():
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(UNNA)], capture_output=True, text=True, cwd=ROOT, timeout=300, check=True
    ).stdout
    modules, codes = json.loads(out.strip().splitlines()[-1])
    assert any(".tintg2012." in m for m in modules) and any(".common." in m for m in modules)
    assert not [m for m in modules if ".tintg2022." in m or ".kim." in m or ".oparl." in m]
    assert codes  # the Unna example has findings (warnings and notes)


def test_a_silence_of_a_rule_in_a_pack_that_does_not_run_is_no_unknown_code(tmp_path):
    from integconcept.commands.validate import validate_file

    text = UNNA.read_text(encoding="utf-8")
    first = text.index("\n") + 1
    concept = tmp_path / "c.yaml"
    concept.write_text(
        text[:first] + "# integconcept: ignore[G905, Q123] Grund: Test\n" + text[first:], encoding="utf-8"
    )
    codes = [(f.code, f.message) for f in validate_file(str(concept)).findings if f.code == "K903"]
    assert len(codes) == 1 and "Q123" in codes[0][1], codes
