"""How things are timed: fresh processes for imports, best-of-N loops for throughput."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
import timeit
from collections.abc import Callable, Sequence
from typing import Any


def wall(argv: Sequence[str]) -> float:
    """Seconds one command takes, start to exit."""
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_wall(argv: Sequence[str], runs: int) -> float:
    return statistics.median(wall(argv) for _ in range(runs))


def cold_import(code: str, runs: int) -> float:
    """Median seconds of ``python -c code`` in fresh processes, minus bare start-up.

    One unmeasured run first, so that every contender has its bytecode cached.
    """
    python = [sys.executable, "-c"]
    wall([*python, code])
    startup = median_wall([*python, "pass"], runs)
    return median_wall([*python, code], runs) - startup


def per_second(job: Callable[[], Any], min_time: float = 0.5, repeat: int = 5) -> float:
    """Calls per second: the best of ``repeat`` timed loops of at least ``min_time`` s each."""
    timer = timeit.Timer(job)
    number, taken = timer.autorange()
    number = max(1, round(number * min_time / taken))
    return number / min(timer.repeat(repeat=repeat, number=number))
