"""Any value a caller might pass where a boto3 dict, or one of its members, goes.

JSON-like data and what else real callers hand over: ``None``, huge ints,
NaN and infinities, ``Decimal``, bytes, naive and aware datetimes (some at the
ends of the calendar, where converting to UTC overflows), dates, tuples, sets,
maps with keys that are not strings, read-only maps, models of the wrong class,
enum members, values nested 1,000 deep and values of 10 MB or 100,000 items.

The large and deep values, and model instances, are drawn as recipes (``Deep``,
``Big``, ``Instance``, ``Member``) whose ``repr`` is short and is Python that
builds them again: a falsifying example stays readable and can be pasted as an
``@example``. :func:`materialize` turns the recipes into the real values just
before use. (Hypothesis's own printer also overflows on a value 1,000 deep.)
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from hypothesis import strategies as st

import botoshapes.sagemaker as sm
from botoshapes._runtime import FrozenMap

DEEP = 1_000
BIG_ITEMS = 100_000
BIG_TEXT = 10_000_000


@dataclass(frozen=True)
class Deep:
    """A value nested ``depth`` times.

    ``[[[...]]]``, ``{"A": {"A": ...}}`` or ``((...),)``; or, for the one
    recursive structure of the service, a valid ``SearchExpression``:
    ``{"SubExpressions": [{"SubExpressions": [...]}]}``.
    """

    kind: Literal["list", "dict", "tuple", "SearchExpression"]
    depth: int = DEEP

    def build(self) -> Any:
        value: Any = {} if self.kind == "SearchExpression" else "end"
        for _ in range(self.depth):
            if self.kind == "list":
                value = [value]
            elif self.kind == "tuple":
                value = (value,)
            elif self.kind == "dict":
                value = {"A": value}
            else:
                value = {"SubExpressions": [value]}
        return value


@dataclass(frozen=True)
class Big:
    """A 10 MB string or bytes, or a list or map of 100,000 items."""

    kind: Literal["str", "bytes", "list", "dict"]

    def build(self) -> Any:
        if self.kind == "str":
            return "a" * BIG_TEXT
        if self.kind == "bytes":
            return b"a" * BIG_TEXT
        if self.kind == "list":
            return ["a"] * BIG_ITEMS
        return {f"k{i}": "a" for i in range(BIG_ITEMS)}


# Valid wire dicts of a few models of different kinds, read with from_response.
_INSTANCES: dict[str, dict[str, Any]] = {
    "Tag": {"Key": "team", "Value": "ml"},
    "ProductionVariant": {"VariantName": "blue", "ModelName": "m", "InitialInstanceCount": 1},
    "AutoMLProblemTypeConfig": {  # a union
        "TextGenerationJobConfig": {"BaseModelName": "llama"}
    },
    "DescribeEndpointOutput": {  # output only
        "EndpointName": "e",
        "EndpointStatus": "InService",
        "CreationTime": datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
    },
    "OidcConfig": {"ClientId": "c", "ClientSecret": "s3cret"},  # a sensitive member
    "ClusterOnDemandOptions": {},  # no members
}


# A model from_response reads without checking, though from_boto must refuse it.
_INVALID: dict[str, dict[str, Any]] = {
    "ProductionVariant": {"VariantName": "", "InitialInstanceCount": -5},
}


@dataclass(frozen=True)
class Instance:
    """An instance of a generated model class, most often not the one expected.

    ``valid=False``: one that ``from_response`` read without checking, with
    values that ``from_boto`` must refuse.
    """

    name: str
    valid: bool = True

    def build(self) -> Any:
        wire = (_INSTANCES if self.valid else _INVALID)[self.name]
        return getattr(sm, self.name).from_response(wire)


@dataclass(frozen=True)
class Member:
    """A member of a generated enum, most often of another enum than the one expected."""

    enum: str
    value: str

    def build(self) -> Any:
        return getattr(sm, self.enum)(self.value)


Recipe = Deep | Big | Instance | Member


def materialize(value: Any) -> Any:
    """``value`` with every recipe in it replaced by what it builds."""
    if isinstance(value, Recipe):
        return value.build()
    if isinstance(value, list):
        return [materialize(v) for v in value]
    if isinstance(value, tuple):
        return tuple(materialize(v) for v in value)
    if isinstance(value, FrozenMap):
        return FrozenMap({k: materialize(v) for k, v in value.items()})
    if isinstance(value, dict):
        return {k: materialize(v) for k, v in value.items()}
    return value


_ZONES = [
    datetime.UTC,
    datetime.timezone(datetime.timedelta(hours=5, minutes=30)),
    datetime.timezone(datetime.timedelta(hours=-8)),
]
_STRINGS = [
    "",
    "ResponseMetadata",
    "4",
    "1.5",
    "1e400",
    "NaN",
    "Infinity",
    "true",
    "null",
    "2024-05-01T12:00:00Z",
    "2024-05-01T12:00:00+05:30",
    "2024-05-01",
    "1714564800",
    "InService",
    "ml.m5.large",
    "a\n",
    "\x00",
    "\ud800",  # a lone surrogate: a str, but not encodable as UTF-8
    "é🙂",
]
_NUMBERS = [
    2**31,
    -(2**31) - 1,
    2**53 + 1,
    2**63,
    -(2**63) - 1,
    2**64,
    10**400,
    -(10**400),
    Decimal("1.5"),
    Decimal("NaN"),
    Decimal("1e400"),
]

DATETIMES = st.one_of(
    st.datetimes(),  # naive, over the whole calendar
    st.datetimes(timezones=st.sampled_from(_ZONES)),
    st.sampled_from(
        [
            datetime.datetime.min.replace(tzinfo=_ZONES[1]),  # before year 1 in UTC
            datetime.datetime.max.replace(tzinfo=_ZONES[2]),  # after year 9999 in UTC
        ]
    ),
)
HASHABLE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),  # NaN and infinities included
    st.text(max_size=8),
    st.sampled_from(_STRINGS),
    st.binary(max_size=8),
    DATETIMES,
)
"""Scalars, which can also be map keys and set items."""

# One branch among the scalars' (hypothesis picks branches evenly), so that
# the slow ones (Big) stay rare in CI's few examples per structure.
_RECIPES = st.sampled_from(
    [
        *(Deep(kind) for kind in ("list", "dict", "tuple", "SearchExpression")),
        Deep("SearchExpression", 200),
        *(Big(kind) for kind in ("str", "bytes", "list", "dict")),
        *(Instance(name) for name in sorted(_INSTANCES)),
        *(Instance(name, valid=False) for name in sorted(_INVALID)),
        Member("EndpointStatus", "InService"),
        Member("ProductionVariantInstanceType", "ml.m5.large"),
        Member("SortOrder", "Ascending"),
    ]
)
_OTHER_SCALARS = st.one_of(
    st.sampled_from(_NUMBERS),
    st.dates(),
    st.binary(max_size=8).map(bytearray),
    st.sets(HASHABLE, max_size=4),
    st.frozensets(HASHABLE, max_size=4),
    _RECIPES,
)


def any_values(keys: Sequence[str]) -> st.SearchStrategy[Any]:
    """Arbitrary values; maps are keyed mostly by ``keys`` (member names) or by any scalar."""
    names = st.one_of(st.sampled_from(list(keys)), st.text(max_size=8))

    def containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.one_of(
            st.lists(inner, max_size=4),
            st.lists(inner, max_size=4).map(tuple),
            st.dictionaries(names, inner, max_size=4),
            st.dictionaries(HASHABLE, inner, max_size=3),
            st.dictionaries(names, inner, max_size=3).map(FrozenMap),
        )

    return st.recursive(st.one_of(HASHABLE, _OTHER_SCALARS), containers, max_leaves=8)
