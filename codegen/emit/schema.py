"""IR -> JSON Schema, the input of the model emitter.

Structures and enums become definitions (one class each). Scalars, lists and
maps are written inline where a member uses them, so they cost no class; a
constrained scalar used as a list item or map key/value becomes a named type
alias (``SecurityGroupId``), since the emitter cannot inline those.
"""

from __future__ import annotations

from typing import Any

from .. import ir, naming
from ..contract import TRAITS_ATTRIBUTE, ShapeTraits, encode_python_re
from ..docstrings import docstring_safe

_SCALAR_SCHEMA: dict[ir.ScalarKind, dict[str, Any]] = {
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "long": {"type": "integer"},
    "float": {"type": "number"},
    "double": {"type": "number"},
    "boolean": {"type": "boolean"},
    "timestamp": {"type": "string", "format": "date-time"},
    "blob": {"type": "string", "format": "binary"},
    "document": {},  # any JSON value: Any, checked and frozen by the runtime's views
}
_DEFINITIONS = "#/definitions/"
STREAMING = {"type": "string", "x-python-type": "botoshapes._runtime.streams.StreamingBlob"}
"""A streaming member: taken and kept as it is (``botoshapes._runtime.streams``)."""
EVENTS = {"type": "string", "x-python-type": "botoshapes._runtime.streams.EventStreamBody"}
"""An event-stream member: an iterable going in, typed events coming back."""
# What the wire can carry: botocore's ``integer`` is 32-bit and ``long`` 64-bit.
_WIRE_RANGE: dict[ir.ScalarKind, tuple[int, int]] = {
    "integer": (-(2**31), 2**31 - 1),
    "long": (-(2**63), 2**63 - 1),
}


def _bounds(constraints: ir.Constraints, low: str, high: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    # A minimum length of 0 says nothing; a minimum value of 0 does.
    if constraints.min is not None and not (constraints.min == 0 and low != "minimum"):
        out[low] = constraints.min
    if constraints.max is not None:
        out[high] = constraints.max
    return out


def _scalar(shape: ir.ScalarShape) -> dict[str, Any]:
    schema = dict(_SCALAR_SCHEMA[shape.kind])
    if shape.kind == "string":
        schema |= _bounds(shape.constraints, "minLength", "maxLength")
        if shape.constraints.regex is not None:
            schema["pattern"] = encode_python_re(shape.constraints.regex)
    elif schema.get("type") in {"integer", "number"}:
        schema |= _bounds(shape.constraints, "minimum", "maximum")
    if shape.kind in _WIRE_RANGE:
        low, high = _WIRE_RANGE[shape.kind]
        schema["minimum"] = max(schema.get("minimum", low), low)
        schema["maximum"] = min(schema.get("maximum", high), high)
    return schema


def is_named_alias(shape: ir.Shape) -> bool:
    """Whether a scalar carries constraints, so that it needs a name inside a container."""
    return isinstance(shape, ir.ScalarShape) and _scalar(shape) != _SCALAR_SCHEMA[shape.kind]


def _named_key(shape: ir.Shape) -> str | None:
    """The definition that map keys of ``shape`` must match: an enum or a constrained scalar."""
    if isinstance(shape, ir.EnumShape):
        return shape.class_name
    return shape.name if is_named_alias(shape) else None


def type_schema(
    service: ir.Service, name: str, *, inside_container: bool = False
) -> dict[str, Any]:
    """The schema of a value of shape ``name`` where a member or an item uses it."""
    shape = service.shapes[name]
    match shape:
        case ir.StructureShape() | ir.EnumShape():
            return {"$ref": _DEFINITIONS + shape.class_name}
        case ir.ListShape():
            items = type_schema(service, shape.member, inside_container=True)
            return {"type": "array", "items": items} | _bounds(
                shape.constraints, "minItems", "maxItems"
            )
        case ir.MapShape():
            values = type_schema(service, shape.value, inside_container=True)
            out = {"type": "object", "additionalProperties": values}
            key = _named_key(service.shapes[shape.key])
            if key is not None:
                out["propertyNames"] = {"$ref": _DEFINITIONS + key}
            return out | _bounds(shape.constraints, "minProperties", "maxProperties")
        case ir.ScalarShape():
            if inside_container and is_named_alias(shape):
                return {"$ref": _DEFINITIONS + shape.name}
            return _scalar(shape)


def _structure(service: ir.Service, shape: ir.StructureShape) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for member in shape.members:
        schema = (
            STREAMING
            if member.streaming
            else EVENTS
            if member.event_stream
            else type_schema(service, member.target)
        )
        if member.documentation:
            schema = schema | {"description": docstring_safe(member.documentation)}
        properties[member.wire_name] = schema
    out: dict[str, Any] = {
        "type": "object",
        "title": shape.class_name,
        "properties": properties,
    }
    required = [m.wire_name for m in shape.members if shape.typed_required(m)]
    if required:
        out["required"] = required
    if shape.documentation:
        out["description"] = docstring_safe(shape.documentation)
    return out


def _enum(shape: ir.EnumShape) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "string",
        "title": shape.class_name,
        "enum": [v.value for v in shape.values],
        "x-enum-varnames": [v.member_name for v in shape.values],
    }
    if shape.documentation:
        out["description"] = docstring_safe(shape.documentation)
    return out


def container_scalars(service: ir.Service) -> set[str]:
    """Constrained scalar shapes used as list items, map keys or map values: named aliases."""
    used: set[str] = set()
    for shape in service.shapes.values():
        targets = (
            [shape.member]
            if isinstance(shape, ir.ListShape)
            else [shape.key, shape.value]
            if isinstance(shape, ir.MapShape)
            else []
        )
        used.update(t for t in targets if is_named_alias(service.shapes[t]))
    return used


def service_schema(service: ir.Service) -> dict[str, Any]:
    definitions: dict[str, Any] = {}
    for shape in service.shapes.values():
        if isinstance(shape, ir.StructureShape):
            definitions[shape.class_name] = _structure(service, shape)
        elif isinstance(shape, ir.EnumShape):
            definitions[shape.class_name] = _enum(shape)
    for name in container_scalars(service):
        scalar = service.shapes[name]
        assert isinstance(scalar, ir.ScalarShape)
        definitions[name] = _scalar(scalar)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": service.module,
        "definitions": dict(sorted(definitions.items())),
    }


def field_aliases(service: ir.Service) -> dict[str, str]:
    """Scoped ``Class.WireName -> attribute`` names, as decided by :mod:`codegen.naming`."""
    return {
        f"{s.class_name}.{m.wire_name}": m.attr_name for s in service.structures for m in s.members
    }


def shape_traits(service: ir.Service) -> dict[str, dict[str, Any]]:
    """Per-class template data: the :class:`ShapeTraits` of each structure that has any
    (unions, recursive shapes, streaming and sensitive members), as the line that sets them
    (the template's ``traits_line``)."""
    out: dict[str, dict[str, Any]] = {}
    for shape in service.structures:
        traits = ShapeTraits(
            union=shape.is_union,
            recursive=shape.unbounded,
            streams=tuple(
                (m.wire_name, m.attr_name) for m in shape.members if m.streaming or m.event_stream
            ),
            # an event stream's target is the union of its events: a structure, a class
            event_streams=tuple(
                (m.attr_name, naming.class_name(m.target)) for m in shape.members if m.event_stream
            ),
            sensitive=tuple(
                sorted(m.attr_name for m in shape.members if service.is_sensitive(m.target))
            ),
            forms=tuple((m.attr_name, m.form) for m in shape.members if m.form),
            aliases=shape.aliases,
        )
        if traits != ShapeTraits():
            out[shape.class_name] = {"traits_line": f"{TRAITS_ATTRIBUTE} = {traits.source()}"}
    for enum in service.enums:
        if enum.case_insensitive:  # the enum template's flag (core_schemas._chain reads it)
            out[enum.class_name] = {"case_insensitive": True}
    return out
