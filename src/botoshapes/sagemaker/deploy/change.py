"""What it takes to bring an endpoint to its spec: the field-level difference, and its kind.

:func:`classify` compares the spec with what :func:`~.live.read_live` read and says which
of these it takes, with AWS's words where a rule decides it:

- ``nothing``: the endpoint runs the spec's config (by name, or a config of the same
  content), with the weights and instance counts it asks for;
- ``weights``: only variants' weights, instance counts or serverless concurrency differ:
  ``UpdateEndpointWeightsAndCapacities`` ("Updates variant weight of one or more variants
  associated with an existing endpoint, or capacity of one variant", API reference). The
  instance count of a variant Application Auto Scaling scales is left to it;
- ``update``: anything else on an endpoint that can take it: ``UpdateEndpoint`` to the
  spec's config ("Deploys the EndpointConfig specified in the request to a new fleet of
  instances");
- ``create``: no endpoint of that name: ``CreateEndpoint``;
- ``replace``: a change AWS documents that an update cannot make: deleting the endpoint
  and creating it again, which interrupts traffic (never done without being asked);
- ``follow``: a deployment to the spec's config is in progress (an apply was interrupted):
  nothing to send, only to follow it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from botoshapes.sagemaker import UpdateEndpointWeightsAndCapacitiesInput

    from .live import LiveState
    from .spec import EndpointSpec

Kind = Literal["nothing", "weights", "update", "create", "replace", "follow"]
_DEFAULT_WEIGHT = 1.0
"""ProductionVariant.InitialVariantWeight: "If unspecified, it defaults to 1.0." (API reference)"""
_NOT_COMPARED = frozenset(
    {"EndpointConfigName", "EndpointConfigArn", "CreationTime", "Tags", "ResponseMetadata"}
)
_MODEL_NOT_COMPARED = frozenset(
    {"ModelName", "ModelArn", "CreationTime", "Tags", "DeploymentRecommendation"}
    | {"ResponseMetadata"}
)
_CAPACITY = (
    "InitialVariantWeight",
    "InitialInstanceCount",
    "ServerlessConfig.MaxConcurrency",
    "ServerlessConfig.ProvisionedConcurrency",
)
"""What UpdateEndpointWeightsAndCapacities changes of a production variant (its
``DesiredWeightAndCapacity``: weight, instance count, ``ServerlessUpdateConfig``)."""

FAILED_ENDPOINT = (
    'DescribeEndpoint, EndpointStatus: "Failed: ... DeleteEndpoint is the only operation that'
    ' can be performed on a failed endpoint."'
)
TO_SERVERLESS = (
    'Serverless Inference guide: "You cannot convert your instance-based, real-time endpoint'
    " to a serverless endpoint. If you try to update your real-time endpoint to serverless,"
    ' you receive a ValidationError message."'
)
ASYNC_REMOVED = (
    "AWS's answer to an UpdateEndpoint that drops it (sagemaker-python-sdk #3124): \"The"
    ' AsyncInferenceConfig parameter cannot be removed from this endpoint"'
)


@dataclass(frozen=True, slots=True)
class Difference:
    """One value that differs: its wire path, and the values (``None``: absent)."""

    path: str
    was: Any
    now: Any

    def __str__(self) -> str:
        return f"{self.path}: {_shown(self.was)} -> {_shown(self.now)}"


@dataclass(frozen=True, slots=True)
class Change:
    """What the spec needs (see the module), why, and what differs."""

    kind: Kind
    why: str
    differences: tuple[Difference, ...] = ()
    weights: UpdateEndpointWeightsAndCapacitiesInput | None = None
    """The request of a ``weights`` change."""
    evidence: str = ""
    """AWS's words a ``replace`` rests on."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "why": self.why,
            "evidence": self.evidence,
            "differences": [
                {"path": d.path, "was": _plain(d.was), "now": _plain(d.now)}
                for d in self.differences
            ],
            "weights": None if self.weights is None else self.weights.to_boto(),
        }


def classify(spec: EndpointSpec, live: LiveState) -> Change:
    """The change that brings ``live`` to ``spec`` (see the module)."""
    endpoint = live.endpoint
    target = spec.config.endpoint_config_name
    if endpoint is None:
        return Change("create", f"no endpoint {spec.name}: CreateEndpoint on {target}")
    status = str(endpoint.endpoint_status)
    pending = endpoint.pending_deployment_summary
    heading = pending.endpoint_config_name if pending is not None else endpoint.endpoint_config_name
    if status in ("Creating", "Updating") and heading == target:
        return Change("follow", f"{spec.name} is {status} to {target} already: followed")
    if status in ("Creating", "Updating") and pending is not None:
        # Heading elsewhere: once it ends, the endpoint will not be the file's.
        why = f"{spec.name} is {status} to {heading}, not the file's {target}: UpdateEndpoint"
        return Change("update", why)
    differences = tuple(config_differences(spec, live))
    replaced = _replacement(spec, live, status)
    if replaced is not None:
        why, evidence = replaced
        return Change("replace", why, differences, evidence=evidence)
    return _in_place(spec, live, differences)


def _in_place(spec: EndpointSpec, live: LiveState, differences: tuple[Difference, ...]) -> Change:
    endpoint = live.endpoint
    assert endpoint is not None
    target = spec.config.endpoint_config_name
    serving = endpoint.endpoint_config_name
    # The fleet runs the spec's config, whose object was deleted: it is made again (its
    # name says its content), and only the live weights and counts are compared.
    remade = serving == target and live.config is None
    capacity_only = all(_capacity_path(d.path) and d.now is not None for d in differences)
    if not remade and (not capacity_only or _variant_set_changed(spec, live)):
        return Change("update", f"UpdateEndpoint to {target}", differences)
    weights, capacity = _capacity_changes(spec, live)
    if weights is None:
        same = (
            f"in service on {target}"
            if serving == target
            else f"in service on {serving}, whose weights and capacities are the file's"
        )
        if remade:
            same += ", whose config was deleted: made again"
        return Change("nothing", f"{spec.name} is {same}", differences)
    return Change(
        "weights",
        f"only weights or capacities differ: UpdateEndpointWeightsAndCapacities on"
        f" {endpoint.endpoint_config_name}",
        capacity,
        weights,
    )


def config_differences(spec: EndpointSpec, live: LiveState) -> Iterator[Difference]:
    """The spec's config and models against the endpoint's, field by field (variants by
    name); the models' differences under ``models[KEY]``. None when the endpoint runs the
    spec's config: its name is derived from its content."""
    config = live.config
    if config is None or config.endpoint_config_name == spec.config.endpoint_config_name:
        return
    was = _config_wire(config.to_boto())
    now = _config_wire(spec.config.to_boto())
    yield from _diff(was, now, "")
    by_name = {m.model_name: key for key, m in spec.models.items()}
    models = {m.model_name: m for m in spec.models.values()}
    was_variants = was.get("ProductionVariants", {}).values()
    old_models = {str(v["VariantName"]): v.get("ModelName") for v in was_variants}
    for variant in now.get("ProductionVariants", {}).values():
        old_name = old_models.get(str(variant["VariantName"]))
        new_name = variant.get("ModelName")
        old = live.config_models.get(str(old_name)) if old_name else None
        if old is None or old_name == new_name or new_name not in models:
            continue
        old_wire = {k: v for k, v in old.to_boto().items() if k not in _MODEL_NOT_COMPARED}
        new_wire = {
            k: v for k, v in models[new_name].to_boto().items() if k not in _MODEL_NOT_COMPARED
        }
        yield from _diff(old_wire, new_wire, f"models[{by_name[new_name]}]")


def _config_wire(wire: Mapping[str, Any]) -> dict[str, Any]:
    """A config's wire form to compare: names and times left out, variants by name, the
    weight's default filled in."""
    out = {k: v for k, v in wire.items() if k not in _NOT_COMPARED}
    for lists in ("ProductionVariants", "ShadowProductionVariants"):
        if lists in out:
            out[lists] = {
                str(v["VariantName"]): {"InitialVariantWeight": _DEFAULT_WEIGHT, **v}
                for v in out[lists]
            }
    return out


def _diff(was: Any, now: Any, path: str) -> Iterator[Difference]:
    if isinstance(was, Mapping) and isinstance(now, Mapping):
        for key in [*was, *(k for k in now if k not in was)]:
            yield from _diff(was.get(key), now.get(key), f"{path}.{key}" if path else str(key))
        return
    if isinstance(was, list | tuple) and isinstance(now, list | tuple) and len(was) == len(now):
        for index, (a, b) in enumerate(zip(was, now, strict=True)):
            yield from _diff(a, b, f"{path}[{index}]")
        return
    if _normal(was) != _normal(now):
        yield Difference(_variant_path(path), was, now)


def _normal(value: Any) -> Any:
    """Numbers as floats; an empty mapping or list, or ``False``, as absent (services answer
    ``{}`` for a member never given, and ``false`` for a flag never set:
    ``EnableNetworkIsolation``)."""
    if value is False:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, Mapping | list | tuple) and not value:
        return None
    return value


def _variant_path(path: str) -> str:
    """``ProductionVariants.blue.InstanceType`` as ``ProductionVariants[blue].InstanceType``."""
    for lists in ("ProductionVariants", "ShadowProductionVariants"):
        head = f"{lists}."
        if path.startswith(head):
            name, _, rest = path[len(head) :].partition(".")
            return f"{lists}[{name}]" + (f".{rest}" if rest else "")
    return path


def _capacity_path(path: str) -> bool:
    head = "ProductionVariants["
    if not path.startswith(head) or "]." not in path:
        return False
    return path.split("].", 1)[1] in _CAPACITY


def _variant_set_changed(spec: EndpointSpec, live: LiveState) -> bool:
    if live.config is None:
        return True
    old = {str(v.variant_name) for v in live.config.production_variants or ()}
    return old != {str(v.variant_name) for v in spec.config.production_variants}


def _replacement(spec: EndpointSpec, live: LiveState, status: str) -> tuple[str, str] | None:
    if status == "Failed":
        return f"{spec.name} is Failed", FAILED_ENDPOINT
    config = live.config
    if config is None:
        return None
    instance_based = any(v.instance_type is not None for v in config.production_variants or ())
    serverless = [
        str(v.variant_name) for v in spec.config.production_variants if v.serverless_config
    ]
    if instance_based and serverless:
        return f"instance-based {spec.name} to serverless ({', '.join(serverless)})", TO_SERVERLESS
    if config.async_inference_config is not None and spec.config.async_inference_config is None:
        return f"AsyncInferenceConfig removed from {spec.name}", ASYNC_REMOVED
    return None


def _capacity_changes(
    spec: EndpointSpec, live: LiveState
) -> tuple[UpdateEndpointWeightsAndCapacitiesInput | None, tuple[Difference, ...]]:
    """The spec's weights, counts and concurrency against the endpoint's (its desired
    values, else its current ones): the request that sets those that differ."""
    from botoshapes.sagemaker import UpdateEndpointWeightsAndCapacitiesInput  # noqa: PLC0415

    assert live.endpoint is not None
    running = {str(v.variant_name): v for v in live.endpoint.production_variants or ()}
    # "To retain the variant properties of an endpoint when updating it, set
    # RetainAllVariantProperties to true" (UpdateEndpoint): the file's then do not apply,
    # but for those ExcludeRetainedVariantProperties names.
    retained = {"DesiredWeight", "DesiredInstanceCount"}
    if spec.update.retain_all_variant_properties:
        excluded = spec.update.exclude_retained_variant_properties or ()
        retained -= {str(p.variant_property_type) for p in excluded}
    else:
        retained = set()
    wanted: list[dict[str, Any]] = []
    differences: list[Difference] = []
    for variant in spec.config.production_variants:
        name = str(variant.variant_name)
        now = running.get(name)
        if now is None:
            continue
        change: dict[str, Any] = {}
        weight = (
            _DEFAULT_WEIGHT
            if variant.initial_variant_weight is None
            else float(variant.initial_variant_weight)
        )
        have = _first(now.desired_weight, now.current_weight)
        if "DesiredWeight" not in retained and (have is None or float(have) != weight):
            change["DesiredWeight"] = weight
            differences.append(Difference(f"ProductionVariants[{name}].weight", have, weight))
        count = variant.initial_instance_count
        have_count = _first(now.desired_instance_count, now.current_instance_count)
        counted = "DesiredInstanceCount" not in retained and name not in live.scaled
        if count is not None and have_count != count and counted:
            change["DesiredInstanceCount"] = count
            differences.append(
                Difference(f"ProductionVariants[{name}].instances", have_count, count)
            )
        serverless = _serverless_change(variant, now, name, differences)
        if serverless:
            change["ServerlessUpdateConfig"] = serverless
        if change:
            wanted.append({"VariantName": name, **change})
    if not wanted:
        return None, ()
    request = UpdateEndpointWeightsAndCapacitiesInput.from_boto(
        {"EndpointName": spec.name, "DesiredWeightsAndCapacities": wanted}
    )
    return request, tuple(differences)


def _serverless_change(
    variant: Any, now: Any, name: str, differences: list[Difference]
) -> dict[str, Any]:
    config = variant.serverless_config
    have = _first(now.desired_serverless_config, now.current_serverless_config)
    if config is None or have is None:
        return {}
    change: dict[str, Any] = {}
    for member, attribute in (
        ("MaxConcurrency", "max_concurrency"),
        ("ProvisionedConcurrency", "provisioned_concurrency"),
    ):
        value, was = getattr(config, attribute), getattr(have, attribute)
        if value is not None and value != was:
            change[member] = value
            differences.append(Difference(f"ProductionVariants[{name}].{member}", was, value))
    return change


def _first(*values: Any) -> Any:
    return next((v for v in values if v is not None), None)


def _shown(value: Any) -> str:
    return "(none)" if value is None else repr(_plain(value))


def _plain(value: Any) -> Any:
    if isinstance(value, str | int | float | bool | type(None)):
        return value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)
