"""``plan_deployment``: what an UpdateEndpoint will do, step by step, before it is sent.

One pure function from the request, the endpoint, its current config, the
new config and an explicit provisioning-time assumption to an immutable
:class:`DeploymentPlan`. The text table, JSON, the chart, the CLI and the
local rehearsal all read the plan; none of them does the step arithmetic.

How SageMaker deploys (AWS's deployment-guardrails guide):

- blue/green: the new fleet is provisioned in full; traffic shifts to it
  (all at once, canary then the rest, or in linear steps), each shift
  followed by a bake of ``WaitIntervalInSeconds``; after
  ``TerminationWaitInSeconds`` the old fleet is terminated. A rollback
  before that shifts all traffic back to the old fleet, which is still up.
- rolling: a batch of new instances is provisioned, traffic shifts to it,
  it bakes, and a batch of old instances is terminated; until the new fleet
  is complete and the old one gone. A rollback provisions the terminated old
  instances again, in batches of ``RollbackMaximumBatchSize`` (default: all).

Where AWS's docs are silent, the plan chooses and says so in ``notes``: a
percent is rounded up to whole instances (at least one); traffic within a
variant is shared by active instances; a variant's share of the endpoint is
its weight in the new config; shifts and terminations take no time;
provisioning takes ``provisioning_seconds`` per step.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, cast

from .fleets import VariantChange, percent_of, variant_changes
from .inputs import config_of, endpoint_of, new_config_of, request_of

if TYPE_CHECKING:
    from botoshapes.sagemaker import (
        CreateEndpointConfigInput,
        DescribeEndpointConfigOutput,
        DescribeEndpointOutput,
        UpdateEndpointInput,
    )

MAX_STEPS = 10_000
"""The most steps a plan may have: more means instance counts no endpoint has."""
DEFAULT_PROVISIONING_SECONDS = 300
"""Seconds to provision a fleet or a batch: an assumption (AWS publishes no figure)."""

_SIZE_NAMES = {"CANARY": "CanarySize", "LINEAR": "LinearStepSize"}
Action = Literal["provision", "shift", "bake", "wait", "terminate"]
Strategy = Literal["ALL_AT_ONCE", "CANARY", "LINEAR", "ROLLING"]


@dataclass(frozen=True, slots=True)
class Fleet:
    """One fleet of one variant after a step: ``old`` (what runs now) or ``new``."""

    variant: str
    fleet: Literal["old", "new"]
    instance_type: str | None
    """``None`` for a serverless variant."""
    instances: int
    traffic_percent: float
    """This fleet's share of the endpoint's traffic."""


@dataclass(frozen=True, slots=True)
class Rollback:
    """What a rollback during a step brings back."""

    instances: int
    """Old instances to provision again (rolling); 0 while the old fleet is up."""
    batches: int
    """Steps the rollback takes (``RollbackMaximumBatchSize``); 1 for blue/green."""


@dataclass(frozen=True, slots=True)
class Step:
    """One thing SageMaker does; ``fleets`` is the state once it is done."""

    index: int
    action: Action
    start_seconds: int
    seconds: int
    fleets: tuple[Fleet, ...]
    rollback: Rollback | None
    """``None`` once the old fleet is terminated: the deployment is complete."""
    note: str = ""


@dataclass(frozen=True, slots=True)
class DeploymentPlan:
    """What an update will do; see the module's docstring for the rules it follows."""

    strategy: Strategy
    steps: tuple[Step, ...]
    traffic_shifts: int
    """How many times traffic moves to the new fleet."""
    peak_instances: Mapping[str, int]
    """Per instance type, the most instances running at once: what the quota must allow."""
    waiting_seconds: int
    """Bakes and the termination wait."""
    duration_seconds: int
    """The shortest total: waiting plus provisioning (assumed)."""
    timeout_seconds: int | None
    fits_timeout: bool
    """Whether ``duration_seconds`` is within ``MaximumExecutionTimeoutInSeconds`` (if set)."""
    provisioning_seconds: int
    notes: tuple[str, ...] = field(default=())
    """Choices and roundings the plan made, defaults and fallbacks SageMaker applies."""

    def to_json(self) -> dict[str, Any]:
        """The plan as JSON-ready data, with the field names above."""
        return {
            "strategy": self.strategy,
            "traffic_shifts": self.traffic_shifts,
            "peak_instances": dict(self.peak_instances),
            "waiting_seconds": self.waiting_seconds,
            "duration_seconds": self.duration_seconds,
            "timeout_seconds": self.timeout_seconds,
            "fits_timeout": self.fits_timeout,
            "provisioning_seconds": self.provisioning_seconds,
            "notes": list(self.notes),
            "steps": [
                {
                    "index": s.index,
                    "action": s.action,
                    "start_seconds": s.start_seconds,
                    "seconds": s.seconds,
                    "note": s.note,
                    "rollback": None
                    if s.rollback is None
                    else {"instances": s.rollback.instances, "batches": s.rollback.batches},
                    "fleets": [
                        {
                            "variant": f.variant,
                            "fleet": f.fleet,
                            "instance_type": f.instance_type,
                            "instances": f.instances,
                            "traffic_percent": f.traffic_percent,
                        }
                        for f in s.fleets
                    ],
                }
                for s in self.steps
            ],
        }


@dataclass(frozen=True, slots=True)
class Policy:
    """The deployment policy SageMaker will apply, defaults and fallbacks resolved."""

    strategy: Strategy
    bake_seconds: int
    termination_wait_seconds: int
    timeout_seconds: int | None
    size: Any
    """CanarySize, LinearStepSize or MaximumBatchSize; ``None`` for all at once."""
    rollback_size: Any
    notes: tuple[str, ...]


def inf1(changes: tuple[VariantChange, ...]) -> bool:
    """Whether any fleet runs on Inf1, for which SageMaker ignores the policy."""
    return any((t or "").startswith("ml.inf1.") for c in changes for t in (c.old_type, c.new_type))


def resolve_policy(
    request: UpdateEndpointInput,
    endpoint: DescribeEndpointOutput,
    changes: tuple[VariantChange, ...],
) -> Policy:
    """The policy the update runs under (``RetainDeploymentConfig``, defaults, Inf1)."""
    config, notes = request.deployment_config, []
    if request.retain_deployment_config:
        config = endpoint.last_deployment_config
        notes.append("RetainDeploymentConfig: the endpoint's last deployment config is used")
    if inf1(changes):
        notes.append("Inf1 instances: SageMaker deploys blue/green, all at once, without baking")
        return Policy("ALL_AT_ONCE", 0, 0, None, None, None, tuple(notes))
    rolling = config.rolling_update_policy if config is not None else None
    if rolling is not None:
        return Policy(
            "ROLLING",
            max(rolling.wait_interval_in_seconds or 0, 0),
            0,
            rolling.maximum_execution_timeout_in_seconds,
            rolling.maximum_batch_size,
            rolling.rollback_maximum_batch_size,
            tuple(notes),
        )
    blue_green = config.blue_green_update_policy if config is not None else None
    routing = blue_green.traffic_routing_configuration if blue_green is not None else None
    if blue_green is None or routing is None:
        notes.append("no update policy: SageMaker deploys blue/green, all at once")
        return Policy("ALL_AT_ONCE", 0, 0, None, None, None, tuple(notes))
    kind = str(routing.type)
    strategy: Strategy = (
        "CANARY" if kind == "CANARY" else "LINEAR" if kind == "LINEAR" else "ALL_AT_ONCE"
    )
    return Policy(
        strategy,
        max(routing.wait_interval_in_seconds or 0, 0),
        max(blue_green.termination_wait_in_seconds or 0, 0),
        blue_green.maximum_execution_timeout_in_seconds,
        routing.canary_size if strategy == "CANARY" else routing.linear_step_size,
        None,
        tuple(notes),
    )


class _StepBuilder:
    """Builds the plan's steps, one after another, keeping the time and each fleet's state."""

    def __init__(self, changes: tuple[VariantChange, ...]) -> None:
        self.changes = changes
        self.now = 0
        self.steps: list[Step] = []
        self.old = {c.name: c.old_instances for c in changes}
        self.new = dict.fromkeys(self.old, 0)
        self.share = {c.name: 0.0 for c in changes}
        """The new fleet's share of each variant's traffic (0-1)."""

    def fleets(self) -> tuple[Fleet, ...]:
        out = []
        for c in self.changes:
            weight = 100 * c.weight
            if c.existed:
                out.append(
                    Fleet(
                        c.name,
                        "old",
                        c.old_type,
                        self.old[c.name],
                        weight * (1 - self.share[c.name]),
                    )
                )
            out.append(
                Fleet(c.name, "new", c.new_type, self.new[c.name], weight * self.share[c.name])
            )
        return tuple(out)

    def step(self, action: Action, seconds: int, rollback: Rollback | None, note: str = "") -> None:
        if len(self.steps) >= MAX_STEPS:
            raise ValueError(
                f"the plan would take more than {MAX_STEPS:,} steps: check the instance counts"
            )
        self.steps.append(
            Step(len(self.steps) + 1, action, self.now, seconds, self.fleets(), rollback, note)
        )
        self.now += seconds


def plan_deployment(
    request: UpdateEndpointInput | Mapping[str, Any],
    endpoint: DescribeEndpointOutput | Mapping[str, Any],
    current_config: DescribeEndpointConfigOutput | Mapping[str, Any],
    new_config: DescribeEndpointConfigOutput | CreateEndpointConfigInput | Mapping[str, Any],
    *,
    provisioning_seconds: int = DEFAULT_PROVISIONING_SECONDS,
) -> DeploymentPlan:
    """The plan of ``request`` on ``endpoint`` (running ``current_config``) to ``new_config``.

    Each input is a typed model or its boto3 dict (:mod:`.inputs`; a request dict is read
    strictly, so a broken rule raises ``ShapeValidationError``). ``provisioning_seconds``
    is how long provisioning a fleet or a batch is assumed to take (default
    :data:`DEFAULT_PROVISIONING_SECONDS`).
    """
    if provisioning_seconds < 0:
        raise ValueError(f"provisioning_seconds is {provisioning_seconds}, less than 0")
    update = cast("UpdateEndpointInput", request_of(request, "UpdateEndpoint"))
    state = endpoint_of(endpoint)
    changes = variant_changes(update, state, config_of(current_config), new_config_of(new_config))
    policy = resolve_policy(update, state, changes)
    builder = _StepBuilder(changes)
    notes = list(policy.notes)
    if policy.strategy == "ROLLING":
        notes += _rolling(builder, policy, provisioning_seconds)
    else:
        notes += _blue_green(builder, policy, provisioning_seconds)
    peak: dict[str, int] = {}
    for step in builder.steps:
        running: dict[str, int] = {}
        for fleet in step.fleets:
            if fleet.instance_type is not None:
                running[fleet.instance_type] = running.get(fleet.instance_type, 0) + fleet.instances
        for kind, count in running.items():
            peak[kind] = max(peak.get(kind, 0), count)
    waiting = sum(s.seconds for s in builder.steps if s.action in ("bake", "wait"))
    timeout = policy.timeout_seconds
    return DeploymentPlan(
        strategy=policy.strategy,
        steps=tuple(builder.steps),
        traffic_shifts=sum(1 for s in builder.steps if s.action == "shift"),
        peak_instances=dict(sorted(peak.items())),
        waiting_seconds=waiting,
        duration_seconds=builder.now,
        timeout_seconds=timeout,
        fits_timeout=timeout is None or builder.now <= timeout,
        provisioning_seconds=provisioning_seconds,
        notes=tuple(notes),
    )


def _blue_green(builder: _StepBuilder, policy: Policy, provisioning: int) -> list[str]:
    notes: list[str] = []
    changes = builder.changes
    active: dict[str, list[int]] = {}  # new instances taking traffic after each shift
    for c in changes:
        total = c.new_instances
        if policy.strategy == "ALL_AT_ONCE" or policy.size is None or total == 0:
            active[c.name] = [total]
            continue
        size, how = percent_of(total, policy.size, _SIZE_NAMES[policy.strategy])
        notes.append(
            f"{c.name}: {'canary' if policy.strategy == 'CANARY' else 'linear step'} {how}"
        )
        if policy.strategy == "CANARY":
            active[c.name] = [min(size, total), total]
        elif math.ceil(total / size) > MAX_STEPS:
            raise ValueError(f"{c.name}: {math.ceil(total / size):,} linear steps, too many")
        else:
            active[c.name] = [min(k * size, total) for k in range(1, math.ceil(total / size) + 1)]
    for c in changes:
        builder.new[c.name] = c.new_instances
    back = Rollback(0, 1)
    builder.step("provision", provisioning, back, "the new fleet, in full")
    shifts = max((len(a) for a in active.values()), default=1)
    for k in range(shifts):
        for c in changes:
            steps = active[c.name]
            done = steps[min(k, len(steps) - 1)]
            builder.share[c.name] = (done / c.new_instances) if c.new_instances else 1.0
            if k == shifts - 1:
                builder.share[c.name] = 1.0
        builder.step("shift", 0, back, f"traffic shift {k + 1} of {shifts}")
        builder.step("bake", policy.bake_seconds, back)
    if policy.termination_wait_seconds:
        builder.step("wait", policy.termination_wait_seconds, back, "TerminationWaitInSeconds")
    for c in changes:
        builder.old[c.name] = 0
    builder.step("terminate", 0, None, "the old fleet")
    return notes


def _rolling(builder: _StepBuilder, policy: Policy, provisioning: int) -> list[str]:
    notes: list[str] = []
    batch: dict[str, int] = {}
    back_batch: dict[str, int] = {}
    for c in builder.changes:
        batch[c.name], how = percent_of(
            c.old_instances or c.new_instances, policy.size, "MaximumBatchSize"
        )
        notes.append(f"{c.name}: batch {how}")
        if policy.rollback_size is None:
            back_batch[c.name] = max(c.old_instances, 1)
        else:
            back_batch[c.name], how = percent_of(
                c.old_instances, policy.rollback_size, "RollbackMaximumBatchSize"
            )
            notes.append(f"{c.name}: rollback batch {how}")
    if policy.rollback_size is None:
        notes.append("no RollbackMaximumBatchSize: a rollback brings the old fleet back at once")

    def rollback() -> Rollback:
        gone = sum(c.old_instances - builder.old[c.name] for c in builder.changes)
        steps = max(
            (
                math.ceil((c.old_instances - builder.old[c.name]) / back_batch[c.name])
                for c in builder.changes
            ),
            default=0,
        )
        return Rollback(gone, max(steps, 1))

    def shares() -> None:
        for c in builder.changes:
            serving = builder.new[c.name] + builder.old[c.name]
            builder.share[c.name] = builder.new[c.name] / serving if serving else 1.0

    round_ = 0
    while any(
        builder.new[c.name] < c.new_instances or builder.old[c.name] > 0 for c in builder.changes
    ):
        round_ += 1
        adding = {
            c.name: min(batch[c.name], c.new_instances - builder.new[c.name])
            for c in builder.changes
        }
        if any(adding.values()):
            for name, count in adding.items():
                builder.new[name] += count
            builder.step("provision", provisioning, rollback(), f"batch {round_}")
        shares()
        builder.step("shift", 0, rollback(), f"batch {round_}")
        builder.step("bake", policy.bake_seconds, rollback())
        for c in builder.changes:
            builder.old[c.name] -= min(batch[c.name], builder.old[c.name])
        shares()
        done = all(
            builder.new[c.name] >= c.new_instances and builder.old[c.name] == 0
            for c in builder.changes
        )
        builder.step("terminate", 0, None if done else rollback(), f"old batch {round_}")
    return notes
