"""Three views of one model's pydantic core schema.

pydantic builds a core schema from the generated annotations. Every model is
used through views derived from it here, in one walk over the schema:

- ``strict``: what constructors, builders and ``from_boto`` accept. Scalars
  are strict (no ``"4"`` for an int, no ``True`` for an int), lists are
  stored as tuples and maps as :class:`FrozenMap`, patterns marked for
  Python's ``re`` use it, unions must set exactly one member, and sensitive
  values stay out of error messages.
- ``unchecked``: ``strict`` without the constraints (lengths, sizes, values,
  patterns), for when constraint checks are switched off.
- ``response``: what ``from_response`` accepts: no constraints, lax scalars,
  unknown members kept, unknown enum values kept as members of their enum.

Serialization is the same for all three: tuples and frozen maps are written
back as plain lists and dicts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal

from pydantic_core import PydanticCustomError, ValidationError, core_schema

from .frozen import FrozenMap

Mode = Literal["strict", "unchecked", "response"]
PYTHON_RE_PREFIX = "\\\\A"
"""How an emitted pattern for Python's ``re`` starts.

pydantic compiles every ``pattern=`` with Rust's regex, which has no
look-around, so the generator emits those patterns as a Rust regex matching
their own text (every character escaped). The views here decode them and
run them with ``re``.
"""
_ESCAPED = re.compile(r"\\(.)", re.S)

_CONSTRAINTS = ("min_length", "max_length", "pattern", "ge", "le", "gt", "lt", "multiple_of")
_STRICT_SCALARS = frozenset({"str", "int", "float", "bool", "datetime", "bytes"})
# Keys whose values are not schemas: copied as they are.
_OPAQUE = frozenset(
    {
        "cls",
        "config",
        "custom_error_context",
        "default",
        "function",
        "members",
        "metadata",
        "ref",
        "schema_ref",
        "serialization",
        "sub_type",
    }
)


def derive(schema: core_schema.CoreSchema, mode: Mode) -> core_schema.CoreSchema:
    """A new core schema for ``mode``; ``schema`` is left untouched."""
    result: core_schema.CoreSchema = _walk(schema, mode)
    return result


def _walk(node: Any, mode: Mode) -> Any:
    if isinstance(node, list):
        return [_walk(item, mode) for item in node]
    if not isinstance(node, dict):
        return node
    kind = node.get("type")
    if not isinstance(kind, str):  # e.g. model-fields' "fields": member names are keys
        return {key: _walk(value, mode) for key, value in node.items()}
    copied = {key: value if key in _OPAQUE else _walk(value, mode) for key, value in node.items()}
    rewrite = _REWRITES.get(kind)
    if mode != "strict":
        for key in _CONSTRAINTS:
            copied.pop(key, None)
    return rewrite(copied, mode) if rewrite is not None else copied


def _scalar(node: dict[str, Any], mode: Mode) -> dict[str, Any]:
    if mode == "response":
        node.pop("tz_constraint", None)
        return node
    node["strict"] = True
    pattern = node.get("pattern")
    if isinstance(pattern, str) and pattern.startswith(PYTHON_RE_PREFIX):
        node["pattern"] = _ESCAPED.sub(r"\1", pattern)
        node["regex_engine"] = "python-re"
    return node


def _list(node: dict[str, Any], mode: Mode) -> dict[str, Any]:
    items = node["items_schema"]
    out: dict[str, Any] = {
        "type": "tuple",
        "items_schema": [items],
        "variadic_item_index": 0,
        # ``list`` is called natively (no Python frame); the list's items
        # are then written by the return schema.
        "serialization": core_schema.plain_serializer_function_ser_schema(
            list, return_schema=core_schema.list_schema(items)
        ),
    }
    for key in ("min_length", "max_length", "ref"):
        if key in node:
            out[key] = node[key]
    return out


def _dict(node: dict[str, Any], mode: Mode) -> dict[str, Any]:
    ref = node.pop("ref", None)
    plain = dict(node)
    out = core_schema.no_info_after_validator_function(
        FrozenMap,
        plain,
        serialization=core_schema.plain_serializer_function_ser_schema(
            dict,
            return_schema=core_schema.dict_schema(plain["keys_schema"], plain["values_schema"]),
        ),
        ref=ref,
    )
    return dict(out)


def _model_fields(node: dict[str, Any], mode: Mode) -> dict[str, Any]:
    if mode == "response":
        node["extra_behavior"] = "allow"
        # A response may omit a member the model requires: it reads as None.
        for field in node["fields"].values():
            inner = field["schema"]
            if inner.get("type") != "default":
                field["schema"] = {"type": "default", "schema": inner, "default": None}
    return node


def _model(node: dict[str, Any], mode: Mode) -> dict[str, Any]:
    cls = node["cls"]
    # The generated classes define __init__ only to translate errors; the
    # validator must build instances itself, never call __init__ back.
    node["custom_init"] = False
    if mode == "response":
        node["config"] = {**node.get("config", {}), "extra_fields_behavior": "allow"}
        return node
    fields = node["schema"].get("fields", {})
    for name in getattr(cls, "__shape_sensitive__", ()):
        # Inside the default, if any: the member stays optional.
        holder = fields[name]
        if holder["schema"]["type"] == "default":
            holder = holder["schema"]
        holder["schema"] = core_schema.no_info_wrap_validator_function(
            _hide_input, holder["schema"]
        )
    if getattr(cls, "__shape_union__", False):
        ref = node.pop("ref", None)
        return dict(core_schema.no_info_after_validator_function(_exactly_one, node, ref=ref))
    return node


def _exactly_one(model: Any) -> Any:
    members = [name for name, value in model.__dict__.items() if value is not None]
    if len(members) != 1:
        names = ", ".join(field.alias or name for name, field in type(model).model_fields.items())
        raise PydanticCustomError(
            "union",
            "exactly one member must be set, {count} are set (members: {names})",
            {"count": len(members), "names": names},
        )
    return model


def _hide_input(value: Any, handler: core_schema.ValidatorFunctionWrapHandler) -> Any:
    try:
        return handler(value)
    except ValidationError as error:
        kinds = sorted({detail["type"] for detail in error.errors()})
        raise PydanticCustomError(
            "sensitive",
            "sensitive value rejected ({kinds}); the value is not shown",
            {"kinds": ", ".join(kinds)},
        ) from None


_Rewrite = Callable[[dict[str, Any], Mode], dict[str, Any]]
_REWRITES: dict[str, _Rewrite] = {
    **dict.fromkeys(_STRICT_SCALARS, _scalar),
    "list": _list,
    "dict": _dict,
    "model-fields": _model_fields,
    "model": _model,
}
