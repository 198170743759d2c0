"""``plan_deployment``: what an UpdateEndpoint (or a CreateEndpoint) will do, step by step.

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
- Inf1 instances (and Marketplace containers): the policy is ignored, "a
  blue/green deployment with all at once traffic shifting and no final
  baking period" (exclusions page).
- CreateEndpoint: the fleet is provisioned and takes the traffic; "Specifying
  the deployment configuration does not automatically perform a blue/green
  update on your endpoint" (canary guide): it is kept for later updates.

What AWS rules out (rolling on several variants or on serverless, new
variant names under a policy) and what it leaves unsaid so that no plan can
follow it (both policies at once, a canary or linear policy without its
size) raise :class:`PlanError`, naming the rule. Where AWS's docs are
silent, the plan chooses and says so in ``notes``: every size is a share of
the variant's instance count after the update
(:attr:`VariantChange.size_basis`), rounded down to whole instances (at
least one); traffic within a variant is shared by active instances; a
variant's weight moves from its current one to its new one as traffic
shifts; serverless variants shift at once; shifts and terminations take no
time; provisioning takes ``provisioning_seconds`` per step; a step that
would change nothing is left out.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal, cast

from .fleets import (
    PlanError,
    VariantChange,
    created_variants,
    percent_of,
    variant_changes,
)
from .inputs import config_of, endpoint_of, new_config_of, request_of

if TYPE_CHECKING:
    from botoshapes.sagemaker import (
        CreateEndpointConfigInput,
        CreateEndpointInput,
        DescribeEndpointConfigOutput,
        DescribeEndpointOutput,
        UpdateEndpointInput,
    )

__all__ = [
    "DEFAULT_PROVISIONING_SECONDS",
    "MAX_STEPS",
    "DeploymentPlan",
    "Fleet",
    "PlanError",
    "Rollback",
    "Step",
    "plan_deployment",
]

MAX_STEPS = 10_000
"""The most steps a plan may have: more means instance counts no endpoint has."""
DEFAULT_PROVISIONING_SECONDS = 300
"""Seconds to provision a fleet or a batch: an assumption (AWS publishes no figure)."""

_SIZE_NAMES = {"CANARY": "CanarySize", "LINEAR": "LinearStepSize"}
Action = Literal["provision", "shift", "bake", "wait", "terminate"]
Strategy = Literal["ALL_AT_ONCE", "CANARY", "LINEAR", "ROLLING", "CREATE"]


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
    """``None`` once there is nothing to roll back to (the old fleet is gone, or a creation)."""
    note: str = ""


@dataclass(frozen=True, slots=True)
class DeploymentPlan:
    """What an update will do; see the module's docstring for the rules it follows."""

    strategy: Strategy
    """How traffic moves; ``CREATE`` for a CreateEndpoint, which has no traffic to move."""
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
    """Whether ``timed_seconds`` is within ``MaximumExecutionTimeoutInSeconds`` (if set)."""
    provisioning_seconds: int
    notes: tuple[str, ...] = field(default=())
    """Choices and roundings the plan made, defaults and fallbacks SageMaker applies."""
    timed_seconds: int = 0
    """What the timeout is compared with: the duration up to the end of the final bake.

    AWS does not say what the timeout counts, and its words conflict: the advice
    ("larger than the total waiting time specified in TerminationWaitInSeconds and
    WaitIntervalInSeconds") counts the termination wait, while its canary example (two
    600 s bakes, a 600 s termination wait, a 1,800 s timeout) would then time out with
    any provisioning time. The reading that lets AWS's example finish: the old fleet's
    termination wait comes after the deployment the timeout limits.
    """

    def to_dict(self) -> dict[str, Any]:
        """The plan as JSON-ready data (dicts, lists, scalars), with the field names above."""
        return {
            "strategy": self.strategy,
            "traffic_shifts": self.traffic_shifts,
            "peak_instances": dict(self.peak_instances),
            "waiting_seconds": self.waiting_seconds,
            "duration_seconds": self.duration_seconds,
            "timeout_seconds": self.timeout_seconds,
            "fits_timeout": self.fits_timeout,
            "timed_seconds": self.timed_seconds,
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

    def to_json(self, *, indent: int | None = 2) -> str:
        """The plan as JSON text: :meth:`to_dict`, written with ``indent``."""
        return json.dumps(self.to_dict(), indent=indent)


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
    guarded: bool = False
    """Whether the request gives a blue/green or rolling policy (whose rules then hold)."""


def inf1(changes: tuple[VariantChange, ...]) -> bool:
    """Whether any fleet runs on Inf1, for which SageMaker ignores the policy."""
    return any((t or "").startswith("ml.inf1.") for c in changes for t in (c.old_type, c.new_type))


def applied_config(request: UpdateEndpointInput, endpoint: DescribeEndpointOutput) -> Any:
    """The DeploymentConfig the update runs under: the request's, or with
    ``RetainDeploymentConfig`` the endpoint's last one."""
    if request.retain_deployment_config:
        return endpoint.last_deployment_config
    return request.deployment_config


def resolve_policy(
    request: UpdateEndpointInput,
    endpoint: DescribeEndpointOutput,
    changes: tuple[VariantChange, ...],
) -> Policy:
    """The policy the update runs under (``RetainDeploymentConfig``, defaults, fallbacks);
    :class:`PlanError` where AWS documents it cannot run."""
    config, notes = applied_config(request, endpoint), []
    if request.retain_deployment_config:
        notes.append(
            "RetainDeploymentConfig: the endpoint's last deployment config is used"
            if config is not None
            else "RetainDeploymentConfig: the endpoint has no last deployment config"
        )
        if request.deployment_config is not None:
            notes.append(
                "the request's DeploymentConfig is not planned: AWS does not say which of the"
                " two applies"
            )
    rolling = config.rolling_update_policy if config is not None else None
    blue_green = config.blue_green_update_policy if config is not None else None
    if rolling is not None and blue_green is not None:
        raise PlanError(
            "both BlueGreenUpdatePolicy and RollingUpdatePolicy are set, and AWS does not say"
            " which one SageMaker applies",
            "one-update-policy",
        )
    routing = blue_green.traffic_routing_configuration if blue_green is not None else None
    guarded = rolling is not None or blue_green is not None
    if inf1(changes):
        notes.append(
            "Inf1 instances: SageMaker ignores the policy and deploys blue/green, all at once,"
            " with no final baking period; the termination wait and the timeout are kept"
            " (AWS does not say they are dropped)"
        )
        policy = blue_green or rolling
        return Policy(
            "ALL_AT_ONCE",
            0,
            max((blue_green.termination_wait_in_seconds or 0) if blue_green else 0, 0),
            policy.maximum_execution_timeout_in_seconds if policy is not None else None,
            None,
            None,
            tuple(notes),
            guarded=False,  # guardrails do not apply: as without a policy
        )
    if rolling is not None:
        return _rolling_policy(rolling, changes, notes)
    if blue_green is None:
        notes.append("no update policy: SageMaker deploys blue/green, all at once")
        return Policy("ALL_AT_ONCE", 0, 0, None, None, None, tuple(notes), guarded)
    kind = "" if routing is None else str(routing.type)
    if routing is None or kind not in ("ALL_AT_ONCE", "CANARY", "LINEAR"):
        # a response's policy without its routing, or with a Type this SDK does not know
        notes.append(
            f"traffic routing {kind or 'not given'}: planned as all at once (AWS's default)"
        )
        return Policy(
            "ALL_AT_ONCE",
            max(routing.wait_interval_in_seconds or 0, 0) if routing is not None else 0,
            max(blue_green.termination_wait_in_seconds or 0, 0),
            blue_green.maximum_execution_timeout_in_seconds,
            None,
            None,
            tuple(notes),
            guarded,
        )
    strategy: Strategy = (
        "CANARY" if kind == "CANARY" else "LINEAR" if kind == "LINEAR" else "ALL_AT_ONCE"
    )
    size = routing.canary_size if strategy == "CANARY" else routing.linear_step_size
    for member, value, wanted in (
        ("CanarySize", routing.canary_size, "CANARY"),
        ("LinearStepSize", routing.linear_step_size, "LINEAR"),
    ):
        if value is not None and strategy != wanted:
            notes.append(f"{member} is not used by a {kind} traffic shift (AWS does not say)")
    if strategy != "ALL_AT_ONCE" and size is None:
        member = _SIZE_NAMES[strategy]
        raise PlanError(
            f"a {strategy} traffic shift without {member}: AWS does not say what it shifts by",
            "canary-size-with-canary" if strategy == "CANARY" else "linear-step-with-linear",
        )
    if strategy != "ALL_AT_ONCE" and all(c.serverless for c in changes if c.kept):
        notes.append(
            f"serverless: deployment guardrails apply to real-time and asynchronous endpoints"
            f" only, so the {strategy} policy is planned as one shift (AWS does not say what"
            " SageMaker does)"
        )
        strategy, size = "ALL_AT_ONCE", None
    return Policy(
        strategy,
        max(routing.wait_interval_in_seconds or 0, 0),
        max(blue_green.termination_wait_in_seconds or 0, 0),
        blue_green.maximum_execution_timeout_in_seconds,
        size,
        None,
        tuple(notes),
        guarded,
    )


def _rolling_policy(rolling: Any, changes: tuple[VariantChange, ...], notes: list[str]) -> Policy:
    serverless = [c.name for c in changes if c.serverless]
    if serverless:
        raise PlanError(
            f"a rolling deployment of serverless variant {', '.join(serverless)}: AWS excludes it",
            "rolling-not-serverless",
        )
    variants = [c.name for c in changes if c.kept or c.old_instances]
    if len(variants) > 1:
        raise PlanError(
            f"a rolling deployment of {len(variants)} variants ({', '.join(variants)}):"
            " AWS excludes multi-variant endpoints",
            "rolling-one-variant",
        )
    return Policy(
        "ROLLING",
        max(rolling.wait_interval_in_seconds or 0, 0),
        0,
        rolling.maximum_execution_timeout_in_seconds,
        rolling.maximum_batch_size,
        rolling.rollback_maximum_batch_size,
        tuple(notes),
        guarded=True,
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
        self.progress = 0.0
        """How far the endpoint's weights have moved from the current to the new ones (0-1)."""

    def fleets(self) -> tuple[Fleet, ...]:
        out = []
        for c in self.changes:
            weight = 100 * (c.old_weight * (1 - self.progress) + c.weight * self.progress)
            share = self.share[c.name] if c.existed and c.kept else 0.0 if c.existed else 1.0
            if c.existed:
                out.append(Fleet(c.name, "old", c.old_type, self.old[c.name], weight * (1 - share)))
            if c.kept:
                out.append(Fleet(c.name, "new", c.new_type, self.new[c.name], weight * share))
        return tuple(out)

    def step(self, action: Action, seconds: int, rollback: Rollback | None, note: str = "") -> None:
        if len(self.steps) >= MAX_STEPS:
            raise PlanError(
                f"the plan would take more than {MAX_STEPS:,} steps: check the instance counts"
            )
        self.steps.append(
            Step(len(self.steps) + 1, action, self.now, seconds, self.fleets(), rollback, note)
        )
        self.now += seconds


def plan_deployment(
    request: UpdateEndpointInput | CreateEndpointInput | Mapping[str, Any],
    endpoint: DescribeEndpointOutput | Mapping[str, Any] | None,
    current_config: DescribeEndpointConfigOutput | Mapping[str, Any] | None,
    new_config: DescribeEndpointConfigOutput | CreateEndpointConfigInput | Mapping[str, Any],
    *,
    provisioning_seconds: int = DEFAULT_PROVISIONING_SECONDS,
    operation: Literal["UpdateEndpoint", "CreateEndpoint"] | None = None,
) -> DeploymentPlan:
    """The plan of ``request`` on ``endpoint`` (running ``current_config``) to ``new_config``.

    Each input is a typed model or its boto3 dict (:mod:`.inputs`; a request dict is read
    strictly, so a broken rule raises ``ShapeValidationError``; ``operation`` says which
    request a dict is, as for ``check_deployment``). A CreateEndpoint request is planned as
    the creation it is, from ``new_config`` alone (``endpoint`` and ``current_config`` are
    ``None``). ``provisioning_seconds`` is how long provisioning a fleet or a batch is
    assumed to take (default :data:`DEFAULT_PROVISIONING_SECONDS`). An update AWS documents
    as impossible raises :class:`PlanError` naming the rule.
    """
    if provisioning_seconds < 0:
        raise ValueError(f"provisioning_seconds is {provisioning_seconds}, less than 0")
    model = request_of(request, operation)
    if type(model).__name__ == "CreateEndpointInput":
        return _creation(
            cast("CreateEndpointInput", model), new_config_of(new_config), provisioning_seconds
        )
    if endpoint is None or current_config is None:
        raise ValueError(
            "an UpdateEndpoint is planned against the endpoint and its current config:"
            " endpoint and current_config are None"
        )
    update = cast("UpdateEndpointInput", model)
    state = endpoint_of(endpoint)
    changes = variant_changes(update, state, config_of(current_config), new_config_of(new_config))
    policy = resolve_policy(update, state, changes)
    if policy.guarded:
        renamed = sorted(c.name for c in changes if not (c.existed and c.kept))
        if renamed:
            raise PlanError(
                f"the new config's variant names differ from the endpoint's ({', '.join(renamed)}"
                " in one only): AWS requires the same names under a blue/green or rolling policy",
                "same-variant-names",
            )
    builder = _StepBuilder(changes)
    notes = list(policy.notes)
    if policy.strategy == "ROLLING":
        notes += _rolling(builder, policy, provisioning_seconds)
    else:
        notes += _blue_green(builder, policy, provisioning_seconds)
    return _finished(builder, policy, provisioning_seconds, notes)


def _finished(
    builder: _StepBuilder, policy: Policy, provisioning: int, notes: list[str]
) -> DeploymentPlan:
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
    timed = next((s.start_seconds for s in builder.steps if s.action == "wait"), builder.now)
    return DeploymentPlan(
        strategy=policy.strategy,
        steps=tuple(builder.steps),
        traffic_shifts=sum(1 for s in builder.steps if s.action == "shift"),
        peak_instances=dict(sorted(peak.items())),
        waiting_seconds=waiting,
        duration_seconds=builder.now,
        timeout_seconds=timeout,
        fits_timeout=timeout is None or timed <= timeout,
        provisioning_seconds=provisioning,
        notes=tuple(notes),
        timed_seconds=timed,
    )


def _creation(
    request: CreateEndpointInput,
    new_config: DescribeEndpointConfigOutput | CreateEndpointConfigInput,
    provisioning: int,
) -> DeploymentPlan:
    builder = _StepBuilder(created_variants(new_config))
    notes = []
    if request.deployment_config is not None:
        notes.append(
            "CreateEndpoint: the DeploymentConfig is kept for later updates"
            " (RetainDeploymentConfig=True) and performs no blue/green deployment now (AWS)"
        )
    for c in builder.changes:
        builder.new[c.name] = c.new_instances
    builder.step("provision", provisioning, None, "the fleet, in full")
    builder.progress = 1.0
    builder.step("shift", 0, None, "the endpoint is InService and takes traffic")
    return _finished(builder, Policy("CREATE", 0, 0, None, None, None, ()), provisioning, notes)


def _active(
    changes: tuple[VariantChange, ...], policy: Policy, notes: list[str]
) -> dict[str, list[int]]:
    """Each variant's new instances taking traffic after each of its shifts."""
    active: dict[str, list[int]] = {}
    for c in changes:
        total = c.new_instances
        if policy.strategy == "ALL_AT_ONCE" or policy.size is None or c.serverless or not total:
            if c.serverless and policy.strategy != "ALL_AT_ONCE":
                notes.append(f"{c.name}: serverless, shifted at once")
            active[c.name] = [total]
            continue
        size, how = percent_of(c.size_basis, policy.size, _SIZE_NAMES[policy.strategy])
        notes.append(
            f"{c.name}: {'canary' if policy.strategy == 'CANARY' else 'linear step'} {how}"
        )
        if policy.strategy == "CANARY":
            active[c.name] = [min(size, total), total]
        elif math.ceil(total / size) > MAX_STEPS:
            raise PlanError(f"{c.name}: {math.ceil(total / size):,} linear steps, too many")
        else:
            active[c.name] = [min(k * size, total) for k in range(1, math.ceil(total / size) + 1)]
    return active


def _blue_green(builder: _StepBuilder, policy: Policy, provisioning: int) -> list[str]:
    notes: list[str] = []
    changes = builder.changes
    active = _active(changes, policy, notes)
    for c in changes:
        builder.new[c.name] = c.new_instances
    back = Rollback(0, 1)
    builder.step("provision", provisioning, back, "the new fleet, in full")
    # The traffic after each shift; a shift that would move nothing (a canary that is the
    # whole fleet, say) is left out.
    wanted = max((len(a) for a in active.values()), default=1)
    shifts: list[dict[str, float]] = []
    for k in range(wanted):
        shares = {
            c.name: 1.0
            if k == wanted - 1 or not c.new_instances
            else active[c.name][min(k, len(active[c.name]) - 1)] / c.new_instances
            for c in changes
        }
        if not shifts or shares != shifts[-1]:
            shifts.append(shares)
    if len(shifts) < wanted:
        notes.append(f"{wanted - len(shifts)} shift(s) that would move no traffic left out")
    for k, shares in enumerate(shifts, 1):
        builder.share |= shares
        builder.progress = k / len(shifts)
        builder.step("shift", 0, back, f"traffic shift {k} of {len(shifts)}")
        if policy.bake_seconds:  # a bake of 0 s changes nothing
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
        batch[c.name], how = percent_of(c.size_basis, policy.size, "MaximumBatchSize")
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
        builder.progress = min(builder.share.values(), default=1.0)

    round_ = 0
    while any(
        builder.new[c.name] < c.new_instances or builder.old[c.name] > 0 for c in builder.changes
    ):
        round_ += 1
        adding = {
            c.name: min(batch[c.name], c.new_instances - builder.new[c.name])
            for c in builder.changes
        }
        # A round that adds nothing (the new fleet is smaller than the old) only terminates:
        # no traffic moves, so there is no shift to bake.
        if any(adding.values()):
            for name, count in adding.items():
                builder.new[name] += count
            builder.step("provision", provisioning, rollback(), f"batch {round_}")
            if any(builder.old.values()):  # else the new fleet has all the traffic already
                shares()
                builder.step("shift", 0, rollback(), f"batch {round_}")
                if policy.bake_seconds:
                    builder.step("bake", policy.bake_seconds, rollback())
        ending = {c.name: min(batch[c.name], builder.old[c.name]) for c in builder.changes}
        for name, count in ending.items():
            builder.old[name] -= count
        shares()
        done = all(
            builder.new[c.name] >= c.new_instances and builder.old[c.name] == 0
            for c in builder.changes
        )
        if any(ending.values()):
            builder.step("terminate", 0, None if done else rollback(), f"old batch {round_}")
        elif done:  # the old fleet went with an earlier batch: the last bake ends it
            builder.steps[-1] = replace(builder.steps[-1], rollback=None)
    return notes
