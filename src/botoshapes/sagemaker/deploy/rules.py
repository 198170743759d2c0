"""The rules of a deployment that AWS states in prose, each once, with where it says so.

A :class:`Rule` is data: an id, a level, the rule in words, its source and the
words of AWS it rests on (``quote``). The errors among the checks that need
nothing but the request (:data:`REQUEST_RULES`, by shape) run inside strict
validation like any constraint; all of them, warnings too, run in
:func:`~botoshapes.sagemaker.deploy.check_deployment`, and so do the ones that
need the endpoint's state.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from botoshapes._runtime.rules import Level, Path, RequestRule, Rule, Violation

_API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/"
_GUIDE = "https://docs.aws.amazon.com/sagemaker/latest/dg/"


def _rule(key: str, level: Level, text: str, source: str, quote: str) -> Rule:
    return Rule(key, level, text, source, quote)


_EXCLUSIONS = _GUIDE + "deployment-guardrails-exclusions.html"
_ROLLING_EXCLUDED = (
    "If you're doing a rolling deployment, there are additional feature-based exclusions: {}"
    " (exclusions page); If your endpoint uses any of the features listed in the Exclusions"
    " page, you cannot use rolling deployments. (" + _GUIDE + "deployment-guardrails-rolling.html)"
)
_AUTOSCALING = _GUIDE + "endpoint-scaling-update.html"

# Levels follow AWS's words: "error" only where the API reference or a guide states a
# requirement ("must", "cannot", a documented failure); advice ("should") and what AWS does
# not state are warnings. Only the errors among the request rules run in strict validation.

ONE_UPDATE_POLICY = _rule(
    "one-update-policy",
    "warning",
    "a DeploymentConfig should take BlueGreenUpdatePolicy or RollingUpdatePolicy, not both"
    " (AWS does not say which one SageMaker applies: nothing is planned)",
    _API + "API_DeploymentConfig.html",
    "Only one update policy should be used in the deployment configuration.",
)
CANARY_SIZE_WITH_CANARY = _rule(
    "canary-size-with-canary",
    # AWS marks both sizes optional and states no tie to Type: a warning, the reading its
    # examples show (a CANARY with its CanarySize); a plan needs the size it shifts by.
    "warning",
    "CanarySize goes with Type CANARY, and only with it (AWS states no rule: its examples"
    " pair them; a CANARY without one cannot be planned)",
    _API + "API_TrafficRoutingConfig.html",
    "CanarySize: Batch size for the first step to turn on traffic on the new endpoint fleet."
    " [...] Required: No",
)
LINEAR_STEP_WITH_LINEAR = _rule(
    "linear-step-with-linear",
    "warning",
    "LinearStepSize goes with Type LINEAR, and only with it (AWS states no rule: its examples"
    " pair them; a LINEAR without one cannot be planned)",
    _API + "API_TrafficRoutingConfig.html",
    "LinearStepSize: Batch size for each step to turn on traffic on the new endpoint fleet."
    " [...] Required: No",
)
CANARY_SIZE = _rule(
    "canary-size",
    "error",
    "a canary is at most 50% of the variant's instances",
    _API + "API_TrafficRoutingConfig.html (CanarySize)",
    "Value must be less than or equal to 50% of the variant's total instance count.",
)
LINEAR_STEP_SIZE = _rule(
    "linear-step-size",
    "error",
    "a linear step is 10-50% of the variant's instances",
    _API + "API_TrafficRoutingConfig.html (LinearStepSize)",
    "Value must be 10-50% of the variant's total instance count.",
)
ROLLING_BATCH_SIZE = _rule(
    "rolling-batch-size",
    "error",
    "a rolling batch is 5-50% of the variant's instances",
    _API + "API_RollingUpdatePolicy.html (MaximumBatchSize)",
    "Value must be between 5% to 50% of the variant's total instance count.",
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
    _API + "API_BlueGreenUpdatePolicy.html (MaximumExecutionTimeoutInSeconds)",
    "Note that the timeout value should be larger than the total waiting time specified in"
    " TerminationWaitInSeconds and WaitIntervalInSeconds.",
)
TIMEOUT_COVERS_PLAN = _rule(
    "timeout-covers-plan",
    "warning",
    "MaximumExecutionTimeoutInSeconds covers the plan up to its final bake's end"
    " (provisioning assumed; an estimate)",
    _API
    + "API_BlueGreenUpdatePolicy.html, "
    + _API
    + "API_RollingUpdatePolicy.html (MaximumExecutionTimeoutInSeconds)",
    "Maximum execution timeout for the deployment. [...] The time limit for the total"
    " deployment. Exceeding this limit causes a timeout.",
)
SAME_VARIANT_NAMES = _rule(
    "same-variant-names",
    "error",
    "a blue/green or rolling update policy keeps the current config's variant names",
    _EXCLUSIONS,
    "When doing a blue/green or rolling deployment, your new endpoint configuration must have"
    " the same variant name as the old endpoint configuration.",
)
ROLLING_ONE_VARIANT = _rule(
    "rolling-one-variant",
    "error",
    "rolling deployments are excluded for endpoints with more than one variant",
    _EXCLUSIONS,
    _ROLLING_EXCLUDED.format("[...] Multi-variant inference endpoints"),
)
ROLLING_NOT_SERVERLESS = _rule(
    "rolling-not-serverless",
    "error",
    "rolling deployments are excluded for serverless variants",
    _EXCLUSIONS,
    _ROLLING_EXCLUDED.format("Serverless inference endpoints [...]"),
)
GUARDRAILS_NOT_SERVERLESS = _rule(
    "guardrails-not-serverless",
    # AWS lists serverless among rolling's exclusions only, and says updating a serverless
    # endpoint is "the same as the process for updating a real-time endpoint": what a canary
    # or linear policy does there is not stated. A warning; the plan shifts it at once.
    "warning",
    "a canary or linear policy does not guard a serverless variant: deployment guardrails"
    " apply to real-time and asynchronous endpoints (AWS does not say what SageMaker does"
    " instead: planned as all at once)",
    _GUIDE + "deployment-guardrails.html",
    "Deployment guardrails only apply to Asynchronous inference and Real-time inference"
    " endpoint types.",
)
FALLS_BACK_TO_ALL_AT_ONCE = _rule(
    "falls-back-to-all-at-once",
    "warning",
    "with Inf1 instances SageMaker ignores the policy: blue/green, all at once, no final"
    " baking (AWS Marketplace containers too, which the configs do not show)",
    _EXCLUSIONS,
    "If your endpoint uses any of the following features, you cannot use deployment"
    " guardrails on your endpoint, and your endpoint will fall back to using a blue/green"
    " deployment with all at once traffic shifting and no final baking period: Marketplace"
    " containers; Endpoints that use Inf1 (Inferentia-based) instances",
)
ROLLBACK_NEEDS_ALARMS = _rule(
    "rollback-needs-alarms",
    "warning",
    "a canary, linear or rolling policy without AutoRollbackConfiguration alarms bakes,"
    " but nothing can roll it back",
    _GUIDE + "deployment-guardrails-configuration.html",
    "If you do not have any CloudWatch alarms set up to monitor your endpoint, then the"
    " auto-rollback functionality does not work during your deployment.",
)
ALARMS_NEED_A_BAKE = _rule(
    "alarms-need-a-bake",
    # AWS allows 0 (Valid Range: Minimum value of 0) and says nothing of what it does: a
    # warning, on the reading that alarms are watched while a step bakes.
    "warning",
    "with WaitIntervalInSeconds 0 the alarms are never watched between traffic shifts"
    " (AWS allows 0 and does not say so: a reading of what a bake is for)",
    _API + "API_TrafficRoutingConfig.html (WaitIntervalInSeconds)",
    "The waiting time (in seconds) between incremental steps to turn on traffic on the new"
    " endpoint fleet. [...] Minimum value of 0.",
)
EXCLUDE_NEEDS_RETAIN = _rule(
    "exclude-needs-retain",
    "warning",
    "ExcludeRetainedVariantProperties only means something with RetainAllVariantProperties=True",
    _API + "API_UpdateEndpoint.html (ExcludeRetainedVariantProperties)",
    "When you are updating endpoint resources with RetainAllVariantProperties, whose value is"
    " set to true, ExcludeRetainedVariantProperties specifies the list of type VariantProperty"
    " to override with the values provided by EndpointConfig.",
)
RETAIN_OR_NEW_CONFIG = _rule(
    "retain-or-new-config",
    # Not stated: AWS describes each member alone.
    "warning",
    "RetainDeploymentConfig=True and a DeploymentConfig: AWS does not say which one applies"
    " (the plan takes the endpoint's last one)",
    _API + "API_UpdateEndpoint.html (RetainDeploymentConfig)",
    "Specifies whether to reuse the last deployment configuration. The default value is false"
    " (the configuration is not reused).",
)
BATCH_IS_WHOLE_FLEET = _rule(
    "batch-is-whole-fleet",
    # Not stated: a percent rounds up to at least one instance (the plan's rule), so on a
    # small fleet a legal size can be the whole of it.
    "warning",
    "a canary, linear step or rolling batch that is the whole fleet moves it in one step"
    " (AWS does not say how a size rounds)",
    _API + "API_CapacitySize.html",
    "Specifies the type and size of the endpoint capacity to activate for a blue/green"
    " deployment, a rolling deployment, or a rollback strategy.",
)
AUTOSCALED_VARIANT_CHANGE = _rule(
    "autoscaled-variant-change",
    "error",
    "an Application Auto Scaling target's variant keeps its instance type and stays in the"
    " config, unless its scaling is deregistered first",
    _AUTOSCALING,
    "If the update would change the instance type for any model that is a target for auto"
    " scaling, the update fails. [...] Steps 1 and 7 are required only if you are updating"
    " an endpoint with the following changes: Changing the instance type for a production"
    " variant that has auto scaling configured; Removing a production variant that has auto"
    " scaling configured.",
)
AUTOSCALED_COUNT_RESET = _rule(
    "autoscaled-count-reset",
    "warning",
    "an update that does not retain an autoscaled variant's DesiredInstanceCount"
    " (RetainAllVariantProperties=True, not excluded) sets it to the new config's"
    " InitialInstanceCount",
    _AUTOSCALING,
    "If you want to retain the variant properties like instance count or weight, set the value"
    " of the RetainAllVariantProperties parameter to True. This specifies that production"
    " variants with the same name will are updated with the most recent DesiredInstanceCount"
    " from the response from the call to DescribeEndpoint, regardless of the values of the"
    " InitialInstanceCount field in the new EndpointConfig.",
)

IC_ONE_SPECIFICATION = _rule(
    "ic-one-specification",
    "error",
    "an inference component takes Specification or Specifications, not both",
    _API + "API_UpdateInferenceComponent.html (Specifications)",
    "You can use either this parameter or the singular Specification parameter, but not both.",
)
IC_BATCH_SIZE = _rule(
    "ic-batch-size",
    # A percent is checked here; a number of copies needs the component's copy count.
    "error",
    "an inference component's rolling batch is 5-50% of its copies",
    _API + "API_InferenceComponentRollingUpdatePolicy.html (MaximumBatchSize)",
    "The value must be between 5% to 50% of the copy count of the inference component.",
)


IC_INSTANCE_TYPE_EACH = _rule(
    "ic-instance-type-each",
    "error",
    "each of several Specifications names its InstanceType",
    _API + "API_InferenceComponentSpecification.html (InstanceType)",
    "Specifies which instance type this specification applies to. Required when using the"
    " Specifications parameter with multiple entries.",
)
IC_ARTIFACT_TAR_GZ = _rule(
    "ic-artifact-tar-gz",
    "error",
    "an inference component's ArtifactUrl names a .tar.gz archive",
    _API + "API_InferenceComponentContainerSpecification.html (ArtifactUrl)",
    "This path must point to a single gzip compressed tar archive (.tar.gz suffix).",
)
IC_PARTITION_ONE_DEVICE = _rule(
    "ic-partition-one-device",
    # "must be 1" when the partition is set: a count given otherwise is refused; none given
    # is left to AWS, which does not say what it takes then.
    "error",
    "with an AcceleratorPartitionType, NumberOfAcceleratorDevicesRequired is 1",
    _API + "API_InferenceComponentComputeResourceRequirements.html (AcceleratorPartitionType)",
    "when set, NumberOfAcceleratorDevicesRequired must be 1.",
)
IC_ADAPTER = _rule(
    "ic-adapter",
    # AWS's instructions for an adapter ("Omit", "use"), not stated as requirements: a warning.
    "warning",
    "an adapter inference component (BaseInferenceComponentName) gives no"
    " ComputeResourceRequirements and names its adapter with Container.ArtifactUrl",
    _API + "API_InferenceComponentSpecification.html (ComputeResourceRequirements,"
    " BaseInferenceComponentName)",
    "Omit this parameter if your request is meant to create an adapter inference component."
    " [...] When you create an adapter inference component, use the Container parameter to"
    " specify the location of the adapter artifacts. In the parameter value, use the"
    " ArtifactUrl parameter of the InferenceComponentContainerSpecification data type.",
)
IC_SMALL_COMPONENT = _rule(
    "ic-small-component",
    # AWS is silent on a component of 0 or 1 copies, where no batch is 5-50% of its copies:
    # a warning, so that nothing AWS may accept is refused.
    "warning",
    "an inference component of fewer than 2 copies has no rolling batch of 5-50% of its copies"
    " (AWS does not say what it does then: the plan moves all its copies in one batch)",
    _API + "API_InferenceComponentRollingUpdatePolicy.html (MaximumBatchSize)",
    "The value must be between 5% to 50% of the copy count of the inference component.",
)
IC_NOTHING_TO_UPDATE = _rule(
    "ic-nothing-to-update",
    # AWS's reference makes every member but the name optional and says nothing of an update
    # that changes nothing; Terraform's provider says the service rejects one.
    "warning",
    "an UpdateInferenceComponent that gives no Specification, Specifications or RuntimeConfig"
    " changes nothing (AWS does not say; Terraform's provider reports that the service refuses"
    " it)",
    _API + "API_UpdateInferenceComponent.html",
    "DeploymentConfig: The deployment configuration for the inference component. The"
    " configuration contains the desired deployment strategy and rollback settings."
    " Required: No",
)
IC_NOT_IN_SERVICE = _rule(
    "ic-not-in-service",
    # AWS states nothing about updating a component that is not InService (for endpoints it
    # documents the refusal); a warning, the local server refuses.
    "warning",
    "the inference component is not InService: AWS does not say whether it takes an update"
    " now (botoshapes' local server refuses one, as SageMaker does for endpoints)",
    _API + "API_DescribeInferenceComponent.html (InferenceComponentStatus)",
    "InferenceComponentStatus: The status of the inference component. Valid Values: InService"
    " | Creating | Updating | Failed | Deleting",
)
IC_ROOM_FOR_BATCH = _rule(
    "ic-room-for-batch",
    # AWS's sample of this update (aws-samples/sagemaker-genai-hosting-examples,
    # ic_rolling_deployment.ipynb) says "At some point SageMaker AI will launch 1 additional
    # instance for the rolling deployment"; its blog, that an update short of capacity rolls
    # back. How many copies share an instance depends on accelerators the model does not give,
    # so the bound (one instance per new copy of a batch) is a warning.
    "warning",
    "a rolling batch's new copies may need more instances than the variant's managed instance"
    " scaling allows (free accelerators on running instances are used first; AWS's sample"
    " shows one more instance during the update)",
    _API + "API_ProductionVariantManagedInstanceScaling.html (MaxInstanceCount)",
    "The maximum number of instances that the endpoint can provision when it scales up to"
    " accommodate an increase in traffic.",
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
        GUARDRAILS_NOT_SERVERLESS,
        FALLS_BACK_TO_ALL_AT_ONCE,
        ROLLBACK_NEEDS_ALARMS,
        ALARMS_NEED_A_BAKE,
        EXCLUDE_NEEDS_RETAIN,
        RETAIN_OR_NEW_CONFIG,
        BATCH_IS_WHOLE_FLEET,
        AUTOSCALED_VARIANT_CHANGE,
        AUTOSCALED_COUNT_RESET,
        IC_ONE_SPECIFICATION,
        IC_BATCH_SIZE,
        IC_INSTANCE_TYPE_EACH,
        IC_ARTIFACT_TAR_GZ,
        IC_PARTITION_ONE_DEVICE,
        IC_ADAPTER,
        IC_SMALL_COMPONENT,
        IC_NOTHING_TO_UPDATE,
        IC_NOT_IN_SERVICE,
        IC_ROOM_FOR_BATCH,
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
    if kind != "INSTANCE_COUNT" or instances is None or instances <= 0:
        return None
    share = 100 * value / instances
    if value > instances or not low <= share <= high:
        shown = f"{share:.3g}" if share < 1000 else f"{share:,.0f}"
        return Violation(
            rule, (member, "Value"), value, f"is {shown}% of {instances} instances, {wrong}"
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
    if request.retain_deployment_config and request.deployment_config is not None:
        yield Violation(
            RETAIN_OR_NEW_CONFIG,
            ("DeploymentConfig",),
            None,
            "is given with RetainDeploymentConfig=True",
        )
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


def _one_specification(request: Any) -> Iterator[Violation]:
    if request.specification is not None and request.specifications is not None:
        yield Violation(
            IC_ONE_SPECIFICATION, ("Specifications",), None, "is given with Specification"
        )


def _each_instance_type(request: Any) -> Iterator[Violation]:
    listed = request.specifications or ()
    if len(listed) < 2:
        return
    for index, specification in enumerate(listed):
        if specification.instance_type is None:
            at: Path = ("Specifications", index, "InstanceType")
            yield Violation(IC_INSTANCE_TYPE_EACH, at, None, f"is missing (of {len(listed)})")


def _component_request(request: Any) -> Iterator[Violation]:
    yield from _one_specification(request)
    yield from _each_instance_type(request)


def _artifact(container: Any) -> Iterator[Violation]:
    url = container.artifact_url
    if url is not None and not str(url).endswith(".tar.gz"):
        yield Violation(IC_ARTIFACT_TAR_GZ, ("ArtifactUrl",), str(url), "has no .tar.gz suffix")


def _partition(resources: Any) -> Iterator[Violation]:
    devices = resources.number_of_accelerator_devices_required
    if resources.accelerator_partition_type is not None and devices not in (None, 1):
        at: Path = ("NumberOfAcceleratorDevicesRequired",)
        yield Violation(IC_PARTITION_ONE_DEVICE, at, devices, "is given with a partition")


def _adapter(specification: Any) -> Iterator[Violation]:
    if specification.base_inference_component_name is None:
        return
    if specification.compute_resource_requirements is not None:
        at: Path = ("ComputeResourceRequirements",)
        yield Violation(IC_ADAPTER, at, None, "is given for an adapter")
    container = specification.container
    if container is None or container.artifact_url is None:
        yield Violation(IC_ADAPTER, ("Container",), None, "names no ArtifactUrl for an adapter")


def _ic_deployment(config: Any) -> Iterator[Violation]:
    rolling = config.rolling_update_policy
    if rolling is None:  # a response may leave it out
        return
    size = rolling.maximum_batch_size
    percent = size.value if size is not None and str(size.type) == "CAPACITY_PERCENT" else None
    if percent is not None and not 5 <= percent <= 50:
        at: Path = ("RollingUpdatePolicy", "MaximumBatchSize", "Value")
        yield Violation(IC_BATCH_SIZE, at, percent, "(a percent) is not 5-50%")
    rollback = config.auto_rollback_configuration
    alarms = bool(rollback is not None and rollback.alarms)
    if not alarms:
        yield Violation(
            ROLLBACK_NEEDS_ALARMS, ("RollingUpdatePolicy",), None, "has no rollback alarms"
        )
    elif rolling.wait_interval_in_seconds == 0:
        where = ("RollingUpdatePolicy", "WaitIntervalInSeconds")
        yield Violation(ALARMS_NEED_A_BAKE, where, 0, "bakes 0 s")


REQUEST_RULES: Mapping[str, tuple[RequestRule, ...]] = {
    "UpdateEndpointInput": (_update_endpoint,),
    "CreateInferenceComponentInput": (_component_request,),
    "UpdateInferenceComponentInput": (_component_request,),
    "InferenceComponentSpecification": (_adapter,),
    "InferenceComponentContainerSpecification": (_artifact,),
    "InferenceComponentComputeResourceRequirements": (_partition,),
    "InferenceComponentDeploymentConfig": (_ic_deployment,),
    "DeploymentConfig": (_deployment_config,),
    "TrafficRoutingConfig": (_traffic_routing,),
    "BlueGreenUpdatePolicy": (_blue_green,),
    "RollingUpdatePolicy": (_rolling,),
}
"""The rules that need only the request, by the shape they check.

Strict validation runs the errors among them; ``check_deployment`` all.
"""
