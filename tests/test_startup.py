"""Commands import only what they need (start-up time): checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import ROOT, UNNA

HEAVY = ("docx", "lxml", "matplotlib", "icalendar", "holidays", "ruamel")

PROBE = """
import json, sys
sys.argv = ["integconcept", *json.loads(sys.argv[1])]
from integconcept.cli.app import main  # the console script's run() would leave with os._exit
try:
    main()
except SystemExit as exc:
    code = exc.code
print(json.dumps([code, sorted({name.split(".")[0] for name in sys.modules})]), file=sys.stderr)
"""


def imported_by(*args: str) -> tuple[int, set[str]]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(args))], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    code, modules = json.loads(result.stderr.strip().splitlines()[-1])
    return code, set(modules)


@pytest.mark.parametrize(
    "args",
    [("validate", str(UNNA)), ("validate", "--format", "json", str(UNNA)), ("timeline", str(UNNA))],
    ids=" ".join,
)
def test_checking_commands_do_not_import_heavy_libraries(args):
    code, modules = imported_by(*args)
    assert code in (0, 1)
    assert not modules & set(HEAVY), sorted(modules & set(HEAVY))
    if args[0] == "validate":
        assert "babel" not in modules  # the timeline table's long dates use it (german.long_weekday_date)


def test_the_probe_sees_heavy_imports_when_a_command_needs_them(tmp_path):
    code, modules = imported_by("timeline", "--format", "ics", str(UNNA))
    assert code in (0, 1) and "icalendar" in modules
