"""IR -> the typing stub (``.pyi``) of a service's models, one file per service.

The models are pydantic classes built from the emitted annotations; what a
type checker should see is stated here, precisely, from the IR:

- attributes are read-only properties typed as stored: lists as
  ``tuple[X, ...]``, maps as ``FrozenMap``, enums as their class; as ``X | None``
  where a value can be missing: members a request may omit, and every member
  of a shape a response can carry (see ``StructureShape.read_required``);
- ``__init__`` takes keyword arguments typed as accepted: any ``Sequence``
  or ``Mapping``, and for an enum its members or their string values
  (a ``Literal`` of them), so a typo in an instance type is a mypy error,
  and for a timestamp or a blob what botocore takes (``datetime``, ISO-8601
  ``str``, epoch seconds; ``bytes``, ``bytearray``, ``str``);
- a builder class per model, one method per member, typed like ``__init__``;
- ``__hash__`` on each model, as pydantic gives each frozen model class its
  own: type checkers that follow ``dataclass_transform`` (pyright) otherwise
  take a model with ``__eq__`` for unhashable, as they would a non-frozen
  dataclass.
"""

from __future__ import annotations

import attrs

from .. import ir
from ..docstrings import docstring_safe
from ..handlers import FORM_TYPES
from .contexts import EnumContext, MemberType, StructureContext

_SCALAR_TYPES: dict[ir.ScalarKind, str] = {
    "string": "str",
    "integer": "int",
    "long": "int",
    "float": "float",
    "double": "float",
    "boolean": "bool",
    "timestamp": "_datetime",
    "blob": "bytes",
    "document": "_Document",
}


_ACCEPTED_SCALARS: dict[ir.ScalarKind, str] = {
    "document": "_DocumentInput",
    # What botocore's serializer takes: a datetime, ISO-8601 text, epoch seconds.
    "timestamp": "_datetime | str | float",
    # What botocore's serializer takes; stored as the bytes it sends (text as UTF-8).
    "blob": "bytes | bytearray | str",
}
"""Where a request takes more than is stored."""

STREAM_ACCEPTED = "bytes | bytearray | str | _Readable"
"""What a streaming member takes: what boto3 takes (``botoshapes._runtime.streams``)."""


def literal_alias(enum: ir.EnumShape) -> str:
    """The stub-only name of the ``Literal`` of an enum's values."""
    return f"_{enum.class_name}Literal"


@attrs.define
class _Types:
    """Renders the static types of members."""

    service: ir.Service

    def stored(self, target: str) -> str:
        shape = self.service.shapes[target]
        match shape:
            case ir.ScalarShape(kind=kind):
                return _SCALAR_TYPES[kind]
            case ir.EnumShape() | ir.StructureShape():
                return shape.class_name
            case ir.ListShape(member=item):
                return f"tuple[{self.stored(item)}, ...]"
            case ir.MapShape(key=key, value=value):
                return f"_FrozenMap[{self.stored(key)}, {self.stored(value)}]"

    def accepted(self, target: str) -> str:
        shape = self.service.shapes[target]
        match shape:
            case ir.EnumShape():
                return f"{shape.class_name} | {literal_alias(shape)}"
            case ir.ListShape(member=item):
                return f"_Sequence[{self.accepted(item)}]"
            case ir.MapShape(key=key, value=value):
                return f"_Mapping[{self.accepted(key)}, {self.accepted(value)}]"
            case ir.ScalarShape(kind=kind) if kind in _ACCEPTED_SCALARS:
                return _ACCEPTED_SCALARS[kind]
            case _:
                return self.stored(target)


def _member(types: _Types, shape: ir.StructureShape, member: ir.Member) -> MemberType:
    required = shape.typed_required(member)
    stored, accepted = types.stored(member.target), types.accepted(member.target)
    if member.streaming:  # kept as given in a request; botocore's stream in a response
        accepted = STREAM_ACCEPTED
        stored = "_Readable" if shape.output_only else accepted
    elif member.event_stream:  # events to send going in; typed events coming back
        accepted = "_Iterable[_Any]"
        stored = f"_EventStream[{stored}]" if shape.output_only else accepted
    elif member.form is not None:  # as a botocore handler takes or gives it
        more_accepted, more_stored = FORM_TYPES[member.form]
        accepted, stored = accepted + more_accepted, stored + more_stored
    return MemberType(
        name=member.attr_name,
        wire_name=member.wire_name,
        stored=stored if shape.read_required(member) else f"{stored} | None",
        accepted=accepted if required else f"{accepted} | None",
        required=required,
        documentation=docstring_safe(member.documentation),
        deprecated=member.deprecated,
    )


def stored_type(service: ir.Service, target: str) -> str:
    """The static type of a stored value of shape ``target`` (``tuple[Tag, ...]``)."""
    return _Types(service).stored(target)


def accepted_type(service: ir.Service, target: str) -> str:
    """The static type a request accepts for shape ``target`` (``_Sequence[Tag]``)."""
    return _Types(service).accepted(target)


def member_types(service: ir.Service, shape: ir.StructureShape) -> tuple[MemberType, ...]:
    """Name, stored and accepted static type, and documentation of each member."""
    types = _Types(service)
    return tuple(_member(types, shape, m) for m in shape.members)


def structure_context(service: ir.Service, shape: ir.StructureShape) -> StructureContext:
    return StructureContext(
        shape=shape,
        builder=shape.builder_name,
        documentation=docstring_safe(shape.documentation),
        members=member_types(service, shape),
    )


def enum_context(shape: ir.EnumShape) -> EnumContext:
    return EnumContext(
        shape=shape, documentation=docstring_safe(shape.documentation), literal=literal_alias(shape)
    )
