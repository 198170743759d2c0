"""``botoshapes deploy`` of an endpoint's inference components, against the local server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from botoshapes.sagemaker.deploy import read_spec
from botoshapes.sagemaker.deploy.apply import ApplyEvent, Outcome, apply_spec
from botoshapes.sagemaker.deploy.cli import main
from botoshapes.sagemaker.deploy.component_apply import wait_limit
from botoshapes.sagemaker.deploy.live import read_live
from botoshapes.sagemaker.deploy.planning import plan_against, plan_endpoint, render_endpoint_plan
from botoshapes.sagemaker.deploy.rehearse import put_alarm
from botoshapes.sagemaker.deploy.spec import MANAGED_TAG, SpecError
from tests.moto_server import LocalSageMaker, serve

from .test_apply import ROLE, clients

IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/lmi"
COMPONENT_WRITES = frozenset(
    {
        "CreateInferenceComponent",
        "UpdateInferenceComponent",
        "UpdateInferenceComponentRuntimeConfig",
        "DeleteInferenceComponent",
        "CreateModel",
        "CreateEndpointConfig",
        "CreateEndpoint",
        "UpdateEndpoint",
        "DeleteModel",
        "DeleteEndpointConfig",
        "AddTags",
    }
)


@pytest.fixture(scope="module")
def module_server() -> Iterator[LocalSageMaker]:
    yield from serve(time_scale=10_000.0, provisioning_seconds=300, quotas={"ml.g6e.4xlarge": 8})


@pytest.fixture
def server(module_server: LocalSageMaker) -> LocalSageMaker:
    module_server.reset()
    return module_server


def _model(tag: str) -> dict[str, Any]:
    return {"PrimaryContainer": {"Image": f"{IMAGE}:{tag}"}, "ExecutionRoleArn": ROLE}


def llm(
    tmp_path: Path,
    model: str = "qwen",
    *,
    copies: int = 2,
    batch: int = 1,
    alarms: bool = True,
    variant: str = "main",
    more: dict[str, Any] | None = None,
    models: tuple[str, ...] = (),
    name: str = "llm.json",
) -> str:
    """An endpoint for inference components and its component ``chat`` on ``model`` (the
    file's only model, but ``models``)."""
    rolling: dict[str, Any] = {
        "RollingUpdatePolicy": {
            "MaximumBatchSize": {"Type": "COPY_COUNT", "Value": batch},
            "WaitIntervalInSeconds": 120,
            "RollbackMaximumBatchSize": {"Type": "COPY_COUNT", "Value": 1},
        }
    }
    if alarms:
        rolling["AutoRollbackConfiguration"] = {"Alarms": [{"AlarmName": "chat-errors"}]}
    components = {
        "chat": {
            "VariantName": variant,
            "Specification": {
                "ModelName": model,
                "ComputeResourceRequirements": {
                    "MinMemoryRequiredInMb": 4096,
                    "NumberOfAcceleratorDevicesRequired": 1,
                },
            },
            "RuntimeConfig": {"CopyCount": copies},
            "DeploymentConfig": rolling,
        },
        **(more or {}),
    }
    spec = {
        "name": "llm",
        "models": {key: _model(key) for key in (model, *models)},
        "config": {
            "ExecutionRoleArn": ROLE,
            "ProductionVariants": [
                {
                    "VariantName": "main",
                    "InstanceType": "ml.g6e.4xlarge",
                    "InitialInstanceCount": 1,
                    "ManagedInstanceScaling": {
                        "Status": "ENABLED",
                        "MinInstanceCount": 1,
                        "MaxInstanceCount": 4,
                    },
                }
            ],
        },
        "components": components,
    }
    path = tmp_path / name
    path.write_text(json.dumps(spec), encoding="utf-8")
    return str(path)


def _apply(server: LocalSageMaker, path: str, **kwargs: Any) -> tuple[Outcome, list[ApplyEvent]]:
    events: list[ApplyEvent] = []
    outcome = apply_spec(
        read_spec(path), clients(server), delay=0.005, on_event=events.append, **kwargs
    )
    return outcome, events


def _deployed_with_alarm_tripped(server: LocalSageMaker, tmp_path: Path) -> tuple[Any, str]:
    """``llm.json`` applied, its component's rollback alarm in ``ALARM``: CloudWatch, and the
    file of the next version (``chat`` on gptoss)."""
    assert _apply(server, llm(tmp_path))[0].status == "done"
    watch = clients(server).cloudwatch
    put_alarm(watch, "chat-errors")
    watch.set_alarm_state(AlarmName="chat-errors", StateValue="ALARM", StateReason="errors")
    return watch, llm(tmp_path, "gptoss", name="v2.json")


def _running(server: LocalSageMaker) -> str:
    described = server.client().describe_inference_component(inference_component_name="chat")
    assert described.inference_component_status == "InService"
    assert described.specification is not None
    return str(described.specification.model_name)


def _models(server: LocalSageMaker) -> set[str]:
    return {m["ModelName"] for m in server.client().boto3.list_models()["Models"]}


def test_an_endpoint_and_its_components_are_created_then_left_alone(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    path = llm(tmp_path)
    outcome, events = _apply(server, path)
    assert outcome.status == "done", outcome.message
    spec = read_spec(path)
    qwen = spec.models["qwen"].model_name
    assert _running(server) == qwen
    assert "CreateInferenceComponent chat" in [e.message for e in events]
    arn = (
        server.client()
        .describe_inference_component(inference_component_name="chat")
        .inference_component_arn
    )
    tags = server.client().boto3.list_tags(ResourceArn=arn)["Tags"]
    assert {"Key": MANAGED_TAG, "Value": "llm"} in tags
    # again: nothing to do, and nothing written
    server.sent.clear()
    again, _ = _apply(server, path)
    assert again.status == "nothing", again.message
    assert [c.kind for c in again.plan.components] == ["nothing"]
    assert not COMPONENT_WRITES & set(server.sent)


def test_a_new_model_rolls_the_component_and_frees_the_old_model(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    assert _apply(server, llm(tmp_path))[0].status == "done"
    path = llm(tmp_path, "gptoss", name="v2.json")
    plan = plan_endpoint(read_spec(path), clients(server))
    (change,) = plan.components
    assert (plan.change.kind, change.kind) == ("nothing", "update")
    assert change.differences == ("Specification.ModelName",)
    assert change.plan is not None
    assert (change.plan.strategy, change.plan.peak_copies) == ("ROLLING", 3)
    shown = render_endpoint_plan(plan)
    assert "inference component chat: update: Specification.ModelName differ" in shown
    assert "copies            2 -> 2 (batches of 1; rollback: 1 copy)" in shown
    outcome, events = _apply(server, path)
    assert outcome.status == "done", outcome.message
    spec = read_spec(path)
    qwen = read_spec(llm(tmp_path, name="v1.json")).models["qwen"].model_name
    assert _running(server) == spec.models["gptoss"].model_name
    assert qwen in outcome.deleted  # no config or component names it
    assert qwen not in _models(server)
    statuses = [e.component.status for e in events if e.component is not None]
    assert statuses[0] == "Updating"
    assert statuses[-1] == "InService"
    assert json.loads(json.dumps(plan.to_dict()))["components"][0]["kind"] == "update"


def test_an_alarm_rolls_the_component_back_and_nothing_is_cleaned_up(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    _, path = _deployed_with_alarm_tripped(server, tmp_path)
    plan = plan_endpoint(read_spec(path), clients(server))
    assert [(f.rule, f.path) for f in plan.findings] == [
        (
            "alarm-in-alarm",
            "components.chat.DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName",
        )
    ]
    outcome, _ = _apply(server, path)
    assert (outcome.status, outcome.exit_code) == ("rolled_back", 3)
    assert "inference component chat rolled back" in outcome.message
    assert "Alarm chat-errors went into ALARM while baking" in outcome.message
    spec = read_spec(path)
    assert _running(server) == read_spec(llm(tmp_path, name="v1.json")).models["qwen"].model_name
    assert outcome.deleted == ()
    qwen = read_spec(llm(tmp_path, name="v1.json")).models["qwen"].model_name
    assert {qwen, spec.models["gptoss"].model_name} <= _models(server)


def test_a_copy_count_alone_is_set_and_an_autoscaled_one_left_alone(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    assert _apply(server, llm(tmp_path))[0].status == "done"
    path = llm(tmp_path, copies=3, name="three.json")
    outcome, events = _apply(server, path)
    assert outcome.status == "done", outcome.message
    assert [c.kind for c in outcome.plan.components] == ["copies"]
    assert any(e.message.startswith("UpdateInferenceComponentRuntimeConfig chat") for e in events)
    described = server.client().describe_inference_component(inference_component_name="chat")
    assert described.runtime_config is not None
    assert described.runtime_config.current_copy_count == 3
    clients(server).autoscaling.register_scalable_target(
        ServiceNamespace="sagemaker",
        ResourceId="inference-component/chat",
        ScalableDimension="sagemaker:inference-component:DesiredCopyCount",
        MinCapacity=1,
        MaxCapacity=6,
    )
    plan = plan_endpoint(read_spec(llm(tmp_path, copies=5, name="five.json")), clients(server))
    (change,) = plan.components
    assert change.kind == "nothing"
    assert "left to Application Auto Scaling (3)" in change.why


def test_what_a_deploy_of_components_refuses(server: LocalSageMaker, tmp_path: Path) -> None:
    assert _apply(server, llm(tmp_path))[0].status == "done"
    # a batch of 2 of 2 copies is 100%, not 5-50%
    plan = plan_endpoint(
        read_spec(llm(tmp_path, "gptoss", batch=2, name="b.json")), clients(server)
    )
    assert [(f.rule, f.path) for f in plan.errors] == [
        (
            "ic-batch-size",
            "components.chat.DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Value",
        )
    ]
    outcome, _ = _apply(server, llm(tmp_path, "gptoss", batch=2, name="b.json"))
    assert outcome.status == "refused"
    # a component cannot move to another variant
    moved = plan_endpoint(read_spec(llm(tmp_path, variant="other", name="m.json")), clients(server))
    assert [(f.rule, f.path, f.value) for f in moved.errors] == [
        ("component-moves", "components.chat.VariantName", "main")
    ]


def test_a_model_another_component_uses_is_kept(server: LocalSageMaker, tmp_path: Path) -> None:
    other = {
        "search": {
            "VariantName": "main",
            "Specification": {
                "ModelName": "qwen",
                "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 1024},
            },
            "RuntimeConfig": {"CopyCount": 1},
        }
    }
    assert _apply(server, llm(tmp_path, more=other))[0].status == "done"
    path = llm(tmp_path, "gptoss", more=other, models=("qwen",), name="v2.json")
    outcome, _ = _apply(server, path)
    assert outcome.status == "done", outcome.message
    spec = read_spec(path)
    assert spec.models["qwen"].model_name in _models(server)  # search still runs it
    assert outcome.deleted == ()


def test_the_spec_of_components_names_each_problem(tmp_path: Path) -> None:
    path = Path(llm(tmp_path))
    data = json.loads(path.read_text())
    data["components"]["chat"]["Specification"]["ModelName"] = "llama"
    data["components"]["chat"]["EndpointName"] = "elsewhere"
    path.write_text(json.dumps(data))
    with pytest.raises(SpecError) as caught:
        read_spec(str(path))
    problems = "\n".join(caught.value.problems)
    assert "components.chat.EndpointName: is given by the file: leave out" in problems
    assert (
        "components.chat.Specification.ModelName: 'llama' is not a model of this file" in problems
    )


@pytest.mark.parametrize(
    ("fault", "code"),
    [("alarm-in-bake", 3), ("silent-rollback", 3), ("provisioning-fails", 3), ("timeout", 4)],
)
def test_a_rehearsal_of_components_plays_each_fault(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fault: str, code: int
) -> None:
    old, new = llm(tmp_path), llm(tmp_path, "gptoss", name="v2.json")
    status = main(["deploy", "rehearse", new, "--from", old, "--fault", fault, "--json"])
    out = capsys.readouterr().out.splitlines()
    assert status == code
    outcome = json.loads(out[-1])
    if code == 3:
        assert "inference component chat rolled back" in outcome["message"]
    else:
        assert "still Updating" in outcome["message"]
    clean = main(["deploy", "rehearse", new, "--from", old, "--json"])
    assert clean == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["deleted"] != []


def test_replacing_an_endpoint_that_hosts_components_is_refused(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    """A Failed endpoint is replaced (AWS: "delete it and create it again"); one that hosts
    inference components is not, even with --allow-replace."""
    path = llm(tmp_path)
    assert _apply(server, path)[0].status == "done"
    spec = read_spec(path)
    live = read_live(spec, clients(server))
    assert live.endpoint is not None
    failed = type(live.endpoint).from_response(
        {**live.endpoint.to_boto(), "EndpointStatus": "Failed"}
    )
    plan = plan_against(spec, replace(live, endpoint=failed), allow_replace=True)
    assert plan.change.kind == "replace"
    assert [f.rule for f in plan.errors] == ["replace-with-components"]
    assert "llm hosts chat" in plan.errors[0].message


def test_a_new_endpoint_creates_its_components_after_it(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    plan = plan_endpoint(read_spec(llm(tmp_path)), clients(server))
    assert plan.change.kind == "create"
    assert [(c.name, c.kind, c.copies) for c in plan.components] == [("chat", "create", 2)]
    assert "inference component chat: create: no such inference component" in (
        render_endpoint_plan(plan)
    )


def test_the_documented_component_rollout_rehearses_as_written(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """docs/examples/deploy/llm-v*.yaml: the rehearsal its README shows."""
    examples = Path(__file__).resolve().parents[3] / "docs" / "examples" / "deploy"
    old, new = str(examples / "llm-v1.yaml"), str(examples / "llm-v2.yaml")
    assert main(["deploy", "rehearse", new, "--from", old, "--json"]) == 0
    outcome = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert outcome["message"] == "llm: components in service: chat"
    assert outcome["deleted"] == [read_spec(old).models["qwen3-8b"].model_name]


def test_a_failed_component_is_made_again(server: LocalSageMaker, tmp_path: Path) -> None:
    """A component that failed serves nothing: the next apply deletes it and creates it
    again (it neither counts as deployed nor is updated, which AWS refuses)."""
    broken = llm(tmp_path, "broken", name="broken.json")
    data = json.loads(Path(broken).read_text())
    data["models"]["broken"]["PrimaryContainer"]["Image"] += "-fail-provisioning"
    Path(broken).write_text(json.dumps(data))
    first, _ = _apply(server, broken)
    assert (first.status, first.exit_code) == ("failed", 4)
    again = plan_endpoint(read_spec(broken), clients(server))
    assert [c.kind for c in again.components] == ["recreate"]
    assert again.sends
    fixed, events = _apply(server, llm(tmp_path))
    assert fixed.status == "done", fixed.message
    assert any(e.message.startswith("DeleteInferenceComponent chat") for e in events)
    assert _running(server) == read_spec(llm(tmp_path)).models["qwen"].model_name


def test_an_update_in_progress_is_followed_then_finished(tmp_path: Path) -> None:
    """An interrupted apply left the update running: the next apply follows it, and sends
    nothing more once the component runs the file."""
    for slow in serve(time_scale=300.0, provisioning_seconds=300, quotas={"ml.g6e.4xlarge": 8}):
        outcome, _ = _apply(slow, llm(tmp_path))
        assert outcome.status == "done", outcome.message
        path = llm(tmp_path, "gptoss", name="v2.json")
        spec = read_spec(path)
        sm = clients(slow).sagemaker
        sm.create_model(spec.models["gptoss"])
        sm.update_inference_component(spec.components[0].update(copies=False))
        plan = plan_endpoint(spec, clients(slow))
        assert [c.kind for c in plan.components] == ["follow"]
        slow.sent.clear()
        followed, events = _apply(slow, path)
        assert followed.status == "done", followed.message
        assert "UpdateInferenceComponent" not in slow.sent
        assert any(e.message.startswith("following inference component chat") for e in events)
        assert _running(slow) == spec.models["gptoss"].model_name
        # its plan is not known: the wait is AWS's longest timeout and a rollback
        assert wait_limit(plan.components[0], 300) == 28_800 + 600


def test_status_follows_the_components_in_progress(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an interrupted apply, `deploy status` follows what goes on: the endpoint, then
    its components still updating."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    for slow in serve(time_scale=300.0, provisioning_seconds=300, quotas={"ml.g6e.4xlarge": 8}):
        assert _apply(slow, llm(tmp_path))[0].status == "done"
        spec = read_spec(llm(tmp_path, "gptoss", name="v2.json"))
        sm = clients(slow).sagemaker
        sm.create_model(spec.models["gptoss"])
        sm.update_inference_component(spec.components[0].update(copies=False))
        where = ["--region", "us-east-1", "--endpoint-url", slow.url, "--delay", "0.01"]
        assert main(["deploy", "status", "llm", *where]) == 0
        out = capsys.readouterr().out
        assert "inference component chat: Updating" in out
        assert out.splitlines()[-1].startswith("llm: in service on llm-")  # and then, the component
        assert "inference components in service: chat" in out.splitlines()[-1]
        assert _running(slow) == spec.models["gptoss"].model_name


def test_a_copy_count_no_plan_can_hold_is_an_error_not_a_traceback(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    assert _apply(server, llm(tmp_path))[0].status == "done"
    plan = plan_endpoint(
        read_spec(llm(tmp_path, "gptoss", copies=20_000, name="huge.json")), clients(server)
    )
    assert [(f.rule, f.path) for f in plan.errors] == [("cannot-plan", "components.chat")]
    assert "more than 10,000 steps" in plan.errors[0].message


def test_a_rolled_back_update_is_marked_and_refused_until_retried(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    watch, path = _deployed_with_alarm_tripped(server, tmp_path)
    assert _apply(server, path)[0].status == "rolled_back"
    sm = server.client()
    arn = sm.describe_inference_component(inference_component_name="chat").inference_component_arn
    tags = {t["Key"]: t["Value"] for t in sm.boto3.list_tags(ResourceArn=arn)["Tags"]}
    digest = read_spec(path).components[0].digest
    assert tags["botoshapes:rolled-back"].startswith(f"{digest} Alarm chat-errors went into ALARM")
    again, _ = _apply(server, path)
    assert again.status == "refused"
    assert [(f.rule, f.path) for f in again.plan.errors] == [
        ("rolled-back-before", "components.chat")
    ]
    # another update of the same component is not refused by the mark
    other = plan_endpoint(
        read_spec(llm(tmp_path, "gptoss", batch=1, copies=4, name="o.json")), clients(server)
    )
    assert other.errors == ()
    watch.set_alarm_state(AlarmName="chat-errors", StateValue="OK", StateReason="fixed")
    retried, events = _apply(server, path, retry_failed=True)
    assert retried.status == "done", retried.message
    assert any("rolled-back mark cleared" in e.message for e in events)
    keys = {t["Key"] for t in sm.boto3.list_tags(ResourceArn=arn)["Tags"]}
    assert "botoshapes:rolled-back" not in keys
