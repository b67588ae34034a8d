"""The timeline command as a user runs it: table, JSON, ICS, exit codes, output files."""

from __future__ import annotations

import json
import os

from .conftest import MINIMAL, UNNA
from .test_timeline import SIEGEN, UNNA_TEXT, set_in_step


def test_text_table_fits_80_columns_in_a_pipe(run_cli):
    result = run_cli("timeline", str(UNNA), env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    assert "\x1b[" not in result.stdout  # no colour codes in a pipe
    assert any(line.startswith("Di., 30. Oktober 2012") and "Kreistag" in line for line in lines)
    assert any(line.startswith("Anfang November 2012") for line in lines)
    kreistag = next(line for line in lines if line.startswith("Di., 30. Oktober 2012"))
    assert kreistag.split()[-1] == "23.10.2012" and "+1" in kreistag  # latest invitation, days since
    assert lines[-3].startswith("12 Schritte (10 mit Datum): 0 Fehler")


def test_finding_is_shown_beside_its_step_and_exit_1(run_cli, write):
    text, line = set_in_step(UNNA_TEXT, "kreistag", "date", "2012-10-03")
    path = write("unna.yaml", text)
    result = run_cli("timeline", path, env={"COLUMNS": "80"})
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    row = next(i for i, entry in enumerate(lines) if entry.startswith("Mi., 3. Oktober 2012"))
    following = " ".join(text.strip() for text in lines[row : row + 8])
    assert f"WARNUNG T010 (Z. {line})" in following and "Tag der Deutschen Einheit" in following


def test_json_shape(run_cli):
    result = run_cli("timeline", "--format", "json", str(UNNA))
    assert result.returncode == 0
    doc = json.loads(result.stdout)
    assert doc["version"] == 1 and doc["file"] == str(UNNA)
    assert set(doc["steps"][0]) == {"id", "date", "date_end", "precision", "body", "kind", "purpose"}
    antrag = next(s for s in doc["steps"] if s["id"] == "antrag-land")
    assert (antrag["date"], antrag["date_end"], antrag["precision"]) == ("2012-11-01", "2012-11-10", "early")
    kreistag = next(s for s in doc["steps"] if s["id"] == "kreistag")
    assert (kreistag["date"], kreistag["date_end"], kreistag["precision"]) == ("2012-10-30", None, "day")
    undated = next(s for s in doc["steps"] if s["id"] == "wv-verwaltungsvorstand")
    assert undated["date"] is None and undated["precision"] is None
    ids = [s["id"] for s in doc["steps"]]
    assert ids.index("kreistag") < ids.index("wv-verwaltungsvorstand") < ids.index("antrag-land")
    assert doc["findings"] == [] and doc["summary"]["errors"] == 0
    assert doc["summary"]["notice_period"]["assumed"] is True


def test_json_findings_like_validate(run_cli, write):
    text, line = set_in_step(UNNA_TEXT, "kreisausschuss", "date", "2012-10-31")
    result = run_cli("timeline", "-f", "json", write("u.yaml", text))
    assert result.returncode == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["code"] == "T001" and finding["line"] == line and finding["severity"] == "error"
    assert finding["path"].endswith("/date") and "§ 50" in " ".join(finding["citations"])


def test_ics_parses_back_with_stable_uids(run_cli, tmp_path):
    from icalendar import Calendar

    out = tmp_path / "unna.ics"
    epoch = {"SOURCE_DATE_EPOCH": "1351555200"}  # DTSTAMP is the time of creation; fixed, the bytes are too
    first = run_cli("timeline", "--format", "ics", "-o", str(out), str(UNNA), env=epoch)
    assert first.returncode == 0, first.stderr
    data = out.read_bytes()
    cal = Calendar.from_ical(data)
    assert str(cal["version"]) == "2.0" and "integconcept" in str(cal["prodid"])
    # the UID: step, concept and a hash of authority, id and title (tests/test_ics.py)
    events = {str(e["uid"]).split(".")[0]: e for e in cal.walk("VEVENT")}
    assert all(
        str(e["uid"]).startswith(f"{step}.kreis-unna-2012.") and str(e["uid"]).endswith("@integconcept")
        for step, e in events.items()
    )
    assert len(events) == 10  # dated steps only
    kreistag = events["kreistag"]
    assert str(kreistag["summary"]) == "Kreistag: Beschlussfassung"
    assert kreistag["dtstart"].params.get("VALUE") == "DATE" and str(kreistag["dtstart"].dt) == "2012-10-30"
    antrag = events["antrag-land"]
    assert (str(antrag["dtstart"].dt), str(antrag["dtend"].dt)) == ("2012-11-01", "2012-11-11")
    second = run_cli("timeline", "--format", "ics", str(UNNA), env=epoch)
    assert second.stdout.encode().replace(b"\r\n", b"\n") == data.replace(b"\r\n", b"\n")  # reproducible


def test_exit_codes_and_errors(run_cli, write, tmp_path):
    assert run_cli("timeline", str(SIEGEN)).returncode == 0
    assert run_cli("timeline", str(tmp_path / "fehlt.yaml")).returncode == 2
    bad = run_cli("timeline", write("bad.yaml", MINIMAL.replace("status: draft", "status: x")))
    assert bad.returncode == 1 and "S005" in bad.stdout
    wrong = run_cli("timeline", "--format", "pdf", str(UNNA))
    assert wrong.returncode == 2 and "unbekanntes Format „pdf“" in wrong.stderr
    assert "Traceback" not in bad.stderr + wrong.stderr


def test_output_never_overwrites_the_input(run_cli, write):
    path = write("c.yaml", UNNA_TEXT)
    before = open(path, "rb").read()
    result = run_cli("timeline", "-f", "json", "-o", path, path)
    assert result.returncode == 2 and "nie überschrieben" in result.stderr
    assert open(path, "rb").read() == before
    assert os.listdir(os.path.dirname(path)) == ["c.yaml"]  # no temporary file left behind


def test_validate_shows_timeline_codes(run_cli, write):
    text, line = set_in_step(UNNA_TEXT, "kreistag", "date", "2012-11-04")
    result = run_cli("validate", write("u.yaml", text))
    assert result.returncode == 1
    assert f"u.yaml:{line}:" in result.stdout and " T011 " in result.stdout


def test_timeline_reads_the_same_configuration_as_validate(run_cli, tmp_path):
    """An integconcept.toml above the concept sets the notice period for timeline and validate alike."""
    folder = tmp_path / "gremien" / "2012"
    folder.mkdir(parents=True)
    concept = folder / "unna.yaml"
    concept.write_text(UNNA_TEXT, encoding="utf-8")
    (tmp_path / "gremien" / "integconcept.toml").write_text("[timeline]\nnotice_period_days = 10\n", encoding="utf-8")
    text = run_cli("timeline", str(concept), cwd=tmp_path, env={"COLUMNS": "200"}).stdout
    assert "Ladungsfrist 10 Kalendertage" in text
    # the setting name in brackets is shown, not swallowed as terminal markup
    assert "[tool.integconcept.timeline] notice_period_days" in text
    # Kreisausschuss 29.10.2012: 10 full days between invitation and session → latest invitation 18.10.
    assert "18.10.2012" in text
