"""What moto cannot show: updates with deployment policies, statuses that change, failures.

botocore's Stubber checks every request against the real input shape and
answers with the responses queued here; nothing leaves the process.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from botoshapes import ShapeValidationError
from botoshapes.sagemaker import (
    Alarm,
    AutoRollbackConfig,
    BlueGreenUpdatePolicy,
    CapacitySize,
    CreateEndpointInput,
    DeploymentConfig,
    DeploymentEvent,
    RollingUpdatePolicy,
    SageMakerClient,
    TrafficRoutingConfig,
)
from botoshapes.sagemaker.errors import (
    DeploymentFailedError,
    DeploymentRolledBackError,
    DeploymentTimeoutError,
    ResourceNotFound,
    ThrottlingException,
    WaitFailedError,
    WaitTimeoutError,
)

ARN = "arn:aws:sagemaker:us-east-1:123456789012:endpoint/prod"
T0 = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
ROLLBACK = AutoRollbackConfig(alarms=[Alarm(alarm_name="p99-latency")])
ROLLBACK_WIRE = {"Alarms": [{"AlarmName": "p99-latency"}]}


@pytest.fixture
def stubbed() -> Iterator[tuple[SageMakerClient, Stubber]]:
    client = boto3.client(
        "sagemaker",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    with Stubber(client) as stubber:
        yield SageMakerClient(client), stubber
        stubber.assert_no_pending_responses()


def _update(stubber: Stubber, deployment: dict[str, Any]) -> None:
    stubber.add_response(
        "update_endpoint",
        {"EndpointArn": ARN},
        expected_params={
            "EndpointName": "prod",
            "EndpointConfigName": "prod-v2",
            "DeploymentConfig": deployment,
        },
    )


def test_canary_update_sends_the_exact_wire_dict(stubbed: tuple[SageMakerClient, Stubber]) -> None:
    sm, stubber = stubbed
    _update(
        stubber,
        {
            "BlueGreenUpdatePolicy": {
                "TrafficRoutingConfiguration": {
                    "Type": "CANARY",
                    "WaitIntervalInSeconds": 600,
                    "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 10},
                },
                "TerminationWaitInSeconds": 0,
                "MaximumExecutionTimeoutInSeconds": 1800,
            },
            "AutoRollbackConfiguration": ROLLBACK_WIRE,
        },
    )
    canary = DeploymentConfig(
        blue_green_update_policy=BlueGreenUpdatePolicy(
            traffic_routing_configuration=TrafficRoutingConfig(
                type="CANARY",
                wait_interval_in_seconds=600,
                canary_size=CapacitySize(type="CAPACITY_PERCENT", value=10),
            ),
            termination_wait_in_seconds=0,  # a zero is sent, not dropped
            maximum_execution_timeout_in_seconds=1800,
        ),
        auto_rollback_configuration=ROLLBACK,
    )
    out = sm.update_endpoint(
        endpoint_name="prod", endpoint_config_name="prod-v2", deployment_config=canary
    )
    assert out.endpoint_arn == ARN


def test_linear_update_sends_the_exact_wire_dict(stubbed: tuple[SageMakerClient, Stubber]) -> None:
    sm, stubber = stubbed
    _update(
        stubber,
        {
            "BlueGreenUpdatePolicy": {
                "TrafficRoutingConfiguration": {
                    "Type": "LINEAR",
                    "WaitIntervalInSeconds": 300,
                    "LinearStepSize": {"Type": "CAPACITY_PERCENT", "Value": 20},
                },
            },
            "AutoRollbackConfiguration": ROLLBACK_WIRE,
        },
    )
    linear = (
        TrafficRoutingConfig.builder()
        .type("LINEAR")
        .wait_interval_in_seconds(300)
        .linear_step_size(CapacitySize(type="CAPACITY_PERCENT", value=20))
        .build()
    )
    sm.update_endpoint(
        endpoint_name="prod",
        endpoint_config_name="prod-v2",
        deployment_config=DeploymentConfig(
            blue_green_update_policy=BlueGreenUpdatePolicy(traffic_routing_configuration=linear),
            auto_rollback_configuration=ROLLBACK,
        ),
    )


def test_rolling_update_sends_the_exact_wire_dict(stubbed: tuple[SageMakerClient, Stubber]) -> None:
    sm, stubber = stubbed
    _update(
        stubber,
        {
            "RollingUpdatePolicy": {
                "MaximumBatchSize": {"Type": "INSTANCE_COUNT", "Value": 1},
                "WaitIntervalInSeconds": 300,
                "MaximumExecutionTimeoutInSeconds": 3600,
                "RollbackMaximumBatchSize": {"Type": "CAPACITY_PERCENT", "Value": 50},
            },
        },
    )
    rolling = RollingUpdatePolicy(
        maximum_batch_size=CapacitySize(type="INSTANCE_COUNT", value=1),
        wait_interval_in_seconds=300,
        maximum_execution_timeout_in_seconds=3600,
        rollback_maximum_batch_size=CapacitySize(type="CAPACITY_PERCENT", value=50),
    )
    sm.update_endpoint(
        endpoint_name="prod",
        endpoint_config_name="prod-v2",
        deployment_config=DeploymentConfig(rolling_update_policy=rolling),
    )


def _endpoint(status: str, **more: Any) -> dict[str, Any]:
    return {
        "EndpointName": "prod",
        "EndpointArn": ARN,
        "EndpointStatus": status,
        "CreationTime": T0,
        "LastModifiedTime": T0,
        **more,
    }


def _variant(name: str, status: str, **more: Any) -> dict[str, Any]:
    return {"VariantName": name, "VariantStatus": [{"Status": status, "StartTime": T0}], **more}


def _describes(stubber: Stubber, *responses: dict[str, Any]) -> None:
    for response in responses:
        stubber.add_response("describe_endpoint", response, {"EndpointName": "prod"})


def _pending(*variants: dict[str, Any]) -> dict[str, Any]:
    return {
        "PendingDeploymentSummary": {
            "EndpointConfigName": "prod-v2",
            "ProductionVariants": list(variants),
        }
    }


def deployment_describes() -> list[dict[str, Any]]:
    """A deployment as DescribeEndpoint shows it, poll by poll (``test_local_server`` checks
    these against what the local server returns)."""
    blue = _variant("blue", "Creating")
    return [
        _endpoint("Creating", ProductionVariants=[blue]),
        _endpoint("Updating", ProductionVariants=[blue], **_pending(_variant("blue", "Creating"))),
        _endpoint(
            "Updating",
            ProductionVariants=[blue],
            **_pending(_variant("blue", "ActivatingTraffic", DesiredWeight=0.1)),
        ),
        _endpoint("Updating", ProductionVariants=[blue], **_pending(_variant("blue", "Baking"))),
        _endpoint("Updating", ProductionVariants=[blue], **_pending(_variant("blue", "Baking"))),
        _endpoint("InService", ProductionVariants=[_variant("blue", "Baking")]),
    ]


def test_deployment_waiter_reports_every_stage(stubbed: tuple[SageMakerClient, Stubber]) -> None:
    sm, stubber = stubbed
    _describes(stubber, *deployment_describes())
    events: list[DeploymentEvent] = []
    final = sm.wait_for_endpoint_deployment("prod", on_change=events.append, delay=0)
    assert final.endpoint_status == "InService"
    assert [(e.variant, e.pending, e.status) for e in events] == [
        (None, False, "Creating"),
        ("blue", False, "Creating"),
        (None, False, "Updating"),
        ("blue", True, "Creating"),
        ("blue", True, "ActivatingTraffic"),
        ("blue", True, "Baking"),
        (None, False, "InService"),
        ("blue", False, "Baking"),
    ]
    assert str(events[3]) == "[    0s] variant blue (new): Creating"


def _history(*statuses: str) -> list[dict[str, Any]]:
    return [
        {"Status": status, "StartTime": T0 + timedelta(minutes=k)}
        for k, status in enumerate(statuses)
    ]


def test_deployment_waiter_reports_statuses_that_passed_between_polls(
    stubbed: tuple[SageMakerClient, Stubber],
) -> None:
    sm, stubber = stubbed
    green = {"VariantName": "green"}
    _describes(
        stubber,
        _endpoint("Updating", **_pending({**green, "VariantStatus": _history("Creating")})),
        _endpoint(
            "Updating",
            **_pending(
                {**green, "VariantStatus": _history("Creating", "ActivatingTraffic", "Baking")}
            ),
        ),
        _endpoint("InService", EndpointConfigName="prod-v2"),
    )
    events: list[DeploymentEvent] = []
    sm.wait_for_endpoint_deployment("prod", on_change=events.append, delay=0)
    assert [(e.variant, e.status, e.started) for e in events] == [
        (None, "Updating", None),
        ("green", "Creating", T0),
        ("green", "ActivatingTraffic", T0 + timedelta(minutes=1)),
        ("green", "Baking", T0 + timedelta(minutes=2)),
        (None, "InService", None),
    ]


def test_deployment_waiter_sees_a_rollback_it_did_not_poll(
    stubbed: tuple[SageMakerClient, Stubber],
) -> None:
    sm, stubber = stubbed
    _describes(
        stubber,
        _endpoint("Updating", **_pending(_variant("blue", "Baking"))),
        _endpoint(
            "InService", EndpointConfigName="prod-v1", FailureReason="Alarm p99-latency went off"
        ),
    )
    with pytest.raises(DeploymentRolledBackError, match="in service on prod-v1, not prod-v2"):
        sm.wait_for_endpoint_deployment("prod", on_change=lambda e: None, delay=0)
    # a rollback over before the first poll: only the config asked for tells
    back = _endpoint("InService", EndpointConfigName="prod-v1", FailureReason="Alarm went off")
    _describes(stubber, back, back)
    assert sm.wait_for_endpoint_deployment("prod", delay=0).endpoint_config_name == "prod-v1"
    with pytest.raises(DeploymentRolledBackError, match="Alarm went off"):
        sm.wait_for_endpoint_deployment("prod", endpoint_config_name="prod-v2", delay=0)


def test_deployment_waiter_raises_on_rollback(stubbed: tuple[SageMakerClient, Stubber]) -> None:
    sm, stubber = stubbed
    _describes(
        stubber,
        _endpoint("Updating", **_pending(_variant("green", "Baking"))),
        _endpoint("RollingBack", FailureReason="Alarm p99-latency went off"),
    )
    with pytest.raises(DeploymentRolledBackError, match="rolled back \\(RollingBack\\)") as caught:
        sm.wait_for_endpoint_deployment("prod", on_change=lambda e: None, delay=0)
    assert caught.value.failure_reason == "Alarm p99-latency went off"
    assert caught.value.endpoint.endpoint_status == "RollingBack"


def test_deployment_waiter_raises_on_failure_and_timeout(
    stubbed: tuple[SageMakerClient, Stubber],
) -> None:
    sm, stubber = stubbed
    _describes(stubber, _endpoint("Failed", FailureReason="image not found"))
    with pytest.raises(DeploymentFailedError, match="image not found") as failed:
        sm.wait_for_endpoint_deployment("prod", on_change=print, delay=0)
    assert not isinstance(failed.value, DeploymentRolledBackError)

    _describes(stubber, _endpoint("Updating"), _endpoint("Updating"))
    ticks = iter([0.0, 0.0, 40.0, 80.0])
    with pytest.raises(DeploymentTimeoutError, match="still Updating after 40 s"):
        sm.wait_for_endpoint_deployment(
            "prod",
            on_change=print,
            delay=30,
            timeout=60,
            sleep=lambda _: None,
            clock=lambda: next(ticks),
        )


def test_waiters_follow_the_acceptors(stubbed: tuple[SageMakerClient, Stubber]) -> None:
    sm, stubber = stubbed
    _describes(stubber, _endpoint("Creating"), _endpoint("Failed"))
    with pytest.raises(WaitFailedError, match="EndpointInService"):
        sm.wait_until_endpoint_in_service(endpoint_name="prod", delay=0)

    _describes(stubber, _endpoint("Creating"), _endpoint("Creating"))
    with pytest.raises(WaitTimeoutError, match="after 2 attempts"):
        sm.wait_until_endpoint_in_service(endpoint_name="prod", delay=0, max_attempts=2)

    stubber.add_client_error("describe_image", "ResourceNotFound", "gone", 400)
    assert sm.wait_until_image_deleted(image_name="img", delay=0) is None

    stubber.add_client_error("describe_endpoint", "ThrottlingException", "slow down", 400)
    with pytest.raises(ThrottlingException):
        sm.wait_until_endpoint_in_service(endpoint_name="prod", delay=0)


def test_modelled_errors_map_to_their_class(stubbed: tuple[SageMakerClient, Stubber]) -> None:
    sm, stubber = stubbed
    stubber.add_client_error(
        "delete_model_package",
        "ResourceNotFound",
        "no such package",
        404,
        response_meta={"RequestId": "r-1"},
    )
    with pytest.raises(ResourceNotFound) as caught:
        sm.delete_model_package(model_package_name="pkg")
    assert (caught.value.code, caught.value.message, caught.value.request_id) == (
        "ResourceNotFound",
        "no such package",
        "r-1",
    )


def test_paginators_send_the_token_of_the_previous_page(
    stubbed: tuple[SageMakerClient, Stubber],
) -> None:
    sm, stubber = stubbed
    summary = {
        "EndpointArn": ARN,
        "CreationTime": T0,
        "LastModifiedTime": T0,
        "EndpointStatus": "InService",
    }
    stubber.add_response(
        "list_endpoints",
        {"Endpoints": [{"EndpointName": "a", **summary}], "NextToken": "t1"},
        {"MaxResults": 1},
    )
    stubber.add_response(
        "list_endpoints",
        {"Endpoints": [{"EndpointName": "b", **summary}]},
        {"MaxResults": 1, "NextToken": "t1"},
    )
    names = [e.endpoint_name for e in sm.paginate_list_endpoints(page_size=1)]
    assert names == ["a", "b"]


@pytest.mark.parametrize(
    "settings",
    [
        {"max_attempts": "3"},
        {"max_attempts": 2.5},
        {"max_attempts": 0},
        {"delay": -1},
        {"delay": 10**400},
        {"delay": float("nan")},
        {"max_attempts": True},
    ],
    ids=repr,
)
def test_waiter_settings_are_checked_before_polling(
    stubbed: tuple[SageMakerClient, Stubber], settings: dict[str, Any]
) -> None:
    sm, stubber = stubbed
    with pytest.raises(ShapeValidationError, match=next(iter(settings))):
        sm.wait_until_endpoint_in_service(endpoint_name="e", **settings)
    with pytest.raises(ShapeValidationError):
        sm.wait_for_endpoint_deployment("e", delay=settings.get("delay", "x"))
    stubber.assert_no_pending_responses()


def test_a_request_from_a_response_is_checked_before_it_is_sent(
    stubbed: tuple[SageMakerClient, Stubber],
) -> None:
    sagemaker, _ = stubbed  # nothing queued: a request that reached botocore would fail there
    read = CreateEndpointInput.from_response({"EndpointName": "bad name!", "Bogus": 1})
    with pytest.raises(ShapeValidationError) as caught:
        sagemaker.create_endpoint(read)
    paths = sorted(e.path for e in caught.value.errors)
    assert paths == ["Bogus", "EndpointConfigName", "EndpointName"]
