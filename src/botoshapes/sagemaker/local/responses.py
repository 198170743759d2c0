"""moto's SageMaker, extended through its own response class with endpoint lifecycles.

(Inference components, which moto lacks, are in :mod:`.component_actions`.)

:class:`LocalSageMakerResponse` subclasses moto's ``SageMakerResponse``: it
adds ``UpdateEndpoint``, replaces ``CreateEndpoint`` and
``UpdateEndpointWeightsAndCapacities`` with versions that take time, and,
before every SageMaker request, plays each endpoint's rehearsal up to the
clock and writes what it shows onto moto's endpoint object, so moto's own
``DescribeEndpoint`` and ``ListEndpoints`` serve it. Every other action is
moto's, unchanged.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar

from moto.cloudwatch.models import cloudwatch_backends
from moto.core.responses import ActionResult
from moto.sagemaker.exceptions import ValidationError
from moto.sagemaker.models import FakeEndpoint, FakeEndpointConfig, Model, SageMakerModelBackend
from moto.sagemaker.responses import SageMakerResponse
from moto.sagemaker.utils import arn_formatter

from botoshapes._runtime.errors import ShapeValidationError
from botoshapes.sagemaker.deploy import Fleet, Rollback, Step, check_deployment, plan_deployment

from . import views
from .clock import ScaledClock
from .component_actions import ComponentActions, store
from .rehearsal import EndpointState, Rehearsal, Spec, Timed, Variant

if TYPE_CHECKING:
    from moto.core.common_types import TYPE_RESPONSE

FAIL_MARK = re.compile(r"fail-provisioning(?:-after-(\d+))?")
"""In a model's image URI: its provisioning fails (after the first N instances)."""


@dataclass
class LocalState:
    """One local server's clock, provisioning time and how it reports rollbacks."""

    clock: ScaledClock
    provisioning_seconds: int
    explain_rollbacks: bool = True


@dataclass
class _Playing:
    """A rehearsal and the clock it plays on (its server's)."""

    rehearsal: Rehearsal
    clock: ScaledClock


_LOCK = threading.RLock()
"""One at a time: moto's resources, like what is played on them, are the process's."""
_REHEARSALS: weakref.WeakKeyDictionary[FakeEndpoint, _Playing] = weakref.WeakKeyDictionary()
"""Every server's, so any server shows an endpoint as its own server plays it."""
_PROVISIONED: weakref.WeakKeyDictionary[Model, int] = weakref.WeakKeyDictionary()
"""Instances provisioned so far, by (moto's) model."""
_CONFIG_MEMBERS: weakref.WeakKeyDictionary[FakeEndpointConfig, dict[str, Any]] = (
    weakref.WeakKeyDictionary()
)
"""What each config's request gave that moto does not keep (``ShadowProductionVariants``,
``ExecutionRoleArn``, ``VpcConfig``, ...): ``DescribeEndpointConfig`` answers it, as AWS's."""
_CONFIG_NAMES = frozenset({"EndpointConfigName", "Tags"})


@dataclass(frozen=True)
class _Probes:
    """Alarms from the same server's CloudWatch; provisioning by the models' image URIs."""

    clock: ScaledClock
    sagemaker: SageMakerModelBackend
    alarms: tuple[str, ...] = ()

    def alarm_at(self, start: float, end: float) -> tuple[float, str] | None:
        watch = cloudwatch_backends[self.sagemaker.account_id][self.sagemaker.region_name]
        first: tuple[float, str] | None = None
        for name in self.alarms:
            alarm = watch.alarms.get(name)
            if alarm is None:
                continue
            changes = [(h[3], h[4]) for h in alarm.history if h and h[0] == "StateUpdate"]
            changes.append((alarm.state_value, alarm.state_updated_timestamp))
            since = [(state, self.clock.simulated_at(at)) for state, at in changes]
            for k, (state, begins) in enumerate(since):
                ends = since[k + 1][1] if k + 1 < len(since) else float("inf")
                if state == "ALARM" and begins < end and ends > start:
                    hit = (max(begins, start), name)
                    first = hit if first is None else min(first, hit)
        return first

    def provision(self, model: str, instances: int) -> str | None:
        if not model:  # a variant for inference components: they bring their own models
            return None
        found = self.sagemaker._models.get(model)  # moto keeps its models there
        if found is None:
            return f"Could not find model {model!r}"
        containers = [found.primary_container, *(found.containers or [])]
        for image in (c.get("Image") for c in containers if c):
            mark = FAIL_MARK.search(str(image or ""))
            if mark is None:
                continue
            limit = int(mark.group(1) or 0)
            done = _PROVISIONED.get(found, 0)
            if done + instances > limit:
                return (
                    f"provisioning failed: image {image} fails after {limit} instances "
                    f"of model {model} ({done} provisioned, {instances} more asked)"
                )
        _PROVISIONED[found] = _PROVISIONED.get(found, 0) + instances
        return None

    def provision_copies(self, specification: Mapping[str, Any], copies: int) -> str | None:
        """Copies of an inference component: by its model, or by the image it names itself."""
        image = str((specification.get("Container") or {}).get("Image") or "")
        mark = FAIL_MARK.search(image)
        if mark is not None:
            limit, done = int(mark.group(1) or 0), store(self.sagemaker).images
            if done.get(image, 0) + copies > limit:
                return (
                    f"provisioning failed: image {image} fails after {limit} copies"
                    f" ({done.get(image, 0)} provisioned, {copies} more asked)"
                )
            done[image] = done.get(image, 0) + copies
        model = specification.get("ModelName")
        return self.provision(str(model), copies) if model is not None else None


class LocalSageMakerResponse(ComponentActions, SageMakerResponse):
    """moto's SageMaker with endpoints and inference components that deploy on a clock."""

    local: ClassVar[LocalState]
    """Set on the subclass each server makes for itself."""

    def call_action(self) -> TYPE_RESPONSE:
        with _LOCK:
            self._play(self.sagemaker_backend)
            self._play_components()
            return super().call_action()

    def _component_probes(self, alarms: tuple[str, ...]) -> _Probes:
        return _Probes(self.local.clock, self.sagemaker_backend, alarms)

    def _play(self, backend: SageMakerModelBackend) -> None:
        for endpoint in list(backend.endpoints.values()):
            playing = _REHEARSALS.get(endpoint)
            if playing is not None:
                rehearsal, clock = playing.rehearsal, playing.clock
                rehearsal.advance(clock.now(), _Probes(clock, backend, rehearsal.alarms))
                self._show(endpoint, playing)

    @staticmethod
    def _show(endpoint: FakeEndpoint, playing: _Playing) -> None:
        for name, value in views.wire(playing.rehearsal.state, playing.clock.stamp).items():
            setattr(endpoint, name, value)

    def _request(self, shape: str) -> Any:
        """The request, checked as strictly as the SDK checks it (AWS checks on its side)."""
        import botoshapes.sagemaker as models  # noqa: PLC0415

        try:
            body = json.loads(self.body or "{}")
            return getattr(models, shape).from_boto(body)
        except (ShapeValidationError, ValueError) as error:
            raise ValidationError(message=str(error)) from None

    def _endpoint(self, name: str) -> FakeEndpoint:
        endpoint = self.sagemaker_backend.endpoints.get(name)
        if endpoint is None:
            raise ValidationError(message=f'Could not find endpoint "{self._arn(name)}".')
        return endpoint

    def _arn(self, name: str) -> str:
        return FakeEndpoint.arn_formatter(name, self.current_account, self.region)

    def _state(self, endpoint: FakeEndpoint) -> EndpointState:
        """What the endpoint shows now; one moto made itself is in service on its config."""
        playing = _REHEARSALS.get(endpoint)
        if playing is not None:
            return playing.rehearsal.state
        config = self.sagemaker_backend.describe_endpoint_config(endpoint.endpoint_config_name)
        live = [Variant.serving(spec) for spec in views.specs(config)]
        return EndpointState("InService", endpoint.endpoint_config_name, live)

    def _start(self, endpoint: FakeEndpoint, rehearsal: Rehearsal) -> None:
        playing = _Playing(rehearsal, self.local.clock)
        _REHEARSALS[endpoint] = playing
        probes = _Probes(self.local.clock, self.sagemaker_backend, rehearsal.alarms)
        rehearsal.advance(self.local.clock.now(), probes)
        self._show(endpoint, playing)

    # -- the actions ------------------------------------------------------------

    def create_model(self) -> ActionResult:
        # AWS refuses a name in use ('Cannot create already existing model "arn:..."', as its
        # users quote it); moto replaces the model.
        self._new("model", "model", self._get_param("ModelName"), self.sagemaker_backend._models)
        return super().create_model()

    def create_endpoint_config(self) -> ActionResult:
        name = self._get_param("EndpointConfigName")
        configs = self.sagemaker_backend.endpoint_configs
        self._new("endpoint configuration", "endpoint-config", name, configs)
        # The instance types are the service model's (the strict request checks them):
        # moto's own list lacks the ml.g5, ml.g6, ml.p4d, ... types of today's models.
        self._request("CreateEndpointConfigInput")
        with _model_instance_types():
            result = super().create_endpoint_config()
        kept = configs[name].response_object
        body = json.loads(self.body or "{}")
        _CONFIG_MEMBERS[configs[name]] = {
            k: v for k, v in body.items() if k not in kept and k not in _CONFIG_NAMES
        }
        return result

    def describe_endpoint(self) -> ActionResult:
        # moto's, with the shadow variants of the config the endpoint runs, steady: the
        # rehearsal steps the production variants only.
        response = dict(self.sagemaker_backend.describe_endpoint(self._get_param("EndpointName")))
        found = self.sagemaker_backend.endpoint_configs.get(str(response["EndpointConfigName"]))
        shadows = _CONFIG_MEMBERS.get(found, {}).get("ShadowProductionVariants") if found else None
        if shadows:
            response["ShadowProductionVariants"] = [_steady(v) for v in shadows]
        return ActionResult(response)

    def describe_endpoint_config(self) -> ActionResult:
        name = self._get_param("EndpointConfigName")
        response = self.sagemaker_backend.describe_endpoint_config(name)
        found = self.sagemaker_backend.endpoint_configs.get(name)
        extra = _CONFIG_MEMBERS.get(found, {}) if found is not None else {}
        return ActionResult({**response, **extra})

    def _new(self, what: str, kind: str, name: Any, existing: Any) -> None:
        if name in existing:
            backend = self.sagemaker_backend
            arn = arn_formatter(kind, str(name), backend.account_id, backend.region_name)
            raise ValidationError(message=f'Cannot create already existing {what} "{arn}".')

    def create_endpoint(self) -> ActionResult:
        request = self._request("CreateEndpointInput")
        errors = [f for f in check_deployment(request) if f.level == "error"]
        if errors:
            raise ValidationError(message="; ".join(f"{f.path}: {f.message}" for f in errors))
        name = str(request.endpoint_name)
        if name in self.sagemaker_backend.endpoints:
            raise ValidationError(
                message=f'Cannot create already existing endpoint "{self._arn(name)}".'
            )
        result = super().create_endpoint()
        endpoint = self.sagemaker_backend.endpoints[name]
        config = self.sagemaker_backend.describe_endpoint_config(endpoint.endpoint_config_name)
        wanted = views.specs(config)
        now = self.local.clock.now()
        endpoint.creation_time = self.local.clock.stamp(now)  # one clock for every timestamp
        during = EndpointState(
            "Creating",
            endpoint.endpoint_config_name,
            live=[
                Variant(s, 0, 0.0, s.instances, s.weight, [("Creating", "", now)]) for s in wanted
            ],
            pending=[Variant(s, 0, 0.0, s.instances, s.weight) for s in wanted],
            pending_config=endpoint.endpoint_config_name,
            pending_since=now,
            modified=now,
        )
        after = EndpointState(
            "InService", endpoint.endpoint_config_name, [Variant.serving(s) for s in wanted]
        )
        share = 100 / len(wanted) if wanted else 0.0
        step = Step(
            1,
            "provision",
            0,
            self.local.provisioning_seconds,
            tuple(Fleet(s.name, "new", s.instance_type, s.instances, share) for s in wanted),
            Rollback(0, 1),
            "the endpoint's instances",
        )
        rehearsal = Rehearsal(
            during,
            [Timed(step, now)],
            after,
            before=None,
            provisioning_seconds=self.local.provisioning_seconds,
        )
        self._start(endpoint, rehearsal)
        return result

    def _updatable(self, name: str) -> tuple[FakeEndpoint, EndpointState]:
        endpoint = self._endpoint(name)
        state = self._state(endpoint)
        if state.status == "Failed":
            raise ValidationError(
                message=f'Cannot update failed endpoint "{self._arn(name)}": delete it.'
            )
        if state.status not in ("InService", "UpdateRollbackFailed"):
            raise ValidationError(
                message=f'Cannot update in-progress endpoint "{self._arn(name)}".'
            )
        return endpoint, state

    def update_endpoint(self) -> ActionResult:
        from botoshapes.sagemaker import (  # noqa: PLC0415
            DescribeEndpointConfigOutput,
            DescribeEndpointOutput,
        )

        request = self._request("UpdateEndpointInput")
        name = str(request.endpoint_name)
        endpoint, state = self._updatable(name)
        backend = self.sagemaker_backend
        new_name = str(request.endpoint_config_name)
        new = backend.describe_endpoint_config(new_name)
        current = (
            backend.describe_endpoint_config(state.config_name)
            if state.config_name in backend.endpoint_configs
            else views.config(state)  # deleted while in use: what the endpoint runs
        )
        inputs = (
            request,
            DescribeEndpointOutput.from_response(backend.describe_endpoint(name)),
            DescribeEndpointConfigOutput.from_response(current),
            DescribeEndpointConfigOutput.from_response(new),
        )
        seconds = self.local.provisioning_seconds
        # "If the update would change the instance type for any model that is a target for
        # auto scaling, the update fails" (endpoint-scaling-update): the same server's
        # Application Auto Scaling says which variants are.
        found = check_deployment(
            *inputs, provisioning_seconds=seconds, scalable_targets=self._scalable_targets()
        )
        errors = [f for f in found if f.level == "error"]
        if errors:
            raise ValidationError(message="; ".join(f"{f.path}: {f.message}" for f in errors))
        try:
            plan = plan_deployment(*inputs, provisioning_seconds=seconds)
        except ValueError as error:
            # What AWS leaves unsaid (both policies, say) is no error of AWS's: the
            # rehearsal, which plays a plan, says it cannot play this one.
            raise ValidationError(
                message=f"botoshapes' local server cannot rehearse this update: {error}"
            ) from None
        deployment = (
            state.last_deployment_config
            if request.retain_deployment_config
            else (request.to_boto().get("DeploymentConfig"))
        )
        final = _final_specs(request, state, views.specs(new), plan.steps[-1].fleets)
        now = self.local.clock.now()
        before = _settled(state)
        during = _settled(state)
        during.status, during.modified = "Updating", now
        during.pending = [Variant(s, 0, 0.0, s.instances, s.weight) for s in final]
        during.pending_config, during.pending_since = new_name, now
        during.last_deployment_config = deployment
        after = EndpointState(
            "InService",
            new_name,
            [Variant.serving(s) for s in final],
            last_deployment_config=deployment,
        )
        rehearsal = Rehearsal(
            during,
            [Timed(step, now + step.start_seconds) for step in plan.steps],
            after,
            before=before,
            provisioning_seconds=seconds,
            timeout_at=None if plan.timeout_seconds is None else now + plan.timeout_seconds,
            alarms=_alarms(deployment),
            # AWS documents RollingBack only for UpdateEndpointWeightsAndCapacities: a
            # guardrails rollback shows Updating, then InService on the old config.
            rollback_status="Updating",
            explain=self.local.explain_rollbacks,
        )
        self._start(endpoint, rehearsal)
        return ActionResult({"EndpointArn": endpoint.arn})

    def _scalable_targets(self) -> dict[str, Any]:
        """The same server's Application Auto Scaling targets of SageMaker variants."""
        from moto.applicationautoscaling.models import (  # noqa: PLC0415
            applicationautoscaling_backends,
        )

        backend = applicationautoscaling_backends[self.sagemaker_backend.account_id][
            self.sagemaker_backend.region_name
        ]
        targets = backend.describe_scalable_targets("sagemaker", None, None)
        return {
            "ScalableTargets": [
                {
                    "ServiceNamespace": t.service_namespace,
                    "ResourceId": t.resource_id,
                    "ScalableDimension": t.scalable_dimension,
                    "MinCapacity": t.min_capacity,
                    "MaxCapacity": t.max_capacity,
                }
                for t in targets
            ]
        }

    def update_endpoint_weights_and_capacities(self) -> ActionResult:
        request = self._request("UpdateEndpointWeightsAndCapacitiesInput")
        name = str(request.endpoint_name)
        endpoint, state = self._updatable(name)
        now = self.local.clock.now()
        during = _settled(state)
        live = {v.spec.name: v for v in during.live}
        seen: set[str] = set()
        serverless: dict[str, dict[str, Any]] = {}
        """``ServerlessUpdateConfig``'s concurrency, by variant: the serverless config after."""
        for desired in request.desired_weights_and_capacities:
            variant_name = str(desired.variant_name)
            if variant_name in seen:
                raise ValidationError(
                    message=f'The variant name "{variant_name}" was non-unique within the request.'
                )
            variant = live.get(variant_name)
            if variant is None:
                raise ValidationError(
                    message=f'The variant name "{variant_name}" is not present within '
                    f'endpoint configuration "{state.config_name}".'
                )
            seen.add(variant_name)
            if desired.desired_weight is not None:
                variant.desired_weight = desired.desired_weight
            if desired.desired_instance_count is not None:
                variant.desired_instances = desired.desired_instance_count
            if desired.serverless_update_config is not None:
                concurrency = desired.serverless_update_config.to_boto()
                serverless[variant_name] = {**(variant.spec.serverless or {}), **concurrency}
            variant.statuses.append(("Updating", "UpdateEndpointWeightsAndCapacities", now))
        during.status, during.modified = "Updating", now
        after = _settled(during)
        after.status = "InService"
        for variant in after.live:
            variant.current_instances = variant.desired_instances
            variant.current_weight = variant.desired_weight
            if variant.spec.name in serverless:
                variant.spec = replace(variant.spec, serverless=serverless[variant.spec.name])
        step = Step(
            1,
            "provision",
            0,
            self.local.provisioning_seconds,
            tuple(
                Fleet(v.spec.name, "old", v.spec.instance_type, v.desired_instances, 0.0)
                for v in during.live
            ),
            Rollback(0, 1),
            "new weights and capacities",
        )
        rehearsal = Rehearsal(
            during,
            [Timed(step, now)],
            after,
            before=_settled(state),
            provisioning_seconds=self.local.provisioning_seconds,
            rollback_status="RollingBack",
            explain=self.local.explain_rollbacks,
        )
        self._start(endpoint, rehearsal)
        return ActionResult({"EndpointArn": endpoint.arn})


@contextlib.contextmanager
def _model_instance_types() -> Iterator[None]:
    """moto's checks of a config's variants as the service model has them, while a request
    the model checked is made (held under :data:`_LOCK`, as every action is).

    moto knows an older list of instance types, and wants a ``ModelName`` in every
    variant; a variant that hosts inference components has none.
    """
    instance_type = FakeEndpointConfig.validate_instance_type
    variants = SageMakerModelBackend.validate_production_variants

    def named_models(backend: SageMakerModelBackend, given: list[dict[str, Any]]) -> None:
        variants(backend, [v for v in given if "ModelName" in v])

    FakeEndpointConfig.validate_instance_type = lambda self, instance_type: None  # type: ignore[method-assign]
    SageMakerModelBackend.validate_production_variants = named_models  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        FakeEndpointConfig.validate_instance_type = instance_type  # type: ignore[method-assign]
        SageMakerModelBackend.validate_production_variants = variants  # type: ignore[method-assign]


def _steady(variant: dict[str, Any]) -> dict[str, Any]:
    """A config's variant as ``DescribeEndpoint`` summarises it once it serves."""
    weight = float(variant.get("InitialVariantWeight", 1.0))
    out: dict[str, Any] = {
        "VariantName": variant["VariantName"],
        "CurrentWeight": weight,
        "DesiredWeight": weight,
    }
    if "ServerlessConfig" in variant:
        out["CurrentServerlessConfig"] = out["DesiredServerlessConfig"] = variant[
            "ServerlessConfig"
        ]
    else:
        count = int(variant.get("InitialInstanceCount", 0))
        out["CurrentInstanceCount"] = out["DesiredInstanceCount"] = count
    return out


def _settled(state: EndpointState) -> EndpointState:
    """A copy of ``state`` without variant statuses or a failure reason."""
    out = views.copy(state)
    out.failure_reason = None
    for variant in out.live:
        variant.statuses = []
    return out


def _final_specs(
    request: Any, state: EndpointState, wanted: list[Spec], fleets: tuple[Fleet, ...]
) -> list[Spec]:
    """The new config's variants with the counts the plan ends with and the weights kept."""
    counts = {f.variant: f.instances for f in fleets if f.fleet == "new"}
    live = {v.spec.name: v for v in state.live}
    keep_weight = bool(request.retain_all_variant_properties) and "DesiredWeight" not in {
        str(p.variant_property_type) for p in request.exclude_retained_variant_properties or ()
    }
    out = []
    for spec in wanted:
        weight = spec.weight
        if keep_weight and spec.name in live:
            weight = live[spec.name].desired_weight
        instances = spec.instances if spec.serverless is not None else counts.get(spec.name, 0)
        out.append(replace(spec, instances=instances, weight=weight))
    return out


def _alarms(deployment: Any) -> tuple[str, ...]:
    """The alarm names of a DeploymentConfig's AutoRollbackConfiguration (wire form)."""
    if not isinstance(deployment, dict):
        return ()
    rollback = deployment.get("AutoRollbackConfiguration") or {}
    return tuple(str(a["AlarmName"]) for a in rollback.get("Alarms") or () if "AlarmName" in a)
