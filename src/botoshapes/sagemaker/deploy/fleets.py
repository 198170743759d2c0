"""The variants an update changes: from what runs now to what the new config asks for."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from botoshapes.sagemaker import (
        CreateEndpointConfigInput,
        DescribeEndpointConfigOutput,
        DescribeEndpointOutput,
        UpdateEndpointInput,
    )


@dataclass(frozen=True, slots=True)
class VariantChange:
    """One variant before and after the update (pairs by name; 0 instances where absent).

    ``weight`` is the variant's share of the endpoint's traffic (0-1): its
    weight in the new config over the sum of them (equal shares if all are 0).
    """

    name: str
    old_type: str | None
    old_instances: int
    new_type: str | None
    new_instances: int
    weight: float
    serverless: bool
    existed: bool
    """Whether the current config has this variant (else it is new in the new config)."""


def percent_of(instances: int, size: Any, member: str) -> tuple[int, str]:
    """The instances a CapacitySize means for a fleet of ``instances``, and how it was rounded.

    A percent is rounded up, to at least one instance and at most the fleet
    (AWS's docs do not say how SageMaker rounds); an instance count is capped
    at the fleet. ``member`` names the size in the error a size without a
    positive value raises (a response's or an unchecked request's).
    """
    value = None if size is None else size.value
    if not isinstance(value, int) or value <= 0:
        raise ValueError(f"{member} has no positive Value ({value!r}): nothing to plan with")
    if str(size.type) == "CAPACITY_PERCENT":
        exact = instances * value / 100
        count = min(max(math.ceil(exact), 1), max(instances, 1))
        said = f"{value}% of {instances} instances = {exact:g}"
        return count, said if count == exact else f"{said}, rounded up to {count}"
    count = min(value, instances) if instances else value
    return max(count, 1), f"{value} of {instances} instances"


def _by_name(variants: Iterable[Any] | None) -> dict[str, Any]:
    return {str(v.variant_name): v for v in variants or ()}


def variant_changes(
    request: UpdateEndpointInput,
    endpoint: DescribeEndpointOutput,
    current_config: DescribeEndpointConfigOutput,
    new_config: DescribeEndpointConfigOutput | CreateEndpointConfigInput,
) -> tuple[VariantChange, ...]:
    """Each variant's fleet now and after the update, in the new config's order.

    Now: the instance type of the current config, the count the endpoint
    reports (autoscaling may have changed it), else the config's. After: the
    new config's type and count and weight, except what
    ``RetainAllVariantProperties`` keeps (count and weight, unless listed in
    ``ExcludeRetainedVariantProperties``).
    """
    running = _by_name(endpoint.production_variants)
    current = _by_name(current_config.production_variants)
    new = _by_name(new_config.production_variants)
    retained = set()
    if request.retain_all_variant_properties:
        excluded = {
            str(p.variant_property_type) for p in request.exclude_retained_variant_properties or ()
        }
        retained = {"DesiredInstanceCount", "DesiredWeight"} - excluded
    weights = {}
    for name, variant in new.items():
        weight = variant.initial_variant_weight
        if "DesiredWeight" in retained and name in running:
            weight = _first(running[name].desired_weight, running[name].current_weight, weight)
        # A weight a response cannot mean (NaN, negative) counts as none.
        weights[name] = float(weight) if weight is not None and 0 <= weight < math.inf else 1.0
    total = sum(weights.values())
    changes = []
    for name in [*new, *(n for n in current if n not in new)]:
        old, after, now = current.get(name), new.get(name), running.get(name)
        old_instances = 0
        if old is not None:
            counted = now.current_instance_count if now is not None else None
            old_instances = _count(_first(counted, old.initial_instance_count))
        new_instances = _count(after.initial_instance_count) if after is not None else 0
        if after is not None and "DesiredInstanceCount" in retained and now is not None:
            new_instances = _count(
                _first(now.desired_instance_count, now.current_instance_count, new_instances)
            )
        changes.append(
            VariantChange(
                name=name,
                old_type=_type(old),
                old_instances=old_instances,
                new_type=_type(after),
                new_instances=new_instances,
                weight=(
                    weights.get(name, 0.0) / total
                    if total
                    else 1 / len(new)
                    if name in new
                    else 0.0
                ),
                serverless=any(
                    v is not None and v.serverless_config is not None for v in (old, after)
                ),
                existed=old is not None,
            )
        )
    return tuple(changes)


def _first(*values: Any) -> Any:
    return next((v for v in values if v is not None), None)


def _count(value: Any) -> int:
    """An instance count; one a response cannot mean (negative, missing) is 0."""
    return max(int(value), 0) if isinstance(value, int) else 0


def _type(variant: Any) -> str | None:
    if variant is None or variant.instance_type is None:
        return None
    return str(variant.instance_type)
