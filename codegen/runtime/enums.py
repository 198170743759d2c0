"""The base of every generated enum."""

from __future__ import annotations

from contextvars import ContextVar
from enum import StrEnum
from typing import Any, Self

from pydantic import GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema

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
        return core_schema.enum_schema(
            cls,
            list(cls.__members__.values()),
            sub_type="str",
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
        unknown: dict[str, Self] = cls.__dict__.get("_unknown_members_") or {}
        if not unknown:
            type.__setattr__(cls, "_unknown_members_", unknown)
        found = unknown.get(value)
        if found is None:
            found = str.__new__(cls, value)
            found._name_ = value
            found._value_ = value
            unknown[value] = found
        return found

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        # Called by Enum(value) and by pydantic's enum validator for a value
        # that is not listed; known values never get here.
        if UNKNOWN_VALUES_ALLOWED.get() and isinstance(value, str):
            return cls.from_wire(value)
        return None

    @property
    def is_known(self) -> bool:
        """Whether the value is listed in the pinned service model."""
        return self._value_ in type(self)._value2member_map_
