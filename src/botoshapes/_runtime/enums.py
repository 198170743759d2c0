"""The base of every generated enum."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Self

from pydantic import GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema

_UNLISTED: dict[tuple[type[ShapeEnum], str], ShapeEnum] = {}
"""Members made for values the pinned shapes do not list, one per class and value."""


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
    def listed_value(cls, value: Any) -> Any:
        """The listed value ``value`` is in another letter case, for an enum whose values
        AWS matches ignoring case (``__case_insensitive__``); any other value as it is."""
        if isinstance(value, str) and value not in cls._value2member_map_:
            folded = value.casefold()
            for member in cls.__members__.values():
                if member.value.casefold() == folded:
                    return member.value
        return value

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
