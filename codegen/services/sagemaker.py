"""SageMaker: the deployment toolkit, its local server and the deployment waiters.

The modules are hand-written at ``src/botoshapes/sagemaker/``.
"""

from __future__ import annotations

from ..sources import constant
from .customization import (
    Customization,
    ErrorExports,
    Export,
    Extra,
    Mixin,
    Preflight,
    Script,
)

MOTO = f"moto[server]=={constant('botoshapes.sagemaker.local.server', 'MOTO_VERSION')}"
"""botoshapes.sagemaker.local extends moto's own classes: the release it is tested with, which
the server names (and warns about another). The development project's ``local`` extra says
the same (``tests/packaging/test_layout.py`` ties them)."""

SAGEMAKER = Customization(
    package="sagemaker",
    mixins=(
        Mixin("_deployment", "EndpointDeploymentWaiter"),
        Mixin("_components", "InferenceComponentDeploymentWaiter"),
        Mixin("deploy.preflight", "UpdatePreflight"),
    ),
    preflight=(
        Preflight(
            method="update_endpoint",
            check="_preflight_update_endpoint",
            description=(
                "describes the endpoint and both configs (read-only calls), checks the update"
                " against them with ``check_deployment``, and raises ``DeploymentCheckError``"
                " (nothing sent) on an error; warnings go to ``warnings`` as"
                " ``DeploymentWarning``."
            ),
        ),
    ),
    errors=(
        ErrorExports(
            "_deployment",
            ("DeploymentFailedError", "DeploymentRolledBackError", "DeploymentTimeoutError"),
        ),
        ErrorExports("_components", ("ComponentDeploymentFailedError", "ComponentRolledBackError")),
        ErrorExports("deploy.preflight", ("DeploymentCheckError",)),
    ),
    exports=(
        Export("DeploymentEvent", "_deployment"),
        Export("ComponentEvent", "_components"),
    ),
    request_rules="deploy.rules",
    extras=(
        Extra(
            "plot",
            ("matplotlib>=3.8",),
            "botoshapes.sagemaker.deploy.chart (botoshapes plan --chart)",
        ),
        Extra("yaml", ("PyYAML>=6",), "botoshapes check/plan on YAML files"),
        Extra("local", (MOTO,), "botoshapes.sagemaker.local, the local server"),
        Extra("display", ("rich>=13",), "botoshapes deploy apply/rehearse: a live display"),
    ),
    scripts=(Script("botoshapes", "botoshapes.sagemaker.deploy.cli:main"),),
)
