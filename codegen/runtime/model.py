"""The base of every generated model."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from pydantic import BaseModel, ConfigDict


class ShapeModel(BaseModel):
    """An immutable model of one structure shape.

    Construct it by attribute name (``ProductionVariant(variant_name="a")``),
    read it from a boto3 dict with :meth:`from_boto` (wire names), and write the
    boto3 dict back with :meth:`to_boto`.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        validate_by_name=True,
        validate_by_alias=False,
        serialize_by_alias=True,
        defer_build=True,
    )

    @classmethod
    def from_boto(cls, data: Mapping[str, Any]) -> Self:
        """Build the model from a boto3-style dict keyed by wire names."""
        return cls.model_validate(data, by_alias=True, by_name=False)

    def to_boto(self) -> dict[str, Any]:
        """The boto3 dict: wire names, plain values, only the members that are set.

        ``0``, ``0.0``, ``False``, ``""`` and empty lists are kept.
        """
        return self.model_dump(by_alias=True, exclude_none=True)
