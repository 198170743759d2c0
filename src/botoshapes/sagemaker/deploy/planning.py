"""``deploy plan``: a spec against what AWS holds: the change, the findings, the steps.

:func:`plan_endpoint` reads the live state (read-only calls, :func:`~.live.read_live`) and
returns :func:`plan_against`'s :class:`EndpointPlan`: the field-level change and its kind
(:func:`~.change.classify`), every finding of :func:`~.check.check_deployment` on the
request the change sends, those only the live state can tell (:mod:`.live_rules`: the
endpoint's status, the quotas against the plan's peak, the rollback alarms), and the
:class:`~.plan.DeploymentPlan` of the update or creation.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from botoshapes import FrozenMap
from botoshapes._runtime.rules import Rule

from .change import Change, classify
from .check import Finding, Source, check_deployment
from .component_change import ComponentChange, component_changes
from .components import render_component_plan
from .fleets import PlanError
from .live import Clients, LiveState, read_live
from .live_rules import (
    ALARM_IN_ALARM,
    ALARM_MISSING,
    CONFIG_DELETED,
    ENDPOINT_BUSY,
    NOT_READ,
    QUOTA_EXCEEDED,
    REPLACE_NEEDS_CONSENT,
    REPLACE_WITH_COMPONENTS,
    ROLLED_BACK_BEFORE,
    STALE_PLAN,
)
from .plan import DEFAULT_PROVISIONING_SECONDS, DeploymentPlan, plan_deployment
from .render import render_plan

if TYPE_CHECKING:
    from .spec import EndpointSpec

_BUSY = frozenset(
    {
        "Creating",
        "Updating",
        "SystemUpdating",
        "RollingBack",
        "Deleting",
        "UpdateRollbackFailed",
        "OutOfService",
    }
)


@dataclass(frozen=True, slots=True)
class EndpointPlan:
    """A spec planned against the live state (see the module)."""

    spec: EndpointSpec
    live: LiveState
    change: Change
    findings: tuple[Finding, ...]
    """Errors first."""
    deployment: DeploymentPlan | None
    """The steps of an update, creation or replacement; ``None`` for the other kinds, or
    where the live state leaves nothing to plan against."""
    peak: FrozenMap[str, int]
    """Per instance type, the most instances the endpoint runs at once during the change
    (shadow fleets included): what the quotas are checked against."""
    fingerprint: str
    """A digest of the live state (:meth:`LiveState.fingerprint`) and of the spec's
    requests: a saved plan applies only while neither changed (a saved spec edited by hand
    is refused too)."""
    components: tuple[ComponentChange, ...] = ()
    """What each of the spec's inference components needs, in the file's order (sent once
    the endpoint's own change has ended)."""

    @property
    def sends(self) -> bool:
        """Whether applying it sends anything: the endpoint's change, or a component's."""
        return self.change.kind not in ("nothing", "follow") or any(
            c.kind != "nothing" for c in self.components
        )

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.level == "error")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: the endpoint, the change, the findings and the steps."""
        endpoint = self.live.endpoint
        return {
            "endpoint": self.spec.name,
            "status": None if endpoint is None else str(endpoint.endpoint_status),
            "serving": None if endpoint is None else endpoint.endpoint_config_name,
            "config": self.spec.config.endpoint_config_name,
            "models": [m.model_name for m in self.spec.models.values()],
            "change": self.change.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
            "errors": len(self.errors),
            "plan": None if self.deployment is None else self.deployment.to_dict(),
            "peak_instances": dict(self.peak),
            "unread": list(self.live.unread),
            "tags_to_add": {c.name: dict(c.missing) for c in self.live.tag_changes},
            "components": [c.to_dict() for c in self.components],
            "fingerprint": self.fingerprint,
        }


def plan_endpoint(
    spec: EndpointSpec,
    clients: Clients,
    *,
    provisioning_seconds: int = DEFAULT_PROVISIONING_SECONDS,
    allow_replace: bool = False,
    retry_failed: bool = False,
) -> EndpointPlan:
    """The plan of ``spec`` against what AWS holds now (read-only calls only)."""
    return plan_against(
        spec,
        read_live(spec, clients),
        provisioning_seconds=provisioning_seconds,
        allow_replace=allow_replace,
        retry_failed=retry_failed,
    )


def plan_against(
    spec: EndpointSpec,
    live: LiveState,
    *,
    provisioning_seconds: int = DEFAULT_PROVISIONING_SECONDS,
    allow_replace: bool = False,
    retry_failed: bool = False,
) -> EndpointPlan:
    """The plan of ``spec`` against ``live``: no call is made."""
    change = classify(spec, live)
    findings: list[Finding] = []
    deployment = None
    kind = change.kind
    if kind in ("create", "replace"):
        findings += check_deployment(spec.create, new_config=spec.config)
        deployment = plan_deployment(
            spec.create, None, None, spec.config, provisioning_seconds=provisioning_seconds
        )
    elif kind == "update":
        scaled = list(live.scaled.values())
        if live.config is not None:
            findings += check_deployment(
                spec.update,
                live.endpoint,
                live.config,
                spec.config,
                provisioning_seconds=provisioning_seconds,
                scalable_targets=scaled,
            )
            with contextlib.suppress(PlanError):  # check_deployment has said why
                deployment = plan_deployment(
                    spec.update,
                    live.endpoint,
                    live.config,
                    spec.config,
                    provisioning_seconds=provisioning_seconds,
                )
        else:
            findings += check_deployment(spec.update)
    peak = _peak(spec, live, change, deployment)
    components, found = component_changes(
        spec, live, provisioning_seconds=provisioning_seconds, retry_failed=retry_failed
    )
    findings += found
    findings += _live_findings(
        spec, live, change, peak, allow_replace=allow_replace, retry_failed=retry_failed
    )
    # the alarms of what is sent: the endpoint's policy, and each changed component's
    sent = [f"components.{c.name}." for c in components if c.kind != "nothing"]
    if change.kind not in ("nothing", "follow"):
        sent.append("DeploymentConfig.")
    findings += _alarm_findings(live, tuple(sent))
    if change.kind == "replace" and any(live.components.values()):
        hosted = ", ".join(name for name, found in live.components.items() if found)
        message = f"{spec.name} hosts {hosted}: {REPLACE_WITH_COMPONENTS.text}"
        findings.append(_finding(REPLACE_WITH_COMPONENTS, "endpoint", "", None, message))
    unique = list(dict.fromkeys(findings))
    unique.sort(key=lambda f: f.level != "error")
    fingerprint = _fingerprint(spec, live)
    return EndpointPlan(
        spec, live, change, tuple(unique), deployment, FrozenMap(peak), fingerprint, components
    )


def _fingerprint(spec: EndpointSpec, live: LiveState) -> str:
    requests = [
        spec.create.to_boto(),
        spec.update.to_boto(),
        spec.config.to_boto(),
        *(m.to_boto() for m in spec.models.values()),
        *(c.update(copies=True).to_boto() for c in spec.components),
    ]
    text = json.dumps([live.fingerprint(), requests], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def stale(plan: EndpointPlan, expected: str) -> EndpointPlan:
    """``plan`` with the error that the state it was saved against (``expected``) changed."""
    message = (
        f"{plan.spec.name} or the plan's spec changed since the plan was saved (state"
        f" {expected}, now {plan.fingerprint}: {plan.change.kind}, {plan.change.why})"
    )
    found = _finding(STALE_PLAN, "endpoint", "", plan.fingerprint, message)
    return replace(plan, findings=(found, *plan.findings))


def _finding(rule: Rule, where: Source, path: str, value: Any, message: str) -> Finding:
    return Finding(rule.level, rule.id, where, path, value, message, rule.source, rule.quote)


def _live_findings(
    spec: EndpointSpec,
    live: LiveState,
    change: Change,
    peak: dict[str, int],
    *,
    allow_replace: bool,
    retry_failed: bool,
) -> list[Finding]:
    found: list[Finding] = [
        _finding(NOT_READ, "endpoint", "", None, f"not read: {what}") for what in live.unread
    ]
    endpoint = live.endpoint
    status = None if endpoint is None else str(endpoint.endpoint_status)
    if change.kind in ("update", "weights") and status in _BUSY:
        found.append(
            _finding(
                ENDPOINT_BUSY,
                "endpoint",
                "EndpointStatus",
                status,
                f"{spec.name} is {status}: it takes no update until that ends",
            )
        )
    if live.config_deleted and endpoint is not None:
        name = endpoint.endpoint_config_name
        found.append(
            _finding(
                CONFIG_DELETED,
                "endpoint",
                "EndpointConfigName",
                name,
                f"{spec.name} runs {name}, which was deleted: its fleet is not planned",
            )
        )
    if change.kind == "replace" and not allow_replace:
        found.append(
            _finding(
                REPLACE_NEEDS_CONSENT,
                "endpoint",
                "",
                None,
                f"{change.why}: {spec.name} must be deleted and created again ({change.evidence})",
            )
        )
    if (
        live.rolled_back is not None
        and not retry_failed
        and change.kind not in ("nothing", "follow")
    ):
        found.append(
            _finding(
                ROLLED_BACK_BEFORE,
                "new_config",
                "EndpointConfigName",
                spec.config.endpoint_config_name,
                f"{spec.config.endpoint_config_name} rolled back before: {live.rolled_back}",
            )
        )
    if change.kind not in ("nothing", "follow"):
        found += _quota_findings(live, peak)
    return found


def _alarm_findings(live: LiveState, sent: tuple[str, ...]) -> list[Finding]:
    """The findings of the alarms named where ``sent`` (path prefixes) says."""
    found = []
    for alarm in live.alarms:
        path = alarm.path
        if not path.startswith(sent):
            continue
        if alarm.state is None:
            message = f"alarm {alarm.name!r} does not exist in CloudWatch"
            found.append(_finding(ALARM_MISSING, "request", path, alarm.name, message))
        elif alarm.state == "ALARM":
            message = f"alarm {alarm.name!r} is in ALARM now"
            found.append(_finding(ALARM_IN_ALARM, "request", path, alarm.name, message))
    return found


def _peak(
    spec: EndpointSpec, live: LiveState, change: Change, deployment: DeploymentPlan | None
) -> dict[str, int]:
    """Per instance type, the most instances the endpoint runs at once during the change:
    the plan's peak of its production variants, and its shadow variants, the old ones as
    well as the new while an update runs both (the plan does not step shadow fleets)."""
    if deployment is not None:
        return _with_shadows(spec, live, change, dict(deployment.peak_instances))
    return _weights_peak(live, change)


def _with_shadows(
    spec: EndpointSpec, live: LiveState, change: Change, peak: dict[str, int]
) -> dict[str, int]:
    shadows = list(spec.config.shadow_production_variants or ())
    if change.kind == "update" and live.config is not None:
        shadows += live.config.shadow_production_variants or ()
    return _add_shadows(peak, shadows)


def _weights_peak(live: LiveState, change: Change) -> dict[str, int]:
    """The peak of a change of weights and capacities: the larger count of each variant, and
    the shadow fleet, unchanged."""
    if change.weights is None or live.endpoint is None or live.config is None:
        return {}
    kinds = {str(v.variant_name): v.instance_type for v in live.config.production_variants or ()}
    wanted = {
        str(w.variant_name): w.desired_instance_count
        for w in change.weights.desired_weights_and_capacities
    }
    peak: dict[str, int] = {}
    for variant in live.endpoint.production_variants or ():
        name = str(variant.variant_name)
        kind = kinds.get(name)
        if kind is None:
            continue
        have = variant.current_instance_count or 0
        want = wanted.get(name)
        peak[str(kind)] = peak.get(str(kind), 0) + max(have, want if want is not None else have)
    return _add_shadows(peak, live.config.shadow_production_variants or ())


def _add_shadows(peak: dict[str, int], shadows: Iterable[Any]) -> dict[str, int]:
    """``peak`` with the instances of ``shadows`` (shadow variants, as configs give them)."""
    for shadow in shadows:
        if shadow.instance_type is not None:
            kind = str(shadow.instance_type)
            peak[kind] = peak.get(kind, 0) + (shadow.initial_instance_count or 0)
    return peak


def _quota_findings(live: LiveState, peak: dict[str, int]) -> list[Finding]:
    found = []
    for kind, count in peak.items():
        quota = live.quotas.get(kind)
        if quota is None or count + quota.used_elsewhere <= quota.limit:
            continue
        message = (
            f"{count} x {kind} at the peak, with {quota.used_elsewhere} on other endpoints,"
            f" pass the quota of {quota.limit:g} ({quota.source})"
        )
        found.append(_finding(QUOTA_EXCEEDED, "new_config", "", kind, message))
    return found


def render_endpoint_plan(plan: EndpointPlan) -> str:
    """The change, its differences, the findings and the steps, as text for a terminal."""
    change = plan.change
    lines = [f"{plan.spec.name}: {change.kind}: {change.why}"]
    if change.evidence:
        lines.append(f"  because {change.evidence}")
    lines += [f"  {difference}" for difference in change.differences]
    for tagged in plan.live.tag_changes:
        added = ", ".join(f"{key}={value}" for key, value in tagged.missing)
        lines.append(f"  tags to add on {tagged.name}: {added}")
    lines += [str(f) for f in plan.findings]
    for kind, quota in plan.live.quotas.items():
        lines.append(
            f"quota {kind}: {plan.peak.get(kind, 0)} at the peak + {quota.used_elsewhere} on other"
            f" endpoints, of {quota.limit:g}"
        )
    if plan.deployment is not None:
        lines += ["", render_plan(plan.deployment)]
    for component in plan.components:
        lines += ["", f"inference component {component.name}: {component.kind}: {component.why}"]
        if component.plan is not None and component.plan.steps:
            lines.append(render_component_plan(component.plan))
    return "\n".join(lines)
