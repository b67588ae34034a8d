"""The pre-commit hooks call real commands and behave as documented."""

from __future__ import annotations

import shlex

from ruamel.yaml import YAML

from .conftest import ROOT, UNNA, example_files


def _hooks() -> dict[str, dict]:
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in hooks}


def test_hooks_are_complete_and_documented():
    hooks = _hooks()
    assert set(hooks) == {"integconcept-validate", "integconcept-fmt"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for hook_id, hook in hooks.items():
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python"
        assert hook["entry"].startswith("integconcept ")
        assert f"id: {hook_id}" in readme
    assert hooks["integconcept-fmt"]["entry"] == "integconcept fmt --check --skip-other-yaml"
    assert hooks["integconcept-validate"]["entry"] == "integconcept validate --skip-other-yaml"


def test_hook_entries_pass_on_the_examples_and_fail_on_an_untidy_file(run_cli, tmp_path):
    hooks = _hooks()
    files = [str(p) for p in example_files()]
    for hook in hooks.values():
        args = shlex.split(hook["entry"])[1:]
        result = run_cli(*args, *files)
        assert result.returncode == 0, (hook["id"], result.stdout, result.stderr)
    untidy = tmp_path / "konzept.yaml"
    untidy.write_text(
        UNNA.read_text(encoding="utf-8").replace(
            "  name: Kreis Unna\n  kind: kreis\n", "  kind: kreis\n  name: Kreis Unna\n"
        ),
        encoding="utf-8",
    )
    result = run_cli(*shlex.split(hooks["integconcept-fmt"]["entry"])[1:], str(untidy))
    assert result.returncode == 1 and "Würde umformatiert" in result.stderr


def test_hooks_leave_other_yaml_files_of_a_repository_alone(run_cli, tmp_path):
    """pre-commit hands every YAML file to the hooks: `.pre-commit-config.yaml` itself got 7 schema errors and
    blocked every commit (issue 20). Such files are excluded by the hook's pattern or skipped with a note."""
    import re

    hooks = _hooks()
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(
        "repos:\n  - repo: https://example.org/integconcept.git\n    rev: v0.1.0\n"
        "    hooks:\n      - id: integconcept-validate\n",
        encoding="utf-8",
    )
    workflow = tmp_path / "ci.yml"
    workflow.write_text("on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n", encoding="utf-8")
    concept = tmp_path / "konzept.yaml"
    concept.write_text(UNNA.read_text(encoding="utf-8"), encoding="utf-8")
    for hook in hooks.values():
        assert re.search(hook["exclude"], ".pre-commit-config.yaml") and re.search(hook["exclude"], ".github/x.yml")
        assert not re.search(hook["exclude"], "konzepte/kreis-unna.yaml")
        args = shlex.split(hook["entry"])[1:]
        result = run_cli(*args, str(config), str(workflow), str(concept))
        assert result.returncode == 0, (hook["id"], result.stdout, result.stderr)
        assert f"Übersprungen (keine Konzeptdatei, kein „format_version:“): {workflow}" in result.stderr
        broken = tmp_path / "kaputt.yaml"  # a concept with an error still fails the commit
        broken.write_text(UNNA.read_text(encoding="utf-8").replace("kind: kreis", "kind: bezirk", 1), encoding="utf-8")
        assert run_cli(*args, str(workflow), str(broken)).returncode != 0
