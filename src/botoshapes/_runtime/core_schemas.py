"""Three views of one model's pydantic core schema.

pydantic builds a core schema from the generated annotations. Every model is
used through views derived from it here, in one walk over the schema:

- ``strict``: what constructors, builders and ``from_boto`` accept. Scalars
  are strict (no ``"4"`` for an int, no ``True`` for an int), ``None`` is
  no value, numbers must fit the wire (no NaN or infinity, no integer a
  double cannot hold), timestamps and blobs are taken as botocore takes them
  (a blob's text as its UTF-8 bytes), lists
  are stored as tuples and maps as :class:`FrozenMap` (a list or map too
  long is refused before its items are read), patterns marked for Python's
  ``re`` use it, unions must set exactly one member, and sensitive values
  stay out of error messages.
- ``unchecked``: ``strict`` without the constraints (lengths, sizes, values,
  patterns), for when constraint checks are switched off; integers must
  still fit 64 bits.
- ``response``: what ``from_response`` accepts: no constraints, lax scalars,
  unknown members kept (frozen), unknown enum values kept as members of
  their enum.

Recursive models (``ShapeTraits.recursive``) refuse values nested deeper than
:data:`~.nesting.MAX_DEPTH` in every view. The strict view also runs the
rules a service states in prose (:mod:`.rules`).

Serialization is the same for all three: tuples and frozen maps are written
back as plain lists and dicts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

from pydantic_core import PydanticCustomError, PydanticKnownError, ValidationError, core_schema

from . import forms
from .contract import ShapeTraits, decode_python_re
from .documents import request_document
from .frozen import FrozenMap
from .nesting import PRINTABLE_INT, freeze, guard_depth, thaw
from .rules import apply_rules, rules_for
from .scalars import blob_bytes, exact_double, timestamp
from .streams import STREAM_MARK, events_of, response_body

Mode = Literal["strict", "unchecked", "response"]
_INT_DIGITS = "is not an integer of at most 4,000 digits"

_CONSTRAINTS = ("min_length", "max_length", "pattern", "ge", "le", "gt", "lt", "multiple_of")
_STRICT_SCALARS = frozenset({"str", "bool"})
_LONG = {"ge": -(2**63), "le": 2**63 - 1}
"""The widest integer the wire carries, checked even with constraint checks off."""
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
    if rewrite is None:
        return copied
    # A rewrite may wrap the node: the definition it names (a constrained alias used twice,
    # GeoRoutes' Integer) must be the outermost schema, or references to it find nothing.
    ref = copied.pop("ref", None)
    result = rewrite(copied, mode)
    if ref is not None:
        result["ref"] = ref
    return result


def _scalar(node: dict[str, Any], mode: Mode) -> dict[str, Any]:
    node["strict"] = True  # a response's value of another type is put aside, never coerced
    if mode == "response":
        return node
    pattern = node.get("pattern")
    decoded = decode_python_re(pattern) if isinstance(pattern, str) else None
    if decoded is not None:
        node["pattern"] = decoded
        node["regex_engine"] = "python-re"
    return node


def _int(node: dict[str, Any], mode: Mode) -> dict[str, Any]:
    if mode == "response":
        # Any integer Python can print (``repr`` of the model would fail), of type int: a
        # float or a bool is put aside (misfits), not truncated or coerced.
        bounded: Any = node | {"ge": -PRINTABLE_INT, "le": PRINTABLE_INT, "strict": True}
        return dict(
            core_schema.custom_error_schema(
                bounded, custom_error_type="int_digits", custom_error_message=_INT_DIGITS
            )
        )
    if mode == "unchecked":
        node |= _LONG
    return _scalar(node, mode)


def _float(node: dict[str, Any], mode: Mode) -> dict[str, Any]:
    if mode == "response":
        # A number as the service sent it: an int stays an int (``float`` takes one), NaN
        # and infinity stay; text or a bool is put aside (misfits), not coerced.
        # A float is tried first (the usual case, exact at once); a strict float would take
        # an int as a float, but the union picks the exact int. Written back by the float
        # serializer, which writes an int as it is: no union to try.
        return dict(
            core_schema.union_schema(
                [node | {"strict": True}, core_schema.int_schema(strict=True)],
                mode="smart",
                serialization=core_schema.simple_ser_schema("float"),
            )
        )
    node = _scalar(node, mode) | {"allow_inf_nan": False}
    return dict(core_schema.no_info_before_validator_function(exact_double, node))


def _bytes(node: dict[str, Any], mode: Mode) -> dict[str, Any]:
    node = _scalar(node, mode)
    if mode == "response":
        return node
    # A request's blob takes what botocore's serializer takes: text goes out as its UTF-8.
    return dict(core_schema.no_info_before_validator_function(blob_bytes, node))


def _datetime(node: dict[str, Any], mode: Mode) -> dict[str, Any]:
    if mode == "response":
        node.pop("tz_constraint", None)
        return node
    return dict(core_schema.no_info_plain_validator_function(timestamp))


def _chain(node: dict[str, Any], mode: Mode) -> dict[str, Any]:
    """An enum (``ShapeEnum``: text first, then one of its values): a response keeps a value
    the pinned shapes do not list, as a member that is not listed; a request of an enum
    whose values AWS matches ignoring case takes them in any case, as the listed member."""
    steps = node["steps"]
    enum = steps[-1]
    if enum.get("type") != "enum" or not isinstance(enum.get("cls"), type):
        return node
    cls = enum["cls"]
    if mode == "response":  # listed values in Rust; only an unlisted one calls Python
        keep = core_schema.no_info_plain_validator_function(cls.from_wire)
        steps[-1] = core_schema.union_schema([enum, keep], mode="left_to_right")
    elif cls.__dict__.get("__case_insensitive__"):
        steps[-1] = core_schema.no_info_before_validator_function(cls.listed_value, enum)
    return node


def _default(node: dict[str, Any], mode: Mode) -> dict[str, Any]:
    # A member left out reads as None; None itself is not a value on the wire.
    inner = node["schema"]
    if mode != "response" and inner.get("type") == "nullable":
        node["schema"] = inner["schema"]
    return node


def _list(node: dict[str, Any], mode: Mode) -> dict[str, Any]:
    # pydantic's list stops at the first item past ``max_length``; a tuple
    # would read them all. ``tuple`` and ``list`` are called natively, and
    # the list's items are then written by the return schema.
    ref = node.pop("ref", None)
    out = core_schema.no_info_after_validator_function(
        tuple,
        node,
        serialization=core_schema.plain_serializer_function_ser_schema(
            list,
            return_schema=core_schema.list_schema(node["items_schema"]),
            when_used="unless-none",  # a member a response left out reads as None
        ),
        ref=ref,
    )
    return dict(out)


def _dict(node: dict[str, Any], mode: Mode) -> dict[str, Any]:
    ref = node.pop("ref", None)
    plain = dict(node)
    validated: core_schema.CoreSchema = core_schema.no_info_after_validator_function(
        FrozenMap, plain
    )
    if "max_length" in plain:
        # pydantic reads every item of a map before its size: check that first.
        validated = core_schema.no_info_before_validator_function(
            _at_most(plain["max_length"]), validated
        )
    out = dict(validated)
    out["ref"] = ref
    out["serialization"] = core_schema.plain_serializer_function_ser_schema(
        dict,
        return_schema=core_schema.dict_schema(plain["keys_schema"], plain["values_schema"]),
        when_used="unless-none",
    )
    return {key: value for key, value in out.items() if value is not None}


def _at_most(limit: int) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if isinstance(value, Mapping) and len(value) > limit:
            raise PydanticKnownError(
                "too_long",
                {"field_type": "Map", "max_length": limit, "actual_length": len(value)},
            )
        return value

    return check


def _model_fields(node: dict[str, Any], mode: Mode) -> dict[str, Any]:
    if mode == "response":
        node["extra_behavior"] = "allow"
        # Unknown members are kept frozen, and written back plain.
        node["extras_schema"] = core_schema.no_info_plain_validator_function(
            freeze, serialization=core_schema.plain_serializer_function_ser_schema(thaw)
        )
        # A response may omit a member the model requires: it reads as None.
        for field in node["fields"].values():
            inner = field["schema"]
            if inner.get("type") != "default":
                field["schema"] = {"type": "default", "schema": inner, "default": None}
    return node


def _model(node: dict[str, Any], mode: Mode) -> dict[str, Any]:
    cls = node["cls"]
    traits: ShapeTraits = cls.shape_traits
    # The generated classes define __init__ only to translate errors; the
    # validator must build instances itself, never call __init__ back.
    node["custom_init"] = False
    if mode == "response":
        node["config"] = {**node.get("config", {}), "extra_fields_behavior": "allow"}
    fields = node["schema"].get("fields", {})
    if mode == "response":
        for name, event_class in traits.event_streams:
            _stream_field(fields[name])["function"] = {
                "type": "no-info",
                "function": events_of(cls, event_class),
            }
    for name, form in traits.forms:  # as a botocore handler takes or gives it
        holder = _inside_default(fields[name])
        holder["schema"] = forms.wrap(holder["schema"], form, response=mode == "response")
    for name in traits.sensitive:
        holder = _inside_default(fields[name])
        holder["schema"] = core_schema.no_info_wrap_validator_function(hide_input, holder["schema"])
    ref = node.pop("ref", None)
    out: dict[str, Any] = node
    if mode != "response" and traits.union:
        out = dict(core_schema.no_info_after_validator_function(_exactly_one, out))
    rules = rules_for(cls) if mode == "strict" else ()
    if rules:  # what the service states in prose, checked like a constraint
        checked = apply_rules(cls.__name__, rules)
        out = dict(core_schema.no_info_after_validator_function(checked, out))
    if mode != "response":
        out = dict(core_schema.no_info_before_validator_function(_checked(cls, mode), out))
    if mode != "response" and traits.aliases:
        out = dict(core_schema.no_info_before_validator_function(_aliased(traits.aliases), out))
    if traits.recursive:
        out = dict(core_schema.no_info_wrap_validator_function(guard_depth, out))
    if ref is not None:
        out["ref"] = ref
    return out


def _inside_default(field: dict[str, Any]) -> dict[str, Any]:
    """What holds a member's validator: its default, if any, so that it stays optional."""
    return field["schema"] if field["schema"]["type"] == "default" else field


def _aliased(aliases: tuple[tuple[str, str], ...]) -> Callable[[Any], Any]:
    """A wire dict may name a member by the alias botocore takes (``ParameterAlias``)."""

    def rename(value: Any) -> Any:
        if not isinstance(value, Mapping) or not any(alias in value for alias, _ in aliases):
            return value
        renamed = dict(value)
        for alias, wire in aliases:
            if alias in renamed:
                if wire in renamed:
                    raise PydanticCustomError(
                        "alias_conflict",
                        "names {wire} twice: as {wire} and as {alias}, botocore's alias",
                        {"wire": wire, "alias": alias},
                    )
                renamed[wire] = renamed.pop(alias)
        return renamed

    return rename


def _stream_field(field: dict[str, Any]) -> dict[str, Any]:
    """The validator of a streaming member, inside its default and ``None`` wrappers."""
    node: dict[str, Any] = field["schema"]
    while node["type"] in ("default", "nullable"):
        node = node["schema"]
    return node


def _checked(cls: type[Any], mode: Mode) -> Callable[[Any], Any]:
    """A request's model of ``cls`` that ``from_response`` built is checked again.

    ``from_response`` checks no constraints, so such a model may hold what no
    request can send; it is validated here from its members (and the members
    the response added, which a request cannot send). A model a constructor,
    builder or ``from_boto`` built was checked when it was built, and is
    taken as it is.
    """

    def check(value: Any) -> Any:
        if type(value) is not cls or value.__pydantic_extra__ is None:
            return value
        members = {name: item for name, item in value.__dict__.items() if item is not None}
        # A value that did not fit its member (misfits) is checked as that member's.
        names = {field.alias or name: name for name, field in cls.model_fields.items()}
        kept = {names.get(wire, wire): item for wire, item in value.__pydantic_extra__.items()}
        return cls._validator(mode).validate_python(members | kept, by_alias=False, by_name=True)

    return check


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


def hide_input(value: Any, handler: core_schema.ValidatorFunctionWrapHandler) -> Any:
    """Wraps a sensitive member: its errors never carry the value."""
    try:
        return handler(value)
    except ValidationError as error:
        kinds = ", ".join(sorted({detail["type"] for detail in error.errors()}))
    raise PydanticCustomError(
        "sensitive", "sensitive value rejected ({kinds}); the value is not shown", {"kinds": kinds}
    )


def _document(node: dict[str, Any], mode: Mode) -> dict[str, Any]:
    """A document member (the only ``Any`` the generator emits): JSON in requests, anything
    a response sends, frozen either way and written back plain."""
    validate = freeze if mode == "response" else request_document
    return dict(
        core_schema.no_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                thaw, when_used="unless-none"
            ),
        )
    )


def _function_plain(node: dict[str, Any], mode: Mode) -> dict[str, Any]:
    """A streaming member takes in a response whatever botocore hands over."""
    if mode == "response" and (node.get("metadata") or {}).get(STREAM_MARK):
        node["function"] = {"type": "no-info", "function": response_body}
    return node


_Rewrite = Callable[[dict[str, Any], Mode], dict[str, Any]]
_REWRITES: dict[str, _Rewrite] = {
    **dict.fromkeys(_STRICT_SCALARS, _scalar),
    "bytes": _bytes,
    "int": _int,
    "float": _float,
    "datetime": _datetime,
    "chain": _chain,
    "default": _default,
    "list": _list,
    "dict": _dict,
    "model-fields": _model_fields,
    "model": _model,
    "any": _document,
    "function-plain": _function_plain,
}
