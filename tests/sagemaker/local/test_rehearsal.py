"""The local server's rehearsal without a server: a plan played on a clock the test holds.

Each test builds a real plan (``plan_deployment`` of real-shaped inputs), plays
it with :class:`Probes` the test controls, and reads the state at exact moments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from botoshapes.sagemaker import (
    DescribeEndpointConfigOutput,
    DescribeEndpointOutput,
    UpdateEndpointInput,
)
from botoshapes.sagemaker.deploy import plan_deployment
from botoshapes.sagemaker.local.rehearsal import EndpointState, Rehearsal, Spec, Timed, Variant
from tests.deploy_states import canary, config, endpoint, rolling, update, variant


@dataclass
class Probes:
    alarm: tuple[float, float] | None = None
    """When the alarm is in ALARM (simulated seconds)."""
    budget: dict[str, int] = field(default_factory=dict)
    """Instances each model can still provision (absent: any)."""
    asked: list[tuple[str, int]] = field(default_factory=list)

    def alarm_at(self, start: float, end: float) -> tuple[float, str] | None:
        if self.alarm is None or not (self.alarm[0] < end and self.alarm[1] > start):
            return None
        return max(self.alarm[0], start), "p99-latency"

    def provision(self, model: str, instances: int) -> str | None:
        self.asked.append((model, instances))
        left = self.budget.get(model)
        if left is not None and instances > left:
            return f"no capacity for {instances} of {model}"
        if left is not None:
            self.budget[model] = left - instances
        return None


def _rehearsal(deployment: dict[str, Any], count: int) -> Rehearsal:
    old, new = variant("AllTraffic", count), variant("AllTraffic", count, "ml.c5.xlarge")
    plan = plan_deployment(
        UpdateEndpointInput.from_boto(update(deployment)),
        DescribeEndpointOutput.from_response(endpoint("prod-v1", old)),
        DescribeEndpointConfigOutput.from_response(config("prod-v1", old)),
        DescribeEndpointConfigOutput.from_response(config("prod-v2", new)),
    )
    before_spec = Spec("AllTraffic", "old-model", "ml.m5.xlarge", count, 1.0)
    after_spec = Spec("AllTraffic", "new-model", "ml.c5.xlarge", count, 1.0)

    def before() -> EndpointState:
        return EndpointState("InService", "prod-v1", [Variant.serving(before_spec)])

    during = before()
    during.status = "Updating"
    during.pending = [Variant(after_spec, 0, 0.0, count, 1.0)]
    during.pending_config = "prod-v2"
    timeout = plan.timeout_seconds
    return Rehearsal(
        during,
        [Timed(step, step.start_seconds) for step in plan.steps],
        EndpointState("InService", "prod-v2", [Variant.serving(after_spec)]),
        before=before(),
        provisioning_seconds=plan.provisioning_seconds,
        timeout_at=timeout,
        alarms=("p99-latency",),
    )


def _live(r: Rehearsal) -> tuple[int, float]:
    (v,) = r.state.live
    return v.current_instances, v.current_weight


def _new(r: Rehearsal) -> tuple[int, float, list[str]]:
    assert r.state.pending is not None
    (v,) = r.state.pending
    return v.current_instances, v.current_weight, [s for s, _, _ in v.statuses]


def test_a_canary_moves_traffic_at_the_plans_moments() -> None:
    r, probes = _rehearsal(canary(25), 4), Probes()
    r.advance(299, probes)
    assert (_live(r), _new(r)) == ((4, 1.0), (0, 0.0, ["Creating"]))
    r.advance(300, probes)  # provisioned, first shift, baking
    assert (_live(r), _new(r)) == (
        (4, 0.75),
        (4, 0.25, ["Creating", "ActivatingTraffic", "Baking"]),
    )
    r.advance(1499, probes)
    assert _live(r) == (4, 0.0)
    assert r.state.status == "Updating"
    r.advance(1500, probes)
    assert (r.state.status, r.state.config_name, r.state.pending) == ("InService", "prod-v2", None)
    assert probes.asked == [("new-model", 4)]


def test_an_alarm_rolls_back_from_the_moment_it_went_off() -> None:
    r, probes = _rehearsal(canary(25), 4), Probes(alarm=(700, float("inf")))
    r.advance(650, probes)
    assert r.state.status == "Updating"
    r.advance(750, probes)
    assert (r.state.status, r.state.modified) == ("Updating", 700)
    assert r.state.failure_reason == "Alarm p99-latency went into ALARM while baking"
    assert _live(r) == (4, 1.0)  # traffic back at once
    assert _new(r)[1] == 0.0
    r.advance(999, probes)
    assert r.state.status == "Updating"
    r.advance(1000, probes)  # the new fleet torn down: one provisioning time
    assert (r.state.status, r.state.config_name, r.state.pending) == ("InService", "prod-v1", None)
    assert r.state.failure_reason is not None
    assert _live(r) == (4, 1.0)


def test_an_alarm_between_bakes_waits_for_the_next_bake() -> None:
    r, probes = _rehearsal(canary(25), 4), Probes(alarm=(100, 200))  # while provisioning
    r.advance(2000, probes)
    assert r.state.config_name == "prod-v2"


def test_a_rolling_rollback_brings_the_old_instances_back_in_batches() -> None:
    policy = rolling(25, RollbackMaximumBatchSize={"Type": "INSTANCE_COUNT", "Value": 1})
    r, probes = _rehearsal(policy, 8), Probes(alarm=(1000, float("inf")))
    # batch 1: provision 0-300, bake 300-600, 2 old gone; batch 2 bakes 900-1200
    r.advance(1050, probes)
    assert (r.state.status, r.state.modified) == ("Updating", 1000)
    assert _live(r)[0] == 6
    r.advance(1300, probes)
    assert (r.state.status, _live(r)[0]) == ("Updating", 7)
    r.advance(1600, probes)
    assert (r.state.status, r.state.config_name, _live(r)) == ("InService", "prod-v1", (8, 1.0))
    assert probes.asked == [("new-model", 2), ("new-model", 2), ("old-model", 1), ("old-model", 1)]


def test_a_rollback_that_cannot_provision_stops_where_it_is() -> None:
    policy = rolling(25, RollbackMaximumBatchSize={"Type": "INSTANCE_COUNT", "Value": 1})
    probes = Probes(alarm=(1000, float("inf")), budget={"old-model": 1})
    r = _rehearsal(policy, 8)
    r.advance(5000, probes)
    assert (r.state.status, _live(r)[0]) == ("UpdateRollbackFailed", 7)
    assert r.state.failure_reason is not None
    assert "the rollback failed too: variant AllTraffic: no capacity" in r.state.failure_reason
    assert r.phase == "done"


def test_failed_provisioning_and_the_timeout_roll_back() -> None:
    r, probes = _rehearsal(canary(25), 4), Probes(budget={"new-model": 3})
    r.advance(300, probes)
    assert r.state.status == "Updating"
    assert r.state.failure_reason == "Variant AllTraffic: no capacity for 4 of new-model"
    r = _rehearsal(canary(25, MaximumExecutionTimeoutInSeconds=1300), 4)
    r.advance(1299, Probes())
    assert r.state.status == "Updating"
    r.advance(1300, Probes())
    assert (r.state.status, r.state.modified) == ("Updating", 1300)
    assert "MaximumExecutionTimeoutInSeconds" in (r.state.failure_reason or "")
