"""Document members: JSON values of any shape (botocore's ``document`` type).

Services such as Bedrock take free-form JSON in a member (a tool's input
schema). Such a member holds ``None``, ``bool``, ``int``, ``float``, ``str``,
lists and maps with text keys, nested as deep as :data:`~.nesting.MAX_DEPTH`.
It is stored frozen like every value of a model (lists as tuples, maps as
:class:`~.frozen.FrozenMap`) and written back plain by ``to_boto()``.

A request's document must be JSON: no NaN or infinity, no ``bytes``,
``datetime`` or other objects (botocore would send them as something else or
fail). A response's is read as it comes (:func:`~.nesting.freeze`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias

from pydantic_core import PydanticCustomError

from .frozen import FrozenMap
from .nesting import PRINTABLE_INT, check_size

Document: TypeAlias = (
    "bool | int | float | str | tuple[Document, ...] | FrozenMap[str, Document] | None"
)
"""A document as a model stores it."""
DocumentInput: TypeAlias = (
    "bool | int | float | str | Sequence[DocumentInput] | Mapping[str, DocumentInput] | None"
)
"""What a document member accepts."""


def request_document(value: Any) -> Document:
    """A request's document member, checked and frozen; ``None`` is no value on the wire."""
    if value is None:
        raise PydanticCustomError("document_type", "is not a JSON value")
    check_size(value)
    return _json(value)


def _json(value: Any) -> Document:
    if value is None or isinstance(value, str | bool):
        return value
    if isinstance(value, int):
        if -PRINTABLE_INT <= value <= PRINTABLE_INT:
            return value
        raise PydanticCustomError("int_digits", "is an integer of more than 4,000 digits")
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        raise PydanticCustomError("json_type", "is not JSON (it holds {value})", {"value": value})
    if isinstance(value, Mapping):
        if not all(isinstance(key, str) for key in value):
            raise PydanticCustomError("json_key", "has a key that is not a string")
        return FrozenMap({key: _json(item) for key, item in value.items()})
    if isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        return tuple(_json(item) for item in value)
    raise PydanticCustomError(
        "json_type", "is not JSON (it holds a {kind} value)", {"kind": type(value).__name__}
    )
