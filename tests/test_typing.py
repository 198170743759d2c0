"""mypy snapshots: example configs type-check; deliberate mistakes give exactly the expected errors.

``tests/typing/valid`` holds what an application would write; it must pass
``mypy --strict`` (the configuration the README gives users). Each file in
``tests/typing/invalid`` holds one mistake; its ``.expected`` file is the
exact mypy output. Refresh them after a reviewed change with
``BOTOSHAPES_UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).resolve().parent.parent
TYPING = Path(__file__).resolve().parent / "typing"
VALID = sorted((TYPING / "valid").glob("*.py"))
INVALID = sorted((TYPING / "invalid").glob("*.py"))
# What the README tells users to run, plus stable, plain output.
FLAGS = [
    "--strict",
    "--no-incremental",
    "--no-error-summary",
    "--hide-error-context",
    "--no-color-output",
    "--show-error-codes",
    "--config-file",
    str(TYPING / "mypy.ini"),
]


@pytest.fixture(scope="module")
def mypy_output() -> dict[str, list[str]]:
    """One mypy run over every example; its lines grouped by file."""
    files = [str(p.relative_to(ROOT)) for p in VALID + INVALID]
    stdout, stderr, _ = api.run([*FLAGS, *files])
    assert not stderr, stderr
    by_file: dict[str, list[str]] = defaultdict(list)
    for line in stdout.splitlines():
        by_file[line.split(":", 1)[0]].append(line)
    return by_file


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_configs_pass_mypy_strict(path: Path, mypy_output: dict[str, list[str]]) -> None:
    assert mypy_output.get(str(path.relative_to(ROOT)), []) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_mistakes_give_the_expected_errors(path: Path, mypy_output: dict[str, list[str]]) -> None:
    got = mypy_output.get(str(path.relative_to(ROOT)), [])
    expected_file = path.with_suffix(".expected")
    if os.environ.get("BOTOSHAPES_UPDATE_GOLDEN") == "1":
        expected_file.write_text("".join(f"{line}\n" for line in got), encoding="utf-8")
    assert got, "a file with a deliberate mistake must produce an error"
    assert got == expected_file.read_text(encoding="utf-8").splitlines()
