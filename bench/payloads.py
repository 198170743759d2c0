"""The two payloads every contender works on, as boto3 gives and takes them."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

_T0 = datetime(2026, 11, 2, 9, 30, 12, 345000, tzinfo=UTC)
_T1 = datetime(2026, 11, 2, 9, 41, 3, tzinfo=UTC)


def _variant_summary(name: str, weight: float, count: int, status: str) -> dict[str, Any]:
    return {
        "VariantName": name,
        "DeployedImages": [
            {
                "SpecifiedImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/model:1.4",
                "ResolvedImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/model@sha256:"
                + "ab" * 32,
                "ResolutionTime": _T0,
            }
        ],
        "CurrentWeight": weight,
        "DesiredWeight": weight,
        "CurrentInstanceCount": count,
        "DesiredInstanceCount": count,
        "VariantStatus": [
            {"Status": status, "StatusMessage": f"{status} {name}", "StartTime": _T1},
        ],
        "ManagedInstanceScaling": {
            "Status": "ENABLED",
            "MinInstanceCount": 1,
            "MaxInstanceCount": 4,
        },
        "RoutingConfig": {"RoutingStrategy": "LEAST_OUTSTANDING_REQUESTS"},
    }


def _canary() -> dict[str, Any]:
    return {
        "BlueGreenUpdatePolicy": {
            "TrafficRoutingConfiguration": {
                "Type": "CANARY",
                "WaitIntervalInSeconds": 600,
                "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 10},
            },
            "TerminationWaitInSeconds": 0,
            "MaximumExecutionTimeoutInSeconds": 3600,
        },
        "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "p99-latency"}]},
    }


DESCRIBE_ENDPOINT: dict[str, Any] = {
    "EndpointName": "prod",
    "EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/prod",
    "EndpointConfigName": "prod-config-v1",
    "ProductionVariants": [
        _variant_summary("blue", 0.9, 2, "Baking"),
        _variant_summary("green", 0.1, 1, "ActivatingTraffic"),
    ],
    "DataCaptureConfig": {
        "EnableCapture": False,
        "CaptureStatus": "Stopped",
        "CurrentSamplingPercentage": 0,
        "DestinationS3Uri": "s3://bucket/capture",
    },
    "EndpointStatus": "Updating",
    "CreationTime": _T0,
    "LastModifiedTime": _T1,
    "LastDeploymentConfig": _canary(),
    "PendingDeploymentSummary": {
        "EndpointConfigName": "prod-config-v2",
        "ProductionVariants": [
            {
                "VariantName": "blue",
                "CurrentWeight": 0.9,
                "DesiredWeight": 1.0,
                "CurrentInstanceCount": 2,
                "DesiredInstanceCount": 2,
                "InstanceType": "ml.m5.large",
                "VariantStatus": [{"Status": "Creating", "StartTime": _T1}],
            }
        ],
        "StartTime": _T1,
    },
    "ResponseMetadata": {
        "RequestId": "6f1c2d3e-0000-4000-8000-000000000000",
        "HTTPStatusCode": 200,
        "HTTPHeaders": {"content-type": "application/x-amz-json-1.1"},
        "RetryAttempts": 0,
    },
}
"""A full ``DescribeEndpoint`` response in the middle of a canary deployment."""

CREATE_ENDPOINT_CONFIG: dict[str, Any] = {
    "EndpointConfigName": "prod-config-v2",
    "ProductionVariants": [
        {
            "VariantName": "blue",
            "ModelName": "model-a",
            "InstanceType": "ml.m5.large",
            "InitialInstanceCount": 2,
            "InitialVariantWeight": 0.9,
            "ManagedInstanceScaling": {
                "Status": "ENABLED",
                "MinInstanceCount": 1,
                "MaxInstanceCount": 4,
            },
            "RoutingConfig": {"RoutingStrategy": "RANDOM"},
        },
        {
            "VariantName": "green",
            "ModelName": "model-b",
            "InstanceType": "ml.g5.xlarge",
            "InitialInstanceCount": 1,
            "InitialVariantWeight": 0.1,
            "EnableSSMAccess": False,
        },
    ],
    "Tags": [{"Key": "team", "Value": "ml"}],
}
"""A ``CreateEndpointConfig`` request with two variants."""


def without_metadata(response: dict[str, Any]) -> dict[str, Any]:
    """What a faithful round trip of ``response`` gives back."""
    out = copy.deepcopy(response)
    out.pop("ResponseMetadata", None)
    return out
