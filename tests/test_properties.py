"""Property tests over every structure of the service.

- A valid dict with one constraint broken is rejected by ``from_boto``, and
  the error names the wire path of the broken value.
- A response with members and enum values the pinned shapes do not know
  round-trips through ``from_response``.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import botoshapes.sagemaker as sm
from botoshapes._runtime import ShapeValidationError

from .boto_dicts import BotoDicts, java_matcher
from .conftest import SAGEMAKER
from .mutations import breakers, leaves, set_at, wire_path

SHAPES: dict[str, Any] = SAGEMAKER["shapes"]
DICTS = BotoDicts(SAGEMAKER)
STRUCTURES = sorted(n for n, s in SHAPES.items() if s["type"] == "structure")


def _still_valid(shape: dict[str, Any], what: str, bad: Any) -> bool:
    """A trailing newline is fine where the pattern itself allows newlines."""
    if what == "key pattern":
        key = SHAPES[shape["key"]["shape"]]
        return any(java_matcher(key["pattern"])(k) for k in bad)
    return what == "pattern" and java_matcher(shape["pattern"])(bad)


@pytest.mark.parametrize("name", STRUCTURES)
@given(data=st.data())
def test_one_broken_constraint_is_rejected_at_its_path(name: str, data: st.DataObject) -> None:
    wire = data.draw(DICTS.value(name), label="valid")
    candidates = [
        (path, target, what, bad, suffix)
        for path, target in leaves(SHAPES, name, wire)
        for what, bad, suffix in breakers(SHAPES, target, _get(wire, path))
        if not _still_valid(SHAPES[target], what, bad)
    ]
    if not candidates:  # an empty dict of optional members: nothing to break
        return
    path, target, what, bad, suffix = data.draw(st.sampled_from(candidates), label="broken")
    broken = copy.deepcopy(wire)
    set_at(broken, path, bad)
    with pytest.raises(ShapeValidationError) as caught:
        getattr(sm, name).from_boto(broken)
    paths = {e.path for e in caught.value.errors}
    assert wire_path(path) + suffix in paths, (what, target, str(caught.value))


def _get(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _with_unknowns(shapes: dict[str, Any], name: str, value: Any, draw: Any) -> Any:
    """Add an unknown member to every structure and replace some enum values with new ones."""
    shape = shapes[name]
    kind = shape["type"]
    if kind == "structure":
        out = {
            wire: _with_unknowns(shapes, shape["members"][wire]["shape"], item, draw)
            for wire, item in value.items()
        }
        if not shape.get("union") and draw(st.booleans()):
            out["ZzUnknownMember"] = draw(st.sampled_from(["x", 1, [1, "a"], {"K": True}]))
        return out
    if kind == "list":
        return [_with_unknowns(shapes, shape["member"]["shape"], v, draw) for v in value]
    if kind == "map":
        return {
            k: _with_unknowns(shapes, shape["value"]["shape"], v, draw) for k, v in value.items()
        }
    if kind == "string" and "enum" in shape and draw(st.booleans()):
        return "ZZ_NEW_VALUE_FROM_A_NEWER_SERVICE"
    return value


@pytest.mark.parametrize("name", STRUCTURES)
@given(data=st.data())
def test_responses_with_unknowns_round_trip(name: str, data: st.DataObject) -> None:
    wire = data.draw(DICTS.value(name), label="valid")
    sent = _with_unknowns(SHAPES, name, wire, data.draw)
    model = getattr(sm, name).from_response({**sent, "ResponseMetadata": {"RequestId": "r"}})
    assert model.to_boto() == sent
