"""Benchmark: integconcept side by side with its peers, as paired ratios, plus how it scales.

    .venv/bin/python bench/run.py [--repeat 7] [--heavy-repeat 3] [--scaling-repeat 3] [--json bench/results.json]

Every row of the table in issue 26 (and the rows of issue 10 before it) is measured in one run: the two
commands of a row run alternately (A B, B A, A B …) through the real command line, and the row's figure
is the median of the per-pair ratios A/B. The target is judged on the CPU-time ratio (user+sys of the
process and the children it waited for): the machines are shared and noisy, CPU time is steadier than
wall-clock time (shown too). Peers: ``check-jsonschema`` (schema only!), ``python -c "import yaml"``
(the interpreter and the YAML library, the floor of any YAML tool in Python), ``pandoc`` (Markdown → DOCX
with our template as ``--reference-doc`` and ``--toc``; the Markdown is our own DOCX converted by pandoc,
so both sides write the same content; DOCX → Markdown for ``import``) and LibreOffice (``soffice
--convert-to pdf`` of our DOCX, for ``render --pdf``: with a profile only ever used headless, with a settled
one, and – informative, no target – with the settled one and the PDF options ``render --pdf`` exports with, so
the row shows what the tool adds beyond LibreOffice's export of the same kind of PDF). A missing peer is skipped
with a note. The warm
in-process rows run ``validate_text`` (what the studio does with an edited text: read it – again only where
it changed, ``document/incremental.py`` – then check) after one cold call and report the median CPU time of
calls on texts that each differ from the one before by a small edit (a word appended to a description in the
middle of the file, or to the title; no text twice, so nothing can answer from a copy of the whole text), with
the same text checked again and the cold first call beside it; the "nach Feldänderung" rows the studio's
keystroke path (``Session.set_scalar``: one field of the parsed data changed, ``validate_document`` without
parsing again). The scaling series runs ``validate``, ``render`` and ``timeline`` on concepts 1×, 5×,
20× and 100× the Kreis Unna example (made by ``bench/generate.py``) and reports the median time, the peak
memory (max RSS of the process) and the growth exponent (slope of log time over log size).

The table is printed and written as JSON. Not a test: nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402

UNNA = ROOT / "examples" / "kreis-unna-2012.yaml"
SCHEMA = ROOT / "schemas" / "concept.schema.json"
SIZES = (1, 5, 20, 100)

#: (key, label, target) of the rows of issue 26, then those of issue 10; a ratio row meets its target when
#: its CPU ratio is at most the target; the warm rows (unit ms) when their median CPU time is.
ROWS = (
    ("validate_vs_cjs", "validate Unna vs check-jsonschema (nur Schema)", 0.25),
    ("validate_vs_yaml", 'validate Unna vs python -c "import yaml"', 3.0),
    ("timeline_vs_validate", "timeline Unna vs validate Unna", 1.0),
    ("plan_vs_validate", "timeline plan Unna vs validate Unna", 1.0),
    ("diff_vs_validate", "diff (eine Zeile geändert) vs validate Unna", 1.0),
    ("import_vs_pandoc", "import Unna-DOCX vs pandoc (DOCX → Markdown)", 1.0),
    ("import_x20_vs_pandoc", "import 20×-DOCX vs pandoc 20× (DOCX → Markdown)", 1.0),
    ("pdf_vs_soffice", "render --pdf vs render + soffice --convert-to pdf", 1.05),
    ("pdf_vs_soffice_settled", "  dto., soffice mit Profil wie nach einem Start mit Fenster", 1.05),
    # informative (no target): what render --pdf adds beyond LibreOffice's export of the same kind of PDF
    ("pdf_vs_soffice_same_kind", "  dto., gleiche PDF-Art (PDF/A-2, getaggt, PDF/UA)", None),
    ("render_x100_vs_pandoc", "render 100× vs pandoc 100×", 0.2),
    ("warm_x1", "validate warm im Prozess, Unna (ms)", 10.0),
    ("warm_x20", "validate warm im Prozess, 20× (ms)", 60.0),
    ("warm_x100", "validate warm im Prozess, 100× (ms)", 250.0),
    ("warm_edit_x20", "  dto. nach Feldänderung im Studio, 20× (ms)", 60.0),
    ("warm_edit_x100", "  dto. nach Feldänderung im Studio, 100× (ms)", 250.0),
    ("batch54_vs_cjs", "validate 54 Konzepte (1 Aufruf) vs check-jsonschema", 0.5),
    ("validate_x20_vs_x1", "validate 20× vs validate 1×", 2.5),
    ("render_vs_pandoc", "render Unna vs pandoc (Markdown → DOCX, --toc)", 1.0),
    ("render_x20_vs_pandoc", "render 20× vs pandoc 20×", 1.0),
)

#: The warm in-process measurement (a fresh interpreter; one cold call, then ``runs`` warm ones). Each warm
#: call checks a text that differs from the one before by a small edit, as when the studio checks the edited
#: text: a word appended to a description in the middle of the file (two of three calls) or to the title in the
#: first lines (every third), each time a different word, so no text is checked twice. ``same_ms``: the same
#: text checked again (the figure of the rows before); ``cold_ms``: the first call (nothing cached).
WARM = """
import json, statistics, sys, time
from integconcept.commands.validate import validate_text
file, runs = sys.argv[1], int(sys.argv[2])
text = open(file, encoding="utf-8").read()
lines = text.split("\\n")
places = [i for i, line in enumerate(lines) if line.lstrip().startswith("description: ") and line.strip()[-1:].isalpha()]
middle = min(places, key=lambda i: abs(i - len(lines) // 2))
first = next(i for i, line in enumerate(lines) if line.startswith("title: "))
def edited(run):
    changed = list(lines)
    place = first if run % 3 == 2 else middle
    changed[place] = changed[place] + f" v{run}"
    return "\\n".join(changed)
start = time.process_time()
validate_text(file, text)
cold = time.process_time() - start
times = []
for run in range(runs):
    changed = edited(run)
    start = time.process_time()
    validate_text(file, changed)
    times.append(time.process_time() - start)
same = []
for _ in range(max(3, runs // 3)):
    start = time.process_time()
    validate_text(file, changed)
    same.append(time.process_time() - start)
print(json.dumps({"ms": 1000 * statistics.median(times), "max_ms": 1000 * max(times), "runs": runs,
                  "same_ms": 1000 * statistics.median(same), "cold_ms": 1000 * cold}))
"""


#: The studio's keystroke path (``Session.set_scalar``): one scalar of the parsed data changed (the text is
#: spliced, not parsed again), then ``validate_document``: schema, configuration, rules.
WARM_EDIT = """
import copy, json, statistics, sys, time
from integconcept.commands.validate import validate_document
from integconcept.document.loader import Document, compose
file, runs = sys.argv[1], int(sys.argv[2])
text = open(file, encoding="utf-8").read()
data, source_map = compose(text)
validate_document(Document(file, text, data, source_map))
times = []
for run in range(runs):
    changed = copy.copy(data)
    changed["title"] = data["title"] + " " * (run % 2 + 1)
    start = time.process_time()
    validate_document(Document(file, text, changed, source_map))
    times.append(time.process_time() - start)
print(json.dumps({"ms": 1000 * statistics.median(times), "max_ms": 1000 * max(times), "runs": runs}))
"""


def tool(name: str) -> str | None:
    """An executable next to this Python (the venv) or on PATH."""
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else shutil.which(name)


def ours(*args: str) -> list[str]:
    return [sys.executable, "-m", "integconcept", *args]


#: Commands run in the scratch folder, not in the repository: ``python -m integconcept`` then uses
#: the installed package (or PYTHONPATH), not whatever the current folder holds.
WORKDIR = Path(tempfile.gettempdir())


def run_once(cmd, ok=(0, 1)) -> dict:
    """Run a command (a list, or a function giving a fresh one per run); wall time, CPU time (user+sys of
    the process and the children it waited for) and peak memory of the process."""
    if callable(cmd):
        cmd = cmd()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=WORKDIR)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        raise SystemExit(f"{' '.join(cmd)} → Exit-Code {code}:\n{stderr.decode(errors='replace')[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_kib": usage.ru_maxrss}


def paired(a: list[str], b: list[str], repeat: int, ok_a=(0, 1), ok_b=(0, 1)) -> dict:
    """Run A and B alternately ``repeat`` times (after one warm-up each); median ratios of the pairs."""
    run_once(a, ok_a), run_once(b, ok_b)
    pairs = []
    for index in range(repeat):
        if index % 2:
            tb = run_once(b, ok_b)
            ta = run_once(a, ok_a)
        else:
            ta = run_once(a, ok_a)
            tb = run_once(b, ok_b)
        pairs.append((ta, tb))
    return {
        "ratio": statistics.median(x["wall"] / y["wall"] for x, y in pairs),
        "cpu_ratio": statistics.median(x["cpu"] / y["cpu"] for x, y in pairs),
        "a_ms": 1000 * statistics.median(x["wall"] for x, _ in pairs),
        "b_ms": 1000 * statistics.median(y["wall"] for _, y in pairs),
        "a_cpu_ms": 1000 * statistics.median(x["cpu"] for x, _ in pairs),
        "b_cpu_ms": 1000 * statistics.median(y["cpu"] for _, y in pairs),
        "pairs": repeat,
    }


def warm(file: Path, runs: int, script: str = WARM) -> dict:
    """Median CPU time of ``validate_text`` on a warm interpreter (what the studio does with an edited text;
    ``WARM_EDIT``: after a field's change)."""
    out = subprocess.run(
        [sys.executable, "-c", script, str(file), str(runs)],
        capture_output=True,
        text=True,
        check=True,
        cwd=WORKDIR,
        timeout=1800,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def one_line_changed(source: Path, target: Path) -> Path:
    """A copy of the concept with one line changed (a word in a text), for the ``diff`` row."""
    text = source.read_text(encoding="utf-8")
    changed = text.replace("Integration", "Integrations", 1)
    assert changed != text
    target.write_text(changed, encoding="utf-8")
    return target


def same_kind_filter() -> str:
    """``--convert-to`` with the PDF options ``render --pdf`` exports with (render/pdf_macro.py PDF_FILTER_DATA:
    PDF/A-2, tagged, PDF/UA, bookmarks …), as LibreOffice (7.4 and later) takes them: JSON filter options."""
    from integconcept.render.pdf_macro import PDF_FILTER_DATA

    options = {
        name: {"type": "boolean", "value": "true" if value else "false"}
        if isinstance(value, bool)
        else {"type": "long", "value": str(value)}
        for name, value in PDF_FILTER_DATA
    }
    return "pdf:writer_pdf_Export:" + json.dumps(options, separators=(",", ":"))


def soffice_pdf(soffice: str, docx: Path, outdir: Path, profile: Path, kind: str = "pdf") -> list[str]:
    """LibreOffice's own conversion of a DOCX to PDF (own profile folder: never another user's instance);
    ``kind``: the ``--convert-to`` argument (plain ``pdf`` or :func:`same_kind_filter`)."""
    return [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        kind,
        "--outdir",
        str(outdir),
        str(docx),
    ]


def series(cmd_for, repeat: int) -> dict:
    """Median time and peak memory per size, and the growth exponent."""
    points = []
    for size in SIZES:
        cmd = cmd_for(size)
        if size == SIZES[0]:
            run_once(cmd)  # warm-up (file cache); the large sizes are long enough not to need one
        runs = [run_once(cmd) for _ in range(repeat if size < SIZES[-1] else max(1, repeat // 3))]
        points.append(
            {
                "size": size,
                "ms": 1000 * statistics.median(r["wall"] for r in runs),
                "cpu_ms": 1000 * statistics.median(r["cpu"] for r in runs),
                "rss_mib": max(r["rss_kib"] for r in runs) / 1024,
            }
        )
    xs = [math.log(p["size"]) for p in points]
    ys = [math.log(p["ms"]) for p in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)
    last = math.log(points[-1]["ms"] / points[-2]["ms"]) / math.log(points[-1]["size"] / points[-2]["size"])
    return {"points": points, "exponent": slope, "exponent_20_100": last}


def machine() -> dict:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "system": platform.platform(),
        "python": platform.python_version(),
        "load_at_start": load,
    }


def version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip().splitlines()
        return out[0] if out else "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


def commit(folder: Path = ROOT) -> str:
    """The commit of the checkout that holds ``folder`` (the measured package, not necessarily this script's)."""
    try:
        return (
            subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=folder, timeout=30
            ).stdout.strip()
            or "?"
        )
    except (OSError, subprocess.SubprocessError):
        return "?"


def prepare(work: Path) -> dict:
    """Synthetic concepts, the 54 NRW concepts and byte-compiled sources (as an installed package has)."""
    data = generate.base_data()
    files = {size: generate.write_concept(work / f"unna-x{size}.yaml", generate.scaled(data, size)) for size in SIZES}
    nrw = work / "nrw"
    nrw.mkdir()
    batch = [str(generate.write_concept(nrw / name, concept)) for name, concept in generate.nrw_concepts(data)]
    package = subprocess.run(
        [sys.executable, "-c", "import integconcept, os; print(os.path.dirname(integconcept.__file__))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=WORKDIR,
    ).stdout.strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], check=True, stdout=subprocess.DEVNULL)
    return {"sizes": files, "batch": batch, "package": package}


def markdown_of(docx: Path, target: Path, pandoc: str) -> Path:
    """The content of one of our documents as Markdown (pandoc's reading of it), for the pandoc row."""
    subprocess.run([pandoc, str(docx), "-t", "markdown", "-o", str(target)], check=True, timeout=600)
    return target


def import_cmd(docx: Path, out: Path) -> list[str]:
    """``integconcept import`` refuses an existing output: each run removes the last one first."""
    return ["bash", "-c", f'rm -f "{out}" && exec "{sys.executable}" -m integconcept import "{docx}" -o "{out}"']


def gremienlauf_docx(path: Path, rows: int) -> Path:
    """A concept whose Gremienlauf is a table of ``rows`` rows (Datum | Gremium | Anlass)."""
    import datetime as dt

    import docx

    document = docx.Document()
    document.add_paragraph("Integrationskonzept Kreis Beispiel", style="Title")
    document.add_heading("Einleitung", 1)
    document.add_paragraph("Der Kreis schreibt sein Konzept fort.")
    document.add_heading("Gremienlauf", 1)
    table = document.add_table(rows=rows + 1, cols=3)
    bodies = ("Ausschuss für Soziales", "Kreisausschuss", "Kreistag", "Integrationsrat")
    purposes = ("Vorberatung", "Beschluss", "Information", "Stellungnahme bis 30.08.2024")
    start = dt.date(2020, 1, 1)
    for index, row in enumerate(table.rows):
        values = (
            ("Datum", "Gremium", "Anlass")
            if index == 0
            else ((start + dt.timedelta(days=index)).strftime("%d.%m.%Y"), bodies[index % 4], purposes[index % 4])
        )
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.save(path)
    return path


def import_rows(
    work: Path,
    files: dict,
    pandoc: str | None,
    repeat: int,
    scaling_repeat: int,
    measured: dict,
    result: dict,
    skip_scaling: bool,
) -> None:
    """The import rows: ours against pandoc reading the same DOCX, the growth with the document's size (DOCX
    rendered from the 1×…100× concepts) and a Gremienlauf table of 1,000 rows."""
    docs = {}
    for size in SIZES:
        docs[size] = work / f"import-source-{size}.docx"
        run_once(ours("render", str(files["sizes"][size]), "-o", str(docs[size])))
    if pandoc:
        for key, size in (("import_vs_pandoc", 1), ("import_x20_vs_pandoc", 20)):
            measured[key] = paired(
                import_cmd(docs[size], work / f"import-{size}.yaml"),
                [pandoc, str(docs[size]), "-t", "markdown", "-o", str(work / f"pandoc-{size}.md")],
                repeat,
                ok_b=(0,),
            )
    else:
        result["notes"].append("pandoc fehlt: import-Zeilen übersprungen.")
    if not skip_scaling:
        result["scaling"]["import"] = series(
            lambda s: import_cmd(docs[s], work / f"import-scale-{s}.yaml"), scaling_repeat
        )
    table = gremienlauf_docx(work / "gremienlauf-1000.docx", 1000)
    runs = [run_once(import_cmd(table, work / "gremienlauf-1000.yaml")) for _ in range(max(3, scaling_repeat))]
    result["import_gremienlauf_1000"] = {
        "ms": 1000 * statistics.median(r["wall"] for r in runs),
        "cpu_ms": 1000 * statistics.median(r["cpu"] for r in runs),
        "rss_mib": max(r["rss_kib"] for r in runs) / 1024,
    }


def command_rows(
    args, files: dict, work: Path, validate: list[str], unna: str, x1: str, x20: str, measured: dict
) -> None:
    """validate against the floor of a YAML tool, the other everyday commands against validate, and the
    warm in-process rows (what the studio does on every edit)."""
    measured["validate_vs_yaml"] = paired(validate, [sys.executable, "-c", "import yaml"], args.repeat, ok_b=(0,))
    measured["timeline_vs_validate"] = paired(ours("timeline", unna), validate, args.repeat)
    measured["plan_vs_validate"] = paired(
        ours("timeline", "plan", "--council-date", "2012-10-30", unna), validate, args.repeat
    )
    changed = one_line_changed(UNNA, work / "unna-changed.yaml")
    measured["diff_vs_validate"] = paired(ours("diff", unna, str(changed)), validate, args.repeat)
    measured["validate_x20_vs_x1"] = paired(ours("validate", x20), ours("validate", x1), args.repeat)
    warm_rows(args, files, measured)


def warm_rows(args, files: dict, measured: dict) -> None:
    """The warm in-process rows: the edited text checked (``validate_text``), and a field's change."""
    for key, size in (("warm_x1", 1), ("warm_x20", 20), ("warm_x100", 100)):
        runs = args.warm_runs if size < 100 else max(3, args.warm_runs // 3)
        measured[key] = warm(files["sizes"][size], runs)
    for key, size in (("warm_edit_x20", 20), ("warm_edit_x100", 100)):
        runs = args.warm_runs if size < 100 else max(3, args.warm_runs // 3)
        measured[key] = warm(files["sizes"][size], runs, WARM_EDIT)


def validate_rows(args, files: dict, validate: list[str], measured: dict) -> None:
    """``--only-validate``: validate against the floor of a YAML tool and the warm in-process rows."""
    measured["validate_vs_yaml"] = paired(validate, [sys.executable, "-c", "import yaml"], args.repeat, ok_b=(0,))
    warm_rows(args, files, measured)


def everyday_rows(args, work: Path, validate: list[str], unna: str, measured: dict) -> None:
    """``--only-commands``: timeline, timeline plan and diff against validate."""
    measured["timeline_vs_validate"] = paired(ours("timeline", unna), validate, args.repeat)
    measured["plan_vs_validate"] = paired(
        ours("timeline", "plan", "--council-date", "2012-10-30", unna), validate, args.repeat
    )
    changed = one_line_changed(UNNA, work / "unna-changed.yaml")
    measured["diff_vs_validate"] = paired(ours("diff", unna, str(changed)), validate, args.repeat)


def render_rows(
    args, files: dict, work: Path, unna: str, x20: str, x100: str, pandoc: str, measured: dict, only_x100=False
) -> None:
    """render against pandoc writing the same content (Markdown → DOCX with our template and a TOC)."""
    template = ROOT / "integconcept" / "data" / "default-template.docx"
    docs = {}
    sizes = (("100", x100),) if only_x100 else (("1", unna), ("20", x20), ("100", x100))
    for label, source in sizes:
        docx = work / f"ours-{label}.docx"
        run_once(ours("render", source, "-o", str(docx)))
        docs[label] = markdown_of(docx, work / f"content-{label}.md", pandoc)
    for key, label, source, repeat in (
        ("render_vs_pandoc", "1", unna, max(3, args.repeat - 2)),
        ("render_x20_vs_pandoc", "20", x20, max(3, args.repeat - 2)),
        ("render_x100_vs_pandoc", "100", x100, args.heavy_repeat),
    ):
        if label not in docs:
            continue
        measured[key] = paired(
            ours("render", source, "-o", str(work / f"render-{label}.docx")),
            [
                pandoc,
                str(docs[label]),
                "-o",
                str(work / f"pandoc-{label}.docx"),
                "--reference-doc",
                str(template),
                "--toc",
            ],
            repeat,
            ok_b=(0,),
        )


def settled_profile(soffice: str, docx: Path, outdir: Path, profile: Path) -> Path:
    """A LibreOffice profile as a person's has it after LibreOffice's first start with a window: it notes the
    version it has seen (``ooSetupLastVersion``). A profile only ever used headless (``--convert-to``) lacks the
    note, and LibreOffice then runs its graphics self-test at every start (~0.8 s CPU here); ``render --pdf``
    sets the note in the profile it keeps (render/pdf_macro.py), so this is LibreOffice's own conversion
    without that handicap."""
    subprocess.run(soffice_pdf(soffice, docx, outdir, profile), check=True, capture_output=True, timeout=600)
    words = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=60).stdout.split()
    version = ".".join(words[1].split(".")[:2])  # "LibreOffice 7.4.7.2 …" -> 7.4, as LibreOffice notes it
    settings = profile / "user" / "registrymodifications.xcu"
    text = settings.read_text(encoding="utf-8")
    if "ooSetupLastVersion" not in text:
        item = (
            '<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse">'
            f"<value>{version}</value></prop></item>\n"
        )
        settings.write_text(text.replace("</oor:items>", item + "</oor:items>"), encoding="utf-8")
    return profile


def pdf_rows(args, work: Path, unna: str, soffice: str, measured: dict) -> None:
    """render --pdf against render followed by LibreOffice's own conversion of the DOCX: with a profile only
    ever used headless (as the bench has always measured it), with a settled one (:func:`settled_profile`),
    and (informative) with the settled one and the PDF options render --pdf uses (:func:`same_kind_filter`)."""
    pdf_dir, profile = work / "pdf", work / "lo-profile"
    pdf_dir.mkdir()
    run_once(ours("render", unna, "-o", str(pdf_dir / "b.docx"), "--force"))
    settled = settled_profile(soffice, pdf_dir / "b.docx", pdf_dir, work / "lo-profile-settled")
    for key, folder, kind in (
        ("pdf_vs_soffice", profile, "pdf"),
        ("pdf_vs_soffice_settled", settled, "pdf"),
        ("pdf_vs_soffice_same_kind", settled, same_kind_filter()),
    ):
        both = (
            f"{shlex.join(ours('render', unna, '-o', str(pdf_dir / 'b.docx'), '--force'))} && "
            f"{shlex.join(soffice_pdf(soffice, pdf_dir / 'b.docx', pdf_dir, folder, kind))} >/dev/null"
        )
        measured[key] = paired(
            ours("render", unna, "-o", str(pdf_dir / "a.docx"), "--pdf", "--force"),
            ["sh", "-c", both],
            args.heavy_repeat,
            ok_a=(0,),
            ok_b=(0,),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="Paare je Zeile (Median)")
    parser.add_argument(
        "--heavy-repeat", type=int, default=3, help="Paare je Zeile mit LibreOffice oder 100×-Konzept (Median)"
    )
    parser.add_argument("--warm-runs", type=int, default=15, help="warme Aufrufe je Größe im Prozess")
    parser.add_argument("--scaling-repeat", type=int, default=3, help="Läufe je Größe der Skalierungsreihe")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--skip-scaling", action="store_true")
    parser.add_argument("--skip-render", action="store_true", help="ohne die render- und PDF-Zeilen")
    parser.add_argument("--only-import", action="store_true", help="nur die import-Zeilen und -Reihe")
    parser.add_argument(
        "--only-validate",
        action="store_true",
        help="nur validate gegen check-jsonschema und import yaml und die warmen Zeilen im Prozess",
    )
    parser.add_argument(
        "--only-commands",
        action="store_true",
        help="nur timeline, timeline plan und diff gegen validate, render 100× gegen pandoc und render --pdf",
    )
    parser.add_argument("--only-pdf", action="store_true", help="nur render --pdf gegen render + soffice --convert-to")
    parser.add_argument(
        "--only-render",
        action="store_true",
        help="nur render gegen pandoc (Unna, 20×, 100×), ohne PDF",
    )
    args = parser.parse_args()

    cjs, pandoc, soffice = tool("check-jsonschema"), tool("pandoc"), tool("soffice")
    result: dict = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "commit": commit(),
        "peers": {},
        "rows": [],
        "scaling": {},
        "notes": [],
    }
    result["peers"]["check-jsonschema"] = version([cjs, "--version"]) if cjs else None
    result["peers"]["pandoc"] = version([pandoc, "--version"]) if pandoc else None
    result["peers"]["soffice"] = version([soffice, "--version"]) if soffice else None

    global WORKDIR
    with tempfile.TemporaryDirectory(prefix="integconcept-bench-") as tmp:
        work = WORKDIR = Path(tmp)
        files = prepare(work)
        result["package"] = files["package"]
        result["commit"] = commit(Path(files["package"]).parent)
        x1, x20, x100 = str(files["sizes"][1]), str(files["sizes"][20]), str(files["sizes"][100])
        unna = str(UNNA)
        measured: dict[str, dict | None] = {}
        if args.only_pdf:
            if soffice:
                pdf_rows(args, work, unna, soffice, measured)
            cjs = None
            args.only_commands = True  # nothing else below (the branches of --only-commands)
            args.skip_render = args.skip_scaling = True
        elif args.only_render:
            if pandoc:
                render_rows(args, files, work, unna, x20, x100, pandoc, measured)
            else:
                result["notes"].append("pandoc fehlt: seine Zeilen übersprungen.")
            cjs = None
            args.only_commands = True  # nothing else below (the branches of --only-commands)
            args.skip_render = args.skip_scaling = True
        elif args.only_commands:
            everyday_rows(args, work, ours("validate", unna), unna, measured)
            if pandoc:
                render_rows(args, files, work, unna, x20, x100, pandoc, measured, only_x100=True)
            if soffice:
                pdf_rows(args, work, unna, soffice, measured)
            cjs = None
            args.skip_render = args.skip_scaling = True  # nothing else below
        elif args.only_validate:
            args.skip_render = args.skip_scaling = True
        else:
            import_rows(work, files, pandoc, args.repeat, args.scaling_repeat, measured, result, args.skip_scaling)
        if args.only_import:
            cjs = None
            args.skip_render = args.skip_scaling = True
        validate = ours("validate", unna)
        if cjs:
            measured["validate_vs_cjs"] = paired(validate, [cjs, "--schemafile", str(SCHEMA), unna], args.repeat)
        if cjs and not args.only_validate:
            measured["batch54_vs_cjs"] = paired(
                ours("validate", *files["batch"]), [cjs, "--schemafile", str(SCHEMA), *files["batch"]], args.repeat
            )
        elif not cjs and not (args.only_import or args.only_commands):
            result["notes"].append("check-jsonschema fehlt: seine Zeilen übersprungen (pip install check-jsonschema).")
        if args.only_commands:
            pass
        elif args.only_validate:
            validate_rows(args, files, validate, measured)
        elif not args.only_import:
            command_rows(args, files, work, validate, unna, x1, x20, measured)
        if args.skip_render:
            if not (args.only_import or args.only_validate or args.only_commands):
                result["notes"].append("render und PDF übersprungen (--skip-render).")
        elif pandoc:
            render_rows(args, files, work, unna, x20, x100, pandoc, measured)
        else:
            result["notes"].append("pandoc fehlt: seine Zeilen übersprungen.")
        if args.only_validate:
            pass
        elif not args.skip_render and soffice:
            pdf_rows(args, work, unna, soffice, measured)
        elif not args.skip_render:
            result["notes"].append("LibreOffice (soffice) fehlt: Zeile render --pdf übersprungen.")
        for key, label, target in ROWS:
            row = measured.get(key)
            if row is None:
                result["rows"].append({"key": key, "label": label, "target": target, "ratio": None, "met": None})
            elif key.startswith("warm_"):
                result["rows"].append({"key": key, "label": label, "target": target, **row, "met": row["ms"] <= target})
            else:
                met = None if target is None else row["cpu_ratio"] <= target  # None: informative row
                result["rows"].append({"key": key, "label": label, "target": target, **row, "met": met})

        if not args.skip_scaling:
            sizes = files["sizes"]
            result["scaling"]["validate"] = series(lambda s: ours("validate", str(sizes[s])), args.scaling_repeat)
            result["scaling"]["timeline"] = series(lambda s: ours("timeline", str(sizes[s])), args.scaling_repeat)
            if not args.skip_render:
                result["scaling"]["render"] = series(
                    lambda s: ours("render", str(sizes[s]), "-o", str(work / f"scale-{s}.docx")), args.scaling_repeat
                )

    print_table(result)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nJSON: {args.json}")


def print_table(result: dict) -> None:
    info = result["machine"]
    print(
        f"integconcept bench {result['date']} · {result['commit']} ({result['package']}) · {info['cpu']} "
        f"({info['cores']} Kerne, "
        f"Last {info['load_at_start']:.1f}) · Python {info['python']}"
    )
    peers = result["peers"]
    print(
        f"Peers: check-jsonschema {peers['check-jsonschema'] or '—'}; {peers['pandoc'] or 'pandoc —'}; "
        f"{peers.get('soffice') or 'soffice —'}\n"
    )
    print(f"{'Messung':55s} {'CPU':>8s} {'Wand':>7s} {'Ziel':>7s} {'A CPU ms':>9s} {'B CPU ms':>9s}  erreicht")
    for row in result["rows"]:
        if row.get("ratio") is None and "ms" not in row:
            print(f"{row['label']:55s} {'übersprungen':>12s}")
            continue
        verdict = "Info" if row["met"] is None else "ja" if row["met"] else "nein"
        if "ms" in row:
            extra = (
                f" (derselbe Text: {row['same_ms']:.1f} ms, erster Aufruf: {row['cold_ms']:.0f} ms)"
                if "same_ms" in row
                else ""
            )
            print(
                f"{row['label']:55s} {row['ms']:5.1f} ms {'':>7s} {row['target']:4.0f} ms {'':>9s} {'':>9s}  {verdict}"
                + extra
            )
            continue
        print(
            f"{row['label']:55s} {row['cpu_ratio']:7.2f}× {row['ratio']:6.2f}× "
            + (f"{row['target']:6.2f}× " if row["target"] is not None else f"{'—':>7s} ")
            + f"{row['a_cpu_ms']:9.0f} {row['b_cpu_ms']:9.0f}  {verdict}"
        )
    for note in result["notes"]:
        print(f"Hinweis: {note}")
    if "import_gremienlauf_1000" in result:
        g = result["import_gremienlauf_1000"]
        print(
            f"import Gremienlauf-Tabelle mit 1.000 Zeilen: {g['ms']:.0f} ms (CPU {g['cpu_ms']:.0f} ms, "
            f"{g['rss_mib']:.0f} MiB)"
        )
    if result["scaling"]:
        print(f"\n{'Skalierung':10s} " + " ".join(f"{f'{s}×':>17s}" for s in SIZES) + "   Exponent (20→100)")
        for command, data in result["scaling"].items():
            cells = " ".join(f"{p['ms']:7.0f} ms {p['rss_mib']:4.0f} MiB" for p in data["points"])
            print(f"{command:10s} {cells}   {data['exponent']:.2f} ({data['exponent_20_100']:.2f})")


if __name__ == "__main__":
    main()
