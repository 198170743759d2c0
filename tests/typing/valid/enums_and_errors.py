"""Enum members are strings; validation errors say where; checks can be relaxed."""

from typing import Any, assert_type

import botoshapes
from botoshapes import InvalidValue, ShapeValidationError
from botoshapes.sagemaker import (
    DescribeEndpointOutput,
    EndpointStatus,
    ProductionVariant,
    ProductionVariantInstanceType,
)

status = EndpointStatus.IN_SERVICE
text: str = status
equal: bool = status == "InService"
value: str = status.value
known: bool = status.is_known
parsed = EndpointStatus("Creating")
unlisted = EndpointStatus.from_wire("Paused")
assert_type(unlisted, EndpointStatus)
large = [t for t in ProductionVariantInstanceType if t.endswith(".24xlarge")]
assert_type(large, list[ProductionVariantInstanceType])
ready: dict[EndpointStatus, str] = {EndpointStatus.IN_SERVICE: "ready"}
shouting: str = EndpointStatus.FAILED.upper()


def describe(status: EndpointStatus | None) -> str:
    match status:
        case EndpointStatus.IN_SERVICE:
            return "ready"
        case EndpointStatus.FAILED | EndpointStatus.UPDATE_ROLLBACK_FAILED:
            return "broken"
        case None:
            return "unknown"
        case _:
            return status.value.lower()


def problems(boto_request: dict[str, Any]) -> list[str]:
    try:
        ProductionVariant.from_boto(boto_request)
    except ShapeValidationError as error:
        found: tuple[InvalidValue, ...] = error.errors
        return [f"{p.path}: {p.message}" for p in found]
    return []


with botoshapes.constraint_checks(False):
    relaxed = ProductionVariant(variant_name="x" * 100)

endpoint = DescribeEndpointOutput.from_response({"EndpointStatus": "InService"})
if endpoint.endpoint_status is not None and endpoint.endpoint_status.is_known:
    print(describe(endpoint.endpoint_status))
if endpoint.creation_time is not None:
    print(endpoint.creation_time.isoformat())
