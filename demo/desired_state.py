"""The demo's last part: ``botoshapes deploy``, an endpoint's desired state in one file."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from botoshapes.sagemaker.deploy.cli import main as botoshapes
from botoshapes.sagemaker.deploy.rehearse import put_alarm

SPEC = """\
name: {name}-spec
tags: [{{Key: team, Value: demo}}]
models:
  main:
    PrimaryContainer: {{Image: "{image}"}}
    ExecutionRoleArn: {role}
config:
  ProductionVariants:
    - {{VariantName: AllTraffic, ModelName: main, InstanceType: ml.m5.large,
       InitialInstanceCount: 4}}
"""
CANARY = """\
deployment:
  DeploymentConfig:
    BlueGreenUpdatePolicy:
      TrafficRoutingConfiguration:
        Type: CANARY
        CanarySize: {Type: INSTANCE_COUNT, Value: 1}
        WaitIntervalInSeconds: 600
      TerminationWaitInSeconds: 300
      MaximumExecutionTimeoutInSeconds: 3600
    AutoRollbackConfiguration:
      Alarms: [{AlarmName: demo-5xx}]
"""


def run_botoshapes(*args: str) -> int:
    """``botoshapes ARGS`` in process, shown as typed, with its exit status."""
    print(f"\n   $ botoshapes {' '.join(args)}")
    status = botoshapes(list(args))
    print(f"   (exit {status})")
    return status


def desired_state(url: str, name: str, role: str, image: str, alarms: Any) -> None:
    """Plan and apply a spec file, plan its next version, rehearse it with a fault.

    ``alarms``: the local server's CloudWatch, where the spec's rollback alarm is made."""
    print("\n== botoshapes deploy: the endpoint's desired state in one file")
    folder = Path(tempfile.mkdtemp(prefix="botoshapes-demo-"))
    v1, v2 = folder / "v1.yaml", folder / "v2.yaml"
    v1.write_text(SPEC.format(name=name, role=role, image=image), encoding="utf-8")
    new_image = image.rsplit(":", 1)[0] + ":2"
    v2.write_text(SPEC.format(name=name, role=role, image=new_image) + CANARY, encoding="utf-8")
    print(f"   {v1}:\n      " + v1.read_text(encoding="utf-8").replace("\n", "\n      "))
    where = ["--endpoint-url", url, "--region", "us-east-1"]
    run_botoshapes("deploy", "plan", str(v1), *where)
    run_botoshapes("deploy", "apply", str(v1), *where, "--delay", "0.02")
    run_botoshapes("deploy", "apply", str(v1), *where, "--delay", "0.02")  # again: nothing to do
    put_alarm(alarms, "demo-5xx")
    print(f"\n   {v2}: a new image, under a canary policy with a rollback alarm")
    run_botoshapes("deploy", "plan", str(v2), *where)
    print("\n   Rehearsed on a local SageMaker of its own, the alarm going off in the first bake:")
    status = run_botoshapes(
        "deploy", "rehearse", str(v2), "--from", str(v1), "--fault", "alarm-in-bake:1"
    )
    print(
        f"   exit {status}: rolled back (never reported as a success); the old config still"
        " serves, and the spec is marked so that it is not applied again by mistake"
    )
