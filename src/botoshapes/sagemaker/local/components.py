"""Inference components on the local server: what they show, and their updates on its clock.

Pure bookkeeping, no moto and no HTTP. A :class:`Component` is what
``DescribeInferenceComponent`` shows; a :class:`Rollout` plays
:func:`~botoshapes.sagemaker.deploy.components.plan_component_update`'s steps
(or a creation's, or a change of copy count) from the moment it started,
asking its probes whether an alarm went off and whether copies could be
provisioned.

A rollback starts when a bake sees an alarm in ``ALARM``, when provisioning
a batch fails, or when ``MaximumExecutionTimeoutInSeconds`` runs out. The new
copies go at once and traffic with them; the old copies the update had
terminated come back in ``RollbackMaximumBatchSize`` batches (all at once
without one), each taking the provisioning time. The component shows
``Updating`` throughout, then ``InService`` on its old specification: AWS's
sample says it "will revert to ``InService`` status without any changes"
(there is no rolling-back status). A creation that cannot provision ends
``Failed``; so does a rollback that cannot.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

from botoshapes.sagemaker.deploy.components import ComponentPlan, CopyStep

Stamp = Callable[[float], datetime]
"""Simulated seconds to the timestamp the server reports."""


class ComponentProbes(Protocol):
    """What a rollout asks the server while it plays."""

    def alarm_at(self, start: float, end: float) -> tuple[float, str] | None:
        """The first moment in ``[start, end)`` an alarm is in ``ALARM``, and its name."""
        ...

    def provision_copies(self, specification: Mapping[str, Any], copies: int) -> str | None:
        """Provision ``copies`` of a specification (wire form); ``None`` if they came up."""
        ...


@dataclass(frozen=True, slots=True)
class Runs:
    """What a component runs: its specification(s) as sent, and its copy count."""

    specification: Mapping[str, Any] | None
    specifications: tuple[Mapping[str, Any], ...] | None
    copies: int

    def models(self) -> tuple[Mapping[str, Any], ...]:
        """Each specification, the singular one or the list."""
        if self.specifications is not None:
            return self.specifications
        return (self.specification,) if self.specification is not None else ()


@dataclass(slots=True)
class Component:
    """One inference component as ``DescribeInferenceComponent`` shows it (simulated times)."""

    name: str
    arn: str
    endpoint_name: str
    endpoint_arn: str
    variant_name: str | None
    runs: Runs
    created: float
    status: str = "Creating"
    current_copies: int = 0
    desired_copies: int = 0
    failure_reason: str | None = None
    last_deployment_config: Mapping[str, Any] | None = None
    modified: float = 0.0
    tags: list[dict[str, str]] = field(default_factory=list)
    rollout: Rollout | None = None

    def describe(self, stamp: Stamp) -> dict[str, Any]:
        """The DescribeInferenceComponent response (wire form)."""
        out: dict[str, Any] = {
            "InferenceComponentName": self.name,
            "InferenceComponentArn": self.arn,
            "EndpointName": self.endpoint_name,
            "EndpointArn": self.endpoint_arn,
            "RuntimeConfig": {
                "DesiredCopyCount": self.desired_copies,
                "CurrentCopyCount": self.current_copies,
            },
            "CreationTime": stamp(self.created),
            "LastModifiedTime": stamp(self.modified),
            "InferenceComponentStatus": self.status,
        }
        if self.variant_name is not None:
            out["VariantName"] = self.variant_name
        if self.failure_reason:
            out["FailureReason"] = self.failure_reason
        if self.runs.specifications is not None:
            out["Specifications"] = [
                _summary(s, stamp(self.created)) for s in self.runs.specifications
            ]
        elif self.runs.specification is not None:
            out["Specification"] = _summary(self.runs.specification, stamp(self.created))
        if self.last_deployment_config is not None:
            out["LastDeploymentConfig"] = dict(self.last_deployment_config)
        return out

    def summary(self, stamp: Stamp) -> dict[str, Any]:
        """The ListInferenceComponents entry."""
        out = {
            "CreationTime": stamp(self.created),
            "InferenceComponentArn": self.arn,
            "InferenceComponentName": self.name,
            "EndpointArn": self.endpoint_arn,
            "EndpointName": self.endpoint_name,
            "InferenceComponentStatus": self.status,
            "LastModifiedTime": stamp(self.modified),
        }
        if self.variant_name is not None:
            out["VariantName"] = self.variant_name
        return out


def _summary(specification: Mapping[str, Any], resolved: datetime) -> dict[str, Any]:
    """A specification as Describe shows it: the image as ``DeployedImage``."""
    out = {k: v for k, v in specification.items() if k != "Container"}
    container = specification.get("Container")
    if container is not None:
        shown = {k: v for k, v in container.items() if k != "Image"}
        if "Image" in container:
            image = container["Image"]
            shown["DeployedImage"] = {
                "SpecifiedImage": image,
                "ResolvedImage": image,
                "ResolutionTime": resolved,
            }
        out["Container"] = shown
    return out


Phase = Literal["deploying", "rolling-back", "done"]


class Rollout:
    """One creation or update of one component, played as the clock moves (see the module)."""

    def __init__(
        self,
        plan: ComponentPlan,
        start: float,
        *,
        before: Runs | None,
        after: Runs,
        provisioning_seconds: int,
        alarms: tuple[str, ...] = (),
        explain: bool = True,
    ) -> None:
        """Play ``plan`` from ``start``; a failure rolls back to ``before`` (``None``: fail)."""
        self.steps = [(start + s.start_seconds, s) for s in plan.steps]
        self.timeout_at = None if plan.timeout_seconds is None else start + plan.timeout_seconds
        self.before, self.after = before, after
        self.rollback_batch = plan.rollback_batch_copies
        self.provisioning = provisioning_seconds
        self.alarms = alarms
        self.explain = explain
        self.phase: Phase = "deploying"
        self._next = 0
        self._shown = plan.copies_before
        """Copies up after the last completed step."""
        self._back: list[float] = []
        """When each rollback batch ends."""
        self._restored = 0

    def advance(self, component: Component, now: float, probes: ComponentProbes) -> None:
        """Play every step due by ``now`` (simulated seconds) onto ``component``."""
        while self.phase == "deploying" and self._next < len(self.steps):
            start, step = self.steps[self._next]
            end = start + step.seconds
            if start > now:
                return
            cut = self._cutoff(start, step, min(now, end), probes)
            if cut is not None:
                self._roll_back(component, *cut)
                break
            if end > now:
                return
            up = step.old_copies + step.new_copies
            if step.action == "provision" and up > self._shown:
                failure = self._provision(up - self._shown, probes)
                if failure is not None:
                    self._roll_back(component, end, failure)
                    break
            self._shown = up
            component.current_copies, component.modified = up, end
            self._next += 1
        if self.phase == "deploying":
            self.phase = "done"
            component.status = "InService"
            component.runs = self.after
            component.current_copies = component.desired_copies = self.after.copies
            if self.steps:
                component.modified = self.steps[-1][0] + self.steps[-1][1].seconds
        while self.phase == "rolling-back" and self._back and self._back[0] <= now:
            at = self._back.pop(0)
            self._restore(component, at, probes, last=not self._back)

    def _cutoff(
        self, start: float, step: CopyStep, until: float, probes: ComponentProbes
    ) -> tuple[float, str] | None:
        found: list[tuple[float, str]] = []
        if self.alarms and step.action == "bake" and step.seconds > 0:
            alarm = probes.alarm_at(start, min(until, start + step.seconds))
            if alarm is not None:
                found.append((alarm[0], f"Alarm {alarm[1]} went into ALARM while baking"))
        limit = self.timeout_at
        if limit is not None and limit < start + step.seconds and limit <= until:
            found.append(
                (
                    max(limit, start),
                    "The deployment did not finish within MaximumExecutionTimeoutInSeconds",
                )
            )
        return min(found) if found else None

    def _provision(self, copies: int, probes: ComponentProbes) -> str | None:
        for specification in self.after.models():
            failure = probes.provision_copies(specification, copies)
            if failure is not None:
                return failure
        return None

    def _roll_back(self, component: Component, at: float, reason: str) -> None:
        component.modified = at
        if self.before is None:  # a creation has nothing to go back to
            self.phase = "done"
            component.status, component.failure_reason = "Failed", reason
            return
        self.phase = "rolling-back"
        component.failure_reason = reason if self.explain else None
        terminated = self.before.copies - min(self.before.copies, self._old_up())
        component.current_copies = self.before.copies - terminated  # the new copies go at once
        batch = self.rollback_batch or terminated
        batches = math.ceil(terminated / batch) if terminated and batch else 1
        self._back = [at + k * self.provisioning for k in range(1, batches + 1)]
        self._restored = component.current_copies

    def _old_up(self) -> int:
        """Old copies still up: those of the last completed step."""
        done = [s for _, s in self.steps[: self._next]]
        return done[-1].old_copies if done else (self.before.copies if self.before else 0)

    def _restore(
        self, component: Component, at: float, probes: ComponentProbes, *, last: bool
    ) -> None:
        assert self.before is not None
        missing = self.before.copies - self._restored
        count = missing if last else min(self.rollback_batch or missing, missing)
        failure = None
        if count > 0:
            for specification in self.before.models():
                failure = failure or probes.provision_copies(specification, count)
        component.modified = at
        if failure is not None:
            self.phase, self._back = "done", []
            component.status = "Failed"
            component.failure_reason = "; ".join(
                p for p in (component.failure_reason, f"the rollback failed too: {failure}") if p
            )
            return
        self._restored += count
        component.current_copies = self._restored
        if last:
            self.phase = "done"
            component.status = "InService"
            component.runs = self.before
            component.desired_copies = component.current_copies = self.before.copies
