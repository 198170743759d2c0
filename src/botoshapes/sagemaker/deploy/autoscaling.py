"""Which of an endpoint's variants are Application Auto Scaling targets, from what describes them.

SageMaker's responses do not say whether a variant is autoscaled; Application Auto
Scaling's ``DescribeScalableTargets`` does. :func:`scaled_variants` reads its response (a
dict as boto3 returns it, or its ``ScalableTargets`` list) or :class:`ScalableVariant`\\ s,
and keeps the targets of one endpoint's variants: namespace ``sagemaker``, dimension
``sagemaker:variant:DesiredInstanceCount``, resource ``endpoint/NAME/variant/VARIANT``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from botoshapes._runtime.errors import InvalidValue, ShapeValidationError, short_repr

DIMENSION = "sagemaker:variant:DesiredInstanceCount"
"""The scalable dimension of a variant's instance count."""
RESPONSE = "DescribeScalableTargetsResponse"
_RESPONSE_MEMBERS = frozenset({"ScalableTargets", "NextToken", "ResponseMetadata"})


@dataclass(frozen=True, slots=True)
class ScalableVariant:
    """A variant whose instance count Application Auto Scaling manages, and its range."""

    variant: str
    min_capacity: int
    max_capacity: int


ScalableTargets = Mapping[str, Any] | Iterable[Mapping[str, Any] | ScalableVariant]
"""What :func:`scaled_variants` reads."""


def resource_id(endpoint: str, variant: str) -> str:
    """The Application Auto Scaling resource id of a variant."""
    return f"endpoint/{endpoint}/variant/{variant}"


def scaled_variants(targets: ScalableTargets, endpoint: str) -> dict[str, ScalableVariant]:
    """The variants of ``endpoint`` that ``targets`` scale, by name.

    A target of another endpoint, service or dimension is left out. A value the response
    cannot hold raises ``ShapeValidationError`` naming its wire path.
    """
    items: Any = targets
    prefix = ""
    if isinstance(targets, Mapping):
        unknown = sorted(set(targets) - _RESPONSE_MEMBERS)
        if unknown or "ScalableTargets" not in targets:
            message = (
                f"unknown member {unknown[0]!r} (not a DescribeScalableTargets response)"
                if unknown
                else "required member is missing"
            )
            path = unknown[0] if unknown else "ScalableTargets"
            raise ShapeValidationError(RESPONSE, (InvalidValue(path, None, message, "missing"),))
        items, prefix = targets["ScalableTargets"], "ScalableTargets"
    if isinstance(items, str | bytes) or not isinstance(items, Iterable):
        raise ShapeValidationError(
            RESPONSE,
            (InvalidValue(prefix, None, f"{short_repr(items)} is not a list of targets", "type"),),
        )
    found: dict[str, ScalableVariant] = {}
    for index, item in enumerate(items):
        where = f"{prefix}[{index}]"
        if isinstance(item, ScalableVariant):
            found[item.variant] = item
            continue
        scaled = _target(item, where, endpoint)
        if scaled is not None:
            found[scaled.variant] = scaled
    return found


def _target(item: object, where: str, endpoint: str) -> ScalableVariant | None:
    """One target, its members checked whatever endpoint it scales; ``None`` if not one of
    ``endpoint``'s variants."""
    if not isinstance(item, Mapping):
        raise _wrong(where, item, "is not a ScalableTarget (a mapping of wire names)")
    for member in ("ServiceNamespace", "ResourceId", "ScalableDimension"):
        if not isinstance(item.get(member), str):
            raise _wrong(f"{where}.{member}", item.get(member), "is not a string")
    bounds = []
    for member in ("MinCapacity", "MaxCapacity"):
        value = item.get(member)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise _wrong(f"{where}.{member}", value, "is not a count (an integer, 0 or more)")
        bounds.append(value)
    if item["ServiceNamespace"] != "sagemaker" or item["ScalableDimension"] != DIMENSION:
        return None
    head = resource_id(endpoint, "")
    if not item["ResourceId"].startswith(head):
        return None
    return ScalableVariant(item["ResourceId"][len(head) :], bounds[0], bounds[1])


def _wrong(path: str, value: object, message: str) -> ShapeValidationError:
    return ShapeValidationError(
        RESPONSE, (InvalidValue(path, value, f"{short_repr(value)} {message}", "type"),)
    )
