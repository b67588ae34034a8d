"""Benchmark: the studio's HTML preview and Gremienlauf SVG of the Kreis Unna example and of a
synthetic concept 20 times larger (the same one ``render_bench.py`` renders).

    .venv/bin/python bench/preview_bench.py [--repeat 5]

Not a test: prints the best wall-clock time of each case after one warm-up call (imports, caches),
which is what a studio edit costs: ``concept_html`` (outline, markup, organisation charts as SVG) and
``timeline_svg`` (steps, holidays, notice periods, findings).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from render_bench import twenty_times, unna  # noqa: E402

from integconcept.render.html import concept_html  # noqa: E402
from integconcept.reporting.timeline_svg import timeline_svg  # noqa: E402


def best_of(call, repeat: int) -> tuple[float, int]:
    size = len(call())  # warm-up
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(call())
        best = min(best, time.perf_counter() - start)
    return best, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    base = unna()
    for label, concept in (("Kreis Unna 2012", base), ("synthetisch, 20-fach", twenty_times(base))):
        for name, call in (
            ("concept_html", lambda concept=concept: concept_html(concept)),
            ("timeline_svg", lambda concept=concept: timeline_svg(concept, [])),
        ):
            seconds, size = best_of(call, args.repeat)
            print(f"{label:22s} {name:13s} {seconds * 1000:8.1f} ms  {size / 1024:8.0f} KiB")


if __name__ == "__main__":
    main()
