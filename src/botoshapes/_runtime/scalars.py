"""Scalar checks the core schema cannot state: timestamps as botocore takes them, exact doubles.

Both run only where requests are checked (constructors, builders, ``from_boto``);
``from_response`` keeps pydantic's lax parsing.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from pydantic_core import PydanticCustomError

_EXACT_INT = 2**53
"""Every integer up to this magnitude is exactly a double; beyond it, only some are."""


def timestamp(value: Any) -> datetime:
    """An aware UTC ``datetime`` from what botocore's serializer takes.

    - a ``datetime``: naive means UTC (as botocore reads it), aware is converted;
    - ISO-8601 text (``"2026-01-02T03:04:05Z"``, ``"2026-01-02"``; no zone means UTC);
    - epoch seconds, as a number or numeric text.
    """
    if isinstance(value, datetime):
        return _in_utc(value)
    if isinstance(value, str):
        return _from_text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_epoch(value)
    raise PydanticCustomError(
        "timestamp_type", "is not a timestamp (a datetime, ISO-8601 text or epoch seconds)"
    )


def _in_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise PydanticCustomError("timestamp_range", "is out of range in UTC") from None


def _from_text(text: str) -> datetime:
    # Numeric text is epoch seconds first, as botocore reads it ("20260102" too).
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        return _from_epoch(seconds)
    try:
        if "W" in text.upper():  # ISO week dates: Python reads them, botocore refuses them
            raise ValueError(text)
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise PydanticCustomError(
            "timestamp_parsing", "is neither ISO-8601 text nor epoch seconds"
        ) from None
    return _in_utc(parsed)


def _from_epoch(seconds: float) -> datetime:
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        raise PydanticCustomError(
            "timestamp_range", "is out of range for a timestamp (epoch seconds)"
        ) from None


def exact_double(value: Any) -> Any:
    """Refuse an integer that a double cannot hold exactly (``2**53 + 1``); pass the rest on."""
    if type(value) is int and not -_EXACT_INT <= value <= _EXACT_INT:
        try:
            exact = math.isfinite(float(value)) and int(float(value)) == value
        except OverflowError:
            exact = False
        if not exact:
            raise PydanticCustomError("double_inexact", "cannot be sent exactly as a double")
    return value
