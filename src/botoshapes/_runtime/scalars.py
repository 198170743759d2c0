"""Scalar checks the core schema cannot state: timestamps and blobs as botocore takes them,
exact doubles.

Both run only where requests are checked (constructors, builders, ``from_boto``);
``from_response`` keeps pydantic's lax parsing.
"""

from __future__ import annotations

import math
import re
import warnings
from datetime import UTC, datetime
from typing import Any

from pydantic_core import PydanticCustomError

_ISO_WEEK = re.compile(r"\d{4}-?W\d", re.IGNORECASE)
_EXACT_INT = 2**53
"""Every integer up to this magnitude is exactly a double; beyond it, only some are."""


def timestamp(value: Any) -> datetime:
    """An aware UTC ``datetime`` from what botocore's serializer takes.

    - a ``datetime``: naive means UTC (as botocore reads it), aware is converted;
    - ISO-8601 text (``"2026-01-02T03:04:05Z"``, ``"2026-01-02"``; no zone means UTC), and
      other text botocore reads, where it names a whole date (:func:`_as_botocore_reads`);
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
    if _ISO_WEEK.search(text):  # Python reads ISO week dates, botocore refuses them
        raise PydanticCustomError(
            "timestamp_parsing", "is an ISO week date, which botocore refuses"
        )
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        parsed = _as_botocore_reads(text)
    return _in_utc(parsed)


_DEFAULTS = (datetime(2001, 1, 1), datetime(2002, 2, 2))  # dateutil's defaults: naive
"""Two days that differ in year, month and day: text that names its whole date parses to
the same instant with either as dateutil's default."""


def _as_botocore_reads(text: str) -> datetime:
    """Text that is not ISO-8601 to Python, read as botocore's serializer reads it
    (``botocore.utils.parse_timestamp``: ``dateutil.parser.parse`` with GMT as UTC):
    ``"2022-07-01T00:00:0Z"``, RFC 822 (``"Mon, 05 Jan 2026 10:00:00 GMT"``). Two readings
    botocore would make are refused: a date with a part missing (``"2022-07"``, ``"10:00"``),
    which dateutil completes from today's date, and a zone name dateutil does not know
    (``"10:00 EST"``), which it drops, so that botocore would send the time as UTC."""
    from dateutil.parser import ParserError, UnknownTimezoneWarning, parse  # noqa: PLC0415

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", UnknownTimezoneWarning)
            readings = [parse(text, default=day, tzinfos={"GMT": UTC}) for day in _DEFAULTS]
    except UnknownTimezoneWarning:
        raise PydanticCustomError(
            "timestamp_parsing", "names a time zone botocore would drop (sending it as UTC)"
        ) from None
    except (ParserError, ValueError, OverflowError):
        raise PydanticCustomError(
            "timestamp_parsing", "is not a timestamp botocore reads (ISO-8601 or epoch seconds)"
        ) from None
    if readings[0] != readings[1]:
        raise PydanticCustomError(
            "timestamp_parsing",
            "is not a whole date: botocore would take the missing part from today's date",
        )
    return readings[0]


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


def blob_bytes(value: Any) -> Any:
    """A request's blob as the bytes botocore sends: text as its UTF-8 (botocore's
    ``Serializer._get_base64`` and payload encoding do the same), a ``bytearray`` as the
    ``bytes`` it holds (stored immutable); anything else is passed on to be refused."""
    if isinstance(value, str):
        try:
            return value.encode("utf-8")
        except UnicodeEncodeError:
            raise PydanticCustomError(
                "blob_text", "is text that UTF-8 cannot encode (a lone surrogate)"
            ) from None
    if isinstance(value, bytearray):
        return bytes(value)
    return value
