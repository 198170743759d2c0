"""How the tests run mypy: as the README tells users (``--strict``), with plain output."""

from __future__ import annotations

MYPY_FLAGS = (
    "--strict",
    "--no-incremental",
    "--no-error-summary",
    "--hide-error-context",
    "--no-color-output",
)
"""Strict, no cache, one plain line per error and no summary."""
