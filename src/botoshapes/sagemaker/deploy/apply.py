"""``deploy apply``: bring an endpoint to its spec, follow the deployment, clean up after it.

:func:`apply_spec` plans (:func:`~.planning.plan_endpoint`), refuses a plan with errors or
one made against a state that has changed since (``expected_fingerprint``), then:

1. creates the spec's models and config that do not exist yet (an interrupted apply
   made some: each is looked up first, and AWS's "already existing" answer counts as made);
2. sends what the change needs: ``CreateEndpoint``, ``UpdateEndpoint``,
   ``UpdateEndpointWeightsAndCapacities``, or, only with ``allow_replace``,
   ``DeleteEndpoint`` then ``CreateEndpoint``; a deployment to the spec's config already
   in progress is followed, not sent again;
3. follows it (``wait_for_endpoint_deployment``), each change an :class:`ApplyEvent`, for
   at most twice what the plan expects, and never less than
   ``MaximumExecutionTimeoutInSeconds`` and a rollback: past that AWS has ended it;
4. on success deletes the configs and models it made for this endpoint (tagged
   :data:`~.spec.MANAGED_TAG`) that nothing uses any more, keeping the config the
   endpoint ran before, for a manual rollback; on a rollback it keeps everything, tags
   the spec's config :data:`~.live.ROLLED_BACK_TAG` with AWS's ``FailureReason`` at once
   (a later apply of the same spec is refused without ``retry_failed``) and ends
   ``rolled_back``; on ``UpdateRollbackFailed``, a failure or a timeout it cleans up
   nothing.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from botoshapes.sagemaker._deployment import (
    DeploymentEvent,
    DeploymentFailedError,
    DeploymentRolledBackError,
    DeploymentTimeoutError,
)

from .live import ROLLED_BACK_TAG, Clients, not_found, tags_of
from .plan import DEFAULT_PROVISIONING_SECONDS
from .planning import EndpointPlan, plan_endpoint, stale
from .spec import MANAGED_TAG, name_stem

if TYPE_CHECKING:
    from botoshapes.sagemaker import DescribeEndpointOutput

    from .spec import EndpointSpec

Status = Literal["nothing", "done", "refused", "rolled_back", "failed", "timed_out"]
EXIT_CODES: dict[Status, int] = {
    "nothing": 0,
    "done": 0,
    "refused": 1,
    "rolled_back": 3,
    "failed": 4,
    "timed_out": 4,
}
"""The command line's exit status of each outcome."""
_TAG_VALUE = re.compile(r"[^\w\s.:/=+\-@]")
"""What a tag value may not hold (the model's ``TagValue`` pattern)."""
_TAG_MAX = 256


@dataclass(frozen=True, slots=True)
class ApplyEvent:
    """One thing an apply did or saw; ``deployment`` for a status the follower reported."""

    kind: Literal["plan", "create", "exists", "send", "status", "delete", "keep", "mark", "end"]
    message: str
    elapsed: float
    """Seconds since the apply started."""
    deployment: DeploymentEvent | None = None
    plan: EndpointPlan | None = None
    """The plan, on the ``plan`` event."""

    def __str__(self) -> str:
        return f"[{self.elapsed:5.0f}s] {self.message}"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"event": self.kind, "message": self.message, "elapsed": self.elapsed}
        found = self.deployment
        if found is not None:
            out |= {
                "status": found.status,
                "variant": found.variant,
                "new_fleet": found.pending,
                "status_message": found.message,
            }
        return out


OnEvent = Callable[[ApplyEvent], object]


@dataclass(frozen=True, slots=True)
class Outcome:
    """How an apply ended: its status (and exit code), the plan, and what it changed."""

    status: Status
    plan: EndpointPlan
    message: str
    endpoint: DescribeEndpointOutput | None = None
    """The endpoint as the apply left it (``None`` if it was not followed)."""
    failure_reason: str | None = None
    created: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    kept: tuple[str, ...] = field(default=())
    """Configs kept for a manual rollback (the one the endpoint ran before)."""

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.status]

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "exit_code": self.exit_code,
            "message": self.message,
            "endpoint": self.plan.spec.name,
            "serving": None if self.endpoint is None else self.endpoint.endpoint_config_name,
            "failure_reason": self.failure_reason,
            "created": list(self.created),
            "deleted": list(self.deleted),
            "kept": list(self.kept),
            "plan": self.plan.to_dict(),
        }


def apply_spec(
    spec: EndpointSpec,
    clients: Clients,
    *,
    expected_fingerprint: str | None = None,
    allow_replace: bool = False,
    retry_failed: bool = False,
    on_event: OnEvent | None = None,
    on_poll: Callable[[DescribeEndpointOutput], object] | None = None,
    provisioning_seconds: int = DEFAULT_PROVISIONING_SECONDS,
    delay: float = 30.0,
    wait_seconds: float | None = None,
    sleep: Callable[[float], object] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Outcome:
    """Apply ``spec`` (see the module); never raises for how the deployment ended.

    ``on_event`` takes each :class:`ApplyEvent`; ``on_poll`` each ``DescribeEndpoint``
    response while the deployment is followed (a live display of the fleets)."""
    run = _Run(spec, clients, on_event, clock, clock(), sleep, delay)
    plan = plan_endpoint(
        spec,
        clients,
        provisioning_seconds=provisioning_seconds,
        allow_replace=allow_replace,
        retry_failed=retry_failed,
    )
    run.say("plan", f"{spec.name}: {plan.change.kind}: {plan.change.why}", plan=plan)
    if expected_fingerprint is not None and expected_fingerprint != plan.fingerprint:
        plan = stale(plan, expected_fingerprint)
    if plan.errors:
        return run.end(Outcome("refused", plan, _refusal(plan)))
    if plan.change.kind == "nothing":
        return run.end(Outcome("nothing", plan, f"{spec.name}: nothing to do", plan.live.endpoint))
    previous = plan.live.endpoint.endpoint_config_name if plan.live.endpoint else None
    created = run.make(plan) if plan.change.kind != "weights" else ()
    run.send(plan)
    limit = wait_seconds if wait_seconds is not None else _wait_limit(plan, provisioning_seconds)
    target = previous if plan.change.kind == "weights" else spec.config.endpoint_config_name
    try:
        endpoint = clients.sagemaker.wait_for_endpoint_deployment(
            spec.name,
            endpoint_config_name=target,
            on_change=run.status,
            on_poll=on_poll,
            delay=delay,
            timeout=limit,
            sleep=sleep,
            clock=clock,
        )
    except DeploymentRolledBackError as error:
        return run.end(run.rolled_back(plan, error, created))
    except DeploymentFailedError as error:
        message = f"{spec.name}: failed: {error.failure_reason or 'no reason given'}"
        return run.end(
            Outcome("failed", plan, message, error.endpoint, error.failure_reason, created)
        )
    except DeploymentTimeoutError as error:
        message = (
            f"{error}: waited {limit:.0f} s (twice the plan's time, which assumed"
            f" {provisioning_seconds} s per provisioning step); nothing was cleaned up, and"
            f" `botoshapes deploy status {spec.name}` follows it on"
        )
        return run.end(Outcome("timed_out", plan, message, created=created))
    kept = tuple(dict.fromkeys(n for n in (target, previous) if n))
    deleted = cleanup(spec, clients, keep=kept, on_delete=lambda n: run.say("delete", n))
    for name in kept:
        run.say("keep", f"kept {name}")
    message = f"{spec.name}: in service on {endpoint.endpoint_config_name}"
    return run.end(Outcome("done", plan, message, endpoint, None, created, deleted, kept))


def _refusal(plan: EndpointPlan) -> str:
    errors = plan.errors
    return f"{plan.spec.name}: not applied: {len(errors)} error(s): " + "; ".join(
        f.message for f in errors
    )


def _wait_limit(plan: EndpointPlan, provisioning: int) -> float:
    """Twice the plan's expected time and a rollback, at least AWS's own timeout and a
    rollback (past that AWS has ended the deployment one way or the other)."""
    deployment = plan.deployment
    rollback = provisioning * max(
        [s.rollback.batches for s in deployment.steps if s.rollback] if deployment else [1],
        default=1,
    )
    expected = (deployment.duration_seconds if deployment else provisioning) + rollback
    floor = (deployment.timeout_seconds or 0) + rollback if deployment else 0
    return float(max(2 * expected, floor, 60))


@dataclass
class _Run:
    spec: EndpointSpec
    clients: Clients
    on_event: OnEvent | None
    clock: Callable[[], float]
    started: float
    sleep: Callable[[float], object]
    delay: float

    def say(
        self,
        kind: Any,
        message: str,
        deployment: DeploymentEvent | None = None,
        plan: EndpointPlan | None = None,
    ) -> None:
        if self.on_event is not None:
            elapsed = self.clock() - self.started
            self.on_event(ApplyEvent(kind, message, elapsed, deployment, plan))

    def status(self, event: DeploymentEvent) -> None:
        self.say("status", event.text, event)

    def end(self, outcome: Outcome) -> Outcome:
        self.say("end", outcome.message)
        return outcome

    def make(self, plan: EndpointPlan) -> tuple[str, ...]:
        """The spec's models and config that do not exist yet, created."""
        from botoshapes.sagemaker.errors import ValidationException  # noqa: PLC0415

        sm = self.clients.sagemaker
        created: list[str] = []
        requests: list[tuple[str, Any, Callable[[Any], Any]]] = [
            (m.model_name, m, sm.create_model)
            for m in self.spec.models.values()
            if not plan.live.spec_models.get(m.model_name, False)
        ]
        if not plan.live.spec_config_exists:
            config = self.spec.config
            requests.append((config.endpoint_config_name, config, sm.create_endpoint_config))
        for name, request, create in requests:
            try:
                create(request)
            except ValidationException as error:
                if "already exist" not in str(error.message):
                    raise
                self.say("exists", f"{name} exists already")
                continue
            created.append(name)
            self.say("create", f"created {name}")
        return tuple(created)

    def send(self, plan: EndpointPlan) -> None:
        sm, spec, kind = self.clients.sagemaker, self.spec, plan.change.kind
        if kind == "follow":
            self.say(
                "send",
                f"following the deployment in progress to {spec.config.endpoint_config_name}",
            )
            return
        if kind == "replace":
            self.say("send", f"DeleteEndpoint {spec.name} (replaced: {plan.change.why})")
            sm.delete_endpoint(endpoint_name=spec.name)
            self._gone()
        if kind in ("create", "replace"):
            sm.create_endpoint(spec.create)
            self.say("send", f"CreateEndpoint {spec.name} on {spec.config.endpoint_config_name}")
        elif kind == "weights":
            assert plan.change.weights is not None
            sm.update_endpoint_weights_and_capacities(plan.change.weights)
            self.say("send", f"UpdateEndpointWeightsAndCapacities {spec.name}")
        else:
            sm.update_endpoint(spec.update)
            self.say("send", f"UpdateEndpoint {spec.name} to {spec.config.endpoint_config_name}")
            self._tags()

    def _gone(self) -> None:
        """Once the deleted endpoint is gone (``DescribeEndpoint`` no longer finds it)."""
        from botoshapes.sagemaker.errors import SageMakerError  # noqa: PLC0415

        while True:
            try:
                self.clients.sagemaker.describe_endpoint(endpoint_name=self.spec.name)
            except SageMakerError as error:
                if not_found(error):
                    return
                raise
            self.sleep(self.delay)

    def _tags(self) -> None:
        """The spec's endpoint tags added or set (tags it does not name are left alone)."""
        if not self.spec.tags:
            return
        sm = self.clients.sagemaker
        arn = str(sm.describe_endpoint(endpoint_name=self.spec.name).endpoint_arn)
        have = tags_of(sm, arn)
        wanted = [t.to_boto() for t in self.spec.tags if have.get(str(t.key)) != t.value]
        if wanted:
            sm.boto3.add_tags(ResourceArn=arn, Tags=wanted)

    def rolled_back(
        self, plan: EndpointPlan, error: DeploymentRolledBackError, created: tuple[str, ...]
    ) -> Outcome:
        endpoint = error.endpoint
        reason = error.failure_reason
        config = self.spec.config.endpoint_config_name
        if plan.change.kind != "weights":
            self._mark(config, reason)
        status: Status = (
            "failed" if str(endpoint.endpoint_status) == "UpdateRollbackFailed" else "rolled_back"
        )
        message = (
            f"{self.spec.name}: {'rollback failed' if status == 'failed' else 'rolled back'}:"
            f" serving {endpoint.endpoint_config_name}, {reason or 'no reason given by AWS'};"
            " nothing was cleaned up"
        )
        return Outcome(status, plan, message, endpoint, reason, created)

    def _mark(self, config: str, reason: str | None) -> None:
        sm = self.clients.sagemaker
        described = sm.describe_endpoint_config(endpoint_config_name=config)
        value = _TAG_VALUE.sub(" ", reason or "rolled back, no reason given")[:_TAG_MAX]
        sm.boto3.add_tags(
            ResourceArn=str(described.endpoint_config_arn),
            Tags=[{"Key": ROLLED_BACK_TAG, "Value": value.strip() or "rolled back"}],
        )
        self.say("mark", f"{config} marked as rolled back")


def cleanup(
    spec: EndpointSpec,
    clients: Clients,
    *,
    keep: Iterable[str],
    on_delete: Callable[[str], object] = lambda _: None,
) -> tuple[str, ...]:
    """Delete the configs and models made for ``spec``'s endpoint (tagged
    :data:`~.spec.MANAGED_TAG` with its name) that no endpoint runs, that are not in
    ``keep`` and that are not marked rolled back, and the models no config left uses."""
    sm = clients.sagemaker
    boto = sm.boto3
    stem = name_stem(spec.name)
    in_use = set(keep) | _configs_in_use(sm)
    configs = _managed(sm, spec.name, "list_endpoint_configs", "EndpointConfigs", stem)
    deleted: list[str] = []
    used_models: set[str] = set()
    for name, tags in configs.items():
        if name in in_use or ROLLED_BACK_TAG in tags:
            used_models |= _models_of(sm, name)
            continue
        boto.delete_endpoint_config(EndpointConfigName=name)
        deleted.append(name)
        on_delete(f"deleted config {name}")
    for name in in_use - set(configs):
        used_models |= _models_of(sm, name)
    for name in _managed(sm, spec.name, "list_models", "Models", stem):
        if name not in used_models:
            boto.delete_model(ModelName=name)
            deleted.append(name)
            on_delete(f"deleted model {name}")
    return tuple(deleted)


def _managed(
    sm: Any, endpoint: str, operation: str, key: str, stem: str
) -> dict[str, dict[str, str]]:
    """The resources ``operation`` lists whose names hold ``stem`` and whose tags mark them
    as made for ``endpoint``: their tags, by name."""
    found = {}
    arn_key = "EndpointConfigArn" if key == "EndpointConfigs" else "ModelArn"
    name_key = "EndpointConfigName" if key == "EndpointConfigs" else "ModelName"
    for page in sm.boto3.get_paginator(operation).paginate(NameContains=stem):
        for item in page.get(key, []):
            tags = tags_of(sm, item[arn_key])
            if tags.get(MANAGED_TAG) == endpoint:
                found[item[name_key]] = tags
    return found


def _configs_in_use(sm: Any) -> set[str]:
    """Every config an endpoint of the account runs or is deploying."""
    from botoshapes.sagemaker.errors import SageMakerError  # noqa: PLC0415

    used: set[str] = set()
    for page in sm.boto3.get_paginator("list_endpoints").paginate():
        for item in page.get("Endpoints", []):
            try:
                endpoint = sm.describe_endpoint(endpoint_name=item["EndpointName"])
            except SageMakerError as error:
                if not_found(error):  # deleted since it was listed
                    continue
                raise
            if endpoint.endpoint_config_name:
                used.add(str(endpoint.endpoint_config_name))
            pending = endpoint.pending_deployment_summary
            if pending is not None:
                used.add(str(pending.endpoint_config_name))
    return used


def _models_of(sm: Any, config: str) -> set[str]:
    from botoshapes.sagemaker.errors import SageMakerError  # noqa: PLC0415

    try:
        described = sm.describe_endpoint_config(endpoint_config_name=config)
    except SageMakerError as error:
        if not_found(error):
            return set()
        raise
    variants = (
        *(described.production_variants or ()),
        *(described.shadow_production_variants or ()),
    )
    return {str(v.model_name) for v in variants if v.model_name}
