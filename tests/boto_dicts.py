"""Hypothesis strategies for valid boto3 dicts, built from a raw ``service-2.json``.

Deliberately independent of the generator: it reads the JSON shapes directly,
so a bug in ``codegen`` cannot hide itself by agreeing with its own tests.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from hypothesis import strategies as st
from pydantic_core import SchemaError, SchemaValidator, ValidationError, core_schema

# Keep examples small: every size limit still applies, the data just stays cheap.
MAX_ITEMS = 3
MAX_TEXT = 12
MAX_DEPTH = 3
WIRE_INTEGERS = {"integer": (-(2**31), 2**31 - 1), "long": (-(2**63), 2**63 - 1)}
"""What each integer type carries on the wire (AWS's 32-bit ``integer``, 64-bit ``long``)."""
JSON_VALUES: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=MAX_TEXT),
    lambda inner: (
        st.lists(inner, max_size=MAX_ITEMS)
        | st.dictionaries(st.text(max_size=MAX_TEXT), inner, max_size=MAX_ITEMS)
    ),
    max_leaves=8,
)
"""Any JSON, as a document member holds it."""
JSON_DOCUMENTS = JSON_VALUES.filter(lambda value: value is not None)
"""A document member's values: any JSON but ``None`` at the top (no value on the wire)."""
TIMESTAMPS = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)


# Java regex syntax Python's re lacks, replaced by a subset for generating
# examples (generated strings then only need to be valid, not exhaustive).
_GENERATION_SUBSETS = {
    "\\p{L}": "a-zA-Z",
    "\\p{M}": "",
    "\\p{Z}": " ",
    "\\p{N}": "0-9",
    "\\p{P}": ".,:!?",
    "\\p{S}": "+=$",
    "\\p{Alnum}": "a-zA-Z0-9",
    "\\p{Print}": "a-zA-Z0-9 ~",
    "\\p{ASCII}": "a-zA-Z0-9 ~",
    "\\z": "\\Z",
    "\\uD800\\uDC00-\\uDBFF\\uDFFF": "",
}
_QUANTIFIED_END = re.compile(r"\$\{\d+,\d+\}")  # Java repeats an anchor; re refuses
_LOOK_AROUND = re.compile(r"\(\?<?[=!][^()]*(\([^()]*\)[^()]*)*\)")


def _python_syntax(pattern: str) -> str:
    regex = _QUANTIFIED_END.sub("$", pattern)
    for java, subset in _GENERATION_SUBSETS.items():
        regex = regex.replace(java, subset)
    return _java_dots(regex)


def _java_dots(regex: str) -> str:
    """A pattern's ``.``: any character, a line terminator too (``codegen.patterns._DOT``)."""
    out: list[str] = []
    in_class = escaped = False
    for char in regex:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "." and not in_class:
            out.append("(?s:.)")
            continue
        out.append(char)
    return "".join(out)


@functools.cache
def java_matcher(pattern: str) -> Callable[[str], bool]:
    """Whether a string fully matches a service-model pattern (ASCII classes, like Java).

    Rust's regex runs it where it can, in linear time: Python's re backtracks
    exponentially on patterns such as ``https://([.a-z]+/?){3,1016}``.
    ``\\p{..}`` classes are narrowed to the subsets used for generation.
    """
    python = _python_syntax(pattern)
    if "(?=" in python or "(?!" in python or "(?<" in python:
        compiled = re.compile(python, re.ASCII)
        return lambda s: compiled.fullmatch(s) is not None
    ascii_rust = f"^(?:(?-u:{python}))$"
    try:
        rust = SchemaValidator(core_schema.str_schema(pattern=ascii_rust))
    except SchemaError:  # a class Rust cannot spell in ASCII mode
        rust = SchemaValidator(core_schema.str_schema(pattern=f"^(?:{python})$"))

    def matches(value: str) -> bool:
        try:
            rust.validate_python(value)
        except ValidationError:
            return False
        return True

    return matches


def pattern_strings(pattern: str, low: int, high: int | None) -> st.SearchStrategy[str]:
    """Strings that fully match a service-model pattern and fit the length bounds."""
    check = java_matcher(pattern)
    # Look-around is not generated, only checked afterwards.
    generate = re.compile(_LOOK_AROUND.sub("", _python_syntax(pattern)), re.ASCII)
    return st.from_regex(generate, fullmatch=True).filter(
        lambda s: low <= len(s) <= (high if high is not None else len(s)) and check(s)
    )


def _percent(size: dict[str, Any], low: int, high: int) -> dict[str, Any]:
    if size["Type"] == "CAPACITY_PERCENT":
        return size | {"Value": low + size["Value"] % (high - low + 1)}
    return size


def _routing(config: dict[str, Any]) -> dict[str, Any]:
    kind = config["Type"]
    out = {k: v for k, v in config.items() if k not in ("CanarySize", "LinearStepSize")}
    if kind == "CANARY":
        canary = config.get("CanarySize", {"Type": "INSTANCE_COUNT", "Value": 1})
        out["CanarySize"] = _percent(canary, 1, 50)
    elif kind == "LINEAR":
        step = config.get("LinearStepSize", {"Type": "CAPACITY_PERCENT", "Value": 10})
        out["LinearStepSize"] = _percent(step, 10, 50)
    return out


def _above(policy: dict[str, Any], waiting: int) -> dict[str, Any]:
    timeout = policy.get("MaximumExecutionTimeoutInSeconds")
    if timeout is not None and timeout <= waiting:
        return policy | {"MaximumExecutionTimeoutInSeconds": max(600, waiting + 1)}
    return policy


def _blue_green(policy: dict[str, Any]) -> dict[str, Any]:
    routing = policy["TrafficRoutingConfiguration"]
    shifts = {"ALL_AT_ONCE": 1, "CANARY": 2}.get(routing["Type"], 1)
    waiting = shifts * routing["WaitIntervalInSeconds"] + policy.get("TerminationWaitInSeconds", 0)
    return _above(policy, waiting)


def _rolling(policy: dict[str, Any]) -> dict[str, Any]:
    policy = policy | {"MaximumBatchSize": _percent(policy["MaximumBatchSize"], 5, 50)}
    return _above(policy, policy["WaitIntervalInSeconds"])


def _one_policy(config: dict[str, Any]) -> dict[str, Any]:
    if "BlueGreenUpdatePolicy" in config:
        return {k: v for k, v in config.items() if k != "RollingUpdatePolicy"}
    return config


def _component_batch(policy: dict[str, Any]) -> dict[str, Any]:
    return policy | {"MaximumBatchSize": _percent(policy["MaximumBatchSize"], 5, 50)}


def _one_specification(request: dict[str, Any]) -> dict[str, Any]:
    if "Specification" in request:
        return {k: v for k, v in request.items() if k != "Specifications"}
    listed = request.get("Specifications") or []
    if len(listed) > 1:  # each of several names its instance type
        typed = [{"InstanceType": "ml.g5.xlarge"} | s for s in listed]
        return request | {"Specifications": typed}
    return request


def _tar_gz(container: dict[str, Any]) -> dict[str, Any]:
    url = container.get("ArtifactUrl")
    if url is None or url.endswith(".tar.gz"):
        return container
    return container | {"ArtifactUrl": url[: 1024 - len(".tar.gz")] + ".tar.gz"}


def _one_device(resources: dict[str, Any]) -> dict[str, Any]:
    if (
        "AcceleratorPartitionType" in resources
        and "NumberOfAcceleratorDevicesRequired" in resources
    ):
        return resources | {"NumberOfAcceleratorDevicesRequired": 1.0}
    return resources


RULES_KEPT: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "TrafficRoutingConfig": _routing,
    "BlueGreenUpdatePolicy": _blue_green,
    "RollingUpdatePolicy": _rolling,
    "DeploymentConfig": _one_policy,
    "InferenceComponentRollingUpdatePolicy": _component_batch,
    "CreateInferenceComponentInput": _one_specification,
    "UpdateInferenceComponentInput": _one_specification,
    "InferenceComponentContainerSpecification": _tar_gz,
    "InferenceComponentComputeResourceRequirements": _one_device,
}
"""Valid dicts also keep the deployment rules AWS states in prose (``sagemaker.deploy``).

Each shape's dict is adjusted to keep them: the size of a canary, linear step
or rolling batch (of variants or inference components) as a percent in range,
the size set exactly with its type, the timeout above the waiting the request
alone decides, one update policy, one of Specification and Specifications (each of
several with its instance type), an inference component's artifact a .tar.gz, one device
with an accelerator partition.
"""


class BotoDicts:
    def __init__(self, model: dict[str, Any], *, deployment_rules: bool = True) -> None:
        """``deployment_rules``: keep SageMaker's (:data:`RULES_KEPT`); other services may
        have shapes of the same names."""
        self.shapes: dict[str, dict[str, Any]] = model["shapes"]
        self._rules = RULES_KEPT if deployment_rules else {}
        self._cache: dict[tuple[str, int], st.SearchStrategy[Any]] = {}

    def value(self, name: str, depth: int = 0) -> st.SearchStrategy[Any]:
        key = (name, min(depth, MAX_DEPTH + 1))
        if key not in self._cache:
            self._cache[key] = st.deferred(lambda: self._build(name, depth))
        return self._cache[key]

    def _build(self, name: str, depth: int) -> st.SearchStrategy[Any]:  # noqa: PLR0911
        shape = self.shapes[name]
        kind = shape["type"]
        low, high = shape.get("min"), shape.get("max")
        if kind == "structure" and shape.get("document"):
            return JSON_DOCUMENTS
        if kind == "structure":
            keep = self._rules.get(name)
            built = self._structure(shape, depth)
            return built.map(keep) if keep is not None else built
        if kind == "list":
            return st.lists(
                self.value(shape["member"]["shape"], depth + 1),
                min_size=int(low or 0),
                max_size=self._size(low, high, depth),
            )
        if kind == "map":
            return st.dictionaries(
                self.value(shape["key"]["shape"], depth + 1),
                self.value(shape["value"]["shape"], depth + 1),
                min_size=int(low or 0),
                max_size=self._size(low, high, depth),
            )
        if kind == "string":
            if "enum" in shape:
                return st.sampled_from(shape["enum"])
            if "pattern" in shape:
                return pattern_strings(
                    shape["pattern"], int(low or 0), int(high) if high is not None else None
                )
            return st.text(
                st.characters(codec="utf-8", exclude_categories=["Cs"]),
                min_size=int(low or 0),
                max_size=max(
                    int(low or 0), min(int(high) if high is not None else MAX_TEXT, MAX_TEXT)
                ),
            )
        if kind in {"integer", "long"}:
            wire_low, wire_high = WIRE_INTEGERS[kind]
            return st.integers(
                min_value=max(int(low), wire_low) if low is not None else wire_low,
                max_value=min(int(high), wire_high) if high is not None else wire_high,
            )
        if kind in {"float", "double"}:
            return st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False)
        if kind == "boolean":
            return st.booleans()
        if kind == "timestamp":
            return TIMESTAMPS
        if kind == "blob":
            return st.binary(max_size=MAX_TEXT)
        raise NotImplementedError(f"{name}: shape type {kind}")

    @staticmethod
    def _size(low: int | None, high: int | None, depth: int) -> int:
        """Few items, fewer as recursion deepens, never below the minimum."""
        room = 0 if depth >= MAX_DEPTH else MAX_ITEMS
        cap = min(int(high), room) if high is not None else room
        return max(int(low or 0), cap)

    def _structure(self, shape: dict[str, Any], depth: int) -> st.SearchStrategy[dict[str, Any]]:
        required = set(shape.get("required", []))
        members = shape["members"]
        if shape.get("union"):
            # Exactly one member of a union is set.
            return st.one_of(
                [
                    st.fixed_dictionaries({wire: self.value(ref["shape"], depth + 1)})
                    for wire, ref in members.items()
                ]
            )
        optional = (
            {}
            if depth > MAX_DEPTH
            else {
                wire: self.value(ref["shape"], depth + 1)
                for wire, ref in members.items()
                if wire not in required
            }
        )
        return st.fixed_dictionaries(
            {
                wire: self.value(ref["shape"], depth + 1)
                for wire, ref in members.items()
                if wire in required
            },
            optional=optional,
        )
