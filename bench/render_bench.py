"""Benchmark: time rendering the Kreis Unna example and a synthetic concept 20 times larger.

    .venv/bin/python bench/render_bench.py [--repeat 3]

Not a test: prints the best wall-clock time of each case (DOCX only, no PDF).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from integconcept.document.loader import load  # noqa: E402
from integconcept.document.model import Concept  # noqa: E402
from integconcept.render import render_concept  # noqa: E402

UNNA = ROOT / "examples" / "kreis-unna-2012.yaml"


def unna() -> Concept:
    return Concept.model_validate(load(str(UNNA)).data)


def twenty_times(concept: Concept, factor: int = 20) -> Concept:
    """Every repeatable part (table rows, goals, KI groups, networks, steps, history) factor times."""
    data = concept.model_dump(mode="json", exclude_none=True)

    def grow(items: list, key: str = "id") -> list:
        out = []
        for copy_no in range(factor):
            for item in items:
                clone = dict(item)
                if key in clone:
                    clone[key] = f"{clone[key]}-{copy_no}"
                out.append(clone)
        return out

    pre = data.get("preamble", {})
    if "population_table" in pre:
        pre["population_table"]["rows"] = [
            dict(r, municipality=None) if r.get("municipality") else r for r in pre["population_table"]["rows"] * factor
        ]
        for r in pre["population_table"]["rows"]:
            r.pop("municipality", None)
    if pre.get("history"):
        pre["history"] = "\n\n".join([pre["history"]] * factor)
    goals = data.get("guiding_goals", {})
    goals["goals"] = grow(goals.get("goals", []))
    data["ki_tasks"]["groups"] = grow(data["ki_tasks"]["groups"])
    data["networks"]["bodies"] = grow(data["networks"]["bodies"])
    steps = grow(data["approval_process"]["steps"])
    for step in steps:
        step.pop("body_ref", None)
    data["approval_process"]["steps"] = steps
    return Concept.model_validate(data)


def best_of(concept: Concept, repeat: int) -> tuple[float, int]:
    best, size = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(render_concept(concept).data)
        best = min(best, time.perf_counter() - start)
    return best, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    base = unna()
    for label, concept in (("Kreis Unna 2012", base), ("synthetisch, 20-fach", twenty_times(base))):
        seconds, size = best_of(concept, args.repeat)
        print(f"{label:24s} {seconds * 1000:8.0f} ms  {size / 1024:8.0f} KiB")


if __name__ == "__main__":
    main()
