"""Fuzz suite: no input makes a command raise, change an input or break an existing output.

Inputs come from :mod:`tests.fuzz_strategies` (mutations of the real examples). Each property runs a
command through its library entry point (validate: ``validate_file`` and every reporter; timeline
and timeline plan: the typer commands in-process, without ``cli.main``'s last-resort handler; render:
``render_concept`` and ``atomic_write``; templates: ``render_file`` of the Unna example with a mutated
real template, its ``UserError`` being what ``cli.main`` prints) and checks what a user would notice:

* no exception escapes; the exit code is 0, 1 or 2;
* everything printed encodes as UTF-8 (a terminal would show it);
* the input file is byte-for-byte unchanged;
* an existing output is unchanged when the exit code is not 0, and a written DOCX opens in python-docx
  with every XML part well-formed.

Every run is timed (the command only, not the checks). The budget is on the CPU time this process spent,
not on the wall clock: other processes on a loaded machine do not make a run fail, a slow input does.
A run over ``BUDGET`` CPU seconds is run once more, and fails the test when it is slow again (the input
is saved and named in the message); one slow run that is fast on the second try is counted as
``transient``. The budget is 2 s in the long profile (README: every input within the limits in 2 s) and
10 s in the fast one. Wall-clock figures go only into the report.

Profiles (``INTEGCONCEPT_FUZZ``): ``fast`` (default, part of the normal test run, some seconds) and
``long`` (10,000 inputs per command), see README „Fuzz-Tests“. The long profile writes its figures
(runs, exit codes, mean and slowest run with its input, per test) to ``INTEGCONCEPT_FUZZ_REPORT``
(default ``.hypothesis/fuzz-report-PROFILE.json``). Hypothesis keeps found examples in ``.hypothesis/`` (not in git);
each one found is added to ``tests/test_reliability.py`` as a regular regression test.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import time
import warnings
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from .fuzz_strategies import concept_bytes, dump_yaml, mutated_template, scalar_mutated

ROOT = Path(__file__).resolve().parent.parent
UNNA = ROOT / "examples" / "kreis-unna-2012.yaml"
PROFILE = os.environ.get("INTEGCONCEPT_FUZZ", "fast")
_COMMON = dict(suppress_health_check=list(HealthCheck), print_blob=True, deadline=None)  # timed below
if os.environ.get("INTEGCONCEPT_FUZZ_NO_SHRINK"):  # while hunting: report the first failure unshrunk
    _COMMON["phases"] = [Phase.explicit, Phase.reuse, Phase.generate]
settings.register_profile("fast", max_examples=int(os.environ.get("INTEGCONCEPT_FUZZ_EXAMPLES", 12)), **_COMMON)
settings.register_profile("long", max_examples=int(os.environ.get("INTEGCONCEPT_FUZZ_EXAMPLES", 10_000)), **_COMMON)
FUZZ = settings(settings.get_profile(PROFILE))
#: CPU seconds one run may take: the README's promise in the long profile, 5x that in the fast one (CI)
BUDGET = 2.0 if PROFILE == "long" else 10.0
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


# --------------------------------------------------------------------------- time budget and figures

STATS: dict[str, dict] = {}


def _stats(test: str) -> dict:
    return STATS.setdefault(
        test,
        {
            "inputs": 0,
            "exit_codes": Counter(),
            "outcomes": Counter(),
            "seconds": 0.0,
            "slowest": 0.0,
            "slowest_input": None,
            "transient_over_budget": 0,
            "over_budget": 0,
        },
    )


def timed(test: str, data: bytes, run):
    """``run()`` timed; over ``BUDGET`` CPU seconds it runs once more and fails when slow again.

    Returns what ``run`` returned. The slowest input of each test is kept for the report."""
    record = _stats(test)
    start, cpu = time.perf_counter(), time.process_time()
    try:
        value = run()
    except Exception as exc:  # escaped: keep the input beside hypothesis's report
        exc.add_note(f"the input is saved in {_save_input(test, 'fehler', data)}")
        raise
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    # under a tracer (hypothesis's explain phase after a failure, coverage) every line costs many times as much:
    # the budget says nothing then
    if cpu > BUDGET and sys.gettrace() is None:
        start = time.process_time()
        run()
        again = time.process_time() - start
        if again > BUDGET:
            record["over_budget"] += 1
            saved = _save_input(test, "zu-langsam", data)
            raise AssertionError(
                f"{test}: {cpu:.2f} s and again {again:.2f} s CPU time for one input "
                f"(budget {BUDGET} s); the input is saved in {saved}"
            )
        record["transient_over_budget"] += 1
    record["inputs"] += 1
    record["seconds"] += took
    if took > record["slowest"]:  # wall clock; its CPU time tells a slow input from a busy machine
        record["slowest"], record["slowest_cpu"] = took, cpu
        record["slowest_input"] = data
    return value


def _save_input(test: str, kind: str, data: bytes) -> Path:
    folder = ROOT / ".hypothesis" / "fuzz-inputs"
    folder.mkdir(parents=True, exist_ok=True)
    import hashlib

    suffix = {"templates": ".docx", "import": ".docx", "studio": ".txt"}.get(test, ".yaml")
    path = folder / f"{test}-{kind}-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"
    path.write_bytes(data)
    return path


def _count(test: str, code: int, outcome: str | None = None) -> None:
    record = _stats(test)
    record["exit_codes"][str(code)] += 1
    if outcome:
        record["outcomes"][outcome] += 1


@pytest.fixture(scope="module", autouse=True)
def _warm_and_report(tmp_path_factory):
    """Import and warm up every command once (import time is start-up, measured by bench/, not an input's
    cost), then write the figures of this run."""
    from integconcept.render import render_concept
    from integconcept.commands.validate import validate_file

    from integconcept.render.template import default_template_bytes

    concept = validate_file(str(UNNA)).concept
    warm = Path(tmp_path_factory.mktemp("warm")) / "vorlage.docx"
    warm.write_bytes(default_template_bytes())
    render_concept(concept)
    render_concept(concept, str(warm))
    _invoke(["timeline", str(UNNA), "-f", "json"])
    started = time.time()
    yield
    write_report(
        started, ("validate", "timeline", "plan", "render-odd-valid", "render-mutated", "templates", "fmt", "diff")
    )


def write_report(started: float, tests, name: str = "") -> None:
    """The figures of ``tests`` (those that ran) as JSON: ``INTEGCONCEPT_FUZZ_REPORT`` or
    ``.hypothesis/fuzz-report-PROFILE[-name].json``."""
    ran = {test: STATS[test] for test in tests if test in STATS}
    if not ran:
        return
    report = {
        "profile": PROFILE,
        "budget_seconds": BUDGET,
        "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(started)),
        "wall_seconds": round(time.time() - started, 1),
        "tests": {},
    }
    for test, record in ran.items():
        slowest = record["slowest_input"]
        report["tests"][test] = {
            **{k: v for k, v in record.items() if k not in ("slowest_input", "seconds")},
            "mean_seconds": round(record["seconds"] / max(record["inputs"], 1), 4),
            "slowest": round(record["slowest"], 3),
            "slowest_cpu": round(record.get("slowest_cpu", 0.0), 3),
            "slowest_input": str(_save_input(test, "langsamste", slowest)) if slowest is not None else None,
        }
    default = ROOT / ".hypothesis" / f"fuzz-report-{PROFILE}{'-' + name if name else ''}.json"
    target = Path(os.environ.get("INTEGCONCEPT_FUZZ_REPORT", default))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=dict), encoding="utf-8")


# --------------------------------------------------------------------------- validate


@FUZZ
@given(data=concept_bytes)
def test_validate_never_raises(tmp_path_factory, data):
    from integconcept.reporting.reporters import REPORTERS
    from integconcept.commands.validate import exit_code, validate_file

    path = _write_input(tmp_path_factory.mktemp("v"), data)

    def run():
        outputs = []
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = strict(validate_file, str(path))
        for _name, reporter in REPORTERS.items():
            stream = io.StringIO()
            reporter(stream).report([result])
            outputs.append(stream.getvalue())
        return result, caught, outputs

    result, caught, outputs = timed("validate", data, run)
    if caught:  # a Python warning is printed to the user as English text with a source path
        raise AssertionError(f"warning reaches the user: {caught[0].message}")
    assert exit_code([result]) in (0, 1, 2)
    _count("validate", exit_code([result]))
    for output in outputs:
        _encodable(output)
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1
    assert path.read_bytes() == data


# --------------------------------------------------------------------------- timeline (all formats) and plan


def _invoke(args: list[str]):
    from typer.testing import CliRunner

    from integconcept.cli.app import app

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
    # --force: the sentinel is no earlier output of integconcept (core/replace.py); the writing path is fuzzed
    args = ["timeline", str(path), "-f", format] + (["-o", str(out), "--force"] if to_file else [])
    result = timed("timeline", data, lambda: _invoke(args))
    _count("timeline", result.exit_code, f"{format}{' -o' if to_file else ''}")
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
        json.loads(text)
    elif format == "ics":
        from icalendar import Calendar

        Calendar.from_ical(data)


@FUZZ
@given(
    data=concept_bytes,
    format=st.sampled_from(["text", "json", "ics", "yaml"]),
    council=st.sampled_from(
        ["2012-10-30", "2014-11-27", "1900-01-02", "2199-12-30", "9999-12-31", "2012-12-25", "30.10.2012"]
    ),
    calendar=st.sampled_from([None, "ok", "broken", "same"]),
)
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
    result = timed("plan", data, lambda: _invoke(args + ["-o", str(out), "--force"]))
    _count("plan", result.exit_code, f"{format}, Kalender {calendar or 'keiner'}")
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


def _check_docx(data: bytes):
    """The document opened in python-docx (raises if it does not open); every XML part well-formed."""
    import docx
    from lxml import etree

    document = docx.Document(io.BytesIO(data))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                content = archive.read(name)
                etree.fromstring(content)  # well-formed, else XMLSyntaxError
                assert b"<!DOCTYPE" not in content and b"<!ENTITY" not in content, name  # Word refuses DTDs
    return document


def _render_and_write(test: str, tmp_path_factory, data: bytes):
    from integconcept.core.output import OutputError, atomic_write
    from integconcept.render import render_concept
    from integconcept.commands.validate import validate_file

    folder = tmp_path_factory.mktemp("r")
    path = _write_input(folder, data)
    out = folder / "konzept.docx"
    out.write_bytes(SENTINEL)

    def run():
        result = strict(validate_file, str(path))
        code = 2 if not result.usable else 1
        if result.concept is not None:
            try:
                rendered = strict(render_concept, result.concept)
                atomic_write(out, rendered.data)
                code = 0
            except OutputError:
                code = 2
        return code

    code = timed(test, data, run)
    _count(test, code, "gerendert" if code == 0 else "abgelehnt")
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
    _render_and_write("render-odd-valid", tmp_path_factory, data)


@FUZZ
@given(data=concept_bytes)
def test_render_never_raises(tmp_path_factory, data):
    _render_and_write("render-mutated", tmp_path_factory, data)


# --------------------------------------------------------------------------- templates


#: English a user must never see in a message (parser, zipfile and Python texts)
ENGLISH = re.compile(
    r"\b(Error|error|Traceback|invalid|not|the|is|of|expected|found|line|column|None|File|"
    r"Bad|bad|zip file|object|attribute|key)\b"
)


@FUZZ
@given(data=mutated_template, existing=st.booleans())
def test_templates_never_break_render(tmp_path_factory, data, existing):
    """The Unna example rendered with a mutated real template through ``render_file``: exit 0 with a
    document that opens in python-docx and holds the concept, or exit 2 with a German message and no
    output (an existing one unchanged); German warnings only; the template unchanged."""
    from integconcept.core.errors import UserError
    from integconcept.commands.render import render_file

    folder = tmp_path_factory.mktemp("vorlage")
    template = _write_input(folder, data, "vorlage.docx")
    out = folder / "konzept.docx"
    if existing:
        out.write_bytes(SENTINEL)
    stdout, stderr = io.StringIO(), io.StringIO()

    def run():
        try:
            return strict(
                render_file, str(UNNA), str(out), template=str(template), stdout=stdout, stderr=stderr, force=True
            ), ""
        except UserError as exc:  # what cli.main prints as „Fehler: …“ with the exit code
            return exc.exit_code, exc.message

    code, message = timed("templates", data, run)
    _count("templates", code, "gerendert" if code == 0 else "abgelehnt")
    try:
        _check_template_run(code, message, stdout.getvalue(), stderr.getvalue(), data, folder, existing)
    except AssertionError as exc:
        raise AssertionError(f"{exc} – the template is saved in {_save_input('templates', 'fehler', data)}") from exc


def _check_template_run(code, message, stdout, stderr, data, folder, existing):
    template, out = folder / "vorlage.docx", folder / "konzept.docx"
    assert code in (0, 2), (code, message, stdout)
    assert template.read_bytes() == data
    for text in (message, stdout, stderr):
        _encodable(text)
        words = text.replace(str(folder), "").replace(str(UNNA), "")  # paths are not words
        assert not ENGLISH.search(words), (ENGLISH.search(words), text)
    for line in stderr.splitlines():
        assert line.startswith("Warnung: Die Vorlage"), line
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []
    if code == 2:
        assert "Vorlage" in message, message
        assert (out.read_bytes() == SENTINEL) if existing else not out.exists()
        return
    document = _check_docx(out.read_bytes())
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Präambel" in text and "Integrationsleitziele" in text, "the concept is missing from the document"


# --------------------------------------------------------------------------- fmt


@FUZZ
@given(data=concept_bytes)
def test_fmt_never_raises_and_keeps_every_value(tmp_path_factory, data):
    """``fmt`` on a mutated concept: either refused (exit 2, the file byte for byte as it was) or written in
    the canonical form, which holds the same values (the checked model is equal) and is a fixed point
    (formatting it again changes nothing)."""
    from integconcept.commands.drafting import fmt_run
    from integconcept.commands.validate import validate_file
    from integconcept.drafting.fmt import format_text

    folder = tmp_path_factory.mktemp("f")
    path = _write_input(folder, data)
    stdout, stderr = io.StringIO(), io.StringIO()
    code = timed(
        "fmt", data, lambda: strict(fmt_run, [str(path)], check=False, diff=False, stdout=stdout, stderr=stderr)
    )
    _count(
        "fmt",
        code,
        "formatiert" if code == 0 and path.read_bytes() != data else ("unverändert" if code == 0 else "abgelehnt"),
    )
    assert code in (0, 2), stderr.getvalue()
    _encodable(stdout.getvalue() + stderr.getvalue())
    assert "Traceback" not in stderr.getvalue()
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []
    if code == 2:
        assert path.read_bytes() == data
        return
    before = validate_file(str(_write_input(tmp_path_factory.mktemp("f0"), data)), rules=False)
    after = validate_file(str(path), rules=False)
    assert after.concept is not None and before.concept is not None
    assert after.concept.model_dump(mode="json") == before.concept.model_dump(mode="json")
    text = path.read_text(encoding="utf-8")  # fmt itself checks every comment is kept (drafting/fmt._verify)
    body = text.removeprefix("\ufeff")  # fmt keeps a BOM the file had (Windows editors); format_text works without
    assert format_text(body, name=str(path)) == body


# --------------------------------------------------------------------------- diff


@FUZZ
@given(old=concept_bytes, new=concept_bytes, format=st.sampled_from(["text", "json"]), to_file=st.booleans())
def test_diff_never_raises(tmp_path_factory, old, new, format, to_file):
    """``diff`` of two mutated concepts: exit 0, 1 or 2; both inputs unchanged; an existing output changed only
    on success; JSON output parses; a usable file compared with itself is equal (exit 0)."""
    folder = tmp_path_factory.mktemp("d")
    old_path = _write_input(folder, old, "alt.yaml")
    new_path = _write_input(folder, new, "neu.yaml")
    out = folder / f"vergleich.{format}"
    out.write_bytes(SENTINEL)
    args = ["diff", str(old_path), str(new_path), "-f", format] + (["-o", str(out), "--force"] if to_file else [])
    result = timed("diff", old + b"\0" + new, lambda: _invoke(args))
    _count("diff", result.exit_code, f"{format}{' -o' if to_file else ''}")
    assert old_path.read_bytes() == old and new_path.read_bytes() == new
    if result.exit_code == 2 or not to_file:
        assert out.read_bytes() == SENTINEL
    elif format == "json":
        json.loads(out.read_text(encoding="utf-8"))
    if result.exit_code != 2 and format == "json" and not to_file:
        json.loads(result.stdout)
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []
    if result.exit_code != 2:
        same = _invoke(["diff", str(old_path), str(old_path)])
        assert same.exit_code == 0, same.output
