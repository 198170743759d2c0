"""The endpoint's state for the command line: from files, and from AWS for what they leave out.

Each part (the endpoint, its current config, the new config, the scalable targets) comes
from its file when one is given; with ``--live`` the rest is read from AWS with read-only
calls (DescribeEndpoint, DescribeEndpointConfig, Application Auto Scaling's
DescribeScalableTargets); without it, a part that is needed and missing is a clear error.
boto3 is imported only when something is read from AWS.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from botoshapes._runtime import ShapeValidationError

from .autoscaling import DIMENSION, resource_id, scaled_variants
from .files import InputError, load

if TYPE_CHECKING:
    from botoshapes.sagemaker import DescribeEndpointConfigOutput, DescribeEndpointOutput

FLAGS = {
    "endpoint": "--endpoint",
    "current_config": "--current-config",
    "new_config": "--new-config",
    "scalable_targets": "--scalable-targets",
}


@dataclass(frozen=True, slots=True)
class Where:
    """Where the state comes from: the files given, and whether (and how) to read AWS."""

    files: dict[str, str | None]
    """By part (the keys of :data:`FLAGS`): the file's path, or ``None``."""
    live: bool = False
    region: str | None = None
    endpoint_url: str | None = None
    """SageMaker's endpoint URL, if not AWS's."""
    autoscaling_url: str | None = None
    """Application Auto Scaling's endpoint URL, if not AWS's."""


@dataclass(slots=True)
class State:
    """What was read; ``names`` says where each part came from (a file, or the call)."""

    endpoint: DescribeEndpointOutput | None = None
    current_config: DescribeEndpointConfigOutput | None = None
    new_config: DescribeEndpointConfigOutput | None = None
    scalable_targets: dict[str, Any] | None = None
    names: dict[str, str] = field(default_factory=dict)


def read_state(where: Where, request: Any, *, creating: bool) -> State | None:
    """The state ``request`` is checked and planned against; ``None`` if none is asked for.

    A CreateEndpoint needs only the new config (the one it names); an UpdateEndpoint the
    endpoint, both configs and, if known, the scalable targets.
    """
    given = {part: path for part, path in where.files.items() if path}
    if not given and not where.live:
        return None
    state = State()
    for part, path in given.items():
        _from_file(state, part, path, str(request.endpoint_name))
    needed = ("new_config",) if creating else ("endpoint", "current_config", "new_config")
    missing = [part for part in needed if getattr(state, part) is None]
    if missing and not where.live:
        raise InputError(
            f"give {', '.join(FLAGS[p] for p in missing)} as well"
            f" ({'a CreateEndpoint' if creating else 'an UpdateEndpoint'} is planned against"
            f" {'its new config' if creating else 'the endpoint and both configs'}),"
            " or --live to read what is missing from AWS"
        )
    if where.live:
        _from_aws(state, where, request, creating=creating)
    return state


def _from_file(state: State, part: str, path: str, endpoint_name: str) -> None:
    from botoshapes.sagemaker import (  # noqa: PLC0415
        DescribeEndpointConfigOutput,
        DescribeEndpointOutput,
    )

    data = load(path)
    try:
        if part == "endpoint":
            state.endpoint = DescribeEndpointOutput.from_response(data)
        elif part == "scalable_targets":
            scaled_variants(data, endpoint_name)  # what the response holds is checked now
            state.scalable_targets = data
        else:
            setattr(state, part, DescribeEndpointConfigOutput.from_response(data))
    except ShapeValidationError as error:
        raise InputError(f"{path}: {error}") from None
    state.names[part] = path


def _from_aws(state: State, where: Where, request: Any, *, creating: bool) -> None:
    try:
        from botocore.exceptions import BotoCoreError, ClientError  # noqa: PLC0415

        from botoshapes.sagemaker import SageMakerClient  # noqa: PLC0415
        from botoshapes.sagemaker.errors import SageMakerError  # noqa: PLC0415

        client = SageMakerClient.create(region_name=where.region, endpoint_url=where.endpoint_url)
        if state.new_config is None:
            new_name = str(request.endpoint_config_name)
            state.new_config = client.describe_endpoint_config(endpoint_config_name=new_name)
            state.names["new_config"] = f"DescribeEndpointConfig({new_name})"
        if creating:
            return
        if state.endpoint is None:
            state.endpoint = client.describe_endpoint(endpoint_name=request.endpoint_name)
            state.names["endpoint"] = f"DescribeEndpoint({request.endpoint_name})"
        if state.current_config is None:
            current = str(state.endpoint.endpoint_config_name)
            state.current_config = client.describe_endpoint_config(endpoint_config_name=current)
            state.names["current_config"] = f"DescribeEndpointConfig({current})"
    except (BotoCoreError, SageMakerError, ShapeValidationError) as error:
        raise InputError(f"--live: {error}") from None
    if state.scalable_targets is None:
        try:
            state.scalable_targets = _scalable_targets(where, request, state)
        except (BotoCoreError, ClientError) as error:
            # Reading them needs another service's permission: without it, say what is
            # left unchecked rather than refuse the rest.
            print(
                f"botoshapes: --live: scalable targets not read ({error}):"
                " the autoscaling rules are not checked (--scalable-targets FILE gives them)",
                file=sys.stderr,
            )
            return
        state.names["scalable_targets"] = "DescribeScalableTargets(sagemaker)"


def _scalable_targets(where: Where, request: Any, state: State) -> dict[str, Any]:
    """Application Auto Scaling's targets of the endpoint's variants (read-only)."""
    import boto3  # noqa: PLC0415

    client = boto3.client(
        "application-autoscaling", region_name=where.region, endpoint_url=where.autoscaling_url
    )
    config = state.current_config
    names = sorted(
        {str(v.variant_name) for v in (config.production_variants or ())} if config else ()
    )
    ids = [resource_id(str(request.endpoint_name), name) for name in names]
    targets: list[Any] = []
    for start in range(0, len(ids), 50):  # ResourceIds takes at most 50
        pages = client.get_paginator("describe_scalable_targets").paginate(
            ServiceNamespace="sagemaker",
            ResourceIds=ids[start : start + 50],
            ScalableDimension=DIMENSION,
        )
        for page in pages:
            targets += page.get("ScalableTargets", [])
    return {"ScalableTargets": targets}
