"""The base of every generated enum."""

from __future__ import annotations

from contextvars import ContextVar
from enum import StrEnum
from typing import Any, Self

from pydantic import GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema

_UNLISTED: dict[tuple[type[ShapeEnum], str], ShapeEnum] = {}
"""Members made for values the pinned shapes do not list, one per class and value."""
UNKNOWN_VALUES_ALLOWED: ContextVar[bool] = ContextVar("botoshapes_unknown_values", default=False)
"""Set by ``from_response``: while true, enums accept values they do not list."""


class ShapeEnum(StrEnum):
    """A string enum of a service model: members compare equal to their wire values.

    On the wire (``to_boto()``) a member is written as the plain ``str`` value.
    Requests accept only the values listed here. Responses may carry values
    added to the service after the shapes were pinned: :meth:`from_wire` keeps
    them as members of this class that are not listed (``is_known`` is
    ``False``), so they survive a round trip.
    """

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        # Only text reaches the enum: for a value it does not list, pydantic
        # calls the class, whose error message would repr any value given.
        return core_schema.chain_schema(
            [
                core_schema.is_instance_schema(str),  # keeps a member as it is
                core_schema.enum_schema(cls, list(cls.__members__.values()), sub_type="str"),
            ],
            serialization=core_schema.to_string_ser_schema(when_used="always"),
        )

    @classmethod
    def from_wire(cls, value: str) -> Self:
        """The member for ``value``, creating an unlisted one for a value the shapes do not know."""
        member = cls._value2member_map_.get(value)
        if member is not None:
            return member  # type: ignore[return-value]
        if not isinstance(value, str):
            raise TypeError(f"{cls.__name__} values are strings, not {type(value).__name__}")
        found = _UNLISTED.get((cls, value))
        if found is None:
            made = str.__new__(cls, value)
            made._name_ = value
            made._value_ = value
            # setdefault: threads making the same value at once all get one member.
            found = _UNLISTED.setdefault((cls, value), made)
        return found  # type: ignore[return-value]

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        # Called by Enum(value) and by pydantic's enum validator for a value
        # that is not listed; known values never get here.
        if not isinstance(value, str):
            return None
        if UNKNOWN_VALUES_ALLOWED.get():  # a response's value is kept as it was sent
            return cls.from_wire(value)
        if cls.__dict__.get("__case_insensitive__"):
            # The service says its values are matched ignoring case: the member, as listed.
            folded = value.casefold()
            for member in cls.__members__.values():
                if member.value.casefold() == folded:
                    return member
        return None

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        # By value through from_wire, so that unlisted members pickle too.
        return _member, (type(self), self._value_)

    @property
    def is_known(self) -> bool:
        """Whether the value is listed in the pinned service model."""
        return self._value_ in type(self)._value2member_map_


def _member(cls: type[ShapeEnum], value: str) -> ShapeEnum:
    """Unpickles a member, listed or not."""
    return cls.from_wire(value)
