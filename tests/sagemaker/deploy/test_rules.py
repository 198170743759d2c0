"""Each deployment rule AWS states in prose: a request that keeps it and one that breaks it.

The rules that need only the request are checked by strict validation (the
constructor, ``from_boto``, the facade) and again by ``check_deployment``;
the rules on the fleet only by ``check_deployment``, given the state.
"""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from botoshapes import ShapeValidationError, constraint_checks
from botoshapes.sagemaker import (
    BlueGreenUpdatePolicy,
    CapacitySize,
    DeploymentConfig,
    DescribeEndpointConfigOutput,
    DescribeEndpointOutput,
    SageMakerClient,
    TrafficRoutingConfig,
    UpdateEndpointInput,
    UpdateInferenceComponentInput,
)
from botoshapes.sagemaker.deploy import RULES, Finding, PlanError, check_deployment, plan_deployment
from botoshapes.sagemaker.deploy.check import request_findings
from tests.deploy_states import (
    ALARMS,
    T0,
    all_at_once,
    canary,
    config,
    endpoint,
    linear,
    rolling,
    serverless,
    update,
    variant,
)

ROUTING = "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration"
ARN = "arn:aws:sagemaker:us-east-1:123456789012:endpoint/prod"


def _refused(request: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ShapeValidationError) as caught:
        UpdateEndpointInput.from_boto(request)
    return [(e.kind, e.path) for e in caught.value.errors]


# -- rules on the request alone: strict validation --------------------------------------------

# What AWS words as advice, or does not state: accepted by strict validation, a warning of
# check_deployment at its wire path.
WARNED = [
    pytest.param(
        {**canary(10), **rolling(25)},
        ("one-update-policy", "DeploymentConfig.RollingUpdatePolicy"),
        id="both policies",  # "Only one update policy should be used"
    ),
    pytest.param(
        {
            "BlueGreenUpdatePolicy": {
                "TrafficRoutingConfiguration": {"Type": "CANARY", "WaitIntervalInSeconds": 60}
            }
        },
        ("canary-size-with-canary", f"{ROUTING}.CanarySize"),
        id="canary without a size",  # CanarySize: "Required: No"
    ),
    pytest.param(
        {
            "BlueGreenUpdatePolicy": {
                "TrafficRoutingConfiguration": {
                    "Type": "ALL_AT_ONCE",
                    "WaitIntervalInSeconds": 60,
                    "CanarySize": {"Type": "INSTANCE_COUNT", "Value": 1},
                }
            }
        },
        ("canary-size-with-canary", f"{ROUTING}.CanarySize"),
        id="a canary size on all at once",
    ),
    pytest.param(
        {
            "BlueGreenUpdatePolicy": {
                "TrafficRoutingConfiguration": {"Type": "LINEAR", "WaitIntervalInSeconds": 60}
            }
        },
        ("linear-step-with-linear", f"{ROUTING}.LinearStepSize"),
        id="linear without a step",  # LinearStepSize: "Required: No"
    ),
]


@pytest.mark.parametrize(("deployment", "expected"), WARNED)
def test_what_aws_does_not_require_is_a_warning_never_refused(
    deployment: dict[str, Any], expected: tuple[str, str]
) -> None:
    request = UpdateEndpointInput.from_boto(update(deployment))  # not refused
    assert request.to_boto() == update(deployment)
    found = {(f.rule, f.level, f.path) for f in check_deployment(request)}
    assert (*expected[:1], "warning", expected[1]) in found
    assert not [f for f in check_deployment(request) if f.level == "error"]


# What AWS's API reference states as a requirement ("must"): refused by strict validation.
BROKEN = [
    pytest.param(canary(80), ("canary-size", f"{ROUTING}.CanarySize.Value"), id="canary of 80%"),
    pytest.param(
        linear(5), ("linear-step-size", f"{ROUTING}.LinearStepSize.Value"), id="linear 5%"
    ),
    pytest.param(
        linear(60), ("linear-step-size", f"{ROUTING}.LinearStepSize.Value"), id="linear 60%"
    ),
    pytest.param(
        rolling(60),
        ("rolling-batch-size", "DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Value"),
        id="rolling batch 60%",
    ),
    pytest.param(
        rolling(4),
        ("rolling-batch-size", "DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Value"),
        id="rolling batch 4%",
    ),
]

KEPT = [
    pytest.param(canary(50), id="canary of 50%"),
    pytest.param(linear(10), id="linear 10%"),
    pytest.param(linear(50), id="linear 50%"),
    pytest.param(rolling(5), id="rolling batch 5%"),
    pytest.param(rolling(50), id="rolling batch 50%"),
    pytest.param(canary(10, bake=600, MaximumExecutionTimeoutInSeconds=1201), id="timeout above"),
    # the timeout is advice ("should"): not larger than the waits is a warning, never refused
    pytest.param(canary(10, bake=600, MaximumExecutionTimeoutInSeconds=600), id="timeout = bake"),
    pytest.param(
        rolling(25, bake=3600, MaximumExecutionTimeoutInSeconds=3600), id="rolling timeout = bake"
    ),
    pytest.param(
        linear(25, bake=300, TerminationWaitInSeconds=600, MaximumExecutionTimeoutInSeconds=1801),
        id="linear timeout above",
    ),
    pytest.param(all_at_once(), id="all at once"),
    pytest.param({"AutoRollbackConfiguration": ALARMS}, id="no update policy"),
]


@pytest.mark.parametrize(("deployment", "expected"), BROKEN)
def test_a_broken_rule_is_an_error_at_its_wire_path(
    deployment: dict[str, Any], expected: tuple[str, str]
) -> None:
    assert expected in _refused(update(deployment))
    # the same rule is a finding of check_deployment for a request read without checks
    with constraint_checks(False):
        request = UpdateEndpointInput.from_boto(update(deployment))
    found = {(f.rule, f.path) for f in check_deployment(request) if f.level == "error"}
    assert expected in found


@pytest.mark.parametrize("deployment", KEPT)
def test_a_request_that_keeps_the_rules_passes(deployment: dict[str, Any]) -> None:
    request = UpdateEndpointInput.from_boto(update(deployment))
    assert [f for f in check_deployment(request) if f.level == "error"] == []


def test_the_error_names_the_value_and_the_rule_in_words() -> None:
    with pytest.raises(ShapeValidationError) as caught:
        UpdateEndpointInput.from_boto(update(canary(80)))
    assert str(caught.value).splitlines()[1] == (
        f"  {ROUTING}.CanarySize.Value: 80 (a percent) is more than 50%"
        " [rule canary-size: a canary is at most 50% of the variant's instances]"
    )


def test_constraint_checks_off_skips_the_rules() -> None:
    with constraint_checks(False):
        request = UpdateEndpointInput.from_boto(update(canary(80)))
    assert request.deployment_config is not None


def test_the_constructor_builder_and_facade_check_the_rules() -> None:
    with pytest.raises(ShapeValidationError, match="canary-size"):
        TrafficRoutingConfig(
            type="CANARY",
            wait_interval_in_seconds=60,
            canary_size=CapacitySize(type="CAPACITY_PERCENT", value=80),
        )
    with pytest.raises(ShapeValidationError, match="linear-step-size"):
        TrafficRoutingConfig.builder().type("LINEAR").wait_interval_in_seconds(60).linear_step_size(
            CapacitySize(type="CAPACITY_PERCENT", value=60)
        ).build()
    # a LINEAR without its step is a warning (AWS marks LinearStepSize optional): built
    assert TrafficRoutingConfig.builder().type("LINEAR").wait_interval_in_seconds(60).build()
    client = boto3.client(
        "sagemaker", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    # nothing queued: a request that reached botocore would fail there
    with Stubber(client), pytest.raises(ShapeValidationError, match="canary-size"):
        SageMakerClient(client).update_endpoint(  # type: ignore[call-overload]
            endpoint_name="prod",
            endpoint_config_name="prod-v2",
            # as an untyped caller writes it, in the constructor's names: checked, not sent
            deployment_config={
                "blue_green_update_policy": {
                    "traffic_routing_configuration": {
                        "type": "CANARY",
                        "wait_interval_in_seconds": 60,
                        "canary_size": {"type": "CAPACITY_PERCENT", "value": 80},
                    }
                }
            },
        )


# AWS's canary example (deployment guardrails guide, deployment-guardrails-blue-green-canary.html):
# a 30% canary, a 600 s bake, a 600 s termination wait and a 1,800 s timeout.
AWS_CANARY: dict[str, Any] = {
    "BlueGreenUpdatePolicy": {
        "TrafficRoutingConfiguration": {
            "Type": "CANARY",
            "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 30},
            "WaitIntervalInSeconds": 600,
        },
        "TerminationWaitInSeconds": 600,
        "MaximumExecutionTimeoutInSeconds": 1800,
    },
    "AutoRollbackConfiguration": ALARMS,
}


@pytest.mark.parametrize("retain", [False, True], ids=["update", "RetainDeploymentConfig"])
def test_awss_canary_example_is_accepted_everywhere(retain: bool) -> None:
    """It was refused by a reading of the timeout advice stricter than AWS's words (a bake
    after each of the two shifts plus the termination wait: 1,800 s, not less than the
    timeout). Read as written, 600 + 600 s: 1,800 s is larger."""
    request = {**update(AWS_CANARY), **({"RetainDeploymentConfig": True} if retain else {})}
    model = UpdateEndpointInput.from_boto(request)
    assert model.to_boto() == request
    policy = AWS_CANARY["BlueGreenUpdatePolicy"]
    assert BlueGreenUpdatePolicy.from_boto(policy).to_boto() == policy
    assert DeploymentConfig.from_boto(AWS_CANARY).to_boto() == AWS_CANARY
    routing = policy["TrafficRoutingConfiguration"]
    assert (
        TrafficRoutingConfig(
            type="CANARY",
            wait_interval_in_seconds=600,
            canary_size=CapacitySize(type="CAPACITY_PERCENT", value=30),
        ).to_boto()
        == routing
    )
    # the facade sends it: botocore's Stubber checks it against the real input shape
    client = boto3.client(
        "sagemaker", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    with Stubber(client) as stub:
        stub.add_response("update_endpoint", {"EndpointArn": ARN}, request)
        SageMakerClient(client).update_endpoint(model)
        stub.assert_no_pending_responses()
    assert [f for f in check_deployment(model) if f.level == "error"] == []
    fleet = _check(AWS_CANARY, [variant("blue", 4)])
    assert _rules(fleet) == set()
    # the plan's own duration (provisioning assumed, two bakes, the wait) is only a warning
    assert _rules(fleet, "warning") <= {"timeout-covers-plan"}


def test_a_timeout_not_larger_than_the_waits_is_a_warning() -> None:
    deployment = canary(
        10, bake=600, TerminationWaitInSeconds=600, MaximumExecutionTimeoutInSeconds=1200
    )
    UpdateEndpointInput.from_boto(update(deployment))  # not refused: AWS says "should"
    (finding,) = [
        f
        for f in check_deployment(UpdateEndpointInput.from_boto(update(deployment)))
        if f.rule == "timeout-covers-waits"
    ]
    assert finding.level == "warning"
    assert finding.path == "DeploymentConfig.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds"
    assert finding.message.startswith(
        "1200 is not larger than WaitIntervalInSeconds 600 s + TerminationWaitInSeconds 600 s"
    )


# -- warnings on the request alone ------------------------------------------------------------


def _warnings(request: dict[str, Any]) -> set[tuple[str, str]]:
    found = check_deployment(UpdateEndpointInput.from_boto(request))
    return {(f.rule, f.path) for f in found if f.level == "warning"}


def test_a_guarded_policy_without_alarms_is_a_warning() -> None:
    for deployment, where in (
        (canary(10), "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration"),
        (linear(25), "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration"),
        (rolling(25), "DeploymentConfig.RollingUpdatePolicy"),
    ):
        assert _warnings(update(deployment)) == set()
        del deployment["AutoRollbackConfiguration"]
        assert _warnings(update(deployment)) == {("rollback-needs-alarms", where)}
    # all at once has no traffic steps to guard
    plain = all_at_once()
    del plain["AutoRollbackConfiguration"]
    assert _warnings(update(plain)) == set()


def test_alarms_without_a_bake_are_a_warning() -> None:
    assert _warnings(update(canary(10, bake=0))) == {
        ("alarms-need-a-bake", f"{ROUTING}.WaitIntervalInSeconds")
    }
    assert _warnings(update(rolling(25, bake=0))) == {
        ("alarms-need-a-bake", "DeploymentConfig.RollingUpdatePolicy.WaitIntervalInSeconds")
    }


def test_excluded_properties_without_retaining_are_a_warning() -> None:
    exclude = [{"VariantPropertyType": "DesiredInstanceCount"}]
    assert _warnings(update(ExcludeRetainedVariantProperties=exclude)) == {
        ("exclude-needs-retain", "ExcludeRetainedVariantProperties")
    }
    retained = update(ExcludeRetainedVariantProperties=exclude, RetainAllVariantProperties=True)
    assert _warnings(retained) == set()


# -- rules on the fleet: check_deployment with the state --------------------------------------


def _check(
    deployment: dict[str, Any] | None,
    old: list[dict[str, Any]],
    new: list[dict[str, Any]] | None = None,
) -> list[Finding]:
    current = config("prod-v1", *old)
    return list(
        check_deployment(
            UpdateEndpointInput.from_boto(update(deployment)),
            DescribeEndpointOutput.from_response(endpoint("prod-v1", *old)),
            DescribeEndpointConfigOutput.from_response(current),
            DescribeEndpointConfigOutput.from_response(config("prod-v2", *(new or old))),
        )
    )


def _rules(findings: list[Finding], level: str = "error") -> set[str]:
    return {f.rule for f in findings if f.level == level}


@pytest.mark.parametrize(
    ("deployment", "instances", "broken"),
    [
        (canary(2, "INSTANCE_COUNT"), 4, False),
        (canary(3, "INSTANCE_COUNT"), 4, True),
        (canary(5, "INSTANCE_COUNT"), 4, True),  # more than the variant has
        (linear(2, "INSTANCE_COUNT"), 20, False),
        (linear(1, "INSTANCE_COUNT"), 20, True),  # 5%
        (linear(11, "INSTANCE_COUNT"), 20, True),  # 55%
        (rolling(2, "INSTANCE_COUNT", MaximumExecutionTimeoutInSeconds=28800), 8, False),
        (rolling(5, "INSTANCE_COUNT", MaximumExecutionTimeoutInSeconds=28800), 8, True),
        (rolling(9, "INSTANCE_COUNT", MaximumExecutionTimeoutInSeconds=28800), 8, True),
    ],
)
def test_an_instance_count_is_checked_against_the_variant(
    deployment: dict[str, Any], instances: int, broken: bool
) -> None:
    found = _check(deployment, [variant("blue", instances)])
    sizes = {"canary-size", "linear-step-size", "rolling-batch-size"}
    assert bool(_rules(found) & sizes) is broken, found
    if broken:
        (finding,) = [f for f in found if f.rule in sizes]
        assert "(variant blue)" in finding.message
        assert finding.path.endswith("Size.Value")


def test_a_timeout_short_of_the_fleets_bakes_is_a_plan_warning() -> None:
    # 8 linear steps of one instance, 300 s each: 2,400 s of bakes, 2,700 s with provisioning
    # (300 s assumed). AWS's advice names one WaitIntervalInSeconds: the rest is the plan's.
    short = _check(
        linear(1, "INSTANCE_COUNT", MaximumExecutionTimeoutInSeconds=2400), [variant("blue", 8)]
    )
    assert _rules(short) == set()
    assert _rules(short, "warning") == {"timeout-covers-plan"}
    kept = _check(
        linear(1, "INSTANCE_COUNT", MaximumExecutionTimeoutInSeconds=3000), [variant("blue", 8)]
    )
    assert _rules(kept) == _rules(kept, "warning") == set()
    # rolling: 4 batches of 25% of 8, 300 s each, and provisioning before each
    rolled = _check(rolling(25, MaximumExecutionTimeoutInSeconds=1200), [variant("blue", 8)])
    assert _rules(rolled) == set()
    assert _rules(rolled, "warning") == {"timeout-covers-plan"}


def test_the_new_config_keeps_the_variant_names() -> None:
    # without an update policy, a new config may add, drop or rename variants (an A/B test)
    assert (
        _rules(_check(None, [variant("blue", 4)], [variant("blue", 4), variant("green", 1)]))
        == set()
    )
    found = _check(canary(10), [variant("blue", 4)], [variant("green", 4)])
    (finding,) = [f for f in found if f.rule == "same-variant-names"]
    assert (finding.input, finding.path, finding.value) == (
        "new_config",
        "ProductionVariants",
        ("green",),
    )
    assert (
        _rules(_check(canary(10), [variant("blue", 4)], [variant("blue", 4, "ml.g5.xlarge")]))
        == set()
    )


def test_rolling_is_excluded_for_two_variants_and_for_serverless() -> None:
    two = [variant("a", 4, weight=0.5), variant("b", 4, weight=0.5)]
    assert "rolling-one-variant" in _rules(_check(rolling(25), two))
    assert "rolling-one-variant" not in _rules(_check(canary(25), two))
    assert "rolling-not-serverless" in _rules(_check(rolling(25), [serverless("blue")]))
    assert _rules(_check(rolling(25), [variant("blue", 4)])) == set()


def test_inf1_makes_sagemaker_ignore_the_policy() -> None:
    inf1 = [variant("blue", 4, "ml.inf1.xlarge")]
    assert _rules(_check(canary(10), inf1), "warning") == {"falls-back-to-all-at-once"}
    assert _rules(_check(canary(10), [variant("blue", 4)]), "warning") == set()


# -- inference components (issue 23): the rules that need only the request -------------------


def _component(**members: Any) -> dict[str, Any]:
    return {"InferenceComponentName": "llm", **members}


def _ic_rolling(size: dict[str, Any], alarms: bool = True, bake: int = 120) -> dict[str, Any]:
    config: dict[str, Any] = {
        "RollingUpdatePolicy": {"MaximumBatchSize": size, "WaitIntervalInSeconds": bake}
    }
    if alarms:
        config["AutoRollbackConfiguration"] = {"Alarms": [{"AlarmName": "llm-5xx"}]}
    return config


@pytest.mark.parametrize(
    ("members", "rule"),
    [
        ({"Specification": {"ModelName": "m"}, "Specifications": [{"ModelName": "m"}]},
         "ic-one-specification"),
        ({"DeploymentConfig": _ic_rolling({"Type": "CAPACITY_PERCENT", "Value": 60})},
         "ic-batch-size"),
        ({"DeploymentConfig": _ic_rolling({"Type": "CAPACITY_PERCENT", "Value": 4})},
         "ic-batch-size"),
        ({"Specifications": [{"ModelName": "m", "InstanceType": "ml.g5.xlarge"},
                             {"ModelName": "m"}]},
         "ic-instance-type-each"),
        ({"Specification": {"Container": {"ArtifactUrl": "s3://bucket/adapters/fr/"}}},
         "ic-artifact-tar-gz"),
        ({"Specification": {"ComputeResourceRequirements": {
            "MinMemoryRequiredInMb": 1024, "AcceleratorPartitionType": "mig-3g.40gb",
            "NumberOfAcceleratorDevicesRequired": 2}}},
         "ic-partition-one-device"),
    ],
    ids=["both specifications", "60 percent", "4 percent", "several, one untyped",
         "artifact not .tar.gz", "partition on 2 devices"],
)  # fmt: skip
def test_an_inference_component_update_aws_refuses_is_refused(
    members: dict[str, Any], rule: str
) -> None:
    with pytest.raises(ShapeValidationError) as caught:
        UpdateInferenceComponentInput.from_boto(_component(**members))
    assert [e.kind for e in caught.value.errors] == [rule]


def test_what_the_inference_component_rules_let_through() -> None:
    """One specification of several untyped, a .tar.gz artifact, a partition on 1 device or
    with no count given (AWS does not say what it takes then)."""
    for members in (
        {"Specifications": [{"ModelName": "m"}]},
        {"Specification": {"Container": {"ArtifactUrl": "s3://bucket/adapters/fr.tar.gz"}}},
        {"Specification": {"ComputeResourceRequirements": {
            "MinMemoryRequiredInMb": 1024, "AcceleratorPartitionType": "mig-3g.40gb",
            "NumberOfAcceleratorDevicesRequired": 1}}},
        {"Specification": {"ComputeResourceRequirements": {
            "MinMemoryRequiredInMb": 1024, "AcceleratorPartitionType": "mig-3g.40gb"}}},
    ):  # fmt: skip
        assert (
            request_findings(UpdateInferenceComponentInput.from_boto(_component(**members))) == []
        )


def test_an_adapter_is_warned_as_aws_instructs() -> None:
    """ "Omit this parameter if your request is meant to create an adapter inference
    component"; "use the ArtifactUrl parameter" (instructions, not stated requirements)."""
    adapter = {
        "BaseInferenceComponentName": "llama-base",
        "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 1024},
    }
    request = UpdateInferenceComponentInput.from_boto(_component(Specification=adapter))
    assert [(f.rule, f.level, f.path) for f in request_findings(request)] == [
        ("ic-adapter", "warning", "Specification.ComputeResourceRequirements"),
        ("ic-adapter", "warning", "Specification.Container"),
    ]
    kept = {
        "BaseInferenceComponentName": "llama-base",
        "Container": {"ArtifactUrl": "s3://bucket/adapters/fr.tar.gz"},
    }
    fine = UpdateInferenceComponentInput.from_boto(_component(Specification=kept))
    assert request_findings(fine) == []


def test_inference_component_rollbacks_want_alarms_and_a_bake() -> None:
    copies = {"Type": "COPY_COUNT", "Value": 1}
    taken = UpdateInferenceComponentInput.from_boto(
        _component(DeploymentConfig=_ic_rolling(copies, alarms=False))
    )
    assert [f.rule for f in request_findings(taken)] == ["rollback-needs-alarms"]
    baked = UpdateInferenceComponentInput.from_boto(
        _component(DeploymentConfig=_ic_rolling(copies, bake=0))
    )
    assert [f.rule for f in request_findings(baked)] == ["alarms-need-a-bake"]
    fine = UpdateInferenceComponentInput.from_boto(
        _component(DeploymentConfig=_ic_rolling({"Type": "CAPACITY_PERCENT", "Value": 50}))
    )
    assert request_findings(fine) == []


def test_every_rule_is_tested_and_has_a_source() -> None:
    tested = {
        "one-update-policy", "canary-size-with-canary", "linear-step-with-linear", "canary-size",
        "linear-step-size", "rolling-batch-size", "timeout-covers-waits", "timeout-covers-plan",
        "same-variant-names", "rolling-one-variant", "rolling-not-serverless",
        "falls-back-to-all-at-once", "rollback-needs-alarms", "alarms-need-a-bake",
        "exclude-needs-retain", "guardrails-not-serverless", "batch-is-whole-fleet",
        "autoscaled-variant-change", "autoscaled-count-reset", "retain-or-new-config",
        "ic-one-specification", "ic-batch-size",
        # with the component's state: test_components.py
        "ic-small-component", "ic-nothing-to-update", "ic-not-in-service", "ic-room-for-batch",
        "ic-instance-type-each", "ic-artifact-tar-gz", "ic-partition-one-device", "ic-adapter",
    }  # fmt: skip
    assert set(RULES) == tested
    for rule in RULES.values():
        assert rule.source.startswith("https://docs.aws.amazon.com/"), rule.id
        assert rule.quote, rule.id  # the words the rule and its level rest on
        # an error rests on a requirement; AWS's "should" is never one
        assert rule.level == "warning" or " should " not in rule.quote, rule.id


def test_levels_follow_awss_words() -> None:
    """Reviewed against the pages each rule cites (the issue's research note lists them)."""
    errors = {r.id for r in RULES.values() if r.level == "error"}
    assert errors == {
        "canary-size",  # "Value must be less than or equal to 50%"
        "linear-step-size",  # "Value must be 10-50%"
        "rolling-batch-size",  # "Value must be between 5% to 50%"
        "same-variant-names",  # "must have the same variant name"
        "rolling-one-variant",  # "you cannot use rolling deployments"
        "rolling-not-serverless",  # the same
        "autoscaled-variant-change",  # "the update fails"; "Steps 1 and 7 are required"
        "ic-one-specification",  # "either this parameter or [...] Specification, but not both"
        "ic-batch-size",  # "The value must be between 5% to 50% of the copy count"
        "ic-instance-type-each",  # "Required when using the Specifications parameter with [...]"
        "ic-artifact-tar-gz",  # "This path must point to a single gzip compressed tar archive"
        "ic-partition-one-device",  # "when set, NumberOfAcceleratorDevicesRequired must be 1"
    }


# -- the facade's preflight -------------------------------------------------------------------


def _described(stubber: Stubber, old: list[dict[str, Any]], new: list[dict[str, Any]]) -> None:
    def strip(response: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in response.items() if k != "ResponseMetadata"}

    stubber.add_response(
        "describe_endpoint", strip(endpoint("prod-v1", *old)), {"EndpointName": "prod"}
    )
    stubber.add_response(
        "describe_endpoint_config",
        config("prod-v1", *old),
        {"EndpointConfigName": "prod-v1"},
    )
    stubber.add_response(
        "describe_endpoint_config",
        config("prod-v2", *new),
        {"EndpointConfigName": "prod-v2"},
    )


def _facade() -> tuple[SageMakerClient, Stubber]:
    client = boto3.client(
        "sagemaker", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    return SageMakerClient(client), Stubber(client)


def test_preflight_refuses_to_send_an_update_the_state_rules_out() -> None:
    from botoshapes.sagemaker.errors import DeploymentCheckError  # noqa: PLC0415

    sagemaker, stubber = _facade()
    two = [variant("a", 4, weight=0.5), variant("b", 4, weight=0.5)]
    with stubber:
        _described(stubber, two, two)  # read-only calls only: no update_endpoint queued
        with pytest.raises(DeploymentCheckError) as caught:
            sagemaker.update_endpoint(
                UpdateEndpointInput.from_boto(update(rolling(25))), preflight=True
            )
        stubber.assert_no_pending_responses()
    assert [(e.kind, e.path) for e in caught.value.errors] == [
        ("rolling-one-variant", "DeploymentConfig.RollingUpdatePolicy")
    ]
    assert isinstance(caught.value, ShapeValidationError)


def test_preflight_sends_a_good_update_and_warns() -> None:
    from botoshapes.sagemaker.deploy.preflight import DeploymentWarning  # noqa: PLC0415

    sagemaker, stubber = _facade()
    deployment = canary(50)
    del deployment["AutoRollbackConfiguration"]
    with stubber:
        _described(stubber, [variant("blue", 4)], [variant("blue", 4, "ml.g5.xlarge")])
        stubber.add_response(
            "update_endpoint",
            {"EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/prod"},
            update(deployment),
        )
        with pytest.warns(DeploymentWarning, match="rollback-needs-alarms"):
            done = sagemaker.update_endpoint(
                endpoint_name="prod",
                endpoint_config_name="prod-v2",
                deployment_config=DeploymentConfig.from_boto(deployment),
                preflight=True,
            )
        stubber.assert_no_pending_responses()
    assert done.endpoint_arn == "arn:aws:sagemaker:us-east-1:123456789012:endpoint/prod"


# -- found by an outside review ---------------------------------------------------------------


def test_a_canary_of_one_instance_on_a_big_fleet_is_no_error() -> None:
    assert _rules(_check(canary(1, "INSTANCE_COUNT"), [variant("blue", 200)])) == set()


def test_a_linear_step_just_under_10_percent_says_so() -> None:
    found = _check(linear(2, "INSTANCE_COUNT"), [variant("blue", 21)])
    (finding,) = [f for f in found if f.rule == "linear-step-size"]
    assert "is 9.52% of 21 instances, not 10-50%" in finding.message


def test_a_linear_percent_timeout_is_decided_by_the_fleet() -> None:
    # 10% of 4 instances: 4 steps of one instance, 2,400 s of bakes, not 10 bakes
    deployment = linear(10, bake=600, MaximumExecutionTimeoutInSeconds=3000)
    UpdateEndpointInput.from_boto(update(deployment))  # the request alone cannot tell
    assert _rules(_check(deployment, [variant("blue", 4)]), "warning") == set()
    assert _rules(_check(deployment, [variant("blue", 10)]), "warning") == {"timeout-covers-plan"}


def _retained(last: dict[str, Any], old: list[dict[str, Any]]) -> list[Finding]:
    described = endpoint("prod-v1", *old) | {"LastDeploymentConfig": last}
    return list(
        check_deployment(
            UpdateEndpointInput.from_boto(update(RetainDeploymentConfig=True)),
            DescribeEndpointOutput.from_response(described),
            DescribeEndpointConfigOutput.from_response(config("prod-v1", *old)),
            DescribeEndpointConfigOutput.from_response(config("prod-v2", *old)),
        )
    )


def test_a_retained_deployment_config_is_the_one_checked() -> None:
    two = [variant("a", 2, weight=0.5), variant("b", 2, weight=0.5)]
    found = _retained(rolling(25), two)
    (finding,) = [f for f in found if f.rule == "rolling-one-variant"]
    assert (finding.input, finding.path) == ("endpoint", "LastDeploymentConfig.RollingUpdatePolicy")
    assert "canary-size" in _rules(_retained(canary(2, "INSTANCE_COUNT"), [variant("blue", 2)]))
    inf1 = _retained(canary(50), [variant("blue", 2, "ml.inf1.xlarge")])
    (fallback,) = [f for f in inf1 if f.rule == "falls-back-to-all-at-once"]
    assert "blue (ml.inf1.xlarge)" in fallback.message


@pytest.mark.parametrize(
    "last",
    [
        {"RollingUpdatePolicy": {"WaitIntervalInSeconds": 60}},  # no MaximumBatchSize
        {"RollingUpdatePolicy": {"MaximumBatchSize": {"Type": "INSTANCE_COUNT"}}},  # no Value
        {
            "BlueGreenUpdatePolicy": {
                "TrafficRoutingConfiguration": {
                    "Type": "LINEAR",
                    "LinearStepSize": {"Type": "CAPACITY_PERCENT", "Value": 0},
                }
            }
        },
    ],
    ids=["no batch size", "a size without a value", "a step of 0%"],
)
def test_a_policy_with_nothing_to_plan_with_is_a_warning_not_an_exception(
    last: dict[str, Any],
) -> None:
    # check_deployment answers with findings (the plan's checks left out, and said)
    (finding,) = [f for f in _retained(last, [variant("blue", 4)]) if f.rule == "plan"]
    assert (finding.level, finding.input, finding.path) == (
        "warning",
        "endpoint",
        "LastDeploymentConfig",
    )
    assert "has no positive Value" in finding.message
    assert "the timeout is not checked against one" in finding.message
    # plan_deployment cannot make one
    described = endpoint("prod-v1", variant("blue", 4)) | {"LastDeploymentConfig": last}
    with pytest.raises(PlanError, match="has no positive Value"):
        plan_deployment(
            update(RetainDeploymentConfig=True),
            described,
            config("prod-v1", variant("blue", 4)),
            config("prod-v2", variant("blue", 4)),
        )


def test_a_plan_too_long_to_make_keeps_the_rule_it_breaks() -> None:
    found = _check(rolling(1, "INSTANCE_COUNT"), [variant("a", 30_000)])
    assert "rolling-batch-size" in _rules(found)
    assert "plan" in _rules(found, "warning")


def test_a_linear_policy_without_a_step_is_a_finding() -> None:
    last = {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "LINEAR"}}}
    found = _retained(last, [variant("blue", 4)])
    assert _rules(found) == set()
    # a warning, and the plan (which cannot be made: nothing to shift by) is left out
    assert _rules(found, "warning") == {"linear-step-with-linear", "rollback-needs-alarms"}


# -- serverless, whole-fleet sizes and autoscaling (issue 20) ---------------------------------


def test_a_canary_on_a_serverless_variant_is_a_warning() -> None:
    found = _check(canary(10), [serverless("blue")])
    assert _rules(found) == set()
    (finding,) = [f for f in found if f.rule == "guardrails-not-serverless"]
    assert (finding.level, finding.path) == ("warning", ROUTING)
    assert "blue" in finding.message
    assert "Asynchronous inference and Real-time inference" in finding.quote
    # all at once guards nothing, and rolling is an error of its own
    assert _rules(_check(all_at_once(), [serverless("blue")]), "warning") == set()
    assert "rolling-not-serverless" in _rules(_check(rolling(25), [serverless("blue")]))


@pytest.mark.parametrize(
    ("deployment", "instances"),
    [
        (rolling(25), 1),  # 25% of 1 = 0.25, rounded up to the one instance
        (rolling(5), 1),  # a legal percent: only a fleet of one rounds up to all of it
        (canary(50), 1),
        (linear(50), 1),
    ],
)
def test_a_size_that_is_the_whole_fleet_is_a_warning(
    deployment: dict[str, Any], instances: int
) -> None:
    found = _check(deployment, [variant("blue", instances)])
    assert _rules(found) == set()
    (finding,) = [f for f in found if f.rule == "batch-is-whole-fleet"]
    assert finding.level == "warning"
    assert finding.message.startswith(f"{finding.value} (")
    assert "is the whole fleet of variant blue" in finding.message
    assert "batch-is-whole-fleet" not in _rules(_check(deployment, [variant("blue", 8)]), "warning")


def _scaled(*variants: str, endpoint_name: str = "prod") -> dict[str, Any]:
    """A DescribeScalableTargets response, as boto3 returns it."""
    return {
        "ScalableTargets": [
            {
                "ServiceNamespace": "sagemaker",
                "ResourceId": f"endpoint/{endpoint_name}/variant/{name}",
                "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
                "MinCapacity": 2,
                "MaxCapacity": 10,
                "RoleARN": "arn:aws:iam::123456789012:role/aws-service-role/x",
                "CreationTime": T0,
            }
            for name in variants
        ]
    }


def _autoscaled(
    old: list[dict[str, Any]],
    new: list[dict[str, Any]],
    targets: dict[str, Any],
    running: int | None = None,
    **request: Any,
) -> list[Finding]:
    described = endpoint("prod-v1", *old)
    if running is not None:  # what autoscaling has set
        for v in described["ProductionVariants"]:
            v["CurrentInstanceCount"] = v["DesiredInstanceCount"] = running
    return list(
        check_deployment(
            update(**request),
            described,
            config("prod-v1", *old),
            config("prod-v2", *new),
            scalable_targets=targets,
        )
    )


def test_an_instance_type_change_of_an_autoscaled_variant_is_an_error() -> None:
    found = _autoscaled([variant("blue", 4)], [variant("blue", 4, "ml.g5.xlarge")], _scaled("blue"))
    (finding,) = [f for f in found if f.rule == "autoscaled-variant-change"]
    assert (finding.level, finding.input, finding.path, finding.value) == (
        "error",
        "new_config",
        "ProductionVariants[0].InstanceType",
        "ml.g5.xlarge",
    )
    assert "from ml.m5.xlarge; it is autoscaled 2-10" in finding.message
    assert "the update fails" in finding.quote
    # not autoscaled, or scaled on another endpoint: no finding
    none: dict[str, Any] = {"ScalableTargets": []}
    for targets in (none, _scaled("blue", endpoint_name="other")):
        kept = _autoscaled([variant("blue", 4)], [variant("blue", 4, "ml.g5.xlarge")], targets)
        assert not [f for f in kept if f.rule.startswith("autoscaled-")]
    # the model may change ("auto scaling allows the update")
    model = variant("blue", 4) | {"ModelName": "model-blue-v2"}
    assert "autoscaled-variant-change" not in _rules(
        _autoscaled([variant("blue", 4)], [model], _scaled("blue"), RetainAllVariantProperties=True)
    )


def test_removing_an_autoscaled_variant_is_an_error() -> None:
    two = [variant("a", 2, weight=0.5), variant("b", 2, weight=0.5)]
    found = _autoscaled(two, [variant("a", 2)], _scaled("b"), RetainAllVariantProperties=True)
    (finding,) = [f for f in found if f.rule == "autoscaled-variant-change"]
    assert (finding.path, finding.value) == ("ProductionVariants", "b")
    assert "is left out of the new config" in finding.message


def test_an_autoscaled_count_reset_is_a_warning_showing_the_count() -> None:
    found = _autoscaled([variant("blue", 3)], [variant("blue", 3)], _scaled("blue"), running=6)
    (finding,) = [f for f in found if f.rule == "autoscaled-count-reset"]
    assert (finding.level, finding.path, finding.value) == (
        "warning",
        "ProductionVariants[0].InitialInstanceCount",
        3,
    )
    assert "variant blue, which runs 6 (autoscaled 2-10)" in finding.message
    retained = _autoscaled(
        [variant("blue", 3)],
        [variant("blue", 3)],
        _scaled("blue"),
        running=6,
        RetainAllVariantProperties=True,
    )
    assert "autoscaled-count-reset" not in _rules(retained, "warning")
    excluded = _autoscaled(
        [variant("blue", 3)],
        [variant("blue", 3)],
        _scaled("blue"),
        running=6,
        RetainAllVariantProperties=True,
        ExcludeRetainedVariantProperties=[{"VariantPropertyType": "DesiredInstanceCount"}],
    )
    assert "autoscaled-count-reset" in _rules(excluded, "warning")


def test_autoscaling_findings_name_what_changes() -> None:
    # to serverless: the member that changes, and no count to reset
    found = _autoscaled([variant("blue", 4)], [serverless("blue")], _scaled("blue"), running=6)
    (change,) = [f for f in found if f.rule == "autoscaled-variant-change"]
    assert change.path == "ProductionVariants[0].ServerlessConfig"
    assert "makes variant blue serverless (from ml.m5.xlarge)" in change.message
    assert "autoscaled-count-reset" not in _rules(found, "warning")


@pytest.mark.parametrize(
    ("targets", "path"),
    [
        ({}, "ScalableTargets"),
        ({"scalableTargets": []}, "scalableTargets"),  # a typo is not "nothing autoscaled"
        ({"ScalableTargets": "blue"}, "ScalableTargets"),
        ({"ScalableTargets": [7]}, "ScalableTargets[0]"),
        (
            {"ScalableTargets": [{**_scaled("blue")["ScalableTargets"][0], "MinCapacity": "2"}]},
            "ScalableTargets[0].MinCapacity",
        ),
        (
            {"ScalableTargets": [{**_scaled("blue")["ScalableTargets"][0], "ResourceId": None}]},
            "ScalableTargets[0].ResourceId",
        ),
        (  # another endpoint's target is checked too
            {
                "ScalableTargets": [
                    {**_scaled("x", endpoint_name="y")["ScalableTargets"][0], "MaxCapacity": 1.5}
                ]
            },
            "ScalableTargets[0].MaxCapacity",
        ),
    ],
)
def test_scalable_targets_no_response_holds_are_refused_at_their_path(
    targets: dict[str, Any], path: str
) -> None:
    with pytest.raises(ShapeValidationError) as caught:
        _autoscaled([variant("blue", 3)], [variant("blue", 3)], targets)
    assert [e.path for e in caught.value.errors] == [path]


def test_retain_and_a_new_deployment_config_is_a_warning() -> None:
    request = update(canary(25), RetainDeploymentConfig=True)
    assert _warnings(request) == {("retain-or-new-config", "DeploymentConfig")}
    # the plan takes the endpoint's last one, and says the request's is not planned
    described = endpoint("prod-v1", variant("blue", 4)) | {"LastDeploymentConfig": linear(25)}
    plan = plan_deployment(
        request,
        described,
        config("prod-v1", variant("blue", 4)),
        config("prod-v2", variant("blue", 4)),
    )
    assert plan.strategy == "LINEAR"
    assert any("the request's DeploymentConfig is not planned" in n for n in plan.notes)
    alone = plan_deployment(
        request,
        endpoint("prod-v1", variant("blue", 4)),
        config("prod-v1", variant("blue", 4)),
        config("prod-v2", variant("blue", 4)),
    )
    assert "RetainDeploymentConfig: the endpoint has no last deployment config" in alone.notes
    assert alone.strategy == "ALL_AT_ONCE"


def test_an_instance_count_of_a_count_the_update_changes_is_a_warning() -> None:
    # 5 instances: 250% of the 2 after the update, 50% of the 10 it runs now
    found = _check(rolling(5, "INSTANCE_COUNT"), [variant("blue", 10)], [variant("blue", 2)])
    (finding,) = [f for f in found if f.rule == "rolling-batch-size"]
    assert finding.level == "warning"
    assert "is 250% of 2 instances" in finding.message
    assert "of the 10 it runs now it is within, and AWS does not say which count" in finding.message
    # broken against both: an error; the share of a huge ratio is written plainly
    (both,) = [
        f
        for f in _check(canary(60, "INSTANCE_COUNT"), [variant("blue", 4)])
        if f.rule == "canary-size"
    ]
    assert both.level == "error"
    assert "is 1,500% of 4 instances" in both.message


def test_a_state_of_another_endpoint_or_config_is_said() -> None:
    old = [variant("blue", 4)]
    described = endpoint("prod-v1", *old) | {"EndpointName": "staging"}
    found = check_deployment(
        update(canary(25)), described, config("prod-v0", *old), config("prod-v3", *old)
    )
    assert {(f.input, f.path, f.value) for f in found if f.rule == "state"} == {
        ("endpoint", "EndpointName", "staging"),
        ("current_config", "EndpointConfigName", "prod-v0"),
        ("new_config", "EndpointConfigName", "prod-v3"),
    }
    assert not [f for f in _check(canary(25), old) if f.rule == "state"]
