"""tests/typing/valid/deployments.py, written against types-boto3-sagemaker."""

from types_boto3_sagemaker.type_defs import (
    AutoRollbackConfigTypeDef,
    DeploymentConfigTypeDef,
    UpdateEndpointInputTypeDef,
)

rollback: AutoRollbackConfigTypeDef = {"Alarms": [{"AlarmName": "p99-latency"}]}

canary: DeploymentConfigTypeDef = {
    "BlueGreenUpdatePolicy": {
        "TrafficRoutingConfiguration": {
            "Type": "CANARY",
            "WaitIntervalInSeconds": 600,
            "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 10},
        },
        "TerminationWaitInSeconds": 600,
        "MaximumExecutionTimeoutInSeconds": 3600,
    },
    "AutoRollbackConfiguration": rollback,
}

linear: DeploymentConfigTypeDef = {
    "BlueGreenUpdatePolicy": {
        "TrafficRoutingConfiguration": {
            "Type": "LINEAR",
            "WaitIntervalInSeconds": 300,
            "LinearStepSize": {"Type": "CAPACITY_PERCENT", "Value": 20},
        },
    },
    "AutoRollbackConfiguration": rollback,
}

rolling: DeploymentConfigTypeDef = {
    "RollingUpdatePolicy": {
        "MaximumBatchSize": {"Type": "INSTANCE_COUNT", "Value": 1},
        "WaitIntervalInSeconds": 300,
        "RollbackMaximumBatchSize": {"Type": "CAPACITY_PERCENT", "Value": 50},
    },
}

update: UpdateEndpointInputTypeDef = {
    "EndpointName": "prod",
    "EndpointConfigName": "prod-config-v2",
    "DeploymentConfig": canary,
}
