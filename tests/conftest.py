from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
UNNA = EXAMPLES / "kreis-unna-2012.yaml"


def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture
def run_cli():
    """Run the real console entry point in a subprocess; returns CompletedProcess."""

    def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
        full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
        full_env.pop("GITHUB_ACTIONS", None) if env is None or "GITHUB_ACTIONS" not in env else None
        return subprocess.run([sys.executable, "-m", "integconcept", *args], capture_output=True, text=True,
                              cwd=cwd or ROOT, env=full_env, timeout=300)

    return run


@pytest.fixture
def write(tmp_path):
    """Write a file (text or bytes) into tmp_path and return its path as str."""

    def _write(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return str(path)

    return _write


MINIMAL = """\
format_version: 1
id: kreis-test
title: Integrationskonzept Kreis Test
authority:
  name: Kreis Test
  kind: kreis
  municipalities:
    - id: a-stadt
      name: A-Stadt
status: draft
legal_basis: tintg2012-p7
"""
