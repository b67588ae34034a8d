"""The everyday commands start without typer (cli/fast.py) and behave exactly as the typer command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from integconcept.cli import fast

from .conftest import ROOT, UNNA

TYPER_PATH = """
import sys
sys.argv = ["integconcept", *sys.argv[1:]]
from integconcept.cli.app import run
run()
"""

PROBE = """
import json, os, sys
sys.argv = ["integconcept", *json.loads(sys.argv[1])]
os._exit = lambda code: (print(json.dumps([code, sorted(sys.modules)]), file=sys.stderr), sys.exit(code))
from integconcept.cli.console import run
run()
"""


def _env() -> dict:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("GITHUB_ACTIONS", None)
    return env


def both(*args: str, cwd=ROOT) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess]:
    """The console script (fast path where it applies) and the typer command line, same arguments."""
    console = subprocess.run(
        [sys.executable, "-m", "integconcept", *args], capture_output=True, text=True, cwd=cwd, env=_env(), timeout=300
    )
    typer_cli = subprocess.run(
        [sys.executable, "-c", TYPER_PATH, *args], capture_output=True, text=True, cwd=cwd, env=_env(), timeout=300
    )
    return console, typer_cli


def test_option_tables_match_the_typer_commands():
    """Every option of the fast path is declared by the typer command with the same names and kind, and
    every option the typer command has is known to the fast path (else a call with it would fall back)."""
    import typer.main

    from integconcept.cli.app import app

    root = typer.main.get_command(app)
    for name, (_, positional_names, _, options) in fast.COMMANDS.items():
        command = root
        for part in name.split():
            command = command.commands[part]
        declared = {}
        arguments = []
        for param in command.params:
            if param.param_type_name == "argument":
                arguments.append(param.name)
                continue
            if "--help" in param.opts:
                continue
            kind = "flag" if param.is_flag else ("multi" if param.multiple else "value")
            declared[param.name] = (tuple(sorted(param.opts)), kind)
        ours = {param: (tuple(sorted(decls)), kind) for decls, param, kind in options}
        assert ours == declared, name
        assert tuple(arguments) == positional_names, name
        required = {p.name for p in command.params if p.required and p.param_type_name == "option"}
        assert required == set(fast.REQUIRED.get(name, ())), name


@pytest.mark.parametrize(
    "argv, expected",
    [
        (
            ["validate", "a.yaml", "-fjson", "--select", "K0", "--select=G7", "--strict"],
            ("validate", {"files": ["a.yaml"], "format": "json", "select": ["K0", "G7"], "strict": True}),
        ),
        (["timeline", "a.yaml", "--format", "ics"], ("timeline_check", {"file": "a.yaml", "format": "ics"})),
        (["timeline", "plan", "-d", "2012-10-30"], ("timeline_plan", {"council_date": "2012-10-30"})),
        (["diff", "-", "b.yaml"], ("diff", {"old": "-", "new": "b.yaml"})),
        (["import", "a.docx", "-oa.yaml"], ("import_word", {"word": "a.docx", "output": "a.yaml"})),
    ],
)
def test_plain_calls_are_parsed(argv, expected):
    assert fast.parse(argv) == expected


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["validate"],
        ["validate", "-h"],
        ["validate", "a.yaml", "--help"],
        ["validate", "a.yaml", "--formt", "x"],
        ["validate", "a.yaml", "--format"],
        ["validate", "a.yaml", "--format", "--strict"],
        ["validate", "--", "a"],
        ["validate", "a.yaml", "--strict=1"],
        ["timeline"],
        ["timeline", "--help"],
        ["timeline", "plan"],
        ["timeline", "plan", "-d", "2012-10-30", "a", "b"],
        ["diff", "a.yaml"],
        ["render", "a.yaml"],
        ["rules"],
        ["explain", "G702"],
        ["--version"],
        ["import", "a.docx"],
        ["import", "a.docx", "-o", "a.yaml", "b.docx"],
    ],
)
def test_everything_else_goes_to_typer(argv):
    assert fast.parse(argv) is None


CASES = [
    ("validate", str(UNNA)),
    ("validate", "--format", "json", "--select", "tintg2012", "--ignore=G7", str(UNNA)),
    ("validate", "-fsarif", str(UNNA), "--strict"),
    ("validate", "--format", "xml", str(UNNA)),
    ("validate", "--select", "Q999", str(UNNA)),
    ("validate", "--basis", "tintg2099", str(UNNA)),
    ("validate", "fehlt.yaml"),
    ("timeline", str(UNNA)),
    ("timeline", "check", "-f", "json", str(UNNA)),
    ("timeline", str(UNNA), "--format", "xml"),
    ("timeline", "plan", "--council-date", "2012-10-30", str(UNNA)),
    ("timeline", "plan", "-d", "30.10.2012"),
    ("timeline", "plan", "-d", "2012-10-30", "--check"),
    ("diff", str(UNNA), str(UNNA)),
    ("diff", str(UNNA), str(ROOT / "tests" / "data" / "render-rich.yaml"), "-f", "json"),
]


@pytest.mark.parametrize("args", CASES, ids=" ".join)
def test_fast_path_prints_what_typer_prints(args):
    console, typer_cli = both(*args)
    assert (console.returncode, console.stdout, console.stderr) == (
        typer_cli.returncode,
        typer_cli.stdout,
        typer_cli.stderr,
    )


def test_render_through_the_fast_path_prints_what_typer_prints(tmp_path):
    target = tmp_path / "konzept.docx"
    console, typer_cli = both("render", str(UNNA), "-o", str(target), "--force")
    assert (console.returncode, console.stdout, console.stderr) == (
        typer_cli.returncode,
        typer_cli.stdout,
        typer_cli.stderr,
    )
    assert console.returncode in (0, 1) and target.exists()
    console, typer_cli = both("render", "fehlt.yaml", "-o", str(tmp_path / "x.docx"))
    assert console.returncode == typer_cli.returncode == 2 and console.stderr == typer_cli.stderr


def test_import_through_the_fast_path_prints_and_writes_what_typer_does(tmp_path):
    source = tmp_path / "konzept.docx"
    subprocess.run(
        [sys.executable, "-m", "integconcept", "render", str(UNNA), "-o", str(source)],
        capture_output=True,
        env=_env(),
        timeout=300,
    )
    for folder in ("fast", "typer"):
        (tmp_path / folder).mkdir()
    console = subprocess.run(
        [sys.executable, "-m", "integconcept", "import", str(source), "-o", "konzept.yaml"],
        capture_output=True,
        text=True,
        cwd=tmp_path / "fast",
        env=_env(),
        timeout=300,
    )
    typer_cli = subprocess.run(
        [sys.executable, "-c", TYPER_PATH, "import", str(source), "--output=konzept.yaml"],
        capture_output=True,
        text=True,
        cwd=tmp_path / "typer",
        env=_env(),
        timeout=300,
    )
    assert console.returncode == typer_cli.returncode == 0, console.stderr
    assert (console.stdout, console.stderr) == (typer_cli.stdout, typer_cli.stderr)
    written = (tmp_path / "fast" / "konzept.yaml").read_bytes()
    assert written == (tmp_path / "typer" / "konzept.yaml").read_bytes()
    again, typer_again = both("import", str(source), "-o", "konzept.yaml", cwd=tmp_path / "fast")  # never replaced
    assert again.returncode == typer_again.returncode == 2 and again.stderr == typer_again.stderr
    assert (tmp_path / "fast" / "konzept.yaml").read_bytes() == written
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(["import", str(source), "-o", str(tmp_path / "probe.yaml")])],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(),
        timeout=300,
    )
    code, modules = json.loads(probe.stderr.strip().splitlines()[-1])
    assert code == 0, probe.stderr
    # lxml reads the package; pydantic-core checks the data from the stored schema; the YAML is written by hand
    assert not {m for m in modules if m.split(".")[0] in ("typer", "click", "docx", "ruamel")}
    assert "pydantic" not in modules and "integconcept.document.model" not in modules


@pytest.mark.parametrize(
    "args",
    [
        ("validate", str(UNNA)),
        ("timeline", str(UNNA)),
        ("timeline", "plan", "-d", "2012-10-30", str(UNNA)),
        ("diff", str(UNNA), str(UNNA)),
    ],
    ids=" ".join,
)
def test_everyday_commands_do_not_import_typer(args):
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(args))],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(),
        timeout=300,
    )
    code, modules = json.loads(result.stderr.strip().splitlines()[-1])
    assert code in (0, 1), result.stderr
    heavy = {
        m
        for m in modules
        if m.split(".")[0] in ("typer", "click", "docx", "httpx", "lxml")
        or (args[0] in ("validate", "diff") and m.split(".")[0] == "babel")
    }  # timeline: long dates
    assert not heavy, sorted(heavy)


def test_help_still_comes_from_typer():
    result = subprocess.run(
        [sys.executable, "-m", "integconcept", "validate", "-h"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(),
        timeout=300,
    )
    assert result.returncode == 0 and "Argumente" in result.stdout and "--strict" in result.stdout


def test_plugin_loader_stand_in_returns_what_pydantic_returns_with_plugins_off(monkeypatch):
    """console.skip_plugin_loader stands in for pydantic's loader only where the real one loads nothing."""
    from pydantic.plugin import _loader

    from integconcept.cli import console

    for value in console.PLUGINS_OFF:
        monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", value)
        assert tuple(_loader.get_plugins()) == ()
    assert _loader.PYDANTIC_ENTRY_POINT_GROUP == "pydantic"
    monkeypatch.setitem(sys.modules, "pydantic.plugin._loader", None)
    del sys.modules["pydantic.plugin._loader"]
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "some-plugin")
    console.skip_plugin_loader()  # plugins not all off: the real loader stays
    assert "pydantic.plugin._loader" not in sys.modules


def test_validate_does_not_scan_package_metadata():
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(["validate", str(UNNA)])],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(),
        timeout=300,
    )
    code, modules = json.loads(result.stderr.strip().splitlines()[-1])
    assert code in (0, 1) and "importlib.metadata" not in modules
