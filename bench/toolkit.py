"""The deployment toolkit: ``botoshapes check`` on a file, cold; planning a big fleet."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import Any

from .measure import median_wall, per_second

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
VARIANTS, INSTANCES = 10, 100


def check_cold(runs: int) -> tuple[float, float]:
    """Median seconds of ``botoshapes check`` on the example request, and of a bare ``python``."""
    command = [
        sys.executable,
        "-m",
        "botoshapes.sagemaker.deploy.cli",
        "check",
        str(EXAMPLES / "update-canary.yaml"),
    ]
    median_wall(command, 1)  # bytecode cached first
    return median_wall(command, runs), median_wall([sys.executable, "-c", "pass"], runs)


def _variants(kind: str, variants: int, instances: int) -> list[dict[str, Any]]:
    return [
        {
            "VariantName": f"v{i}",
            "ModelName": f"m{i}",
            "InstanceType": kind,
            "InitialInstanceCount": instances,
            "InitialVariantWeight": 1.0,
        }
        for i in range(variants)
    ]


def plans_per_second() -> dict[str, float]:
    """Plans per second of 1,000 instances: 10 variants x 100 in linear steps of 10%, and one
    variant of 1,000 in rolling batches of 5% (AWS excludes rolling on several variants)."""
    from botoshapes import constraint_checks  # noqa: PLC0415
    from botoshapes.sagemaker import (  # noqa: PLC0415
        DescribeEndpointConfigOutput,
        DescribeEndpointOutput,
        UpdateEndpointInput,
    )
    from botoshapes.sagemaker.deploy import plan_deployment  # noqa: PLC0415

    policies = {
        f"{VARIANTS} variants x {INSTANCES} instances, linear steps of 10%": (
            VARIANTS,
            INSTANCES,
            {
                "BlueGreenUpdatePolicy": {
                    "TrafficRoutingConfiguration": {
                        "Type": "LINEAR",
                        "WaitIntervalInSeconds": 60,
                        "LinearStepSize": {"Type": "CAPACITY_PERCENT", "Value": 10},
                    }
                }
            },
        ),
        f"1 variant x {VARIANTS * INSTANCES:,} instances, rolling batches of 5%": (
            1,
            VARIANTS * INSTANCES,
            {
                "RollingUpdatePolicy": {
                    "MaximumBatchSize": {"Type": "CAPACITY_PERCENT", "Value": 5},
                    "WaitIntervalInSeconds": 60,
                }
            },
        ),
    }
    out = {}
    for label, (variants, instances, deployment) in policies.items():
        old = _variants("ml.m5.xlarge", variants, instances)
        new = _variants("ml.g5.xlarge", variants, instances)
        endpoint = DescribeEndpointOutput.from_response(
            {
                "EndpointName": "big",
                "ProductionVariants": [
                    {"VariantName": v["VariantName"], "CurrentInstanceCount": instances}
                    for v in old
                ],
            }
        )
        current = DescribeEndpointConfigOutput.from_response({"ProductionVariants": old})
        target = DescribeEndpointConfigOutput.from_response({"ProductionVariants": new})
        with constraint_checks(False):
            request = UpdateEndpointInput.from_boto(
                {
                    "EndpointName": "big",
                    "EndpointConfigName": "next",
                    "DeploymentConfig": deployment,
                }
            )
        out[label] = per_second(partial(plan_deployment, request, endpoint, current, target))
    return out


def canary_rehearsal(runs: int) -> tuple[float, float, int]:
    """Median wall seconds of a canary update with 600 s bakes on the local server (default
    clock), from ``update_endpoint`` to ``InService``; of starting and stopping the server;
    and the simulated seconds the update takes."""
    import statistics  # noqa: PLC0415
    import time  # noqa: PLC0415

    import boto3  # noqa: PLC0415

    from botoshapes.sagemaker import SageMakerClient  # noqa: PLC0415
    from botoshapes.sagemaker.local import local_sagemaker  # noqa: PLC0415

    session = boto3.Session(
        aws_access_key_id="b", aws_secret_access_key="b", region_name="us-east-1"
    )
    canary = {
        "BlueGreenUpdatePolicy": {
            "TrafficRoutingConfiguration": {
                "Type": "CANARY",
                "WaitIntervalInSeconds": 600,
                "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 10},
            }
        }
    }
    updates, servers = [], []
    for run in range(runs):
        started = time.perf_counter()
        with local_sagemaker() as url:
            up = time.perf_counter()
            sm = SageMakerClient.create(session=session, endpoint_url=url)
            raw = sm.boto3
            name = f"bench-{run}"
            raw.create_model(
                ModelName=name,
                ExecutionRoleArn="arn:aws:iam::123456789012:role/r",
                PrimaryContainer={"Image": "1.dkr.ecr.us-east-1.amazonaws.com/m:1"},
            )
            for config, kind in [("a", "ml.m5.large"), ("b", "ml.c5.xlarge")]:
                raw.create_endpoint_config(
                    EndpointConfigName=f"{name}-{config}",
                    ProductionVariants=[
                        {
                            "VariantName": "AllTraffic",
                            "ModelName": name,
                            "InstanceType": kind,
                            "InitialInstanceCount": 4,
                        }
                    ],
                )
            raw.create_endpoint(EndpointName=name, EndpointConfigName=f"{name}-a")
            sm.wait_for_endpoint_deployment(name, delay=0.01)
            begin = time.perf_counter()
            raw.update_endpoint(
                EndpointName=name, EndpointConfigName=f"{name}-b", DeploymentConfig=canary
            )
            sm.wait_for_endpoint_deployment(name, delay=0.01)
            updates.append(time.perf_counter() - begin)
            stop = time.perf_counter()
        servers.append((up - started) + (time.perf_counter() - stop))
    return statistics.median(updates), statistics.median(servers), 300 + 2 * 600


def changelog_seconds(old: str, new: str) -> tuple[float, float]:
    """Median seconds of the changelog between two botocore releases' SageMaker models:
    comparing the loaded models, and the whole command with the models cached."""
    import statistics  # noqa: PLC0415
    import time  # noqa: PLC0415

    from codegen.changelog import compare  # noqa: PLC0415
    from codegen.changelog.sources import model_of  # noqa: PLC0415

    before, after = model_of("sagemaker", old), model_of("sagemaker", new)
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        compare(before, after)
        runs.append(time.perf_counter() - started)
    command = [sys.executable, "-m", "codegen.changelog", "--botocore", old, new]
    return statistics.median(runs), median_wall(command, 5)


def _spec(tag: str, variants: int, instances: int, policy: dict[str, Any] | None) -> Any:
    """An endpoint spec of ``variants`` variants of ``instances`` each, one model each."""
    from botoshapes.sagemaker.deploy.spec import spec_of  # noqa: PLC0415

    image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/bench:{}"
    data: dict[str, Any] = {
        "name": "bench",
        "models": {
            f"m{i}": {
                "PrimaryContainer": {"Image": image.format(tag)},
                "ExecutionRoleArn": "arn:aws:iam::123456789012:role/r",
                "Tags": [{"Key": "variant", "Value": str(i)}],
            }
            for i in range(variants)
        },
        "config": {"ProductionVariants": _variants("ml.m5.xlarge", variants, instances)},
    }
    if policy is not None:
        data["deployment"] = {"DeploymentConfig": policy}
    return spec_of(data, "bench")


def deploy_plan(runs: int) -> tuple[float, float]:
    """``plan_endpoint`` of a new image on 10 variants x 100 instances (linear steps of
    10%), against the local server, every read call included: the median of ``runs`` warm
    plans, and the first of new boto3 clients (their lazy loading included)."""
    import statistics  # noqa: PLC0415
    import time  # noqa: PLC0415

    import boto3  # noqa: PLC0415

    from botoshapes.sagemaker.deploy import Clients, apply_spec, plan_endpoint  # noqa: PLC0415
    from botoshapes.sagemaker.local import local_sagemaker  # noqa: PLC0415

    linear = {
        "BlueGreenUpdatePolicy": {
            "TrafficRoutingConfiguration": {
                "Type": "LINEAR",
                "WaitIntervalInSeconds": 60,
                "LinearStepSize": {"Type": "CAPACITY_PERCENT", "Value": 10},
            }
        }
    }
    session = boto3.Session(aws_access_key_id="b", aws_secret_access_key="b")
    quotas = {"ml.m5.xlarge": 5000.0}
    with local_sagemaker(provisioning_seconds=0, quotas=quotas) as url:
        clients = Clients.create(session=session, region_name="us-east-1", endpoint_url=url)
        current = _spec("1", VARIANTS, INSTANCES, None)
        apply_spec(current, clients, delay=0.01)
        wanted = _spec("2", VARIANTS, INSTANCES, linear)
        plan_endpoint(wanted, clients)  # the server's own first requests (its apps made)
        fresh = Clients.create(session=session, region_name="us-east-1", endpoint_url=url)
        started = time.perf_counter()
        plan = plan_endpoint(wanted, fresh)
        first = time.perf_counter() - started
        assert plan.change.kind == "update", plan.change
        assert plan.deployment is not None, plan.findings
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            plan_endpoint(wanted, fresh)
            times.append(time.perf_counter() - started)
    return statistics.median(times), first


def deploy_rehearsal(runs: int) -> float:
    """Median wall seconds of ``rehearse`` (the server started and stopped, the old spec
    applied, then a canary with two 600 s bakes), in process."""

    canary = {
        "BlueGreenUpdatePolicy": {
            "TrafficRoutingConfiguration": {
                "Type": "CANARY",
                "WaitIntervalInSeconds": 600,
                "CanarySize": {"Type": "INSTANCE_COUNT", "Value": 1},
            }
        }
    }
    return _rehearsed(_spec("2", 1, 4, canary), _spec("1", 1, 4, None), runs)


def _rehearsed(new: Any, old: Any, runs: int) -> float:
    """Median wall seconds of ``rehearse(new, old)``, each ending ``done``."""
    import statistics  # noqa: PLC0415
    import time  # noqa: PLC0415

    from botoshapes.sagemaker.deploy.rehearse import rehearse  # noqa: PLC0415

    times = []
    for _ in range(runs):
        started = time.perf_counter()
        outcome = rehearse(new, old)
        times.append(time.perf_counter() - started)
        assert outcome.status == "done", outcome.message
    return statistics.median(times)


def component_plans_per_second(copies: int = 1000) -> float:
    """Plans per second of an inference component of ``copies`` copies moved to a new model
    in batches of 5% (50 batches, each provisioned, baked and terminated)."""
    from botoshapes.sagemaker.deploy.components import plan_component_update  # noqa: PLC0415

    request = {
        "InferenceComponentName": "chat",
        "Specification": {"ModelName": "new"},
        "DeploymentConfig": {
            "RollingUpdatePolicy": {
                "MaximumBatchSize": {"Type": "CAPACITY_PERCENT", "Value": 5},
                "WaitIntervalInSeconds": 60,
            }
        },
    }
    component = {
        "InferenceComponentName": "chat",
        "InferenceComponentStatus": "InService",
        "RuntimeConfig": {"DesiredCopyCount": copies, "CurrentCopyCount": copies},
    }
    plan = plan_component_update(request, component)
    assert plan.batch_copies == copies // 20, plan.batch_copies
    return per_second(partial(plan_component_update, request, component))


def component_rehearsal(runs: int) -> float:
    """Median wall seconds of ``rehearse`` of docs/examples/deploy/llm-v2.yaml from llm-v1.yaml
    (the server started, the endpoint and its component made, then the component rolled a
    copy at a time with 60 s bakes and followed), in process."""
    from botoshapes.sagemaker.deploy import read_spec  # noqa: PLC0415

    old, new = (read_spec(str(EXAMPLES / "deploy" / f"llm-v{n}.yaml")) for n in (1, 2))
    return _rehearsed(new, old, runs)
