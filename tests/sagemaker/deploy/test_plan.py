"""``plan_deployment``: the steps of blue/green and rolling updates, and what holds for any plan."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from botoshapes import constraint_checks
from botoshapes.sagemaker import (
    CreateEndpointConfigInput,
    DescribeEndpointConfigOutput,
    DescribeEndpointOutput,
    UpdateEndpointInput,
)
from botoshapes.sagemaker.deploy import DeploymentPlan, PlanError, plan_deployment, render_plan
from tests.deploy_states import (
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


def _plan(
    deployment: dict[str, Any] | None,
    old: list[dict[str, Any]],
    new: list[dict[str, Any]] | None = None,
    **request: Any,
) -> DeploymentPlan:
    with constraint_checks(False):  # plans are made for requests the rules refuse, too
        update_request = UpdateEndpointInput.from_boto(update(deployment, **request))
    return plan_deployment(
        update_request,
        DescribeEndpointOutput.from_response(endpoint("prod-v1", *old)),
        DescribeEndpointConfigOutput.from_response(config("prod-v1", *old)),
        CreateEndpointConfigInput.from_boto(
            {"EndpointConfigName": "prod-v2", "ProductionVariants": new or old}
        ),
    )


def _traffic(plan: DeploymentPlan) -> list[tuple[str, float]]:
    """(action, the new fleets' traffic percent) after each step."""
    return [
        (s.action, round(sum(f.traffic_percent for f in s.fleets if f.fleet == "new"), 6))
        for s in plan.steps
    ]


def test_canary_10_percent_of_4_instances() -> None:
    plan = _plan(canary(10, bake=600, TerminationWaitInSeconds=300), [variant("blue", 4)])
    assert _traffic(plan) == [
        ("provision", 0),
        ("shift", 25),  # 10% of 4 is 0.4 instances, rounded up to 1: a quarter of the traffic
        ("bake", 25),
        ("shift", 100),
        ("bake", 100),
        ("wait", 100),
        ("terminate", 100),
    ]
    assert plan.traffic_shifts == 2
    assert plan.peak_instances == {"ml.m5.xlarge": 8}
    assert (plan.waiting_seconds, plan.duration_seconds) == (1500, 1800)
    assert "blue: canary 10% of 4 instances = 0.4, rounded up to 1" in plan.notes


def test_linear_25_percent_of_8_instances() -> None:
    plan = _plan(linear(25, bake=300), [variant("blue", 8)])
    shifts = [t for a, t in _traffic(plan) if a == "shift"]
    assert shifts == [25, 50, 75, 100]
    assert plan.peak_instances == {"ml.m5.xlarge": 16}
    assert plan.waiting_seconds == 4 * 300
    assert "blue: linear step 25% of 8 instances = 2" in plan.notes  # exact: nothing rounded


def test_rolling_25_percent_of_8_instances() -> None:
    plan = _plan(
        rolling(25, RollbackMaximumBatchSize={"Type": "INSTANCE_COUNT", "Value": 1}),
        [variant("blue", 8)],
    )
    assert plan.strategy == "ROLLING"
    assert plan.traffic_shifts == 4
    assert plan.peak_instances == {"ml.m5.xlarge": 10}  # the old fleet and one batch of 2
    counts = [
        (s.action, *(f.instances for f in s.fleets)) for s in plan.steps if s.action != "bake"
    ]
    assert counts[:4] == [
        ("provision", 8, 2),
        ("shift", 8, 2),
        ("terminate", 6, 2),
        ("provision", 6, 4),
    ]
    assert counts[-1] == ("terminate", 0, 8)
    # a rollback in the third batch brings back the 4 old instances gone, one at a time
    third = next(s for s in plan.steps if s.note == "batch 3" and s.action == "shift")
    assert third.rollback is not None
    assert (third.rollback.instances, third.rollback.batches) == (4, 4)
    assert plan.steps[-1].rollback is None


def test_all_at_once_and_no_policy() -> None:
    plan = _plan(all_at_once(bake=120), [variant("blue", 2)])
    assert [a for a, _ in _traffic(plan)] == ["provision", "shift", "bake", "terminate"]
    assert plan.waiting_seconds == 120
    default = _plan(None, [variant("blue", 2)])
    assert default.strategy == "ALL_AT_ONCE"
    assert "no update policy: SageMaker deploys blue/green, all at once" in default.notes


def test_a_new_instance_type_is_counted_apart() -> None:
    plan = _plan(canary(50), [variant("blue", 2)], [variant("blue", 3, "ml.g5.xlarge")])
    assert plan.peak_instances == {"ml.g5.xlarge": 3, "ml.m5.xlarge": 2}


def test_retained_counts_and_weights_come_from_the_endpoint() -> None:
    plan = _plan(
        canary(50),
        [variant("blue", 2)],
        [variant("blue", 6)],
        RetainAllVariantProperties=True,
    )
    assert plan.steps[-1].fleets[-1].instances == 2
    excluded = _plan(
        canary(50),
        [variant("blue", 2)],
        [variant("blue", 6)],
        RetainAllVariantProperties=True,
        ExcludeRetainedVariantProperties=[{"VariantPropertyType": "DesiredInstanceCount"}],
    )
    assert excluded.steps[-1].fleets[-1].instances == 6


def test_the_timeout_is_compared_with_the_shortest_duration() -> None:
    plan = _plan(canary(50, bake=600, MaximumExecutionTimeoutInSeconds=1500), [variant("blue", 2)])
    assert (plan.duration_seconds, plan.fits_timeout) == (1500, True)
    late = _plan(canary(50, bake=600, MaximumExecutionTimeoutInSeconds=1499), [variant("blue", 2)])
    assert late.fits_timeout is False


def test_json_and_text_carry_the_plan() -> None:
    plan = _plan(canary(10), [variant("blue", 4)])
    data = json.loads(plan.to_json())
    assert data == plan.to_dict()
    assert set(data) >= {
        "steps", "traffic_shifts", "peak_instances", "waiting_seconds", "duration_seconds",
        "fits_timeout",
    }  # fmt: skip
    assert data["peak_instances"] == {"ml.m5.xlarge": 8}
    assert len(data["steps"]) == len(plan.steps)
    text = render_plan(plan)
    assert "peak instances    8 x ml.m5.xlarge" in text
    # the new fleet is up in full; its canary instance takes a quarter of the traffic
    assert "blue old: 4 ml.m5.xlarge, 75%; blue new: 4 ml.m5.xlarge, 25%" in text


# -- invariants of any plan -------------------------------------------------------------------

TYPES = ("ml.m5.xlarge", "ml.g5.2xlarge")


@st.composite
def scenarios(
    draw: st.DrawFn,
) -> tuple[dict[str, Any] | None, list[dict[str, Any]], list[dict[str, Any]]]:
    kind = draw(st.sampled_from(["canary", "linear", "all", "rolling", "none"]))
    many = 1 if kind == "rolling" else draw(st.integers(1, 4))
    names = [f"v{i}" for i in range(many)]
    old = [
        variant(n, draw(st.integers(1, 40)), draw(st.sampled_from(TYPES)), draw(st.floats(0, 5)))
        for n in names
    ]
    new = [
        variant(n, draw(st.integers(1, 40)), draw(st.sampled_from(TYPES)), draw(st.floats(0, 5)))
        for n in names
    ]
    bake = draw(st.integers(0, 3600))
    value = draw(st.integers(1, 50))
    size = draw(st.sampled_from(["CAPACITY_PERCENT", "INSTANCE_COUNT"]))
    deployment: dict[str, Any] | None = None
    if kind == "canary":
        deployment = canary(value, size, bake)
    elif kind == "linear":
        deployment = linear(value, size, bake)
    elif kind == "all":
        deployment = all_at_once(bake)
    elif kind == "rolling":
        deployment = rolling(value, size, bake)
    return deployment, old, new


@settings(max_examples=200)
@given(scenarios())
def test_every_plan_keeps_its_invariants(
    scenario: tuple[dict[str, Any] | None, list[dict[str, Any]], list[dict[str, Any]]],
) -> None:
    deployment, old, new = scenario
    plan = _plan(deployment, old, new)
    for step in plan.steps:  # shares sum to 100% at every step
        assert sum(f.traffic_percent for f in step.fleets) == pytest.approx(100)
    last = {(f.variant, f.fleet): f.instances for f in plan.steps[-1].fleets}
    for v in new:  # the new fleet ends with the new config's counts, the old at zero
        assert last[v["VariantName"], "new"] == v["InitialInstanceCount"]
        assert last[v["VariantName"], "old"] == 0
    old_total = sum(v["InitialInstanceCount"] for v in old)
    new_total = sum(v["InitialInstanceCount"] for v in new)
    peak = sum(plan.peak_instances.values())
    if plan.strategy == "ROLLING":
        assert peak >= old_total
    else:  # blue/green runs both fleets at once
        assert peak >= old_total + new_total
    bake = 0
    if deployment is not None:
        policy = deployment.get("RollingUpdatePolicy") or deployment["BlueGreenUpdatePolicy"]
        bake = policy.get(
            "WaitIntervalInSeconds",
            policy.get("TrafficRoutingConfiguration", {}).get("WaitIntervalInSeconds", 0),
        )
    assert plan.waiting_seconds >= bake * plan.traffic_shifts
    assert plan.duration_seconds >= plan.waiting_seconds
    starts = [s.start_seconds for s in plan.steps]
    assert starts == sorted(starts)


def test_a_new_variant_and_serverless_ones_keep_the_traffic_whole() -> None:
    plan = _plan(all_at_once(), [serverless("blue")], [serverless("blue")])
    for step in plan.steps:
        assert sum(f.traffic_percent for f in step.fleets) == pytest.approx(100)
    assert plan.peak_instances == {}


def test_instance_counts_no_endpoint_has_are_refused_not_planned() -> None:
    with pytest.raises(ValueError, match="more than 10,000 steps"):
        _plan(rolling(1, "INSTANCE_COUNT"), [variant("blue", 10**6)])
    with pytest.raises(ValueError, match="linear steps, too many"):
        _plan(linear(1, "INSTANCE_COUNT"), [variant("blue", 10**9)])


def test_retained_counts_are_the_endpoint_s_desired_ones() -> None:
    described = endpoint("prod-v1", variant("blue", 4))
    described["ProductionVariants"][0]["DesiredInstanceCount"] = 6  # autoscaling is adding two
    with constraint_checks(False):
        request = UpdateEndpointInput.from_boto(update(canary(50), RetainAllVariantProperties=True))
    plan = plan_deployment(
        request,
        DescribeEndpointOutput.from_response(described),
        DescribeEndpointConfigOutput.from_response(config("prod-v1", variant("blue", 4))),
        DescribeEndpointConfigOutput.from_response(config("prod-v2", variant("blue", 2))),
    )
    assert plan.steps[-1].fleets[-1].instances == 6


def test_what_no_response_can_mean_does_not_bend_the_plan() -> None:
    described = endpoint("prod-v1", variant("blue", 2))
    plan = plan_deployment(
        UpdateEndpointInput.from_boto(update(canary(50))),
        DescribeEndpointOutput.from_response(described),
        DescribeEndpointConfigOutput.from_response(config("prod-v1", variant("blue", 2))),
        DescribeEndpointConfigOutput.from_response(
            config("prod-v2", variant("blue", 2, weight=float("nan")))
        ),
    )
    for step in plan.steps:
        assert sum(f.traffic_percent for f in step.fleets) == pytest.approx(100)
    described["LastDeploymentConfig"] = canary(50, bake=-600)
    retained = plan_deployment(
        UpdateEndpointInput.from_boto(update(RetainDeploymentConfig=True)),
        DescribeEndpointOutput.from_response(described),
        DescribeEndpointConfigOutput.from_response(config("prod-v1", variant("blue", 2))),
        DescribeEndpointConfigOutput.from_response(config("prod-v2", variant("blue", 2))),
    )
    assert retained.waiting_seconds == 0
    assert [s.start_seconds for s in retained.steps] == sorted(
        s.start_seconds for s in retained.steps
    )


# -- the guides' cases (issue 20) -------------------------------------------------------------


def _fleets(step: Any) -> list[tuple[str, str, int, float]]:
    return [(f.variant, f.fleet, f.instances, round(f.traffic_percent, 6)) for f in step.fleets]


def test_inf1_falls_back_to_all_at_once_keeping_the_wait_and_the_timeout() -> None:
    deployment = canary(
        10, TerminationWaitInSeconds=600, MaximumExecutionTimeoutInSeconds=1800, bake=300
    )
    plan = _plan(deployment, [variant("blue", 4, "ml.inf1.xlarge")])
    assert plan.strategy == "ALL_AT_ONCE"
    # no final baking period (AWS); the termination wait and the timeout as the request sets
    assert [s.action for s in plan.steps] == ["provision", "shift", "wait", "terminate"]
    assert (plan.waiting_seconds, plan.timeout_seconds) == (600, 1800)
    assert "timeout           30m (fits: 5m to the final bake's end)" in render_plan(plan)


def test_serverless_is_shifted_at_once_and_shown_without_a_count() -> None:
    plan = _plan(canary(10), [serverless("blue")])
    assert plan.strategy == "ALL_AT_ONCE"
    assert plan.traffic_shifts == 1
    assert any("serverless: deployment guardrails apply" in n for n in plan.notes)
    text = render_plan(plan)
    assert "blue new: serverless, 100%" in text
    assert "0 serverless" not in text
    with pytest.raises(
        PlanError, match=r"serverless variant blue.*\[rule rolling-not-serverless\]"
    ):
        _plan(rolling(25), [serverless("blue")])


def test_a_renamed_variant_has_no_phantom_fleet_and_whole_traffic() -> None:
    # without a policy a new config may rename (an A/B test): the old variant has no new fleet
    plan = _plan(None, [variant("blue", 2)], [variant("green", 3)])
    assert _fleets(plan.steps[0]) == [("green", "new", 3, 0.0), ("blue", "old", 2, 100.0)]
    assert _fleets(plan.steps[1]) == [("green", "new", 3, 100.0), ("blue", "old", 2, 0.0)]
    for step in plan.steps:
        assert sum(f.traffic_percent for f in step.fleets) == pytest.approx(100)
    # under a policy AWS requires the same names: refused, naming the rule
    with pytest.raises(PlanError, match=r"blue, green in one only.*same-variant-names"):
        _plan(canary(10), [variant("blue", 2)], [variant("green", 3)])


def test_weights_move_from_the_current_ones_to_the_new_ones() -> None:
    old = [variant("a", 2, weight=3.0), variant("b", 2, weight=1.0)]
    new = [variant("a", 2, weight=1.0), variant("b", 2, weight=1.0)]
    plan = _plan(None, old, new)
    assert _fleets(plan.steps[0])[::2] == [("a", "old", 2, 75.0), ("b", "old", 2, 25.0)]
    assert _fleets(plan.steps[-1])[1::2] == [("a", "new", 2, 50.0), ("b", "new", 2, 50.0)]


def _autoscaled(deployment: dict[str, Any], **request: Any) -> DeploymentPlan:
    """An endpoint whose configs say 3 instances and which autoscaling runs at 6."""
    described = endpoint("prod-v1", variant("blue", 3))
    described["ProductionVariants"][0] |= {"CurrentInstanceCount": 6, "DesiredInstanceCount": 6}
    return plan_deployment(
        update(deployment, **request),
        described,
        config("prod-v1", variant("blue", 3)),
        config("prod-v2", variant("blue", 3, "ml.g5.xlarge")),
    )


def test_every_size_is_a_share_of_the_count_after_the_update() -> None:
    # the update sets 3 (InitialInstanceCount): a canary and a rolling batch are shares of 3
    assert (
        "blue: canary 50% of 3 instances = 1.5, rounded down to 1" in _autoscaled(canary(50)).notes
    )
    rolled = _autoscaled(rolling(50))
    assert "blue: batch 50% of 3 instances = 1.5, rounded down to 1" in rolled.notes
    # with the desired count retained, of 6
    kept = _autoscaled(canary(50), RetainAllVariantProperties=True)
    assert "blue: canary 50% of 6 instances = 3" in kept.notes


def test_no_step_changes_nothing() -> None:
    shrinking = _autoscaled(rolling(50))  # 6 old instances, 3 new, batches of 2
    for before, step in zip(shrinking.steps, shrinking.steps[1:], strict=False):
        if step.action == "shift":
            assert step.fleets != before.fleets, step
        if step.action == "bake":
            assert before.action == "shift"
    # the last old batch goes without a shift that moves nothing
    assert [s.action for s in shrinking.steps[-2:]] == ["terminate", "terminate"]
    # a canary that rounds up to the whole fleet is one shift, said in the notes
    whole = _plan(canary(50), [variant("blue", 1)])
    assert whole.traffic_shifts == 1
    assert "1 shift(s) that would move no traffic left out" in whole.notes
    # a bake of 0 s is no step
    assert "bake" not in [s.action for s in _plan(canary(25, bake=0), [variant("blue", 4)]).steps]


@pytest.mark.parametrize(
    ("deployment", "rule"),
    [
        ({**canary(10), **rolling(25)}, "one-update-policy"),
        (
            {
                "BlueGreenUpdatePolicy": {
                    "TrafficRoutingConfiguration": {"Type": "CANARY", "WaitIntervalInSeconds": 60}
                }
            },
            "canary-size-with-canary",
        ),
        (
            {
                "BlueGreenUpdatePolicy": {
                    "TrafficRoutingConfiguration": {"Type": "LINEAR", "WaitIntervalInSeconds": 60}
                }
            },
            "linear-step-with-linear",
        ),
    ],
    ids=["both policies", "canary without a size", "linear without a step"],
)
def test_what_aws_leaves_unsaid_is_refused_with_the_reason(
    deployment: dict[str, Any], rule: str
) -> None:
    with pytest.raises(PlanError) as caught:
        _plan(deployment, [variant("blue", 4)])
    assert caught.value.rule == rule
    assert "AWS does not say" in str(caught.value)


def test_rolling_on_two_variants_is_refused() -> None:
    two = [variant("a", 4, weight=0.5), variant("b", 4, weight=0.5)]
    with pytest.raises(PlanError, match=r"2 variants \(a, b\).*rolling-one-variant"):
        _plan(rolling(25), two)


def test_a_create_endpoint_is_planned_as_a_creation() -> None:
    request = {
        "EndpointName": "prod",
        "EndpointConfigName": "prod-v1",
        "DeploymentConfig": canary(10),
    }
    plan = plan_deployment(
        request,
        None,
        None,
        {"EndpointConfigName": "prod-v1", "ProductionVariants": [variant("blue", 4)]},
        operation="CreateEndpoint",
    )
    assert plan.strategy == "CREATE"
    assert [s.action for s in plan.steps] == ["provision", "shift"]
    assert _fleets(plan.steps[-1]) == [("blue", "new", 4, 100.0)]
    assert all(s.rollback is None for s in plan.steps)
    assert plan.peak_instances == {"ml.m5.xlarge": 4}
    assert any("performs no blue/green deployment now" in n for n in plan.notes)
    with pytest.raises(ValueError, match="endpoint and current_config are None"):
        plan_deployment(update(canary(10)), None, None, config("prod-v2", variant("blue", 4)))


def test_a_growing_rolling_fleet_ends_without_a_step_that_changes_nothing() -> None:
    plan = _plan(rolling(50), [variant("blue", 2)], [variant("blue", 6, "ml.c5.xlarge")])
    for before, step in zip(plan.steps, plan.steps[1:], strict=False):
        assert step.fleets != before.fleets or step.action == "bake", (before, step)
    assert plan.steps[-1].rollback is None
    assert [s.action for s in plan.steps].count("terminate") == 1  # the 2 old go at once


def test_inf1_takes_a_renamed_variant_as_without_a_policy() -> None:
    # guardrails do not apply to Inf1: the update is all at once, as without a policy
    plan = _plan(canary(10), [variant("blue", 2, "ml.inf1.xlarge")], [variant("green", 2)])
    assert plan.strategy == "ALL_AT_ONCE"


def test_a_policy_without_its_routing_keeps_its_waits() -> None:
    described = endpoint("prod-v1", variant("blue", 2))
    described["LastDeploymentConfig"] = {
        "BlueGreenUpdatePolicy": {
            "TerminationWaitInSeconds": 600,
            "MaximumExecutionTimeoutInSeconds": 3600,
        }
    }
    plan = plan_deployment(
        update(RetainDeploymentConfig=True),
        described,
        config("prod-v1", variant("blue", 2)),
        config("prod-v2", variant("blue", 2)),
    )
    assert (plan.strategy, plan.waiting_seconds, plan.timeout_seconds) == ("ALL_AT_ONCE", 600, 3600)
    assert "traffic routing not given: planned as all at once (AWS's default)" in plan.notes
