"""The switch that turns client-side constraint checks off.

Constraint checks (``min``/``max`` lengths, sizes and values, and patterns)
are on by default. Turn them off when AWS has relaxed a limit before the
pinned shapes are refreshed: for a block of code with
``with constraint_checks(False): ...``, or for the whole process with the
environment variable ``BOTOSHAPES_CONSTRAINT_CHECKS=0``. Types, enums,
required and unknown members are checked either way.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

ENVIRONMENT_VARIABLE = "BOTOSHAPES_CONSTRAINT_CHECKS"

_checks: ContextVar[bool] = ContextVar(
    "botoshapes_constraint_checks",
    default=os.environ.get(ENVIRONMENT_VARIABLE, "1").strip().lower()
    not in {"0", "false", "no", "off"},
)


def constraints_checked() -> bool:
    """Whether constructors, builders and ``from_boto`` check constraints right now."""
    return _checks.get()


@contextmanager
def constraint_checks(enabled: bool) -> Iterator[None]:
    """Turn constraint checks on or off inside a ``with`` block (per thread and task)."""
    token = _checks.set(enabled)
    try:
        yield
    finally:
        _checks.reset(token)
