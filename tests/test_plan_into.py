"""``timeline plan … --into konzept.yaml``: the plan taken into the concept's steps (issue 20, item 1)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

from .conftest import MINIMAL, UNNA


def _future_unna(tmp_path):
    """The Unna concept with its Gremienlauf moved to 2099 (nothing of it has happened yet)."""
    path = tmp_path / "konzept.yaml"
    path.write_text(re.sub(r"2012-([01]\d)", r"2099-\1", UNNA.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def _comments(text: str) -> list[str]:
    return [line.split("#", 1)[1] for line in text.splitlines() if line.lstrip().startswith("#")]


def _data(path):
    from integconcept.commands.validate import validate_file

    result = validate_file(str(path), rules=False)
    assert result.concept is not None
    return result.concept.model_dump(mode="json")


def _into(path, today, council="2099-10-30", check=False):
    from integconcept.commands.plan import PlanRequest, plan_into_file

    out, err = io.StringIO(), io.StringIO()
    code = plan_into_file(
        PlanRequest(council, str(path)),
        stdout=out,
        stderr=err,
        today=today,
        check=check,
    )
    return code, out.getvalue(), err.getvalue()


def test_the_plan_goes_into_the_steps_and_nothing_else_changes(run_cli, tmp_path):
    path = _future_unna(tmp_path)
    before_text = path.read_text(encoding="utf-8")
    before = _data(path)
    result = run_cli("timeline", "plan", "--council-date", "2099-10-30", "--into", str(path))
    assert result.returncode == 0, result.stderr
    assert "geändert: verwaltungsvorstand" in result.stdout and "Geschrieben:" in result.stdout
    after_text = path.read_text(encoding="utf-8")
    after = _data(path)
    steps = {s["id"]: s for s in after["approval_process"]["steps"]}
    assert steps["kreistag"]["date"] == "2099-10-30"
    assert steps["verwaltungsvorstand"]["date"] == "2099-09-23"
    assert "      date: 2099-09-23  # Vorschlag: spätestens\n" in after_text
    # every comment of the file is still there, and everything outside the steps is as it was
    assert set(_comments(before_text)) <= set(_comments(after_text))
    for data in (before, after):
        data["approval_process"].pop("steps")
    assert before == after
    assert run_cli("fmt", "--check", str(path)).returncode == 0  # a formatted file stays formatted
    again = run_cli("timeline", "plan", "--council-date", "2099-10-30", "--into", str(path))
    assert again.returncode == 0 and "Keine Änderung" in again.stdout and path.read_text(encoding="utf-8") == after_text


def test_steps_that_have_happened_stay_as_they_are(tmp_path):
    path = _future_unna(tmp_path)
    code, out, err = _into(
        path, today=dt.date(2099, 9, 1)
    )  # Verwaltungsvorstand (31.7.) and Konferenz (29.8.) are past
    assert code == 0, err
    steps = {s["id"]: s for s in _data(path)["approval_process"]["steps"]}
    assert steps["verwaltungsvorstand"]["date"] == "2099-07-31"
    assert steps["buergermeisterkonferenz"]["date"] == "2099-08-29"
    assert steps["weitergabe-entwurf"]["date"] is None  # undated, before a past step
    assert "bleibt:   verwaltungsvorstand: Verwaltungsvorstand (stattgefunden: 31. Juli 2099)" in out
    assert steps["ausschuss-arbeit-soziales-familie"]["date"] == "2099-10-22"


def test_an_adopted_concept_of_the_past_is_not_touched(tmp_path):
    path = tmp_path / "konzept.yaml"
    path.write_bytes(UNNA.read_bytes())
    code, out, _ = _into(path, today=dt.date(2013, 1, 1), council="2012-10-30")
    assert code == 0 and "Keine Änderung" in out and path.read_bytes() == UNNA.read_bytes()


def test_a_concept_without_steps_gets_the_whole_plan_in_date_order(run_cli, tmp_path):
    path = tmp_path / "neu.yaml"
    path.write_text("# Kopfkommentar bleibt\n" + MINIMAL, encoding="utf-8")
    result = run_cli("timeline", "plan", "-d", "2099-10-30", "--into", str(path))
    assert result.returncode == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Kopfkommentar bleibt\n")
    steps = _data(path)["approval_process"]["steps"]
    dates = [s["date"] for s in steps]
    assert len(steps) >= 5 and dates == sorted(dates) and dates[-2:] == ["2099-10-30", "2099-11-02"]
    assert run_cli("validate", str(path)).returncode in (0, 1)


def test_check_shows_and_writes_nothing(tmp_path):
    path = _future_unna(tmp_path)
    before = path.read_bytes()
    code, out, _ = _into(path, today=dt.date(2099, 1, 1), check=True)
    assert code == 1 and "geändert: kreistag" not in out and "geändert: verwaltungsvorstand" in out
    assert path.read_bytes() == before


def test_windows_line_endings_stay(tmp_path):
    path = _future_unna(tmp_path)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    code, _, err = _into(path, today=dt.date(2099, 1, 1))
    assert code == 0, err
    data = path.read_bytes()
    assert b"2099-09-23" in data and data.count(b"\n") == data.count(b"\r\n")


def test_a_file_with_schema_errors_is_refused_unchanged(run_cli, tmp_path):
    path = _future_unna(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8").replace("body_kind: council", "body_kind: rat", 1), encoding="utf-8"
    )
    before = path.read_bytes()
    result = run_cli("timeline", "plan", "-d", "2099-10-30", "--into", str(path))
    assert result.returncode in (1, 2) and "Traceback" not in result.stderr and path.read_bytes() == before


@pytest.mark.parametrize("extra", [["-o", "x.yaml"], ["-f", "yaml"], ["andere.yaml"]])
def test_into_does_not_mix_with_other_outputs(run_cli, tmp_path, extra):
    path = _future_unna(tmp_path)
    result = run_cli("timeline", "plan", "-d", "2099-10-30", "--into", str(path), *extra, cwd=tmp_path)
    assert result.returncode == 2 and "--into" in result.stderr
