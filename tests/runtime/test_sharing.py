"""Models are safe to share: across threads, through pickle and copies, and they never change.

Each test failed before the fix it guards (the issue "Every bad input gets a
clear error").
"""

from __future__ import annotations

import copy
import inspect
import json
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import botoshapes.sagemaker as sm
from botoshapes._runtime import FrozenMap, ShapeValidationError
from botoshapes._runtime.nesting import MAX_DEPTH
from tests.conftest import SAGEMAKER
from tests.first_use_in_threads import with_containers

COPIES: dict[str, Callable[[Any], Any]] = {
    "pickle": lambda value: pickle.loads(pickle.dumps(value)),
    "copy": copy.copy,
    "deepcopy": copy.deepcopy,
}
STRUCTURES_WITH_CONTAINERS = sorted(
    name
    for name, shape in SAGEMAKER["shapes"].items()
    if shape["type"] == "structure" and not shape.get("union") and with_containers(name)
)


def test_first_use_from_many_threads_gives_what_one_thread_gives() -> None:
    script = Path(__file__).parent.parent / "first_use_in_threads.py"
    run = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True, timeout=600
    )
    result = json.loads(run.stdout)
    assert result["structures"] > 400
    assert result["bad"] == [], f"{len(result['bad'])} of {result['calls']} calls"


@pytest.mark.parametrize("how", COPIES)
def test_a_frozen_map_survives_copies(how: str) -> None:
    original = FrozenMap({"a": 1, "b": FrozenMap({"c": (2,)})})
    copied = COPIES[how](original)
    assert copied == original
    assert hash(copied) == hash(original)
    assert type(copied) is FrozenMap


@pytest.mark.parametrize("how", COPIES)
@pytest.mark.parametrize("name", STRUCTURES_WITH_CONTAINERS)
def test_every_structure_with_a_list_or_map_survives_copies(name: str, how: str) -> None:
    sent = with_containers(name)
    model = getattr(sm, name).from_response(sent)
    copied = COPIES[how](model)
    assert copied == model
    assert hash(copied) == hash(model)
    assert copied.to_boto() == sent


@pytest.mark.parametrize("how", COPIES)
def test_responses_with_unknowns_survive_copies(how: str) -> None:
    response = sm.DescribeEndpointOutput.from_response(
        {
            "EndpointName": "e",
            "EndpointStatus": "Hibernating",  # a value the pinned shapes do not list
            "ProductionVariants": [{"VariantName": "a", "Zz": {"k": [1, {"x": None}]}}],
        }
    )
    copied = COPIES[how](response)
    assert copied == response
    assert hash(copied) == hash(response)
    assert copied.to_boto() == response.to_boto()
    assert copied.endpoint_status is not None
    assert not copied.endpoint_status.is_known


@pytest.mark.parametrize("how", [*COPIES, "repr", "==", "hash", "to_boto", "json"])
def test_a_model_at_the_depth_limit_is_fully_usable(how: str) -> None:
    expression: dict[str, Any] = {"Operator": "And"}
    for _ in range((MAX_DEPTH - 1) // 2):
        expression = {"SubExpressions": [expression]}
    model = sm.SearchExpression.from_boto(expression)
    uses: dict[str, Callable[[Any], Any]] = {
        **COPIES,
        "repr": repr,
        "==": lambda m: m == copy.deepcopy(m),
        "hash": hash,
        "to_boto": lambda m: m.to_boto() == expression,
        "json": lambda m: json.loads(m.model_dump_json(by_alias=True, exclude_none=True)),
    }
    # With a deep caller's stack under it: 500 frames are already in use.
    assert _with_frames_in_use(500, lambda: uses[how](model))


def _with_frames_in_use(frames: int, call: Callable[[], Any]) -> Any:
    def descend(left: int) -> Any:
        return call() if left <= 0 else descend(left - 1)

    return descend(frames - len(inspect.stack(0)))


def test_model_copy_validates_the_update() -> None:
    variant = sm.ProductionVariant(variant_name="a")
    with pytest.raises(ShapeValidationError, match="ModelName: 12345 is not a string"):
        variant.model_copy(update={"model_name": 12345})
    updated = sm.ContainerDefinition(image="i").model_copy(update={"environment": {"A": "b"}})
    assert isinstance(updated.environment, FrozenMap)
    assert hash(updated) == hash(sm.ContainerDefinition(image="i", environment={"A": "b"}))
    assert variant.model_copy() == variant


def test_unknown_members_of_responses_are_frozen_copies() -> None:
    sent: dict[str, Any] = {"VariantName": "a", "Zz": [1, {"k": [2]}]}
    model = sm.ProductionVariant.from_response(sent)
    sent["Zz"].append(3)
    sent["Zz"][1]["k"].append(4)
    assert model.to_boto() == {"VariantName": "a", "Zz": [1, {"k": [2]}]}
    assert model.model_extra == {"Zz": (1, FrozenMap({"k": (2,)}))}
    extra = model.model_extra
    assert extra is not None
    with pytest.raises(TypeError):
        extra["Injected"] = 1  # type: ignore[index]
    assert hash(model) == hash(sm.ProductionVariant.from_response(model.to_boto()))


def test_a_value_outside_json_is_not_kept_as_an_unknown_member() -> None:
    with pytest.raises(ShapeValidationError, match=r"Zz: .* is a set"):
        sm.ProductionVariant.from_response({"VariantName": "a", "Zz": {1, 2}})


def test_an_error_about_any_value_pickles() -> None:
    # A worker process raising it must be able to send it back.
    def numbers() -> Any:
        yield 1

    with pytest.raises(ShapeValidationError) as caught:
        sm.ProductionVariant.from_boto({"VariantName": numbers(), "ModelName": 5})
    copied = pickle.loads(pickle.dumps(caught.value))
    assert str(copied) == str(caught.value)
    assert [e.value for e in copied.errors][1] == 5


def test_a_response_that_omits_a_required_list_dumps() -> None:
    capture = sm.DataCaptureConfig.from_response({"EnableCapture": True})
    assert capture.capture_options is None
    assert json.loads(capture.model_dump_json(by_alias=True))["CaptureOptions"] is None
    assert capture.to_boto() == {"EnableCapture": True}


def test_a_frozen_map_cannot_be_initialised_again() -> None:
    environment = sm.ContainerDefinition(environment={"A": "b"}).environment
    assert environment is not None
    with pytest.raises(AttributeError):
        FrozenMap.__init__(environment, {"A": "evil"})
    assert environment == {"A": "b"}


class Loose(BaseModel):
    """A caller's own pydantic model: mutable."""

    x: int = 1


def test_a_mutable_model_is_not_kept_as_an_unknown_member() -> None:
    with pytest.raises(ShapeValidationError, match="is a Loose"):
        sm.ProductionVariant.from_response({"VariantName": "a", "Zz": Loose()})
    kept = sm.ProductionVariant.from_response(
        {"VariantName": "a", "Zz": sm.Tag(key="k", value="v")}
    )
    # kept as what the wire carries, so that to_boto() reads back equal
    assert kept.model_extra == {"Zz": {"Key": "k", "Value": "v"}}
    assert sm.ProductionVariant.from_response(kept.to_boto()) == kept
