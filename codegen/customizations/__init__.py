"""Hand-written additions to one service's generated package.

``customizations/<service>/*.py`` are copied into ``botoshapes/<service>/``
next to the generated code, like the runtime; ``FACADE_MIXINS`` names the
classes the service's typed client inherits from them.
"""

FACADE_MIXINS: dict[str, list[tuple[str, str]]] = {
    "sagemaker": [
        ("_deployment", "EndpointDeploymentWaiter"),
        ("deploy.preflight", "UpdatePreflight"),
    ],
}
"""``service -> [(module, class)]``: bases of the generated client, first to last."""

PREFLIGHT: dict[str, dict[str, tuple[str, str]]] = {
    "sagemaker": {
        "update_endpoint": (
            "_preflight_update_endpoint",
            "describes the endpoint and both configs (read-only calls), checks the update"
            " against them with ``check_deployment``, and raises ``DeploymentCheckError``"
            " (nothing sent) on an error; warnings go to ``warnings`` as ``DeploymentWarning``.",
        )
    },
}
"""``service -> {method: (mixin method, what it does)}``: operations taking ``preflight=True``."""

ERRORS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "sagemaker": [
        (
            "_deployment",
            ("DeploymentFailedError", "DeploymentRolledBackError", "DeploymentTimeoutError"),
        ),
        ("deploy.preflight", ("DeploymentCheckError",)),
    ],
}
"""``service -> [(module, exception names)]`` re-exported by the service's ``errors`` module."""

EXPORTS: dict[str, dict[str, str]] = {
    "sagemaker": {"DeploymentEvent": "_deployment"},
}
"""``service -> {name: module}``: more names of the service package, loaded on first use."""
