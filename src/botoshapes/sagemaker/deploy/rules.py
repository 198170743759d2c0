"""The rules of a deployment that AWS states in prose, each once, with where it says so.

A :class:`Rule` is data: an id, a level, the rule in words and its source.
The checks that need nothing but the request (:data:`REQUEST_RULES`, by
shape) run inside strict validation like any constraint, and again in
:func:`~botoshapes.sagemaker.deploy.check_deployment`; the ones that need the
endpoint's state run there only.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from botoshapes._runtime.rules import Level, Path, RequestRule, Rule, Violation

_API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/"
_GUIDE = "https://docs.aws.amazon.com/sagemaker/latest/dg/"


def _rule(key: str, level: Level, text: str, source: str) -> Rule:
    return Rule(key, level, text, source)


ONE_UPDATE_POLICY = _rule(
    "one-update-policy",
    "error",
    "a DeploymentConfig takes BlueGreenUpdatePolicy or RollingUpdatePolicy, not both",
    _API + "API_BlueGreenUpdatePolicy.html (Only one update policy should be used)",
)
CANARY_SIZE_WITH_CANARY = _rule(
    "canary-size-with-canary",
    "error",
    "CanarySize is set exactly when the traffic routing Type is CANARY",
    _API + "API_TrafficRoutingConfig.html",
)
LINEAR_STEP_WITH_LINEAR = _rule(
    "linear-step-with-linear",
    "error",
    "LinearStepSize is set exactly when the traffic routing Type is LINEAR",
    _API + "API_TrafficRoutingConfig.html",
)
CANARY_SIZE = _rule(
    "canary-size",
    "error",
    "a canary is at most 50% of the variant's instances",
    _API
    + "API_TrafficRoutingConfig.html (CanarySize); "
    + _GUIDE
    + "deployment-guardrails-blue-green-canary.html",
)
LINEAR_STEP_SIZE = _rule(
    "linear-step-size",
    "error",
    "a linear step is 10-50% of the variant's instances",
    _API
    + "API_TrafficRoutingConfig.html (LinearStepSize); "
    + _GUIDE
    + "deployment-guardrails-blue-green-linear.html",
)
ROLLING_BATCH_SIZE = _rule(
    "rolling-batch-size",
    "error",
    "a rolling batch is 5-50% of the variant's instances",
    _API
    + "API_RollingUpdatePolicy.html (MaximumBatchSize); "
    + _GUIDE
    + "deployment-guardrails-rolling.html",
)
TIMEOUT_COVERS_WAITS = _rule(
    "timeout-covers-waits",
    # AWS's words are advice, and its own canary example (a 30% canary, WaitIntervalInSeconds
    # 600, TerminationWaitInSeconds 600, timeout 1,800 s) would break a stricter reading that
    # counts a bake after every traffic shift: a warning, read as written. What the plan's
    # bakes and provisioning need is timeout-covers-plan's to say.
    "warning",
    "MaximumExecutionTimeoutInSeconds should be larger than WaitIntervalInSeconds"
    " + TerminationWaitInSeconds",
    _API + 'API_BlueGreenUpdatePolicy.html (MaximumExecutionTimeoutInSeconds: "Note that the'
    " timeout value should be larger than the total waiting time specified in"
    ' TerminationWaitInSeconds and WaitIntervalInSeconds.")',
)
TIMEOUT_COVERS_PLAN = _rule(
    "timeout-covers-plan",
    "warning",
    "MaximumExecutionTimeoutInSeconds covers the plan's shortest duration"
    " (provisioning assumed, bakes, waits)",
    _API + "API_RollingUpdatePolicy.html (Exceeding this limit causes a timeout)",
)
SAME_VARIANT_NAMES = _rule(
    "same-variant-names",
    "error",
    "a blue/green or rolling update policy keeps the current config's variant names",
    _GUIDE + "deployment-guardrails-exclusions.html",
)
ROLLING_ONE_VARIANT = _rule(
    "rolling-one-variant",
    "error",
    "rolling deployments are excluded for endpoints with more than one variant",
    _GUIDE + "deployment-guardrails-exclusions.html",
)
ROLLING_NOT_SERVERLESS = _rule(
    "rolling-not-serverless",
    "error",
    "rolling deployments are excluded for serverless variants",
    _GUIDE + "deployment-guardrails-exclusions.html",
)
FALLS_BACK_TO_ALL_AT_ONCE = _rule(
    "falls-back-to-all-at-once",
    "warning",
    "with Inf1 instances SageMaker ignores the policy: blue/green, all at once, no baking"
    " (AWS Marketplace containers too, which the configs do not show)",
    _GUIDE + "deployment-guardrails-exclusions.html",
)
ROLLBACK_NEEDS_ALARMS = _rule(
    "rollback-needs-alarms",
    "warning",
    "a canary, linear or rolling policy without AutoRollbackConfiguration alarms bakes,"
    " but nothing can roll it back",
    _GUIDE + "deployment-guardrails-configuration.html",
)
ALARMS_NEED_A_BAKE = _rule(
    "alarms-need-a-bake",
    "warning",
    "with WaitIntervalInSeconds 0 the alarms are never watched between traffic shifts",
    _GUIDE + "deployment-guardrails-configuration.html",
)
EXCLUDE_NEEDS_RETAIN = _rule(
    "exclude-needs-retain",
    "warning",
    "ExcludeRetainedVariantProperties only means something with RetainAllVariantProperties=True",
    _API + "API_UpdateEndpoint.html (ExcludeRetainedVariantProperties)",
)

RULES: Mapping[str, Rule] = {
    rule.id: rule
    for rule in (
        ONE_UPDATE_POLICY,
        CANARY_SIZE_WITH_CANARY,
        LINEAR_STEP_WITH_LINEAR,
        CANARY_SIZE,
        LINEAR_STEP_SIZE,
        ROLLING_BATCH_SIZE,
        TIMEOUT_COVERS_WAITS,
        TIMEOUT_COVERS_PLAN,
        SAME_VARIANT_NAMES,
        ROLLING_ONE_VARIANT,
        ROLLING_NOT_SERVERLESS,
        FALLS_BACK_TO_ALL_AT_ONCE,
        ROLLBACK_NEEDS_ALARMS,
        ALARMS_NEED_A_BAKE,
        EXCLUDE_NEEDS_RETAIN,
    )
}
"""Every rule, by id."""

# The bounds of a size, as percents of the variant's instances.
SIZE_BOUNDS: Mapping[str, tuple[Rule, int, int]] = {
    "CanarySize": (CANARY_SIZE, 0, 50),  # any number of instances up to half
    "LinearStepSize": (LINEAR_STEP_SIZE, 10, 50),
    "MaximumBatchSize": (ROLLING_BATCH_SIZE, 5, 50),
}


def size_violation(member: str, size: Any, instances: int | None) -> Violation | None:
    """The size rule ``size`` (a CapacitySize at ``member``) breaks, if any.

    A percent is checked on its own; an instance count only against the
    variant's ``instances`` (``None``: not known here).
    """
    rule, low, high = SIZE_BOUNDS[member]
    kind, value = str(size.type), size.value
    if value is None:  # a response may leave it out
        return None
    wrong = f"not {low}-{high}%" if low else f"more than {high}%"
    if kind == "CAPACITY_PERCENT":
        if not low <= value <= high:
            return Violation(rule, (member, "Value"), value, f"(a percent) is {wrong}")
        return None
    if instances is None or instances <= 0:
        return None
    share = 100 * value / instances
    if value > instances or not low <= share <= high:
        return Violation(
            rule,
            (member, "Value"),
            value,
            f"is {share:.3g}% of {instances} instances, {wrong}",
        )
    return None


def _traffic_routing(config: Any) -> Iterator[Violation]:
    kind = str(config.type)
    for member, attribute, wanted, rule in (
        ("CanarySize", "canary_size", "CANARY", CANARY_SIZE_WITH_CANARY),
        ("LinearStepSize", "linear_step_size", "LINEAR", LINEAR_STEP_WITH_LINEAR),
    ):
        size = getattr(config, attribute)
        if (size is not None) != (kind == wanted):
            message = f"is missing, Type is {kind}" if size is None else f"is set, Type is {kind}"
            yield Violation(rule, (member,), None, message)
        elif size is not None:
            found = size_violation(member, size, None)
            if found is not None:
                yield found


def _deployment_config(config: Any) -> Iterator[Violation]:
    blue_green, rolling = config.blue_green_update_policy, config.rolling_update_policy
    if blue_green is not None and rolling is not None:
        yield Violation(ONE_UPDATE_POLICY, ("RollingUpdatePolicy",), None, "both policies are set")
    rollback = config.auto_rollback_configuration
    alarms = bool(rollback is not None and rollback.alarms)
    if rolling is not None:
        guarded, bake = True, rolling.wait_interval_in_seconds
        where: Path = ("RollingUpdatePolicy",)
    elif blue_green is not None and blue_green.traffic_routing_configuration is not None:
        routing = blue_green.traffic_routing_configuration
        guarded, bake = str(routing.type) != "ALL_AT_ONCE", routing.wait_interval_in_seconds
        where = ("BlueGreenUpdatePolicy", "TrafficRoutingConfiguration")
    else:
        return
    if guarded and not alarms:
        yield Violation(ROLLBACK_NEEDS_ALARMS, where, None, "has no rollback alarms")
    if alarms and bake == 0:
        yield Violation(ALARMS_NEED_A_BAKE, (*where, "WaitIntervalInSeconds"), 0, "bakes 0 s")


def _update_endpoint(request: Any) -> Iterator[Violation]:
    if request.exclude_retained_variant_properties and not request.retain_all_variant_properties:
        yield Violation(
            EXCLUDE_NEEDS_RETAIN,
            ("ExcludeRetainedVariantProperties",),
            None,
            "is set, RetainAllVariantProperties is not True",
        )


def _blue_green(policy: Any) -> Iterator[Violation]:
    routing = policy.traffic_routing_configuration
    timeout = policy.maximum_execution_timeout_in_seconds
    if routing is None or timeout is None:  # a response may leave the routing out
        return
    bake = routing.wait_interval_in_seconds or 0
    termination = policy.termination_wait_in_seconds or 0
    if timeout <= bake + termination:
        yield Violation(
            TIMEOUT_COVERS_WAITS,
            ("MaximumExecutionTimeoutInSeconds",),
            timeout,
            f"is not larger than WaitIntervalInSeconds {bake:,} s"
            f" + TerminationWaitInSeconds {termination:,} s",
        )


def _rolling(policy: Any) -> Iterator[Violation]:
    # AWS states no relation of a rolling policy's timeout to its waits ("The time limit for
    # the total deployment. Exceeding this limit causes a timeout."): the plan's warning,
    # timeout-covers-plan, is all there is to say.
    if policy.maximum_batch_size is not None:
        found = size_violation("MaximumBatchSize", policy.maximum_batch_size, None)
        if found is not None:
            yield found


REQUEST_RULES: Mapping[str, tuple[RequestRule, ...]] = {
    "UpdateEndpointInput": (_update_endpoint,),
    "DeploymentConfig": (_deployment_config,),
    "TrafficRoutingConfig": (_traffic_routing,),
    "BlueGreenUpdatePolicy": (_blue_green,),
    "RollingUpdatePolicy": (_rolling,),
}
"""The rules that need only the request, by the shape they check.

Strict validation runs the errors among them; ``check_deployment`` all.
"""
