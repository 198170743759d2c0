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

    ``weight`` is the variant's share of the endpoint's traffic (0-1) after the
    update: its weight in the new config over the sum of them (equal shares if
    all are 0); ``old_weight`` the same now, from the weights the endpoint reports.
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
    kept: bool = True
    """Whether the new config has this variant (else the update removes it)."""
    old_weight: float = 0.0

    @property
    def size_basis(self) -> int:
        """The instance count a CanarySize, LinearStepSize or MaximumBatchSize is a share of.

        AWS words every size as a share of "the variant's total instance count"
        (API_TrafficRoutingConfig, API_RollingUpdatePolicy) and the guides as one of the
        new ("green") fleet's capacity; it does not say which count that is when the
        update changes it. One rule for every strategy: the count the variant has after
        the update (the new config's, or the retained desired one), else, for a variant
        the update removes, the count it runs now.
        """
        return self.new_instances if self.kept else self.old_instances


class PlanError(ValueError):
    """An update that cannot be planned as AWS documents it; ``rule`` is the id of the rule
    that says why, if one does (``check_deployment`` reports that rule instead)."""

    def __init__(self, message: str, rule: str | None = None) -> None:
        super().__init__(message if rule is None else f"{message} [rule {rule}]")
        self.rule = rule


def percent_of(instances: int, size: Any, member: str) -> tuple[int, str]:
    """The instances a CapacitySize means for a fleet of ``instances``, and how it was rounded.

    AWS's docs do not say how SageMaker rounds a percent. It is rounded down, so
    that a size never exceeds the share AWS allows ("must be less than or equal to
    50%"), to at least one instance (the least a step can move) and at most the
    fleet; an instance count is capped at the fleet. ``member`` names the size in
    the error a size the plan cannot use raises (a response's or an unchecked
    request's: no positive ``Value``, no known ``Type``).
    """
    value = None if size is None else size.value
    if not isinstance(value, int) or value <= 0:
        raise PlanError(f"{member} has no positive Value ({value!r}): nothing to plan with")
    kind = None if size.type is None else str(size.type)
    if kind == "CAPACITY_PERCENT":
        exact = instances * value / 100
        count = min(max(math.floor(exact), 1), max(instances, 1))
        said = f"{value}% of {instances} instances = {exact:g}"
        if count == exact:
            return count, said
        return count, f"{said}, rounded {'down' if count < exact else 'up'} to {count}"
    if kind != "INSTANCE_COUNT":
        raise PlanError(f"{member} has no Type this plan knows ({kind!r}): nothing to plan with")
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
    retained = retained_properties(request)
    weights = {}
    for name, variant in new.items():
        weight = variant.initial_variant_weight
        if "DesiredWeight" in retained and name in running:
            weight = _first(running[name].desired_weight, running[name].current_weight, weight)
        weights[name] = _weight(weight)
    shares = _shares(weights)
    old_shares = _shares(
        {
            name: _weight(
                _first(
                    running[name].current_weight if name in running else None,
                    variant.initial_variant_weight,
                )
            )
            for name, variant in current.items()
        }
    )
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
                weight=shares.get(name, 0.0),
                serverless=any(
                    v is not None and v.serverless_config is not None for v in (old, after)
                ),
                existed=old is not None,
                kept=after is not None,
                old_weight=old_shares.get(name, 0.0),
            )
        )
    return tuple(changes)


def created_variants(
    new_config: DescribeEndpointConfigOutput | CreateEndpointConfigInput,
) -> tuple[VariantChange, ...]:
    """The variants a CreateEndpoint brings up: the new config's, with nothing before them."""
    variants = _by_name(new_config.production_variants)
    shares = _shares({name: _weight(v.initial_variant_weight) for name, v in variants.items()})
    return tuple(
        VariantChange(
            name=name,
            old_type=None,
            old_instances=0,
            new_type=_type(v),
            new_instances=_count(v.initial_instance_count),
            weight=shares[name],
            serverless=v.serverless_config is not None,
            existed=False,
        )
        for name, v in variants.items()
    )


def retained_properties(request: UpdateEndpointInput) -> frozenset[str]:
    """What ``RetainAllVariantProperties`` keeps of the running variants: ``DesiredWeight``
    and ``DesiredInstanceCount``, less those in ``ExcludeRetainedVariantProperties``."""
    if not request.retain_all_variant_properties:
        return frozenset()
    excluded = {
        str(p.variant_property_type) for p in request.exclude_retained_variant_properties or ()
    }
    return frozenset({"DesiredInstanceCount", "DesiredWeight"} - excluded)


def _shares(weights: dict[str, float]) -> dict[str, float]:
    """Each variant's share of the traffic (0-1): its weight over the sum, or equal shares
    where every weight is 0."""
    total = sum(weights.values())
    return {name: w / total if total else 1 / len(weights) for name, w in weights.items()}


def _weight(value: Any) -> float:
    """A variant weight; one a response cannot mean (NaN, negative, none) counts as 1."""
    return float(value) if value is not None and 0 <= value < math.inf else 1.0


def _first(*values: Any) -> Any:
    return next((v for v in values if v is not None), None)


def _count(value: Any) -> int:
    """An instance count; one a response cannot mean (negative, missing) is 0."""
    return max(int(value), 0) if isinstance(value, int) else 0


def _type(variant: Any) -> str | None:
    if variant is None or variant.instance_type is None:
        return None
    return str(variant.instance_type)
