"""``check_deployment`` and ``plan_deployment`` take boto3's dicts as well as the models, and
answer every input: findings, a plan, or a ``ShapeValidationError`` naming the path."""

from __future__ import annotations

from typing import Any

import pytest

from botoshapes import ShapeValidationError
from botoshapes.sagemaker import (
    CreateEndpointConfigInput,
    CreateEndpointInput,
    DescribeEndpointConfigOutput,
    DescribeEndpointOutput,
    UpdateEndpointInput,
)
from botoshapes.sagemaker.deploy import check_deployment, plan_deployment
from botoshapes.sagemaker.deploy.inputs import operation_of, request_of
from tests.deploy_states import canary, config, endpoint, linear, rolling, update, variant

OLD = [variant("blue", 4)]
NEW = [variant("blue", 4, "ml.c5.xlarge")]


def _state() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    return endpoint("prod-v1", *OLD), config("prod-v1", *OLD), config("prod-v2", *NEW)


def _models(
    request: dict[str, Any],
) -> tuple[UpdateEndpointInput, DescribeEndpointOutput, DescribeEndpointConfigOutput, Any]:
    state, current, new = _state()
    return (
        UpdateEndpointInput.from_boto(request),
        DescribeEndpointOutput.from_response(state),
        DescribeEndpointConfigOutput.from_response(current),
        DescribeEndpointConfigOutput.from_response(new),
    )


@pytest.mark.parametrize(
    "deployment",
    [canary(25), linear(1, "INSTANCE_COUNT"), rolling(25), None],
    ids=["canary", "linear", "rolling", "none"],
)
def test_dicts_give_what_the_models_give(deployment: dict[str, Any] | None) -> None:
    request = update(deployment)
    assert check_deployment(request, *_state()) == check_deployment(*_models(request))
    assert plan_deployment(request, *_state()) == plan_deployment(*_models(request))


def test_a_broken_rule_in_a_dict_is_a_finding_and_the_plan_refuses_it() -> None:
    """It was silently ``()``: the rules matched on model classes only."""
    found = check_deployment(update(canary(80)))
    assert [(f.level, f.rule, f.path) for f in found] == [
        (
            "error",
            "canary-size",
            "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize.Value",
        )
    ]
    with pytest.raises(ShapeValidationError, match=r"CanarySize\.Value: 80 .*canary-size"):
        plan_deployment(update(canary(80)), *_state())


@pytest.mark.parametrize(
    ("request_", "path"),
    [
        (update(canary(10, MaximumExecutionTimeoutInSeconds=240)), "MaximumExecutionTimeout"),
        (update(canary(10, "CAPACITY_PERCENTAGE")), "CanarySize.Type"),
        ({"EndpointName": 3, "EndpointConfigName": "prod-v2"}, "EndpointName"),
        ("prod", "UpdateEndpointInput"),
        (None, "UpdateEndpointInput"),
    ],
    ids=["timeout below 600", "misspelt type", "wrong type", "text", "None"],
)
def test_a_request_that_breaks_the_model_is_refused_at_its_path(request_: Any, path: str) -> None:
    with pytest.raises(ShapeValidationError) as caught:
        check_deployment(request_)
    assert any(path in (e.path or "UpdateEndpointInput") for e in caught.value.errors)


def test_state_that_is_neither_a_model_nor_a_dict_is_refused_by_name() -> None:
    """What an untyped caller can pass (mypy refuses these calls)."""
    state, current, new = _state()
    with pytest.raises(ShapeValidationError, match="a str is not a DescribeEndpointOutput"):
        check_deployment(update(canary(10)), "prod", current, new)  # type: ignore[arg-type]
    with pytest.raises(ShapeValidationError, match="a list is not a DescribeEndpointConfigOutput"):
        plan_deployment(update(canary(10)), state, [current], new)  # type: ignore[arg-type]
    wrong = CreateEndpointConfigInput.from_boto(_create_config())
    with pytest.raises(ShapeValidationError, match="not a request of UpdateEndpointInput"):
        plan_deployment(wrong, state, current, new)  # type: ignore[arg-type]


def _create_config() -> dict[str, Any]:
    return {"EndpointConfigName": "prod-v2", "ProductionVariants": NEW}


def test_the_new_config_is_a_response_or_a_create_request() -> None:
    """Only the service writes ``EndpointConfigArn`` and ``CreationTime``: without them, a
    CreateEndpointConfig request, read strictly."""
    state, current, _ = _state()
    request = update(canary(25))
    assert plan_deployment(request, state, current, _create_config()) == plan_deployment(
        request, state, current, CreateEndpointConfigInput.from_boto(_create_config())
    )
    bad = {**_create_config(), "ProductionVariants": [{**NEW[0], "InitialInstanceCount": "2"}]}
    with pytest.raises(ShapeValidationError, match="InitialInstanceCount"):
        check_deployment(request, state, current, bad)


def test_which_request_a_dict_is() -> None:
    named = {"EndpointName": "prod", "EndpointConfigName": "prod-v2"}
    tags = {**named, "Tags": [{"Key": "team", "Value": "ml"}]}
    assert operation_of(named) == "UpdateEndpoint"
    assert operation_of(tags) == "CreateEndpoint"
    assert operation_of({**named, "RetainDeploymentConfig": True}) == "UpdateEndpoint"
    assert operation_of(named, "CreateEndpoint") == "CreateEndpoint"
    assert isinstance(request_of(tags), CreateEndpointInput)
    assert isinstance(request_of(named, "CreateEndpoint"), CreateEndpointInput)
    # a CreateEndpoint request has no fleet to check: its request rules only
    assert check_deployment({**tags, "DeploymentConfig": canary(80)}, *_state()) != ()
    assert check_deployment({**tags, "DeploymentConfig": rolling(25)}, *_state()) == ()
