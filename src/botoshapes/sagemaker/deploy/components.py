"""An inference component's update, in copies: ``plan_component_update`` and its checks.

An endpoint that hosts inference components is updated one component at a
time: ``UpdateInferenceComponent`` with an ``InferenceComponentDeploymentConfig``
whose ``RollingUpdatePolicy`` moves copies in batches. AWS's words
(API_InferenceComponentRollingUpdatePolicy): "For each step, SageMaker AI
provisions capacity on the new endpoint fleet, routes traffic to that fleet,
and terminates capacity on the old endpoint fleet"; the bake is "the baking
period, during which SageMaker AI monitors alarms for each batch on the new
fleet"; ``RollbackMaximumBatchSize`` absent means "SageMaker AI provisions the
entire capacity of the old fleet at once during rollback".

Where AWS is silent the plan chooses, and says so in ``notes``:

- a percent batch is a share of the copy count after the update, rounded down
  to whole copies, at least one (as the endpoint plan rounds);
- a batch of new copies replaces as many old ones; when the copy count
  changes in the same request, the last batches only add (or the last one
  removes what is left);
- an update with no ``DeploymentConfig`` is planned as all copies at once;
  one that changes only ``RuntimeConfig.CopyCount`` adds or removes copies
  without rolling (as ``UpdateInferenceComponentRuntimeConfig`` does);
- a traffic share is the new copies' share of all copies serving;
- provisioning a batch takes ``provisioning_seconds`` (an assumption).

The instances a batch needs depend on accelerators per copy and per instance
(AWS's blog: ROUNDUP(Z x Y / X) + N); the model does not give the second, so
the plan gives the bound: at most one more instance per extra copy.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from botoshapes._runtime.rules import Path, Violation

from .check import Finding, request_findings
from .check import _finding as finding_of
from .inputs import component_of, component_request_of, endpoint_of
from .plan import DEFAULT_PROVISIONING_SECONDS, MAX_STEPS, Action
from .render import count, duration, lead, rollback_cell, table
from .rules import (
    IC_BATCH_SIZE,
    IC_NOT_IN_SERVICE,
    IC_NOTHING_TO_UPDATE,
    IC_ROOM_FOR_BATCH,
    IC_SMALL_COMPONENT,
    TIMEOUT_COVERS_PLAN,
)

if TYPE_CHECKING:
    from botoshapes.sagemaker import (
        DescribeEndpointOutput,
        DescribeInferenceComponentOutput,
        UpdateInferenceComponentInput,
    )

__all__ = [
    "ComponentPlan",
    "CopyRollback",
    "CopyStep",
    "check_component_update",
    "plan_component_update",
    "render_component_plan",
]

ComponentStrategy = Literal["ROLLING", "ALL_AT_ONCE", "SCALE", "NOTHING"]
_POLICY = ("DeploymentConfig", "RollingUpdatePolicy")


@dataclass(frozen=True, slots=True)
class CopyRollback:
    """What a rollback during a step brings back."""

    copies: int
    """Old copies to provision again: those the update has terminated so far."""
    batches: int
    """Steps it takes (``RollbackMaximumBatchSize``; one when absent: "at once")."""


@dataclass(frozen=True, slots=True)
class CopyStep:
    """One thing SageMaker does to the component; the counts are once it is done."""

    index: int
    action: Action
    start_seconds: int
    seconds: int
    old_copies: int
    new_copies: int
    new_traffic_percent: float
    """The new copies' share of the component's traffic."""
    rollback: CopyRollback | None
    """``None`` when there is nothing to roll back to (no old copies are left to restore)."""
    note: str = ""


@dataclass(frozen=True, slots=True)
class ComponentPlan:
    """What an ``UpdateInferenceComponent`` will do; see the module for its choices."""

    component: str
    strategy: ComponentStrategy
    copies_before: int
    copies_after: int
    batch_copies: int
    """Copies per batch (0 when nothing rolls)."""
    rollback_batch_copies: int | None
    """Copies per rollback batch; ``None``: all at once."""
    steps: tuple[CopyStep, ...]
    peak_copies: int
    """The most copies up at once, old and new."""
    extra_instances_at_most: int
    """The bound on the instances the update adds: one per copy above ``copies_before``."""
    instances_before: int | None
    """The variant's instances now (DescribeEndpoint), if known."""
    max_instances: int | None
    """The variant's managed instance scaling ``MaxInstanceCount``, if enabled and known."""
    waiting_seconds: int
    duration_seconds: int
    timeout_seconds: int | None
    fits_timeout: bool
    provisioning_seconds: int
    notes: tuple[str, ...] = field(default=())
    variant: str | None = None
    """The production variant that hosts the component."""

    def to_dict(self) -> dict[str, Any]:
        """The plan as JSON-ready data, with the field names above."""
        return {
            "component": self.component,
            "variant": self.variant,
            "strategy": self.strategy,
            "copies_before": self.copies_before,
            "copies_after": self.copies_after,
            "batch_copies": self.batch_copies,
            "rollback_batch_copies": self.rollback_batch_copies,
            "peak_copies": self.peak_copies,
            "extra_instances_at_most": self.extra_instances_at_most,
            "instances_before": self.instances_before,
            "max_instances": self.max_instances,
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
                    "old_copies": s.old_copies,
                    "new_copies": s.new_copies,
                    "new_traffic_percent": s.new_traffic_percent,
                    "rollback": None
                    if s.rollback is None
                    else {"copies": s.rollback.copies, "batches": s.rollback.batches},
                    "note": s.note,
                }
                for s in self.steps
            ],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The plan as JSON text."""
        return json.dumps(self.to_dict(), indent=indent)


def _copies(component: DescribeInferenceComponentOutput | None) -> int | None:
    """The component's copy count: what it is set to, else what runs."""
    runtime = component.runtime_config if component is not None else None
    if runtime is None:
        return None
    if runtime.desired_copy_count is not None:
        return runtime.desired_copy_count
    return runtime.current_copy_count


def _changes_spec(request: UpdateInferenceComponentInput) -> bool:
    return request.specification is not None or request.specifications is not None


def _batch(size: Any, base: int) -> int | None:
    """A capacity size in copies of ``base``; ``None`` if the size is not given."""
    if size is None or size.value is None:
        return None
    if str(size.type) == "CAPACITY_PERCENT":
        return max(1, math.floor(int(size.value) * base / 100))
    return int(size.value)


@dataclass(frozen=True, slots=True)
class _Variant:
    instances: int | None
    max_instances: int | None


def _variant(endpoint: DescribeEndpointOutput | None, name: str | None) -> _Variant:
    """The instances of the component's variant and its managed scaling's maximum."""
    for variant in (endpoint.production_variants or ()) if endpoint is not None else ():
        if name is not None and str(variant.variant_name) != name:
            continue
        scaling = variant.managed_instance_scaling
        enabled = scaling is not None and str(scaling.status) == "ENABLED"
        maximum = scaling.max_instance_count if enabled and scaling is not None else None
        return _Variant(variant.current_instance_count, maximum)
    return _Variant(None, None)


class _Steps:
    """The steps as they are added, with the clock and the counts they leave."""

    def __init__(self, old: int, rollback_batch: int | None) -> None:
        self.steps: list[CopyStep] = []
        self.clock = 0
        self.old, self.new, self.shifted, self.terminated = old, 0, 0, 0
        """Old copies up, new copies up, new copies taking traffic, old copies terminated."""
        self.rollback_batch = rollback_batch
        self.peak = old

    def add(self, action: Action, seconds: int, note: str) -> None:
        if len(self.steps) >= MAX_STEPS:
            raise ValueError(f"the plan would have more than {MAX_STEPS:,} steps")
        serving = self.old + self.shifted
        traffic = 100.0 * self.shifted / serving if serving else 0.0
        back = None
        if self.new or self.terminated:  # something to undo
            batches = 1
            if self.rollback_batch is not None and self.terminated:
                batches = math.ceil(self.terminated / self.rollback_batch)
            back = CopyRollback(self.terminated, batches)
        self.steps.append(
            CopyStep(
                len(self.steps) + 1,
                action,
                self.clock,
                seconds,
                self.old,
                self.new,
                round(traffic, 6),
                back,
                note,
            )
        )
        self.clock += seconds
        self.peak = max(self.peak, self.old + self.new)


def plan_component_update(
    request: UpdateInferenceComponentInput | Mapping[str, Any],
    component: DescribeInferenceComponentOutput | Mapping[str, Any],
    endpoint: DescribeEndpointOutput | Mapping[str, Any] | None = None,
    *,
    provisioning_seconds: int = DEFAULT_PROVISIONING_SECONDS,
) -> ComponentPlan:
    """The steps of ``request`` on ``component`` (its DescribeInferenceComponent).

    ``endpoint`` (DescribeEndpoint of the endpoint hosting it) adds the variant's
    instances and its managed instance scaling's maximum. Typed models or boto3's
    dicts (a request read strictly, responses as the service sends them).
    """
    update = component_request_of(request, rules_as_findings=True)
    now = component_of(component)
    state = _variant(
        endpoint_of(endpoint) if endpoint is not None else None,
        str(now.variant_name) if now.variant_name is not None else None,
    )
    notes: list[str] = []
    if endpoint is not None and state.instances is None:
        notes.append(
            f"the endpoint shows no variant {now.variant_name}: its instances are not known,"
            " and the room for a batch is not checked"
        )
    before = _copies(now) or 0
    asked = update.runtime_config.copy_count if update.runtime_config is not None else None
    after = before if asked is None else asked
    deployment = update.deployment_config
    rolling = deployment.rolling_update_policy if deployment is not None else None
    timeout = rolling.maximum_execution_timeout_in_seconds if rolling is not None else None
    if _changes_spec(update) and rolling is not None:
        strategy: ComponentStrategy = "ROLLING"
        size = rolling.maximum_batch_size
        batch = min(_batch(size, after or before) or 1, max(after, before, 1))
        rollback_batch = _batch(rolling.rollback_maximum_batch_size, before)
        if rollback_batch is not None and rollback_batch >= before:
            rollback_batch = None
        wait = rolling.wait_interval_in_seconds or 0
        if size is not None and str(size.type) == "CAPACITY_PERCENT":
            notes.append(
                f"a batch of {size.value}% of {after or before} copies is {batch}"
                " (rounded down, at least one: AWS does not say how it rounds)"
            )
    elif _changes_spec(update):
        strategy, wait, rollback_batch = "ALL_AT_ONCE", 0, None
        batch = max(after, before, 1)
        notes.append(
            "no DeploymentConfig: AWS does not say how such an update is rolled out;"
            " planned as all copies at once"
        )
    elif asked is not None and asked != before:
        strategy, wait, rollback_batch, batch = "SCALE", 0, None, 0
        notes.append(
            "only RuntimeConfig.CopyCount changes: AWS does not say whether that rolls;"
            " planned as adding or removing copies, as UpdateInferenceComponentRuntimeConfig does"
        )
    else:
        strategy, wait, rollback_batch, batch = "NOTHING", 0, None, 0
    steps = _Steps(before, rollback_batch)
    if strategy == "SCALE":  # the same copies, more or fewer: "old" throughout
        steps.old = after
        if after > before:
            steps.add(
                "provision", provisioning_seconds, count(after - before, "more copy", "more copies")
            )
        else:
            steps.add("terminate", 0, count(before - after, "copy", "copies") + " fewer")
    elif strategy in ("ROLLING", "ALL_AT_ONCE"):
        _roll(steps, before, after, batch=batch, wait=wait, seconds=provisioning_seconds)
    if before != after and strategy == "ROLLING":
        notes.append(
            f"the copy count changes from {before} to {after} in the same update: AWS does not"
            " say how; planned as batches of new copies each replacing as many old ones"
        )
    waiting = sum(s.seconds for s in steps.steps if s.action == "bake")
    duration = steps.clock
    extra = max(0, steps.peak - before)
    return ComponentPlan(
        component=str(update.inference_component_name),
        strategy=strategy,
        copies_before=before,
        copies_after=after,
        batch_copies=batch,
        rollback_batch_copies=rollback_batch,
        steps=tuple(steps.steps),
        peak_copies=steps.peak,
        extra_instances_at_most=extra,
        instances_before=state.instances,
        max_instances=state.max_instances,
        waiting_seconds=waiting,
        duration_seconds=duration,
        timeout_seconds=timeout,
        fits_timeout=timeout is None or duration <= timeout,
        provisioning_seconds=provisioning_seconds,
        notes=tuple(notes),
        variant=None if now.variant_name is None else str(now.variant_name),
    )


def _roll(steps: _Steps, before: int, after: int, *, batch: int, wait: int, seconds: int) -> None:
    """Batches of ``batch`` new copies, each baked, each replacing as many old ones."""
    batches = math.ceil(max(after, before) / batch) if batch else 0
    for k in range(1, batches + 1):
        added = min(batch, after - steps.new)
        removed = steps.old if k == batches else min(batch, steps.old)
        label = f"batch {k} of {batches}"
        if added > 0:
            steps.new += added
            steps.add("provision", seconds, f"{label}: {count(added, 'new copy', 'new copies')}")
            steps.shifted = steps.new
            steps.add("shift", 0, f"{label}: traffic to the new copies")
            if wait:
                steps.add("bake", wait, f"{label}: WaitIntervalInSeconds, alarms watched")
        if removed > 0:
            steps.old -= removed
            steps.terminated += removed
            steps.add("terminate", 0, f"{label}: {count(removed, 'old copy', 'old copies')}")
    if steps.steps and steps.old == 0:  # the old copies are gone: nothing to go back to
        steps.steps[-1] = replace(steps.steps[-1], rollback=None)


def check_component_update(
    request: UpdateInferenceComponentInput | Mapping[str, Any],
    component: DescribeInferenceComponentOutput | Mapping[str, Any] | None = None,
    endpoint: DescribeEndpointOutput | Mapping[str, Any] | None = None,
    *,
    provisioning_seconds: int | None = None,
) -> tuple[Finding, ...]:
    """Every rule ``request`` breaks; those on copies and instances when the state is given.

    ``component`` is its DescribeInferenceComponent, ``endpoint`` the hosting endpoint's
    DescribeEndpoint (managed instance scaling). A size in copies is an error only where
    AWS's rule can be applied: every copy count known (now, and the request's new one) is
    at least 2 and the batch is 5-50% of none of them. Errors first.
    """
    update = component_request_of(request, rules_as_findings=True)
    found = request_findings(update)
    if not _changes_spec(update) and update.runtime_config is None:
        found.append(
            finding_of(Violation(IC_NOTHING_TO_UPDATE, (), None, "gives none of them"), "request")
        )
    if component is not None:
        now = component_of(component)
        status = now.inference_component_status
        if status is not None and str(status) != "InService":
            at = ("InferenceComponentStatus",)
            found.append(
                finding_of(Violation(IC_NOT_IN_SERVICE, at, str(status), "is"), "component")
            )
        found += _copy_findings(update, _copies(now))
        seconds = provisioning_seconds or DEFAULT_PROVISIONING_SECONDS
        try:
            plan = plan_component_update(update, now, endpoint, provisioning_seconds=seconds)
        except ValueError:
            plan = None
        if plan is not None:
            found += _plan_findings(plan, endpoint)
    unique = list(dict.fromkeys(found))
    unique.sort(key=lambda f: f.level != "error")
    return tuple(unique)


def _copy_findings(update: UpdateInferenceComponentInput, before: int | None) -> Iterator[Finding]:
    deployment = update.deployment_config
    rolling = deployment.rolling_update_policy if deployment is not None else None
    size = rolling.maximum_batch_size if rolling is not None else None
    if size is None or size.value is None or str(size.type) != "COPY_COUNT":
        return
    asked = update.runtime_config.copy_count if update.runtime_config is not None else None
    counts = sorted({c for c in (before, asked) if c is not None})
    if not counts:
        return
    at = (*_POLICY, "MaximumBatchSize", "Value")
    shares = ", ".join(f"{100 * size.value / c:.3g}% of {c}" for c in counts if c)
    if any(5 <= 100 * size.value / c <= 50 for c in counts if c):
        return
    if min(counts) < 2:
        message = f"is a batch of a component of {' or '.join(map(str, counts))} copies"
        yield finding_of(Violation(IC_SMALL_COMPONENT, at, size.value, message), "request")
        return
    message = f"copies is {shares} copies, not 5-50%"
    yield finding_of(Violation(IC_BATCH_SIZE, at, size.value, message), "request")


def _plan_findings(
    plan: ComponentPlan, endpoint: DescribeEndpointOutput | Mapping[str, Any] | None
) -> Iterator[Finding]:
    if not plan.fits_timeout and plan.timeout_seconds is not None:
        at: Path = (*_POLICY, "MaximumExecutionTimeoutInSeconds")
        message = f"s is less than the plan's {plan.duration_seconds:,} s"
        yield finding_of(
            Violation(TIMEOUT_COVERS_PLAN, at, plan.timeout_seconds, message), "request"
        )
    if (
        endpoint is None
        or plan.instances_before is None
        or plan.max_instances is None
        or plan.instances_before + plan.extra_instances_at_most <= plan.max_instances
    ):
        return
    state = endpoint_of(endpoint)
    index = next(
        (
            i
            for i, v in enumerate(state.production_variants or ())
            if plan.variant is None or str(v.variant_name) == plan.variant
        ),
        0,
    )
    at = ("ProductionVariants", index, "ManagedInstanceScaling", "MaxInstanceCount")
    message = (
        f"leaves room for {plan.max_instances - plan.instances_before} more instances; the"
        f" variant runs {plan.instances_before} and a batch may need up to"
        f" {plan.extra_instances_at_most} more"
    )
    yield finding_of(Violation(IC_ROOM_FOR_BATCH, at, plan.max_instances, message), "endpoint")


def render_component_plan(plan: ComponentPlan) -> str:
    """A table of the steps, then the totals and the notes."""
    rows: list[tuple[str, ...]] = [
        ("#", "at", "action", "takes", "copies (old, new)", "new traffic", "rollback")
    ]
    for step in plan.steps:
        back = "-"
        if step.rollback is not None:
            back = rollback_cell(
                step.rollback.copies, step.rollback.batches, "old copy", "old copies", "copies"
            )
        copies = f"{step.old_copies} old, {step.new_copies} new"
        rows.append((*lead(step), copies, f"{step.new_traffic_percent:.0f}%", back))
    lines = table(rows) if plan.steps else ["no steps: the update changes nothing that runs"]
    timeout = "none set" if plan.timeout_seconds is None else duration(plan.timeout_seconds)
    rollback = (
        "all at once"
        if plan.rollback_batch_copies is None
        else count(plan.rollback_batch_copies, "copy", "copies")
    )
    instances = "not known"
    if plan.instances_before is not None:
        limit = "" if plan.max_instances is None else f", MaxInstanceCount {plan.max_instances}"
        instances = f"{plan.instances_before} now{limit}"
    lines += [
        "",
        f"component         {plan.component}",
        f"strategy          {plan.strategy}",
        f"copies            {plan.copies_before} -> {plan.copies_after}"
        + (
            f" (batches of {plan.batch_copies}; rollback: {rollback})"
            if plan.batch_copies
            else " (no batches)"
        ),
        f"peak copies       {plan.peak_copies}"
        f" (up to {count(plan.extra_instances_at_most, 'more instance')})",
        f"instances         {instances}",
        f"waiting           {duration(plan.waiting_seconds)}",
        f"shortest duration {duration(plan.duration_seconds)}"
        f" ({duration(plan.provisioning_seconds)} per provisioning step assumed)",
        f"timeout           {timeout} ({'fits' if plan.fits_timeout else 'DOES NOT FIT'})",
    ]
    lines += [f"note: {note}" for note in plan.notes]
    return "\n".join(lines)
