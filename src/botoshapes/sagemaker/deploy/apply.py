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
   the spec's config :data:`~.spec.ROLLED_BACK_TAG` with AWS's ``FailureReason`` at once
   (a later apply of the same spec is refused without ``retry_failed``) and ends
   ``rolled_back``; on ``UpdateRollbackFailed``, a failure or a timeout it cleans up
   nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from botoshapes.sagemaker._components import ComponentEvent
from botoshapes.sagemaker._deployment import (
    DeploymentEvent,
    DeploymentFailedError,
    DeploymentRolledBackError,
    DeploymentTimeoutError,
)

from .component_apply import Settings, component_models, deploy_components
from .live import Clients, aws_errors, not_found, tags_of
from .plan import DEFAULT_PROVISIONING_SECONDS
from .planning import EndpointPlan, plan_endpoint, stale
from .spec import MANAGED_TAG, ROLLED_BACK_TAG, mark_of, name_stem

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
    component: ComponentEvent | None = None
    """An inference component's status or copies, as its follower reported them."""

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
        seen = self.component
        if seen is not None:
            out |= {
                "status": seen.status,
                "component": seen.component_name,
                "desired_copies": seen.desired_copies,
                "current_copies": seen.current_copies,
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
    said = f"{spec.name}: {plan.change.kind}: {plan.change.why}"
    for component in plan.components:
        if component.kind != "nothing":
            said += f"; inference component {component.name}: {component.kind}"
    run.say("plan", said, plan=plan)
    if expected_fingerprint is not None and expected_fingerprint != plan.fingerprint:
        plan = stale(plan, expected_fingerprint)
    if plan.errors:
        return run.end(Outcome("refused", plan, _refusal(plan)))
    kind = plan.change.kind
    components = [c for c in plan.components if c.kind != "nothing"]
    if kind == "nothing":
        outcome = run.settled(plan, making=bool(components))
    else:
        previous = plan.live.endpoint.endpoint_config_name if plan.live.endpoint else None
        try:
            if kind != "weights" or _config_deleted(plan) or components:
                run.make(plan)
            run.send(plan)
        except aws_errors() as error:
            made = ", ".join(run.created) or "nothing"
            message = f"{spec.name}: {error} (made before it: {made}; nothing else was sent)"
            return run.end(Outcome("failed", plan, message, created=tuple(run.created)))
        limit = wait_seconds
        if limit is None:
            limit = _wait_limit(plan, provisioning_seconds)
        target = previous if kind == "weights" else spec.config.endpoint_config_name
        follow = _Follow(target, on_poll, limit, wait_seconds is None, provisioning_seconds)
        outcome = run.follow(plan, follow, previous, clean=not components)
    if components and outcome.status in ("done", "nothing"):
        outcome = run.components(plan, outcome, wait_seconds, provisioning_seconds)
    return run.end(outcome)


@dataclass(frozen=True, slots=True)
class _Follow:
    """How an apply follows its deployment."""

    target: str | None
    on_poll: Callable[[DescribeEndpointOutput], object] | None
    limit: float
    planned: bool
    """Whether the limit is the plan's (not asked for)."""
    provisioning: int


def _serving_spec(plan: EndpointPlan) -> bool:
    endpoint = plan.live.endpoint
    serving = endpoint.endpoint_config_name if endpoint is not None else None
    return serving == plan.spec.config.endpoint_config_name


def _config_deleted(plan: EndpointPlan) -> bool:
    """Whether the endpoint runs the spec's config, whose object was deleted."""
    return _serving_spec(plan) and not plan.live.spec_config_exists


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
    created: tuple[str, ...] = ()
    tagged: bool = False

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

    def follow(
        self, plan: EndpointPlan, follow: _Follow, previous: str | None, *, clean: bool = True
    ) -> Outcome:
        """The deployment followed to its end, and what its end asks for (the clean-up,
        unless ``clean`` is false: it waits for the components)."""
        name = self.spec.name
        try:
            endpoint = self.clients.sagemaker.wait_for_endpoint_deployment(
                name,
                endpoint_config_name=follow.target,
                on_change=self.status,
                on_poll=follow.on_poll,
                delay=self.delay,
                timeout=follow.limit,
                sleep=self.sleep,
                clock=self.clock,
            )
        except DeploymentRolledBackError as error:
            return self.rolled_back(plan, error, follow)
        except DeploymentFailedError as error:
            message = f"{name}: failed: {error.failure_reason or 'no reason given'}"
            reason = error.failure_reason
            return Outcome("failed", plan, message, error.endpoint, reason, self.created)
        except aws_errors() as error:  # the deployment goes on; following it stopped
            message = (
                f"{name}: following the deployment stopped: {error}; nothing was cleaned"
                f" up, and `botoshapes deploy status {name}` follows it on"
            )
            return Outcome("failed", plan, message, created=self.created)
        except DeploymentTimeoutError as error:
            why = (
                f"twice the plan's time, which assumed {follow.provisioning} s per"
                " provisioning step"
                if follow.planned
                else "as asked"
            )
            message = (
                f"{error}: waited {follow.limit:.0f} s ({why}); nothing was cleaned up, and"
                f" `botoshapes deploy status {name}` follows it on"
            )
            return Outcome("timed_out", plan, message, created=self.created)
        return self.succeeded(plan, endpoint, follow.target, previous, clean=clean)

    def components(
        self,
        plan: EndpointPlan,
        before: Outcome,
        wait_seconds: float | None,
        provisioning: int,
    ) -> Outcome:
        """The components deployed once the endpoint is in service (:mod:`.component_apply`);
        then what nothing uses deleted, as after an endpoint's own change."""
        settings = Settings(self.delay, wait_seconds, provisioning, self.sleep, self.clock)
        ended = deploy_components(plan.components, self.clients, self.component_say, settings)
        message = f"{self.spec.name}: {ended.message}"
        if ended.status != "done":
            return Outcome(
                ended.status,
                plan,
                message,
                before.endpoint,
                ended.failure_reason,
                self.created,
                kept=before.kept,
            )
        deleted: tuple[str, ...] = ()
        try:
            deleted = cleanup(
                self.spec,
                self.clients,
                keep=before.kept,
                freed=ended.freed,
                on_delete=lambda n: self.say("delete", n),
            )
        except aws_errors() as error:  # deployed all the same: said, not undone
            message += f"; then: {error}"
        return Outcome(
            "done",
            plan,
            message,
            before.endpoint,
            created=self.created,
            deleted=(*before.deleted, *deleted),
            kept=before.kept,
        )

    def component_say(
        self, kind: Any, message: str, component: ComponentEvent | None = None
    ) -> None:
        if self.on_event is not None:
            elapsed = self.clock() - self.started
            self.on_event(ApplyEvent(kind, message, elapsed, component=component))

    def settled(self, plan: EndpointPlan, *, making: bool = False) -> Outcome:
        """Nothing to deploy to the endpoint: a deleted config of the spec made again (and,
        when ``making``, the models its components need), tags set."""
        spec, endpoint = self.spec, plan.live.endpoint
        try:
            if _config_deleted(plan) or making:
                self.make(plan)  # the config the endpoint runs, deleted: made again
            if plan.live.rolled_back is not None and _serving_spec(plan):
                self._unmark(spec.config.endpoint_config_name)  # it serves: not rolled back
                self.tagged = True
            self._tags(plan)
        except aws_errors() as error:
            return Outcome("failed", plan, f"{spec.name}: {error}", endpoint, None, self.created)
        if self.created or self.tagged:
            made = f"made {', '.join(self.created)}" if self.created else "tags added"
            return Outcome("done", plan, f"{spec.name}: {made}", endpoint, None, self.created)
        return Outcome("nothing", plan, f"{spec.name}: nothing to do", endpoint)

    def succeeded(
        self,
        plan: EndpointPlan,
        endpoint: DescribeEndpointOutput,
        target: str | None,
        previous: str | None,
        *,
        clean: bool = True,
    ) -> Outcome:
        """Deployed: the rolled-back mark of a retried spec cleared, tags set, and (but after
        a change of weights alone, which deploys no config, or while components are still
        to be deployed) what nothing uses deleted."""
        kept = tuple(dict.fromkeys(n for n in (target, previous) if n))
        deleted: tuple[str, ...] = ()
        message = f"{self.spec.name}: in service on {endpoint.endpoint_config_name}"
        try:
            if plan.live.rolled_back is not None and plan.change.kind != "weights":
                self._unmark(self.spec.config.endpoint_config_name)
            self._tags(plan)
            if plan.change.kind != "weights" and clean:
                deleted = cleanup(
                    self.spec, self.clients, keep=kept, on_delete=lambda n: self.say("delete", n)
                )
        except aws_errors() as error:  # deployed all the same: said, not undone
            message += f"; then: {error}"
        for name in kept:
            self.say("keep", f"kept {name}")
        return Outcome(
            "done", plan, message, endpoint, created=self.created, deleted=deleted, kept=kept
        )

    def make(self, plan: EndpointPlan) -> None:
        """The spec's models and config that do not exist yet, created."""
        from botoshapes.sagemaker.errors import ValidationException  # noqa: PLC0415

        sm = self.clients.sagemaker
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
            self.created += (name,)
            self.say("create", f"created {name}")

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

    def _tags(self, plan: EndpointPlan) -> None:
        """The tags the spec gives that its endpoint, config or models lack, added (tags it
        does not name are left alone)."""
        sm = self.clients.sagemaker
        for change in plan.live.tag_changes:
            sm.boto3.add_tags(
                ResourceArn=change.arn, Tags=[{"Key": k, "Value": v} for k, v in change.missing]
            )
            self.say("send", f"AddTags {change.name}: {', '.join(k for k, _ in change.missing)}")
            self.tagged = True

    def rolled_back(
        self, plan: EndpointPlan, error: DeploymentRolledBackError, follow: _Follow
    ) -> Outcome:
        """A rollback: followed to its end (``RollingBack`` ends ``InService`` or
        ``UpdateRollbackFailed``), the spec's config marked, nothing cleaned up."""
        endpoint = self._rolled_back_to(error.endpoint, follow)
        reason = endpoint.failure_reason or error.failure_reason
        config = self.spec.config.endpoint_config_name
        marked = ""
        if plan.change.kind != "weights":
            try:
                self._mark(config, reason)
            except aws_errors() as failed:
                marked = f"; {config} could not be marked as rolled back: {failed}"
        status: Status = (
            "failed" if str(endpoint.endpoint_status) == "UpdateRollbackFailed" else "rolled_back"
        )
        message = (
            f"{self.spec.name}: {'rollback failed' if status == 'failed' else 'rolled back'}:"
            f" serving {endpoint.endpoint_config_name}, {reason or 'no reason given by AWS'};"
            f" nothing was cleaned up{marked}"
        )
        return Outcome(status, plan, message, endpoint, reason, self.created)

    def _rolled_back_to(
        self, endpoint: DescribeEndpointOutput, follow: _Follow
    ) -> DescribeEndpointOutput:
        """The endpoint once its rollback ends (or the wait's limit passes)."""
        ends = self.clock() + follow.limit
        waited = False
        while str(endpoint.endpoint_status) == "RollingBack" and self.clock() < ends:
            waited = True
            self.sleep(self.delay)
            endpoint = self.clients.sagemaker.describe_endpoint(endpoint_name=self.spec.name)
        status = str(endpoint.endpoint_status)
        if waited and status != "RollingBack":
            self.say("status", f"endpoint {self.spec.name}: {status} (the rollback ended)")
        return endpoint

    def _unmark(self, config: str) -> None:
        sm = self.clients.sagemaker
        described = sm.describe_endpoint_config(endpoint_config_name=config)
        sm.boto3.delete_tags(
            ResourceArn=str(described.endpoint_config_arn), TagKeys=[ROLLED_BACK_TAG]
        )
        self.say("mark", f"{config}: its rolled-back mark cleared (it serves now)")

    def _mark(self, config: str, reason: str | None) -> None:
        mark_rolled_back(self.clients.sagemaker, config, reason)
        self.say("mark", f"{config} marked as rolled back")


def mark_rolled_back(sm: Any, config: str, reason: str | None) -> bool:
    """Tag ``config`` :data:`~.spec.ROLLED_BACK_TAG` (AWS's ``reason``) if this tool made
    it (:data:`~.spec.MANAGED_TAG`); whether it did."""
    described = sm.describe_endpoint_config(endpoint_config_name=config)
    arn = str(described.endpoint_config_arn)
    if MANAGED_TAG not in tags_of(sm, arn):
        return False
    sm.boto3.add_tags(ResourceArn=arn, Tags=[{"Key": ROLLED_BACK_TAG, "Value": mark_of(reason)}])
    return True


def cleanup(
    spec: EndpointSpec,
    clients: Clients,
    *,
    keep: Iterable[str],
    freed: Iterable[str] = (),
    on_delete: Callable[[str], object] = lambda _: None,
) -> tuple[str, ...]:
    """Delete what was made for ``spec``'s endpoint that nothing uses any more.

    Configs: those tagged :data:`~.spec.MANAGED_TAG` with the endpoint's name that no
    endpoint runs or deploys, that are not in ``keep`` and not marked rolled back. Models:
    those the deleted configs named, and ``freed`` (those updated inference components
    named before), made for this endpoint, that no config and no inference component of the
    account names any more (AWS offers no look-up of a model's users: configs, then
    components, are read until every such model is found named, or all were read).
    """
    sm = clients.sagemaker
    boto = sm.boto3
    stem = name_stem(spec.name)
    in_use = set(keep) | _configs_in_use(sm)
    configs = _managed(sm, spec.name, "list_endpoint_configs", "EndpointConfigs", stem)
    deleted: list[str] = []
    unused: set[str] = set(freed)
    for name, tags in configs.items():
        if name in in_use or ROLLED_BACK_TAG in tags:
            continue
        unused |= _models_of(sm, name)
        boto.delete_endpoint_config(EndpointConfigName=name)
        deleted.append(name)
        on_delete(f"deleted config {name}")
    if not unused:
        return tuple(deleted)
    for users in (_config_models(sm), _component_models(sm)):
        for named in users:
            unused -= named
            if not unused:
                return tuple(deleted)
    managed = _managed(sm, spec.name, "list_models", "Models", stem)
    for name in sorted(unused):
        if name in managed:
            boto.delete_model(ModelName=name)
            deleted.append(name)
            on_delete(f"deleted model {name}")
    return tuple(deleted)


def _config_models(sm: Any) -> Iterator[set[str]]:
    """The models each config of the account names, a config at a time."""
    for page in sm.boto3.get_paginator("list_endpoint_configs").paginate():
        for item in page.get("EndpointConfigs", []):
            yield _models_of(sm, item["EndpointConfigName"])


def _component_models(sm: Any) -> Iterator[set[str]]:
    """The models each inference component of the account names, one at a time."""
    from botoshapes.sagemaker.errors import SageMakerError  # noqa: PLC0415

    for page in sm.boto3.get_paginator("list_inference_components").paginate():
        for item in page.get("InferenceComponents", []):
            try:
                found = sm.describe_inference_component(
                    inference_component_name=item["InferenceComponentName"]
                )
            except SageMakerError as error:
                if not_found(error):  # deleted since it was listed
                    continue
                raise
            yield component_models(found)


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
