"""README "Häufige Stolpersteine beim Bearbeiten": the outputs it shows are what the commands print.

The general README tour (tests/test_readme.py) runs only commands that end with exit code 0 or 1; these
examples end with 2 (unusable file, refused output), so they are run here."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

HEADING = "## Häufige Stolpersteine beim Bearbeiten\n"


def examples() -> list[tuple[str, list[str]]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(HEADING, 1)[1].split("\n## ", 1)[0]
    steps: list[tuple[str, list[str]]] = []
    for body in re.findall(r"^```text[^\n]*\n(.*?)\n```", section, flags=re.S | re.M):
        for line in body.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif line.strip():
                steps[-1][1].append(line.strip())
    return steps


def test_the_section_lists_what_the_tool_explains():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(HEADING, 1)[1].split("\n## ", 1)[0]
    for code in ("Y010", "Y011", "Y001", "Y003", "S004", "S001"):
        assert f"| {code} |" in section, code
    assert len(examples()) >= 7


def test_the_shown_outputs_are_real(tmp_path):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONIOENCODING": "utf-8",
    }
    env.pop("GITHUB_ACTIONS", None)
    for command, shown in examples():
        if "-o konzept.pdf" in command and shutil.which("soffice") is None:
            if os.environ.get("CI") == "true":
                pytest.fail("LibreOffice (soffice) fehlt; unter CI=true ist es Pflicht")
            continue  # the other examples still run; test_render_output.py skips visibly
        result = subprocess.run(
            ["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
        )
        output = result.stdout + result.stderr
        assert "Traceback" not in output, (command, output)
        for line in shown:
            assert line in output, (command, line, output)
