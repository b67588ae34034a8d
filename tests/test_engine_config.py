"""The rule engine, the typed configuration and the silences read from YAML comments, on the real
Kreis Unna concept (issue 14, items 5 and 6)."""

from __future__ import annotations

import ast
import os
import pathlib

import pytest

from integconcept.core.findings import Severity
from integconcept.rules import all_rules
from integconcept.commands.validate import validate_file

from .conftest import UNNA

TEXT = UNNA.read_text(encoding="utf-8")
LUENEN = "migration_background_percent: 34.6"


def line_of(text: str, marker: str) -> int:
    return text[: text.index(marker)].count("\n") + 1


def concept_in(tmp_path, text: str = TEXT) -> str:
    path = tmp_path / "unna.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def k900(result):
    """K900 findings as "file-name:line: message": the place is the configuration file's, not the concept's."""
    assert not result.usable
    return [f"{os.path.basename(f.file)}:{f.line}: {f.message}" for f in result.findings if f.code == "K900"]


@pytest.mark.parametrize(
    "toml, line, words",
    [
        (
            '[timeline]\nnotice_period_unt = "working_days"\n',
            2,
            ["notice_period_unt", "Meinten Sie „notice_period_unit“"],
        ),
        ('selct = ["K006"]\n', 1, ["selct", "Meinten Sie „select“"]),
        ('[timeline]\n\nnotice_period_days = "7"\n', 3, ["notice_period_days", "ganze Zahl", "Meinten Sie 7"]),
        ('[timeline]\nnotice_period_unit = "working_day"\n', 2, ["Meinten Sie „working_days“"]),
        ('[timeline]\nsession_day_counts = "ja"\n', 2, ["true oder false", "Meinten Sie true"]),
    ],
)
def test_config_typos_and_wrong_types_are_findings_with_line(tmp_path, toml, line, words):
    (tmp_path / "integconcept.toml").write_text(toml, encoding="utf-8")
    messages = k900(validate_file(concept_in(tmp_path)))
    assert len(messages) == 1, messages
    assert f"integconcept.toml:{line}:" in messages[0]
    for word in words:
        assert word in messages[0], messages[0]


def test_pyproject_table_names_the_full_key_and_line(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.integconcept]\nignore = ["K006"]\n\n'
        "[tool.integconcept.timeline]\nmin_consultation_day = 21\n",
        encoding="utf-8",
    )
    messages = k900(validate_file(concept_in(tmp_path)))
    assert messages == [
        m
        for m in messages
        if "pyproject.toml:8:" in m and "tool.integconcept.timeline" in m and "Meinten Sie „min_consultation_days“" in m
    ]


def test_valid_timeline_table_is_used_by_t020(tmp_path):
    # Kreistag Tue 30.10.2012, invitation Wed 24.10.: 5 calendar days, 3 working days in between
    text = TEXT.replace(
        "      body: Kreistag\n      body_kind: council\n",
        "      invitation_date: 2012-10-24\n      body: Kreistag\n      body_kind: council\n",
        1,
    )
    path = concept_in(tmp_path, text)
    assert "T020" in [f.code for f in validate_file(path).findings]
    (tmp_path / "integconcept.toml").write_text(
        '[timeline]\nnotice_period_days = 3\nnotice_period_unit = "working_days"\n', encoding="utf-8"
    )
    result = validate_file(path)
    assert result.usable and "T020" not in [f.code for f in result.findings]


def test_rule_options_are_declared_and_checked(tmp_path):
    rules = all_rules()
    with_options = {code: rule for code, rule in rules.items() if rule.CONF}
    assert with_options, "at least one rule declares options"
    for code, rule in with_options.items():
        assert set(rule.CONF) == set(rule.DEFAULT), code
    code, rule = next(iter(with_options.items()))
    option = next(iter(rule.CONF))
    (tmp_path / "integconcept.toml").write_text(f"[rules.{code}]\n{option}x = 1\n", encoding="utf-8")
    messages = k900(validate_file(concept_in(tmp_path)))
    assert len(messages) == 1 and f"Meinten Sie „{option}“" in messages[0] and "integconcept.toml:2:" in messages[0]
    import io

    from integconcept.reporting.explain import print_explanation

    shown = io.StringIO()
    print_explanation(code, shown)
    assert f"[tool.integconcept.rules.{code}]" in shown.getvalue() and option in shown.getvalue()
    (tmp_path / "integconcept.toml").write_text("[rules.K0O6]\ntolerance = 1\n", encoding="utf-8")
    assert "keine Regel mit Optionen" in k900(validate_file(concept_in(tmp_path)))[0]


def test_silence_inside_a_block_scalar_is_text_not_a_comment(tmp_path):
    line = next(line for line in TEXT.splitlines() if "Sie betrug im Januar 2014" in line)
    text = TEXT.replace(line, line + " # integconcept: ignore[K009] Grund: keine Stummschaltung", 1)
    findings = validate_file(concept_in(tmp_path, text)).findings
    codes = [f.code for f in findings]
    # not a comment: no K902 (would say "silences nothing") and K009 stays
    assert "K902" not in codes and "K009" in codes


def test_k902_is_a_post_phase_rule_and_reports_an_unused_silence(tmp_path):
    rule = all_rules()["K902"]
    assert rule.phase == "post"
    text = TEXT.replace(
        "foreigners_percent: 10.5", "foreigners_percent: 10.5  # integconcept: ignore[K006] Grund: alt", 1
    )
    finding = next(f for f in validate_file(concept_in(tmp_path, text)).findings if f.code == "K902")
    assert finding.line == line_of(text, "foreigners_percent: 10.5") and finding.severity is Severity.warning
    used = TEXT.replace(LUENEN, LUENEN + "  # integconcept: ignore[K006] Grund: so gedruckt", 1)
    codes = [f.code for f in validate_file(concept_in(tmp_path, used)).findings]
    assert "K006" not in codes and "K902" not in codes


def test_every_rule_module_registers_a_rule():
    """A rule file that forgets @register would silently never run. A class deriving from a rule class
    (``Rule`` or a shared base such as ``tintg_shared.AdoptionRule``) is a registered rule or the base of
    one; a base no registered rule uses would be a rule that never runs."""
    rules = [rule if isinstance(rule, type) else type(rule) for rule in all_rules().values()]
    registered = {(rule.__module__, rule.__qualname__) for rule in rules}
    bases = {(cls.__module__, cls.__qualname__) for rule in rules for cls in rule.__mro__[1:]}
    package = pathlib.Path(__file__).resolve().parent.parent / "integconcept" / "rules"
    checked = 0
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = ".".join(path.relative_to(package.parent.parent).with_suffix("").parts)
        for node in tree.body:
            if not isinstance(node, ast.ClassDef) or not any(
                (getattr(base, "id", None) or getattr(base, "attr", "")).endswith("Rule") for base in node.bases
            ):
                continue
            checked += 1
            assert (module, node.name) in registered | bases, (
                f"{path.name}: {node.name} is a rule but not registered (@register), nor the base of a registered rule"
            )
    assert checked >= len(rules)


def test_engine_module_has_no_import_cycle_with_validate():
    import integconcept.rules.selection as selection

    source = pathlib.Path(selection.__file__).read_text(encoding="utf-8")
    assert "validate" not in source.split('"""', 2)[-1]


def test_chain_with_many_undated_steps_is_built_once_and_fast(tmp_path):
    from .scaling import assert_grows_linearly

    def with_steps(count: int) -> str:
        steps = "".join(
            f"    - id: s{i}\n      body: Verwaltung\n      body_kind: administration\n      purpose: information\n"
            for i in range(count)
        )
        text = TEXT.replace(
            "  steps:\n    - id: verwaltungsvorstand", "  steps:\n" + steps + "    - id: verwaltungsvorstand", 1
        )
        folder = tmp_path / str(count)
        folder.mkdir()
        return concept_in(folder, text)

    result = assert_grows_linearly(
        lambda path: validate_file(path, select=["T"]), with_steps(300), with_steps(3000), 10, tries=2
    )
    assert result.usable


def test_the_chain_is_built_once_per_run(tmp_path, monkeypatch):
    from integconcept.procedure import chain

    calls = []
    original = chain.build_steps
    monkeypatch.setattr(chain, "build_steps", lambda concept: calls.append(1) or original(concept))
    result = validate_file(concept_in(tmp_path))
    assert result.usable and len(calls) == 1


def test_silence_on_the_key_line_of_a_block_scalar_covers_the_words_inside(tmp_path):
    key = "  history: |-\n"
    assert key in TEXT
    text = TEXT.replace(key, "  history: |-  # integconcept: ignore[K009] Grund: so in der Vorlage\n", 1)
    codes = [f.code for f in validate_file(concept_in(tmp_path, text)).findings]
    assert "K009" not in codes and "K902" not in codes


def test_a_configuration_error_is_reported_at_its_place_in_the_configuration(tmp_path):
    """The line of a K900 starts with the configuration file, its line and column (editors jump there);
    JSON and SARIF name that file too."""
    import io
    import json

    from integconcept.reporting.reporters import JsonReporter, SarifReporter, TextReporter

    config = tmp_path / "integconcept.toml"
    config.write_text("[timeline]\n  notice_period_unt = 7\n", encoding="utf-8")
    result = validate_file(concept_in(tmp_path))
    text = io.StringIO()
    TextReporter(text).report([result])
    first = text.getvalue().splitlines()[0]
    assert first.startswith(f"{config}:2:3: K900 "), first
    data = io.StringIO()
    JsonReporter(data).report([result])
    (finding,) = json.loads(data.getvalue())["files"][0]["findings"]
    assert finding["file"] == str(config) and (finding["line"], finding["column"]) == (2, 3)
    sarif = io.StringIO()
    SarifReporter(sarif).report([result])
    location = json.loads(sarif.getvalue())["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("integconcept.toml") and location["region"]["startLine"] == 2
