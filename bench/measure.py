"""How things are timed: fresh processes for imports, best-of-N loops for throughput."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import timeit
from collections.abc import Callable, Mapping, Sequence
from typing import Any


def wall(argv: Sequence[str], env: Mapping[str, str] | None = None) -> float:
    """Seconds one command takes, start to exit."""
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def median_wall(argv: Sequence[str], runs: int) -> float:
    return statistics.median(wall(argv) for _ in range(runs))


def cold_imports(codes: Sequence[str], runs: int) -> list[float]:
    """Median seconds of ``python -c code`` in fresh processes, minus bare start-up.

    One unmeasured run of each first, so that every contender's bytecode is
    cached; then the commands take turns, so that a machine slowing down or
    speeding up during the run affects all of them alike.
    """
    commands = [[sys.executable, "-c", code] for code in ["pass", *codes]]
    # Bytecode is written even where the caller's shell says not to.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for command in commands:
        wall(command, env)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for command, taken in zip(commands, times, strict=True):
            taken.append(wall(command, env))
    startup, *medians = (statistics.median(t) for t in times)
    return [m - startup for m in medians]


def per_second(job: Callable[[], Any], min_time: float = 0.5, repeat: int = 5) -> float:
    """Calls per second: the best of ``repeat`` timed loops of at least ``min_time`` s each."""
    timer = timeit.Timer(job)
    number, taken = timer.autorange()
    number = max(1, round(number * min_time / taken))
    return number / min(timer.repeat(repeat=repeat, number=number))
