"""Growth of running time, compared within one run instead of a wall-clock budget.

A test that guards against quadratic (or worse) behaviour times the same work on a small and a large
input in the same process, moments apart, and compares the two: linear work grows with the size
ratio, quadratic work with its square. A budget in seconds fails on a loaded machine; a ratio does not,
because the load slows both runs. The time measured is the process's own CPU time
(``time.process_time``), which other processes on a busy machine do not inflate. Each run is repeated and the fastest kept (the fastest run is the one
the machine disturbed least), and the large run is repeated only while it looks too slow, so a real
regression still fails after a few tries instead of once by bad luck."""

from __future__ import annotations

import time
from typing import Callable, TypeVar

T = TypeVar("T")


def _fastest(work: Callable[[T], object], data: T, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        work(data)
        best = min(best, time.process_time() - started)
    return best


def assert_grows_linearly(work: Callable[[T], object], small: T, large: T, size_ratio: float, *,
                          slack: float = 4.0, tries: int = 5, what: str = ""):
    """``work(large)`` takes at most ``slack * size_ratio`` times as long as ``work(small)``; returns what
    ``work(large)`` returned (so a test checks the result of the run it timed).

    ``size_ratio`` is how much larger ``large`` is (10 for ten times the text): linear work stays near
    it, quadratic work reaches its square (with 10 and the default slack: 40 allowed, 100 quadratic)."""
    reference = _fastest(work, small, tries)
    allowed = slack * size_ratio * max(reference, 1e-4)
    took = []
    for _ in range(tries):
        started = time.process_time()
        result = work(large)
        took.append(time.process_time() - started)
        if took[-1] <= allowed:
            return result
        if took[-1] > 20 * allowed:  # far beyond any disturbance: no need to wait for more tries
            break
    raise AssertionError(f"{what or work.__name__}: {size_ratio:g} times the input took "
                         f"{min(took) / max(reference, 1e-9):.0f} times as long ({min(took):.3f} s against "
                         f"{reference:.4f} s); linear work would take about {size_ratio:g} times")


def assert_not_much_slower(work: Callable[[T], object], usual: T, unusual: T, factor: float, *,
                           tries: int = 3, what: str = ""):
    """``work(unusual)`` takes at most ``factor`` times as long as ``work(usual)`` (e.g. a zip bomb is
    refused no slower than an ordinary template is used)."""
    return assert_grows_linearly(work, usual, unusual, factor, slack=1.0, tries=tries, what=what)
