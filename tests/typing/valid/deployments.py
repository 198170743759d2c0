"""Canary, linear and rolling deployment configs."""

from botoshapes.sagemaker import (
    Alarm,
    AutoRollbackConfig,
    BlueGreenUpdatePolicy,
    CapacitySize,
    DeploymentConfig,
    RollingUpdatePolicy,
    TrafficRoutingConfig,
    UpdateEndpointInput,
)

rollback = AutoRollbackConfig(alarms=[Alarm(alarm_name="p99-latency")])

canary = DeploymentConfig(
    blue_green_update_policy=BlueGreenUpdatePolicy(
        traffic_routing_configuration=TrafficRoutingConfig(
            type="CANARY",
            wait_interval_in_seconds=600,
            canary_size=CapacitySize(type="CAPACITY_PERCENT", value=10),
        ),
        termination_wait_in_seconds=600,
        maximum_execution_timeout_in_seconds=3600,
    ),
    auto_rollback_configuration=rollback,
)

linear = DeploymentConfig(
    blue_green_update_policy=BlueGreenUpdatePolicy(
        traffic_routing_configuration=TrafficRoutingConfig(
            type="LINEAR",
            wait_interval_in_seconds=300,
            linear_step_size=CapacitySize(type="CAPACITY_PERCENT", value=20),
        ),
    ),
    auto_rollback_configuration=rollback,
)

rolling = DeploymentConfig(
    rolling_update_policy=RollingUpdatePolicy(
        maximum_batch_size=CapacitySize(type="INSTANCE_COUNT", value=1),
        wait_interval_in_seconds=300,
        rollback_maximum_batch_size=CapacitySize(type="CAPACITY_PERCENT", value=50),
    ),
)

update = UpdateEndpointInput(
    endpoint_name="prod", endpoint_config_name="prod-config-v2", deployment_config=canary
)
