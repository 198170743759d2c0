"""The base of every generated enum."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema


class ShapeEnum(StrEnum):
    """A string enum of a service model: members compare equal to their wire values.

    On the wire (``to_boto()``) a member is written as the plain ``str`` value.
    """

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.enum_schema(
            cls,
            list(cls.__members__.values()),
            sub_type="str",
            serialization=core_schema.to_string_ser_schema(when_used="always"),
        )
