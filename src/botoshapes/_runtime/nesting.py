"""How deep values may nest, and the frozen form of members a response adds.

Shapes bound how deep a value nests, except recursive ones (SageMaker's
``SearchExpression``) and members the pinned shapes do not know, which a
response may carry. Both are limited to :data:`MAX_DEPTH` levels of lists,
maps and structures, so that every model accepted can be printed, compared,
hashed, copied and pickled within Python's default recursion limit, and to
:data:`MAX_VALUES` values, so that no shared-parts trick makes one too big
to walk.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextvars import ContextVar
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticCustomError

from .frozen import FrozenMap

MAX_DEPTH = 64
"""Levels of lists, maps and structures a value may nest (SageMaker's deepest shape has 13)."""
MAX_VALUES = 1_000_000
"""Values a recursive shape's value or an unknown member may hold, counted as a tree.

Python objects can share parts (``x = [y, y]``), so that a small object
stands for a tree far too big to walk: counting stops here.
"""

PRINTABLE_INT = 10**4000 - 1
"""The largest integer a response may carry: Python prints at most 4,300 digits by default."""
_SCALARS = (str, bytes, float, bool, datetime, date, time, type(None))
_checking: ContextVar[bool] = ContextVar("botoshapes_depth_checking", default=False)


def _too_deep() -> PydanticCustomError:
    return PydanticCustomError(
        "too_deep",
        "nests more than {limit} levels of lists, maps and structures",
        {"limit": MAX_DEPTH},
    )


def _too_big() -> PydanticCustomError:
    return PydanticCustomError(
        "too_big", "holds more than {limit} values in all", {"limit": MAX_VALUES}
    )


def _children(value: Any) -> Any:
    if isinstance(value, Mapping):
        return value.values()
    if isinstance(value, list | tuple):
        return value
    if isinstance(value, BaseModel):
        extra = value.__pydantic_extra__ or {}
        return [*value.__dict__.values(), *extra.values()]
    return ()


def check_size(value: Any) -> None:
    """Refuse ``value`` if it nests deeper than :data:`MAX_DEPTH` or holds too many values.

    Walked level by level, without recursion.
    """
    level, seen = [value], 1
    for _ in range(MAX_DEPTH + 1):
        level = [child for item in level for child in _children(item)]
        seen += len(level)
        if seen > MAX_VALUES:
            raise _too_big()
        if not level:
            return
    raise _too_deep()


def guard_depth(value: Any, handler: Callable[[Any], Any]) -> Any:
    """Wrap-validator of a recursive model: measure the whole value once, at the outermost level."""
    if _checking.get():
        return handler(value)
    check_size(value)
    token = _checking.set(True)
    try:
        return handler(value)
    finally:
        _checking.reset(token)


def freeze(value: Any) -> Any:
    """An unknown member's value, made immutable: lists as tuples, maps as :class:`FrozenMap`.

    A model there is kept as its wire form (``to_boto()``), frozen likewise.
    """
    check_size(value)
    return _freeze(value)


def _freeze(value: Any) -> Any:
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, int):
        if -PRINTABLE_INT <= value <= PRINTABLE_INT:
            return value
        raise PydanticCustomError("int_digits", "is an integer of more than 4,000 digits")
    if isinstance(value, Decimal):
        if value.is_snan():  # compares by raising
            raise PydanticCustomError("json_type", "is a signalling NaN, which no response carries")
        return value
    wire_form = getattr(value, "to_boto", None) if isinstance(value, BaseModel) else None
    if callable(wire_form):
        # A model among unknown members is kept as what the wire carries, so
        # that ``to_boto()`` and reading it back give the same model.
        return _freeze(wire_form())
    if isinstance(value, Mapping):
        if not all(isinstance(key, str) for key in value):
            raise PydanticCustomError("json_key", "has a key that is not a string")
        return FrozenMap({key: _freeze(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_freeze(item) for item in value)
    raise PydanticCustomError(
        "json_type", "is a {kind}, which no response carries", {"kind": type(value).__name__}
    )


def thaw(value: Any) -> Any:
    """The plain form of a frozen value: tuples as lists, frozen maps as dicts."""
    if isinstance(value, FrozenMap):
        return {key: thaw(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [thaw(item) for item in value]
    return value
