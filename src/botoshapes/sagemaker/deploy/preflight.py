"""``update_endpoint(..., preflight=True)``: check the update against the endpoint, then send it.

The facade's method reads the endpoint and both configs with read-only
calls, runs :func:`~.check.check_deployment`, and raises
:class:`DeploymentCheckError` (nothing sent) on an error; warnings go to
Python's ``warnings`` as :class:`DeploymentWarning`.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

from botoshapes._runtime.errors import InvalidValue, ShapeValidationError

from .check import Finding, check_deployment

if TYPE_CHECKING:
    from botoshapes._runtime.client import OperationSpec
    from botoshapes.sagemaker import (
        DescribeEndpointConfigOutput,
        DescribeEndpointOutput,
        UpdateEndpointInput,
        UpdateEndpointOutput,
    )


class DeploymentWarning(UserWarning):
    """A rule of the deployment that warns (the update is sent all the same)."""


class DeploymentCheckError(ShapeValidationError):
    """The update breaks a rule its endpoint's state decides; nothing was sent.

    ``findings`` holds every finding, warnings too; :attr:`errors` the errors,
    with the input they are about before the wire path (``new_config:
    ProductionVariants``) unless it is the request.
    """

    def __init__(self, findings: tuple[Finding, ...]) -> None:
        self.findings = findings
        errors = tuple(
            InvalidValue(
                f.path if f.input == "request" else f"{f.input}: {f.path}",
                f.value,
                f"{f.message} [rule {f.rule}]",
                f.rule,
            )
            for f in findings
            if f.level == "error"
        )
        super().__init__("UpdateEndpointInput", errors)

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.findings,)


class _Facade(Protocol):
    def _params(
        self, input_name: str | None, request: Any, members: Mapping[str, Any]
    ) -> dict[str, Any]: ...
    def _call(self, spec: OperationSpec, request: Any, members: Mapping[str, Any]) -> Any: ...
    def describe_endpoint(self, *, endpoint_name: str) -> DescribeEndpointOutput: ...
    def describe_endpoint_config(
        self, *, endpoint_config_name: str
    ) -> DescribeEndpointConfigOutput: ...


class UpdatePreflight:
    """Adds ``preflight=True`` to the SageMaker facade's ``update_endpoint``."""

    def _preflight_update_endpoint(
        self: _Facade, spec: OperationSpec, request: Any, members: Mapping[str, Any]
    ) -> UpdateEndpointOutput:
        from botoshapes.sagemaker import UpdateEndpointInput  # noqa: PLC0415

        checked: UpdateEndpointInput = UpdateEndpointInput.from_boto(
            self._params(spec.input_name, request, members)
        )
        endpoint = self.describe_endpoint(endpoint_name=checked.endpoint_name)
        current = self.describe_endpoint_config(
            endpoint_config_name=str(endpoint.endpoint_config_name)
        )
        new = self.describe_endpoint_config(endpoint_config_name=checked.endpoint_config_name)
        findings = check_deployment(checked, endpoint, current, new)
        if any(f.level == "error" for f in findings):
            raise DeploymentCheckError(findings)
        for finding in findings:
            warnings.warn(str(finding), DeploymentWarning, stacklevel=3)
        result: UpdateEndpointOutput = self._call(spec, checked, {})
        return result
