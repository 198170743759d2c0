"""``deploy apply`` for inference components: each change sent, followed, and how it ended.

Once the endpoint's own change has ended in service, each component that needs it is
created (``CreateInferenceComponent``), updated (``UpdateInferenceComponent`` with the
file's ``DeploymentConfig``) or given its copy count (``UpdateInferenceComponentRuntimeConfig``),
in the file's order, and followed with ``wait_for_inference_component_deployment``, which
tells a rollback by the specification that runs. The first that does not end in service
ends the apply: rolled back (exit 3), failed, or timed out (exit 4); the components after
it are not sent, and nothing is cleaned up.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from botoshapes.sagemaker._components import (
    ComponentDeploymentFailedError,
    ComponentEvent,
    ComponentRolledBackError,
)
from botoshapes.sagemaker._deployment import DeploymentTimeoutError

from .component_change import needed
from .live import Clients, aws_errors, not_found
from .spec import ROLLED_BACK_TAG, mark_of

if TYPE_CHECKING:
    from botoshapes.sagemaker import DescribeInferenceComponentOutput

    from .component_change import ComponentChange

Say = Callable[..., None]
"""``say(kind, message, component=event)``: an apply's event."""


@dataclass(frozen=True, slots=True)
class Settings:
    """How the components are followed: the poll delay, the wait, the clock."""

    delay: float
    wait_seconds: float | None
    """The wait for each component; ``None``: from its plan."""
    provisioning: int
    sleep: Callable[[float], object] = time.sleep
    clock: Callable[[], float] = time.monotonic


@dataclass(frozen=True, slots=True)
class Ended:
    """How the components' deployments ended: ``status`` ``done`` if all are in service."""

    status: Literal["done", "rolled_back", "failed", "timed_out"]
    message: str
    component: DescribeInferenceComponentOutput | None = None
    failure_reason: str | None = None
    freed: frozenset[str] = frozenset()
    """Models the updated components named before and name no more."""


LONGEST_TIMEOUT = 28_800
"""``MaximumExecutionTimeoutInSeconds``' largest value ("Maximum value of 28800")."""


def wait_limit(change: ComponentChange, provisioning: int) -> float:
    """Twice the plan's time and a rollback, at least its timeout and a rollback. A
    deployment followed whose plan is not known: AWS's longest timeout and a rollback."""
    if change.kind == "follow":
        return float(LONGEST_TIMEOUT + 2 * provisioning)
    plan = change.plan
    if plan is None:  # a creation: its copies, provisioned
        return float(max(2 * provisioning, 60))
    batches = max((s.rollback.batches for s in plan.steps if s.rollback), default=1)
    rollback = provisioning * batches
    floor = (plan.timeout_seconds or 0) + rollback
    return float(max(2 * (plan.duration_seconds + rollback), floor, 60))


def deploy_components(
    changes: tuple[ComponentChange, ...], clients: Clients, say: Say, settings: Settings
) -> Ended:
    """Send and follow each change that is not ``nothing`` (see the module)."""
    freed: set[str] = set()
    done: list[str] = []
    for change in changes:
        if change.kind == "nothing":
            continue
        limit = settings.wait_seconds
        if limit is None:
            limit = wait_limit(change, settings.provisioning)
        try:
            ended = _deployed(change, clients, say, settings, limit=limit, freed=freed)
        except aws_errors() as error:
            before = ", ".join(done) or "none"
            return Ended("failed", f"{change.name}: {error} (in service before it: {before})")
        if ended is not None:
            return ended
        done.append(change.name)
    return Ended("done", f"components in service: {', '.join(done)}", freed=frozenset(freed))


def _deployed(
    change: ComponentChange,
    clients: Clients,
    say: Say,
    settings: Settings,
    *,
    limit: float,
    freed: set[str],
) -> Ended | None:
    """One component's change sent and followed: ``None`` once it is in service."""
    sm, name, kind = clients.sagemaker, change.name, change.kind
    if kind == "follow":  # an interrupted apply's: followed, then what is still needed
        say("send", f"following inference component {name}: {change.why}")
        ended = _follow(change, None, clients, say, settings, limit=limit)
        if ended is not None:
            return ended
        found = sm.describe_inference_component(inference_component_name=name)
        kind, _, update, copies = needed(change.spec, found, scaled=change.scaled)
        if kind == "nothing":
            if change.marked:
                _unmark(clients, name, say)
            return None
        change = replace(change, kind=kind, update=update, copies=copies)
    if kind == "recreate":
        sm.boto3.delete_inference_component(InferenceComponentName=name)
        say("send", f"DeleteInferenceComponent {name} ({change.why})")
        _gone(clients, name, settings, limit)
        kind = "create"
    sent: Any = None
    if kind == "create":
        sent = change.spec.create
        sm.create_inference_component(sent)
        say("send", f"CreateInferenceComponent {name}")
    elif kind == "update":
        sent = change.update
        before = sm.describe_inference_component(inference_component_name=name)
        sm.update_inference_component(sent)
        say("send", f"UpdateInferenceComponent {name}: {change.why}")
        freed |= component_models(before) - component_models(sent)
    else:
        sm.boto3.update_inference_component_runtime_config(
            InferenceComponentName=name, DesiredRuntimeConfig={"CopyCount": change.copies}
        )
        say("send", f"UpdateInferenceComponentRuntimeConfig {name}: {change.why}")
    copies = change.copies if kind == "copies" else None
    ended = _follow(change, sent, clients, say, settings, limit=limit, copies=copies)
    if ended is not None and ended.status == "rolled_back" and kind == "update":
        _mark(change, clients, say, ended.failure_reason)
    elif ended is None and change.marked and kind != "create":
        _unmark(clients, name, say)
    return ended


def _unmark(clients: Clients, name: str, say: Say) -> None:
    sm = clients.sagemaker
    arn = sm.describe_inference_component(inference_component_name=name).inference_component_arn
    sm.boto3.delete_tags(ResourceArn=str(arn), TagKeys=[ROLLED_BACK_TAG])
    say("mark", f"{name}: its rolled-back mark cleared (it runs what the file gives)")


def _mark(change: ComponentChange, clients: Clients, say: Say, reason: str | None) -> None:
    """Tag the component :data:`~.spec.ROLLED_BACK_TAG`: the update's digest, then AWS's
    reason; the same update is refused again without ``retry_failed``."""
    sm = clients.sagemaker
    try:
        found = sm.describe_inference_component(inference_component_name=change.name)
        value = mark_of(f"{change.spec.digest} {reason or 'no reason given by AWS'}")
        sm.boto3.add_tags(
            ResourceArn=str(found.inference_component_arn),
            Tags=[{"Key": ROLLED_BACK_TAG, "Value": value}],
        )
    except aws_errors() as error:
        say("mark", f"{change.name} could not be marked as rolled back: {error}")
        return
    say("mark", f"{change.name} marked as rolled back")


def _gone(clients: Clients, name: str, settings: Settings, limit: float) -> None:
    """Once ``DescribeInferenceComponent`` no longer finds ``name`` (at most ``limit`` s)."""
    from botoshapes.sagemaker.errors import SageMakerError  # noqa: PLC0415

    ends = settings.clock() + limit
    while settings.clock() < ends:
        try:
            clients.sagemaker.describe_inference_component(inference_component_name=name)
        except SageMakerError as error:
            if not_found(error):
                return
            raise
        settings.sleep(settings.delay)
    raise DeploymentTimeoutError(
        f"{name}: still there {limit:.0f} s after DeleteInferenceComponent",
        waiter="InferenceComponentDeleted",
        last_response={},
    )


def _follow(
    change: ComponentChange,
    sent: Any,
    clients: Clients,
    say: Say,
    settings: Settings,
    *,
    limit: float,
    copies: int | None = None,
) -> Ended | None:
    """``None`` once the component is in service on what was sent; else how it ended."""
    name = change.name

    def status(event: ComponentEvent) -> None:
        say("status", event.text, component=event)

    try:
        clients.sagemaker.wait_for_inference_component_deployment(
            name,
            sent=sent,
            copies=copies,
            on_change=status,
            delay=settings.delay,
            timeout=limit,
            sleep=settings.sleep,
            clock=settings.clock,
        )
    except ComponentRolledBackError as error:
        reason = error.failure_reason
        message = (
            f"inference component {name} rolled back: it runs what it ran"
            f" ({', '.join(error.differences)} are not the file's),"
            f" {reason or 'no reason given by AWS'}; nothing was cleaned up"
        )
        return Ended("rolled_back", message, error.component, reason)
    except ComponentDeploymentFailedError as error:
        reason = error.failure_reason
        message = f"inference component {name} failed: {reason or 'no reason given'}"
        return Ended("failed", message, error.component, reason)
    except DeploymentTimeoutError as error:
        message = f"{error}: waited {limit:.0f} s; nothing was cleaned up, and the update goes on"
        return Ended("timed_out", message)
    except aws_errors() as error:
        return Ended("failed", f"following inference component {name} stopped: {error}")
    return None


def component_models(request: Any) -> set[str]:
    """The model names a component's request or description names."""
    wire = request.to_boto() if hasattr(request, "to_boto") else dict(request)
    specifications = [wire.get("Specification"), *(wire.get("Specifications") or ())]
    return {str(s["ModelName"]) for s in specifications if s and s.get("ModelName")}
