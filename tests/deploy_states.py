"""Real-shaped endpoint states for the deployment toolkit's tests.

``endpoint(...)``, ``config(...)`` and ``update(...)`` build what
DescribeEndpoint, DescribeEndpointConfig and UpdateEndpoint carry, in boto3's
wire form, as the service returns and callers write them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ALARMS = {"Alarms": [{"AlarmName": "p99-latency"}]}


def variant(
    name: str, count: int, kind: str = "ml.m5.xlarge", weight: float = 1.0
) -> dict[str, Any]:
    return {
        "VariantName": name,
        "ModelName": f"model-{name}",
        "InstanceType": kind,
        "InitialInstanceCount": count,
        "InitialVariantWeight": weight,
    }


def serverless(name: str) -> dict[str, Any]:
    return {
        "VariantName": name,
        "ModelName": f"model-{name}",
        "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 5},
    }


def config(name: str, *variants: dict[str, Any]) -> dict[str, Any]:
    return {
        "EndpointConfigName": name,
        "EndpointConfigArn": f"arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/{name}",
        "ProductionVariants": list(variants),
        "CreationTime": T0,
    }


def endpoint(config_name: str, *variants: dict[str, Any]) -> dict[str, Any]:
    """A DescribeEndpoint response for an endpoint running ``variants`` (as in its config)."""
    return {
        "EndpointName": "prod",
        "EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/prod",
        "EndpointConfigName": config_name,
        "EndpointStatus": "InService",
        "CreationTime": T0,
        "LastModifiedTime": T0,
        "ProductionVariants": [
            {
                "VariantName": v["VariantName"],
                "CurrentWeight": v.get("InitialVariantWeight", 1.0),
                "DesiredWeight": v.get("InitialVariantWeight", 1.0),
                **(
                    {}
                    if "ServerlessConfig" in v
                    else {
                        "CurrentInstanceCount": v["InitialInstanceCount"],
                        "DesiredInstanceCount": v["InitialInstanceCount"],
                    }
                ),
                "VariantStatus": [],
            }
            for v in variants
        ],
        "ResponseMetadata": {"HTTPStatusCode": 200},
    }


def canary(
    value: int, kind: str = "CAPACITY_PERCENT", bake: int = 600, **policy: Any
) -> dict[str, Any]:
    routing = {
        "Type": "CANARY",
        "WaitIntervalInSeconds": bake,
        "CanarySize": {"Type": kind, "Value": value},
    }
    return {
        "BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": routing, **policy},
        "AutoRollbackConfiguration": ALARMS,
    }


def linear(
    value: int, kind: str = "CAPACITY_PERCENT", bake: int = 300, **policy: Any
) -> dict[str, Any]:
    routing = {
        "Type": "LINEAR",
        "WaitIntervalInSeconds": bake,
        "LinearStepSize": {"Type": kind, "Value": value},
    }
    return {
        "BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": routing, **policy},
        "AutoRollbackConfiguration": ALARMS,
    }


def all_at_once(bake: int = 300, **policy: Any) -> dict[str, Any]:
    routing = {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": bake}
    return {
        "BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": routing, **policy},
        "AutoRollbackConfiguration": ALARMS,
    }


def rolling(
    value: int, kind: str = "CAPACITY_PERCENT", bake: int = 300, **policy: Any
) -> dict[str, Any]:
    return {
        "RollingUpdatePolicy": {
            "MaximumBatchSize": {"Type": kind, "Value": value},
            "WaitIntervalInSeconds": bake,
            **policy,
        },
        "AutoRollbackConfiguration": ALARMS,
    }


def update(deployment: dict[str, Any] | None = None, **members: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"EndpointName": "prod", "EndpointConfigName": "prod-v2", **members}
    if deployment is not None:
        out["DeploymentConfig"] = deployment
    return out
