"""What AWS holds for an endpoint spec, read with read-only calls: the state a deploy plans against.

AWS is the only state ``botoshapes deploy`` keeps. :func:`read_live` reads the endpoint
(``DescribeEndpoint``), the config it runs and that config's models, whether the spec's
config and models exist already (an interrupted apply made them) and whether the config
carries the rolled-back mark, the variants Application Auto Scaling scales, the
rollback alarms (CloudWatch), and, for each instance type the spec uses, its "for endpoint
usage" quota (Service Quotas) and what the account's other endpoints run of it.

A part that cannot be read (another service's permission missing, a quota not listed) is
named in :attr:`LiveState.unread` and the checks that need it say they did not run: the
rest is still read.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from botoshapes import FrozenMap

from .autoscaling import DIMENSION, ScalableVariant, resource_id, scaled_variants
from .spec import ROLLED_BACK_TAG

if TYPE_CHECKING:
    from botoshapes.sagemaker import (
        DescribeEndpointConfigOutput,
        DescribeEndpointOutput,
        DescribeInferenceComponentOutput,
        DescribeModelOutput,
        SageMakerClient,
    )

    from .spec import EndpointSpec

QUOTA_SERVICE = "sagemaker"
QUOTA_NAME = "{} for endpoint usage"
"""The name of an instance type's endpoint quota in Service Quotas (matched by name: AWS
does not document its ``L-`` codes as stable)."""
_NOT_FOUND = "Could not find"
"""How SageMaker's ``ValidationException`` begins for a name it does not know."""


@dataclass(frozen=True, slots=True)
class Clients:
    """The clients a deploy reads and writes with: SageMaker's facade and boto3 clients of
    Application Auto Scaling, CloudWatch and Service Quotas."""

    sagemaker: SageMakerClient
    autoscaling: Any
    cloudwatch: Any
    quotas: Any

    @classmethod
    def create(
        cls,
        *,
        session: Any = None,
        region_name: str | None = None,
        endpoint_url: str | None = None,
        config: Any = None,
    ) -> Clients:
        """All four from ``session`` (default: a new ``boto3.Session``); ``endpoint_url``
        serves all four (a local server)."""
        import boto3  # noqa: PLC0415

        from botoshapes.sagemaker import SageMakerClient  # noqa: PLC0415

        session = session if session is not None else boto3.session.Session()

        def client(name: str) -> Any:
            return session.client(
                name, region_name=region_name, endpoint_url=endpoint_url, config=config
            )

        return cls(
            SageMakerClient(client("sagemaker")),
            client("application-autoscaling"),
            client("cloudwatch"),
            client("service-quotas"),
        )


@dataclass(frozen=True, slots=True)
class Quota:
    """An instance type's endpoint quota and what the account's other endpoints use of it."""

    instance_type: str
    limit: float
    used_elsewhere: int
    """Instances of this type the account's other endpoints run (both fleets of an update)."""
    source: str
    """``ListServiceQuotas`` (the account's value) or ``ListAWSDefaultServiceQuotas``."""


@dataclass(frozen=True, slots=True)
class Alarm:
    """A rollback alarm as CloudWatch has it; ``state`` is ``None`` if it does not exist."""

    name: str
    state: str | None
    path: str = "DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName"
    """Where the spec names it (the endpoint's policy, or a component's)."""


@dataclass(frozen=True, slots=True)
class TagChange:
    """Tags the spec gives that a resource it names lacks (or holds with another value)."""

    name: str
    arn: str
    missing: tuple[tuple[str, str], ...]
    """``(Key, Value)`` pairs to add."""


@dataclass(frozen=True, slots=True)
class LiveState:
    """What AWS holds for one spec (see the module)."""

    endpoint: DescribeEndpointOutput | None
    """``None``: no endpoint of that name."""
    config: DescribeEndpointConfigOutput | None
    """The config the endpoint runs; ``None`` without an endpoint, or if it was deleted."""
    config_models: FrozenMap[str, DescribeModelOutput]
    """The models of :attr:`config`, by name (those that still exist)."""
    spec_config_exists: bool
    """Whether the spec's config (by its derived name) exists already."""
    rolled_back: str | None
    """The spec's config's rolled-back mark (AWS's failure reason), if it has one."""
    spec_models: FrozenMap[str, bool]
    """Whether each of the spec's models exists, by derived name."""
    scaled: FrozenMap[str, ScalableVariant]
    """The endpoint's variants Application Auto Scaling scales, by variant."""
    alarms: tuple[Alarm, ...]
    quotas: FrozenMap[str, Quota]
    """By instance type, for the types the spec uses whose quota was found."""
    unread: tuple[str, ...] = field(default=())
    """What could not be read, and why."""
    tag_changes: tuple[TagChange, ...] = field(default=())
    """Tags the spec gives that its endpoint, or its config and models made already, lack:
    added by an apply (tags the spec does not name are left alone)."""
    components: FrozenMap[str, DescribeInferenceComponentOutput | None] = field(
        default_factory=lambda: FrozenMap({})
    )
    """Each of the spec's inference components as AWS describes it; ``None``: none yet."""
    scaled_components: frozenset[str] = frozenset()
    """The spec's components whose copy count Application Auto Scaling scales."""
    component_marks: FrozenMap[str, str] = field(default_factory=lambda: FrozenMap({}))
    """The rolled-back mark of each of the spec's components that has one: the digest of the
    update that rolled back, then AWS's reason."""

    @property
    def config_deleted(self) -> bool:
        return self.endpoint is not None and self.config is None

    def fingerprint(self) -> str:
        """A digest of what the change depends on: a saved plan is stale once it differs."""
        endpoint = self.endpoint
        state: dict[str, Any] = {"endpoint": None}
        if endpoint is not None:
            state["endpoint"] = {
                "status": str(endpoint.endpoint_status),
                "config": endpoint.endpoint_config_name,
                "modified": str(endpoint.last_modified_time),
                "variants": [
                    (v.variant_name, v.desired_weight, v.desired_instance_count)
                    for v in endpoint.production_variants or ()
                ],
            }
        state["scaled"] = sorted(
            (s.variant, s.min_capacity, s.max_capacity) for s in self.scaled.values()
        )
        state["rolled_back"] = self.rolled_back
        state["components"] = {
            name: None
            if found is None
            else (
                str(found.inference_component_status),
                str(found.last_modified_time),
                found.runtime_config.desired_copy_count if found.runtime_config else None,
            )
            for name, found in self.components.items()
        }
        state["scaled_components"] = sorted(self.scaled_components)
        state["component_marks"] = dict(self.component_marks)
        text = json.dumps(state, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def aws_errors() -> tuple[type[Exception], ...]:
    """What a call answers when AWS refuses it or cannot be reached."""
    from botocore.exceptions import BotoCoreError, ClientError  # noqa: PLC0415

    from botoshapes.sagemaker.errors import SageMakerError  # noqa: PLC0415

    return (BotoCoreError, ClientError, SageMakerError)


def not_found(error: Exception) -> bool:
    """Whether SageMaker's error says the named resource does not exist."""
    from botoshapes.sagemaker.errors import ResourceNotFound, ValidationException  # noqa: PLC0415

    if isinstance(error, ResourceNotFound):
        return True
    return isinstance(error, ValidationException) and str(error.message).startswith(_NOT_FOUND)


def read_live(spec: EndpointSpec, clients: Clients) -> LiveState:
    """Everything :class:`LiveState` holds for ``spec``, read-only."""
    from botoshapes.sagemaker.errors import SageMakerError  # noqa: PLC0415

    sm = clients.sagemaker
    unread: list[str] = []
    endpoint = config = None
    try:
        endpoint = sm.describe_endpoint(endpoint_name=spec.name)
    except SageMakerError as error:
        if not not_found(error):
            raise
    if endpoint is not None and endpoint.endpoint_config_name is not None:
        config = _config(sm, str(endpoint.endpoint_config_name))
    config_models = _models(sm, (str(v.model_name) for v in _variants(config)))
    spec_config_name = spec.config.endpoint_config_name
    spec_config = (
        config
        if config is not None and config.endpoint_config_name == spec_config_name
        else _config(sm, spec_config_name)
    )
    rolled_back = None
    if spec_config is not None:
        tags = tags_of(sm, str(spec_config.endpoint_config_arn))
        rolled_back = tags.get(ROLLED_BACK_TAG)
    names = [m.model_name for m in spec.models.values()]
    found = {n: config_models[n] for n in names if n in config_models}
    found |= _models(sm, [n for n in names if n not in found])
    spec_models = {name: name in found for name in names}
    scaled = _scaled(clients, spec, config, unread) if endpoint is not None else {}
    components = (
        _components(sm, spec) if endpoint is not None else {c.name: None for c in spec.components}
    )
    tag_changes, marks = _tag_changes(sm, spec, endpoint, spec_config, found, components=components)
    scaled_components = (
        _scaled_components(clients, spec, unread) if any(components.values()) else frozenset()
    )
    return LiveState(
        endpoint,
        config,
        FrozenMap(config_models),
        spec_config is not None,
        rolled_back,
        FrozenMap(spec_models),
        FrozenMap(scaled),
        _alarms(clients, spec, unread),
        FrozenMap(_quotas(clients, spec, unread)),
        tuple(unread),
        tag_changes,
        FrozenMap(components),
        scaled_components,
        FrozenMap(marks),
    )


def _components(
    sm: SageMakerClient, spec: EndpointSpec
) -> dict[str, DescribeInferenceComponentOutput | None]:
    """Each of the spec's inference components as AWS describes it, or ``None``."""
    from botoshapes.sagemaker.errors import SageMakerError  # noqa: PLC0415

    found: dict[str, DescribeInferenceComponentOutput | None] = {}
    for component in spec.components:
        try:
            found[component.name] = sm.describe_inference_component(
                inference_component_name=component.name
            )
        except SageMakerError as error:
            if not not_found(error):
                raise
            found[component.name] = None
    return found


COMPONENT_DIMENSION = "sagemaker:inference-component:DesiredCopyCount"
"""Application Auto Scaling's dimension of an inference component's copy count."""


def _scaled_components(clients: Clients, spec: EndpointSpec, unread: list[str]) -> frozenset[str]:
    """The spec's components that are scalable targets (their copy count is autoscaled)."""
    ids = [f"inference-component/{c.name}" for c in spec.components]
    try:
        targets = [
            t
            for start in range(0, len(ids), 50)
            for page in clients.autoscaling.get_paginator("describe_scalable_targets").paginate(
                ServiceNamespace="sagemaker",
                ResourceIds=ids[start : start + 50],
                ScalableDimension=COMPONENT_DIMENSION,
            )
            for t in page.get("ScalableTargets", [])
        ]
    except aws_errors() as error:
        unread.append(f"scalable targets of inference components: {error}")
        return frozenset()
    return frozenset(str(t["ResourceId"]).partition("/")[2] for t in targets)


def _tag_changes(
    sm: SageMakerClient,
    spec: EndpointSpec,
    endpoint: Any,
    config: Any,
    models: Mapping[str, DescribeModelOutput],
    *,
    components: Mapping[str, DescribeInferenceComponentOutput | None],
) -> tuple[tuple[TagChange, ...], dict[str, str]]:
    """What :attr:`LiveState.tag_changes` says, for what exists of the spec's resources, and
    the components' rolled-back marks (read with their tags)."""
    wanted: list[tuple[str, str, tuple[Any, ...], bool]] = []
    """``(name, ARN, tags the spec gives, whether it is a component)``."""
    if endpoint is not None:
        wanted.append((spec.name, str(endpoint.endpoint_arn), spec.tags, False))
    if config is not None:
        name, arn = str(config.endpoint_config_name), str(config.endpoint_config_arn)
        wanted.append((name, arn, spec.config.tags or (), False))
    for model in spec.models.values():
        found = models.get(model.model_name)
        if found is not None:
            wanted.append((model.model_name, str(found.model_arn), model.tags or (), False))
    for component in spec.components:
        live = components.get(component.name)
        if live is not None:
            arn = str(live.inference_component_arn)
            wanted.append((component.name, arn, component.create.tags or (), True))
    changes = []
    marks: dict[str, str] = {}
    for name, arn, tags, is_component in wanted:
        if not tags and not is_component:
            continue
        have = tags_of(sm, arn)
        if is_component and ROLLED_BACK_TAG in have:
            marks[name] = have[ROLLED_BACK_TAG]
        missing = tuple((str(t.key), str(t.value)) for t in tags if have.get(str(t.key)) != t.value)
        if missing:
            changes.append(TagChange(name, arn, missing))
    return tuple(changes), marks


def _variants(config: Any) -> tuple[Any, ...]:
    if config is None:
        return ()
    return (*(config.production_variants or ()), *(config.shadow_production_variants or ()))


def _config(sm: SageMakerClient, name: str) -> DescribeEndpointConfigOutput | None:
    from botoshapes.sagemaker.errors import SageMakerError  # noqa: PLC0415

    try:
        return sm.describe_endpoint_config(endpoint_config_name=name)
    except SageMakerError as error:
        if not_found(error):
            return None
        raise


def _models(sm: SageMakerClient, names: Iterable[str]) -> dict[str, DescribeModelOutput]:
    from botoshapes.sagemaker.errors import SageMakerError  # noqa: PLC0415

    found = {}
    for name in dict.fromkeys(names):
        try:
            found[name] = sm.describe_model(model_name=name)
        except SageMakerError as error:
            if not not_found(error):
                raise
    return found


def tags_of(sm: SageMakerClient, arn: str) -> dict[str, str]:
    """A SageMaker resource's tags (``ListTags``, every page)."""
    tags: dict[str, str] = {}
    for page in sm.boto3.get_paginator("list_tags").paginate(ResourceArn=arn):
        tags |= {t["Key"]: t["Value"] for t in page.get("Tags", [])}
    return tags


def _scaled(
    clients: Clients, spec: EndpointSpec, config: Any, unread: list[str]
) -> dict[str, ScalableVariant]:
    """Application Auto Scaling's targets of the variants the endpoint or the spec names."""
    names = {str(v.variant_name) for v in _variants(config)}
    names |= {str(v.variant_name) for v in spec.config.production_variants}
    ids = [resource_id(spec.name, name) for name in sorted(names)]
    targets: list[Any] = []
    try:
        for start in range(0, len(ids), 50):  # ResourceIds takes at most 50
            pages = clients.autoscaling.get_paginator("describe_scalable_targets").paginate(
                ServiceNamespace="sagemaker",
                ResourceIds=ids[start : start + 50],
                ScalableDimension=DIMENSION,
            )
            targets += [t for page in pages for t in page.get("ScalableTargets", [])]
    except aws_errors() as error:  # another service's failure (a permission): say, go on
        unread.append(f"scalable targets (Application Auto Scaling): {error}")
        return {}
    return scaled_variants(targets, spec.name)


def alarm_names(spec: EndpointSpec) -> list[tuple[str, str]]:
    """``(alarm, wire path)`` of every rollback alarm the spec names: the endpoint's
    policy's, then each inference component's."""
    policies: list[tuple[str, Any]] = [("", spec.update.deployment_config)]
    policies += [(f"components.{c.name}.", c.deployment) for c in spec.components]
    named = []
    for prefix, policy in policies:
        rollback = policy.auto_rollback_configuration if policy is not None else None
        for index, alarm in enumerate(rollback.alarms or () if rollback else ()):
            path = f"{prefix}DeploymentConfig.AutoRollbackConfiguration.Alarms[{index}].AlarmName"
            named.append((str(alarm.alarm_name), path))
    return named


def _alarms(clients: Clients, spec: EndpointSpec, unread: list[str]) -> tuple[Alarm, ...]:
    named = alarm_names(spec)
    if not named:
        return ()
    names = list(dict.fromkeys(name for name, _ in named))
    states: dict[str, str] = {}
    try:
        pages = clients.cloudwatch.get_paginator("describe_alarms").paginate(
            AlarmNames=names, AlarmTypes=["MetricAlarm", "CompositeAlarm"]
        )
        for page in pages:
            for alarm in [*page.get("MetricAlarms", []), *page.get("CompositeAlarms", [])]:
                states[alarm["AlarmName"]] = alarm["StateValue"]
    except aws_errors() as error:
        unread.append(f"rollback alarms (CloudWatch): {error}")
        return ()
    return tuple(Alarm(name, states.get(name), path) for name, path in named)


def instance_types(spec: EndpointSpec) -> list[str]:
    """The instance types the spec's config runs, in the order it names them."""
    variants = (*spec.config.production_variants, *(spec.config.shadow_production_variants or ()))
    return list(dict.fromkeys(str(v.instance_type) for v in variants if v.instance_type))


def _quotas(clients: Clients, spec: EndpointSpec, unread: list[str]) -> dict[str, Quota]:
    types = instance_types(spec)
    if not types:
        return {}
    wanted = {QUOTA_NAME.format(t): t for t in types}
    limits: dict[str, tuple[float, str]] = {}
    try:
        for operation in ("list_service_quotas", "list_aws_default_service_quotas"):
            pages = clients.quotas.get_paginator(operation).paginate(ServiceCode=QUOTA_SERVICE)
            source = "".join(p.title() for p in operation.split("_")).replace("Aws", "AWS")
            for page in pages:
                for quota in page.get("Quotas", []):
                    kind = wanted.get(quota.get("QuotaName", ""))
                    if kind is not None and kind not in limits and "Value" in quota:
                        limits[kind] = (float(quota["Value"]), source)
            if len(limits) == len(types):
                break
        used = _used_elsewhere(clients.sagemaker, spec.name, set(limits))
    except aws_errors() as error:
        unread.append(f"endpoint quotas (Service Quotas): {error}")
        return {}
    for kind in types:
        if kind not in limits:
            missing = QUOTA_NAME.format(kind)
            unread.append(f"endpoint quota of {kind}: Service Quotas lists no {missing!r}")
    return {
        kind: Quota(kind, limit, used.get(kind, 0), source)
        for kind, (limit, source) in limits.items()
    }


def _used_elsewhere(sm: SageMakerClient, endpoint: str, types: set[str]) -> dict[str, int]:
    """Instances of ``types`` the account's other endpoints run: both fleets of an update
    in progress (its pending config's variants count as its new fleet)."""
    used: dict[str, int] = {}
    if not types:
        return used
    names = [
        e["EndpointName"]
        for page in sm.boto3.get_paginator("list_endpoints").paginate()
        for e in page.get("Endpoints", [])
        if e["EndpointName"] != endpoint
    ]
    for name in names:
        other = sm.describe_endpoint(endpoint_name=name)
        for config_name, variants in _fleets(other):
            config = _config(sm, config_name)
            kinds = {str(v.variant_name): v.instance_type for v in _variants(config)}
            for variant_name, count in variants:
                kind = kinds.get(variant_name)
                if kind in types:
                    used[str(kind)] = used.get(str(kind), 0) + count
    return used


def _fleets(endpoint: DescribeEndpointOutput) -> Iterable[tuple[str, list[tuple[str, int]]]]:
    """``(config name, [(variant, instances)])`` of each fleet the endpoint runs."""
    if endpoint.endpoint_config_name is not None:
        running = (
            *(endpoint.production_variants or ()),
            *(endpoint.shadow_production_variants or ()),
        )
        yield (
            str(endpoint.endpoint_config_name),
            [(str(v.variant_name), _count(v)) for v in running],
        )
    pending = endpoint.pending_deployment_summary
    if pending is not None:
        yield (
            str(pending.endpoint_config_name),
            [(str(v.variant_name), _count(v)) for v in pending.production_variants or ()],
        )


def _count(variant: Any) -> int:
    for value in (variant.current_instance_count, variant.desired_instance_count):
        if isinstance(value, int):
            return value
    return 0
