"""What ``check_deployment`` and ``plan_deployment`` take: the typed models, or boto3's dicts.

A dict is read as the facade reads it: a request strictly (``from_boto``), a response as
the service sends it (``from_response``). Anything else is a :class:`ShapeValidationError`
that names the argument; nothing is guessed silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from botoshapes._runtime.errors import ShapeValidationError
from botoshapes._runtime.settings import constraint_checks

from .rules import RULES

if TYPE_CHECKING:
    from botoshapes.sagemaker import (
        CreateEndpointConfigInput,
        CreateEndpointInput,
        DescribeEndpointConfigOutput,
        DescribeEndpointOutput,
        DescribeInferenceComponentOutput,
        UpdateEndpointInput,
        UpdateInferenceComponentInput,
    )

Operation = Literal["UpdateEndpoint", "CreateEndpoint"]
UPDATE_ONLY = frozenset(
    {"RetainAllVariantProperties", "ExcludeRetainedVariantProperties", "RetainDeploymentConfig"}
)
"""Members only an UpdateEndpoint request has."""
CREATE_ONLY = frozenset({"Tags"})
"""Members only a CreateEndpoint request has."""


def decided_by_members(data: Mapping[str, Any]) -> Operation | None:
    """The operation a request dict's members leave no doubt about, if any."""
    keys = set(data)
    if keys & UPDATE_ONLY:
        return "UpdateEndpoint"
    return "CreateEndpoint" if keys & CREATE_ONLY else None


def operation_of(data: Mapping[str, Any], operation: Operation | None = None) -> Operation:
    """The operation a request dict is for: ``operation`` if given, else what its members
    leave no doubt about; with neither, UpdateEndpoint (the operation deployment policies
    are for: a ``DeploymentConfig`` given at creation performs no update)."""
    return operation or decided_by_members(data) or "UpdateEndpoint"


def _model(name: str) -> Any:
    from botoshapes import sagemaker  # noqa: PLC0415

    return getattr(sagemaker, name)


def request_of(
    value: object, operation: Operation | None = None, *, rules_as_findings: bool = False
) -> UpdateEndpointInput | CreateEndpointInput:
    """``value`` as a request model. A dict is read strictly; with ``rules_as_findings``, a
    dict whose only faults are broken deployment rules is read without checks, so that the
    rules are reported as findings (``check_deployment``) rather than raised."""
    names = {"UpdateEndpoint": "UpdateEndpointInput", "CreateEndpoint": "CreateEndpointInput"}
    if not isinstance(value, Mapping):
        wanted = (names[operation],) if operation else tuple(names.values())
        if type(value).__name__ in wanted and hasattr(value, "to_boto"):
            return value  # type: ignore[return-value]
        if hasattr(value, "to_boto"):
            raise ShapeValidationError.misuse(
                wanted[0], f"a {type(value).__name__} is not a request of {' or '.join(wanted)}"
            )
    kind = _model(names[operation_of(value if isinstance(value, Mapping) else {}, operation)])
    return _strict(kind, value, rules_as_findings=rules_as_findings)  # type: ignore[no-any-return]


def _strict(kind: Any, value: object, *, rules_as_findings: bool) -> Any:
    try:
        return kind.from_boto(value)
    except ShapeValidationError as error:
        if not rules_as_findings or any(e.kind not in RULES for e in error.errors):
            raise
        with constraint_checks(False):
            return kind.from_boto(value)


def component_request_of(
    value: object, *, rules_as_findings: bool = False
) -> UpdateInferenceComponentInput:
    """``value`` as an UpdateInferenceComponent request, read as :func:`request_of` reads one."""
    name = "UpdateInferenceComponentInput"
    if not isinstance(value, Mapping):
        if type(value).__name__ == name and hasattr(value, "to_boto"):
            return value  # type: ignore[return-value]
        shown = type(value).__name__
        raise ShapeValidationError.misuse(name, f"a {shown} is not a request of {name}")
    return _strict(_model(name), value, rules_as_findings=rules_as_findings)  # type: ignore[no-any-return]


def component_of(value: object) -> DescribeInferenceComponentOutput:
    """``value`` as a DescribeInferenceComponent response (a dict as the service sends it)."""
    return _response(value, "DescribeInferenceComponentOutput")  # type: ignore[no-any-return]


def endpoint_of(value: object) -> DescribeEndpointOutput:
    """``value`` as a DescribeEndpoint response (a dict as the service sends it)."""
    return _response(value, "DescribeEndpointOutput")  # type: ignore[no-any-return]


def config_of(value: object) -> DescribeEndpointConfigOutput:
    """``value`` as a DescribeEndpointConfig response (a dict as the service sends it)."""
    return _response(value, "DescribeEndpointConfigOutput")  # type: ignore[no-any-return]


def new_config_of(value: object) -> DescribeEndpointConfigOutput | CreateEndpointConfigInput:
    """``value`` as the config an update goes to: a DescribeEndpointConfig response (a dict
    with ``EndpointConfigArn`` or ``CreationTime``, which only the service writes) or a
    CreateEndpointConfig request (any other dict, read strictly)."""
    if isinstance(value, Mapping) and not {"EndpointConfigArn", "CreationTime"} & set(value):
        return _model("CreateEndpointConfigInput").from_boto(value)  # type: ignore[no-any-return]
    if type(value).__name__ == "CreateEndpointConfigInput" and hasattr(value, "to_boto"):
        return value  # type: ignore[return-value]
    return config_of(value)


def _response(value: object, name: str) -> Any:
    if isinstance(value, Mapping):
        return _model(name).from_response(value)
    if type(value).__name__ == name and hasattr(value, "to_boto"):
        return value
    shown = type(value).__name__
    raise ShapeValidationError.misuse(name, f"a {shown} is not a {name} or its dict")
