"""Break one constraint in a valid boto3 dict, knowing the wire path it sits at.

Reads the raw shapes, like ``boto_dicts``, so the expectations do not come
from the generator under test.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Path = tuple[str | int, ...]


def wire_path(path: Path) -> str:
    """``("ProductionVariants", 1, "Weight")`` -> ``ProductionVariants[1].Weight``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
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


def _number(shape: dict[str, Any], integral: bool) -> list[tuple[str, Any]]:
    low, high = shape.get("min"), shape.get("max")
    step = 1 if integral else 1.5
    out: list[tuple[str, Any]] = [("type", "4"), ("type", True)] if integral else [("type", "1.5")]
    if high is not None:
        out.append(("max", high + step))
    if low is not None:
        out.append(("min", low - step))
    return out


def _list(shape: dict[str, Any], value: Any) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = [("type", "not-a-list")]
    high = shape.get("max")
    if high is not None and value:
        out.append(("max items", list(value) + [value[0]] * (int(high) + 1 - len(value))))
    return out


def breakers(shape: dict[str, Any], value: Any) -> list[tuple[str, Any]]:
    """``(what is broken, bad value)`` pairs for one shape."""
    kind = shape["type"]
    if kind == "string":
        return _string(shape, value)
    if kind in {"integer", "long", "float", "double"}:
        return _number(shape, integral=kind in {"integer", "long"})
    if kind == "boolean":
        return [("type", 1)]
    if kind == "list":
        return _list(shape, value)
    return []


def set_at(data: dict[str, Any], path: Path, new: Any) -> None:
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = new
