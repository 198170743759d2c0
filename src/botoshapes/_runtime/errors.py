"""Validation errors that say where: the wire path and the offending value."""

from __future__ import annotations

import reprlib
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from pydantic_core import ValidationError, core_schema

_MAX_LISTED = 20
"""Problems listed in full; beyond them, the message counts the rest."""
_KEY = "[key]"
_HIDDEN = "<sensitive>"
_SECRET_MARK = "hide_input"
"""The name of the validator that wraps sensitive members (``core_schemas.hide_input``)."""
_TYPE_NAMES = {
    "int_type": "an integer",
    "float_type": "a number",
    "string_type": "a string",
    "is_instance_of": "a string",  # the text check in front of every enum
    "bool_type": "a boolean",
    "datetime_type": "a datetime",
    "bytes_type": "bytes or text",
    "list_type": "a list",
    "iterable_type": "a list",
    "dict_type": "a map",
    "model_type": "a structure",
    "model_attributes_type": "a structure",
    "document_type": "a JSON value",
}
_WRAPPERS = frozenset(
    {
        "custom-error",
        "default",
        "nullable",
        "function-after",
        "function-before",
        "function-wrap",
        "model",
    }
)


class InvalidValue(NamedTuple):
    """One problem: where (wire path), what was there, and what is wrong with it."""

    path: str
    value: Any
    message: str
    kind: str


class ShapeValidationError(ValueError):
    """A value does not fit the service model; nothing was sent.

    ``str(error)`` lists the problems as ``Wire.Path[0].Member: message`` (the
    first 20, then how many more); :attr:`errors` holds those as
    :class:`InvalidValue` tuples and :attr:`count` says how many there are.
    Values of sensitive members, and of anything that holds one, are never
    shown or kept.
    """

    def __init__(self, model: str, errors: tuple[InvalidValue, ...], count: int = 0) -> None:
        self.model = model
        self.errors = errors
        self.count = max(count, len(errors))
        lines = [f"{self.count} invalid value{'s' if self.count != 1 else ''} in {model}:"]
        lines += [f"  {e.path or model}: {e.message}" for e in errors]
        if self.count > len(errors):
            lines.append(f"  ... and {self.count - len(errors)} more")
        super().__init__("\n".join(lines))

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (across processes, say) with the values as shown, when they
        # are not plain scalars: a caller's object may not pickle.
        errors = tuple(e._replace(value=_plain(e.value)) for e in self.errors)
        return type(self), (self.model, errors, self.count)

    @classmethod
    def from_pydantic(
        cls, model: str, error: ValidationError, schema: core_schema.CoreSchema
    ) -> ShapeValidationError:
        definitions = _definitions(schema)
        found: list[InvalidValue] = []
        for detail in error.errors(include_url=False)[:_MAX_LISTED]:
            path, leaf, holder = _wire_path(schema, detail["loc"], definitions)
            kind = detail["type"]
            # An unknown member (a wire name among attribute names, say) counts as
            # part of what holds it: it may be the secret under another name.
            where = holder if kind == "extra_forbidden" or not leaf else leaf
            hidden = kind == "sensitive" or _holds_secret(where, definitions)
            value = None if hidden or kind == "missing" else detail.get("input")
            shown = _HIDDEN if hidden else short_repr(detail.get("input"))
            found.append(InvalidValue(path, value, _message(detail, leaf, shown), kind))
        return cls(model, tuple(found), error.error_count())

    @classmethod
    def misuse(cls, model: str, message: str) -> ShapeValidationError:
        """An error about what was given for ``model`` as a whole; the value is not shown."""
        return cls(model, (InvalidValue("", None, message, "misuse"),))


_PLAIN = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    return value if type(value) in _PLAIN else short_repr(value)


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
        elif kind == "chain":  # an enum: text first, then the enum
            node = node["steps"][-1]
        else:
            return node
    return node


def _wire_path(
    schema: Any, loc: tuple[int | str, ...], definitions: Mapping[str, Any]
) -> tuple[str, Any, Any]:
    """The wire path of ``loc``, its schema node, and the node of what holds it."""
    path = ""
    node: Any = schema
    holder: Any = None
    for index, segment in enumerate(loc):
        holder = node
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
            if field is not None:
                wire = str(field.get("validation_alias", segment))
            else:  # an unknown member: where secrets are, its name could be one
                wire = _HIDDEN if _holds_secret(node, definitions) else _clip(str(segment))
            path += f".{wire}" if path else wire
            node = field["schema"] if field is not None else None
        elif kind == "list":
            path += f"[{segment}]"
            node = node["items_schema"]
        elif kind == "dict":
            # pydantic locates a bad key as (key, "[key]"), a bad value as (key,).
            bad_key = loc[index + 1 : index + 2] == (_KEY,)
            path += f" key {_key(segment)}" if bad_key else f"[{_key(segment)}]"
            node = node["keys_schema" if bad_key else "values_schema"]
        else:
            path += f"[{segment}]" if isinstance(segment, int) else f".{_clip(str(segment))}"
            node = None
    return path.lstrip("."), _unwrap(node, definitions), _unwrap(holder, definitions)


def _schema_nodes(node: Any, definitions: Mapping[str, Any]) -> Iterator[Any]:
    """Every schema node below ``node``, each definition once."""
    seen: set[int] = set()
    todo = [node]
    while todo:
        item = todo.pop()
        if isinstance(item, list):
            todo.extend(item)
            continue
        if not isinstance(item, Mapping) or id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        if item.get("type") == "definition-ref":
            todo.append(definitions.get(item["schema_ref"]))
        todo.extend(v for k, v in item.items() if k not in {"cls", "metadata", "config"})


def secret_members(schema: Mapping[str, Any]) -> frozenset[str]:
    """The wire names of a model's members whose values may hold a sensitive value."""
    definitions = _definitions(schema)
    node = _unwrap(schema, definitions)
    if not isinstance(node, Mapping) or node.get("type") != "model-fields":
        return frozenset()
    return frozenset(
        str(field.get("validation_alias", name))
        for name, field in node["fields"].items()
        if _holds_secret(field, definitions)
    )


def _holds_secret(node: Any, definitions: Mapping[str, Any]) -> bool:
    """Whether a value of this schema node may contain a sensitive member's value."""
    return any(
        getattr(n.get("function", {}).get("function"), "__name__", "") == _SECRET_MARK
        for n in _schema_nodes(node, definitions)
        if n.get("type") == "function-wrap"
    )


_REPR = reprlib.Repr()
_REPR.maxlevel = 2
_REPR.maxtuple = _REPR.maxlist = _REPR.maxdict = _REPR.maxset = _REPR.maxfrozenset = 4
_REPR.maxstring = _REPR.maxother = 60
_REPR.maxlong = 40


def _clip(text: str) -> str:
    """Text for a path: at most 60 characters, a longer one cut to 57 and ``...``."""
    return text if len(text) <= 60 else text[:57] + "..."


def _key(key: Any) -> str:
    return repr(_clip(key)) if isinstance(key, str) else short_repr(key)


def short_repr(value: Any) -> str:
    """A short ``repr``: bounded in length and depth, whatever the value."""
    try:
        return _REPR.repr(value)
    except Exception:  # a caller's object whose repr fails
        return f"<{type(value).__name__} object>"


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


_PREDICATES = frozenset(
    {
        "double_inexact",
        "int_digits",
        "json_key",
        "json_type",
        "stream_type",
        "timestamp_parsing",
        "timestamp_range",
        "timestamp_type",
    }
)
"""Our own error kinds, whose message reads after the value (``scalars``, ``nesting``)."""


def _enum_name(leaf: Any) -> str:
    return leaf["cls"].__name__ if isinstance(leaf, Mapping) and "cls" in leaf else "the enum"


def _message(detail: Any, leaf: Any, shown: str) -> str:
    kind: str = detail["type"]
    ctx: dict[str, Any] = detail.get("ctx") or {}
    if detail.get("input", 0) is None and detail["loc"] and kind in _TYPE_NAMES:
        return "None is not a value on the wire; leave the member out"
    if kind in _BOUNDS:
        key, relation = _BOUNDS[kind]
        return f"{shown} {relation} {_number(ctx[key])}"
    if kind in _TYPE_NAMES:
        return f"{shown} is not {_TYPE_NAMES[kind]}"
    messages = {
        "missing": "required member is missing",
        "string_too_short": f"{shown} is shorter than {ctx.get('min_length')} characters",
        "string_too_long": f"{shown} is longer than {ctx.get('max_length')} characters",
        "too_short": f"has {ctx.get('actual_length')} items, fewer than {ctx.get('min_length')}",
        "too_long": f"has {ctx.get('actual_length')} items, more than {ctx.get('max_length')}",
        "string_pattern_mismatch": (
            f"{shown} does not match the pattern {_pattern(str(ctx.get('pattern')))}"
        ),
        "enum": f"{shown} is not a value of {_enum_name(leaf)}",
        "finite_number": f"{shown} is not a finite number",
        "extra_forbidden": f"unknown member (value {shown})",
        "sensitive": str(detail["msg"]),
        "union": str(detail["msg"]),
        "too_deep": str(detail["msg"]),
        "too_big": str(detail["msg"]),
    }
    if kind in _PREDICATES:
        return f"{shown} {detail['msg']}"
    if "rule" in ctx:  # a rule the service states in prose (``rules``)
        return str(detail["msg"]) if detail.get("input") is None else f"{shown} {detail['msg']}"
    return messages.get(kind, f"{detail['msg']} (value {shown})")
