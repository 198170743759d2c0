"""mypy --strict on the example configs: ours against the same code on TypedDicts."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .measure import median_wall, wall

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "tests" / "typing" / "mypy.ini"  # what the README tells users to use
OURS = ROOT / "tests" / "typing" / "valid"
THEIRS = ROOT / "bench" / "typeddict_configs"


def _mypy(cache: Path, target: Path) -> list[str]:
    config = ["--config-file", str(CONFIG), "--cache-dir", str(cache)]
    return [sys.executable, "-m", "mypy", *config, str(target)]


@contextmanager
def pydantic_only() -> Iterator[Path]:
    """A directory holding one file that only imports pydantic."""
    with tempfile.TemporaryDirectory() as work:
        (Path(work) / "uses_pydantic.py").write_text("import pydantic\n")
        yield Path(work)


def mypy_cold(target: Path, runs: int = 3, installed: Path | None = None) -> float:
    """Median seconds with an empty cache each time; ``installed``: a folder of installed
    packages that comes first on the path (mypy takes it for site-packages)."""
    env = None if installed is None else os.environ | {"PYTHONPATH": str(installed)}
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            times.append(wall(_mypy(Path(cache), target), env))
    return statistics.median(times)


def mypy_warm(target: Path, runs: int = 5) -> float:
    """Median seconds of a re-run on unchanged files with the cache filled."""
    with tempfile.TemporaryDirectory() as cache:
        wall(_mypy(Path(cache), target))
        return median_wall(_mypy(Path(cache), target), runs)


def dmypy_warm(target: Path, runs: int = 5) -> float:
    """Median seconds of ``dmypy check`` once the daemon has checked the files."""
    with tempfile.TemporaryDirectory() as work:
        status = ["--status-file", str(Path(work) / "status.json")]
        dmypy = [sys.executable, "-m", "mypy.dmypy", *status]
        wall([*dmypy, "start", "--", "--config-file", str(CONFIG)])
        try:
            check = [*dmypy, "check", str(target)]
            wall(check)
            return median_wall(check, runs)
        finally:
            wall([*dmypy, "stop"])
