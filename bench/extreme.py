"""Concepts at the limits: how long validate, timeline and render take for the worst valid inputs.

    .venv/bin/python bench/extreme.py [--repeat 3] [--only NAME ...] [--keep DIR] [--json FILE]

Every concept here is schema-valid and within the loader's limits (file 5 MB, 200,000 values, 10,000
entries per list, 2,000,000 characters per text). The first group stresses one shape each: many process
steps, many guiding goals and measures, long prose, text made only of tiny paragraphs, list items,
footnotes or emphasis, many municipalities and population rows, the Kreis Unna example 100 times; those
that would make a document past render's limits (40,000 paragraphs, 60,000 lines and markup signs,
2,000 footnotes) are refused by render (exit 2), and the table shows how fast. The second group
("grenze-…") sits just below each document limit, all three at once, and beside 30,000 values that print
little: render must write them. The three commands run through the real command line; the table shows
the median wall-clock time, CPU time, peak memory and exit codes, and marks each run over the 2 s the
README promises. Not a test: nothing here runs in the test suite (a documented command, like issue 13's
long fuzz profile).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402

MAX_BYTES = 5 * 1024 * 1024
BUDGET = 2.0
#: free-text fields of the Unna example that take markup, as paths into the data
TEXT_FIELDS = (
    ("preamble", "intro"),
    ("preamble", "history"),
    ("definitions", "integration"),
    ("definitions", "target_groups"),
    ("guiding_goals", "intro"),
    ("guiding_goals", "rationale"),
    ("guiding_goals", "global_goal"),
    ("approval_process", "intro"),
)
PROSE = (
    "Der Kreis grenzt zum einen an das industriell geprägte Ruhrgebiet und zum anderen an das eher "
    "ländlich orientierte Westfalen; in den Kommunen leben rund 400.000 Menschen. "
)


def _texts(data: dict, unit: str, limit: int) -> dict:
    """``data`` with its free-text fields filled with ``unit`` repeated, up to ``limit`` bytes in all."""
    per_field = min(1_990_000 // len(unit), limit // len(unit.encode()) // len(TEXT_FIELDS))
    return _repeated(data, (unit, per_field * len(TEXT_FIELDS)))


def _repeated(data: dict, *parts: tuple[str, int]) -> dict:
    """``data`` with free-text fields holding ``unit`` ``count`` times for each (unit, count), each unit
    spread over its own share of the fields."""
    fields = list(TEXT_FIELDS)
    share = len(fields) // len(parts)
    for number, (unit, count) in enumerate(parts):
        mine = fields[number * share : (number + 1) * share]
        for index, (section, key) in enumerate(mine):
            times = count // len(mine) + (1 if index < count % len(mine) else 0)
            data.setdefault(section, {})[key] = (unit * times).strip()
    return data


def _steps(data: dict, count: int = 10_000) -> dict:
    bodies = ("Kreisausschuss", "Kreistag", "Ausschuss für Arbeit, Soziales und Familie", "Integrationsrat")
    data["approval_process"]["steps"] = [
        {
            "id": f"schritt-{i}",
            "date": f"{2012 + i // 336}-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}",
            "body": bodies[i % 4],
            "body_kind": "specialist_committee" if i % 4 != 1 else "council",
            "purpose": ("information", "consultation", "decision")[i % 3],
            "description": f"Beratung der Entwurfsfassung Nr. {i} mit Stellungnahmen der Gemeinden",
        }
        for i in range(count)
    ]
    return data


def _goals(data: dict, count: int = 4_000, measures: int = 12) -> dict:
    fields = [f["id"] for f in data["action_fields"]]
    data["guiding_goals"]["goals"] = [
        {
            "id": f"leitziel-{i}",
            "action_field": fields[i % len(fields)],
            "goal": f"Verbesserung der schulischen Qualifizierung und sozialen Integration, Ziel {i}",
            "measures": [f"Förderung der Elternarbeit und Sprachförderung, Maßnahme {i}.{j}" for j in range(measures)],
        }
        for i in range(count)
    ]
    return data


def _municipalities(data: dict, count: int = 8_000) -> dict:
    data["authority"]["municipalities"] = [
        {"id": f"gemeinde-{i}", "name": f"Gemeinde {i}", "kind": "stadt" if i % 2 else "gemeinde"} for i in range(count)
    ]
    rows = data["preamble"]["population_table"]["rows"]
    template = rows[0]
    data["preamble"]["population_table"]["rows"] = [
        {**copy.deepcopy(template), "municipality": f"gemeinde-{i}"} for i in range(count)
    ]
    data["preamble"]["population_table"].pop("total", None)
    return data


SHAPES = {
    "unna-100x": lambda d: generate.scaled(d, 100),
    "schritte-10000": _steps,
    "leitziele-4000x12": _goals,
    "gemeinden-8000": _municipalities,
}
#: texts that fill every free-text field, up to the file limit
TEXT_SHAPES = {
    "prosa-5mb": PROSE + "\n\n",
    "absaetze-dicht": "Wort\n\n",
    "aufzaehlung-dicht": "- Punkt\n",
    "fussnoten-dicht": "Satz^[Fußnote] ",
    "hervorhebung-dicht": "**fett** *kursiv* ",
}
SHAPES.update({name: (lambda d, limit, unit=unit: _texts(d, unit, limit)) for name, unit in TEXT_SHAPES.items()})

#: Just below the document limits of ``render`` (integconcept/render/emitter.py: 40,000 paragraphs,
#: 60,000 lines and markup signs, 2,000 footnotes; the Unna example adds 470, 245 and 1): each must be
#: written, within 2 s.
AT_LIMITS = {
    "grenze-aufzaehlung": lambda d: _repeated(d, ("- Punkt\n", 38_500)),
    "grenze-absaetze": lambda d: _repeated(d, ("Wort\n\n", 29_500)),
    "grenze-hervorhebung": lambda d: _repeated(d, ("**fett** *kursiv* ", 9_900)),
    "grenze-fussnoten": lambda d: _repeated(d, ("Satz^[Fußnote] ", 1_990)),
    "grenze-zellen": lambda d: _municipalities(d, 5_500),
    "grenze-leitziele": lambda d: _goals(d, 2_450, 12),
    "grenze-gemischt": lambda d: _repeated(
        _municipalities(d, 5_000), ("**fett** *kursiv* ", 8_900), ("Satz^[Fußnote] ", 1_900)
    ),
    "grenze-angaben": lambda d: _repeated(_silent_values(d), ("- Punkt\n", 38_500)),
}


def _silent_values(data: dict) -> dict:
    """Many values that print little (municipalities without a table, bodies of the process, sources): the
    most work for loading and checking, beside a document at its limits."""
    data["authority"]["municipalities"] = [
        {"id": f"gemeinde-{i}", "name": f"Gemeinde {i}", "kind": "stadt" if i % 2 else "gemeinde"}
        for i in range(10_000)
    ]
    data["preamble"].pop("population_table", None)
    data["approval_process"]["bodies"] = [
        {
            "id": f"gremium-{i}",
            "name": f"Ausschuss {i} für Arbeit, Soziales und Familie",
            "kind": "specialist_committee",
        }
        for i in range(10_000)
    ]
    data["sources"] = [f"Quelle {i}: Volltext des Integrationskonzepts, Abschnitt {i}" for i in range(10_000)]
    return data


SHAPES.update(AT_LIMITS)


def _write(path: Path, data: dict) -> Path:
    """Like ``generate.write_concept``, but texts with line breaks as literal blocks (as people write them)."""
    import yaml

    from integconcept.document.model import Concept

    Concept.model_validate(data)

    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
        pass

    def text(dumper, value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)

    Dumper.add_representer(str, text)
    path.write_text(yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    return path


def build(name: str, folder: Path) -> Path:
    path = folder / f"{name}.yaml"
    limit = MAX_BYTES * 9 // 10
    while True:  # texts are indented in the file: shrink until the file itself fits
        shape = SHAPES[name]
        data = shape(generate.base_data(), limit) if name in TEXT_SHAPES else shape(generate.base_data())
        _write(path, data)
        size = path.stat().st_size
        if size <= MAX_BYTES:
            return path
        if name not in TEXT_SHAPES:
            raise SystemExit(f"{path}: {size} bytes, over the loader's limit")
        limit = int(limit * MAX_BYTES / size * 0.98)


def run(cmd: list[str]) -> dict:
    wrapped = [
        sys.executable,
        "-c",
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter(); rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
        "stderr=subprocess.PIPE).returncode\n"
        "wall = time.perf_counter() - t; u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(rc, wall, u.ru_utime + u.ru_stime, u.ru_maxrss)",
        *cmd,
    ]
    rc, wall, cpu, rss = subprocess.run(wrapped, capture_output=True, text=True, check=True).stdout.split()
    return {"rc": int(rc), "wall": float(wall), "cpu": float(cpu), "rss_mib": int(rss) / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", nargs="*", choices=sorted(SHAPES))
    parser.add_argument("--commands", nargs="*", default=["validate", "timeline", "render"])
    parser.add_argument("--keep", type=Path, help="Ordner für die erzeugten Konzepte und Dokumente")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    exe = str(Path(sys.executable).parent / "integconcept")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="integconcept-extreme-"))
    folder.mkdir(parents=True, exist_ok=True)
    results = {}
    print(f"{'Konzept':22s} {'KiB':>6s}  " + "  ".join(f"{c:>26s}" for c in args.commands))
    for name in args.only or SHAPES:
        path = build(name, folder)
        cells, results[name] = [], {"bytes": path.stat().st_size}
        for command in args.commands:
            cmd = [exe, command, str(path)]
            if command == "render":
                cmd += ["-o", str(folder / f"{name}.docx")]
            runs = [run(cmd) for _ in range(args.repeat)]
            wall = statistics.median(r["wall"] for r in runs)
            cpu = statistics.median(r["cpu"] for r in runs)
            rss = max(r["rss_mib"] for r in runs)
            codes = sorted({r["rc"] for r in runs})
            results[name][command] = {"wall": wall, "cpu": cpu, "rss_mib": rss, "exit": codes}
            mark = "!" if wall > BUDGET else " "
            cells.append(f"{wall:5.2f} s{mark}({cpu:4.2f} CPU) {rss:4.0f} MiB x{','.join(map(str, codes))}")
        print(f"{name:22s} {path.stat().st_size // 1024:6d}  " + "  ".join(f"{c:>26s}" for c in cells), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    if not args.keep:
        for item in folder.iterdir():
            item.unlink()
        os.rmdir(folder)


if __name__ == "__main__":
    main()
