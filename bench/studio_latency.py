"""Edit-to-findings latency of the studio: one changed field → text edit → full check (schema, every rule of
the concept's packs, configuration, silences) → findings, as the studio's /api/edit does it (in-process,
without the browser and HTTP). Targets (issue 22): ≤ 100 ms on the Unna example, ≤ 300 ms at 20× its size.

    .venv/bin/python bench/studio_latency.py [--runs 15]

Prints the median and the slowest run per size; a measurement, not a test.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def measure(file: Path, runs: int) -> tuple[float, float, int]:
    from integconcept.document.edit import set_value
    from integconcept.studio import make_session

    session = make_session(str(file))
    path = ("preamble", "population_table", "rows", 5, "migration_background_percent")
    times = []
    for run in range(runs):
        value = 33.9 if run % 2 == 0 else 34.6
        start = time.perf_counter()
        if session.set_scalar(path, value) is None:  # the studio's /api/edit path
            session.apply(lambda text, value=value: set_value(text, path, value))
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, max(times) * 1000, len(session.text.splitlines())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    from generate import base_data, scaled, write_concept

    with tempfile.TemporaryDirectory() as folder:
        unna = Path(folder) / "unna.yaml"
        shutil.copy(ROOT / "examples" / "kreis-unna-2012.yaml", unna)
        big = write_concept(Path(folder) / "unna-20x.yaml", scaled(base_data(), 20))
        for name, file, target in (("1× (Unna)", unna, 100), ("20×", big, 300)):
            median, worst, lines = measure(file, args.runs)
            print(
                f"{name:>10}: {lines:>6} Zeilen, Median {median:6.1f} ms, langsamster Lauf {worst:6.1f} ms "
                f"(Ziel ≤ {target} ms)"
            )


if __name__ == "__main__":
    main()
