"""Benchmark: integconcept side by side with its peers, as paired ratios, plus how it scales.

    .venv/bin/python bench/run.py [--repeat 7] [--scaling-repeat 3] [--json bench/results.json]

Every row of the table in issue 10 is measured in one run: the two commands of a row run
alternately (A B, B A, A B …) through the real command line, and the row's figure is the median of
the per-pair ratios A/B of the wall-clock times (CPU-time ratios are shown too; the machines are
shared and noisy, so absolute times say little). Peers: ``check-jsonschema`` (schema only!) and
``pandoc`` (Markdown → DOCX with our template as ``--reference-doc`` and ``--toc``; the Markdown is
our own DOCX converted by pandoc, so both sides write the same content). A missing peer is skipped
with a note. The scaling series runs ``validate``, ``render`` and ``timeline`` on concepts 1×, 5×,
20× and 100× the Kreis Unna example (made by ``bench/generate.py``) and reports the median time,
the peak memory (max RSS of the process) and the growth exponent (slope of log time over log size).

The table is printed and written as JSON. Not a test: nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
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

#: (key, label, floor) of the rows of issue 10.
ROWS = (
    ("validate_vs_cjs", "validate Unna vs check-jsonschema (nur Schema)", 0.5),
    ("batch54_vs_cjs", "validate 54 Konzepte (1 Aufruf) vs check-jsonschema", 0.5),
    ("validate_x20_vs_x1", "validate 20× vs validate 1×", 2.5),
    ("render_vs_pandoc", "render Unna vs pandoc (Markdown → DOCX, --toc)", 1.0),
    ("render_x20_vs_pandoc", "render 20× vs pandoc 20×", 1.0),
    ("import_vs_pandoc", "import Unna-DOCX vs pandoc (DOCX → Markdown)", 1.0),
    ("import_x20_vs_pandoc", "import 20×-DOCX vs pandoc 20× (DOCX → Markdown)", 1.0),
)


def tool(name: str) -> str | None:
    """An executable next to this Python (the venv) or on PATH."""
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else shutil.which(name)


def ours(*args: str) -> list[str]:
    return [sys.executable, "-m", "integconcept", *args]


#: Commands run in the scratch folder, not in the repository: ``python -m integconcept`` then uses
#: the installed package (or PYTHONPATH), not whatever the current folder holds.
WORKDIR = Path(tempfile.gettempdir())


def run_once(cmd: list[str], ok=(0, 1)) -> dict:
    """Run a command; wall time, CPU time (user+sys) and peak memory of the process."""
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
        "pairs": repeat,
    }


def series(cmd_for, repeat: int) -> dict:
    """Median time and peak memory per size, and the growth exponent."""
    points = []
    for size in SIZES:
        cmd = cmd_for(size)
        if size == SIZES[0]:
            run_once(cmd)  # warm-up (file cache); the large sizes are long enough not to need one
        runs = [run_once(cmd) for _ in range(repeat if size < SIZES[-1] else max(1, repeat // 3))]
        points.append({"size": size, "ms": 1000 * statistics.median(r["wall"] for r in runs),
                       "cpu_ms": 1000 * statistics.median(r["cpu"] for r in runs),
                       "rss_mib": max(r["rss_kib"] for r in runs) / 1024})
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
    return {"cpu": cpu, "cores": os.cpu_count(), "system": platform.platform(), "python": platform.python_version(),
            "load_at_start": load}


def version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip().splitlines()
        return out[0] if out else "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT,
                              timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def prepare(work: Path) -> dict:
    """Synthetic concepts, the 54 NRW concepts and byte-compiled sources (as an installed package has)."""
    data = generate.base_data()
    files = {size: generate.write_concept(work / f"unna-x{size}.yaml", generate.scaled(data, size))
             for size in SIZES}
    nrw = work / "nrw"
    nrw.mkdir()
    batch = [str(generate.write_concept(nrw / name, concept)) for name, concept in generate.nrw_concepts(data)]
    package = subprocess.run([sys.executable, "-c", "import integconcept, os; print(os.path.dirname("
                              "integconcept.__file__))"], capture_output=True, text=True, check=True,
                             cwd=WORKDIR).stdout.strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], check=True, stdout=subprocess.DEVNULL)
    return {"sizes": files, "batch": batch, "package": package}


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
        values = ("Datum", "Gremium", "Anlass") if index == 0 else (
            (start + dt.timedelta(days=index)).strftime("%d.%m.%Y"), bodies[index % 4], purposes[index % 4])
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.save(path)
    return path


def import_rows(work: Path, files: dict, pandoc: str | None, repeat: int, scaling_repeat: int, measured: dict,
                result: dict, skip_scaling: bool) -> None:
    """The import rows: ours against pandoc reading the same DOCX, the growth with the document's size (DOCX
    rendered from the 1×…100× concepts) and a Gremienlauf table of 1,000 rows."""
    docs = {}
    for size in SIZES:
        docs[size] = work / f"import-source-{size}.docx"
        run_once(ours("render", str(files["sizes"][size]), "-o", str(docs[size])))
    if pandoc:
        for key, size in (("import_vs_pandoc", 1), ("import_x20_vs_pandoc", 20)):
            measured[key] = paired(import_cmd(docs[size], work / f"import-{size}.yaml"),
                                   [pandoc, str(docs[size]), "-t", "markdown", "-o", str(work / f"pandoc-{size}.md")],
                                   repeat, ok_b=(0,))
    else:
        result["notes"].append("pandoc fehlt: import-Zeilen übersprungen.")
    if not skip_scaling:
        result["scaling"]["import"] = series(lambda s: import_cmd(docs[s], work / f"import-scale-{s}.yaml"),
                                             scaling_repeat)
    table = gremienlauf_docx(work / "gremienlauf-1000.docx", 1000)
    runs = [run_once(import_cmd(table, work / "gremienlauf-1000.yaml")) for _ in range(max(3, scaling_repeat))]
    result["import_gremienlauf_1000"] = {"ms": 1000 * statistics.median(r["wall"] for r in runs),
                                         "cpu_ms": 1000 * statistics.median(r["cpu"] for r in runs),
                                         "rss_mib": max(r["rss_kib"] for r in runs) / 1024}


def markdown_of(docx: Path, target: Path, pandoc: str) -> Path:
    """The content of one of our documents as Markdown (pandoc's reading of it), for the pandoc row."""
    subprocess.run([pandoc, str(docx), "-t", "markdown", "-o", str(target)], check=True, timeout=600)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="Paare je Zeile (Median)")
    parser.add_argument("--scaling-repeat", type=int, default=3, help="Läufe je Größe der Skalierungsreihe")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--skip-scaling", action="store_true")
    parser.add_argument("--skip-render", action="store_true", help="ohne die render-Zeilen und -Reihe")
    parser.add_argument("--only-import", action="store_true", help="nur die import-Zeilen und -Reihe")
    args = parser.parse_args()

    cjs, pandoc = tool("check-jsonschema"), tool("pandoc")
    template = ROOT / "integconcept" / "data" / "default-template.docx"
    result: dict = {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
                    "commit": commit(), "peers": {}, "rows": [], "scaling": {}, "notes": []}
    result["peers"]["check-jsonschema"] = version([cjs, "--version"]) if cjs else None
    result["peers"]["pandoc"] = version([pandoc, "--version"]) if pandoc else None

    global WORKDIR
    with tempfile.TemporaryDirectory(prefix="integconcept-bench-") as tmp:
        work = WORKDIR = Path(tmp)
        files = prepare(work)
        result["package"] = files["package"]
        x1, x20 = str(files["sizes"][1]), str(files["sizes"][20])
        measured: dict[str, dict | None] = {}
        import_rows(work, files, pandoc, args.repeat, args.scaling_repeat, measured, result, args.skip_scaling)
        if args.only_import:
            cjs = None
            args.skip_render = args.skip_scaling = True
        if cjs:
            measured["validate_vs_cjs"] = paired(ours("validate", str(UNNA)),
                                                 [cjs, "--schemafile", str(SCHEMA), str(UNNA)], args.repeat)
            measured["batch54_vs_cjs"] = paired(ours("validate", *files["batch"]),
                                                [cjs, "--schemafile", str(SCHEMA), *files["batch"]], args.repeat)
        elif not args.only_import:
            result["notes"].append("check-jsonschema fehlt: Zeilen 1 und 2 übersprungen "
                                   "(pip install check-jsonschema).")
        if not args.only_import:
            measured["validate_x20_vs_x1"] = paired(ours("validate", x20), ours("validate", x1), args.repeat)
        if args.skip_render:
            if not args.only_import:
                result["notes"].append("render übersprungen (--skip-render).")
        elif pandoc:
            docs = {}
            for label, source in (("1", str(UNNA)), ("20", x20)):
                docx = work / f"ours-{label}.docx"
                run_once(ours("render", source, "-o", str(docx)))
                docs[label] = markdown_of(docx, work / f"content-{label}.md", pandoc)
            for key, label, source in (("render_vs_pandoc", "1", str(UNNA)), ("render_x20_vs_pandoc", "20", x20)):
                measured[key] = paired(
                    ours("render", source, "-o", str(work / f"render-{label}.docx")),
                    [pandoc, str(docs[label]), "-o", str(work / f"pandoc-{label}.docx"), "--reference-doc",
                     str(template), "--toc"], max(3, args.repeat - 2), ok_b=(0,))
        else:
            result["notes"].append("pandoc fehlt: Zeilen 4 und 5 übersprungen.")
        for key, label, floor in ROWS:
            row = measured.get(key)
            result["rows"].append({"key": key, "label": label, "floor": floor, **(row or {"ratio": None}),
                                   "at_floor": None if row is None else row["ratio"] <= floor})

        if not args.skip_scaling:
            sizes = files["sizes"]
            result["scaling"]["validate"] = series(lambda s: ours("validate", str(sizes[s])), args.scaling_repeat)
            result["scaling"]["timeline"] = series(lambda s: ours("timeline", str(sizes[s])), args.scaling_repeat)
            if not args.skip_render:
                result["scaling"]["render"] = series(
                    lambda s: ours("render", str(sizes[s]), "-o", str(work / f"scale-{s}.docx")),
                    args.scaling_repeat)

    print_table(result)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nJSON: {args.json}")


def print_table(result: dict) -> None:
    info = result["machine"]
    print(f"integconcept bench {result['date']} · {result['commit']} ({result['package']}) · {info['cpu']} "
          f"({info['cores']} Kerne, "
          f"Last {info['load_at_start']:.1f}) · Python {info['python']}")
    print(f"Peers: check-jsonschema {result['peers']['check-jsonschema'] or '—'}; "
          f"{result['peers']['pandoc'] or 'pandoc —'}\n")
    print(f"{'Messung':55s} {'Verhältnis':>10s} {'CPU':>6s} {'Grenze':>7s} {'A ms':>8s} {'B ms':>8s}  erreicht")
    for row in result["rows"]:
        if row["ratio"] is None:
            print(f"{row['label']:55s} {'übersprungen':>10s}")
            continue
        print(f"{row['label']:55s} {row['ratio']:9.2f}× {row['cpu_ratio']:5.2f}× {row['floor']:6.1f}× "
              f"{row['a_ms']:8.0f} {row['b_ms']:8.0f}  {'ja' if row['at_floor'] else 'nein'}")
    for note in result["notes"]:
        print(f"Hinweis: {note}")
    if "import_gremienlauf_1000" in result:
        g = result["import_gremienlauf_1000"]
        print(f"import Gremienlauf-Tabelle mit 1.000 Zeilen: {g['ms']:.0f} ms (CPU {g['cpu_ms']:.0f} ms, "
              f"{g['rss_mib']:.0f} MiB)")
    if result["scaling"]:
        print(f"\n{'Skalierung':10s} " + " ".join(f"{f'{s}×':>17s}" for s in SIZES) + "   Exponent (20→100)")
        for command, data in result["scaling"].items():
            cells = " ".join(f"{p['ms']:7.0f} ms {p['rss_mib']:4.0f} MiB" for p in data["points"])
            print(f"{command:10s} {cells}   {data['exponent']:.2f} ({data['exponent_20_100']:.2f})")


if __name__ == "__main__":
    main()
