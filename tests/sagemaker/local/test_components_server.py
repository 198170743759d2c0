"""Inference components over real HTTP: the local server plays their updates as planned, and
``wait_for_inference_component_deployment`` tells each ending apart.

Every rollback path has its test: an alarm while baking, provisioning that fails, the
execution timeout, a rollback that itself fails, and one the server does not explain.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from botocore.exceptions import ClientError

from botoshapes.sagemaker import (
    ComponentEvent,
    DescribeInferenceComponentOutput,
    SageMakerClient,
    UpdateInferenceComponentInput,
)
from botoshapes.sagemaker._components import differences
from botoshapes.sagemaker.deploy.components import check_component_update, plan_component_update
from botoshapes.sagemaker.errors import (
    ComponentDeploymentFailedError,
    ComponentRolledBackError,
    DeploymentTimeoutError,
)
from tests.moto_server import LocalSageMaker, serve

from .test_server import ROLE, _alarm

EXAMPLES = Path(__file__).parents[1] / "deploy" / "aws_examples" / "components"
SPEC = {
    "ModelName": "llama",
    "ComputeResourceRequirements": {
        "NumberOfAcceleratorDevicesRequired": 1,
        "MinMemoryRequiredInMb": 1024,
    },
}


@pytest.fixture(scope="module")
def module_server() -> Iterator[LocalSageMaker]:
    yield from serve(time_scale=10_000.0, provisioning_seconds=300)


@pytest.fixture
def server(module_server: LocalSageMaker) -> LocalSageMaker:
    module_server.reset()
    return module_server


def _quiet(_: ComponentEvent) -> None:
    return


def _hosting(
    sm: SageMakerClient, *models: str, image: str = "1.dkr.ecr/llm:1", wait: bool = True
) -> None:
    """``llm``: an endpoint for inference components, as AWS's samples make one (no model in
    its variant, managed instance scaling), with ``models`` made; in service if ``wait``."""
    for model in models:
        sm.boto3.create_model(
            ModelName=model, ExecutionRoleArn=ROLE, PrimaryContainer={"Image": f"{image}-{model}"}
        )
    sm.boto3.create_endpoint_config(
        EndpointConfigName="llm-config",
        ExecutionRoleArn=ROLE,
        ProductionVariants=[
            {
                "VariantName": "main",
                "InstanceType": "ml.g5.2xlarge",
                "InitialInstanceCount": 1,
                "ManagedInstanceScaling": {
                    "Status": "ENABLED",
                    "MinInstanceCount": 1,
                    "MaxInstanceCount": 4,
                },
                "RoutingConfig": {"RoutingStrategy": "LEAST_OUTSTANDING_REQUESTS"},
            }
        ],
    )
    sm.boto3.create_endpoint(EndpointName="llm", EndpointConfigName="llm-config")
    if wait:
        sm.wait_for_endpoint_deployment("llm", on_change=lambda _: None, delay=0.01)


def _component(
    sm: SageMakerClient, copies: int = 2, specification: dict[str, Any] | None = None
) -> DescribeInferenceComponentOutput:
    sent = {
        "InferenceComponentName": "ic",
        "EndpointName": "llm",
        "VariantName": "main",
        "Specification": specification or SPEC,
        "RuntimeConfig": {"CopyCount": copies},
    }
    sm.boto3.create_inference_component(**sent)
    return sm.wait_for_inference_component_deployment("ic", sent=sent, on_change=_quiet, delay=0.01)


def _rolling(model: str = "deepseek", *, alarms: bool = True, **policy: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "InferenceComponentName": "ic",
        "Specification": {**SPEC, "ModelName": model},
        "DeploymentConfig": {
            "RollingUpdatePolicy": {
                "MaximumBatchSize": {"Type": "COPY_COUNT", "Value": 1},
                "WaitIntervalInSeconds": 120,
                **policy,
            }
        },
    }
    if alarms:
        request["DeploymentConfig"]["AutoRollbackConfiguration"] = {
            "Alarms": [{"AlarmName": "p99-latency"}]
        }
    return request


def _follow(
    sm: SageMakerClient, sent: dict[str, Any], events: list[ComponentEvent] | None = None
) -> DescribeInferenceComponentOutput:
    sm.boto3.update_inference_component(**sent)
    return sm.wait_for_inference_component_deployment(
        "ic",
        sent=sent,
        on_change=events.append if events is not None else _quiet,
        delay=0.005,
    )


def test_a_component_is_created_and_described_as_aws_describes_it(server: LocalSageMaker) -> None:
    sm = server.client()
    _hosting(sm, "llama")
    final = _component(sm)
    assert final.inference_component_status == "InService"
    assert final.runtime_config is not None
    assert (final.runtime_config.desired_copy_count, final.runtime_config.current_copy_count) == (
        2,
        2,
    )
    assert final.specification is not None
    assert final.specification.model_name == "llama"
    assert final.endpoint_name == "llm"
    assert final.variant_name == "main"
    assert str(final.inference_component_arn).endswith(":inference-component/ic")
    listed = sm.boto3.list_inference_components(EndpointNameEquals="llm")
    assert [c["InferenceComponentName"] for c in listed["InferenceComponents"]] == ["ic"]
    assert (
        sm.boto3.list_inference_components(EndpointNameEquals="other")["InferenceComponents"] == []
    )


def test_an_image_is_described_as_the_deployed_image(server: LocalSageMaker) -> None:
    sm = server.client()
    _hosting(sm)
    image = {"Container": {"Image": "1.dkr.ecr/tgi:2", "Environment": {"HF_MODEL_ID": "a"}}}
    final = _component(
        sm, 1, {**image, "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 1024}}
    )
    wire = final.to_boto()["Specification"]["Container"]
    assert wire["DeployedImage"]["SpecifiedImage"] == "1.dkr.ecr/tgi:2"
    assert wire["Environment"] == {"HF_MODEL_ID": "a"}


def test_a_rolling_update_is_played_as_planned_and_followed_to_success(
    server: LocalSageMaker,
) -> None:
    sm = server.client()
    _hosting(sm, "llama", "deepseek")
    before = _component(sm)
    sent = _rolling()
    events: list[ComponentEvent] = []
    final = _follow(sm, sent, events)
    assert final.specification is not None
    assert final.specification.model_name == "deepseek"
    assert final.runtime_config is not None
    assert final.runtime_config.current_copy_count == 2
    assert final.last_deployment_config is not None
    assert final.last_deployment_config.to_boto() == sent["DeploymentConfig"]
    assert events[0].status == "Updating"
    assert events[-1].status == "InService"
    # The plan the server played: a copy at a time, three up at the peak.
    plan = plan_component_update(sent, before, provisioning_seconds=300)
    assert plan.peak_copies == 3
    assert {e.current_copies for e in events} <= {1, 2, 3}


def _rolled_back_by_alarm(server: LocalSageMaker) -> ComponentRolledBackError:
    """``ic`` on llama (2 copies) rolled to deepseek with its alarm in ``ALARM``: the
    waiter's error."""
    sm = server.client()
    _hosting(sm, "llama", "deepseek")
    _component(sm)
    _alarm(server.url).set_alarm_state(
        AlarmName="p99-latency", StateValue="ALARM", StateReason="p99 too high"
    )
    with pytest.raises(ComponentRolledBackError) as caught:
        _follow(sm, _rolling())
    return caught.value


def test_an_alarm_while_baking_rolls_back_and_the_waiter_says_so(server: LocalSageMaker) -> None:
    error = _rolled_back_by_alarm(server)
    assert error.differences == ("Specification.ModelName",)
    assert error.failure_reason == "Alarm p99-latency went into ALARM while baking"
    assert error.component.specification is not None
    assert error.component.specification.model_name == "llama"  # "without any changes"
    assert error.component.inference_component_status == "InService"
    assert error.component.runtime_config is not None
    assert error.component.runtime_config.current_copy_count == 2


def test_a_rollback_is_told_without_a_failure_reason() -> None:
    """A service that explains nothing: what runs still tells the rollback."""
    for running in serve(time_scale=10_000.0, provisioning_seconds=300, explain_rollbacks=False):
        error = _rolled_back_by_alarm(running)
        assert error.failure_reason is None
        assert error.differences == ("Specification.ModelName",)


def test_provisioning_that_fails_mid_update_rolls_the_copies_back(
    server: LocalSageMaker,
) -> None:
    sm = server.client()
    _hosting(sm, "llama")
    sm.boto3.create_model(
        ModelName="broken",
        ExecutionRoleArn=ROLE,
        PrimaryContainer={"Image": "1.dkr.ecr/m:fail-provisioning-after-1"},
    )
    _component(sm)
    with pytest.raises(ComponentRolledBackError) as caught:
        _follow(sm, _rolling("broken", alarms=False))
    assert "fails after 1 instances of model broken" in str(caught.value.failure_reason)
    final = sm.describe_inference_component(inference_component_name="ic")
    assert final.runtime_config is not None
    assert final.runtime_config.current_copy_count == 2  # the old copy terminated is back


def test_the_execution_timeout_rolls_back(server: LocalSageMaker) -> None:
    """Batch 2 of 2 is still provisioning at 600 s (plan: 300 + 120 + 300)."""
    sm = server.client()
    _hosting(sm, "llama", "deepseek")
    _component(sm)
    sent = _rolling(alarms=False, MaximumExecutionTimeoutInSeconds=600)
    with pytest.raises(ComponentRolledBackError) as caught:
        _follow(sm, sent)
    assert "MaximumExecutionTimeoutInSeconds" in str(caught.value.failure_reason)


def test_a_rollback_that_cannot_provision_fails_the_component(server: LocalSageMaker) -> None:
    """The old copies' image provisions two copies only: bringing one back fails."""
    sm = server.client()
    _hosting(sm, "deepseek")
    image = {"Image": "1.dkr.ecr/m:fail-provisioning-after-2"}
    _component(
        sm, 2, {"Container": image, "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 1024}}
    )
    sent = _rolling(alarms=False, MaximumExecutionTimeoutInSeconds=600)
    with pytest.raises(ComponentDeploymentFailedError) as caught:
        _follow(sm, sent)
    assert not isinstance(caught.value, ComponentRolledBackError)
    assert caught.value.component.inference_component_status == "Failed"
    assert "the rollback failed too" in str(caught.value.failure_reason)


def test_a_creation_that_cannot_provision_fails(server: LocalSageMaker) -> None:
    sm = server.client()
    _hosting(sm)
    broken = {"Container": {"Image": "1.dkr.ecr/m:fail-provisioning"}}
    with pytest.raises(ComponentDeploymentFailedError) as caught:
        _component(
            sm, 1, {**broken, "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 1024}}
        )
    assert caught.value.component.inference_component_status == "Failed"
    assert "provisioning failed" in str(caught.value.failure_reason)


def test_a_change_of_copy_count_is_played(server: LocalSageMaker) -> None:
    sm = server.client()
    _hosting(sm, "llama")
    _component(sm)
    sm.boto3.update_inference_component_runtime_config(
        InferenceComponentName="ic", DesiredRuntimeConfig={"CopyCount": 3}
    )
    final = sm.wait_for_inference_component_deployment("ic", on_change=_quiet, delay=0.005)
    assert final.runtime_config is not None
    assert (final.runtime_config.desired_copy_count, final.runtime_config.current_copy_count) == (
        3,
        3,
    )


def test_the_waiter_times_out_with_the_last_response() -> None:
    for slow in serve(time_scale=1.0, provisioning_seconds=300):
        sm = slow.client()
        _hosting(sm, "llama", wait=False)  # 300 s of creation: 300 s on this clock
        sm.boto3.create_inference_component(
            InferenceComponentName="ic",
            EndpointName="llm",
            VariantName="main",
            Specification=SPEC,
            RuntimeConfig={"CopyCount": 1},
        )
        with pytest.raises(DeploymentTimeoutError) as caught:
            sm.wait_for_inference_component_deployment(
                "ic", on_change=_quiet, delay=0.01, timeout=0.05
            )
        assert caught.value.last_response["InferenceComponentStatus"] == "Creating"


def _refused(call: Any, **request: Any) -> str:
    with pytest.raises(ClientError) as caught:
        call(**request)
    assert caught.value.response["Error"]["Code"] == "ValidationException"
    return str(caught.value.response["Error"]["Message"])


def test_what_the_server_refuses(server: LocalSageMaker) -> None:
    sm = server.client()
    _hosting(sm, "llama", "deepseek")
    _component(sm, 4)
    update = sm.boto3.update_inference_component
    message = _refused(update, **_rolling(MaximumBatchSize={"Type": "COPY_COUNT", "Value": 3}))
    assert "3 copies is 75% of 4 copies, not 5-50%" in message
    assert "ic-nothing" not in message
    assert "changes nothing" in _refused(update, InferenceComponentName="ic")
    assert "Could not find model" in _refused(update, **_rolling("missing"))
    assert "Could not find inference component" in _refused(
        sm.boto3.describe_inference_component, InferenceComponentName="nope"
    )
    create = sm.boto3.create_inference_component
    made = {"EndpointName": "llm", "Specification": SPEC, "RuntimeConfig": {"CopyCount": 1}}
    assert "already existing" in _refused(
        create, InferenceComponentName="ic", VariantName="main", **made
    )
    assert "not present within endpoint" in _refused(
        create, InferenceComponentName="other", VariantName="blue", **made
    )


def test_an_update_while_one_runs_is_refused() -> None:
    for patient in serve(time_scale=100.0, provisioning_seconds=300):
        sm = patient.client()
        _hosting(sm, "llama", "deepseek", wait=False)
        sm.boto3.create_inference_component(
            InferenceComponentName="ic",
            EndpointName="llm",
            VariantName="main",
            Specification=SPEC,
            RuntimeConfig={"CopyCount": 2},
        )
        message = _refused(sm.boto3.update_inference_component, **_rolling())
        assert "Cannot update in-progress inference component" in message


def test_a_deleted_component_is_gone(server: LocalSageMaker) -> None:
    sm = server.client()
    _hosting(sm, "llama")
    _component(sm)
    sm.boto3.delete_inference_component(InferenceComponentName="ic")
    assert sm.boto3.list_inference_components()["InferenceComponents"] == []


@pytest.mark.parametrize("name", ["llama-to-deepseek", "qwen-to-gpt-oss"])
def test_the_aws_samples_updates_are_rehearsed(server: LocalSageMaker, name: str) -> None:
    """Each sample's update, as written, after what the sample makes first (2 copies)."""
    sent: dict[str, Any] = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
    UpdateInferenceComponentInput.from_boto(sent)  # the facade takes it as written
    sm = server.client()
    _hosting(sm, "qwen", "gpt-oss-20b-model")
    for alarm in sent["DeploymentConfig"].get("AutoRollbackConfiguration", {}).get("Alarms", []):
        _alarm(server.url, alarm["AlarmName"])
    component = sent["InferenceComponentName"]
    sm.boto3.create_inference_component(
        InferenceComponentName=component,
        EndpointName="llm",
        VariantName="main",
        Specification={**SPEC, "ModelName": "qwen"},
        RuntimeConfig={"CopyCount": 2},
    )
    sm.wait_for_inference_component_deployment(component, on_change=_quiet, delay=0.005)
    sm.boto3.update_inference_component(**sent)
    final = sm.wait_for_inference_component_deployment(
        component, sent=sent, on_change=_quiet, delay=0.005
    )
    assert final.inference_component_status == "InService"
    assert differences(sent, final) == ()
    assert (
        final.to_boto()["Specification"]["ComputeResourceRequirements"]
        == (sent["Specification"]["ComputeResourceRequirements"])
    )


def test_the_documented_rehearsal_runs_as_its_readme_says(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """docs/examples/inference-components/rehearse.py: exit 3 with the alarm, 0 without."""
    path = Path(__file__).parents[3] / "docs" / "examples" / "inference-components"
    loaded = importlib.util.spec_from_file_location("ic_rehearse", path / "rehearse.py")
    assert loaded is not None
    assert loaded.loader is not None
    module = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(module)
    assert module.rehearse(alarm=True) == 3
    readme = (path / "README.md").read_text(encoding="utf-8")
    said = capsys.readouterr().out.splitlines()[-1]
    assert said in readme
    assert module.rehearse(alarm=False) == 0
    said = capsys.readouterr().out.splitlines()[-1]
    assert said == "in service on deepseek-ai/DeepSeek-R1-Distill-Llama-8B"
    assert said in readme


def test_a_copy_count_that_cannot_be_provisioned_goes_back(server: LocalSageMaker) -> None:
    """Two copies of the image come up, a third does not: the count goes back to 2."""
    sm = server.client()
    _hosting(sm)
    image = {"Image": "1.dkr.ecr/m:fail-provisioning-after-2"}
    resources = {"MinMemoryRequiredInMb": 1024}
    _component(sm, 2, {"Container": image, "ComputeResourceRequirements": resources})
    sm.boto3.update_inference_component_runtime_config(
        InferenceComponentName="ic", DesiredRuntimeConfig={"CopyCount": 3}
    )
    with pytest.raises(ComponentRolledBackError) as caught:
        sm.wait_for_inference_component_deployment("ic", copies=3, on_change=_quiet, delay=0.005)
    assert caught.value.differences == ("RuntimeConfig.DesiredCopyCount",)
    assert caught.value.component.runtime_config is not None
    assert caught.value.component.runtime_config.current_copy_count == 2
    assert "fails after 2 copies" in str(caught.value.failure_reason)


@pytest.mark.parametrize(
    ("specification", "rule"),
    [
        ({"Container": {"ArtifactUrl": "s3://bucket/adapters/fr/"}}, "ic-artifact-tar-gz"),
        (
            {
                "ComputeResourceRequirements": {
                    "MinMemoryRequiredInMb": 1024,
                    "AcceleratorPartitionType": "mig-3g.40gb",
                    "NumberOfAcceleratorDevicesRequired": 2,
                }
            },
            "ic-partition-one-device",
        ),
    ],
)
def test_the_server_refuses_what_aws_states_as_errors(
    server: LocalSageMaker, specification: dict[str, Any], rule: str
) -> None:
    """Sent with boto3 itself (botocore checks none of these): the server refuses each,
    naming the rule, as AWS refuses it."""
    sm = server.client()
    _hosting(sm, "llama")
    message = _refused(
        sm.boto3.create_inference_component,
        InferenceComponentName="ic",
        EndpointName="llm",
        VariantName="main",
        Specification=specification,
        RuntimeConfig={"CopyCount": 1},
    )
    assert f"[rule {rule}" in message
    _component(sm)
    both = {"Specification": SPEC, "Specifications": [SPEC]}
    assert "[rule ic-one-specification" in _refused(
        sm.boto3.update_inference_component, InferenceComponentName="ic", **both
    )
    several = [SPEC | {"InstanceType": "ml.g5.2xlarge"}, SPEC]
    assert "[rule ic-instance-type-each" in _refused(
        sm.boto3.update_inference_component, InferenceComponentName="ic", Specifications=several
    )


def test_the_rules_on_the_state_read_from_the_server(server: LocalSageMaker) -> None:
    """What the state decides, read over HTTP: one copy, no room to roll, an adapter."""
    sm = server.client()
    _hosting(sm, "llama", "deepseek")  # one instance, managed scaling up to 4
    _component(sm, 1)
    found = check_component_update(
        _rolling(), sm.describe_inference_component(inference_component_name="ic")
    )
    assert [f.rule for f in found] == ["ic-small-component"]
    sm.boto3.update_inference_component_runtime_config(
        InferenceComponentName="ic", DesiredRuntimeConfig={"CopyCount": 8}
    )
    sm.wait_for_inference_component_deployment("ic", copies=8, on_change=_quiet, delay=0.005)
    # 4 new copies beside the old: up to 4 more instances, and the variant runs 1 of 4
    wide = _rolling(MaximumBatchSize={"Type": "COPY_COUNT", "Value": 4})
    component = sm.describe_inference_component(inference_component_name="ic")
    endpoint = sm.describe_endpoint(endpoint_name="llm")
    found = check_component_update(wide, component, endpoint)
    assert [(f.rule, f.value) for f in found] == [("ic-room-for-batch", 4)]
    adapter = {
        "BaseInferenceComponentName": "ic",
        "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 1024},
    }
    sm.boto3.create_inference_component(
        InferenceComponentName="fr", EndpointName="llm", Specification=adapter
    )  # taken: the instructions AWS gives for adapters are warnings
    assert {f.rule for f in check_component_update(
        {"InferenceComponentName": "fr", "Specification": adapter}
    )} == {"ic-adapter"}  # fmt: skip


def test_the_list_filters_pages_and_refuses_a_bad_token(server: LocalSageMaker) -> None:
    sm = server.client()
    _hosting(sm, "llama")
    for name in ("a", "b", "c"):
        sm.boto3.create_inference_component(
            InferenceComponentName=name,
            EndpointName="llm",
            VariantName="main",
            Specification=SPEC,
            RuntimeConfig={"CopyCount": 1},
        )
    listed = sm.boto3.list_inference_components
    first = listed(MaxResults=2, SortBy="Name", SortOrder="Ascending")
    assert [c["InferenceComponentName"] for c in first["InferenceComponents"]] == ["a", "b"]
    rest = listed(MaxResults=2, SortBy="Name", SortOrder="Ascending", NextToken=first["NextToken"])
    assert [c["InferenceComponentName"] for c in rest["InferenceComponents"]] == ["c"]
    assert listed(CreationTimeBefore="2000-01-01T00:00:00Z")["InferenceComponents"] == []
    assert listed(LastModifiedTimeAfter="2100-01-01T00:00:00Z")["InferenceComponents"] == []
    assert len(listed(CreationTimeAfter="2000-01-01T00:00:00Z")["InferenceComponents"]) == 3
    assert "Invalid pagination token" in _refused(listed, NextToken="abc")


def test_an_endpoint_that_hosts_components_is_not_deleted(server: LocalSageMaker) -> None:
    """ "Delete inference components first" (AWS's guide)."""
    sm = server.client()
    _hosting(sm, "llama")
    _component(sm)
    message = _refused(sm.boto3.delete_endpoint, EndpointName="llm")
    assert "hosts inference components (ic): delete them first" in message
    sm.boto3.delete_inference_component(InferenceComponentName="ic")
    sm.boto3.delete_endpoint(EndpointName="llm")


def test_an_update_no_plan_can_hold_is_refused_not_a_500(server: LocalSageMaker) -> None:
    sm = server.client()
    _hosting(sm, "llama", "deepseek")
    _component(sm, 1)
    huge = _rolling(alarms=False) | {"RuntimeConfig": {"CopyCount": 20_000}}
    message = _refused(sm.boto3.update_inference_component, **huge)
    assert "cannot rehearse this update: the plan would have more than 10,000 steps" in message
