from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from botoshapes.sagemaker import (
    Alarm,
    AutoRollbackConfig,
    BlueGreenUpdatePolicy,
    CapacitySize,
    ContainerDefinition,
    DeploymentConfig,
    DescribeEndpointOutput,
    ProductionVariant,
    ProductionVariantInstanceType,
    SageMakerClient,
    TrafficRoutingConfig,
)
from botoshapes.sagemaker.errors import DeploymentRolledBackError
from botoshapes.sagemaker.local import local_sagemaker


@pytest.fixture
def local_aws() -> Iterator[tuple[SageMakerClient, Any]]:
    """A local SageMaker and CloudWatch over HTTP: empty at the start, gone after the test."""
    with local_sagemaker() as url:
        session = boto3.Session(
            aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1"
        )
        yield (
            SageMakerClient.create(session=session, endpoint_url=url),
            session.client("cloudwatch", endpoint_url=url),
        )


def deploy(sm: SageMakerClient, name: str, config: str) -> DescribeEndpointOutput:
    """The code under test: move ``name`` to ``config``, a canary first, an alarm watching."""
    sm.update_endpoint(
        endpoint_name=name,
        endpoint_config_name=config,
        deployment_config=DeploymentConfig(
            blue_green_update_policy=BlueGreenUpdatePolicy(
                traffic_routing_configuration=TrafficRoutingConfig(
                    type="CANARY",
                    canary_size=CapacitySize(type="CAPACITY_PERCENT", value=25),
                    wait_interval_in_seconds=600,
                ),
            ),
            auto_rollback_configuration=AutoRollbackConfig(
                alarms=[Alarm(alarm_name="p99-latency")]
            ),
        ),
    )
    return sm.wait_for_endpoint_deployment(name, endpoint_config_name=config, delay=0.05)


def test_a_latency_alarm_rolls_the_update_back(local_aws: tuple[SageMakerClient, Any]) -> None:
    sm, cloudwatch = local_aws
    sm.create_model(
        model_name="churn",
        execution_role_arn="arn:aws:iam::123456789012:role/sagemaker",
        primary_container=ContainerDefinition(image="1.dkr.ecr.us-east-1.amazonaws.com/churn:1"),
    )
    for config, instances in [
        ("churn-v1", ProductionVariantInstanceType.ML_M5_LARGE),
        ("churn-v2", ProductionVariantInstanceType.ML_C5_XLARGE),
    ]:
        variant = ProductionVariant(
            variant_name="AllTraffic",
            model_name="churn",
            instance_type=instances,
            initial_instance_count=4,
        )
        sm.create_endpoint_config(endpoint_config_name=config, production_variants=[variant])
    sm.create_endpoint(endpoint_name="churn", endpoint_config_name="churn-v1")
    sm.wait_for_endpoint_deployment("churn", delay=0.05)
    cloudwatch.put_metric_alarm(
        AlarmName="p99-latency",
        Namespace="AWS/SageMaker",
        MetricName="ModelLatency",
        Statistic="Average",
        Period=60,
        EvaluationPeriods=1,
        Threshold=500_000.0,
        ComparisonOperator="GreaterThanThreshold",
    )
    cloudwatch.set_alarm_state(AlarmName="p99-latency", StateValue="ALARM", StateReason="slow")

    with pytest.raises(DeploymentRolledBackError, match="p99-latency"):
        deploy(sm, "churn", "churn-v2")
    assert sm.describe_endpoint(endpoint_name="churn").endpoint_config_name == "churn-v1"
