"""rules, explain, --select/--ignore/--basis, configuration files and the SARIF/GitHub formats."""

from __future__ import annotations

import json
import re

from .conftest import UNNA

TEXT = UNNA.read_text(encoding="utf-8")


def test_rules_lists_every_rule_in_text_and_json(run_cli):
    text = run_cli("rules")
    assert text.returncode == 0
    assert re.search(r"^G702 +Warnung +tintg2012 +einvernehmen-gemeinden$", text.stdout, re.M)
    assert "§ 7 Abs. 1 S. 2 TIntG NRW 2012 (Wortlaut rekonstruiert)" in text.stdout
    assert max(len(line) for line in text.stdout.splitlines()[:-1]) <= 80
    document = json.loads(run_cli("rules", "--format", "json").stdout)
    rows = {row["code"]: row for row in document["rules"]}
    assert rows["FR04"]["severity"] == "warning" and rows["FR04"]["pack"] == "tintg2012"
    assert rows["G901"]["citations"][0].startswith("§ 9 Abs. 1 TIntG NRW 2022")
    assert rows["G802"]["urls"][0].startswith("https://recht.nrw.de/")


def test_explain_prints_the_pattern_within_80_columns(run_cli):
    result = run_cli("explain", "K006")
    assert result.returncode == 0
    out = result.stdout
    for heading in ("Was wird geprüft?", "Warum?", "Fehlerhaft:", "Richtig:", "So beheben Sie es:"):
        assert heading in out
    assert "migration_background_percent: 34.6" in out and "migration_background_percent: 33.9" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "Wortlaut" in run_cli("explain", "g702").stdout  # case-insensitive, says the wording is reconstructed


def test_explain_unknown_code_suggests_and_exits_2(run_cli):
    result = run_cli("explain", "G7O2")
    assert result.returncode == 2
    assert "Meinten Sie G702" in result.stderr and "Traceback" not in result.stderr


def test_explain_covers_the_input_check_codes(run_cli):
    for code in ("S004", "F005", "Y002"):
        result = run_cli("explain", code)
        assert result.returncode == 0 and len(result.stdout.split()) > 15


def test_select_and_ignore_by_code_prefix_and_pack(run_cli):
    path = str(UNNA)

    def codes(*args):
        return re.findall(r"^\S+:\d+:\d+: (\S+)", run_cli("validate", *args, path).stdout, re.M)

    assert set(codes()) == {"K006", "K007", "K009", "FR04"}
    assert set(codes("--select", "K006")) == {"K006"}
    assert set(codes("--select", "tintg2012")) == {"FR04"}
    assert set(codes("--ignore", "K00,FR")) == set()
    assert set(codes("--select", "common", "--ignore", "K009")) == {"K006", "K007"}
    bad = run_cli("validate", "--select", "K0O6", path)
    assert bad.returncode == 2 and "Meinten Sie K006" in bad.stderr


def test_basis_flag_overrides_legal_basis(run_cli):
    result = run_cli("validate", "--basis", "tintg2022-p8", str(UNNA))
    assert " X002 " in result.stdout and " G810 " in result.stdout and " G70" not in result.stdout
    # a concept checked under the 2022 law gets no citation of the 2012 law
    assert not [line for line in result.stdout.splitlines() if "Grundlage:" in line and "§ 7" in line]
    assert run_cli("validate", "--basis", "2012", str(UNNA)).returncode == 2


def test_configuration_is_found_walking_up(run_cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.integconcept]\nignore = ["K006"]\n', encoding="utf-8")
    sub = tmp_path / "konzepte" / "2012"
    sub.mkdir(parents=True)
    concept = sub / "unna.yaml"
    concept.write_text(TEXT, encoding="utf-8")
    out = run_cli("validate", str(concept)).stdout
    assert " K006 " not in out and " K007 " in out
    # integconcept.toml nearer to the file wins; --select replaces the configured select
    (sub / "integconcept.toml").write_text('select = ["K007"]\n', encoding="utf-8")
    out = run_cli("validate", str(concept)).stdout
    assert re.findall(r": (K\d+|FR\d+) ", out) == ["K007"]
    assert " K009 " in run_cli("validate", "--select", "K009", str(concept)).stdout
    (sub / "integconcept.toml").write_text('select = ["K0O7"]\n', encoding="utf-8")
    broken = run_cli("validate", str(concept))
    assert broken.returncode == 2 and "K900" in broken.stdout and "Meinten Sie K007" in broken.stdout
    (sub / "integconcept.toml").write_text("select = [K007\n", encoding="utf-8")
    broken = run_cli("validate", str(concept))
    assert broken.returncode == 2 and "kein gültiges TOML" in broken.stdout


def test_settings_reach_the_rules(tmp_path):
    from integconcept.rules import Rule
    from integconcept.rules.base import REGISTRY
    from integconcept.commands.validate import validate_file

    (tmp_path / "integconcept.toml").write_text("[timeline]\nnotice_period_days = 6\n", encoding="utf-8")
    concept = tmp_path / "c.yaml"
    concept.write_text(TEXT, encoding="utf-8")
    seen = {}

    class Probe(Rule):
        code, name, summary, packs = "K999", "probe", "probe", frozenset({"common"})

        def check(self, ctx):
            seen.update(ctx.settings)
            return iter(())

    REGISTRY["K999"] = Probe
    try:
        validate_file(str(concept))
    finally:
        del REGISTRY["K999"]
    assert seen == {"timeline": {"notice_period_days": 6}}


def test_sarif_structure(run_cli):
    result = run_cli("validate", "--format", "sarif", str(UNNA))
    assert result.returncode == 0
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    (run,) = sarif["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "integconcept"
    rules = {r["id"]: r for r in driver["rules"]}
    for rule in rules.values():
        assert {"id", "name", "shortDescription", "fullDescription", "defaultConfiguration"} <= set(rule)
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
    assert rules["G702"]["helpUri"].startswith("https://recht.nrw.de/")
    assert rules["K009"]["defaultConfiguration"]["level"] == "note"
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels == {"K006": "warning", "K007": "warning", "K009": "note", "FR04": "warning"}
    for entry in run["results"]:
        assert driver["rules"][entry["ruleIndex"]]["id"] == entry["ruleId"]
        assert entry["message"]["text"]
        (location,) = entry["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"].endswith("examples/kreis-unna-2012.yaml")
        assert physical["region"]["startLine"] >= 1 and physical["region"]["startColumn"] >= 1
    k006 = next(r for r in run["results"] if r["ruleId"] == "K006")
    line = TEXT[: TEXT.index("migration_background_percent: 34.6")].count("\n") + 1
    assert k006["locations"][0]["physicalLocation"]["region"]["startLine"] == line


def test_sarif_includes_input_check_codes(run_cli, write):
    path = write("c.yaml", "format_version: 1\nid: x\n")
    sarif = json.loads(run_cli("validate", "--format", "sarif", path).stdout)
    ids = {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} <= ids


def test_github_annotations_and_automatic_choice(run_cli):
    explicit = run_cli("validate", "--format", "github", str(UNNA)).stdout
    automatic = run_cli("validate", str(UNNA), env={"GITHUB_ACTIONS": "true"}).stdout
    assert explicit == automatic
    line = TEXT[: TEXT.index("migration_background_percent: 34.6")].count("\n") + 1
    assert re.search(
        rf"^::warning file=[^,]*kreis-unna-2012.yaml,line={line},col=39,title=K006::„Lünen“", explicit, re.M
    )
    assert re.search(r"^::notice file=.*title=K009::", explicit, re.M)
    assert "%0AHinweis: " in explicit
    assert run_cli("validate", "--format", "text", str(UNNA), env={"GITHUB_ACTIONS": "true"}).stdout.startswith(
        str(UNNA)
    )


def test_every_explanation_fits_80_columns():
    import io

    from integconcept.reporting.explain import known_codes, print_explanation

    from integconcept.rules import all_rules

    rules = all_rules()
    for code in known_codes():
        out = io.StringIO()
        print_explanation(code, out)
        lines = out.getvalue().splitlines()
        urls = [c.url for c in rules[code].citations if c.url] if code in rules else []
        # an address stands whole on its own line so it can be copied; everything else fits 80 columns
        assert out.getvalue().strip() and max(len(line) for line in lines if line.strip() not in urls) <= 80, code
        for url in urls:
            assert f"  {url}" in lines, (code, url)
