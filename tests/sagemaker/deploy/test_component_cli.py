"""``botoshapes check|plan`` of an UpdateInferenceComponent: from files, and with ``--live``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from botoshapes.sagemaker.deploy.cli import main
from tests.moto_server import LocalSageMaker

from .test_components import EXAMPLES, described, example, hosting

Run = tuple[int, str, str]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _state(tmp_path: Path, name: str, copies: int, instances: int | None = None) -> list[str]:
    """``--component`` (and ``--endpoint``) files for the component ``name``."""
    component = tmp_path / "component.json"
    component.write_text(json.dumps(described(name, copies)), encoding="utf-8")
    flags = ["--component", str(component)]
    if instances is not None:
        endpoint = tmp_path / "endpoint.json"
        endpoint.write_text(json.dumps(hosting(instances, 4)), encoding="utf-8")
        flags += ["--endpoint", str(endpoint)]
    return flags


@pytest.mark.parametrize(
    ("name", "copies"), [("terraform", 4), ("llama-to-deepseek", 2), ("qwen-to-gpt-oss", 2)]
)
def test_the_real_examples_check_and_plan_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, copies: int
) -> None:
    """Before: "EndpointName: required member is missing" and "'COPY_COUNT' is not a value of
    CapacitySizeType" (the issue)."""
    request = str(EXAMPLES / f"{name}.yaml")
    status, out, err = _run(capsys, "check", request)
    assert (status, err) == (0, "")
    assert "error" not in out
    state = _state(tmp_path, example(name)["InferenceComponentName"], copies, instances=2)
    status, out, _ = _run(capsys, "plan", request, *state, "--json")
    assert status == 0
    report = json.loads(out)
    assert report["read_as"] == "UpdateInferenceComponent"
    assert report["errors"] == 0
    plan = report["plan"]
    assert (plan["strategy"], plan["copies_before"], plan["batch_copies"]) == ("ROLLING", copies, 1)
    status, out, _ = _run(capsys, "plan", request, *state)
    assert status == 0
    assert f"copies            {copies} -> {copies} (batches of 1" in out
    assert "instances         2 now, MaxInstanceCount 4" in out


def test_a_batch_too_big_for_the_copies_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    request = str(EXAMPLES / "terraform.yaml")
    status, out, _ = _run(capsys, "check", request, *_state(tmp_path, "my-inference-component", 1))
    # the file's batch of 1 copy is 25% of the 4 it asks for: within 5-50%
    assert (status, out) == (0, f"{request}: no findings\n")
    data = (EXAMPLES / "terraform.yaml").read_text(encoding="utf-8")
    bigger = tmp_path / "bigger.yaml"
    bigger.write_text(data.replace("Value: 1", "Value: 3"), encoding="utf-8")
    status, out, _ = _run(
        capsys, "check", str(bigger), *_state(tmp_path, "my-inference-component", 4)
    )
    assert status == 1
    assert out == (
        f"{bigger}: error: DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Value: 3 copies"
        " is 75% of 4 copies, not 5-50%: an inference component's rolling batch is 5-50% of its"
        " copies [rule ic-batch-size]\n"
    )


def test_usage_errors_name_what_is_wrong(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    request = str(EXAMPLES / "llama-to-deepseek.yaml")
    status, _, err = _run(capsys, "plan", request)
    assert status == 2
    assert "plan needs the component's state: --component FILE" in err
    status, _, err = _run(capsys, "check", request, "--new-config", request)
    assert status == 2
    assert "--new-config: an endpoint update's state" in err
    status, _, err = _run(capsys, "plan", request, *_state(tmp_path, "other-ic", 2))
    assert status == 2
    assert "describes other-ic, the request updates llama-ic" in err
    not_a_response = tmp_path / "request-as-state.yaml"
    not_a_response.write_text((EXAMPLES / "llama-to-deepseek.yaml").read_text())
    status, _, err = _run(capsys, "plan", request, "--component", str(not_a_response))
    assert status == 2
    assert "not a DescribeInferenceComponent response" in err
    endpoint_update = Path(__file__).resolve().parents[3] / "docs" / "examples"
    status, _, err = _run(
        capsys, "check", str(endpoint_update / "update-canary.yaml"), *_state(tmp_path, "ic", 2)
    )
    assert status == 2
    assert "--component: the state of an UpdateInferenceComponent" in err


def test_the_operation_can_be_named_and_a_policy_in_copies_is_read_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    nameless = tmp_path / "nameless.json"
    nameless.write_text(json.dumps({"Specification": {"ModelName": "m"}}), encoding="utf-8")
    status, out, _ = _run(capsys, "check", str(nameless), "--operation", "UpdateInferenceComponent")
    assert status == 1
    assert "InferenceComponentName" in out
    assert "required" in out
    policy = tmp_path / "policy.json"
    policy.write_text(
        json.dumps(
            {
                "RollingUpdatePolicy": {
                    "MaximumBatchSize": {"Type": "COPY_COUNT", "Value": 1},
                    "WaitIntervalInSeconds": 60,
                }
            }
        ),
        encoding="utf-8",
    )
    status, out, err = _run(capsys, "check", str(policy))
    assert status == 0
    assert "read as an InferenceComponentDeploymentConfig alone" in err
    assert "[rule rollback-needs-alarms]" in out


def test_live_reads_the_component_and_its_endpoint(
    capsys: pytest.CaptureFixture[str],
    local_sagemaker: LocalSageMaker,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.sagemaker.local.test_components_server import _component, _hosting  # noqa: PLC0415

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    sm = local_sagemaker.client()
    _hosting(sm, "llama", "deepseek")
    _component(sm, 2)
    request = tmp_path / "update.yaml"
    data = (EXAMPLES / "llama-to-deepseek.yaml").read_text(encoding="utf-8")
    request.write_text(
        data.replace("InferenceComponentName: llama-ic", "InferenceComponentName: ic")
    )
    live = ["--live", "--region", "us-east-1", "--endpoint-url", local_sagemaker.url]
    status, out, err = _run(capsys, "plan", str(request), *live)
    assert status == 0, err
    assert "copies            2 -> 2 (batches of 1; rollback: 1 copy)" in out
    assert "instances         1 now, MaxInstanceCount 4" in out
    status, out, _ = _run(capsys, "plan", str(request), *live, "--json")
    assert json.loads(out)["plan"]["max_instances"] == 4
    # read-only: the component still runs what it ran
    final = sm.describe_inference_component(inference_component_name="ic")
    assert final.specification is not None
    assert final.specification.model_name == "llama"
    nowhere = ["--live", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9"]
    status, _, err = _run(capsys, "check", str(request), *nowhere)  # nothing listens on port 9
    assert status == 2
    assert "--live:" in err
