"""Values a response carries that do not fit their member: kept, never forced.

``from_response`` reads what a service (or botocore's handlers) sent. A value
of another type than its member's (a bool in an enum, a float in a long, a
parsed policy document where the model says text) must neither crash the read
nor be coerced into something else. So, only when the fast read fails:

1. each error's location is followed through the response schema to the
   member that holds it, in the deepest structure on the way
   (:func:`misfit_members`);
2. those members are taken out of a copy of the data, which is read again;
3. each value taken out is put back into its structure's extra members
   (:func:`put_back`), where ``to_boto()`` writes it at its place and
   :attr:`ShapeModel.shape_misfits` shows it. The typed attribute is ``None``.

A location that names no member of a structure (the response itself is not a
mapping) is no misfit: the read fails as before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic_core import PydanticCustomError

from .errors import _definitions, _unwrap
from .nesting import freeze

Location = tuple[str | int, ...]
Misfit = tuple[Location, str]
"""The path to a structure (wire names and indexes) and the wire name of its member."""


def misfit_members(schema: Mapping[str, Any], locations: Sequence[Location]) -> list[Misfit]:
    """The member each error location falls in, deepest structure first; ``[]`` if one of
    them falls in none (then there is nothing to put aside: the read fails)."""
    definitions = _definitions(schema)
    found: list[Misfit] = []
    for location in locations:
        member = _member(schema, location, definitions)
        if member is None:
            return []
        if member not in found:
            found.append(member)
    return sorted(found, key=lambda m: len(m[0]), reverse=True)


def _member(node: Any, location: Location, definitions: Mapping[str, Any]) -> Misfit | None:
    """Follow ``location`` through the schema; the last structure member it passed."""
    last: Misfit | None = None
    for position, segment in enumerate(location):
        node = _unwrap(node, definitions)
        kind = node.get("type") if isinstance(node, Mapping) else None
        if kind == "model-fields" and isinstance(segment, str):
            field = next(
                (f for f in node["fields"].values() if f.get("validation_alias") == segment),
                None,
            )
            if field is None:  # an unknown member is kept as it is: no misfit in it
                return last
            last = (location[:position], segment)
            node = field["schema"]
        elif kind == "list" and isinstance(segment, int):
            node = node["items_schema"]
        elif kind == "dict":
            node = node["values_schema"]
        else:
            return last
    return last


def without(data: Any, misfits: Sequence[Misfit]) -> tuple[Any, list[tuple[Misfit, Any]]]:
    """A copy of ``data`` without the misfit members, and the values taken out.

    Only the containers on the way are copied; the rest is shared.
    """
    taken: list[tuple[Misfit, Any]] = []
    for misfit in misfits:
        path, member = misfit
        data, value = _take(data, path, member)
        if value is not _ABSENT:
            taken.append((misfit, value))
    return data, taken


_ABSENT = object()


def _take(data: Any, path: Location, member: str) -> tuple[Any, Any]:
    if not path:
        if not isinstance(data, Mapping) or member not in data:
            return data, _ABSENT
        copy = dict(data)
        return copy, copy.pop(member)
    head, rest = path[0], path[1:]
    if isinstance(head, int) and isinstance(data, Sequence) and not isinstance(data, str | bytes):
        if not -len(data) <= head < len(data):
            return data, _ABSENT
        items = list(data)
        items[head], value = _take(items[head], rest, member)
        return items, value
    if isinstance(data, Mapping) and head in data:
        copy = dict(data)
        copy[head], value = _take(copy[head], rest, member)
        return copy, value
    return data, _ABSENT


def put_back(model: Any, taken: Sequence[tuple[Misfit, Any]]) -> bool:
    """Each value taken out, into the extra members of the structure it came from; ``False``
    if one cannot be kept (nested too deep or too large: no read can keep it).

    The models are the ones just built by the read, not yet seen by anyone: their
    extra members are set in place (they are frozen to everyone else).
    """
    placed = []
    for (path, member), value in taken:
        holder = _at(model, path)
        if holder is None:  # the structure itself did not survive the read: nothing to hold it
            continue
        try:
            placed.append((holder, member, freeze(value)))
        except PydanticCustomError:
            return False
    for holder, member, frozen in placed:
        extra = dict(holder.__pydantic_extra__ or {})
        extra[member] = frozen
        object.__setattr__(holder, "__pydantic_extra__", extra)
    return True


def _at(model: Any, path: Location) -> Any:
    node = model
    for key in path:
        if isinstance(key, int):
            node = node[key] if isinstance(node, tuple) and -len(node) <= key < len(node) else None
        elif isinstance(node, Mapping):
            node = node.get(key)
        elif hasattr(type(node), "model_fields"):
            node = getattr(node, _attribute(type(node), key), None)
        else:
            return None
        if node is None:
            return None
    return node if hasattr(type(node), "model_fields") else None


def _attribute(cls: type[Any], wire: str) -> str:
    for name, field in cls.model_fields.items():
        if (field.alias or name) == wire:
            return str(name)
    return wire
