"""Property tests over every structure of the service.

- A valid dict with one constraint broken is rejected by ``from_boto``, and
  the error names the wire path of the broken value.
- A response with members and enum values the pinned shapes do not know
  round-trips through ``from_response``.

Pinning what fuzzing finds. ``nox -s fuzz`` runs these tests with many more
examples and a random seed. Each test draws its whole case at once, so a
failure prints it as ``Draw 1 (case): Broken(...)`` (or ``Response(...)``):
paste it as ``@example(case=Broken(...))`` above the ``..._pinned`` test of
the same property, which runs its examples in every run (and draws a few
cases of random structures besides). Datetimes in a case are spelled
``datetime.datetime(...)``: this module imports ``datetime`` for them.
"""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import botoshapes.sagemaker as sm
from botoshapes._runtime import ShapeValidationError
from tests.boto_dicts import BotoDicts, java_matcher
from tests.conftest import SAGEMAKER
from tests.mutations import breakers, leaves, set_at, wire_path

pytestmark = pytest.mark.slow  # a sweep over whole services

SHAPES: dict[str, Any] = SAGEMAKER["shapes"]
DICTS = BotoDicts(SAGEMAKER)
STRUCTURES = sorted(n for n, s in SHAPES.items() if s["type"] == "structure")
PASTED_NAMES = (datetime,)
"""What the ``repr`` of a pinned case may name: imported here so that it can be pasted."""


def _still_valid(shape: dict[str, Any], what: str, bad: Any) -> bool:
    """A trailing newline is fine where the pattern itself allows newlines."""
    if what == "key pattern":
        key = SHAPES[shape["key"]["shape"]]
        return any(java_matcher(key["pattern"])(k) for k in bad)
    return what == "pattern" and java_matcher(shape["pattern"])(bad)


@dataclass(frozen=True)
class Broken:
    """A dict of structure ``name`` with one constraint broken; the error must name ``path``."""

    name: str
    wire: dict[str, Any]
    path: str
    what: str = ""
    """What is broken, of which shape: ``key enum of FillingTransformationMap``."""


@st.composite
def broken(draw: st.DrawFn, name: str) -> Broken | None:
    """A valid dict of ``name`` with one constraint broken; ``None`` if it has nothing to break."""
    wire = draw(DICTS.value(name))
    candidates = [
        (path, target, what, bad, suffix)
        for path, target in leaves(SHAPES, name, wire)
        for what, bad, suffix in breakers(SHAPES, target, _get(wire, path))
        if not _still_valid(SHAPES[target], what, bad)
    ]
    if not candidates:  # an empty dict of optional members: nothing to break
        return None
    path, target, what, bad, suffix = draw(st.sampled_from(candidates))
    out = copy.deepcopy(wire)
    set_at(out, path, bad)
    return Broken(name, out, wire_path(path) + suffix, f"{what} of {target}")


def check_rejected(case: Broken) -> None:
    with pytest.raises(ShapeValidationError) as caught:
        getattr(sm, case.name).from_boto(case.wire)
    paths = {e.path for e in caught.value.errors}
    assert case.path in paths, (case.what, str(caught.value))


@pytest.mark.parametrize("name", STRUCTURES)
@given(data=st.data())
def test_one_broken_constraint_is_rejected_at_its_path(name: str, data: st.DataObject) -> None:
    case = data.draw(broken(name), label="case")
    if case is not None:
        check_rejected(case)


# Failures found by fuzzing, pinned.
@given(case=st.sampled_from(STRUCTURES).flatmap(broken).filter(lambda c: c is not None))
@example(  # an enum-keyed map takes any key
    case=Broken(
        "TimeSeriesTransformations",
        {"Filling": {"x": {"not-a-value": "0"}}},
        "Filling['x'] key 'not-a-value'",
        "key enum of FillingTransformationMap",
    )
)
def test_one_broken_constraint_is_rejected_at_its_path_pinned(case: Broken) -> None:
    check_rejected(case)


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


@dataclass(frozen=True)
class Response:
    """What the service sent for structure ``name``: members and enum values may be new to us."""

    name: str
    wire: dict[str, Any]


@st.composite
def responses(draw: st.DrawFn, name: str) -> Response:
    """A valid dict of ``name`` with unknown members and enum values mixed in."""
    return Response(name, _with_unknowns(SHAPES, name, draw(DICTS.value(name)), draw))


def check_round_trip(case: Response) -> None:
    sent = {**case.wire, "ResponseMetadata": {"RequestId": "r"}}
    assert getattr(sm, case.name).from_response(sent).to_boto() == case.wire


@pytest.mark.parametrize("name", STRUCTURES)
@given(data=st.data())
def test_responses_with_unknowns_round_trip(name: str, data: st.DataObject) -> None:
    check_round_trip(data.draw(responses(name), label="case"))


@given(case=st.sampled_from(STRUCTURES).flatmap(responses))
def test_responses_with_unknowns_round_trip_pinned(case: Response) -> None:
    check_round_trip(case)
