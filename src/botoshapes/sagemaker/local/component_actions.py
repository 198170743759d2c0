"""The local server's inference-component actions (moto has none).

``CreateInferenceComponent``, ``DescribeInferenceComponent``,
``UpdateInferenceComponent``, ``UpdateInferenceComponentRuntimeConfig``,
``DeleteInferenceComponent`` and ``ListInferenceComponents``, as a base class of
the server's SageMaker response. Components live on moto's SageMaker backend
(so moto's reset forgets them) and each plays its :class:`Rollout` on the
clock of the server that started it. Requests are read as strictly as the SDK
reads them; an update is checked with ``check_component_update`` and its errors
refused, as AWS refuses them.

Where AWS does not say what it refuses, this server chooses, and the rules
say so as warnings: it refuses an update of a component that is not
``InService`` (as SageMaker does for endpoints) and one that changes nothing
(Terraform's provider reports that SageMaker does). A deletion is immediate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from moto.core.responses import ActionResult
from moto.sagemaker.exceptions import ValidationError
from moto.sagemaker.utils import arn_formatter

from botoshapes.sagemaker.deploy.components import check_component_update, plan_component_update

from .clock import ScaledClock
from .components import Component, ComponentProbes, Rollout, Runs

if TYPE_CHECKING:
    from moto.sagemaker.models import FakeEndpoint, SageMakerModelBackend

    from .rehearsal import EndpointState
    from .responses import LocalState

_ATTRIBUTE = "botoshapes_components"


@dataclass
class Store:
    """One backend's components, the clock each plays on, and copies provisioned by image."""

    components: dict[str, Component] = field(default_factory=dict)
    clocks: dict[str, ScaledClock] = field(default_factory=dict)
    images: dict[str, int] = field(default_factory=dict)


def store(backend: SageMakerModelBackend) -> Store:
    """The components kept on ``backend`` (gone with moto's reset, which empties it)."""
    found = backend.__dict__.get(_ATTRIBUTE)
    if not isinstance(found, Store):
        found = backend.__dict__[_ATTRIBUTE] = Store()
    return found


def _runs(request: Any, copies: int, fallback: Runs | None = None) -> Runs:
    wire = request.to_boto()
    if "Specification" in wire or "Specifications" in wire:
        listed = wire.get("Specifications")
        return Runs(wire.get("Specification"), tuple(listed) if listed else None, copies)
    if fallback is not None:
        return Runs(fallback.specification, fallback.specifications, copies)
    return Runs(None, None, copies)


def _alarms(deployment: Mapping[str, Any] | None) -> tuple[str, ...]:
    rollback = (deployment or {}).get("AutoRollbackConfiguration") or {}
    return tuple(str(a["AlarmName"]) for a in rollback.get("Alarms") or () if "AlarmName" in a)


def _matches(component: Component, request: Any) -> bool:
    """Whether ``component`` passes a ListInferenceComponents request's name filters."""
    wanted = (
        (request.endpoint_name_equals, component.endpoint_name),
        (request.variant_name_equals, component.variant_name),
        (request.status_equals, component.status),
    )
    if any(given is not None and str(given) != has for given, has in wanted):
        return False
    return request.name_contains is None or str(request.name_contains) in component.name


def _within(moment: float, after: Any, before: Any, clock: ScaledClock) -> bool:
    """Whether a simulated moment is after ``after`` and before ``before`` (timestamps)."""
    if after is not None and moment <= clock.simulated_at(after):
        return False
    return before is None or moment < clock.simulated_at(before)


_SORT = {
    "Name": lambda c: c.name,
    "CreationTime": lambda c: c.created,
    "Status": lambda c: c.status,
}


class ComponentActions:
    """Inference components on the local server (see the module)."""

    if TYPE_CHECKING:
        local: ClassVar[LocalState]

        @property
        def sagemaker_backend(self) -> SageMakerModelBackend: ...
        def _request(self, shape: str) -> Any: ...
        def _endpoint(self, name: str) -> FakeEndpoint: ...
        def _state(self, endpoint: FakeEndpoint) -> EndpointState: ...
        def _component_probes(self, alarms: tuple[str, ...]) -> ComponentProbes: ...
        def _get_param(self, param_name: str, if_none: Any = None) -> Any: ...

    def _store(self) -> Store:
        return store(self.sagemaker_backend)

    def _play_components(self) -> None:
        kept = self._store()
        for name, component in kept.components.items():
            rollout = component.rollout
            if rollout is not None and rollout.phase != "done":
                probes = self._component_probes(rollout.alarms)
                rollout.advance(component, kept.clocks[name].now(), probes)

    def _component_arn(self, name: str) -> str:
        backend = self.sagemaker_backend
        return arn_formatter("inference-component", name, backend.account_id, backend.region_name)

    def _component(self, name: str) -> Component:
        found = self._store().components.get(name)
        if found is None:
            arn = self._component_arn(name)
            raise ValidationError(message=f'Could not find inference component "{arn}".')
        return found

    def _start_rollout(self, component: Component, rollout: Rollout) -> None:
        kept = self._store()
        component.rollout = rollout
        kept.clocks[component.name] = self.local.clock
        rollout.advance(component, self.local.clock.now(), self._component_probes(rollout.alarms))

    def _check_models(self, runs: Runs) -> None:
        backend = self.sagemaker_backend
        for specification in runs.models():
            model = specification.get("ModelName")
            if model is not None and model not in backend._models:  # moto keeps them there
                arn = arn_formatter("model", str(model), backend.account_id, backend.region_name)
                raise ValidationError(message=f'Could not find model "{arn}".')
            base = specification.get("BaseInferenceComponentName")
            if base is not None and base not in self._store().components:
                raise ValidationError(
                    message=f'Could not find inference component "{self._component_arn(base)}".'
                )

    def create_inference_component(self) -> ActionResult:
        request = self._request("CreateInferenceComponentInput")
        name = str(request.inference_component_name)
        if name in self._store().components:
            arn = self._component_arn(name)
            raise ValidationError(
                message=f'Cannot create already existing inference component "{arn}".'
            )
        endpoint = self._endpoint(str(request.endpoint_name))
        variants = {v.spec.name for v in self._state(endpoint).live}
        variant = request.variant_name
        if variant is not None and str(variant) not in variants:
            raise ValidationError(
                message=f'The variant name "{variant}" is not present within endpoint'
                f' "{endpoint.endpoint_name}".'
            )
        copies = request.runtime_config.copy_count if request.runtime_config is not None else 0
        after = _runs(request, copies)
        self._check_models(after)
        now = self.local.clock.now()
        component = Component(
            name,
            self._component_arn(name),
            endpoint.endpoint_name,
            endpoint.arn,
            None if variant is None else str(variant),
            after,
            created=now,
            desired_copies=copies,
            modified=now,
            tags=[t.to_boto() for t in request.tags or ()],
        )
        plan = plan_component_update(
            {"InferenceComponentName": name, "RuntimeConfig": {"CopyCount": copies}},
            {"InferenceComponentName": name, "RuntimeConfig": {"DesiredCopyCount": 0}},
            provisioning_seconds=self.local.provisioning_seconds,
        )
        self._store().components[name] = component
        rollout = Rollout(
            plan,
            now,
            before=None,
            after=after,
            provisioning_seconds=self.local.provisioning_seconds,
            explain=self.local.explain_rollbacks,
        )
        self._start_rollout(component, rollout)
        return ActionResult({"InferenceComponentArn": component.arn})

    def describe_inference_component(self) -> ActionResult:
        name = str(self._get_param("InferenceComponentName"))
        component = self._component(name)
        return ActionResult(component.describe(self._store().clocks[name].stamp))

    def _updatable_component(self, name: str) -> Component:
        component = self._component(name)
        if component.status != "InService":
            state = "failed" if component.status == "Failed" else "in-progress"
            raise ValidationError(
                message=f'Cannot update {state} inference component "{component.arn}".'
            )
        return component

    def update_inference_component(self) -> ActionResult:
        request = self._request("UpdateInferenceComponentInput")
        component = self._updatable_component(str(request.inference_component_name))
        described = component.describe(self._store().clocks[component.name].stamp)
        found = check_component_update(request, described)
        refused = [f for f in found if f.level == "error" or f.rule == "ic-nothing-to-update"]
        if refused:
            said = (f"{f.path}: {f.message}" if f.path else f.message for f in refused)
            raise ValidationError(message="; ".join(said))
        try:
            plan = plan_component_update(
                request, described, provisioning_seconds=self.local.provisioning_seconds
            )
        except ValueError as error:  # no plan to play: nothing AWS states refuses it
            raise ValidationError(
                message=f"botoshapes' local server cannot rehearse this update: {error}"
            ) from None
        after = _runs(request, plan.copies_after, component.runs)
        self._check_models(after)
        deployment = request.to_boto().get("DeploymentConfig")
        return self._roll(component, plan, after, deployment)

    def update_inference_component_runtime_config(self) -> ActionResult:
        request = self._request("UpdateInferenceComponentRuntimeConfigInput")
        component = self._updatable_component(str(request.inference_component_name))
        copies = request.desired_runtime_config.copy_count
        plan = plan_component_update(
            {"InferenceComponentName": component.name, "RuntimeConfig": {"CopyCount": copies}},
            component.describe(self._store().clocks[component.name].stamp),
            provisioning_seconds=self.local.provisioning_seconds,
        )
        after = Runs(component.runs.specification, component.runs.specifications, copies)
        return self._roll(component, plan, after, None)

    def _roll(
        self, component: Component, plan: Any, after: Runs, deployment: Mapping[str, Any] | None
    ) -> ActionResult:
        now = self.local.clock.now()
        before = component.runs
        component.status, component.modified = "Updating", now
        component.failure_reason = None
        component.desired_copies = after.copies
        if deployment is not None:
            component.last_deployment_config = deployment
        rollout = Rollout(
            plan,
            now,
            before=before,
            after=after,
            provisioning_seconds=self.local.provisioning_seconds,
            alarms=_alarms(deployment),
            explain=self.local.explain_rollbacks,
        )
        self._start_rollout(component, rollout)
        return ActionResult({"InferenceComponentArn": component.arn})

    def delete_inference_component(self) -> ActionResult:
        name = str(self._get_param("InferenceComponentName"))
        self._component(name)
        kept = self._store()
        del kept.components[name]
        kept.clocks.pop(name, None)
        return ActionResult({})

    def _tagged(self) -> Component | None:
        """The component a tag action's ``ResourceArn`` names (``None``: not a component)."""
        arn = str(self._get_param("ResourceArn") or "")
        kind, _, name = arn.rpartition(":")[2].partition("/")
        if kind != "inference-component":
            return None
        return self._component(name)

    def list_tags(self) -> ActionResult:
        component = self._tagged()
        if component is None:
            return super().list_tags()  # type: ignore[misc,no-any-return]
        return ActionResult({"Tags": list(component.tags)})

    def add_tags(self) -> ActionResult:
        component = self._tagged()
        if component is None:
            return super().add_tags()  # type: ignore[misc,no-any-return]
        added = list(self._get_param("Tags") or [])
        keys = {t["Key"] for t in added}
        component.tags = [t for t in component.tags if t["Key"] not in keys] + added
        return ActionResult({"Tags": added})

    def delete_tags(self) -> ActionResult:
        component = self._tagged()
        if component is None:
            return super().delete_tags()  # type: ignore[misc,no-any-return]
        keys = set(self._get_param("TagKeys") or [])
        component.tags = [t for t in component.tags if t["Key"] not in keys]
        return ActionResult({})

    def delete_endpoint(self) -> ActionResult:
        # "Delete inference components first" (realtime-endpoints-delete-resources): AWS's
        # console deletes them before the endpoint; its users report that DeleteEndpoint
        # refuses an endpoint that still hosts some. The local server refuses it.
        name = str(self._get_param("EndpointName"))
        hosted = sorted(
            c.name for c in self._store().components.values() if c.endpoint_name == name
        )
        if hosted:
            raise ValidationError(
                message=f'Cannot delete endpoint "{name}": it hosts inference components'
                f" ({', '.join(hosted)}): delete them first."
            )
        return super().delete_endpoint()  # type: ignore[misc,no-any-return]

    def list_inference_components(self) -> ActionResult:
        request = self._request("ListInferenceComponentsInput")
        kept = self._store()
        clock = self.local.clock
        found = [
            c
            for c in kept.components.values()
            if _matches(c, request)
            and _within(c.created, request.creation_time_after, request.creation_time_before, clock)
            and _within(
                c.modified,
                request.last_modified_time_after,
                request.last_modified_time_before,
                clock,
            )
        ]
        found.sort(
            key=_SORT[str(request.sort_by or "CreationTime")],
            reverse=str(request.sort_order or "Descending") == "Descending",
        )
        token = str(request.next_token or "0")
        if not token.isdigit() or int(token) > len(found):
            raise ValidationError(message=f"Invalid pagination token: {token!r}.")
        start = int(token)
        size = request.max_results or 10
        page = found[start : start + size]
        out: dict[str, Any] = {
            "InferenceComponents": [c.summary(kept.clocks[c.name].stamp) for c in page]
        }
        if start + size < len(found):
            out["NextToken"] = str(start + size)
        return ActionResult(out)
