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


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_test_command_installs_the_pinned_versions():
    """Every dependency (runtime and test) has an exact version in constraints.txt, which the test command
    (and so .ci/run) uses: a new upstream release cannot change what the suite runs against."""
    import tomllib

    test_command = next(b for b in _shell_blocks() if "pytest" in b)
    assert "-c constraints.txt" in test_command
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is not an exact pin (name==version)"
            pins[_normalized(name)] = version
    missing = [r for r in wanted if _normalized(re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0]) not in pins]
    assert not missing, (
        f"not pinned in constraints.txt: {missing}; install them and add the line from `pip freeze` (README, Tests)"
    )
    assert "integconcept" not in pins


def test_readme_main_command_uses_the_shipped_example():
    blocks = _shell_blocks()
    assert any("examples/kreis-unna-2012.yaml" in b and "pip install" in b for b in blocks)


# --------------------------------------------------------------------------- the tour, run as written

import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402


#: Lines that set up the environment (CI runs them itself) are not part of the tour.
SETUP = re.compile(r"\bpip install\b|\bpytest\b|-m venv\b")
POSITION = re.compile(r":\d+:\d+:")


def tour() -> list[tuple[str, list[str]]]:
    """Every command the README shows, with the output lines it shows after it (``$ cmd`` in text blocks,
    every line of sh blocks). A block whose info string contains ``nicht-ausführen`` is skipped (it needs
    something a test cannot have, e.g. a remote server)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    steps: list[tuple[str, list[str]]] = []
    for match in re.finditer(r"^( *)```(sh|text)([^\n]*)\n(.*?)\n\1```", text, flags=re.S | re.M):
        indent, kind, info, body = match.groups()
        if "nicht-ausführen" in info:
            continue
        lines = [line[len(indent) :] for line in body.splitlines()]
        if kind == "sh":
            steps += [(line, []) for line in lines if line.strip() and not line.startswith("#")]
            continue
        shown: list[str] | None = None  # output lines of the block's latest command
        for line in lines:
            if line.startswith("$ "):
                shown = []
                steps.append((line[2:], shown))
            elif shown is not None and line.strip():
                shown.append(line)
    return [(command, shown) for command, shown in steps if not SETUP.search(command)]


def test_readme_tour_has_commands():
    commands = [c for c, _ in tour()]
    assert any(c.startswith("integconcept validate") for c in commands)
    assert not any("konzept.yaml" in c and "sed" not in c for c in commands[:1])


def test_readme_tour_runs_as_written(tmp_path):
    """Every README command, in order, in one folder holding a copy of the project's files, with the installed
    ``integconcept`` on PATH as after the quickstart: none fails with a traceback or exit code 2, and the
    output it shows appears (file positions compared loosely, they move when an example grows)."""
    for name in ("examples", "schemas"):
        shutil.copytree(ROOT / name, tmp_path / name)
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONIOENCODING": "utf-8",
    }
    env.pop("GITHUB_ACTIONS", None)
    for command, shown in tour():
        if "--pdf" in command and not shutil.which("soffice"):
            continue
        result = subprocess.run(
            ["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
        )
        output = result.stdout + result.stderr
        assert "Traceback" not in output, (command, output)
        assert result.returncode in (0, 1), (command, result.returncode, output)
        actual = POSITION.sub(":N:N:", output)
        for line in shown:
            line = line.split("  #")[0].rstrip() if line.startswith("$") else line
            assert POSITION.sub(":N:N:", line.strip()) in actual, (command, line, output)
