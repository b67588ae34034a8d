"""Growth of running time, compared within one run instead of a budget in seconds.

A test that guards against quadratic (or worse) behaviour times the same work on a small and a large
input in the same process, moments apart, and compares the two: linear work grows with the size ratio,
quadratic work with its square. Both are timed in CPU time of this process (``time.process_time``),
not on the wall clock: on a loaded machine other processes take the cores in time slices, which would
stretch a long run's wall-clock time and not a short one's, whereas the CPU time a run needs stays put.
Short work is repeated until it has taken a measurable amount (the CPU clock ticks in 15.6 ms steps on
Windows); the large run is repeated only while it looks too slow, so a real regression still fails
after a few tries, a disturbed measurement does not."""

from __future__ import annotations

import time
from typing import Callable, TypeVar

T = TypeVar("T")

#: CPU seconds a measurement lasts at least (short work is repeated until then)
MEASURE = 0.02


def _cpu(work: Callable[[T], object], data: T) -> tuple[float, object]:
    """CPU seconds one ``work(data)`` takes (averaged over as many runs as fill :data:`MEASURE`), and its result."""
    runs, started = 0, time.process_time()
    while True:
        result = work(data)
        runs += 1
        took = time.process_time() - started
        if took >= MEASURE:
            return took / runs, result


def assert_grows_linearly(
    work: Callable[[T], object],
    small: T,
    large: T,
    size_ratio: float,
    *,
    slack: float = 4.0,
    tries: int = 3,
    what: str = "",
):
    """``work(large)`` takes at most ``slack * size_ratio`` times the CPU time of ``work(small)``; returns
    what ``work(large)`` returned (so a test checks the result of the run it timed).

    ``size_ratio`` is how much larger ``large`` is (10 for ten times the text): linear work stays near
    it (up to two or three times it when the small input fits into the processor's cache and the large
    one does not), quadratic work reaches its square (with 10 and the default slack: 40 allowed, 100
    quadratic; with 20: 80 allowed, 400 quadratic)."""
    reference = min(_cpu(work, small)[0] for _ in range(2))
    allowed = slack * size_ratio * reference
    took = []
    for _ in range(tries):
        seconds, result = _cpu(work, large)
        took.append(seconds)
        if seconds <= allowed:
            return result
        if seconds > 20 * allowed:  # far beyond any disturbance: no need for more tries
            break
    raise AssertionError(
        f"{what or work.__name__}: {size_ratio:g} times the input took "
        f"{min(took) / reference:.0f} times the CPU time ({min(took):.3f} s against "
        f"{reference:.4f} s); linear work would take about {size_ratio:g} times"
    )


def assert_not_much_slower(
    work: Callable[[T], object], usual: T, unusual: T, factor: float, *, tries: int = 3, what: str = ""
):
    """``work(unusual)`` takes at most ``factor`` times the CPU time of ``work(usual)`` (e.g. a zip bomb
    is refused no slower than an ordinary template is used)."""
    return assert_grows_linearly(work, usual, unusual, factor, slack=1.0, tries=tries, what=what)
