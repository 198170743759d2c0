"""The ``botoshapes`` command line on files: exit codes, messages, JSON, charts, schemas."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Literal

import boto3
import pytest
from matplotlib import image

from botoshapes.sagemaker import ContainerDefinition, ProductionVariant
from botoshapes.sagemaker.deploy.cli import main
from tests.moto_server import LocalSageMaker

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
STATE = [
    "--endpoint",
    str(EXAMPLES / "endpoint.json"),
    "--current-config",
    str(EXAMPLES / "current-config.json"),
    "--new-config",
    str(EXAMPLES / "new-config.yaml"),
]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_a_request_that_keeps_the_rules_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    request = str(EXAMPLES / "update-canary.yaml")
    # its members fit CreateEndpoint too: the command says which request it took
    took = f"botoshapes: {request}: read as an UpdateEndpoint request"
    took += " (--operation CreateEndpoint for the other)\n"
    assert _run(capsys, "check", request) == (0, f"{request}: no findings\n", took)
    assert _run(capsys, "check", request, "--operation", "UpdateEndpoint")[2] == ""
    status, out, _ = _run(capsys, "check", request, *STATE)
    assert (status, out) == (0, f"{request}: no findings\n")


def test_broken_rules_exit_1_naming_file_path_value_and_rule(
    capsys: pytest.CaptureFixture[str],
) -> None:
    request = str(EXAMPLES / "update-too-big.yaml")
    status, out, _ = _run(capsys, "check", request, *STATE)
    assert status == 1
    lines = out.splitlines()
    assert (
        f"{request}: error: DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration"
        ".CanarySize.Value: 80 (a percent) is more than 50%: a canary is at most 50% of the"
        " variant's instances [rule canary-size]"
    ) in lines
    assert any("[rule timeout-covers-waits]" in line for line in lines)
    levels = [line.split(": ")[1] for line in lines]
    assert levels == sorted(levels)  # errors first, then warnings


def test_warnings_alone_exit_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    request = tmp_path / "no-alarms.json"
    request.write_text(
        json.dumps(
            {
                "EndpointName": "prod",
                "EndpointConfigName": "prod-v2",
                "DeploymentConfig": {
                    "RollingUpdatePolicy": {
                        "MaximumBatchSize": {"Type": "CAPACITY_PERCENT", "Value": 25},
                        "WaitIntervalInSeconds": 300,
                    }
                },
            }
        )
    )
    status, out, _ = _run(capsys, "check", str(request))
    assert status == 0
    assert out.startswith(
        f"{request}: warning: DeploymentConfig.RollingUpdatePolicy: has no rollback"
    )


def test_a_value_of_the_wrong_type_is_an_error_of_the_shape(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    request = tmp_path / "typo.yaml"
    request.write_text(
        "EndpointName: prod\nEndpointConfigName: prod-v2\nDeploymentConfig:\n"
        "  RollingUpdatePolicy:\n    MaximumBatchSize: {Type: PERCENT, Value: 25}\n"
        "    WaitIntervalInSeconds: 300\n"
    )
    status, out, _ = _run(capsys, "check", str(request))
    assert status == 1
    assert out == (
        f"{request}: error: DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Type:"
        " 'PERCENT' is not a value of CapacitySizeType [rule shape]\n"
    )


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("EndpointName: [unclosed", "bad.yaml", "not YAML"),
        ("{", "bad.json", "not JSON"),
        ("[1, 2]", "list.json", "holds a list, not a mapping of wire names"),
        (None, "missing.json", "cannot read"),
    ],
)
def test_unreadable_input_exits_2_naming_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str | None, name: str, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    status, out, err = _run(capsys, "check", str(path))
    assert (status, out) == (2, "")
    assert err.startswith(f"botoshapes: {path}: {message}")


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    request = str(EXAMPLES / "update-canary.yaml")
    status, _, err = _run(capsys, "plan", request)  # a plan needs the state
    assert status == 2
    assert err.endswith(
        "botoshapes: plan needs the state: --endpoint, --current-config and --new-config,"
        " or --live to read it from AWS\n"
    )
    status, _, err = _run(capsys, "check", request, "--endpoint", STATE[1])
    assert status == 2
    assert err.endswith(
        "botoshapes: give --current-config, --new-config as well (an UpdateEndpoint is planned"
        " against the endpoint and both configs), or --live to read what is missing from AWS\n"
    )
    with pytest.raises(SystemExit) as exited:
        main(["check"])
    assert exited.value.code == 2


def test_plan_prints_the_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    request = str(EXAMPLES / "update-canary.yaml")
    status, out, _ = _run(capsys, "plan", request, *STATE)
    assert status == 0
    assert "peak instances    4 x ml.g5.xlarge, 4 x ml.m5.xlarge" in out
    status, out, _ = _run(capsys, "plan", request, *STATE, "--json")
    data = json.loads(out)
    assert (data["errors"], data["warnings"], data["findings"]) == (0, 0, [])
    assert data["plan"]["traffic_shifts"] == 2
    assert data["plan"]["peak_instances"] == {"ml.g5.xlarge": 4, "ml.m5.xlarge": 4}


def test_check_json_names_the_file_of_each_finding(capsys: pytest.CaptureFixture[str]) -> None:
    request = str(EXAMPLES / "update-too-big.yaml")
    status, out, _ = _run(capsys, "check", request, *STATE, "--json")
    data = json.loads(out)
    assert status == 1
    assert data["errors"] == 1
    assert {f["file"] for f in data["findings"]} == {request}
    assert {f["rule"] for f in data["findings"] if f["level"] == "error"} == {"canary-size"}
    assert "timeout-covers-waits" in {
        f["rule"] for f in data["findings"] if f["level"] == "warning"
    }


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_plan_writes_a_chart(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
) -> None:
    chart = tmp_path / f"plan{suffix}"
    status, _, err = _run(
        capsys, "plan", str(EXAMPLES / "update-canary.yaml"), *STATE, "--chart", str(chart)
    )
    assert status == 0
    assert err == f"chart written to {chart}\n"
    if suffix == ".png":
        pixels = image.imread(chart)
        assert pixels.shape[0] > 300
        assert pixels.shape[1] > 600
        assert pixels.std() > 0  # not a blank picture
    else:
        root = ET.parse(chart).getroot()
        assert root.tag.endswith("svg")
        assert b"traffic" in chart.read_bytes()


def test_a_chart_of_another_format_is_bad_usage(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, _, err = _run(
        capsys,
        "plan",
        str(EXAMPLES / "update-canary.yaml"),
        *STATE,
        "--chart",
        str(tmp_path / "p.gif"),
    )
    assert status == 2
    assert "a chart is written as .png or .svg" in err


def test_schema_prints_wire_names_enums_and_constraints(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "schema", "UpdateEndpointInput")
    schema = json.loads(out)
    assert status == 0
    routing = schema["$defs"]["TrafficRoutingConfig"]
    assert routing["required"] == ["Type", "WaitIntervalInSeconds"]
    assert routing["properties"]["Type"]["enum"] == ["ALL_AT_ONCE", "CANARY", "LINEAR"]
    assert routing["properties"]["WaitIntervalInSeconds"] == {
        "maximum": 3600,
        "minimum": 0,
        "type": "integer",
    }
    assert routing["additionalProperties"] is False
    # A pattern with look-around (a name that is not only blanks) is the regex itself,
    # anchored as JSON Schema's are, not the encoded text the model carries for pydantic.
    alarm = schema["$defs"]["Alarm"]["properties"]["AlarmName"]["pattern"]
    assert alarm.startswith("^(?:(?!")
    assert alarm.endswith(")$")
    assert re.search(alarm, "my-alarm")
    assert not re.search(alarm, "  \t")
    status, _, err = _run(capsys, "schema", "NoSuchShape")
    assert (status, err.split(":")[1].strip()) == (2, "NoSuchShape")


def test_check_on_a_file_does_not_import_boto3() -> None:
    code = (
        "import sys\nfrom botoshapes.sagemaker.deploy.cli import main\n"
        f"status = main(['check', {str(EXAMPLES / 'update-too-big.yaml')!r}])\n"
        "assert 'boto3' not in sys.modules and 'botocore' not in sys.modules, 'boto3 imported'\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 1, done.stderr
    assert "[rule canary-size]" in done.stdout


def test_live_reads_the_state_from_the_service(
    capsys: pytest.CaptureFixture[str],
    local_sagemaker: LocalSageMaker,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client = _live_endpoint(local_sagemaker, monkeypatch, "ml.m5.xlarge", new_count=2)
    request = tmp_path / "update.json"
    request.write_text(
        json.dumps(
            {
                "EndpointName": "prod",
                "EndpointConfigName": "prod-v2",
                "DeploymentConfig": {
                    "BlueGreenUpdatePolicy": {
                        "TrafficRoutingConfiguration": {
                            "Type": "LINEAR",
                            "LinearStepSize": {"Type": "INSTANCE_COUNT", "Value": 2},
                            "WaitIntervalInSeconds": 60,
                        }
                    },
                    "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "p99"}]},
                },
            }
        )
    )
    status, out, _ = _run(
        capsys,
        "check",
        str(request),
        "--live",
        "--region",
        "us-east-1",
        "--endpoint-url",
        local_sagemaker.url,
    )
    # 2 of the new config's 2 instances is 100%, not 10-50%; of the 4 the variant runs now it
    # is 50%: AWS does not say which count, so a warning
    assert status == 0
    assert "warning: DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration" in out
    assert "[rule linear-step-size]" in out
    assert "(variant blue); of the 4 it runs now it is within" in out
    # the plan reads the fleets the server runs: 4 old instances and 2 new ones at the peak
    live = ("--live", "--region", "us-east-1", "--endpoint-url", local_sagemaker.url)
    _, out, _ = _run(capsys, "plan", str(request), *live, "--json")
    assert json.loads(out)["plan"]["peak_instances"] == {"ml.m5.xlarge": 6}
    # read-only: the endpoint still runs its config
    assert client.describe_endpoint(endpoint_name="prod").endpoint_config_name == "prod-v1"


def test_the_readme_shows_real_output(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (EXAMPLES.parent.parent / "README.md").read_text(encoding="utf-8")
    monkeypatch.chdir(EXAMPLES)
    state = [
        "--endpoint", "endpoint.json", "--current-config", "current-config.json",
        "--new-config", "new-config.yaml",
    ]  # fmt: skip
    _, checked, _ = _run(capsys, "check", "update-too-big.yaml", *state)
    shown = readme.split("$ botoshapes check update-too-big.yaml")[1].split("$ echo")[0]
    assert shown.split("\n", 1)[1] == checked
    _, planned, _ = _run(capsys, "plan", "update-canary.yaml", *state)
    lines = {line.strip() for line in readme.splitlines()}
    assert [line for line in planned.splitlines() if line.strip() not in lines] == []


# -- found by an outside review ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("deep.json", "[" * 100_000 + "]" * 100_000, "nests too deep to read"),
        ("deep.yaml", "a: " + "[" * 20_000 + "]" * 20_000, "nests too deep to read"),
        ("latin.json", b'{"EndpointName": "caf\xe9"}', "not UTF-8 text"),
    ],
)
def test_input_no_parser_can_take_exits_2_naming_the_file(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    name: str,
    content: str | bytes,
    message: str,
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    status, out, err = _run(capsys, "check", str(path))
    assert (status, out) == (2, "")
    assert err.startswith(f"botoshapes: {path}: {message}")


def test_a_byte_order_mark_is_no_content(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    request = tmp_path / "update.json"
    request.write_text('{"EndpointName": "prod", "EndpointConfigName": "prod-v2"}', "utf-8-sig")
    status, out, _ = _run(capsys, "check", str(request))
    assert (status, out) == (0, f"{request}: no findings\n")


def test_a_constraint_and_a_rule_are_both_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    request = tmp_path / "two.yaml"
    request.write_text(
        f"EndpointName: {'x' * 70}\nEndpointConfigName: prod-v2\nDeploymentConfig:\n"
        "  BlueGreenUpdatePolicy:\n    TrafficRoutingConfiguration:\n      Type: CANARY\n"
        "      WaitIntervalInSeconds: 60\n      CanarySize: {Type: CAPACITY_PERCENT, Value: 80}\n"
    )
    status, out, _ = _run(capsys, "check", str(request))
    assert status == 1
    assert "EndpointName: " in out
    assert "is longer than 63 characters [rule shape]" in out
    assert "[rule canary-size]" in out


def test_a_request_of_the_wrong_shape_looks_nothing_up(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    request = tmp_path / "nameless.yaml"
    request.write_text("EndpointConfigName: prod-v2\n")
    live = ("--live", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9")
    status, out, _ = _run(capsys, "check", str(request), *live)  # nothing listens on port 9
    assert status == 1
    assert out == f"{request}: error: EndpointName: required member is missing [rule shape]\n"


def test_json_output_stays_small_whatever_a_value_expands_to(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    bomb += [
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]"
        for p, c in zip("abcde", "bcdef", strict=True)
    ]
    request = tmp_path / "bomb.yaml"
    request.write_text(
        "EndpointName: prod\nEndpointConfigName: prod-v2\nExtra:\n"
        + "".join(f"  {line}\n" for line in bomb)
    )
    status, out, _ = _run(capsys, "check", str(request), "--json")
    assert status == 1
    assert len(out) < 10_000
    assert json.loads(out)["findings"][0]["path"] == "Extra"


def test_a_chart_of_another_format_is_refused_before_anything_is_printed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = _run(
        capsys,
        "plan",
        str(EXAMPLES / "update-too-big.yaml"),
        *STATE,
        "--chart",
        str(tmp_path / "x.pdf"),
    )
    assert (status, out) == (2, "")
    assert "a chart is written as .png or .svg" in err


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before anything is written: as `| head` that has quit
    try:
        done = subprocess.run(
            [sys.executable, "-m", "botoshapes.sagemaker.deploy.cli", "schema", "Alarm"],
            stdout=write,
            stderr=subprocess.PIPE,
            check=False,
            timeout=60,
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (141, b"")


# -- which request a file is ------------------------------------------------------------------


def _json_check(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> dict[str, Any]:
    status, out, err = _run(capsys, "check", str(path), "--json", *argv)
    assert status in (0, 1), err
    data: dict[str, Any] = json.loads(out)
    data["status"] = status
    return data


def test_the_operation_is_given_or_decided_by_the_members(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    request = {"EndpointName": "prod", "EndpointConfigName": "prod-v2"}
    plain, tagged, retained = tmp_path / "plain.json", tmp_path / "tags.json", tmp_path / "r.json"
    plain.write_text(json.dumps(request))
    tagged.write_text(json.dumps({**request, "Tags": [{"Key": "team", "Value": "ml"}]}))
    retained.write_text(json.dumps({**request, "RetainDeploymentConfig": True}))
    assert _json_check(capsys, plain)["read_as"] == "UpdateEndpoint"
    assert _json_check(capsys, plain, "--operation", "CreateEndpoint")["read_as"] == (
        "CreateEndpoint"
    )
    assert _json_check(capsys, tagged)["read_as"] == "CreateEndpoint"
    assert _json_check(capsys, retained)["read_as"] == "UpdateEndpoint"
    # decided by the file: nothing to say on stderr
    for path in (tagged, retained):
        assert _run(capsys, "check", str(path))[2] == ""
    # a CreateEndpoint request has no Retain... members: refused as unknown, at its path
    status, out, _ = _run(capsys, "check", str(retained), "--operation", "CreateEndpoint")
    assert status == 1
    assert "RetainDeploymentConfig" in out


# AWS's canary example as the guides write it: a DeploymentConfig alone
# (deployment-guardrails-blue-green-canary.html).
GUIDE_CANARY = """\
BlueGreenUpdatePolicy:
  TrafficRoutingConfiguration:
    Type: CANARY
    CanarySize: {Type: CAPACITY_PERCENT, Value: 30}
    WaitIntervalInSeconds: 600
  TerminationWaitInSeconds: 600
  MaximumExecutionTimeoutInSeconds: 1800
AutoRollbackConfiguration:
  Alarms:
    - AlarmName: p99-latency
"""


def test_a_deployment_config_alone_is_checked_as_the_policy(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """It was refused: "EndpointName: required member is missing"."""
    path = tmp_path / "canary.yaml"
    path.write_text(GUIDE_CANARY)
    status, out, err = _run(capsys, "check", str(path))
    assert (status, out) == (0, f"{path}: no findings\n")
    assert "read as a DeploymentConfig alone" in err
    path.write_text(GUIDE_CANARY.replace("Value: 30", "Value: 80"))
    status, out, _ = _run(capsys, "check", str(path))
    assert status == 1
    assert out.startswith(
        f"{path}: error: BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize.Value: 80"
    )
    assert _json_check(capsys, path)["read_as"] == "DeploymentConfig"
    # nothing to plan or check against a fleet without the request
    for command in (["plan", str(path)], ["check", str(path), *STATE]):
        status, _, err = _run(capsys, *command)
        assert status == 2
        assert "a DeploymentConfig alone has nothing to check or plan it against" in err


# -- state from files and AWS, autoscaling, creations (issue 20) ------------------------------


def test_scalable_targets_from_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    request = str(EXAMPLES / "update-canary.yaml")
    targets = str(EXAMPLES / "scalable-targets.json")
    status, out, _ = _run(capsys, "check", request, *STATE, "--scalable-targets", targets)
    assert status == 1  # the example moves blue to ml.g5.xlarge: "the update fails"
    assert (
        f"{EXAMPLES / 'new-config.yaml'}: error: ProductionVariants[0].InstanceType:"
        " 'ml.g5.xlarge' changes variant blue from ml.m5.xlarge; it is autoscaled 2-8"
    ) in out
    assert "[rule autoscaled-variant-change]" in out
    assert "[rule autoscaled-count-reset]" not in out  # it keeps its 4 instances
    status, out, _ = _run(capsys, "check", request, *STATE, "--json")
    assert status == 0  # without them, nothing is known of autoscaling
    assert not [f for f in json.loads(out)["findings"] if f["rule"].startswith("autoscaled")]


def test_a_create_endpoint_is_planned_from_its_new_config(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    request = tmp_path / "create.json"
    request.write_text(json.dumps({"EndpointName": "prod", "EndpointConfigName": "prod-v2"}))
    new = str(EXAMPLES / "new-config.yaml")
    status, out, err = _run(
        capsys, "plan", str(request), "--new-config", new, "--operation", "CreateEndpoint"
    )
    assert (status, err) == (0, "")
    assert "strategy          CREATE" in out
    assert "peak instances    4 x ml.g5.xlarge" in out
    status, _, err = _run(capsys, "plan", str(request), "--operation", "CreateEndpoint")
    assert status == 2
    assert "plan needs the state: --new-config, or --live" in err


def test_a_plan_aws_rules_out_exits_2_naming_the_rule(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    request = tmp_path / "both.json"
    policy = {"MaximumBatchSize": {"Type": "CAPACITY_PERCENT", "Value": 25}}
    request.write_text(
        json.dumps(
            {
                "EndpointName": "prod",
                "EndpointConfigName": "prod-v2",
                "DeploymentConfig": {
                    "BlueGreenUpdatePolicy": {
                        "TrafficRoutingConfiguration": {
                            "Type": "ALL_AT_ONCE",
                            "WaitIntervalInSeconds": 60,
                        }
                    },
                    "RollingUpdatePolicy": {**policy, "WaitIntervalInSeconds": 60},
                },
            }
        )
    )
    status, out, _ = _run(capsys, "check", str(request), *STATE)
    assert status == 0  # "should": a warning
    assert "warning: DeploymentConfig.RollingUpdatePolicy: both policies are set" in out
    status, _, err = _run(capsys, "plan", str(request), *STATE)
    assert status == 2
    assert "cannot plan: both BlueGreenUpdatePolicy and RollingUpdatePolicy are set" in err
    assert err.rstrip().endswith("[rule one-update-policy]")


def _live_endpoint(
    local_sagemaker: LocalSageMaker,
    monkeypatch: pytest.MonkeyPatch,
    new_kind: Literal["ml.m5.xlarge", "ml.c5.xlarge"] = "ml.c5.xlarge",
    new_count: int = 4,
) -> Any:
    """Endpoint "prod" on the local server, running "prod-v1" (4 ml.m5.xlarge of variant
    blue); "prod-v2" is ``new_count`` of ``new_kind``. --live uses boto3's usual
    credentials: the local server takes any."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    client = local_sagemaker.client()
    client.create_model(
        model_name="m",
        execution_role_arn="arn:aws:iam::123456789012:role/sagemaker",
        primary_container=ContainerDefinition(
            image="123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1"
        ),
    )
    configs: tuple[tuple[str, Literal["ml.m5.xlarge", "ml.c5.xlarge"], int], ...] = (
        ("prod-v1", "ml.m5.xlarge", 4),
        ("prod-v2", new_kind, new_count),
    )
    for name, kind, count in configs:
        client.create_endpoint_config(
            endpoint_config_name=name,
            production_variants=[
                ProductionVariant(
                    variant_name="blue",
                    model_name="m",
                    instance_type=kind,
                    initial_instance_count=count,
                )
            ],
        )
    client.create_endpoint(endpoint_name="prod", endpoint_config_name="prod-v1")
    return client


def test_live_reads_the_scalable_targets_and_fills_what_files_leave_out(
    capsys: pytest.CaptureFixture[str],
    local_sagemaker: LocalSageMaker,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _live_endpoint(local_sagemaker, monkeypatch)
    autoscaling = boto3.client(
        "application-autoscaling", region_name="us-east-1", endpoint_url=local_sagemaker.url
    )
    autoscaling.register_scalable_target(
        ServiceNamespace="sagemaker",
        ResourceId="endpoint/prod/variant/blue",
        ScalableDimension="sagemaker:variant:DesiredInstanceCount",
        MinCapacity=2,
        MaxCapacity=6,
    )
    request = tmp_path / "update.json"
    request.write_text(json.dumps({"EndpointName": "prod", "EndpointConfigName": "prod-v2"}))
    live = (
        "--live",
        "--region",
        "us-east-1",
        "--endpoint-url",
        local_sagemaker.url,
        "--autoscaling-endpoint-url",
        local_sagemaker.url,
    )
    status, out, err = _run(capsys, "check", str(request), *live, "--json")
    assert status == 1, err
    found = json.loads(out)["findings"]
    (change,) = [f for f in found if f["rule"] == "autoscaled-variant-change"]
    assert (change["file"], change["value"]) == ("DescribeEndpointConfig(prod-v2)", "ml.c5.xlarge")
    assert "autoscaled 2-6" in change["message"]
    # a file given wins; --live reads the rest
    new = tmp_path / "new.json"
    new.write_text(
        json.dumps(
            {
                "EndpointConfigName": "prod-v3",
                "ProductionVariants": [
                    {
                        "VariantName": "blue",
                        "ModelName": "m",
                        "InstanceType": "ml.m5.xlarge",
                        "InitialInstanceCount": 3,
                    }
                ],
            }
        )
    )
    status, out, err = _run(capsys, "check", str(request), *live, "--new-config", str(new))
    assert status == 0, out + err
    assert (
        f"{new}: warning: ProductionVariants[0].InitialInstanceCount: 3 is the count the update"
        " sets for variant blue, which runs 4 (autoscaled 2-6)"
    ) in out


def test_a_bad_scalable_targets_file_names_that_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    targets = json.loads((EXAMPLES / "scalable-targets.json").read_text(encoding="utf-8"))
    targets["ScalableTargets"][0]["MinCapacity"] = "2"
    bad = tmp_path / "targets.json"
    bad.write_text(json.dumps(targets), encoding="utf-8")
    request = str(EXAMPLES / "update-canary.yaml")
    status, _, err = _run(capsys, "check", request, *STATE, "--scalable-targets", str(bad))
    assert status == 2
    assert err.startswith(f"botoshapes: {bad}: 1 invalid value in DescribeScalableTargetsResponse")
    assert "ScalableTargets[0].MinCapacity: '2' is not a count" in err
