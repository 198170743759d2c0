"""Hand-written additions to one service's generated package.

``customizations/<service>/*.py`` are copied into ``botoshapes/<service>/``
next to the generated code, like the runtime; ``FACADE_MIXINS`` names the
classes the service's typed client inherits from them.
"""

FACADE_MIXINS: dict[str, list[tuple[str, str]]] = {
    "sagemaker": [("_deployment", "EndpointDeploymentWaiter")],
}
"""``service -> [(module, class)]``: bases of the generated client, first to last."""

ERRORS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "sagemaker": [
        (
            "_deployment",
            ("DeploymentFailedError", "DeploymentRolledBackError", "DeploymentTimeoutError"),
        )
    ],
}
"""``service -> [(module, exception names)]`` re-exported by the service's ``errors`` module."""

EXPORTS: dict[str, dict[str, str]] = {
    "sagemaker": {"DeploymentEvent": "_deployment"},
}
"""``service -> {name: module}``: more names of the service package, loaded on first use."""
