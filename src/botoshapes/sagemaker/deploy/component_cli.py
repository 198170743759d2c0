"""``botoshapes check|plan`` of an UpdateInferenceComponent: the state, the findings, the plan.

The component's state is a DescribeInferenceComponent response (``--component FILE``) and,
for the managed instance scaling of its variant, the hosting endpoint's DescribeEndpoint
(``--endpoint FILE``); with ``--live`` what no file gives is read from AWS (read-only calls).
A plan needs the component; a check without it runs the rules of the request alone.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from botoshapes._runtime import ShapeValidationError

from .check import Finding
from .components import ComponentPlan, check_component_update, plan_component_update
from .files import InputError, load

if TYPE_CHECKING:
    from botoshapes.sagemaker import DescribeEndpointOutput, DescribeInferenceComponentOutput

ENDPOINT_ONLY = ("current_config", "new_config", "scalable_targets")
"""The state flags of an endpoint update, which an inference component's does not take."""


def _state(
    args: argparse.Namespace, request: Any, names: dict[str, str]
) -> tuple[DescribeInferenceComponentOutput | None, DescribeEndpointOutput | None]:
    from botoshapes.sagemaker import (  # noqa: PLC0415
        DescribeEndpointOutput,
        DescribeInferenceComponentOutput,
    )

    component = endpoint = None
    try:
        if args.component:
            component = DescribeInferenceComponentOutput.from_response(load(args.component))
            names["component"] = args.component
            _of(args.component, component, str(request.inference_component_name))
        if args.endpoint:
            endpoint = DescribeEndpointOutput.from_response(load(args.endpoint))
            names["endpoint"] = args.endpoint
    except ShapeValidationError as error:
        raise InputError(str(error)) from None
    if args.live:
        component, endpoint = _from_aws(args, request, component, endpoint, names)
    return component, endpoint


def _of(path: str, component: DescribeInferenceComponentOutput, name: str) -> None:
    """An :class:`InputError` unless ``component`` describes the component ``name``."""
    described = component.inference_component_name
    if component.inference_component_status is None or described is None:
        raise InputError(
            f"--component {path}: not a DescribeInferenceComponent response"
            " (it has no InferenceComponentName and InferenceComponentStatus)"
        )
    if str(described) != name:
        raise InputError(f"--component {path}: describes {described}, the request updates {name}")


def _from_aws(
    args: argparse.Namespace,
    request: Any,
    component: DescribeInferenceComponentOutput | None,
    endpoint: DescribeEndpointOutput | None,
    names: dict[str, str],
) -> tuple[DescribeInferenceComponentOutput | None, DescribeEndpointOutput | None]:
    try:
        from botocore.exceptions import BotoCoreError  # noqa: PLC0415

        from botoshapes.sagemaker import SageMakerClient  # noqa: PLC0415
        from botoshapes.sagemaker.errors import SageMakerError  # noqa: PLC0415

        client = SageMakerClient.create(region_name=args.region, endpoint_url=args.endpoint_url)
        name = str(request.inference_component_name)
        if component is None:
            component = client.describe_inference_component(inference_component_name=name)
            names["component"] = f"DescribeInferenceComponent({name})"
        if endpoint is None and component.endpoint_name is not None:
            hosting = str(component.endpoint_name)
            endpoint = client.describe_endpoint(endpoint_name=hosting)
            names["endpoint"] = f"DescribeEndpoint({hosting})"
    except (BotoCoreError, SageMakerError, ShapeValidationError) as error:
        raise InputError(f"--live: {error}") from None
    return component, endpoint


def run_component(
    args: argparse.Namespace, request: Any, names: dict[str, str], *, planning: bool
) -> tuple[list[Finding], ComponentPlan | None]:
    """The findings of ``request`` (an UpdateInferenceComponentInput) and, if planning, its plan."""
    given = [f"--{part.replace('_', '-')}" for part in ENDPOINT_ONLY if getattr(args, part)]
    if given:
        raise InputError(
            f"{', '.join(given)}: an endpoint update's state; an UpdateInferenceComponent is"
            " checked against --component (and --endpoint for its managed instance scaling)"
        )
    component, endpoint = _state(args, request, names)
    if planning and component is None:
        raise InputError(
            "plan needs the component's state: --component FILE (a DescribeInferenceComponent"
            " response), or --live to read it from AWS"
        )
    found = list(
        check_component_update(request, component, endpoint, provisioning_seconds=args.provisioning)
    )
    plan = None
    if planning and component is not None:
        try:
            plan = plan_component_update(
                request, component, endpoint, provisioning_seconds=args.provisioning
            )
        except ValueError as error:
            raise InputError(f"{args.request}: cannot plan: {error}") from None
    return found, plan
