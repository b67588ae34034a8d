"""The layers of the package (CONTRIBUTING.md) are a contract, checked by import-linter.

A module may import only from its own layer or from the layers below it, lazy imports inside
functions included; validate and render never load the web stack of the studio."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_contract_is_kept(capsys):
    importlinter_cli = pytest.importorskip("importlinter.cli", reason="import-linter is a test dependency")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        code = importlinter_cli.lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    assert code == 0, out


def test_no_module_left_at_the_old_flat_places():
    """The top level holds only packages (the layers) and the entry points."""
    top = sorted(p.name for p in (ROOT / "integconcept").glob("*.py"))
    assert top == ["__init__.py", "__main__.py"]
