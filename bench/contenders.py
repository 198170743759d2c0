"""The same two jobs done by each contender.

``round_trip``: a ``DescribeEndpoint`` response dict in, a typed object, the
wire dict out. ``validate``: a ``CreateEndpointConfig`` request dict checked
(and, where the contender has models, turned into them and back).

The peers are imported by name: they are installed in the bench environment
only, never next to the package.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from botoshapes.sagemaker import CreateEndpointConfigInput, DescribeEndpointOutput

from .floor import floor_model
from .payloads import CREATE_ENDPOINT_CONFIG, DESCRIBE_ENDPOINT

Job = Callable[[], Any]


@dataclass(frozen=True)
class Contender:
    name: str
    round_trip: Job | None
    validate: Job | None
    checks: str
    """What ``validate`` checks, for the table."""
    inexact: str = "drops `0`/`False`"
    """How its round trip differs from the response, if it does."""


def botoshapes() -> Contender:
    def round_trip() -> Any:
        return DescribeEndpointOutput.from_response(DESCRIBE_ENDPOINT).to_boto()

    def validate() -> Any:
        return CreateEndpointConfigInput.from_boto(CREATE_ENDPOINT_CONFIG)

    return Contender(
        "botoshapes",
        round_trip,
        validate,
        "types, required, unknown members, enums, min/max, patterns",
    )


def sagemaker_core() -> Contender:
    codec = importlib.import_module("sagemaker.core.utils.code_injection.codec")
    utils = importlib.import_module("sagemaker.core.utils.utils")
    endpoint = importlib.import_module("sagemaker.core.resources").Endpoint
    variant = importlib.import_module("sagemaker.core.shapes").ProductionVariant
    transform, serialize = codec.transform, utils.serialize

    # What its Endpoint.get() does with the response, then its request serializer.
    def round_trip() -> Any:
        return serialize(endpoint(**transform(DESCRIBE_ENDPOINT, "DescribeEndpointOutput")))

    # What EndpointConfig.create() does: shapes in, serialize() out.
    def validate() -> Any:
        request = dict(CREATE_ENDPOINT_CONFIG)
        request["ProductionVariants"] = [
            variant(**transform(v, "ProductionVariant"))
            for v in CREATE_ENDPOINT_CONFIG["ProductionVariants"]
        ]
        return serialize(request)

    return Contender("sagemaker-core", round_trip, validate, "types, required")


def param_validator() -> Contender:
    session = importlib.import_module("botocore.session").get_session()
    validator = importlib.import_module("botocore.validate").ParamValidator()
    shape = session.get_service_model("sagemaker").operation_model("CreateEndpointConfig")
    input_shape = shape.input_shape

    def validate() -> Any:
        report = validator.validate(CREATE_ENDPOINT_CONFIG, input_shape)
        if report.has_errors():
            raise ValueError(report.generate_report())
        return report

    return Contender(
        "botocore ParamValidator", None, validate, "types, required, unknown members, min"
    )


def pydantic_floor() -> Contender:
    model = floor_model()

    def round_trip() -> Any:
        return model.model_validate(DESCRIBE_ENDPOINT).model_dump(by_alias=True, exclude_unset=True)

    return Contender(
        FLOOR,
        round_trip,
        None,
        "",
        "enums come back as `Enum` members; unknown members dropped",
    )


FLOOR = "plain pydantic v2 (the floor)"
ALL: tuple[Callable[[], Contender], ...] = (
    botoshapes,
    pydantic_floor,
    sagemaker_core,
    param_validator,
)
