"""The facade over real HTTP against the local SageMaker (moto in server mode, extended).

The create/describe/list/delete calls used here are moto's; updates and the
statuses they go through are ``test_local_server``'s, and what a server can
only be made to do by hand (throttling, odd responses) ``test_facade_stubbed``'s
with botocore's Stubber.
"""

from __future__ import annotations

import pytest

from botoshapes import ShapeValidationError
from botoshapes.sagemaker import (
    ContainerDefinition,
    CreateEndpointConfigInput,
    DescribeEndpointInput,
    DescribeEndpointOutput,
    EndpointStatus,
    EndpointSummary,
    ProductionVariant,
    SageMakerClient,
)
from botoshapes.sagemaker.errors import SageMakerError, ValidationException
from tests.moto_server import LocalSageMaker

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/model:1"


def _deploy(sm: SageMakerClient, name: str) -> None:
    sm.create_model(
        model_name=f"{name}-model",
        execution_role_arn=ROLE,
        primary_container=ContainerDefinition(image=IMAGE),
    )
    sm.create_endpoint_config(
        CreateEndpointConfigInput(
            endpoint_config_name=f"{name}-config",
            production_variants=[
                ProductionVariant(
                    variant_name="blue",
                    model_name=f"{name}-model",
                    instance_type="ml.m5.large",
                    initial_instance_count=2,
                    initial_variant_weight=0.9,
                ),
                ProductionVariant(
                    variant_name="green",
                    model_name=f"{name}-model",
                    instance_type="ml.c5.xlarge",
                    initial_instance_count=1,
                    initial_variant_weight=0.1,
                ),
            ],
        )
    )
    sm.create_endpoint(endpoint_name=name, endpoint_config_name=f"{name}-config")


def test_create_describe_list_wait_delete(local_sagemaker: LocalSageMaker) -> None:
    sm = local_sagemaker.client()
    _deploy(sm, "prod")

    described = sm.describe_endpoint(endpoint_name="prod")
    assert isinstance(described, DescribeEndpointOutput)
    assert described.endpoint_status is EndpointStatus.IN_SERVICE
    variants = {v.variant_name: v for v in described.production_variants or ()}
    assert set(variants) == {"blue", "green"}
    assert variants["blue"].current_weight == pytest.approx(0.9)

    ready = sm.wait_until_endpoint_in_service(endpoint_name="prod", delay=0)
    assert ready is not None
    assert ready.endpoint_arn == described.endpoint_arn

    listed = list(sm.paginate_list_endpoints())
    assert [type(e) for e in listed] == [EndpointSummary]
    assert listed[0].endpoint_name == "prod"

    sm.delete_endpoint(endpoint_name="prod")
    assert sm.wait_until_endpoint_deleted(endpoint_name="prod", delay=0) is None
    assert list(sm.paginate_list_endpoints()) == []
    assert local_sagemaker.sent == [
        "CreateModel",
        "CreateEndpointConfig",
        "CreateEndpoint",
        "DescribeEndpoint",
        "DescribeEndpoint",
        "ListEndpoints",
        "DeleteEndpoint",
        "DescribeEndpoint",
        "ListEndpoints",
    ]


def test_pages_are_fetched_lazily_one_call_each(local_sagemaker: LocalSageMaker) -> None:
    sm = local_sagemaker.client()
    for name in ("a", "b", "c"):
        _deploy(sm, name)
    local_sagemaker.sent.clear()

    items = iter(sm.paginate_list_endpoints(page_size=1))
    assert local_sagemaker.sent == []  # nothing is sent before iteration
    first = next(items)
    assert local_sagemaker.sent == ["ListEndpoints"]
    rest = list(items)
    names = sorted(e.endpoint_name or "" for e in [first, *rest])
    assert names == ["a", "b", "c"]
    # One call per page, no describe per item.
    assert local_sagemaker.sent == ["ListEndpoints"] * 3

    local_sagemaker.sent.clear()
    pages = list(sm.paginate_list_endpoints(page_size=2).pages())
    assert [len(p.endpoints or ()) for p in pages] == [2, 1]
    assert local_sagemaker.sent == ["ListEndpoints"] * 2


def test_a_missing_endpoint_raises_the_mapped_error(local_sagemaker: LocalSageMaker) -> None:
    sm = local_sagemaker.client()
    with pytest.raises(ValidationException) as caught:
        sm.describe_endpoint(endpoint_name="missing")
    error = caught.value
    assert isinstance(error, SageMakerError)
    assert error.code == "ValidationException"
    assert error.operation == "DescribeEndpoint"
    assert "missing" in error.message
    assert error.request_id
    assert error.http_status == 400
    assert type(error.__cause__).__name__ == "ClientError"


def test_an_invalid_request_raises_before_anything_is_sent(
    local_sagemaker: LocalSageMaker,
) -> None:
    sm = local_sagemaker.client()
    with pytest.raises(ShapeValidationError, match=r"EndpointName: 'bad_name!'"):
        sm.create_endpoint(endpoint_name="bad_name!", endpoint_config_name="c")
    with pytest.raises(ShapeValidationError, match=r"VariantName: 'blue green'"):
        sm.create_endpoint_config(
            endpoint_config_name="c",
            production_variants=[{"variant_name": "blue green"}],  # type: ignore[list-item]
        )
    with pytest.raises(ShapeValidationError, match="NameContains"):
        sm.paginate_list_endpoints(name_contains="x" * 64)
    with pytest.raises(
        ShapeValidationError, match=r"a dict is not a DescribeEndpointInput; .*from_boto"
    ):
        sm.describe_endpoint({"EndpointName": "prod"})  # type: ignore[call-overload]
    with pytest.raises(ShapeValidationError, match="not both"):
        sm.describe_endpoint(DescribeEndpointInput(endpoint_name="p"), endpoint_name="p")  # type: ignore[call-overload]
    with pytest.raises(ShapeValidationError, match="a str is not"):
        sm.describe_endpoint("prod")  # type: ignore[call-overload]
    assert local_sagemaker.sent == []
