"""Document members (botocore's ``document`` type: any JSON), as the runtime checks them.

End to end, through generated models (Bedrock Runtime's tool schemas), they are
round-tripped by ``tests/codegen/test_service_sample.py``.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic_core import PydanticCustomError

from botoshapes import FrozenMap
from botoshapes._runtime.documents import request_document
from botoshapes._runtime.nesting import MAX_DEPTH, thaw


def test_a_document_is_stored_frozen_and_written_back_plain() -> None:
    value = {"type": "object", "required": ["city"], "n": 1.5, "ok": True, "none": None}
    stored = request_document(value)
    assert stored == FrozenMap(
        {"type": "object", "required": ("city",), "n": 1.5, "ok": True, "none": None}
    )
    assert hash(stored) == hash(request_document(value))
    assert thaw(stored) == value


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "is not a JSON value"),  # at the top: no value on the wire
        (float("nan"), "is not JSON (it holds nan)"),
        ({"a": [float("inf")]}, "is not JSON (it holds inf)"),
        ({"a": b"x"}, "is not JSON (it holds a bytes value)"),
        ({1: "x"}, "has a key that is not a string"),
        ([object()], "is not JSON (it holds a object value)"),
        (10**5000, "is an integer of more than 4,000 digits"),
    ],
    ids=["none", "nan", "inf", "bytes", "int-key", "object", "huge-int"],
)
def test_what_json_cannot_carry_is_refused(value: Any, message: str) -> None:
    with pytest.raises(PydanticCustomError) as caught:
        request_document(value)
    assert str(caught.value) == message


def test_a_document_nests_at_most_as_deep_as_any_value() -> None:
    deep: Any = "leaf"
    for _ in range(MAX_DEPTH):
        deep = [deep]
    assert thaw(request_document(deep)) == deep
    with pytest.raises(PydanticCustomError, match="nests more than 64 levels"):
        request_document([deep])
