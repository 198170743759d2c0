"""What an endpoint looks like while the local server plays a deployment on its clock.

Pure bookkeeping, no moto and no HTTP: a :class:`Rehearsal` holds the
endpoint's state (what ``DescribeEndpoint`` shows) and the timed steps still
to come, and :meth:`Rehearsal.advance` plays them up to a point in simulated
time, asking its :class:`Probes` whether an alarm went off and whether
instances could be provisioned. The steps of an update are the
:class:`~botoshapes.sagemaker.deploy.DeploymentPlan`'s, shifted to the
moment the update started; creating an endpoint and changing weights and
capacities are one step each.

A rollback starts when a bake sees an alarm in ``ALARM``, when provisioning
fails, or when ``MaximumExecutionTimeoutInSeconds`` runs out. Traffic goes
back to the old fleet at once; the old instances the update had terminated
are provisioned again in the plan's rollback batches
(``RollbackMaximumBatchSize``), each taking the provisioning time; a
rollback with nothing to provision again (blue/green) takes one
provisioning time to tear the new fleet down. If provisioning fails during
the rollback, the endpoint ends ``UpdateRollbackFailed``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal, Protocol

from botoshapes.sagemaker.deploy import Step

_VARIANT_STATUS = {
    "provision": "Creating",
    "shift": "ActivatingTraffic",
    "bake": "Baking",
    "wait": "Baking",
}


@dataclass(frozen=True, slots=True)
class Spec:
    """One variant as a config asks for it."""

    name: str
    model: str
    instance_type: str | None
    instances: int
    weight: float
    serverless: Mapping[str, Any] | None = None
    shown: Mapping[str, Any] | None = None
    """What DescribeEndpoint repeats of the config's variant (``ManagedInstanceScaling``,
    ``RoutingConfig``)."""


@dataclass(slots=True)
class Variant:
    """One variant as ``DescribeEndpoint`` shows it (live or pending)."""

    spec: Spec
    current_instances: int
    current_weight: float
    desired_instances: int
    desired_weight: float
    statuses: list[tuple[str, str, float]] = field(default_factory=list)
    """``(Status, StatusMessage, simulated time)``, oldest first."""

    @classmethod
    def serving(cls, spec: Spec, instances: int | None = None) -> Variant:
        count = spec.instances if instances is None else instances
        return cls(spec, count, spec.weight, count, spec.weight)


@dataclass(slots=True)
class EndpointState:
    """What ``DescribeEndpoint`` shows, times in simulated seconds."""

    status: str
    config_name: str
    live: list[Variant]
    pending: list[Variant] | None = None
    pending_config: str | None = None
    pending_since: float | None = None
    failure_reason: str | None = None
    last_deployment_config: Mapping[str, Any] | None = None
    modified: float = 0.0


class Probes(Protocol):
    """What the rehearsal asks the server while it plays."""

    def alarm_at(self, start: float, end: float) -> tuple[float, str] | None:
        """The first moment in ``[start, end)`` an alarm is in ``ALARM``, and its name."""
        ...

    def provision(self, model: str, instances: int) -> str | None:
        """Provision ``instances`` of ``model``; ``None`` if they came up, else why not."""
        ...


@dataclass(frozen=True, slots=True)
class Timed:
    """A plan step at its moment on the simulated clock."""

    step: Step
    start: float

    @property
    def end(self) -> float:
        return self.start + self.step.seconds


Phase = Literal["deploying", "rolling-back", "done"]


class Rehearsal:
    """One deployment of one endpoint, played as the clock moves (see the module)."""

    def __init__(
        self,
        during: EndpointState,
        steps: list[Timed],
        after: EndpointState,
        *,
        before: EndpointState | None,
        provisioning_seconds: int,
        timeout_at: float | None = None,
        alarms: tuple[str, ...] = (),
        rollback_status: str = "Updating",
        explain: bool = True,
    ) -> None:
        """Play ``steps`` from ``during`` to ``after``; a failure rolls back to ``before``.

        Without ``before`` (a new endpoint) a failure leaves the endpoint ``Failed``.
        A bake rolls back when one of ``alarms`` (CloudWatch alarm names) is in ``ALARM``.
        While it rolls back the endpoint shows ``rollback_status``; it ends ``InService``
        on the old config with a ``FailureReason``, or none if not ``explain``.
        """
        self.rollback_status = rollback_status
        self.explain = explain
        self.state = during
        self.steps = steps
        self._after = after
        self._before = before
        self.provisioning = provisioning_seconds
        self.timeout_at = timeout_at
        self._untimed_from = next(
            (i for i, t in enumerate(steps) if t.step.action == "wait"), len(steps)
        )
        """The first step the timeout does not limit: the old fleet's termination wait."""
        self.alarms = alarms
        self.phase: Phase = "deploying"
        self._next = 0
        self._started = -1
        self._rollback: list[tuple[float, Callable[[float], bool]]] = []
        self._serverless: set[str] = set()
        """Serverless variants of the new config provisioned so far."""

    def advance(self, now: float, probes: Probes) -> None:
        """Play every step due by ``now`` (simulated seconds)."""
        while self.phase == "deploying" and self._next < len(self.steps):
            timed = self.steps[self._next]
            if timed.start > now:
                return
            if self._started < self._next:
                self._started = self._next
                self._begin(timed)
            cut = self._cutoff(timed, min(now, timed.end), probes)
            if cut is not None:
                self.roll_back(cut[0], cut[1], probes)
                break
            if timed.end > now:
                return
            failure = self._provision(timed, probes)
            if failure is not None:
                self.roll_back(timed.end, failure, probes)
                break
            self._complete(timed)
            self._next += 1
        if self.phase == "deploying":
            self.phase = "done"
            self.state = replace(self._after, modified=self.steps[-1].end if self.steps else now)
        while self.phase == "rolling-back" and self._rollback and self._rollback[0][0] <= now:
            at, action = self._rollback.pop(0)
            if not action(at):
                self._rollback.clear()
        if self.phase == "rolling-back" and not self._rollback:
            self.phase = "done"

    # -- the steps ---------------------------------------------------------

    def _begin(self, timed: Timed) -> None:
        status = _VARIANT_STATUS.get(timed.step.action)
        note = timed.step.note
        if timed.step.action == "wait":
            note = "TerminationWaitInSeconds: the old fleet stays up"
        if status is not None:
            for variant in self.state.pending or ():
                variant.statuses.append((status, note, timed.start))
        if timed.step.action == "terminate":
            remaining = {f.variant: f.instances for f in timed.step.fleets if f.fleet == "old"}
            for variant in self.state.live:
                if remaining.get(variant.spec.name, 0) < variant.current_instances:
                    variant.statuses.append(("Deleting", note, timed.start))
        self.state.modified = timed.start

    def _cutoff(self, timed: Timed, until: float, probes: Probes) -> tuple[float, str] | None:
        """The first reason to roll back within the step, up to ``until``."""
        found: list[tuple[float, str]] = []
        if self.alarms and timed.step.action == "bake" and timed.step.seconds > 0:
            alarm = probes.alarm_at(timed.start, min(until, timed.end))
            if alarm is not None:
                found.append((alarm[0], f"Alarm {alarm[1]} went into ALARM while baking"))
        # The old fleet's termination wait comes after what the timeout limits (see
        # DeploymentPlan.timed_seconds).
        limit = self.timeout_at if self._next < self._untimed_from else None
        if limit is not None and limit < timed.end and limit <= until:
            found.append(
                (
                    max(limit, timed.start),
                    "The deployment did not finish within MaximumExecutionTimeoutInSeconds",
                )
            )
        return min(found) if found else None

    def _provision(self, timed: Timed, probes: Probes) -> str | None:
        if timed.step.action != "provision":
            return None
        fleets = {("new", v.spec.name): v for v in self.state.pending or ()}
        fleets.update({("old", v.spec.name): v for v in self.state.live})
        for fleet in timed.step.fleets:
            variant = fleets.get((fleet.fleet, fleet.variant))
            if variant is None:
                continue
            if variant.spec.serverless is not None:  # provisioned once, as one
                if fleet.fleet == "new" and variant.spec.name not in self._serverless:
                    self._serverless.add(variant.spec.name)
                    failure = probes.provision(variant.spec.model, 1)
                    if failure is not None:
                        return f"Variant {fleet.variant}: {failure}"
                continue
            added = fleet.instances - variant.current_instances
            if added > 0:
                failure = probes.provision(variant.spec.model, added)
                if failure is not None:
                    return f"Variant {fleet.variant}: {failure}"
        return None

    def _complete(self, timed: Timed) -> None:
        """The fleets as the step leaves them: instances, and weights by traffic."""
        live = {v.spec.name: v for v in self.state.live}
        pending = {v.spec.name: v for v in self.state.pending or ()}
        traffic: dict[tuple[str, str], float] = {}
        for fleet in timed.step.fleets:
            traffic[fleet.variant, fleet.fleet] = fleet.traffic_percent
            target = (live if fleet.fleet == "old" else pending).get(fleet.variant)
            if target is not None and target.spec.serverless is None:
                target.current_instances = fleet.instances
        for name in {*live, *pending}:
            old, new = traffic.get((name, "old"), 0.0), traffic.get((name, "new"), 0.0)
            share = new / (old + new) if old + new > 0 else 0.0
            if name in live:
                live[name].current_weight = live[name].spec.weight * (1 - share)
            if name in pending:
                pending[name].current_weight = pending[name].spec.weight * share
        self.state.modified = timed.end

    # -- rolling back -------------------------------------------------------

    def roll_back(self, at: float, reason: str, probes: Probes) -> None:
        """Start rolling back at ``at``: traffic back at once, old instances in batches.

        A new endpoint has nothing to go back to: it fails.
        """
        state, before = self.state, self._before
        state.failure_reason = reason if self.explain or before is None else None
        state.modified = at
        if before is None:
            self.phase = "done"
            state.status = "Failed"
            state.pending = state.pending_config = state.pending_since = None
            return
        self.phase = "rolling-back"
        state.status = self.rollback_status
        for variant in state.pending or ():
            variant.statuses.append(("Deleting", "rolling back", at))
            variant.current_weight = 0.0  # traffic goes back to the old fleet at once
        weights = {v.spec.name: v.current_weight for v in before.live}
        for variant in state.live:
            variant.current_weight = weights.get(variant.spec.name, variant.current_weight)
        step = self.steps[min(self._next, len(self.steps) - 1)].step
        back = step.rollback
        batches = max(back.batches, 1) if back is not None and back.instances else 1
        self._rollback = [
            (at + k * self.provisioning, self._batch(k, batches, probes))
            for k in range(1, batches + 1)
        ]

    def _batch(self, k: int, batches: int, probes: Probes) -> Callable[[float], bool]:
        """Rollback batch ``k``: provision its share of the old instances; the last restores."""

        def run(at: float) -> bool:
            state, before = self.state, self._before
            assert before is not None
            wanted = {v.spec.name: v.current_instances for v in before.live}
            for variant in state.live:
                if variant.spec.name not in wanted or variant.spec.serverless is not None:
                    continue
                missing = wanted[variant.spec.name] - variant.current_instances
                count = math.ceil(missing / (batches - k + 1)) if missing > 0 else 0
                failure = probes.provision(variant.spec.model, count) if count else None
                if failure is not None:
                    _share_by_instances(state)
                    state.status = "UpdateRollbackFailed"
                    state.failure_reason = "; ".join(
                        part
                        for part in (
                            state.failure_reason,
                            f"the rollback failed too: variant {variant.spec.name}: {failure}",
                        )
                        if part
                    )
                    state.modified = at
                    return False
                variant.current_instances += count
            if k == batches:
                self.state = replace(
                    before,
                    failure_reason=state.failure_reason,
                    last_deployment_config=state.last_deployment_config,
                    modified=at,
                )
            return True

        return run


def _share_by_instances(state: EndpointState) -> None:
    """Weights of a mixed fleet: each variant's traffic shared by its old and new instances."""
    pending = {v.spec.name: v for v in state.pending or ()}
    for variant in state.live:
        new = pending.get(variant.spec.name)
        old_count = variant.current_instances
        new_count = new.current_instances if new is not None else 0
        if old_count + new_count == 0:
            continue
        variant.current_weight = variant.spec.weight * old_count / (old_count + new_count)
        if new is not None:
            new.current_weight = new.spec.weight * new_count / (old_count + new_count)
