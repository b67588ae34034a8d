"""Commands import only what they need (start-up time): checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import ROOT, UNNA

HEAVY = ("docx", "lxml", "matplotlib", "icalendar", "holidays", "ruamel", "babel")

PROBE = """
import json, runpy, sys
sys.argv = ["integconcept", *json.loads(sys.argv[1])]
try:
    runpy.run_module("integconcept", run_name="__main__")
except SystemExit as exc:
    code = exc.code
print(json.dumps([code, sorted({name.split(".")[0] for name in sys.modules})]), file=sys.stderr)
"""


def imported_by(*args: str) -> tuple[int, set[str]]:
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(list(args))], capture_output=True,
                            text=True, cwd=ROOT, timeout=120)
    code, modules = json.loads(result.stderr.strip().splitlines()[-1])
    return code, set(modules)


@pytest.mark.parametrize("args", [("validate", str(UNNA)), ("validate", "--format", "json", str(UNNA)),
                                  ("timeline", str(UNNA))], ids=" ".join)
def test_checking_commands_do_not_import_heavy_libraries(args):
    code, modules = imported_by(*args)
    assert code in (0, 1)
    assert not modules & set(HEAVY), sorted(modules & set(HEAVY))


def test_the_probe_sees_heavy_imports_when_a_command_needs_them(tmp_path):
    code, modules = imported_by("timeline", "--format", "ics", str(UNNA))
    assert code in (0, 1) and "icalendar" in modules


def test_long_german_date_equals_babel():
    import datetime as dt

    from babel.dates import format_date

    from integconcept.timeline.fmt import long_day

    day = dt.date(2011, 12, 20)
    for _ in range(400):  # every weekday in every month, single- and two-digit days
        assert long_day(day) == format_date(day, "EEE, d. MMMM y", locale="de")
        day += dt.timedelta(days=3)
