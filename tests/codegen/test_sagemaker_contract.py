"""Every structure and enum of the pinned model has its class, with exactly the shape's
wire names, required members and values (checked against the raw JSON, not the generator's IR)."""

from __future__ import annotations

import keyword
from enum import StrEnum
from typing import Any

import pytest
from botocore import xform_name
from pydantic import BaseModel

import botoshapes.sagemaker as sm
from botoshapes._runtime import ShapeEnum, ShapeModel
from codegen.services.sagemaker import SAGEMAKER as CUSTOMIZATION
from tests.conftest import SAGEMAKER

pytestmark = pytest.mark.slow  # a sweep over whole services

SHAPES: dict[str, dict[str, Any]] = SAGEMAKER["shapes"]
STRUCTURES = sorted(n for n, s in SHAPES.items() if s["type"] == "structure")
ENUMS = sorted(n for n, s in SHAPES.items() if "enum" in s)


def _sendable() -> set[str]:
    """Shapes some operation input can contain, found from the raw JSON."""
    todo = [op["input"]["shape"] for op in SAGEMAKER["operations"].values() if "input" in op]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            shape = SHAPES[name]
            todo += [ref["shape"] for ref in shape.get("members", {}).values()]
            todo += [shape[k]["shape"] for k in ("member", "key", "value") if k in shape]
    return seen


SENDABLE = _sendable()


def test_counts_match_the_pinned_model() -> None:
    assert len(STRUCTURES) > 1600
    assert len(ENUMS) > 380
    # Every structure and enum, the facade, and the waiters' events (the customization's
    # exports).
    facade = {"SageMakerClient"} | {e.name for e in CUSTOMIZATION.exports}
    assert facade >= {"DeploymentEvent", "ComponentEvent"}
    assert set(sm.__all__) == set(STRUCTURES) | set(ENUMS) | facade


@pytest.mark.parametrize("name", STRUCTURES)
def test_structure_class_matches_shape(name: str) -> None:
    shape = SHAPES[name]
    cls = getattr(sm, name)
    assert issubclass(cls, ShapeModel)
    assert cls.__name__ == name
    fields = cls.model_fields
    assert [f.alias for f in fields.values()] == list(shape["members"])
    required = {f.alias for f in fields.values() if f.is_required()}
    # Output-only shapes type every member optional, and botocore fills idempotency
    # tokens that are left out (see the README).
    tokens = {wire for wire, ref in shape["members"].items() if ref.get("idempotencyToken")}
    expected = set(shape.get("required", [])) - tokens if name in SENDABLE else set()
    assert required == expected
    for attr, info in fields.items():
        assert attr.isidentifier()
        assert not keyword.iskeyword(attr)
        assert not attr.startswith("_")
        assert not hasattr(BaseModel, attr)
        assert attr in {xform_name(info.alias), xform_name(info.alias) + "_"}


@pytest.mark.parametrize("name", ENUMS)
def test_enum_class_matches_shape(name: str) -> None:
    cls = getattr(sm, name)
    assert issubclass(cls, ShapeEnum)
    assert issubclass(cls, StrEnum)
    assert [m.value for m in cls] == SHAPES[name]["enum"]
    for member in cls:
        assert member.name.isupper() or not any(c.isalpha() for c in member.name)
        assert member == member.value


def test_names_from_the_issue() -> None:
    assert sm.ProductionVariantInstanceType.ML_G5_2XLARGE.value == "ml.g5.2xlarge"
    assert str(sm.EndpointStatus.IN_SERVICE) == "InService"
    fields = sm.ProductionVariant.model_fields
    assert fields["enable_ssm_access"].alias == "EnableSSMAccess"
    assert sm.ProductionVariantServerlessConfig.model_fields["memory_size_in_mb"].alias == (
        "MemorySizeInMB"
    )
    # Real shape names that collide with pydantic's or common names stay importable.
    for name in ("Model", "BaseModel", "Filter"):
        assert getattr(sm, name).__name__ == name


def test_unknown_name_is_an_attribute_error() -> None:
    missing = "NoSuchShape"  # the stub knows it is missing too: mypy rejects sm.NoSuchShape
    with pytest.raises(AttributeError, match=missing):
        getattr(sm, missing)
