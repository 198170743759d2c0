"""Validation errors that say where: the wire path and the offending value."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from pydantic_core import ValidationError, core_schema

_MAX_VALUE_CHARS = 80
_KEY = "[key]"
_TYPE_NAMES = {
    "int_type": "an integer",
    "float_type": "a number",
    "string_type": "a string",
    "bool_type": "a boolean",
    "datetime_type": "a datetime",
    "bytes_type": "bytes",
    "tuple_type": "a list",
    "list_type": "a list",
    "dict_type": "a map",
    "model_type": "a structure",
    "model_attributes_type": "a structure",
}
_WRAPPERS = frozenset(
    {"default", "nullable", "function-after", "function-before", "function-wrap", "model"}
)


class InvalidValue(NamedTuple):
    """One problem: where (wire path), what was there, and what is wrong with it."""

    path: str
    value: Any
    message: str
    kind: str


class ShapeValidationError(ValueError):
    """A value does not fit the service model; nothing was sent.

    ``str(error)`` lists every problem as ``Wire.Path[0].Member: message``;
    :attr:`errors` holds them as :class:`InvalidValue` tuples.
    """

    def __init__(self, model: str, errors: tuple[InvalidValue, ...]) -> None:
        self.model = model
        self.errors = errors
        count = len(errors)
        lines = [f"{count} invalid value{'s' if count != 1 else ''} in {model}:"]
        lines += [f"  {e.path or model}: {e.message}" for e in errors]
        super().__init__("\n".join(lines))

    @classmethod
    def from_pydantic(
        cls, model: str, error: ValidationError, schema: core_schema.CoreSchema
    ) -> ShapeValidationError:
        definitions = _definitions(schema)
        found: list[InvalidValue] = []
        for detail in error.errors(include_url=False):
            path, leaf = _wire_path(schema, detail["loc"], definitions)
            hidden = detail["type"] in {"sensitive", "missing"}
            value = None if hidden else detail.get("input")
            found.append(InvalidValue(path, value, _message(detail, leaf), detail["type"]))
        return cls(model, tuple(found))


def _definitions(schema: Mapping[str, Any]) -> dict[str, Any]:
    if schema.get("type") != "definitions":
        return {}
    return {d["ref"]: d for d in schema["definitions"] if "ref" in d}


def _unwrap(node: Any, definitions: Mapping[str, Any]) -> Any:
    """Step through wrappers to the node that consumes the next path segment."""
    for _ in range(64):
        if not isinstance(node, Mapping):
            return None
        kind = node.get("type")
        if kind == "definitions":
            node = node["schema"]
        elif kind == "definition-ref":
            node = definitions.get(node["schema_ref"])
        elif kind in _WRAPPERS and "schema" in node:
            node = node["schema"]
        else:
            return node
    return node


def _wire_path(
    schema: Any, loc: tuple[int | str, ...], definitions: Mapping[str, Any]
) -> tuple[str, Any]:
    path = ""
    node: Any = schema
    for index, segment in enumerate(loc):
        if segment == _KEY:
            continue  # consumed with the key before it
        node = _unwrap(node, definitions)
        kind = node.get("type") if isinstance(node, Mapping) else None
        if kind == "model-fields":
            fields = node["fields"]
            field = next(
                (f for n, f in fields.items() if segment in (n, f.get("validation_alias"))),
                None,
            )
            wire = field.get("validation_alias", segment) if field is not None else segment
            path += f".{wire}" if path else str(wire)
            node = field["schema"] if field is not None else None
        elif kind == "tuple":
            path += f"[{segment}]"
            items = node["items_schema"]
            node = items[0] if items else None
        elif kind == "dict":
            # pydantic locates a bad key as (key, "[key]"), a bad value as (key,).
            bad_key = loc[index + 1 : index + 2] == (_KEY,)
            path += f" key {segment!r}" if bad_key else f"[{segment!r}]"
            node = node["keys_schema" if bad_key else "values_schema"]
        else:
            path += f"[{segment}]" if isinstance(segment, int) else f".{segment}"
            node = None
    return path.lstrip("."), _unwrap(node, definitions)


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _MAX_VALUE_CHARS else text[: _MAX_VALUE_CHARS - 3] + "..."


def _number(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _pattern(pattern: str) -> str:
    for start, end in (("^(?:", ")$"), ("\\A(?:", ")\\Z")):
        if pattern.startswith(start) and pattern.endswith(end):
            return pattern[len(start) : -len(end)]
    return pattern


_BOUNDS = {
    "greater_than_equal": ("ge", "is less than"),
    "greater_than": ("gt", "is not greater than"),
    "less_than_equal": ("le", "is greater than"),
    "less_than": ("lt", "is not less than"),
}


def _enum_name(leaf: Any) -> str:
    return leaf["cls"].__name__ if isinstance(leaf, Mapping) and "cls" in leaf else "the enum"


def _message(detail: Any, leaf: Any) -> str:
    kind: str = detail["type"]
    ctx: dict[str, Any] = detail.get("ctx") or {}
    shown = _show(detail.get("input"))
    if kind in _BOUNDS:
        key, relation = _BOUNDS[kind]
        return f"{shown} {relation} {_number(ctx[key])}"
    if kind in _TYPE_NAMES:
        return f"{shown} is not {_TYPE_NAMES[kind]}"
    messages = {
        "missing": "required member is missing",
        "extra_forbidden": f"unknown member (value {shown})",
        "string_too_short": f"{shown} is shorter than {ctx.get('min_length')} characters",
        "string_too_long": f"{shown} is longer than {ctx.get('max_length')} characters",
        "too_short": f"has {ctx.get('actual_length')} items, fewer than {ctx.get('min_length')}",
        "too_long": f"has {ctx.get('actual_length')} items, more than {ctx.get('max_length')}",
        "string_pattern_mismatch": (
            f"{shown} does not match the pattern {_pattern(str(ctx.get('pattern')))}"
        ),
        "enum": f"{shown} is not a value of {_enum_name(leaf)}",
        "timezone_aware": f"{shown} has no time zone; pass an aware datetime",
        "sensitive": str(detail["msg"]),
        "union": str(detail["msg"]),
    }
    return messages.get(kind, f"{detail['msg']} (value {shown})")
