"""The timeline's table written without rich (reporting.table_text) is byte for byte what rich writes.

The reference is rich itself, driven exactly as the timeline drove it before (``rich_text`` below is that
code): every example and test concept and every rule case of the timeline pack, at many console widths,
and random tables (long and wide words, CJK, combining characters, empty cells, long undated labels). The
timeline and plan commands must not import rich's console for ordinary output."""

from __future__ import annotations

import io
import random
import subprocess
import sys
from pathlib import Path

import pytest

from integconcept.reporting import table_text
from integconcept.reporting import timeline as report

ROOT = Path(__file__).resolve().parent.parent
CONCEPTS = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "tests" / "data").glob("*.yaml"))
WIDTHS = (20, 24, 30, 31, 40, 47, 55, 60, 72, 79, 80, 81, 100, 120, 160, 240)


def rich_text(width: int, title: str, rows, loose: list[str], closing: str) -> str:
    """The timeline's text as rich wrote it (reporting.timeline.render_text before table_text existed)."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    stream = io.StringIO()
    console = Console(file=stream, highlight=False, soft_wrap=False, markup=False, width=width)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False, title=title, title_justify="left")
    table.add_column("Datum", no_wrap=True, min_width=12)
    table.add_column("Gremium / Zweck", ratio=1, min_width=18, overflow="fold")
    table.add_column("Tage", justify="right", no_wrap=True)
    table.add_column("Ladung bis", no_wrap=True)
    colours = {"error": "red", "warning": "yellow"}
    for date, lines, days, invitation, severity in rows:
        if severity is None:
            cell = Text(lines[0])
            cell.append(f"\n{lines[1]}", style="dim")
        else:
            cell = Text(lines[0], style=colours.get(severity.value, ""))
        table.add_row(date, cell, days, invitation)
    console.print(table)
    for line in loose:
        console.print(line)
    console.print(closing)
    return stream.getvalue()


def plain_text(width: int, title: str, rows, loose: list[str], closing: str) -> str:
    cells = [[date, "\n".join(lines), days, invitation] for date, lines, days, invitation, _ in rows]
    out = table_text.layout(width, title, report.COLUMNS, cells)
    if out is None:  # no room for a column: rich writes it
        return rich_text(width, title, rows, loose, closing)
    for text in (*loose, closing):
        out.extend(table_text.paragraph(text, width))
    return "\n".join(out) + "\n"


def parts(timeline: report.Timeline, title: str | None = None):
    title = title or f"Gremienlauf: {getattr(timeline.concept, 'title', timeline.file)}"
    loose = [
        f"{report.SEVERITY_MARK[f.severity]} {f.code} (Z. {f.line}): {f.message}" for f in timeline.loose_findings()
    ]
    return title, report._rows(timeline), loose, report.summary_line(timeline)


def timeline_of(path: str | Path, text: str | None = None) -> report.Timeline | None:
    from integconcept.commands.validate import validate_file, validate_text

    result = validate_file(str(path)) if text is None else validate_text(str(path), text)
    if result.concept is None:
        return None
    codes = report.timeline_codes()
    findings = [f for f in result.findings if f.code in codes]
    return report.build(str(path), result.concept, findings, result.settings)


def _case_texts() -> list[tuple[str, str]]:
    import yaml

    sys.path.insert(0, str(ROOT))
    from tests.timeline_helpers import concept_text

    texts = []
    for case_file in sorted((ROOT / "integconcept" / "rules" / "packs" / "timeline").glob("*.yaml")):
        for case in yaml.safe_load(case_file.read_text(encoding="utf-8"))["cases"]:
            texts.append((f"{case_file.stem}:{case['name']}", concept_text(case["yaml"])))
    return texts


@pytest.mark.parametrize("concept", CONCEPTS, ids=lambda p: p.name)
def test_examples_at_every_width(concept):
    timeline = timeline_of(concept)
    assert timeline is not None and timeline.steps
    title, rows, loose, closing = parts(timeline)
    for width in WIDTHS:
        assert plain_text(width, title, rows, loose, closing) == rich_text(width, title, rows, loose, closing), width


def test_rule_cases_of_the_timeline_pack():
    cases = _case_texts()
    assert len(cases) > 10
    checked = 0
    for name, text in cases:
        timeline = timeline_of(f"{name}.yaml", text)
        if timeline is None or not timeline.steps:
            continue
        checked += 1
        title, rows, loose, closing = parts(timeline)
        for width in (30, 64, 80, 133):
            assert plain_text(width, title, rows, loose, closing) == rich_text(width, title, rows, loose, closing), (
                name,
                width,
            )
    assert checked > 10


WORDS = (
    "Kreistag",
    "Ausschuss",
    "für",
    "Arbeit,",
    "Soziales",
    "und",
    "Familie",
    "Integrationsrat",
    "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt",
    "„Beteiligung“",
    "–",
    "§ 7",
    "統合委員会",
    "Zuwanderungs-",
    "e\u0301",
    "İ",
    "\u00a0",
    "x" * 31,
    "‚Integration‘ …",
    "—",
    "12 €",
    "•",
    "",
)


def random_text(rng: random.Random, most: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, most))) + rng.choice(("", " ", "  "))


def test_random_tables():
    from integconcept.core.findings import Severity

    rng = random.Random(26)
    for _ in range(300):
        rows = []
        for _ in range(rng.randint(0, 6)):
            date = rng.choice(("Di., 30. Oktober 2012", "ohne Datum", f"({random_text(rng, 8)})", "Anfang 2013"))
            if rng.random() < 0.7:
                rows.append(
                    (
                        date,
                        [random_text(rng, 9), random_text(rng, 3)],
                        rng.choice(("", "+1", "ca. +365")),
                        rng.choice(("", "23.10.2012")),
                        None,
                    )
                )
            else:
                severity = rng.choice(list(Severity))
                rows.append(
                    ("", [f"{report.SEVERITY_MARK[severity]} T001 (Z. 3): {random_text(rng, 30)}"], "", "", severity)
                )
        title = random_text(rng, 12) or "Gremienlauf"
        loose = [random_text(rng, 40) for _ in range(rng.randint(0, 2))]
        closing = random_text(rng, 25)
        width = rng.choice((30, 33, 41, 58, 80, 97, 150))
        assert plain_text(width, title, rows, loose, closing) == rich_text(width, title, rows, loose, closing), (
            width,
            title,
            rows,
            loose,
            closing,
        )


@pytest.mark.parametrize(
    "environment",
    [{}, {"COLUMNS": "57"}, {"COLUMNS": "132", "NO_COLOR": "1"}, {"COLUMNS": "90", "LINES": "20"}],
    ids=["default", "columns", "no-color", "columns-lines"],
)
def test_commands_print_what_rich_printed(monkeypatch, environment):
    """timeline and timeline plan as the commands return their text: with the plain writer and with rich."""
    from integconcept.commands.plan import PlanRequest, run_plan
    from integconcept.commands.timeline import check_file

    for name in ("COLUMNS", "LINES", "FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    unna = str(ROOT / "examples" / "kreis-unna-2012.yaml")

    def outputs():
        timeline = check_file(unna, stdout=io.StringIO(), stderr=io.StringIO())
        plan = run_plan(PlanRequest(council_date="2012-10-30", file=unna), "text")
        return timeline, plan

    plain = outputs()
    with monkeypatch.context() as patch:
        patch.setattr(report, "_write_plain", lambda *args: False)
        rich = outputs()
    assert plain == rich
    assert "Kreistag" in plain[0][1] and "Vorschlag Gremienlauf" in plain[1][1]


def test_one_cell_characters_take_one_cell_in_every_unicode_version_rich_knows():
    """table_text measures the characters of ONE_CELL itself (one cell each); rich must agree for every Unicode
    version it has tables for (the UNICODE_VERSION environment variable chooses one)."""
    from rich._unicode_data._versions import VERSIONS
    from rich.cells import get_character_cell_size

    assert table_text.ONE_CELL.isdisjoint({"\u200d", "\ufe0f", "\u00ad", "\t"} | set(table_text._SPECIAL))
    for version in (*VERSIONS, "auto", "latest"):
        wider = sorted(c for c in table_text.ONE_CELL if get_character_cell_size(c, version) != 1)
        assert wider == [], (version, wider)


def test_cells_and_line_breaks_are_rich_s():
    """cell_len, set_cell_size, chop_cells and divide_line agree with rich's for texts of one-cell characters,
    mixed with wide, combining and zero-width ones, at every width from -2 to 40."""
    from rich._wrap import divide_line
    from rich.cells import cell_len, chop_cells, set_cell_size

    rng = random.Random(2026)
    alphabet = [*sorted(table_text.ONE_CELL), "統", "合", "e\u0301", "\u200b", "\u200d", "\ufe0f", "😄"]
    texts = ["", " ", "  a  ", "x" * 45, "„Beteiligung“ – § 7 …"]
    for _ in range(400):
        size = rng.randint(0, 60)
        one_cell = rng.random() < 0.7  # most texts as in concepts: one-cell characters only
        pool = sorted(table_text.ONE_CELL) if one_cell else alphabet
        texts.append("".join(rng.choice(pool) if rng.random() < 0.8 else " " for _ in range(size)))
    for text in texts:
        narrow = table_text.one_cell(text)
        assert narrow == table_text.ONE_CELL.issuperset(text), text
        for known in {False, narrow}:  # narrow: the caller has checked the text (a table's texts are, once)
            assert table_text.cell_len(text, known) == cell_len(text), text
            for width in range(-2, 41):
                assert table_text.set_cell_size(text, width, known) == set_cell_size(text, width), (text, width)
                if width > 0:
                    assert table_text.chop_cells(text, width, known) == chop_cells(text, width), (text, width)
                    for fold in (True, False):
                        ours = table_text.divide_line(text, width, fold, known)
                        assert ours == divide_line(text, width, fold), (text, width)


def test_timeline_and_plan_do_not_import_rich(tmp_path):
    """Plain output (piped, no colours) is written without rich, also with German quotation marks and dashes in
    the findings (start-up time, issue 26)."""
    unna = str(ROOT / "examples" / "kreis-unna-2012.yaml")
    case = dict(_case_texts())["t001_kreisausschuss_vor_kreistag:beispiel-fehlerhaft"]
    quoted = tmp_path / "t001.yaml"
    quoted.write_text(case, encoding="utf-8")
    for args in (
        ["timeline", unna],
        ["timeline", "plan", "-d", "2012-10-30", unna],
        ["timeline", str(quoted)],
        ["timeline", "plan", "-d", "2012-10-30", str(quoted)],
    ):
        probe = (
            "import sys, io, contextlib\n"
            "from integconcept.cli.fast import dispatch\n"
            "out = io.StringIO()\n"
            "with contextlib.redirect_stdout(out):\n"
            f"    code = dispatch({args!r})\n"
            "assert code in (0, 1), code\n"
            "assert 'Kreistag' in out.getvalue()\n"
            "print(sorted(m for m in sys.modules if m == 'rich' or m.startswith('rich.')))\n"
        )
        env = {k: v for k, v in __import__("os").environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
        result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, env=env)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "[]", (args, result.stdout)
    shown = subprocess.run(
        [sys.executable, "-m", "integconcept", "timeline", str(quoted)],
        capture_output=True,
        cwd=tmp_path,
        env={**env, "PYTHONIOENCODING": "utf-8"},
    )
    assert "„" in shown.stdout.decode("utf-8")  # the probe saw German quotation marks in the table
