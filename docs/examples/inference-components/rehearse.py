"""Rehearse update.yaml on the local server: the sample's endpoint and component, then the update.

Run: python docs/examples/inference-components/rehearse.py [--alarm]
(needs `pip install 'botoshapes-sagemaker[local,yaml]'`). With --alarm the rollback
alarm is in ALARM before the update starts: the first bake rolls it back, as the sample
intends, and the waiter says so.
"""

from __future__ import annotations

import sys
from pathlib import Path

import boto3
import yaml

from botoshapes.sagemaker import SageMakerClient
from botoshapes.sagemaker.errors import ComponentRolledBackError
from botoshapes.sagemaker.local import local_sagemaker

HERE = Path(__file__).parent
ROLE = "arn:aws:iam::123456789012:role/sagemaker"
ALARM = "SageMaker-llama-endpoint-4xx-errors"


def rehearse(*, alarm: bool) -> int:
    update = yaml.safe_load((HERE / "update.yaml").read_text(encoding="utf-8"))
    # the sample's first component: Llama-3.1-8B, 2 copies, the same image and resources
    first = {**update["Specification"], "Container": {**update["Specification"]["Container"]}}
    first["Container"]["Environment"] = {
        "SM_NUM_GPUS": "1",
        "HF_MODEL_ID": "meta-llama/Llama-3.1-8B-Instruct",
        "MESSAGES_API_ENABLED": "true",
    }
    with local_sagemaker() as url:
        session = boto3.session.Session(
            aws_access_key_id="local", aws_secret_access_key="local", region_name="us-east-1"
        )
        sm = SageMakerClient.create(session=session, endpoint_url=url)
        sm.boto3.create_endpoint_config(
            EndpointConfigName="llama-endpoint-config",
            ExecutionRoleArn=ROLE,
            ProductionVariants=[
                {
                    "VariantName": "AllTraffic",
                    "InstanceType": "ml.g5.2xlarge",
                    "InitialInstanceCount": 2,
                    "ManagedInstanceScaling": {
                        "Status": "ENABLED",
                        "MinInstanceCount": 1,
                        "MaxInstanceCount": 4,
                    },
                }
            ],
        )
        sm.boto3.create_endpoint(
            EndpointName="llama-endpoint", EndpointConfigName="llama-endpoint-config"
        )
        sm.wait_for_endpoint_deployment("llama-endpoint", delay=0.1, on_change=print)
        created = {
            "InferenceComponentName": "llama-ic",
            "EndpointName": "llama-endpoint",
            "VariantName": "AllTraffic",
            "Specification": first,
            "RuntimeConfig": {"CopyCount": 2},
        }
        sm.boto3.create_inference_component(**created)
        sm.wait_for_inference_component_deployment(
            "llama-ic", sent=created, delay=0.1, on_change=print
        )
        watch = session.client("cloudwatch", endpoint_url=url)
        watch.put_metric_alarm(
            AlarmName=ALARM,
            MetricName="Invocation4XXErrors",
            Namespace="AWS/SageMaker",
            Period=300,
            Statistic="Sum",
            Threshold=5.0,
            EvaluationPeriods=1,
            ComparisonOperator="GreaterThanThreshold",
            Dimensions=[{"Name": "InferenceComponentName", "Value": "llama-ic"}],
        )
        if alarm:
            watch.set_alarm_state(AlarmName=ALARM, StateValue="ALARM", StateReason="4XX errors")
        sm.boto3.update_inference_component(**update)
        try:
            final = sm.wait_for_inference_component_deployment(
                "llama-ic", sent=update, delay=0.1, on_change=print
            )
        except ComponentRolledBackError as error:
            print(f"rolled back: {', '.join(error.differences)} differ ({error.failure_reason})")
            return 3
        environment = final.to_boto()["Specification"]["Container"]["Environment"]
        print(f"in service on {environment['HF_MODEL_ID']}")
        return 0


if __name__ == "__main__":
    sys.exit(rehearse(alarm="--alarm" in sys.argv[1:]))
