"""Break one constraint in a valid boto3 dict, knowing the wire path it sits at.

Reads the raw shapes, like ``boto_dicts``, so the expectations do not come
from the generator under test.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any


class MapKey(str):
    """A path part that is a key of a map, not a member name."""

    __slots__ = ()


Path = tuple[str | int, ...]


def shown_key(key: str) -> str:
    """How an error path shows a map key: a key past 60 characters is cut to 57 and ``...``."""
    return key if len(key) <= 60 else key[:57] + "..."


def wire_path(path: Path) -> str:
    """``("Variants", 1, "Env", MapKey("K"))`` -> ``Variants[1].Env['K']``."""
    out = ""
    for part in path:
        if isinstance(part, MapKey):
            out += f"[{shown_key(str(part))!r}]"
        elif isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def leaves(
    shapes: dict[str, Any], name: str, value: Any, path: Path = ()
) -> Iterator[tuple[Path, str]]:
    """Every ``(path, shape name)`` inside ``value``, containers included."""
    shape = shapes[name]
    if path:
        yield path, name
    if shape["type"] == "structure":
        for wire, ref in shape["members"].items():
            if wire in value:
                yield from leaves(shapes, ref["shape"], value[wire], (*path, wire))
    elif shape["type"] == "list":
        for i, item in enumerate(value):
            yield from leaves(shapes, shape["member"]["shape"], item, (*path, i))
    elif shape["type"] == "map":
        for key, item in value.items():
            yield from leaves(shapes, shape["value"]["shape"], item, (*path, MapKey(key)))


def _string(shape: dict[str, Any], value: Any) -> list[tuple[str, Any]]:
    if "enum" in shape:
        return [("enum", "not-a-value-of-" + shape["enum"][0])]
    low, high = shape.get("min"), shape.get("max")
    out: list[tuple[str, Any]] = [("type", 4)]
    if high is not None:
        out.append(("max length", "a" * (int(high) + 1)))
    if low:
        out.append(("min length", ""))
    if "pattern" in shape:
        # A trailing newline after a valid value: a search would accept it.
        out.append(("pattern", value + "\n"))
    return out


# Beyond what the wire carries, whatever the shape's own bounds say.
_WIRE_BREAKERS: dict[str, list[tuple[str, Any]]] = {
    "integer": [("wire range", 2**31), ("wire range", -(2**31) - 1)],
    "long": [("wire range", 2**63), ("wire range", -(2**63) - 1)],
    "float": [("not finite", math.nan), ("not finite", math.inf), ("inexact", 2**53 + 1)],
    "double": [("not finite", math.nan), ("not finite", -math.inf), ("inexact", 2**53 + 1)],
}


def _number(shape: dict[str, Any], kind: str) -> list[tuple[str, Any]]:
    low, high = shape.get("min"), shape.get("max")
    integral = kind in {"integer", "long"}
    step = 1 if integral else 1.5
    out: list[tuple[str, Any]] = [("type", "4"), ("type", True)] if integral else [("type", "1.5")]
    if high is not None:
        out.append(("max", high + step))
    if low is not None:
        out.append(("min", low - step))
    return out + _WIRE_BREAKERS[kind]


def _list(shape: dict[str, Any], value: Any) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = [("type", "not-a-list")]
    high = shape.get("max")
    if high is not None and value:
        out.append(("max items", list(value) + [value[0]] * (int(high) + 1 - len(value))))
    return out


def _map(shapes: dict[str, Any], shape: dict[str, Any], value: Any) -> list[Breaker]:
    out: list[Breaker] = [("type", ["not", "a", "map"], "")]
    if not value:
        return out
    some_key, some_item = next(iter(value.items()))
    high = shape.get("max")
    if high is not None:
        extra = {f"zz{i}": some_item for i in range(int(high) + 1 - len(value))}
        out.append(("max entries", {**value, **extra}, ""))
    # One more entry whose key breaks a constraint of the key shape; the error
    # names that key: ``Environment key 'bad'``.
    for what, bad_key in _string(shapes[shape["key"]["shape"]], some_key):
        if isinstance(bad_key, str) and bad_key not in value:
            out.append(
                (f"key {what}", {**value, bad_key: some_item}, f" key {shown_key(bad_key)!r}")
            )
    return out


Breaker = tuple[str, Any, str]
"""What is broken, the bad value, and what the error adds to the value's wire path."""


def breakers(shapes: dict[str, Any], name: str, value: Any) -> list[Breaker]:
    """Ways to break one constraint of the value of shape ``name``."""
    shape = shapes[name]
    kind = shape["type"]
    found: list[tuple[str, Any]]
    if kind == "string":
        found = _string(shape, value)
    elif kind in _WIRE_BREAKERS:
        found = _number(shape, kind)
    elif kind == "boolean":
        found = [("type", 1)]
    elif kind == "timestamp":
        found = [("type", "not a time"), ("type", True), ("type", [2026, 1, 2])]
    elif kind == "list":
        found = _list(shape, value)
    elif kind == "map":
        return _map(shapes, shape, value)
    else:
        found = []
    # botocore refuses None for any member; so does the strict view.
    return [(what, bad, "") for what, bad in [*found, ("None", None)]]


def set_at(data: dict[str, Any], path: Path, new: Any) -> None:
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = new
