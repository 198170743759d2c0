"""``wait_for_inference_component_deployment`` on responses botocore's Stubber checks against
the real output shape: what the service may add is not a rollback; what it takes back is."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from botoshapes.sagemaker import SageMakerClient
from botoshapes.sagemaker.errors import ComponentDeploymentFailedError, ComponentRolledBackError

ARN = "arn:aws:sagemaker:us-east-1:123456789012"
SENT = {
    "InferenceComponentName": "chat",
    "Specification": {
        "Container": {"Image": "1.dkr.ecr/tgi:2", "Environment": {"HF_MODEL_ID": "new"}},
        "ComputeResourceRequirements": {
            "NumberOfAcceleratorDevicesRequired": 1,
            "MinMemoryRequiredInMb": 1024,
        },
    },
}


@pytest.fixture
def stubbed() -> Iterator[tuple[SageMakerClient, Stubber]]:
    client = boto3.client(
        "sagemaker", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    with Stubber(client) as stubber:
        yield SageMakerClient(client), stubber
        stubber.assert_no_pending_responses()


def described(
    status: str, specification: dict[str, Any], desired: int = 2, current: int = 2
) -> dict[str, Any]:
    return {
        "InferenceComponentName": "chat",
        "InferenceComponentArn": f"{ARN}:inference-component/chat",
        "EndpointName": "llm",
        "EndpointArn": f"{ARN}:endpoint/llm",
        "VariantName": "main",
        "RuntimeConfig": {"DesiredCopyCount": desired, "CurrentCopyCount": current},
        "CreationTime": "2026-12-01T00:00:00Z",
        "LastModifiedTime": "2026-12-01T00:00:00Z",
        "InferenceComponentStatus": status,
        "Specification": specification,
    }


def shown(image: str, environment: dict[str, str], devices: float = 1.0) -> dict[str, Any]:
    """A specification as DescribeInferenceComponent shows one."""
    return {
        "Container": {
            "DeployedImage": {"SpecifiedImage": image, "ResolvedImage": f"{image}@sha256:0"},
            "Environment": environment,
        },
        "ComputeResourceRequirements": {
            "NumberOfAcceleratorDevicesRequired": devices,
            "MinMemoryRequiredInMb": 1024,
        },
    }


def _wait(sm: SageMakerClient, stubber: Stubber, *responses: dict[str, Any], **kw: Any) -> Any:
    for response in responses:
        stubber.add_response(
            "describe_inference_component", response, {"InferenceComponentName": "chat"}
        )
    return sm.wait_for_inference_component_deployment(
        "chat", on_change=lambda _: None, delay=0, sleep=lambda _: None, **kw
    )


def test_what_the_service_adds_is_not_a_rollback(
    stubbed: tuple[SageMakerClient, Stubber],
) -> None:
    """A variable the service adds to the environment, the resolved image, 1 as 1.0."""
    sm, stubber = stubbed
    after = shown("1.dkr.ecr/tgi:2", {"HF_MODEL_ID": "new", "SM_ADDED": "1"})
    old = shown("1.dkr.ecr/tgi:1", {"HF_MODEL_ID": "old"})
    final = _wait(sm, stubber, described("Updating", old), described("InService", after), sent=SENT)
    assert final.inference_component_status == "InService"


def test_what_the_service_takes_back_is_a_rollback(
    stubbed: tuple[SageMakerClient, Stubber],
) -> None:
    sm, stubber = stubbed
    old = shown("1.dkr.ecr/tgi:1", {"HF_MODEL_ID": "old"})
    with pytest.raises(ComponentRolledBackError) as caught:
        _wait(sm, stubber, described("Updating", old), described("InService", old), sent=SENT)
    assert caught.value.differences == (
        "Specification.Container.Image",
        "Specification.Container.Environment.HF_MODEL_ID",
    )


def test_specifications_are_matched_by_instance_type(
    stubbed: tuple[SageMakerClient, Stubber],
) -> None:
    sm, stubber = stubbed
    one = {"InstanceType": "ml.g5.xlarge", "ModelName": "a"}
    two = {"InstanceType": "ml.g6.xlarge", "ModelName": "b"}
    sent = {"InferenceComponentName": "chat", "Specifications": [one, two]}
    running = described("InService", {})
    del running["Specification"]
    running["Specifications"] = [two, one]  # the service's order
    assert _wait(sm, stubber, running, sent=sent).inference_component_status == "InService"


def test_a_copy_count_taken_back_is_a_rollback(stubbed: tuple[SageMakerClient, Stubber]) -> None:
    """An update of the copy count alone: its count is what the waiter waits for."""
    sm, stubber = stubbed
    spec = shown("1.dkr.ecr/tgi:1", {})
    sent = {"InferenceComponentName": "chat", "RuntimeConfig": {"CopyCount": 3}}
    with pytest.raises(ComponentRolledBackError) as caught:
        _wait(
            sm,
            stubber,
            described("Updating", spec, desired=3),
            described("InService", spec, desired=1, current=1),
            sent=sent,
        )
    assert caught.value.differences == ("RuntimeConfig.DesiredCopyCount",)


def test_a_missing_deployed_image_is_told_not_crashed_on(
    stubbed: tuple[SageMakerClient, Stubber],
) -> None:
    sm, stubber = stubbed
    bare = shown("x", {"HF_MODEL_ID": "new"})
    del bare["Container"]["DeployedImage"]
    with pytest.raises(ComponentRolledBackError) as caught:
        _wait(sm, stubber, described("Updating", bare), described("InService", bare), sent=SENT)
    assert caught.value.differences == ("Specification.Container.Image",)


def test_a_failed_component_raises_with_its_reason(
    stubbed: tuple[SageMakerClient, Stubber],
) -> None:
    sm, stubber = stubbed
    failed = described("Failed", shown("x", {}), current=0) | {"FailureReason": "no capacity"}
    with pytest.raises(ComponentDeploymentFailedError) as caught:
        _wait(sm, stubber, failed, sent=SENT)
    assert caught.value.failure_reason == "no capacity"
