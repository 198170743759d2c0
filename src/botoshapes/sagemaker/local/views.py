"""Between the rehearsal's state and the wire dicts moto keeps and serves."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from .rehearsal import EndpointState, Spec, Variant

Stamp = Callable[[float], datetime]
"""Simulated seconds to the timestamp the server reports."""


def specs(config: Mapping[str, Any]) -> list[Spec]:
    """The variants a ``DescribeEndpointConfig`` response asks for."""
    out = []
    for variant in config.get("ProductionVariants") or ():
        weight = variant.get("InitialVariantWeight")
        out.append(
            Spec(
                name=str(variant["VariantName"]),
                model=str(variant.get("ModelName") or ""),
                instance_type=variant.get("InstanceType"),
                instances=_count(variant.get("InitialInstanceCount")),
                weight=float(weight) if _is_weight(weight) else 1.0,
                serverless=variant.get("ServerlessConfig"),
                shown={k: variant[k] for k in _REPEATED if k in variant} or None,
            )
        )
    return out


_REPEATED = ("ManagedInstanceScaling", "RoutingConfig")
"""Members of a config's variant that DescribeEndpoint's ProductionVariantSummary repeats."""


def config(state: EndpointState) -> dict[str, Any]:
    """A ``DescribeEndpointConfig`` response for what the endpoint runs (its config is gone)."""
    variants = []
    for variant in state.live:
        spec = variant.spec
        described: dict[str, Any] = {
            "VariantName": spec.name,
            "ModelName": spec.model,
            "InitialVariantWeight": variant.current_weight,
        }
        if spec.serverless is not None:
            described["ServerlessConfig"] = dict(spec.serverless)
        else:
            described["InstanceType"] = spec.instance_type
            described["InitialInstanceCount"] = variant.current_instances
        variants.append(described)
    return {"EndpointConfigName": state.config_name, "ProductionVariants": variants}


def _count(value: Any) -> int:
    return value if isinstance(value, int) and value > 0 else 0


def _is_weight(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < math.inf


def copy(state: EndpointState) -> EndpointState:
    """A copy whose variants can change without changing ``state``'s."""
    return EndpointState(
        status=state.status,
        config_name=state.config_name,
        live=[_copy(v) for v in state.live],
        pending=None if state.pending is None else [_copy(v) for v in state.pending],
        pending_config=state.pending_config,
        pending_since=state.pending_since,
        failure_reason=state.failure_reason,
        last_deployment_config=state.last_deployment_config,
        modified=state.modified,
    )


def _copy(variant: Variant) -> Variant:
    return Variant(
        variant.spec,
        variant.current_instances,
        variant.current_weight,
        variant.desired_instances,
        variant.desired_weight,
        list(variant.statuses),
    )


def wire(state: EndpointState, stamp: Stamp) -> dict[str, Any]:
    """The members of ``DescribeEndpoint`` the state decides, in moto's attribute names."""
    pending: dict[str, Any] | None = None
    if state.pending is not None and state.pending_config is not None:
        pending = {
            "EndpointConfigName": state.pending_config,
            "ProductionVariants": [_variant(v, stamp, pending=True) for v in state.pending],
        }
        if state.pending_since is not None:
            pending["StartTime"] = stamp(state.pending_since)
    return {
        "endpoint_status": state.status,
        "endpoint_config_name": state.config_name,
        "production_variants": [_variant(v, stamp, pending=False) for v in state.live],
        "failure_reason": state.failure_reason,
        "last_modified_time": stamp(state.modified),
        "pending_deployment_summary": pending,
        "last_deployment_config": state.last_deployment_config,
    }


def _variant(variant: Variant, stamp: Stamp, *, pending: bool) -> dict[str, Any]:
    spec = variant.spec
    out: dict[str, Any] = {
        "VariantName": spec.name,
        "CurrentWeight": variant.current_weight,
        "DesiredWeight": variant.desired_weight,
    }
    if spec.serverless is not None:
        if not pending:
            out["CurrentServerlessConfig"] = dict(spec.serverless)
        out["DesiredServerlessConfig"] = dict(spec.serverless)
    else:
        out["CurrentInstanceCount"] = variant.current_instances
        out["DesiredInstanceCount"] = variant.desired_instances
        if pending and spec.instance_type is not None:
            out["InstanceType"] = spec.instance_type
    if spec.shown:
        out.update(spec.shown)
    if variant.statuses:
        out["VariantStatus"] = [
            {"Status": status, "StartTime": stamp(at)} | ({"StatusMessage": note} if note else {})
            for status, note, at in variant.statuses
        ]
    return out
