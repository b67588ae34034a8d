"""Fuzz suite: no input makes a command raise, change an input or break an existing output.

Inputs come from :mod:`tests.fuzz_strategies` (mutations of the real examples). Each property runs a
command through its library entry point (validate: ``validate_file`` and every reporter; timeline
and timeline plan: the typer commands in-process, without ``cli.main``'s last-resort handler; render:
``render_concept`` and ``atomic_write``) and checks what a user would notice:

* no exception escapes; the exit code is 0, 1 or 2;
* everything printed encodes as UTF-8 (a terminal would show it);
* the input file is byte-for-byte unchanged;
* an existing output is unchanged when the exit code is not 0, and a written DOCX opens in python-docx
  with every XML part well-formed.

Profiles (``INTEGCONCEPT_FUZZ``): ``fast`` (default, part of the normal test run, about 30 s) and
``long`` (10,000 inputs per command, each within 2 s), see README „Fuzz-Tests“. Hypothesis keeps found
examples in ``.hypothesis/`` (not in git); each one found is added to ``tests/test_reliability.py``
as a regular regression test.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import warnings
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .fuzz_strategies import concept_bytes, dump_yaml, scalar_mutated

PROFILE = os.environ.get("INTEGCONCEPT_FUZZ", "fast")
_COMMON = dict(suppress_health_check=list(HealthCheck), print_blob=True)
settings.register_profile("fast", max_examples=int(os.environ.get("INTEGCONCEPT_FUZZ_EXAMPLES", 12)),
                          deadline=None, **_COMMON)
settings.register_profile("long", max_examples=int(os.environ.get("INTEGCONCEPT_FUZZ_EXAMPLES", 10_000)),
                          deadline=dt.timedelta(seconds=2), **_COMMON)
FUZZ = settings(settings.get_profile(PROFILE))
SENTINEL = b"existing output - must survive any failure\n"


def strict(call, *args, **kwargs):
    """Run ``call``: any exception fails the test (no crash is excused)."""
    return call(*args, **kwargs)


def _write_input(tmp_path, data: bytes, name: str = "konzept.yaml"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _encodable(text: str | bytes) -> None:
    if isinstance(text, str):
        text.encode("utf-8")  # raises UnicodeEncodeError as a terminal would


# --------------------------------------------------------------------------- validate


@FUZZ
@given(data=concept_bytes)
def test_validate_never_raises(tmp_path_factory, data):
    from integconcept.reporters import REPORTERS
    from integconcept.validate import exit_code, validate_file

    path = _write_input(tmp_path_factory.mktemp("v"), data)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = strict(validate_file, str(path))
    if caught:  # a Python warning is printed to the user as English text with a source path
        raise AssertionError(f"warning reaches the user: {caught[0].message}")
    assert exit_code([result]) in (0, 1, 2)
    for name, reporter in REPORTERS.items():
        stream = io.StringIO()
        reporter(stream).report([result])
        _encodable(stream.getvalue())
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1
    assert path.read_bytes() == data


# --------------------------------------------------------------------------- timeline (all formats) and plan


def _invoke(args: list[str]):
    from typer.testing import CliRunner

    from integconcept.cli import app

    result = CliRunner().invoke(app, args, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        strict(_reraise, result.exception)
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    _encodable(result.output)
    return result


@FUZZ
@given(data=concept_bytes, format=st.sampled_from(["text", "json", "ics"]), to_file=st.booleans())
def test_timeline_never_raises(tmp_path_factory, data, format, to_file):
    folder = tmp_path_factory.mktemp("t")
    path = _write_input(folder, data)
    out = folder / f"gremienlauf.{format}"
    out.write_bytes(SENTINEL)
    result = _invoke(["timeline", str(path), "-f", format] + (["-o", str(out)] if to_file else []))
    assert path.read_bytes() == data
    if result.exit_code == 2 or not to_file:
        assert out.read_bytes() == SENTINEL
    if to_file and out.read_bytes() != SENTINEL:
        _check_timeline_output(out.read_bytes(), format)
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []


def _reraise(exc):
    raise exc


def _check_timeline_output(data: bytes, format: str) -> None:
    text = data.decode("utf-8")
    if format == "json":
        import json

        json.loads(text)
    elif format == "ics":
        from icalendar import Calendar

        Calendar.from_ical(data)


@FUZZ
@given(data=concept_bytes, format=st.sampled_from(["text", "json", "ics", "yaml"]),
       council=st.sampled_from(["2012-10-30", "2014-11-27", "1900-01-02", "2199-12-30", "9999-12-31",
                                "2012-12-25", "30.10.2012"]),
       calendar=st.sampled_from([None, "ok", "broken", "same"]))
def test_plan_never_raises(tmp_path_factory, data, format, council, calendar):
    folder = tmp_path_factory.mktemp("p")
    path = _write_input(folder, data)
    args = ["timeline", "plan", "-d", council, str(path), "-f", format]
    cal = folder / "sitzungen.ics"
    if calendar:
        cal.write_bytes(_calendar(calendar))
        args += ["--calendar", str(cal)]
    before_cal = cal.read_bytes() if calendar else None
    out = folder / ("sitzungen.ics" if calendar == "same" else f"plan.{format}")
    if not out.exists():
        out.write_bytes(SENTINEL)
    before_out = out.read_bytes()
    result = _invoke(args + ["-o", str(out)])
    assert path.read_bytes() == data
    if calendar:
        assert cal.read_bytes() == before_cal
    if result.exit_code == 2:
        assert out.read_bytes() == before_out
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []


def _calendar(kind: str) -> bytes:
    events = [("20121030", "Kreistag"), ("20121023T160000", "Kreisausschuss"), ("20121004T150000", "Ausschuss")]
    if kind == "broken":
        events.append(("2012XX30", "Kaputt"))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//DE"]
    for index, (start, summary) in enumerate(events):
        lines += ["BEGIN:VEVENT", f"UID:{index}", f"DTSTART:{start}", f"SUMMARY:{summary}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


# --------------------------------------------------------------------------- render


def _check_docx(data: bytes) -> None:
    import docx
    from lxml import etree

    docx.Document(io.BytesIO(data))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name))  # well-formed, else XMLSyntaxError


def _render_and_write(tmp_path_factory, data: bytes):
    from integconcept.output import OutputError, atomic_write
    from integconcept.render import render_concept
    from integconcept.validate import validate_file

    folder = tmp_path_factory.mktemp("r")
    path = _write_input(folder, data)
    out = folder / "konzept.docx"
    out.write_bytes(SENTINEL)
    result = strict(validate_file, str(path))
    code = 2 if not result.usable else 1
    if result.concept is not None:
        try:
            rendered = strict(render_concept, result.concept)
            atomic_write(out, rendered.data)
            code = 0
        except OutputError:
            code = 2
    assert path.read_bytes() == data
    if code:
        assert out.read_bytes() == SENTINEL
    else:
        _check_docx(out.read_bytes())
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []
    return code


@FUZZ
@given(data=scalar_mutated.map(dump_yaml))
def test_render_odd_but_valid_concepts(tmp_path_factory, data):
    _render_and_write(tmp_path_factory, data)


@FUZZ
@given(data=concept_bytes)
def test_render_never_raises(tmp_path_factory, data):
    _render_and_write(tmp_path_factory, data)
