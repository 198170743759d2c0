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
from botoshapes.sagemaker.deploy import DeploymentPlan, plan_deployment, render_plan
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
    data = json.loads(json.dumps(plan.to_json()))
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
