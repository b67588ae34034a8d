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
    assert hooks["integconcept-fmt"]["entry"] == "integconcept fmt --check"
    assert hooks["integconcept-validate"]["entry"] == "integconcept validate"


def test_hook_entries_pass_on_the_examples_and_fail_on_an_untidy_file(run_cli, tmp_path):
    hooks = _hooks()
    files = [str(p) for p in example_files()]
    for hook in hooks.values():
        args = shlex.split(hook["entry"])[1:]
        result = run_cli(*args, *files)
        assert result.returncode == 0, (hook["id"], result.stdout, result.stderr)
    untidy = tmp_path / "konzept.yaml"
    untidy.write_text(UNNA.read_text(encoding="utf-8").replace("  name: Kreis Unna\n  kind: kreis\n",
                                                               "  kind: kreis\n  name: Kreis Unna\n"),
                      encoding="utf-8")
    result = run_cli(*shlex.split(hooks["integconcept-fmt"]["entry"])[1:], str(untidy))
    assert result.returncode == 1 and "Würde umformatiert" in result.stderr
