"""An endpoint's desired state in one file, read into the requests that make it.

The file (YAML or JSON) names the endpoint and its tags, its models (``CreateModel``
requests without their names, keyed by a local name), its config (``CreateEndpointConfig``
without its name; each variant's ``ModelName`` is one of those keys) and how to deploy it
(``UpdateEndpoint``'s ``DeploymentConfig`` and ``Retain...`` members), and the inference
components it hosts, by name (``CreateInferenceComponent`` without the two names, whose
``ModelName`` values are keys of ``models``, with the ``DeploymentConfig`` their updates take)::

    name: churn
    tags: [{Key: team, Value: ml}]
    models:
      v2: {PrimaryContainer: {Image: ...}, ExecutionRoleArn: ...}
    config:
      ProductionVariants:
        - {VariantName: blue, ModelName: v2, InstanceType: ml.m5.large, InitialInstanceCount: 2}
    deployment:
      DeploymentConfig: {BlueGreenUpdatePolicy: ...}
    components:
      llm:
        VariantName: blue
        Specification: {ModelName: v2, ComputeResourceRequirements: ...}
        RuntimeConfig: {CopyCount: 2}
        DeploymentConfig: {RollingUpdatePolicy: ...}

Every part is checked by the SDK's strict models. Models and configs get names derived
from their content (``churn-3f9a0c1d2e``), so that the same file names the same resources
and a change names new ones: configs are immutable, and AWS is the only state. They carry
the tag :data:`MANAGED_TAG` (the endpoint's name), which marks them as this tool's.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from botoshapes import FrozenMap, ShapeValidationError
from botoshapes.sagemaker import (
    CreateEndpointConfigInput,
    CreateEndpointInput,
    CreateInferenceComponentInput,
    CreateModelInput,
    InferenceComponentDeploymentConfig,
    Tag,
    UpdateEndpointInput,
    UpdateInferenceComponentInput,
)

from .files import InputError, Path_, lines_of, load

MANAGED_TAG = "botoshapes:deploy"
"""The tag key of the models and configs ``botoshapes deploy`` made; its value is the
endpoint's name."""
ROLLED_BACK_TAG = "botoshapes:rolled-back"
"""Put on a config whose deployment rolled back; its value is AWS's ``FailureReason``."""
_RESERVED = (MANAGED_TAG, ROLLED_BACK_TAG)
_TAG_VALUE = re.compile(r"[^\w .:/=+\-@]")
r"""What a tag value may not hold: the model's ``TagValue`` takes ``[\p{L}\p{Z}\p{N}_.:/=+\-@]``,
whose ``\p{Z}`` (separators) has no line break or tab."""
_TAG_MAX = 256


def mark_of(reason: str | None) -> str:
    """The rolled-back mark's tag value: AWS's reason, in what a tag value may hold."""
    value = _TAG_VALUE.sub(" ", reason or "rolled back: no reason given")[:_TAG_MAX].strip()
    return value or "rolled back"


_NAME_MAX = 63
_DIGEST = 10
_TOP = ("name", "tags", "models", "config", "deployment", "components")
_COMPONENT_NAMES = ("InferenceComponentName", "EndpointName")
"""Given by the file's key and the endpoint: not written in a component."""
_VARIANT_LISTS = ("ProductionVariants", "ShadowProductionVariants")
DEPLOYMENT_KEYS = frozenset(
    {
        "RetainAllVariantProperties",
        "ExcludeRetainedVariantProperties",
        "DeploymentConfig",
        "RetainDeploymentConfig",
    }
)
"""What ``deployment:`` holds: UpdateEndpoint's members but the two names."""


class SpecError(InputError):
    """A spec file that does not describe an endpoint: each problem as
    ``FILE:LINE: where: what`` (the line where the loader gives one)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class EndpointSpec:
    """The requests that make the endpoint a spec file describes, names derived."""

    name: str
    tags: tuple[Tag, ...]
    models: FrozenMap[str, CreateModelInput]
    """By the file's local name."""
    config: CreateEndpointConfigInput
    create: CreateEndpointInput
    """The endpoint as a new one."""
    update: UpdateEndpointInput
    """The endpoint moved to :attr:`config`."""
    components: tuple[ComponentSpec, ...] = ()
    """The inference components the endpoint hosts, in the file's order."""


@dataclass(frozen=True, slots=True)
class ComponentSpec:
    """One inference component of a spec: how to create it, and how its updates deploy."""

    create: CreateInferenceComponentInput
    deployment: InferenceComponentDeploymentConfig | None = None

    @property
    def name(self) -> str:
        return str(self.create.inference_component_name)

    @property
    def digest(self) -> str:
        """10 hex digits of what an update sends: a rolled-back mark names the update."""
        text = json.dumps(self.update(copies=True).to_boto(), sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:_DIGEST]

    def update(self, *, copies: bool) -> UpdateInferenceComponentInput:
        """The UpdateInferenceComponent that moves the component to this spec (with its
        copy count if ``copies``)."""
        wire = self.create.to_boto()
        request: dict[str, Any] = {"InferenceComponentName": self.name}
        for member in ("Specification", "Specifications"):
            if member in wire:
                request[member] = wire[member]
        if copies and "RuntimeConfig" in wire:
            request["RuntimeConfig"] = wire["RuntimeConfig"]
        if self.deployment is not None:
            request["DeploymentConfig"] = self.deployment.to_boto()
        return UpdateInferenceComponentInput.from_boto(request)


def name_stem(endpoint: str) -> str:
    """What the names derived for ``endpoint`` begin with (before ``-<digest>``)."""
    return endpoint[: _NAME_MAX - _DIGEST - 1].rstrip("-")


def derived_name(endpoint: str, content: Any) -> str:
    """``<endpoint>-<10 hex digits of the content's digest>``, at most 63 characters: the
    same content gets the same name, and AWS's name pattern holds."""
    # The endpoint's whole name is digested too: two endpoints whose names share the
    # stem get names of their own.
    whole = {"endpoint": endpoint, "content": content}
    text = json.dumps(whole, sort_keys=True, separators=(",", ":"), default=str)
    digest = hashlib.sha256(text.encode()).hexdigest()[:_DIGEST]
    return f"{name_stem(endpoint)}-{digest}"


def read_spec(path: str) -> EndpointSpec:
    """The spec in ``path``; :class:`SpecError` lists every problem found."""
    return spec_of(load(path), path, lines_of(path))


def spec_of(
    data: Mapping[str, Any], source: str, lines: Mapping[Path_, int] | None = None
) -> EndpointSpec:
    """The spec ``data`` holds (a spec file's content; ``source`` names it in errors)."""
    return _Reader(source, lines or {}).read(data)


@dataclass
class _Reader:
    path: str
    lines: Mapping[Path_, int]

    def __post_init__(self) -> None:
        self.problems: list[str] = []
        self.model_keys: set[str] = set()  # every model the file names, read or not

    def problem(self, where: Path_, message: str) -> None:
        # the line of the value, or of the nearest value holding it that the file has
        held = (where[:n] for n in range(len(where), -1, -1))
        line = next((self.lines[w] for w in held if w in self.lines), None)
        at = f"{self.path}:{line}" if line is not None else self.path
        dotted = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in where)
        said = f"{at}: {dotted.lstrip('.') or '(top)'}: {message}"
        if said not in self.problems:
            self.problems.append(said)

    def checked(
        self,
        where: Path_,
        make: Any,
        data: Mapping[str, Any],
        moved: Mapping[str, str] | None = None,
    ) -> Any:
        """``make(data)``, each error at its place in the file: under ``where``, or at the
        top-level key ``moved`` names for a wire member (``EndpointName``: ``name``)."""
        try:
            return make(data)
        except ShapeValidationError as error:
            for found in error.errors:
                inner = _wire_path(found.path)
                head = inner[0] if inner else None
                if isinstance(head, str) and moved and head in moved:
                    self.problem((moved[head], *inner[1:]), found.message)
                else:
                    self.problem((*where, *inner), found.message)
        return None

    def read(self, data: Mapping[str, Any]) -> EndpointSpec:
        for key in data:
            if key not in _TOP:
                self.problem((key,), f"unknown key (a spec has {', '.join(_TOP)})")
        name = data.get("name")
        if not isinstance(name, str):
            self.problem(("name",), "the endpoint's name is required, as text")
            raise SpecError(self.problems)
        named = {"EndpointName": name, "EndpointConfigName": "checked"}
        if self.checked((), CreateEndpointInput.from_boto, named, {"EndpointName": "name"}) is None:
            raise SpecError(self.problems)  # every derived name would be wrong too: not said
        tags = self.tag_list(("tags",), data.get("tags", []))
        models = self.models(name, data.get("models"), required="components" not in data)
        config = self.config(name, data.get("config"), models)
        deployment = data.get("deployment") or {}
        if not isinstance(deployment, Mapping):
            self.problem(("deployment",), "is not a mapping")
            deployment = {}
        unknown = [key for key in deployment if key not in DEPLOYMENT_KEYS]
        for key in unknown:
            self.problem(("deployment", key), f"unknown key ({', '.join(sorted(DEPLOYMENT_KEYS))})")
        config_name = config.endpoint_config_name if config else "unnamed"
        names = {"EndpointName": name, "EndpointConfigName": config_name}
        kept = {k: v for k, v in deployment.items() if k not in unknown}
        moved = {"EndpointName": "name", "Tags": "tags"}
        update = self.checked(("deployment",), UpdateEndpointInput.from_boto, names | kept, moved)
        create = self.checked((), CreateEndpointInput.from_boto, names | {"Tags": tags}, moved)
        components = self.components(name, data.get("components"), models)
        if self.problems or config is None or update is None or create is None:
            raise SpecError(self.problems)
        return EndpointSpec(
            name, create.tags or (), FrozenMap(models), config, create, update, components
        )

    def components(
        self, endpoint: str, data: Any, models: Mapping[str, CreateModelInput]
    ) -> tuple[ComponentSpec, ...]:
        if data is None:
            return ()
        if not isinstance(data, Mapping) or not data:
            self.problem(("components",), "is a mapping of inference components, by name")
            return ()
        made = []
        for key, given in data.items():
            where: Path_ = ("components", key)
            if not isinstance(given, Mapping):
                self.problem(where, "is not a CreateInferenceComponent request")
                continue
            content = dict(given)
            for member in _COMPONENT_NAMES:
                if member in content:
                    self.problem((*where, member), "is given by the file: leave out")
                    content.pop(member)
            deployment = content.pop("DeploymentConfig", None)
            for member in ("Specification", "Specifications"):
                if member in content:
                    content[member] = self.component_models(where, member, content[member], models)
            user_tags = self.tag_list((*where, "Tags"), content.pop("Tags", []))
            named = {
                "InferenceComponentName": key,
                "EndpointName": endpoint,
                **content,
                "Tags": [*user_tags, {"Key": MANAGED_TAG, "Value": endpoint}],
            }
            create = self.checked(where, CreateInferenceComponentInput.from_boto, named)
            policy = None
            if deployment is not None:
                policy = self.checked(
                    (*where, "DeploymentConfig"),
                    InferenceComponentDeploymentConfig.from_boto,
                    deployment,
                )
            if create is not None:
                made.append(ComponentSpec(create, policy))
        return tuple(made)

    def component_models(
        self, where: Path_, member: str, given: Any, models: Mapping[str, CreateModelInput]
    ) -> Any:
        """A component's specification(s) with each ``ModelName`` key as its model's name."""
        if member == "Specifications":
            if not isinstance(given, list):
                return given
            return [
                self.component_model((*where, member, i), one, models)
                for i, one in enumerate(given)
            ]
        return self.component_model((*where, member), given, models)

    def component_model(
        self, where: Path_, given: Any, models: Mapping[str, CreateModelInput]
    ) -> Any:
        if not isinstance(given, Mapping) or not isinstance(given.get("ModelName"), str):
            return given
        key = given["ModelName"]
        model = models.get(key)
        if model is None:
            if key not in self.model_keys:
                known = ", ".join(sorted(self.model_keys)) or "none"
                self.problem(
                    (*where, "ModelName"), f"{key!r} is not a model of this file ({known})"
                )
            return given
        return {**given, "ModelName": model.model_name}

    def tag_list(self, where: Path_, tags: Any) -> list[Any]:
        """``tags`` if a list (each tag is checked with its request), else a problem; a key
        given twice, or one this tool writes, is a problem too."""
        if not isinstance(tags, list):
            self.problem(where, f"{tags!r} is not a list of tags ({{Key, Value}})")
            return []
        seen: set[str] = set()
        for index, tag in enumerate(tags):
            key = tag.get("Key") if isinstance(tag, Mapping) else None
            if not isinstance(key, str):
                continue
            if key in _RESERVED:
                self.problem((*where, index, "Key"), f"{key!r} is written by botoshapes deploy")
            elif key in seen:
                self.problem((*where, index, "Key"), f"{key!r} is given twice")
            seen.add(key)
        return tags

    def models(self, endpoint: str, data: Any, *, required: bool) -> dict[str, CreateModelInput]:
        if data is None and not required:
            return {}  # the components bring their containers
        if not isinstance(data, Mapping) or not data:
            self.problem(("models",), "at least one model is required, by a local name")
            return {}
        made: dict[str, CreateModelInput] = {}
        self.model_keys = {str(key) for key in data}
        for key, request in data.items():
            if not isinstance(request, Mapping):
                self.problem(("models", key), "is not a CreateModel request")
                continue
            if "ModelName" in request:
                self.problem(("models", key, "ModelName"), "is derived from the model: leave out")
                continue
            content = dict(request)
            user_tags = self.tag_list(("models", key, "Tags"), content.pop("Tags", []))
            tags = [*user_tags, {"Key": MANAGED_TAG, "Value": endpoint}]
            named = {"ModelName": derived_name(endpoint, content), **content, "Tags": tags}
            model = self.checked(("models", key), CreateModelInput.from_boto, named)
            if model is not None:
                made[str(key)] = model
        return made

    def config(
        self, endpoint: str, data: Any, models: Mapping[str, CreateModelInput]
    ) -> CreateEndpointConfigInput | None:
        if not isinstance(data, Mapping):
            self.problem(("config",), "the endpoint config is required (CreateEndpointConfig)")
            return None
        if "EndpointConfigName" in data:
            where = ("config", "EndpointConfigName")
            self.problem(where, "is derived from the config: leave out")
            return None
        content = dict(data)
        for lists in _VARIANT_LISTS:
            variants = content.get(lists)
            if not isinstance(variants, list):
                continue
            content[lists] = [self.variant(lists, i, v, models) for i, v in enumerate(variants)]
        user_tags = self.tag_list(("config", "Tags"), content.pop("Tags", []))
        named = {
            "EndpointConfigName": derived_name(endpoint, content),
            **content,
            "Tags": [*user_tags, {"Key": MANAGED_TAG, "Value": endpoint}],
        }
        made: CreateEndpointConfigInput | None = self.checked(
            ("config",), CreateEndpointConfigInput.from_boto, named
        )
        return made

    def variant(
        self, lists: str, index: int, variant: Any, models: Mapping[str, CreateModelInput]
    ) -> Any:
        if not isinstance(variant, Mapping) or not isinstance(variant.get("ModelName"), str):
            return variant  # the strict check names what is wrong
        key = variant["ModelName"]
        model = models.get(key) if isinstance(key, str) else None
        if model is None and key in self.model_keys:
            return variant  # the model's own problems are named
        if model is None:
            known = ", ".join(sorted(self.model_keys)) or "none"
            where = ("config", lists, index, "ModelName")
            self.problem(where, f"{key!r} is not a model of this file ({known})")
            return variant
        return {**variant, "ModelName": model.model_name}


def _wire_path(path: str) -> Path_:
    """``ProductionVariants[1].InstanceType`` as ``("ProductionVariants", 1, "InstanceType")``."""
    out: list[str | int] = []
    for part in path.replace("]", "").replace("[", ".").split("."):
        if part:
            out.append(int(part) if part.isdigit() else part)
    return tuple(out)
