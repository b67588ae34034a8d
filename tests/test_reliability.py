"""Regression tests for issue 13 (reliability): every case of the issue that is not the loader's or the
templates', and every reproducer the fuzz suite (tests/test_fuzz.py) found."""

from __future__ import annotations

import datetime as dt
import errno
import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from integconcept.reporting.reporters import REPORTERS
from integconcept.commands.validate import exit_code, validate_file

from .conftest import MINIMAL, ROOT, UNNA
from .scaling import assert_grows_linearly

STEP = "    - {{id: s, date: {date}, body: Kreistag, body_kind: council, purpose: decision{extra}}}\n"


def concept(tmp_path, extra: str = "", name: str = "c.yaml") -> Path:
    path = tmp_path / name
    path.write_text(MINIMAL + extra, encoding="utf-8")
    return path


def with_step(tmp_path, date: str = "2012-10-30", extra: str = "") -> Path:
    return concept(tmp_path, "approval_process:\n  steps:\n" + STEP.format(date=date, extra=extra))


def reports(path: Path) -> dict[str, str]:
    result = validate_file(str(path))
    out = {}
    for name, reporter in REPORTERS.items():
        stream = io.StringIO()
        reporter(stream).report([result])
        out[name] = stream.getvalue()
        out[name].encode("utf-8")  # what a UTF-8 terminal does: must not raise
    out["code"] = exit_code([result])
    return out


def messages(path: Path) -> list[str]:
    return [f"{f.code} {f.message} {f.hint or ''}" for f in validate_file(str(path)).findings]


# --------------------------------------------------------------------------- output encoding, control characters


def test_lone_surrogate_reaches_every_reporter_as_replacement_character(tmp_path):
    """A file name that is not UTF-8 arrives as lone surrogates (surrogateescape); schema messages may
    quote surrogates from Python callers. Every reporter prints them as U+FFFD."""
    from integconcept.document.loader import SourceMap
    from integconcept.document.schema_check import check_schema

    name = os.fsdecode(bytes(tmp_path) + b"/konzept-\xff.yaml")
    Path(name).write_text(MINIMAL.replace("status: draft", "status: entwurf"), encoding="utf-8")
    out = reports(Path(name))
    assert out["code"] == 1
    assert "konzept-\ufffd.yaml:10:9: S005 „entwurf“ ist hier kein erlaubter Wert" in out["text"]
    for fmt in ("json", "sarif"):
        json.loads(out[fmt])
    _, found = check_schema({"format_version": 1, "status": "dr\ud800aft"}, SourceMap())
    assert any("„dr\ufffdaft“" in f.message for f in found)


def test_control_characters_are_shown_not_executed(tmp_path):
    path = concept(tmp_path)
    path.write_text(path.read_text().replace("status: draft", 'status: "\\x1b[2J\\x01\\u202e"'))
    out = reports(path)
    assert "„\\x1b[2J\\x01\\u202e“ ist hier kein erlaubter Wert" in out["text"]
    assert not any(c in out["text"] + out["github"] for c in "\x1b\x01\u202e")


def test_real_command_line_prints_surrogates_without_traceback(tmp_path):
    name = bytes(tmp_path) + b"/konzept-\xff.yaml"
    Path(os.fsdecode(name)).write_text(MINIMAL.replace("status: draft", "status: entwurf"), encoding="utf-8")
    for fmt in ("text", "json", "sarif", "github"):
        result = subprocess.run(
            [sys.executable, "-m", "integconcept", "validate", "-f", fmt, name],
            cwd=ROOT,
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
            timeout=300,
        )
        assert result.returncode == 1, result.stderr
        assert b"Traceback" not in result.stderr
        # SARIF names the file by URI: the byte as it is on disk; the others show U+FFFD
        assert (b"konzept-%FF.yaml" if fmt == "sarif" else "konzept-\ufffd.yaml".encode()) in result.stdout


def test_safe_text_functions():
    from integconcept.core.safe_text import for_terminal, for_xml, is_xml_safe

    assert for_terminal("Kreis Unna\n\tä") == "Kreis Unna\n\tä"
    assert for_terminal("a\ud800b\x01\x1b\u202e") == "a\ufffdb\\x01\\x1b\\u202e"
    assert for_xml("a\x01\x0b\x00b\ud800\ufffe\tc\n") == "ab\ufffd\tc\n"
    assert is_xml_safe(for_xml("".join(map(chr, range(0, 0x3000)))))


def test_timeline_text_json_and_ics_with_odd_characters(tmp_path, run_cli):
    path = concept(
        tmp_path,
        "approval_process:\n  steps:\n"
        '    - {id: s, date: 2012-10-30, time: "16:00", body: "Kreis\\x01tag\\x0b\\x1b[2J", '
        "body_kind: council, purpose: decision}\n",
    )
    for fmt in ("text", "json", "ics"):
        result = run_cli("timeline", "-f", fmt, str(path))
        assert result.returncode == 0, result.stderr
        assert not any(c in result.stdout for c in "\x01\x0b\x1b")
    assert "Kreis\\x01tag" in run_cli("timeline", str(path)).stdout
    from icalendar import Calendar

    events = Calendar.from_ical(result.stdout.encode()).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Kreistag[2J: Beschlussfassung"]


def test_ics_with_a_lone_surrogate_from_a_python_caller():
    """Lone surrogates cannot come from YAML any more (the loader refuses the escape), but concepts
    built in Python (import, OParl) can hold them: the calendar shows U+FFFD."""
    from icalendar import Calendar

    from integconcept.document.model import Concept
    from integconcept.procedure.chain import build_steps
    from integconcept.reporting.ics import created_at, render_ics

    from .timeline_helpers import merge

    from integconcept.document.loader import parse_yaml, to_plain

    base, _ = to_plain(parse_yaml(MINIMAL))
    step = {
        "id": "s",
        "date": "2012-10-30",
        "body": "Kreis\ud800tag\x01",
        "body_kind": "council",
        "purpose": "decision",
    }
    concept = Concept.model_validate(merge(base, {"approval_process": {"steps": [step]}}))
    steps = build_steps(concept)
    data = render_ics(concept.id, concept.title, steps, created_at())
    events = Calendar.from_ical(data).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Kreis\ufffdtag: Beschlussfassung"]


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize("literal", [".nan", ".inf", "-.inf", "1e400"])
def test_non_finite_numbers_are_refused_in_german(tmp_path, literal):
    path = concept(
        tmp_path,
        f"staffing:\n  posts:\n    - {{fte: {literal}}}\n  funding:\n    - {{funder: land, amount_eur: {literal}}}\n",
    )
    found = validate_file(str(path)).findings
    assert {f.code for f in found} == {"S007"}
    assert {f.path for f in found} == {("staffing", "posts", 0, "fte"), ("staffing", "funding", 0, "amount_eur")}
    lines = path.read_text().splitlines()
    assert [f.line for f in found] == [i + 1 for i, row in enumerate(lines) if literal in row]
    if literal in (".nan", ".inf"):
        assert all("keine endliche Zahl" in f.message for f in found)


def test_population_numbers_have_a_domain(tmp_path):
    path = concept(
        tmp_path,
        "preamble:\n  population_table:\n    title: T\n    source: Q\n    rows:\n"
        "      - {name: A, total: 1000000000000, foreigners_percent: .nan}\n",
    )
    found = validate_file(str(path)).findings
    assert [(f.code, f.path[-1]) for f in found] == [("S007", "total"), ("S007", "foreigners_percent")]
    assert "höchstens 100000000" in found[0].message


def test_integers_over_4300_digits_are_shown_shortly():
    """str() of such an integer raises ValueError; the message must show it shortly instead. (The loader
    now refuses such literals itself; Python callers can still pass them.)"""
    from integconcept.document.loader import SourceMap
    from integconcept.document.schema_check import check_schema

    _, found = check_schema({"format_version": 1, "subtitle": 16**5000, "status": 10**5000}, SourceMap())
    shown = [f for f in found if f.path in (("subtitle",), ("status",))]
    assert {f.code for f in shown} == {"S003", "S005"}
    assert all("ganze Zahl mit etwa" in f.message and len(f.message) < 200 for f in shown)


def test_schema_messages_are_built_in_linear_time(tmp_path):
    def write(count: int) -> Path:
        return concept(tmp_path, "sources:\n" + "  - [1]\n" * count, name=f"n{count}.yaml")

    # the loader allows 10,000 list items; quadratic: 64 times, linear: 8 times
    result = assert_grows_linearly(lambda p: validate_file(str(p)), write(1_000), write(8_000), 8, tries=2)
    assert len(result.findings) == 8_000


# --------------------------------------------------------------------------- dates, times, lengths


@pytest.mark.parametrize(
    "date", ["9999-12-31", "0001-01-01", "Ende 9999-12", "Anfang 0000-01", "1899-12-31", "Mitte Dezember 2200"]
)
def test_dates_outside_the_year_domain(tmp_path, date):
    path = with_step(tmp_path, date)
    found = validate_file(str(path)).findings
    assert [f.code for f in found] == ["S004"]
    assert "außerhalb des erlaubten Bereichs 1900 bis 2199" in found[0].message
    assert found[0].line == MINIMAL.count("\n") + 3


@pytest.mark.parametrize("date", ["1900-01-01", "2199-12-31", "Ende 2199-12", "Anfang 1900-01"])
def test_dates_at_the_edges_of_the_domain_work_everywhere(tmp_path, run_cli, date):
    path = with_step(tmp_path, date, ', time: "23:59"')
    assert [f.code for f in validate_file(str(path)).findings if f.severity.value == "error"] == []
    for fmt in ("text", "json", "ics"):
        result = run_cli("timeline", "-f", fmt, str(path))
        assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr


def test_dates_module_refuses_edge_years():
    from integconcept.document.dates import DateFormatError, parse_day, parse_vague_date

    for text in ("9999-12-31", "0000-12", "Ende 9999-12", "Anfang Januar 0001"):
        with pytest.raises(DateFormatError, match="außerhalb"):
            parse_vague_date(text)
    with pytest.raises(DateFormatError):
        parse_day(dt.date(9999, 12, 31))
    assert parse_vague_date("Ende 2199-12").end == dt.date(2199, 12, 31)


def test_time_24_00_is_refused_and_ics_works_with_23_59(tmp_path, run_cli):
    path = with_step(tmp_path, extra=', time: "24:00"')
    found = validate_file(str(path)).findings
    assert [(f.code, f.path[-1]) for f in found] == [("S003", "time")]
    assert "00:00 bis 23:59" in found[0].hint
    path = with_step(tmp_path, extra=', time: "23:59"')
    result = run_cli("timeline", "-f", "ics", str(path))
    assert result.returncode == 0 and "DTSTART:20121030T235900" in result.stdout


def test_ics_skips_an_impossible_time_instead_of_crashing():
    from integconcept.reporting.ics import _clock

    assert _clock("24:00") is None and _clock("x") is None and _clock("23:59") == dt.time(23, 59)


def test_title_longer_than_docx_core_properties_allow(tmp_path):
    path = concept(tmp_path)
    path.write_text(path.read_text().replace("title: Integrationskonzept Kreis Test", "title: " + "T" * 256))
    found = validate_file(str(path)).findings
    assert [(f.code, f.path) for f in found] == [("S007", ("title",))]
    assert "256 Zeichen, erlaubt sind höchstens 255" in found[0].message


# --------------------------------------------------------------------------- plan


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1900-01-02"])
def test_plan_at_the_edges_of_the_calendar(run_cli, day):
    result = run_cli("timeline", "plan", "-d", day, "-f", "ics")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "1900 bis 2199" in result.stderr


def test_plan_with_a_broken_calendar_event(run_cli, tmp_path):
    cal = tmp_path / "sitzungen.ics"
    cal.write_text(
        "\r\n".join(
            [
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:x",
                "BEGIN:VEVENT",
                "UID:1",
                "DTSTART:2012XX30",
                "SUMMARY:Kreistag",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:2",
                "DTSTART;VALUE=DATE:20121030",
                "SUMMARY:Kreistag",
                "END:VEVENT",
                "END:VCALENDAR",
                "",
            ]
        )
    )
    result = run_cli("timeline", "plan", "-d", "2012-10-30", "--calendar", str(cal))
    assert result.returncode == 0, result.stderr
    assert "1 Termin mit ungültigem Datum (DTSTART) übergangen" in result.stdout
    assert "Im Sitzungskalender steht am 30.10.2012 keine Sitzung" not in result.stdout


@pytest.mark.parametrize(
    "text",
    [
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n",
        "\x00\xff" * 10,
        "END:VCALENDAR\r\n",
        "BEGIN:VCALENDAR\r\n",
    ],
)
def test_plan_with_a_calendar_that_is_no_calendar(tmp_path, text):
    from integconcept.procedure.plan import PlanError, read_sessions

    cal = tmp_path / "x.ics"
    cal.write_text(text, encoding="latin-1")
    with pytest.raises(PlanError, match="keine gültige iCalendar-Datei"):
        read_sessions(str(cal))


def test_a_big_valid_calendar_is_read_whole(tmp_path):
    from integconcept.procedure import plan

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Rat//DE"]
    for i in range(100_000):
        day = dt.date(2000, 1, 1) + dt.timedelta(days=i % 5000)
        lines += [
            "BEGIN:VEVENT",
            f"UID:s{i}@ris",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"SUMMARY:Sitzung Ausschuss {i}",
            "END:VEVENT",
        ]
    lines += [
        "BEGIN:VEVENT",
        "UID:last",
        "DTSTART:20121030T160000",
        "SUMMARY:Kreistag\\, letzte",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    cal = tmp_path / "gross.ics"
    cal.write_text("\r\n".join(lines) + "\r\n")
    assert cal.stat().st_size > 5 * 1024 * 1024
    sessions = plan.read_sessions(str(cal))
    assert len(sessions) == 100_001 and sessions[-1] == (dt.date(2012, 10, 30), "Kreistag, letzte")


def test_a_too_big_calendar_is_refused_as_too_big(tmp_path, monkeypatch):
    from integconcept.procedure import plan

    monkeypatch.setattr(plan, "MAX_CALENDAR_BYTES", 1000)
    cal = tmp_path / "gross.ics"
    cal.write_text("BEGIN:VCALENDAR\r\n" + "X-PAD:" + "x" * 2000 + "\r\nEND:VCALENDAR\r\n")
    with pytest.raises(plan.PlanError, match="größer als"):
        plan.read_sessions(str(cal))


# --------------------------------------------------------------------------- outputs


def test_no_input_can_be_the_plan_output(run_cli, tmp_path):
    """The data loss of the issue: the concept was replaced when --calendar was given as well."""
    path = concept(tmp_path)
    cal = tmp_path / "cal.ics"
    cal.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n")
    (tmp_path / "link.yaml").symlink_to(path)
    os.link(cal, tmp_path / "hard.ics")
    before = {p: p.read_bytes() for p in (path, cal)}
    for target in (path, cal, tmp_path / "link.yaml", tmp_path / "hard.ics"):
        result = run_cli(
            "timeline",
            "plan",
            "--council-date",
            "2012-10-30",
            str(path),
            "--calendar",
            str(cal),
            "--format",
            "yaml",
            "-o",
            str(target),
        )
        assert result.returncode == 2, (target, result.stderr)
        assert "wird nie überschrieben" in result.stderr
    assert {p: p.read_bytes() for p in before} == before


def test_read_only_output_is_refused(run_cli, tmp_path):
    out = tmp_path / "alt.json"
    out.write_text("alt")
    out.chmod(0o444)
    result = run_cli("timeline", "-f", "json", str(UNNA), "-o", str(out))
    assert result.returncode == 2 and "schreibgeschützt" in result.stderr
    assert out.read_text() == "alt"


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_a_device_or_a_link_to_it_is_never_an_output(run_cli, tmp_path, device):
    link = tmp_path / "ausgabe.docx"
    link.symlink_to(device)
    for target in (device, str(link)):
        result = run_cli("timeline", "-f", "json", str(UNNA), "-o", target)
        assert result.returncode == 2 and "keine gewöhnliche Datei" in result.stderr, result.stderr
    result = run_cli("render", str(UNNA), "-o", str(link))
    assert result.returncode == 2 and "keine gewöhnliche Datei" in result.stderr
    assert link.is_symlink() and os.readlink(link) == device
    assert Path(device).is_char_device()


def test_output_through_a_link_replaces_the_target_and_keeps_the_link(tmp_path):
    from integconcept.core.output import atomic_write, check_output_path

    target = tmp_path / "ziel.json"
    target.write_text("alt")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    atomic_write(check_output_path(str(link), {}), b"neu")
    assert link.is_symlink() and target.read_bytes() == b"neu"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_while_writing_leaves_the_old_output_and_no_temporary_file(tmp_path, monkeypatch, signum):
    from integconcept.core import output

    out = tmp_path / "konzept.docx"
    out.write_bytes(b"alt")
    monkeypatch.setattr(output.os, "fsync", lambda fd: os.kill(os.getpid(), signum))
    with pytest.raises(output.Interrupted) as caught:
        output.atomic_write(out, b"neu" * 1000)
    assert caught.value.signum == signum
    assert out.read_bytes() == b"alt" and sorted(p.name for p in tmp_path.iterdir()) == ["konzept.docx"]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


SIGTERM_SCRIPT = """
import os, signal, sys
from integconcept.core import output
output.os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGTERM)
sys.argv = ["integconcept", *sys.argv[1:]]
from integconcept.cli.app import main
main()
"""


@pytest.mark.parametrize("command", [["timeline", "-f", "json", str(UNNA)], ["render", str(UNNA)]])
def test_sigterm_during_output_through_the_command_line(tmp_path, command):
    out = tmp_path / ("konzept.docx" if command[0] == "render" else "plan.json")
    out.write_text("alt")
    result = subprocess.run(
        [sys.executable, "-c", SIGTERM_SCRIPT, *command, "-o", str(out), "--force"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 128 + signal.SIGTERM, result.stderr
    assert "Abgebrochen" in result.stderr and "Traceback" not in result.stderr
    assert out.read_text() == "alt" and sorted(p.name for p in tmp_path.iterdir()) == [out.name]


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
def test_a_full_disk_gives_a_german_message(tmp_path, monkeypatch, code):
    from integconcept.core import output

    out = tmp_path / "konzept.docx"
    out.write_bytes(b"alt")

    def full(fd):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(output.os, "fsync", full)
    with pytest.raises(output.OutputError) as caught:
        output.atomic_write(out, b"neu")
    assert caught.value.exit_code == 2
    assert ("kein Speicherplatz mehr frei" if code == errno.ENOSPC else "Ein-/Ausgabefehler") in caught.value.message
    assert out.read_bytes() == b"alt" and sorted(p.name for p in tmp_path.iterdir()) == ["konzept.docx"]


def test_dev_full_as_standard_output(tmp_path):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "integconcept", "validate", str(UNNA)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=300,
        )
    assert result.returncode == 2
    assert result.stderr.strip() == "Fehler: Die Ausgabe konnte nicht geschrieben werden: kein Speicherplatz mehr frei."


LAST_RESORT_SCRIPT = """
import sys
import integconcept.commands.validate as v
def broken(*args, **kwargs):
    raise RuntimeError("simulated bug")
v.validate_files = broken
sys.argv = ["integconcept", *sys.argv[1:]]
from integconcept.cli.app import main
main()
"""


def test_last_resort_handler_is_german_points_to_the_input_and_exits_2():
    result = subprocess.run(
        [sys.executable, "-c", LAST_RESORT_SCRIPT, "validate", str(UNNA)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"Interner Fehler bei der Verarbeitung von „{UNNA}“ (RuntimeError)" in result.stderr


def test_many_undated_steps_are_bounded_in_linear_time():
    """chain.build_steps compared every undated step with all others (3,000 steps: seconds)."""
    from integconcept.document.loader import parse_yaml, to_plain
    from integconcept.document.model import Concept
    from integconcept.procedure.chain import build_steps

    from .timeline_helpers import merge

    base, _ = to_plain(parse_yaml(MINIMAL))
    steps = [{"id": f"s{i}", "body": "B", "body_kind": "other", "purpose": "information"} for i in range(20_000)]
    steps[5_000]["date"] = "2012-10-30"
    steps[15_000]["date"] = "2012-11"
    model = Concept.model_validate(merge(base, {"approval_process": {"steps": steps}}))
    small = Concept.model_validate(merge(base, {"approval_process": {"steps": steps[:2_000]}}))
    built = assert_grows_linearly(build_steps, small, model, 10, tries=3)
    assert (built[0].earliest, built[0].latest) == (None, dt.date(2012, 10, 30))
    assert (built[10_000].earliest, built[10_000].latest) == (dt.date(2012, 10, 30), dt.date(2012, 11, 30))
    assert (built[-1].earliest, built[-1].latest) == (dt.date(2012, 11, 1), None)


def test_fuzz_reproducer_surrogate_in_a_date():
    """Found by the fuzz suite: pydantic renders the date message as UTF-8 when listing errors. (The
    loader now refuses the escape itself; Python callers can still pass such a string.)"""
    from integconcept.document.loader import SourceMap
    from integconcept.document.schema_check import check_schema

    data = {
        "preamble": {
            "population_table": {"title": "T", "source": "Q", "rows": [], "reference_date": "\ud91f\udc9b\u00aeO"}
        }
    }
    _, found = check_schema(data, SourceMap())
    dated = [f for f in found if f.path[-1:] == ("reference_date",)]
    assert [f.code for f in dated] == ["S004"]
    assert "„\ufffd\ufffd®O“ ist kein Datum" in dated[0].message


def test_fuzz_reproducer_plan_output_in_process_twice(tmp_path):
    """Found by the fuzz suite: emit() bound sys.stderr at import time, so a second in-process run wrote
    „Geschrieben: …“ to the first run's closed stream (ValueError: I/O operation on closed file)."""
    from typer.testing import CliRunner

    from integconcept.cli.app import app

    for index in range(2):
        out = tmp_path / f"plan{index}.yaml"
        result = CliRunner().invoke(app, ["timeline", "plan", "-d", "2012-10-30", "-f", "yaml", "-o", str(out)])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert result.exit_code == 0 and out.read_text().startswith("# Vorschlag")


def test_render_survives_control_characters_and_lone_surrogates_in_any_text():
    """YAML escapes can put "\\x01" or "\\ud800" into a free text; the document drops what XML cannot hold."""
    import io

    import docx

    from integconcept.render import render_concept
    from integconcept.commands.validate import validate_file

    from .conftest import UNNA

    concept = validate_file(str(UNNA)).concept
    concept.preamble.history = "Vorher\x01 \x0b nachher \ud800 Ende"
    concept.title = concept.title + "\x07"
    data = render_concept(concept).data
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "Vorher  nachher \ufffd Ende" in text
    assert "\x01" not in text and "\x07" not in text


def test_render_cleans_every_character_xml_forbids_wherever_it_is():
    """render_concept first looks for unsafe characters in one JSON dump of the concept (the quick check) and
    walks the concept only when that finds one: for each character XML 1.0 forbids, in a free text, a list
    item or a name, the walk runs and the text is cleaned, in a concept of the model's classes and in one of
    the plain classes (as render reads a file); allowed characters (tab, line feed, a backslash of the text)
    leave the concept as it is."""
    import copy
    import itertools

    from integconcept.core.safe_text import is_xml_safe
    from integconcept.render import _surely_xml_safe, xml_safe
    from integconcept.commands.validate import validate_file
    from integconcept.document.walk import iter_strings

    from .conftest import UNNA

    concept = validate_file(str(UNNA)).concept
    assert _surely_xml_safe(concept), "a usual concept needs no walk"

    def texts(model) -> list[str]:
        return [value for _path, value in iter_strings(model, ())]

    forbidden = [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"] + ["\ufffe", "\uffff", "\ud800", "\udfff"]
    plain = validate_file(str(UNNA), plain=True).concept  # as render reads a file: the plain classes
    assert _surely_xml_safe(plain, True)
    for char in forbidden:
        for field, kind in itertools.product(("history", "title", "municipality"), ("model", "plain")):
            changed = concept.model_copy(deep=True) if kind == "model" else copy.deepcopy(plain)
            if field == "history":
                changed.preamble.history = f"vor{char}nach"
            elif field == "title":
                changed.title = f"Titel {char}"
            else:
                changed.authority.municipalities[-1].name = f"Ort{char}"
            cleaned = xml_safe(changed)
            assert cleaned is not changed, (char, field, kind)
            assert all(is_xml_safe(text) for text in texts(cleaned)), (char, field, kind)
    for allowed in ("a\tb", "a\nb", "a\rb", "C:\\bau\\fest\\u00e4", "\x7f\x85\u2028\ufffd"):
        for changed in (concept.model_copy(deep=True), copy.deepcopy(plain)):
            changed.preamble.history = allowed
            assert xml_safe(changed) is changed, allowed


def test_json_outputs_stay_json_with_characters_a_terminal_would_escape(tmp_path, run_cli):
    """Fuzz reproducer: a DEL (or C1, bidi control, lone surrogate) in a body name made the terminal-safe
    writer turn the JSON of timeline/validate into invalid JSON (``\\x7f`` is no JSON escape)."""
    import json

    from .conftest import UNNA

    text = UNNA.read_text(encoding="utf-8").replace("      body: Kreistag\n", '      body: "Kreis\\x7Ftag\\u202e"\n', 1)
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "t.json"
    run_cli("timeline", str(path), "--format", "json", "-o", str(out))
    bodies = [step["body"] for step in json.loads(out.read_text(encoding="utf-8"))["steps"]]
    assert "Kreis\x7ftag\u202e" in bodies
    for args in (
        ("timeline", str(path), "--format", "json"),
        ("validate", "--format", "json", str(path)),
        ("validate", "--format", "sarif", str(path)),
    ):
        json.loads(run_cli(*args).stdout)  # valid JSON on the terminal too


def _corrupt_part(data: bytes, name: str, compress_type: int) -> bytes:
    """A copy of the .docx whose part ``name`` is stored with ``compress_type`` and has garbage as its
    compressed stream (the headers and the declared CRC stay as they were)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(
                item.filename,
                source.read(item.filename),
                compress_type=compress_type if item.filename == name else zipfile.ZIP_DEFLATED,
            )
    data = bytearray(out.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 4 : start + 24] = b"\xff" * 20
    return bytes(data)


@pytest.mark.parametrize("method", ["deflate", "lzma"])
def test_fuzz_reproducer_template_with_a_corrupt_compressed_part(tmp_path, method):
    """Found by the template fuzzing: a damaged deflate stream raised zlib.error (an LZMA one LZMAError)
    out of render; now the German "keine gültige Word-Datei" message, exit code 2, nothing written."""
    import zipfile

    from integconcept.core.errors import UserError
    from integconcept.commands.render import render_file

    from .template_builders import python_docx_template

    method = {"deflate": zipfile.ZIP_DEFLATED, "lzma": zipfile.ZIP_LZMA}[method]
    template = tmp_path / "vorlage.docx"
    template.write_bytes(_corrupt_part(python_docx_template(), "word/styles.xml", method))
    out = tmp_path / "konzept.docx"
    with pytest.raises(UserError) as caught:
        render_file(str(UNNA), str(out), template=str(template), stdout=io.StringIO(), stderr=io.StringIO())
    assert caught.value.exit_code == 2
    assert "keine gültige Word-Datei" in caught.value.message and "word/styles.xml" in caught.value.message
    assert not out.exists()


# --------------------------------------------------------------------------- limits at the edge


def _edge_inputs(scale: int = 1) -> dict[str, str]:
    """An input just below each limit of the README's table (``scale`` 10: a tenth of it, to compare with)."""
    from integconcept.document import loader

    per = (loader.MAX_LIST_ITEMS - 1) // scale
    lists = (loader.MAX_NODES - 100) // (loader.MAX_LIST_ITEMS - 1)
    unna = UNNA.read_text(encoding="utf-8")
    marker = "    - id: verwaltungsvorstand\n"
    municipalities = "".join(f"    - id: m{i}\n      name: Gemeinde {i}\n" for i in range(per))
    depth = (loader.MAX_DEPTH - 2) // scale
    return {
        # 189,981 values in 19 lists of 9,999 (schema errors, each list reported once)
        "angaben": "format_version: 1\n" + "".join(f"x{k}: [" + ", ".join(["1"] * per) + "]\n" for k in range(lists)),
        "ebenen": "format_version: 1\nx: " + "[" * depth + "1" + "]" * depth + "\n",
        "flow-3000": "format_version: 1\nx: " + "{a: " * (3000 // scale) + "1" + "}" * (3000 // scale) + "\n",
        "text": unna.replace(
            marker, marker + f"      note: gemeinsame {'a' * ((loader.MAX_STRING_CHARS - 30) // scale)}\n", 1
        ),
        "liste": MINIMAL.replace("    - id: a-stadt\n      name: A-Stadt\n", municipalities),
        "stellen": unna.replace("format_version: 1\n", "format_version: 1\nx: " + "9" * (4299 // scale) + "\n", 1),
    }


@pytest.mark.parametrize("case", ["angaben", "ebenen", "flow-3000", "text", "liste", "stellen"])
def test_inputs_at_the_limits_are_checked_in_linear_time(tmp_path, case):
    """validate and timeline on an input just below each limit of the README's table (5 MB: see the
    scaled concept below), and render for a usable one, take at most a few times ten times as long as for
    a tenth of it (a quadratic path, like the old loader's 7 s for 3,000 nested flow mappings, takes a
    hundred times as long). The seconds themselves are measured in bench/extreme.py, not here."""
    from integconcept.render import render_concept
    from integconcept.commands.timeline import check_file

    path, tenth = tmp_path / f"{case}.yaml", tmp_path / f"{case}-zehntel.yaml"
    path.write_text(_edge_inputs()[case], encoding="utf-8")
    tenth.write_text(_edge_inputs(10)[case], encoding="utf-8")
    assert path.stat().st_size < 5 * 1024 * 1024
    result = assert_grows_linearly(lambda p: validate_file(str(p)), tenth, path, 10, tries=2, what=f"validate {case}")
    assert all(f.code != "Y008" for f in result.findings) or case == "flow-3000", result.findings[:1]
    code, _ = assert_grows_linearly(
        lambda p: check_file(str(p), "text", stdout=io.StringIO(), stderr=io.StringIO()),
        tenth,
        path,
        10,
        tries=2,
        what=f"timeline {case}",
    )
    assert code in (0, 1, 2)
    if result.concept is not None:
        assert case in ("text", "liste")
        small = validate_file(str(tenth)).concept
        assert_grows_linearly(render_concept, small, result.concept, 10, tries=2, what=f"render {case}")


def test_a_calendar_at_its_limits_is_planned_in_linear_time(tmp_path):
    """Just below 150,000 events and 16 MB (a 32 MB calendar with 300,000 events took 2.1-2.7 s): planned
    in at most a few times ten times the time for a tenth of the events."""
    from typer.testing import CliRunner

    from integconcept.cli.app import app
    from integconcept.procedure import plan

    def calendar(events: int) -> Path:
        day = dt.date(1990, 1, 1)
        pad = "x" * 12  # both limits at once: about 110 bytes per event
        lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//DE"]
        for i in range(events):
            lines += [
                "BEGIN:VEVENT",
                f"UID:{i}@kreis",
                f"DTSTART:{day + dt.timedelta(days=i % 60_000):%Y%m%d}T160000",
                f"SUMMARY:{('Kreistag', 'Kreisausschuss', 'Ausschuss für Soziales')[i % 3]} {pad}",
                "END:VEVENT",
            ]
        lines.append("END:VCALENDAR")
        path = tmp_path / f"sitzungen-{events}.ics"
        path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
        return path

    events = plan.MAX_CALENDAR_EVENTS - 1
    cal = calendar(events)
    assert plan.MAX_CALENDAR_BYTES * 0.9 < cal.stat().st_size < plan.MAX_CALENDAR_BYTES

    def run(path: Path):
        return CliRunner().invoke(app, ["timeline", "plan", "-d", "2012-10-30", str(UNNA), "--calendar", str(path)])

    result = assert_grows_linearly(run, calendar(events // 10), cal, 10, tries=2)
    assert result.exit_code in (0, 1) and "Sitzungskalender" in result.output, result.output[-500:]


def test_a_gremienlauf_at_the_list_limit_is_listed_quickly_and_whole(tmp_path):
    """9,999 steps: rich's table took 8 s (0.5 ms a row); the table is now laid out as rich lays it out
    without rich (reporting/table_text), with every step, its purpose and its findings, in linear time (1,000
    steps to compare)."""
    from integconcept.document import loader
    from integconcept.commands.timeline import check_file

    steps = "".join(
        f"    - {{id: s{i}, date: 2012-{1 + i % 12:02d}-{1 + i % 28:02d}, body: Kreistag {i}, "
        "body_kind: council, purpose: decision}\n"
        for i in range(loader.MAX_LIST_ITEMS - 1)
    )
    path = concept(tmp_path, "approval_process:\n  steps:\n" + steps)
    tenth = concept(
        tmp_path, "approval_process:\n  steps:\n" + "".join(steps.splitlines(True)[:1_000]), name="zehntel.yaml"
    )
    code, text = assert_grows_linearly(
        lambda p: check_file(str(p), "text", stdout=io.StringIO(), stderr=io.StringIO()), tenth, path, 10, tries=2
    )
    assert code == 0  # holidays and Sundays are warnings since issue 25 (no law forbids such sessions)
    assert "WARNUNG T010" in text and "WARNUNG T011" in text
    lines = text.splitlines()
    # the same layout as a short Gremienlauf's (rich's, title padded to the table's width; reporting/table_text)
    assert lines[0].rstrip() == "Gremienlauf: Integrationskonzept Kreis Test"
    assert lines[1].split() == ["Datum", "Gremium", "/", "Zweck", "Tage", "Ladung", "bis"]
    import re

    shown = {int(n) for n in re.findall(r"(?<!„)Kreistag (\d+)(?![\d“])", text)}  # not the quotes in findings
    assert shown == set(range(loader.MAX_LIST_ITEMS - 1))
    assert text.count("Beschlussfassung") == loader.MAX_LIST_ITEMS - 1
    assert "Neujahr" in text and "9999 Schritte" in text.replace(".", "")


@pytest.mark.parametrize(
    "part",
    [
        "word/styles.xml",
        "word/numbering.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/theme/theme1.xml",
        "docProps/core.xml",
    ],
)
def test_fuzz_reproducer_template_part_with_a_foreign_root_element(tmp_path, part):
    """Found by the template fuzzing after the render speed-up: styles.xml (and in the long run
    docProps/core.xml) holding the content types (another part's XML) reached python-docx as a bare element
    ('no attribute default_for', 'no attribute title_text'). A part whose root is not the one its
    relationship promises is left out like a missing part: the document renders."""
    import docx

    from integconcept.commands.render import render_file

    from .template_builders import edit_part, python_docx_template

    template = python_docx_template()
    import zipfile

    foreign = zipfile.ZipFile(io.BytesIO(template)).read("[Content_Types].xml")
    path = tmp_path / "vorlage.docx"
    path.write_bytes(edit_part(template, part, lambda _old: foreign))
    out = tmp_path / "konzept.docx"
    stderr = io.StringIO()
    assert render_file(str(UNNA), str(out), template=str(path), stdout=io.StringIO(), stderr=stderr) == 0
    document = docx.Document(str(out))
    assert any(p.text == "Präambel" or p.text.endswith("Präambel") for p in document.paragraphs)
    assert all(line.startswith("Warnung: Die Vorlage") for line in stderr.getvalue().splitlines())


def _many_styles(xml: bytes, size: int) -> bytes:
    """styles.xml grown to about ``size`` bytes with copies of a real heading style (own ids and names)."""
    import re

    text = xml.decode("utf-8")
    style = re.search(r'<w:style w:type="paragraph"[^>]*w:styleId="Heading2".*?</w:style>', text, re.S).group(0)
    copies = (size - len(text)) // (len(style) + 12)
    extra = "".join(
        style.replace('w:styleId="Heading2"', f'w:styleId="Eigene{i}"').replace(
            'w:val="heading 2"', f'w:val="Eigene {i}"'
        )
        for i in range(copies)
    )
    return text.replace("</w:styles>", extra + "</w:styles>").encode("utf-8")


def test_a_template_with_styles_at_the_part_limit_renders_in_linear_time(tmp_path):
    """An XML part may be 5 MB (19 MB of styles took 2.9 s; each copied style used to re-index all styles):
    at most a few times ten times as long as with a tenth of the styles."""
    from integconcept.core.errors import UserError
    from integconcept.commands.render import render_file
    from integconcept.render.template_package import MAX_XML_PART_BYTES

    from .template_builders import edit_part, python_docx_template

    base = python_docx_template()
    below = tmp_path / "viele-formatvorlagen.docx"
    styles = {}
    below.write_bytes(
        edit_part(
            base,
            "word/styles.xml",
            lambda xml: styles.setdefault("below", _many_styles(xml, MAX_XML_PART_BYTES - 20_000)),
        )
    )
    assert MAX_XML_PART_BYTES - 300_000 < len(styles["below"]) <= MAX_XML_PART_BYTES
    tenth = tmp_path / "zehntel.docx"
    tenth.write_bytes(edit_part(base, "word/styles.xml", lambda xml: _many_styles(xml, MAX_XML_PART_BYTES // 10)))
    render_file(str(UNNA), str(tmp_path / "warm.docx"), stdout=io.StringIO(), stderr=io.StringIO())

    def render(template: Path) -> int:
        return render_file(
            str(UNNA), str(tmp_path / "k.docx"), template=str(template), stdout=io.StringIO(), stderr=io.StringIO()
        )

    assert assert_grows_linearly(render, tenth, below, 10, tries=2) == 0
    above = tmp_path / "zu-viele.docx"
    above.write_bytes(
        edit_part(
            base,
            "word/styles.xml",
            lambda xml: styles.setdefault("above", _many_styles(xml, MAX_XML_PART_BYTES + 300_000)),
        )
    )
    assert len(styles["above"]) > MAX_XML_PART_BYTES
    with pytest.raises(UserError) as caught:
        render_file(
            str(UNNA), str(tmp_path / "k2.docx"), template=str(above), stdout=io.StringIO(), stderr=io.StringIO()
        )
    assert "zu groß" in caught.value.message and "word/styles.xml" in caught.value.message
    assert "5 MB für diesen Teil" in caught.value.message and not (tmp_path / "k2.docx").exists()


def test_thousands_of_unknown_references_among_thousands_of_known_ones_stay_fast(tmp_path):
    """K004 looked each reference up in a list and asked difflib for a suggestion among all known ids:
    5,000 unknown among 5,000 known took minutes. Now a set lookup, and suggestions while a budget of
    comparisons lasts (the first references get one, later ones the pointer to the list)."""

    def write(count: int) -> Path:
        known = "".join(f"    - {{id: gemeinde-{i}, name: Gemeinde {i}, kind: gemeinde}}\n" for i in range(count))
        refs = ", ".join(f"gemeinde-{i}x" for i in range(count))
        path = tmp_path / f"c{count}.yaml"
        path.write_text(
            MINIMAL.split("  municipalities:")[0]
            + "  municipalities:\n"
            + known
            + "status: draft\nlegal_basis: tintg2012-p7\napproval_process:\n  steps:\n"
            "    - {id: s, date: 2012-10-30, body: Gemeinden, body_kind: municipalities, "
            f"purpose: consultation, municipalities: [{refs}]}}\n",
            encoding="utf-8",
        )
        return path

    result = assert_grows_linearly(lambda p: validate_file(str(p)), write(500), write(5_000), 10, tries=2)
    k004 = [f for f in result.findings if f.code == "K004"]
    assert len(k004) == 5_000
    assert "„gemeinde-0“" in k004[0].hint  # "Meinten Sie „gemeinde-0“?"
    assert k004[-1].hint == "Die Kennungen stehen unter authority.municipalities."
    assert k004[-1].line == 5_012 and k004[-1].message.startswith("Die Kennung „gemeinde-4999x“")


# --------------------------------------------------------------------------- the size of the rendered document


SENTINEL = b"existing output\n"


def _intro(tmp_path, text: str) -> Path:
    block = "".join(f"    {line}\n" if line else "\n" for line in text.split("\n"))
    return concept(tmp_path, "preamble:\n  intro: |-\n" + block)


@pytest.mark.parametrize(
    "text, says",
    [
        ("- Punkt\n" * 40_001, "mehr als 40.000 Absätze (Listenpunkte, Tabellenzellen und Fußnotenabsätze mitgezählt)"),
        ("**fett** " * 15_001, "mehr als 60.000 Zeilen und Auszeichnungszeichen"),
        ("Satz^[Fußnote] " * 2_001, "mehr als 2.000 Fußnoten"),
    ],
)
def test_a_document_past_its_limits_is_refused_at_the_text_that_crosses_them(tmp_path, run_cli, text, says):
    """A 5 MB file of tiny list items, emphasis or footnotes made a document of 60 MB XML (10-30 s, up
    to 1.6 GB of memory); render now stops at its stated limits, names the text and writes nothing."""
    path = _intro(tmp_path, text.strip())
    out = tmp_path / "k.docx"
    out.write_bytes(SENTINEL)
    result = run_cli("render", str(path), "-o", str(out), "--force")
    assert result.returncode == 2, result.stderr
    assert f"{path}:13:3 (preamble.intro): Das Word-Dokument würde zu umfangreich werden: {says}" in result.stderr
    assert "Es wurde nichts geschrieben." in result.stderr and "Traceback" not in result.stderr
    assert out.read_bytes() == SENTINEL and sorted(p.name for p in tmp_path.iterdir()) == ["c.yaml", "k.docx"]


def test_a_document_just_below_the_footnote_limit_is_written_whole(tmp_path):
    from docx import Document

    from integconcept.render.emitter import MAX_FOOTNOTES
    from integconcept.commands.render import render_file

    path = _intro(tmp_path, "Satz^[Fußnote] " * MAX_FOOTNOTES)
    out = tmp_path / "k.docx"
    assert render_file(str(path), str(out), stdout=io.StringIO(), stderr=io.StringIO()) == 0
    notes = (
        Document(str(out))
        .part.part_related_by("http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes")
        .element
    )
    assert (
        sum(
            1
            for n in notes.iter("{*}footnote")
            if n.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}type") is None
        )
        == MAX_FOOTNOTES
    )


def test_a_table_row_past_the_paragraph_limit_is_named(tmp_path):
    """Table cells count as paragraphs; the message points at the row being written."""
    from integconcept.core.output import OutputError
    from integconcept.render import emitter
    from integconcept.commands.render import render_file

    rows = "".join(f"      - {{name: Gemeinde {i}, total: {1000 + i}}}\n" for i in range(300))
    path = concept(tmp_path, "preamble:\n  population_table:\n    title: T\n    source: S\n    rows:\n" + rows)
    limit, label = emitter._TOO_LARGE["paragraphs"]
    emitter._TOO_LARGE["paragraphs"] = (500, label)
    try:
        with pytest.raises(OutputError) as error:
            render_file(str(path), str(tmp_path / "k.docx"), stdout=io.StringIO(), stderr=io.StringIO())
    finally:
        emitter._TOO_LARGE["paragraphs"] = (limit, label)
    # before the table: the title page, the contents, the heading, caption and source line; then two cells a
    # row (name, total): the row that crosses 500 is one of the last before 250, named with its line
    import re

    row = int(re.search(r"\(preamble\.population_table\.rows\[(\d+)\]\):", error.value.message)[1])
    assert 220 < row < 249
    assert error.value.message.startswith(f"{path}:{17 + row}:9 ")
    assert not (tmp_path / "k.docx").exists()


def test_fuzz_reproducer_heading_style_without_paragraph_properties(tmp_path):
    """Found by the long template fuzzing (session 4): a heading style without w:pPr reached a helper that
    adds one and used lxml without importing it (NameError). The style gets its w:pPr (outline level
    before its w:rPr) and the document renders."""
    import re
    import zipfile

    import docx

    from integconcept.commands.render import render_file

    from .template_builders import edit_part, python_docx_template

    def without_ppr(xml: bytes) -> bytes:
        text = xml.decode("utf-8")
        style = re.search(r'<w:style [^>]*w:styleId="Heading1".*?</w:style>', text, re.S).group(0)
        bare = re.sub(r"<w:pPr>.*?</w:pPr>", "", style, flags=re.S)
        assert bare != style and "<w:pPr" not in bare
        return text.replace(style, bare).encode("utf-8")

    path = tmp_path / "vorlage.docx"
    path.write_bytes(edit_part(python_docx_template(), "word/styles.xml", without_ppr))
    out = tmp_path / "konzept.docx"
    assert render_file(str(UNNA), str(out), template=str(path), stdout=io.StringIO(), stderr=io.StringIO()) == 0
    styles = zipfile.ZipFile(out).read("word/styles.xml").decode("utf-8")
    heading = re.search(r'<w:style [^>]*w:styleId="Heading1".*?</w:style>', styles, re.S).group(0)
    assert heading.index("<w:pPr>") < heading.index("<w:rPr>") and 'w:outlineLvl w:val="0"' in heading
    assert docx.Document(str(out)).paragraphs
