"""README's commands are the ones CI runs."""

from __future__ import annotations

import re

from .conftest import ROOT


def _shell_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.*?)\n```", text, flags=re.S)


def test_ci_runs_the_readme_test_command():
    blocks = _shell_blocks()
    test_command = next(b for b in blocks if "pytest" in b)
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_main_command_uses_the_shipped_example():
    blocks = _shell_blocks()
    assert any("examples/kreis-unna-2012.yaml" in b and "pip install" in b for b in blocks)
