"""Any value a caller can pass, into every structure's ``from_boto`` and ``from_response``.

Each entry point must return a usable model or raise ``ShapeValidationError``;
any other exception (``TypeError``, ``AttributeError``, ``RecursionError``,
pydantic's ``ValidationError``, ...) fails the test. Usable: ``repr``, ``==``
with itself, ``hash``, ``copy.copy``, ``copy.deepcopy`` and a pickle round
trip give equal models, ``to_boto()`` warns nothing, and reading its result
back gives the same model. An error's message stays under 10,000 characters.

- ``test_any_value_at_the_top``: the value itself (``tests/any_values.py``
  says which values).
- ``test_any_value_at_a_member``: a valid dict (``tests/boto_dicts.py``) with
  one member, list item, map value or map key replaced by such a value.

Pinning what fuzzing finds. ``nox -s fuzz`` runs these tests (and the
property tests) with many more examples and a random seed. A failure here
ends with the line that pins it, ``@example(value=...)``; hypothesis prints
the same value too (``value=...`` in the failing test case, or
``Draw 1 (value): ...`` for a member). Paste it above
``test_any_value_at_the_top``: its examples run for every structure and both
entry points, in every run, CI's included.
The ``repr`` of a value is Python that builds it again with the names this
module imports (``datetime``, ``nan``, ``inf``, ``Decimal``, ``FrozenMap`` and
the recipes ``Deep``, ``Big``, ``Instance``, ``Member``).

The pinned examples were each a defect of the runtime when they were
found (the comment beside each says which); they stay as regressions.
NaN is NaN: a model holding one (a response may carry it) is compared by its
``repr`` after a copy, as ``nan != nan`` and ``hash(nan)`` is per object.
"""

from __future__ import annotations

import copy
import datetime
import pickle
import traceback
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from math import inf, nan
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import botoshapes.sagemaker as sm
from botoshapes._runtime import FrozenMap, ShapeModel, ShapeValidationError
from tests.any_values import HASHABLE, Big, Deep, Instance, Member, any_values, materialize
from tests.boto_dicts import BotoDicts
from tests.conftest import SAGEMAKER, examples
from tests.mutations import MapKey
from tests.mutations import Path as WirePath

pytestmark = pytest.mark.slow  # a sweep over whole services

SHAPES: dict[str, Any] = SAGEMAKER["shapes"]
DICTS = BotoDicts(SAGEMAKER)
STRUCTURES = sorted(n for n, s in SHAPES.items() if s["type"] == "structure")
WITH_MEMBERS = [n for n in STRUCTURES if SHAPES[n]["members"]]
ENTRIES = ("from_boto", "from_response")
MAX_MESSAGE = 10_000
PASTED_NAMES = (datetime, Decimal, FrozenMap, inf, nan, Big, Deep, Instance, Member)
"""What the ``repr`` of a pinned value may name: imported here so that it can be pasted."""

# Maps are keyed mostly by member names the service uses often, so that a
# value at the top is now and then a near-valid dict of the structure.
_COMMON = Counter(wire for n in STRUCTURES for wire in SHAPES[n]["members"])
ANY = any_values(["ResponseMetadata", *sorted(w for w, _ in _COMMON.most_common(40))])


def _describe(error: BaseException) -> str:
    """The exception, its message (shortened) and where it was raised."""
    try:
        text = str(error)
    except Exception:  # a message that cannot be printed still names the type
        text = "<unprintable>"
    frames = traceback.extract_tb(error.__traceback__)
    where = ""
    if frames:
        last = frames[-1]
        where = f" at {Path(last.filename).name}:{last.lineno} in {last.name}"
    return f"{type(error).__name__}{where}: {text[:300]}"


def _round_trip(how: str) -> Callable[[ShapeModel], ShapeModel]:
    if how == "copy.copy":
        return copy.copy
    if how == "copy.deepcopy":
        return copy.deepcopy
    return lambda model: pickle.loads(pickle.dumps(model))


def _use(model: ShapeModel, read: Callable[[Any], ShapeModel]) -> Iterator[str]:
    """Use the model as callers do; yields the name of each use before it, and problems."""
    yield "repr"
    repr(model)
    str(model)
    yield "=="
    if model != model:  # noqa: PLR0124  (what is tested)
        yield "! the model is not equal to itself"
    yield "hash"
    hash(model)
    for how in ("copy.copy", "copy.deepcopy", "pickle"):
        yield how
        other = _round_trip(how)(model)
        if not _same(other, model):
            yield f"! {how} gives a model that is not equal to it, or hashes differently"
    yield "to_boto()"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        wire = model.to_boto()
    yield "reading to_boto() back"
    if read(wire) != model:
        yield f"! reading to_boto() back gives another model: {wire!r:.300}"


def _same(one: ShapeModel, other: ShapeModel) -> bool:
    """Equal and hashing alike; by ``repr`` where a NaN makes neither hold in Python."""
    if one == other and hash(one) == hash(other):
        return True
    # (kept members are shown by model_extra: repr hides them beside a secret)
    shown = [(repr(m), repr(dict(m.model_extra or {}))) for m in (one, other)]
    return "nan" in str(shown[0]).lower() and shown[0] == shown[1]


def _problem(read: Callable[[Any], ShapeModel], value: Any) -> tuple[str, BaseException | None]:
    """What went wrong reading ``value`` and using the result; ``("", None)`` if nothing."""
    try:
        model = read(value)
    except ShapeValidationError as error:
        size = len(str(error))
        return (
            (f"raised a ShapeValidationError of {size:,} characters", None)
            if (size >= MAX_MESSAGE)
            else ("", None)
        )
    except Exception as error:  # what this test is for
        return f"raised {_describe(error)}", error
    step = "reading"
    try:
        for step in _use(model, read):
            if step.startswith("!"):
                return f"gave a model, but {step[2:]}", None
    except Exception as error:
        return f"gave a model, but {step} raised {_describe(error)}", error
    return "", None


def check(name: str, value: Any) -> None:
    """Both entry points of ``name`` give a usable model or a short ShapeValidationError."""
    cls = getattr(sm, name)
    real = materialize(value)
    for entry in ENTRIES:
        problem, cause = _problem(getattr(cls, entry), real)
        if problem:
            raise AssertionError(
                f"{name}.{entry}(value) {problem}\n"
                "Pin it: paste above test_any_value_at_the_top in tests/runtime/test_any_input.py\n"
                f"    @example(value={value!r})"
            ) from cause


# Pinned cases, each commented with what went wrong before its fix. Add new
# ones above the first.
@pytest.mark.parametrize("name", STRUCTURES)
@settings(max_examples=examples(ci=3))
@given(value=ANY)
# A model among unknown members was kept as one: to_boto() read back gives a map.
@example(value={"Arn": Instance("AutoMLProblemTypeConfig", valid=True)})
@example(value={"Arn": Decimal("NaN")})  # the test took only float NaN for NaN
@example(value=None)  # from_response: TypeError, `in` on what is not a container
@example(value=0)
@example(value="ResponseMetadata")  # from_response: AttributeError, a str has no .items()
@example(value=Deep("list"))  # RecursionError: the error message reprs the whole value
@example(value=Deep("dict"))  # from_response keeps a 1,000-deep unknown member: repr overflows
@example(value={"Mode": Deep("list")})  # Autotune...: RecursionError in Enum's own error message
@example(value={"Mode": "not-a-mode"})  # Autotune.from_response: unknown enum value won't unpickle
@example(value={"Environment": {}})  # ContainerDefinition: a FrozenMap won't deepcopy or pickle
@example(value={"Value": nan})  # MetricData: NaN is accepted; the model != its pickled copy
@example(value={"Zz": None})  # from_response keeps an unknown None that to_boto() drops
@example(value=Deep("SearchExpression", 200))  # valid: repr, deepcopy and pickle overflow
@example(value=Deep("SearchExpression", 400))  # a 600 KB error message
@example(value=Instance("ProductionVariant", valid=False))  # from_boto takes it unchecked
def test_any_value_at_the_top(name: str, value: Any) -> None:
    check(name, value)


@dataclass(frozen=True)
class Place:
    """Where to put a value in a wire dict: a member, list item or map value, or a map key."""

    path: WirePath
    key: bool = False

    def put(self, wire: dict[str, Any], new: Any) -> dict[str, Any]:
        """A copy of ``wire`` with ``new`` at this place."""
        out = copy.deepcopy(wire)
        parent: Any = out
        for part in self.path[:-1]:
            parent = parent[part]
        last = self.path[-1]
        if self.key:
            parent[new] = parent.pop(last)
        else:
            parent[last] = new
        return out


def places(name: str, value: Any, path: WirePath = ()) -> Iterator[Place]:
    """Every place in ``value`` (of shape ``name``), and every member a structure there lacks."""
    shape = SHAPES[name]
    kind = shape["type"]
    if kind == "structure":
        for wire, ref in shape["members"].items():
            yield Place((*path, wire))
            if wire in value:
                yield from places(ref["shape"], value[wire], (*path, wire))
    elif kind == "list":
        for index, item in enumerate(value):
            yield Place((*path, index))
            yield from places(shape["member"]["shape"], item, (*path, index))
    elif kind == "map":
        for key, item in value.items():
            yield Place((*path, MapKey(key)))
            yield Place((*path, MapKey(key)), key=True)
            yield from places(shape["value"]["shape"], item, (*path, MapKey(key)))


@st.composite
def with_any_member(draw: st.DrawFn, name: str) -> dict[str, Any]:
    """A valid dict of ``name`` with one member, item, map value or key replaced by any value."""
    wire = draw(DICTS.value(name))
    place = draw(st.sampled_from(list(places(name, wire))))
    return place.put(wire, draw(HASHABLE if place.key else ANY))


@pytest.mark.parametrize("name", WITH_MEMBERS)
@settings(max_examples=examples(ci=3))
@given(data=st.data())
def test_any_value_at_a_member(name: str, data: st.DataObject) -> None:
    check(name, data.draw(with_any_member(name), label="value"))


# Inputs whose only right outcome is a ShapeValidationError (with a short
# message): the generic tests above would accept a model as well. Each was a
# defect when it was found.
_SOME = [
    "ProductionVariant",  # requests and responses
    "DescribeEndpointOutput",  # responses only
    "CreateEndpointInput",  # requests only
    "AutoMLProblemTypeConfig",  # a union
    "ClusterOnDemandOptions",  # no members
]
MUST_REFUSE = [
    pytest.param(
        "TimeSeriesTransformations",
        "from_boto",
        {"Filling": {"x": {"not-a-value": "0"}}},
        id="enum-keyed map takes any key",
    ),
    *(
        pytest.param(name, "from_response", value, id=f"{name}.from_response({value!r})")
        for name in _SOME
        for value in (None, 0, "ResponseMetadata")
    ),
    pytest.param(
        "ProductionVariant",
        "from_boto",
        Instance("ProductionVariant", valid=False),
        id="from_boto takes a model from_response read unchecked",
    ),
    pytest.param(
        "CreateEndpointConfigInput",
        "from_boto",
        {"EndpointConfigName": "c", "ProductionVariants": [Instance("ProductionVariant", False)]},
        id="from_boto takes a member model from_response read unchecked",
    ),
    pytest.param("Tag", "from_boto", Big("dict"), id="100,000 unknown members: a 3.7 MB message"),
    pytest.param(
        "AddTagsInput",
        "from_boto",
        {"ResourceArn": "arn:aws:sagemaker:eu-west-1:123456789012:endpoint/e", "Tags": Big("list")},
        id="100,000 bad list items: a 3.8 MB message",
    ),
]


@pytest.mark.parametrize(("name", "entry", "value"), MUST_REFUSE)
def test_what_must_be_refused_is_a_short_error(name: str, entry: str, value: Any) -> None:
    with pytest.raises(ShapeValidationError) as caught:
        getattr(getattr(sm, name), entry)(materialize(value))
    size = len(str(caught.value))
    assert size < MAX_MESSAGE, f"a message of {size:,} characters"
