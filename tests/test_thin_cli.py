"""The command line is a thin layer: use-cases are library functions without typer, one ICS export."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from integconcept.core.errors import UserError
from integconcept.commands import plan as planning_cli
from integconcept.commands import timeline as run

from .conftest import ROOT, UNNA


def test_library_packages_do_not_import_typer():
    code = (
        "import sys; import integconcept.commands.render, integconcept.commands.timeline, "
        "integconcept.commands.plan, integconcept.commands.validate; "
        "print('typer' in sys.modules or 'click' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False", out.stderr


def test_plan_calendar_carries_its_findings_like_the_check_calendar():
    # 27.12.2012 as council date puts a planned session into the Christmas school holidays (T012)
    code, data = planning_cli.run_plan(planning_cli.PlanRequest("2012-12-27", file=str(UNNA)), "ics")
    text = data.decode("utf-8").replace("\r\n ", "")
    assert "WARNUNG T012:" in text
    code, checked = run.check_file(str(UNNA), "ics", stdout=io.StringIO(), stderr=io.StringIO())
    assert checked.startswith(b"BEGIN:VCALENDAR")


def test_library_refusals_are_user_errors_not_exits():
    with pytest.raises(UserError) as info:
        run.check_file(str(UNNA), "xml", stdout=io.StringIO(), stderr=io.StringIO())
    assert info.value.exit_code == 2 and "unbekanntes Format „xml“" in info.value.message
    with pytest.raises(UserError):
        planning_cli.run_plan(planning_cli.PlanRequest("30.10.2012"), "text")


def test_plan_output_never_replaces_any_of_its_inputs(tmp_path, run_cli):
    concept = tmp_path / "c.yaml"
    concept.write_bytes(UNNA.read_bytes())
    calendar = tmp_path / "cal.ics"
    calendar.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//DE\r\nEND:VCALENDAR\r\n")
    before = concept.read_bytes(), calendar.read_bytes()
    for target in (concept, calendar):
        result = run_cli(
            "timeline",
            "plan",
            "--council-date",
            "2012-10-30",
            str(concept),
            "--calendar",
            str(calendar),
            "--format",
            "yaml",
            "-o",
            str(target),
        )
        assert result.returncode == 2, result.stderr
        assert "wird nie überschrieben" in result.stderr
    assert (concept.read_bytes(), calendar.read_bytes()) == before
