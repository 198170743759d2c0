"""Rehearsals over real HTTP: the local server plays updates as ``plan_deployment`` plans them.

Every test talks to ``botoshapes.sagemaker.local`` through boto3 and the
facade; statuses are read the way users read them, with
``wait_for_endpoint_deployment``.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest
import yaml
from botocore.exceptions import ClientError

from botoshapes.sagemaker import (
    DeploymentEvent,
    DescribeEndpointOutput,
    SageMakerClient,
    UpdateEndpointInput,
)
from botoshapes.sagemaker.deploy import plan_deployment
from botoshapes.sagemaker.errors import DeploymentFailedError, DeploymentRolledBackError
from botoshapes.sagemaker.local import local_sagemaker
from tests.deploy_states import canary, linear, rolling, variant
from tests.facade.test_stubbed import deployment_describes
from tests.moto_server import NO_RETRIES, REGION, LocalSageMaker, serve

AWS_EXAMPLES = Path(__file__).parents[1] / "deploy" / "aws_examples"
FAST = 10_000.0
"""The tests' clock: a 600 s bake passes in 60 ms (the default is 1,000)."""
ROLE = "arn:aws:iam::123456789012:role/sagemaker"
PLAN_STATUS = {"provision": "Creating", "shift": "ActivatingTraffic", "bake": "Baking"}


@pytest.fixture(scope="module")
def fast_server() -> Iterator[LocalSageMaker]:
    yield from serve(time_scale=FAST, provisioning_seconds=300)


PATIENT = 100.0
"""The clock of tests that look at a state right after the request that starts it: 300 s of
provisioning last 3 s, however slow the machine is between two requests (at ``FAST`` they
last 30 ms, which a loaded machine can spend between a request and the next)."""


@pytest.fixture(scope="module")
def patient_module_server() -> Iterator[LocalSageMaker]:
    yield from serve(time_scale=PATIENT, provisioning_seconds=300)


@pytest.fixture
def patient_server(patient_module_server: LocalSageMaker) -> LocalSageMaker:
    patient_module_server.reset()
    return patient_module_server


STEADY = 1_000.0
"""The clock of tests that follow every status of an update: each lasts 300 ms or more (at
``FAST``, 30 ms, which a loaded machine can spend between two polls and miss a status)."""


@pytest.fixture(scope="module")
def steady_module_server() -> Iterator[LocalSageMaker]:
    yield from serve(time_scale=STEADY, provisioning_seconds=300)


@pytest.fixture
def steady_server(steady_module_server: LocalSageMaker) -> LocalSageMaker:
    steady_module_server.reset()
    return steady_module_server


@pytest.fixture
def server(fast_server: LocalSageMaker) -> LocalSageMaker:
    fast_server.reset()
    return fast_server


def _raw(url: str, service: str = "sagemaker") -> Any:
    session = boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
    )
    client: Any = session.client(service, endpoint_url=url, config=NO_RETRIES)  # type: ignore[call-overload]
    return client


def _model(
    sm: SageMakerClient, name: str, image: str = "1.dkr.ecr.us-east-1.amazonaws.com/m:1"
) -> None:
    sm.boto3.create_model(ModelName=name, ExecutionRoleArn=ROLE, PrimaryContainer={"Image": image})


def _endpoint(
    sm: SageMakerClient, old: list[dict[str, Any]], new: list[dict[str, Any]] | None = None
) -> None:
    """``prod`` in service on ``prod-v1`` (``old``), and ``prod-v2`` (``new``) ready."""
    for v in [*old, *(new or [])]:
        if v["ModelName"] not in {m["ModelName"] for m in sm.boto3.list_models()["Models"]}:
            _model(sm, v["ModelName"])
    sm.boto3.create_endpoint_config(EndpointConfigName="prod-v1", ProductionVariants=old)
    if new is not None:
        sm.boto3.create_endpoint_config(EndpointConfigName="prod-v2", ProductionVariants=new)
    sm.boto3.create_endpoint(EndpointName="prod", EndpointConfigName="prod-v1")
    sm.wait_for_endpoint_deployment("prod", on_change=lambda _: None, delay=0.01)


def _watch(sm: SageMakerClient) -> tuple[list[DeploymentEvent], DescribeEndpointOutput]:
    events: list[DeploymentEvent] = []
    final = sm.wait_for_endpoint_deployment("prod", on_change=events.append, delay=0.01)
    return events, final


def _planned(sm: SageMakerClient, request: dict[str, Any]) -> list[str]:
    """The statuses the new variants should go through: the plan of the same inputs."""
    plan = plan_deployment(
        UpdateEndpointInput.from_boto(request),
        sm.describe_endpoint(endpoint_name="prod"),
        sm.describe_endpoint_config(endpoint_config_name="prod-v1"),
        sm.describe_endpoint_config(endpoint_config_name="prod-v2"),
        provisioning_seconds=300,
    )
    wanted = [PLAN_STATUS[s.action] for s in plan.steps if s.action in PLAN_STATUS]
    if plan.steps[-2].action == "wait":
        wanted.append("Baking")
    return wanted


def _statuses(
    events: list[DeploymentEvent], *, pending: bool, name: str = "AllTraffic"
) -> list[str]:
    return [e.status for e in events if e.variant == name and e.pending is pending]


def test_a_new_endpoint_is_creating_then_in_service(patient_server: LocalSageMaker) -> None:
    sm = patient_server.client()
    _model(sm, "model-AllTraffic")
    sm.boto3.create_endpoint_config(
        EndpointConfigName="prod-v1", ProductionVariants=[variant("AllTraffic", 2)]
    )
    sm.boto3.create_endpoint(EndpointName="prod", EndpointConfigName="prod-v1")
    first = sm.describe_endpoint(endpoint_name="prod")
    assert first.endpoint_status == "Creating"
    assert first.pending_deployment_summary is not None
    events, final = _watch(sm)
    assert [(e.variant, e.status) for e in events][-1] == (None, "InService")
    assert final.production_variants is not None
    assert [(v.variant_name, v.current_instance_count) for v in final.production_variants] == [
        ("AllTraffic", 2)
    ]
    with pytest.raises(ClientError, match="Cannot create already existing endpoint"):
        sm.boto3.create_endpoint(EndpointName="prod", EndpointConfigName="prod-v1")


@pytest.mark.parametrize(
    ("deployment", "old", "new"),
    [
        pytest.param(canary(10), 4, 4, id="canary-10%-of-4"),
        pytest.param(linear(25), 8, 8, id="linear-25%-of-8"),
        pytest.param(rolling(25), 8, 8, id="rolling-25%-of-8"),
        pytest.param(
            canary(2, "INSTANCE_COUNT", TerminationWaitInSeconds=600), 4, 6, id="canary-grows"
        ),
    ],
)
def test_updates_follow_the_plan_to_the_new_config(
    steady_server: LocalSageMaker, deployment: dict[str, Any], old: int, new: int
) -> None:
    sm = steady_server.client()
    _endpoint(sm, [variant("AllTraffic", old)], [variant("AllTraffic", new, "ml.c5.xlarge")])
    request = {
        "EndpointName": "prod",
        "EndpointConfigName": "prod-v2",
        "DeploymentConfig": deployment,
    }
    wanted = _planned(sm, request)
    sm.boto3.update_endpoint(**request)
    events, final = _watch(sm)
    assert [e.status for e in events if e.variant is None] == ["Updating", "InService"]
    assert _statuses(events, pending=True) == wanted
    if "RollingUpdatePolicy" in deployment:  # an old batch goes once its new batch baked,
        # the last as the update completes
        assert _statuses(events, pending=False) == ["Deleting"] * (wanted.count("Baking") - 1)
    assert final.endpoint_config_name == "prod-v2"
    assert final.pending_deployment_summary is None
    assert final.last_deployment_config is not None
    assert final.last_deployment_config.to_boto() == deployment
    assert final.production_variants is not None
    (serving,) = final.production_variants
    assert (serving.current_instance_count, serving.current_weight) == (new, 1.0)


def test_traffic_and_instances_move_as_the_plan_says(server: LocalSageMaker) -> None:
    with local_sagemaker(time_scale=1000) as url:  # a 3,600 s bake: 3.6 s to look at it
        sm = SageMakerClient(_raw(url))
        _endpoint(sm, [variant("AllTraffic", 4)], [variant("AllTraffic", 4, "ml.c5.xlarge")])
        sm.boto3.update_endpoint(
            EndpointName="prod",
            EndpointConfigName="prod-v2",
            DeploymentConfig=canary(25, bake=3600),
        )
        during = _first_bake(sm)
        assert during.endpoint_status == "Updating"
        assert during.production_variants is not None
        assert during.pending_deployment_summary is not None
        (old,) = during.production_variants
        (new,) = during.pending_deployment_summary.production_variants or ()
        assert (old.current_instance_count, old.current_weight) == (4, 0.75)
        assert (new.current_instance_count, new.current_weight) == (4, 0.25)
        assert (new.desired_instance_count, new.desired_weight) == (4, 1.0)
        assert new.instance_type == "ml.c5.xlarge"
        assert [str(s.status) for s in new.variant_status or ()] == [
            "Creating",
            "ActivatingTraffic",
            "Baking",
        ]
        starts = [s.start_time for s in new.variant_status or () if s.start_time is not None]
        assert (starts[1] - starts[0]).total_seconds() == pytest.approx(300, abs=1)


def _first_bake(sm: SageMakerClient) -> DescribeEndpointOutput:
    for _ in range(500):
        described = sm.describe_endpoint(endpoint_name="prod")
        pending = described.pending_deployment_summary
        variants = pending.production_variants or () if pending is not None else ()
        if variants and str((variants[0].variant_status or ())[-1].status) == "Baking":
            return described
        time.sleep(0.01)
    raise AssertionError("the update never baked")


def _alarm(url: str, name: str = "p99-latency") -> Any:
    watch = _raw(url, "cloudwatch")
    watch.put_metric_alarm(
        AlarmName=name,
        Namespace="AWS/SageMaker",
        MetricName="ModelLatency",
        Statistic="Average",
        Period=60,
        EvaluationPeriods=1,
        Threshold=500_000.0,
        ComparisonOperator="GreaterThanThreshold",
    )
    return watch


def _settled(sm: SageMakerClient) -> DescribeEndpointOutput:
    """The endpoint once it no longer changes (a rollback raises in the waiter at once)."""
    for _ in range(1000):
        described = sm.describe_endpoint(endpoint_name="prod")
        if described.endpoint_status not in ("Creating", "Updating", "RollingBack"):
            return described
        time.sleep(0.01)
    raise AssertionError("the endpoint never settled")


def _in_service_on_the_old_config(sm: SageMakerClient, count: int = 4) -> DescribeEndpointOutput:
    final = _settled(sm)
    assert final.endpoint_status == "InService"
    assert final.endpoint_config_name == "prod-v1"
    assert final.pending_deployment_summary is None
    assert final.production_variants is not None
    (serving,) = final.production_variants
    assert (serving.current_instance_count, serving.current_weight) == (count, 1.0)
    return final


def test_an_alarm_while_baking_rolls_back_to_the_old_config(server: LocalSageMaker) -> None:
    with local_sagemaker(time_scale=1000) as url:  # a 3,600 s bake: 3.6 s to set the alarm in
        sm = SageMakerClient(_raw(url))
        watch = _alarm(url)
        _endpoint(sm, [variant("AllTraffic", 4)], [variant("AllTraffic", 4, "ml.c5.xlarge")])
        sm.boto3.update_endpoint(
            EndpointName="prod",
            EndpointConfigName="prod-v2",
            DeploymentConfig=canary(25, bake=3600),
        )
        _first_bake(sm)
        watch.set_alarm_state(AlarmName="p99-latency", StateValue="ALARM", StateReason="p99 high")
        events: list[DeploymentEvent] = []
        with pytest.raises(
            DeploymentRolledBackError, match="in service on prod-v1, not prod-v2"
        ) as caught:
            sm.wait_for_endpoint_deployment("prod", on_change=events.append, delay=0.01)
        assert caught.value.failure_reason == "Alarm p99-latency went into ALARM while baking"
        # AWS documents RollingBack only for UpdateEndpointWeightsAndCapacities: a guardrails
        # rollback is Updating until the endpoint is back in service on its old config
        assert {e.status for e in events if e.variant is None} == {"Updating", "InService"}
        final = _in_service_on_the_old_config(sm)
        assert final.failure_reason == "Alarm p99-latency went into ALARM while baking"
        # the endpoint takes the next update
        watch.set_alarm_state(AlarmName="p99-latency", StateValue="OK", StateReason="fine")
        sm.boto3.update_endpoint(EndpointName="prod", EndpointConfigName="prod-v2")
        assert _watch(sm)[1].endpoint_config_name == "prod-v2"


def test_a_rollback_without_a_failure_reason_is_still_told_from_a_success() -> None:
    # users of AWS report that after a rollback "the FailureReason may become empty"
    with local_sagemaker(time_scale=FAST, provisioning_seconds=300, explain_rollbacks=False) as url:
        sm = SageMakerClient(_raw(url))
        _alarm(url).set_alarm_state(AlarmName="p99-latency", StateValue="ALARM", StateReason="x")
        _endpoint(sm, [variant("AllTraffic", 4)], [variant("AllTraffic", 4, "ml.c5.xlarge")])
        sm.boto3.update_endpoint(
            EndpointName="prod", EndpointConfigName="prod-v2", DeploymentConfig=canary(25)
        )
        with pytest.raises(DeploymentRolledBackError) as caught:
            sm.wait_for_endpoint_deployment("prod", on_change=lambda _: None, delay=0.01)
        assert (
            str(caught.value) == "prod: deployment rolled back: in service on prod-v1, not prod-v2"
        )
        assert caught.value.failure_reason is None
        final = _in_service_on_the_old_config(sm)
        assert final.failure_reason is None


def test_an_alarm_already_in_alarm_rolls_back_at_the_first_bake(server: LocalSageMaker) -> None:
    sm = server.client()
    _alarm(server.url).set_alarm_state(
        AlarmName="p99-latency", StateValue="ALARM", StateReason="down"
    )
    _endpoint(sm, [variant("AllTraffic", 4)], [variant("AllTraffic", 4, "ml.c5.xlarge")])
    sm.boto3.update_endpoint(
        EndpointName="prod", EndpointConfigName="prod-v2", DeploymentConfig=rolling(25)
    )
    events: list[DeploymentEvent] = []
    with pytest.raises(DeploymentRolledBackError):
        sm.wait_for_endpoint_deployment("prod", on_change=events.append, delay=0.01)
    assert _statuses(events, pending=True)[:3] == ["Creating", "ActivatingTraffic", "Baking"]
    assert "Deleting" in _statuses(events, pending=True)
    _in_service_on_the_old_config(sm)


def test_running_out_of_time_rolls_back(server: LocalSageMaker) -> None:
    sm = server.client()
    _endpoint(sm, [variant("AllTraffic", 4)], [variant("AllTraffic", 4, "ml.c5.xlarge")])
    # 1,200 s of bakes fit in 1,300 s; with 300 s of provisioning the update does not
    deployment = canary(25, MaximumExecutionTimeoutInSeconds=1300)
    sm.boto3.update_endpoint(
        EndpointName="prod", EndpointConfigName="prod-v2", DeploymentConfig=deployment
    )
    with pytest.raises(DeploymentRolledBackError, match="MaximumExecutionTimeoutInSeconds"):
        sm.wait_for_endpoint_deployment("prod", on_change=lambda _: None, delay=0.01)
    _in_service_on_the_old_config(sm)


def test_a_model_that_cannot_be_provisioned_fails_the_endpoint(server: LocalSageMaker) -> None:
    sm = server.client()
    _model(sm, "broken", "1.dkr.ecr.us-east-1.amazonaws.com/m:fail-provisioning")
    sm.boto3.create_endpoint_config(
        EndpointConfigName="prod-v1",
        ProductionVariants=[{**variant("AllTraffic", 2), "ModelName": "broken"}],
    )
    sm.boto3.create_endpoint(EndpointName="prod", EndpointConfigName="prod-v1")
    with pytest.raises(DeploymentFailedError, match="fail-provisioning") as caught:
        sm.wait_for_endpoint_deployment("prod", on_change=lambda _: None, delay=0.01)
    assert not isinstance(caught.value, DeploymentRolledBackError)
    assert caught.value.endpoint.endpoint_status == "Failed"
    with pytest.raises(ClientError, match="Cannot update failed endpoint"):
        sm.boto3.update_endpoint(EndpointName="prod", EndpointConfigName="prod-v1")


def test_an_update_that_cannot_be_provisioned_rolls_back(server: LocalSageMaker) -> None:
    sm = server.client()
    _model(sm, "broken", "1.dkr.ecr.us-east-1.amazonaws.com/m:fail-provisioning")
    _endpoint(sm, [variant("AllTraffic", 4)], [{**variant("AllTraffic", 4), "ModelName": "broken"}])
    sm.boto3.update_endpoint(
        EndpointName="prod", EndpointConfigName="prod-v2", DeploymentConfig=linear(25)
    )
    with pytest.raises(DeploymentRolledBackError, match="Variant AllTraffic: provisioning failed"):
        sm.wait_for_endpoint_deployment("prod", on_change=lambda _: None, delay=0.01)
    _in_service_on_the_old_config(sm)


def test_a_rollback_that_cannot_provision_ends_update_rollback_failed(
    server: LocalSageMaker,
) -> None:
    sm = server.client()
    # the old model comes up 8 times (the endpoint), the new one 4 times (2 batches of 2)
    _model(sm, "old", "1.dkr.ecr.us-east-1.amazonaws.com/m:fail-provisioning-after-8")
    _model(sm, "new", "1.dkr.ecr.us-east-1.amazonaws.com/m:fail-provisioning-after-4")
    _endpoint(
        sm,
        [{**variant("AllTraffic", 8), "ModelName": "old"}],
        [{**variant("AllTraffic", 8), "ModelName": "new"}],
    )
    sm.boto3.update_endpoint(
        EndpointName="prod", EndpointConfigName="prod-v2", DeploymentConfig=rolling(25)
    )
    with pytest.raises(DeploymentRolledBackError) as caught:
        sm.wait_for_endpoint_deployment("prod", on_change=lambda _: None, delay=0.01)
    for _ in range(200):  # RollingBack, then the old instances do not come back
        described = sm.describe_endpoint(endpoint_name="prod")
        if described.endpoint_status != "RollingBack":
            break
        time.sleep(0.01)
    assert caught.value.failure_reason is not None
    assert described.endpoint_status == "UpdateRollbackFailed"
    assert described.failure_reason is not None
    assert "the rollback failed too: variant AllTraffic" in described.failure_reason
    assert described.production_variants is not None
    (serving,) = described.production_variants
    assert serving.current_instance_count == 4  # two old batches gone, none back


def test_weights_and_capacities_apply_after_updating(patient_server: LocalSageMaker) -> None:
    sm = patient_server.client()
    _endpoint(sm, [variant("blue", 2, weight=0.5), variant("green", 2, weight=0.5)])
    sm.boto3.update_endpoint_weights_and_capacities(
        EndpointName="prod",
        DesiredWeightsAndCapacities=[
            {"VariantName": "blue", "DesiredWeight": 0.2},
            {"VariantName": "green", "DesiredWeight": 0.8, "DesiredInstanceCount": 5},
        ],
    )
    updating = sm.describe_endpoint(endpoint_name="prod")
    assert updating.endpoint_status == "Updating"
    assert updating.production_variants is not None
    assert [(v.current_weight, v.desired_weight) for v in updating.production_variants] == [
        (0.5, 0.2),
        (0.5, 0.8),
    ]
    events, final = _watch(sm)
    assert [e.status for e in events if e.variant is None] == ["Updating", "InService"]
    assert final.production_variants is not None
    assert [
        (v.variant_name, v.current_weight, v.current_instance_count)
        for v in final.production_variants
    ] == [("blue", 0.2, 2), ("green", 0.8, 5)]
    with pytest.raises(ClientError, match='variant name "red" is not present'):
        sm.boto3.update_endpoint_weights_and_capacities(
            EndpointName="prod",
            DesiredWeightsAndCapacities=[{"VariantName": "red", "DesiredWeight": 1.0}],
        )


def test_more_capacity_than_can_be_provisioned_rolls_back(server: LocalSageMaker) -> None:
    sm = server.client()
    _model(sm, "small", "1.dkr.ecr.us-east-1.amazonaws.com/m:fail-provisioning-after-2")
    sm.boto3.create_endpoint_config(
        EndpointConfigName="prod-v1",
        ProductionVariants=[{**variant("AllTraffic", 2), "ModelName": "small"}],
    )
    sm.boto3.create_endpoint(EndpointName="prod", EndpointConfigName="prod-v1")
    _watch(sm)
    sm.boto3.update_endpoint_weights_and_capacities(
        EndpointName="prod",
        DesiredWeightsAndCapacities=[{"VariantName": "AllTraffic", "DesiredInstanceCount": 3}],
    )
    with pytest.raises(DeploymentRolledBackError, match="RollingBack"):
        sm.wait_for_endpoint_deployment("prod", on_change=lambda _: None, delay=0.01)
    final = _settled(sm)
    assert final.production_variants is not None
    assert final.production_variants[0].current_instance_count == 2
    assert final.failure_reason is not None


@pytest.mark.parametrize(
    ("deployment", "error"),
    [
        pytest.param(canary(80), "CanarySize", id="canary-over-half"),
        pytest.param(canary(10, "PERCENT"), "CanarySize.Type: 'PERCENT'", id="constraint"),
        pytest.param(rolling(60), "MaximumBatchSize", id="rolling-batch"),
    ],
)
def test_updates_aws_refuses_answer_validation_exception(
    server: LocalSageMaker, deployment: dict[str, Any], error: str
) -> None:
    sm = server.client()
    _endpoint(sm, [variant("AllTraffic", 4)], [variant("AllTraffic", 4, "ml.c5.xlarge")])
    with pytest.raises(ClientError, match=error) as caught:
        sm.boto3.update_endpoint(
            EndpointName="prod", EndpointConfigName="prod-v2", DeploymentConfig=deployment
        )
    assert caught.value.response["Error"]["Code"] == "ValidationException"
    assert sm.describe_endpoint(endpoint_name="prod").endpoint_status == "InService"


def test_awss_canary_example_is_taken_and_played(patient_server: LocalSageMaker) -> None:
    """The guardrails guide's canary (30%, 600 s bake, 600 s termination wait, 1,800 s
    timeout): AWS's timeout advice is a warning, never a ValidationException."""
    sm = patient_server.client()
    _endpoint(sm, [variant("AllTraffic", 4)], [variant("AllTraffic", 4, "ml.c5.xlarge")])
    deployment = canary(30, TerminationWaitInSeconds=600, MaximumExecutionTimeoutInSeconds=1800)
    sm.boto3.update_endpoint(
        EndpointName="prod", EndpointConfigName="prod-v2", DeploymentConfig=deployment
    )
    assert sm.describe_endpoint(endpoint_name="prod").endpoint_status == "Updating"


@pytest.mark.parametrize("page", ["canary", "linear"])
def test_the_guides_examples_play_to_the_end_and_are_retained(
    server: LocalSageMaker, page: str
) -> None:
    sm = server.client()
    _endpoint(sm, [variant("AllTraffic", 4)], [variant("AllTraffic", 4, "ml.c5.xlarge")])
    sm.boto3.update_endpoint(**_aws_example(page))
    first = _watch(sm)[1]
    assert first.endpoint_config_name == "prod-v2"
    assert first.last_deployment_config is not None
    assert first.last_deployment_config.to_boto() == _aws_example(page)["DeploymentConfig"]
    # the guides' RetainDeploymentConfig example, back to the first config under that policy
    sm.boto3.update_endpoint(**_aws_example("retain") | {"EndpointConfigName": "prod-v1"})
    events, back = _watch(sm)
    assert back.endpoint_config_name == "prod-v1"
    assert "Baking" in _statuses(events, pending=True)


def _aws_example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((AWS_EXAMPLES / f"{name}.yaml").read_text("utf-8"))
    return data


def test_what_aws_leaves_unsaid_is_accepted_but_not_rehearsed(server: LocalSageMaker) -> None:
    sm = server.client()
    _endpoint(sm, [variant("AllTraffic", 4)], [variant("AllTraffic", 4, "ml.c5.xlarge")])
    with pytest.raises(ClientError, match="local server cannot rehearse this update") as caught:
        sm.boto3.update_endpoint(
            EndpointName="prod",
            EndpointConfigName="prod-v2",
            DeploymentConfig={**canary(25), **rolling(25)},
        )
    assert "[rule one-update-policy]" in str(caught.value)
    assert sm.describe_endpoint(endpoint_name="prod").endpoint_status == "InService"


def test_an_instance_type_change_of_an_autoscaled_variant_fails(server: LocalSageMaker) -> None:
    # "If the update would change the instance type for any model that is a target for auto
    # scaling, the update fails" (endpoint-scaling-update)
    sm = server.client()
    _endpoint(sm, [variant("AllTraffic", 4)], [variant("AllTraffic", 4, "ml.c5.xlarge")])
    _raw(server.url, "application-autoscaling").register_scalable_target(
        ServiceNamespace="sagemaker",
        ResourceId="endpoint/prod/variant/AllTraffic",
        ScalableDimension="sagemaker:variant:DesiredInstanceCount",
        MinCapacity=2,
        MaxCapacity=8,
    )
    with pytest.raises(ClientError, match=r"'ml.c5.xlarge' changes variant AllTraffic") as caught:
        sm.boto3.update_endpoint(EndpointName="prod", EndpointConfigName="prod-v2")
    assert caught.value.response["Error"]["Code"] == "ValidationException"
    assert sm.describe_endpoint(endpoint_name="prod").endpoint_status == "InService"


def test_an_update_in_progress_or_to_nothing_is_refused(server: LocalSageMaker) -> None:
    sm = server.client()
    _endpoint(sm, [variant("AllTraffic", 4)], [variant("AllTraffic", 4, "ml.c5.xlarge")])
    with pytest.raises(ClientError, match="Could not find endpoint configuration"):
        sm.boto3.update_endpoint(EndpointName="prod", EndpointConfigName="prod-v3")
    with pytest.raises(ClientError, match='Could not find endpoint "arn:aws:sagemaker:'):
        sm.boto3.update_endpoint(EndpointName="other", EndpointConfigName="prod-v2")
    sm.boto3.update_endpoint(EndpointName="prod", EndpointConfigName="prod-v2")
    with pytest.raises(ClientError, match="Cannot update in-progress endpoint"):
        sm.boto3.update_endpoint(EndpointName="prod", EndpointConfigName="prod-v1")
    with pytest.raises(ClientError, match="Cannot update in-progress endpoint"):
        sm.boto3.update_endpoint_weights_and_capacities(
            EndpointName="prod",
            DesiredWeightsAndCapacities=[{"VariantName": "AllTraffic", "DesiredWeight": 1.0}],
        )
    assert _watch(sm)[1].endpoint_config_name == "prod-v2"


def _paths(value: Any, prefix: str = "") -> set[str]:
    """Every wire path in a response (list items as ``[]``)."""
    if isinstance(value, dict):
        return {
            p
            for key, item in value.items()
            if key != "ResponseMetadata"
            for p in {f"{prefix}{key}", *_paths(item, f"{prefix}{key}.")}
        }
    if isinstance(value, list):
        return {p for item in value for p in _paths(item, prefix.rstrip(".") + "[].")}
    return set()


def test_the_waiter_fixtures_are_what_the_local_server_returns(server: LocalSageMaker) -> None:
    """The Stubber fixtures of the deployment waiter use only members the server returns, and
    their statuses come in the server's order."""
    sm = server.client()
    raw = sm.boto3
    _model(sm, "model-blue")
    raw.create_endpoint_config(
        EndpointConfigName="prod-v1", ProductionVariants=[variant("blue", 4)]
    )
    raw.create_endpoint_config(
        EndpointConfigName="prod-v2", ProductionVariants=[variant("blue", 4, "ml.c5.xlarge")]
    )
    seen: list[dict[str, Any]] = []
    raw.create_endpoint(EndpointName="prod", EndpointConfigName="prod-v1")
    _record(raw, seen)
    raw.update_endpoint(
        EndpointName="prod", EndpointConfigName="prod-v2", DeploymentConfig=canary(25)
    )
    _record(raw, seen)
    fixtures = deployment_describes()
    assert set().union(*map(_paths, fixtures)) <= set().union(*map(_paths, seen))

    def endpoint_stages(responses: list[dict[str, Any]]) -> list[str]:
        return [
            r["EndpointStatus"]
            for k, r in enumerate(responses)
            if k == 0 or r["EndpointStatus"] != responses[k - 1]["EndpointStatus"]
        ]

    def variant_stages(responses: list[dict[str, Any]]) -> list[str]:
        """Each status entry of the new variants, once, in the order they appeared."""
        entries: dict[tuple[str, Any], None] = {}
        for r in responses:
            for v in (r.get("PendingDeploymentSummary") or {}).get("ProductionVariants") or ():
                entries.update(
                    dict.fromkeys(
                        (s["Status"], s.get("StartTime")) for s in v.get("VariantStatus") or ()
                    )
                )
        return [status for status, _ in entries]

    for stages in (endpoint_stages, variant_stages):
        ours = iter(stages(seen))
        assert all(stage in ours for stage in stages(fixtures)), stages  # in the same order


def _record(raw: Any, seen: list[dict[str, Any]]) -> None:
    """Every DescribeEndpoint response until the endpoint is in service (no delay)."""
    for _ in range(5000):
        seen.append(raw.describe_endpoint(EndpointName="prod"))
        if seen[-1]["EndpointStatus"] == "InService":
            return
    raise AssertionError("never in service")


def test_the_server_leaves_no_thread_or_port_behind() -> None:
    before = set(threading.enumerate())
    with local_sagemaker() as url:
        sm = SageMakerClient(_raw(url))  # keeps its connection open (keep-alive)
        assert "Endpoints" in sm.boto3.list_endpoints()
        port = int(url.rsplit(":", 1)[1])
    assert set(threading.enumerate()) - before == set()  # (other servers' threads may end)
    with socket.socket() as probe, pytest.raises(ConnectionRefusedError):
        probe.connect(("127.0.0.1", port))
    with pytest.raises(ValueError, match="time_scale"), local_sagemaker(time_scale=0):
        pass


def test_the_readme_shows_the_rehearsal_example() -> None:
    here = Path(__file__).parent
    example = (here / "test_readme_rehearsal.py").read_text(encoding="utf-8")
    shown = example[example.index("@pytest.fixture") : example.index("def test_a_latency")]
    assert shown.rstrip() in (here.parents[2] / "README.md").read_text(encoding="utf-8")


# -- found by an outside review ---------------------------------------------------------------


def test_each_server_starts_empty_and_forgets_on_exit() -> None:
    for _ in range(2):  # as a function-scoped fixture would
        with local_sagemaker() as url:
            sm = SageMakerClient(_raw(url))
            assert sm.boto3.list_endpoints()["Endpoints"] == []
            assert _raw(url, "cloudwatch").describe_alarms()["MetricAlarms"] == []
            _alarm(url).set_alarm_state(
                AlarmName="p99-latency", StateValue="ALARM", StateReason="x"
            )
            _endpoint(sm, [variant("AllTraffic", 2)], [variant("AllTraffic", 2, "ml.c5.xlarge")])
            sm.boto3.update_endpoint(
                EndpointName="prod", EndpointConfigName="prod-v2", DeploymentConfig=canary(50)
            )  # left in the middle


def test_an_update_without_a_policy_may_change_the_variants(server: LocalSageMaker) -> None:
    sm = server.client()
    _endpoint(sm, [variant("a", 2)], [variant("a", 2), variant("b", 1, weight=0.5)])
    sm.boto3.update_endpoint(EndpointName="prod", EndpointConfigName="prod-v2")
    _, final = _watch(sm)
    assert final.production_variants is not None
    assert [
        (v.variant_name, v.current_instance_count, v.current_weight)
        for v in final.production_variants
    ] == [
        ("a", 2, 1.0),
        ("b", 1, 0.5),
    ]


def test_list_endpoints_filters_by_time_during_an_update(server: LocalSageMaker) -> None:
    sm = server.client()
    _endpoint(sm, [variant("AllTraffic", 2)], [variant("AllTraffic", 2, "ml.c5.xlarge")])
    sm.boto3.update_endpoint(EndpointName="prod", EndpointConfigName="prod-v2")
    since = sm.describe_endpoint(endpoint_name="prod").creation_time
    assert since is not None
    listed = sm.boto3.list_endpoints(LastModifiedTimeAfter=since - timedelta(seconds=1))
    assert [e["EndpointName"] for e in listed["Endpoints"]] == ["prod"]
    updating = sm.boto3.list_endpoints(StatusEquals="Updating")["Endpoints"]
    assert [e["EndpointName"] for e in updating] == ["prod"]


def test_an_endpoint_that_failed_its_rollback_takes_the_next_update(server: LocalSageMaker) -> None:
    sm = server.client()
    _model(sm, "old", "1.dkr.ecr.us-east-1.amazonaws.com/m:fail-provisioning-after-8")
    _model(sm, "new", "1.dkr.ecr.us-east-1.amazonaws.com/m:fail-provisioning-after-4")
    _model(sm, "fixed")
    _endpoint(
        sm,
        [{**variant("AllTraffic", 8), "ModelName": "old"}],
        [{**variant("AllTraffic", 8), "ModelName": "new"}],
    )
    sm.boto3.create_endpoint_config(
        EndpointConfigName="prod-v3",
        ProductionVariants=[{**variant("AllTraffic", 8), "ModelName": "fixed"}],
    )
    sm.boto3.update_endpoint(
        EndpointName="prod", EndpointConfigName="prod-v2", DeploymentConfig=rolling(25)
    )
    failed = _settled(sm)
    assert failed.endpoint_status == "UpdateRollbackFailed"
    assert failed.production_variants is not None
    assert failed.pending_deployment_summary is not None
    (old,) = failed.production_variants
    (new,) = failed.pending_deployment_summary.production_variants or ()
    assert (old.current_weight or 0) + (new.current_weight or 0) == pytest.approx(1.0)
    sm.boto3.update_endpoint(EndpointName="prod", EndpointConfigName="prod-v3")
    final = sm.wait_for_endpoint_deployment(
        "prod", endpoint_config_name="prod-v3", on_change=lambda _: None, delay=0.01
    )
    assert final.endpoint_config_name == "prod-v3"


def test_a_rollback_over_before_the_first_poll_is_not_a_success(server: LocalSageMaker) -> None:
    sm = server.client()
    _alarm(server.url).set_alarm_state(
        AlarmName="p99-latency", StateValue="ALARM", StateReason="down"
    )
    _endpoint(sm, [variant("AllTraffic", 4)], [variant("AllTraffic", 4, "ml.c5.xlarge")])
    sm.boto3.update_endpoint(
        EndpointName="prod", EndpointConfigName="prod-v2", DeploymentConfig=canary(25)
    )
    assert _settled(sm).endpoint_config_name == "prod-v1"
    with pytest.raises(DeploymentRolledBackError, match="not prod-v2: Alarm p99-latency"):
        sm.wait_for_endpoint_deployment("prod", endpoint_config_name="prod-v2", delay=0.01)


def test_an_update_after_its_config_was_deleted(server: LocalSageMaker) -> None:
    sm = server.client()
    _endpoint(sm, [variant("AllTraffic", 4)], [variant("AllTraffic", 4, "ml.c5.xlarge")])
    sm.boto3.delete_endpoint_config(EndpointConfigName="prod-v1")  # AWS allows it
    sm.boto3.update_endpoint(
        EndpointName="prod", EndpointConfigName="prod-v2", DeploymentConfig=canary(25)
    )
    assert _watch(sm)[1].endpoint_config_name == "prod-v2"


def test_a_serverless_variant_can_fail_to_provision(server: LocalSageMaker) -> None:
    sm = server.client()
    _model(sm, "broken", "1.dkr.ecr.us-east-1.amazonaws.com/m:fail-provisioning")
    sm.boto3.create_endpoint_config(
        EndpointConfigName="prod-v1",
        ProductionVariants=[
            {
                "VariantName": "AllTraffic",
                "ModelName": "broken",
                "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 5},
            }
        ],
    )
    sm.boto3.create_endpoint(EndpointName="prod", EndpointConfigName="prod-v1")
    with pytest.raises(DeploymentFailedError, match="fail-provisioning"):
        sm.wait_for_endpoint_deployment("prod", on_change=lambda _: None, delay=0.01)


def test_a_growing_rolling_update_deletes_only_what_it_had(
    steady_server: LocalSageMaker,
) -> None:
    sm = steady_server.client()
    _endpoint(sm, [variant("AllTraffic", 2)], [variant("AllTraffic", 6, "ml.c5.xlarge")])
    creating = sm.describe_endpoint(endpoint_name="prod")
    assert creating.creation_time is not None
    assert creating.last_modified_time is not None
    assert creating.last_modified_time >= creating.creation_time  # one clock
    sm.boto3.update_endpoint(
        EndpointName="prod", EndpointConfigName="prod-v2", DeploymentConfig=rolling(50)
    )
    events, _ = _watch(sm)
    # batches of 3 (50% of the 6 the variant has after the update, the count every size is a
    # share of): both old instances go with the first batch, the second deletes nothing
    assert _statuses(events, pending=False) == ["Deleting"]


def test_a_server_never_stopped_does_not_hold_the_interpreter() -> None:
    script = (
        "from botoshapes.sagemaker.local import local_sagemaker\n"
        "import urllib.request\n"
        "server = local_sagemaker()\n"
        "url = server.__enter__()  # never left\n"
        "urllib.request.urlopen(url + '/moto-api/data.json').read()\n"
        "print('done')\n"
    )
    ended = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert (ended.returncode, ended.stdout) == (0, "done\n"), ended.stderr


def test_without_moto_the_import_says_what_to_install() -> None:
    code = (
        "import sys\nsys.modules['moto'] = None  # as if moto were not installed\n"
        "import botoshapes.sagemaker.local\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (
        "ModuleNotFoundError: botoshapes.sagemaker.local needs moto:"
        " pip install 'botoshapes-sagemaker[local]'"
    )
