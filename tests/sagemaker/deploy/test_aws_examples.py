"""AWS's own examples (``aws_examples/``, each naming its page): accepted, checked and planned
everywhere, or, where the example itself breaks the API reference, refused as botocore or AWS
would refuse it, with the path and the value."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import pytest
import yaml
from botocore.exceptions import ParamValidationError
from botocore.stub import Stubber

from botoshapes import ShapeValidationError
from botoshapes.sagemaker import SageMakerClient, UpdateEndpointInput
from botoshapes.sagemaker.deploy import check_deployment, plan_deployment
from botoshapes.sagemaker.deploy.cli import main
from tests.deploy_states import config, endpoint, variant

EXAMPLES = Path(__file__).parent / "aws_examples"
ARN = "arn:aws:sagemaker:us-east-1:123456789012:endpoint/prod"
ACCEPTED = ("canary", "linear")


def _example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
    return data


def _state(last: dict[str, Any] | None = None) -> tuple[dict[str, Any], ...]:
    """An endpoint of 10 instances moving to a new instance type, as the guides' pages show."""
    described = endpoint("prod-v1", variant("blue", 10))
    if last is not None:
        described["LastDeploymentConfig"] = last
    return (
        described,
        config("prod-v1", variant("blue", 10)),
        config("prod-v2", variant("blue", 10, "ml.c5.xlarge")),
    )


def _sent(request: dict[str, Any]) -> None:
    """The facade sends it; botocore's Stubber checks it against the real input shape."""
    client = boto3.client(
        "sagemaker", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    with Stubber(client) as stub:
        stub.add_response("update_endpoint", {"EndpointArn": ARN}, request)
        SageMakerClient(client).update_endpoint(UpdateEndpointInput.from_boto(request))
        stub.assert_no_pending_responses()


@pytest.mark.parametrize("name", ACCEPTED)
def test_the_guides_examples_are_accepted_checked_and_planned(name: str) -> None:
    request = _example(name)
    model = UpdateEndpointInput.from_boto(request)
    assert model.to_boto() == request
    _sent(request)
    found = check_deployment(request, *_state())
    assert [f for f in found if f.level == "error"] == []
    plan = plan_deployment(request, *_state())
    # its own timeout holds what it asks for (300 s of provisioning assumed): no warning
    assert plan.fits_timeout
    assert [f.rule for f in found] == []
    assert (
        plan.strategy
        == request["DeploymentConfig"]["BlueGreenUpdatePolicy"]["TrafficRoutingConfiguration"][
            "Type"
        ]
    )
    assert plan.steps[-1].rollback is None  # it ends with the old fleet terminated
    assert (
        plan.timeout_seconds
        == request["DeploymentConfig"]["BlueGreenUpdatePolicy"]["MaximumExecutionTimeoutInSeconds"]
    )


def test_the_canary_example_is_planned_as_its_page_describes() -> None:
    # "shifts 30% of traffic to the green fleet" (a canary of 3 of 10), bakes 600 s, then the
    # rest, bakes again, waits 600 s and terminates the blue fleet
    plan = plan_deployment(_example("canary"), *_state())
    assert [s.action for s in plan.steps] == [
        "provision", "shift", "bake", "shift", "bake", "wait", "terminate",
    ]  # fmt: skip
    canary = plan.steps[1].fleets[-1]
    assert (canary.fleet, round(canary.traffic_percent)) == ("new", 30)
    assert plan.waiting_seconds == 600 + 600 + 600


def test_the_linear_example_shifts_in_steps_of_20_percent() -> None:
    plan = plan_deployment(_example("linear"), *_state())
    shifted = [round(s.fleets[-1].traffic_percent) for s in plan.steps if s.action == "shift"]
    assert shifted == [20, 40, 60, 80, 100]


@pytest.mark.parametrize("page", ["canary", "linear"])
def test_the_retain_example_uses_the_endpoints_last_config(page: str) -> None:
    request = _example("retain")
    assert UpdateEndpointInput.from_boto(request).to_boto() == request
    _sent(request)
    last = _example(page)["DeploymentConfig"]
    assert [f for f in check_deployment(request, *_state(last)) if f.level == "error"] == []
    plan = plan_deployment(request, *_state(last))
    assert plan.strategy == page.upper()
    assert "RetainDeploymentConfig: the endpoint's last deployment config is used" in plan.notes


def test_the_all_at_once_example_leaves_out_a_required_member() -> None:
    request = _example("all-at-once")
    with pytest.raises(ShapeValidationError) as caught:
        UpdateEndpointInput.from_boto(request)
    assert [(e.path, e.message) for e in caught.value.errors] == [
        (
            "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration"
            ".WaitIntervalInSeconds",
            "required member is missing",
        )
    ]
    # botocore refuses it as well, before sending
    client = boto3.client(
        "sagemaker", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    with Stubber(client) as stub:
        stub.add_response("update_endpoint", {"EndpointArn": ARN})  # never reached
        with pytest.raises(ParamValidationError, match="WaitIntervalInSeconds"):
            client.update_endpoint(**request)
    # with the member (0: no bake), accepted and planned as its page describes
    routing = request["DeploymentConfig"]["BlueGreenUpdatePolicy"]["TrafficRoutingConfiguration"]
    routing["WaitIntervalInSeconds"] = 0
    _sent(request)
    plan = plan_deployment(request, *_state())
    assert [s.action for s in plan.steps] == ["provision", "shift", "wait", "terminate"]


def test_the_rolling_example_spells_a_type_the_api_does_not_have() -> None:
    request = _example("rolling")
    with pytest.raises(ShapeValidationError) as caught:
        UpdateEndpointInput.from_boto(request)
    assert [e.path for e in caught.value.errors] == [
        "DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Type",
        "DeploymentConfig.RollingUpdatePolicy.RollbackMaximumBatchSize.Type",
    ]
    assert "'CAPACITY_PERCENTAGE' is not a value of CapacitySizeType" in str(caught.value)
    # botocore has no enum checks and would send it: AWS's API reference allows only
    # INSTANCE_COUNT | CAPACITY_PERCENT. Spelled as the API spells it, accepted and planned.
    policy = request["DeploymentConfig"]["RollingUpdatePolicy"]
    for member in ("MaximumBatchSize", "RollbackMaximumBatchSize"):
        policy[member]["Type"] = "CAPACITY_PERCENT"
    _sent(request)
    assert [f for f in check_deployment(request, *_state()) if f.level == "error"] == []
    plan = plan_deployment(request, *_state())
    assert plan.strategy == "ROLLING"
    assert "blue: batch 25% of 10 instances = 2.5, rounded down to 2" in plan.notes


def test_the_cli_texts_are_not_json_as_printed_and_repeat_the_api_examples() -> None:
    texts = yaml.safe_load((EXAMPLES / "cli.yaml").read_text(encoding="utf-8"))
    for page, text in texts.items():
        with pytest.raises(json.JSONDecodeError):
            json.loads(text)
        repaired = json.loads(("{" + text + "}") if page != "linear" else text + "}")
        assert repaired == _example(page)["DeploymentConfig"]


@pytest.mark.parametrize("name", [*ACCEPTED, "retain"])
def test_the_cli_checks_the_examples_cleanly(
    name: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    described, current, new = _state(_example("canary")["DeploymentConfig"])
    files = []
    for part, data in (("endpoint", described), ("current", current), ("new", new)):
        path = tmp_path / f"{part}.json"
        path.write_text(json.dumps(data, default=str), encoding="utf-8")
        files.append(str(path))
    argv = [
        "plan", str(EXAMPLES / f"{name}.yaml"),
        "--endpoint", files[0], "--current-config", files[1], "--new-config", files[2],
    ]  # fmt: skip
    assert main(argv) == 0, capsys.readouterr()
    out = capsys.readouterr().out
    assert " error: " not in out
    assert "strategy" in out
