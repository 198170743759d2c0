"""``botoshapes deploy``: plan, apply, status and rehearse from the command line, and their
exit codes (0 done, 1 check errors, 2 usage, 3 rolled back, 4 failed or timed out)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from botoshapes.sagemaker.deploy import read_spec
from botoshapes.sagemaker.deploy.cli import main
from botoshapes.sagemaker.deploy.rehearse import put_alarm
from tests.moto_server import LocalSageMaker, serve

from .test_apply import _raw, canary, spec_file

FAST = 10_000.0


@pytest.fixture(scope="module")
def module_server() -> Iterator[LocalSageMaker]:
    yield from serve(time_scale=FAST, provisioning_seconds=300)


@pytest.fixture
def server(module_server: LocalSageMaker, monkeypatch: pytest.MonkeyPatch) -> LocalSageMaker:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    module_server.reset()
    return module_server


def deploy(server: LocalSageMaker, *args: str) -> int:
    where = ["--region", "us-east-1", "--endpoint-url", server.url]
    verb, rest = args[0], list(args[1:])
    extra = ["--delay", "0.01"] if verb in ("apply", "status") else []
    return main(["deploy", verb, *rest, *where, *extra])


def test_plan_then_apply_then_nothing(
    server: LocalSageMaker, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = spec_file(tmp_path)
    assert deploy(server, "plan", path) == 0
    out = capsys.readouterr().out
    assert out.startswith("churn: create: no endpoint churn: CreateEndpoint on churn-")
    assert "strategy          CREATE" in out
    assert deploy(server, "apply", path) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].endswith(f"churn: in service on {lines[-1].rsplit(' ', 1)[-1]}")
    assert any("CreateEndpoint churn" in line for line in lines)
    assert deploy(server, "apply", path) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith("churn: nothing to do")


def test_json_events_end_with_the_outcome(
    server: LocalSageMaker, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert deploy(server, "apply", spec_file(tmp_path), "--json") == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert events[0]["event"] == "plan"
    assert {"send", "status", "end"} <= {e["event"] for e in events}
    outcome = events[-1]
    assert (outcome["event"], outcome["status"], outcome["exit_code"]) == ("outcome", "done", 0)
    assert deploy(server, "plan", spec_file(tmp_path, instances=3), "--json") == 0
    planned = json.loads(capsys.readouterr().out)
    assert planned["change"]["kind"] == "weights"
    assert planned["change"]["weights"] == {
        "EndpointName": "churn",
        "DesiredWeightsAndCapacities": [{"VariantName": "AllTraffic", "DesiredInstanceCount": 3}],
    }


def test_a_saved_plan_applies_until_the_endpoint_changes(
    server: LocalSageMaker, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert deploy(server, "apply", spec_file(tmp_path, name="v1.json")) == 0
    saved = str(tmp_path / "v2.plan.json")
    v2 = spec_file(tmp_path, tag="2", name="v2.json")
    assert deploy(server, "plan", v2, "--out", saved) == 0
    assert deploy(server, "apply", spec_file(tmp_path, instances=3, name="v1b.json")) == 0
    capsys.readouterr()
    assert deploy(server, "apply", saved) == 1
    out = capsys.readouterr().out
    assert "error: endpoint: churn or the plan's spec changed since the plan was saved" in out
    assert deploy(server, "plan", v2, "--out", saved) == 0
    assert deploy(server, "apply", saved) == 0


def test_status_follows_a_deployment_an_apply_stopped_following(
    server: LocalSageMaker, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert deploy(server, "apply", spec_file(tmp_path, name="v1.json")) == 0
    v2 = spec_file(tmp_path, tag="2", policy=canary(), name="v2.json")
    assert deploy(server, "apply", v2, "--wait", "0") == 4
    assert "botoshapes deploy status churn" in capsys.readouterr().out
    assert deploy(server, "status", "churn") == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("churn: in service on churn-")


def test_bad_input_is_a_usage_error(
    server: LocalSageMaker, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "nope.yaml")
    assert deploy(server, "plan", missing) == 2
    assert f"botoshapes: {missing}: cannot read" in capsys.readouterr().err
    path = spec_file(tmp_path)
    assert main(["deploy", "rehearse", path, "--from", path, "--fault", "bogus"]) == 2
    assert "--fault bogus: one of alarm-in-bake[:N]" in capsys.readouterr().err
    assert main(["deploy", "rehearse", path, "--from", path, "--fault", "alarm-in-bake"]) == 2
    assert "the spec names no rollback alarm" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("fault", "status", "said"),
    [
        (None, 0, "churn: in service on churn-"),
        ("alarm-in-bake:2", 3, "Alarm p99 went into ALARM while baking"),
        ("silent-rollback", 3, "no reason given by AWS"),
        ("provisioning-fails", 3, "rolled back"),
        ("timeout", 4, "still Updating"),
    ],
)
def test_rehearsals_end_as_their_fault_says(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fault: str | None,
    status: int,
    said: str,
) -> None:
    old = spec_file(tmp_path, name="v1.json")
    new = spec_file(tmp_path, tag="2", policy=canary(alarms=("p99",)), name="v2.json")
    faulty = ["--fault", fault] if fault else []
    assert main(["deploy", "rehearse", new, "--from", old, *faulty]) == status
    out = capsys.readouterr().out
    assert said in out.splitlines()[-1]
    if fault == "alarm-in-bake:2":
        shifts = [line for line in out.splitlines() if "ActivatingTraffic" in line]
        assert len(shifts) == 2  # the second bake: after the second shift


def test_aws_out_of_reach_is_said_in_a_line(
    server: LocalSageMaker, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = spec_file(tmp_path)
    where = ["--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9"]
    assert main(["deploy", "plan", path, *where]) == 2
    err = capsys.readouterr().err
    assert err.startswith("botoshapes: AWS: Could not connect to the endpoint URL")
    assert "Traceback" not in err


def test_arguments_are_checked_before_anything_runs(
    server: LocalSageMaker, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = spec_file(tmp_path)
    for bad in (["--time-scale", "0"], ["--wait", "-5"], ["--wait", "nan"]):
        with pytest.raises(SystemExit) as stopped:
            main(["deploy", "rehearse", path, "--from", path, *bad])
        assert stopped.value.code == 2
    assert "--time-scale: 0 is not more than 0" in capsys.readouterr().err
    out = str(tmp_path / "no" / "such" / "plan.json")
    assert deploy(server, "plan", path, "--out", out) == 2
    assert f"botoshapes: --out: {out}: No such file or directory" in capsys.readouterr().err


def test_a_saved_plan_whose_spec_was_edited_is_refused(
    server: LocalSageMaker, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert deploy(server, "apply", spec_file(tmp_path, name="v1.json")) == 0
    saved = tmp_path / "v2.plan.json"
    v2 = spec_file(tmp_path, tag="2", name="v2.json")
    assert deploy(server, "plan", v2, "--out", str(saved)) == 0
    data = json.loads(saved.read_text())
    data["spec"]["models"]["main"]["PrimaryContainer"]["Image"] += "-unreviewed"
    saved.write_text(json.dumps(data))
    capsys.readouterr()
    assert deploy(server, "apply", str(saved)) == 1
    assert "[rule stale-plan]" in capsys.readouterr().out


def test_a_fault_that_never_acts_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = spec_file(tmp_path, name="v1.json")
    new = spec_file(tmp_path, tag="2", policy=canary(alarms=("p99",)), name="v2.json")
    assert main(["deploy", "rehearse", new, "--from", old, "--fault", "alarm-in-bake:9"]) == 2
    assert "2 bake(s) of a new fleet or update(s) of an inference component, never a number 9" in (
        capsys.readouterr().err
    )


def test_status_json_ends_with_its_outcome(
    server: LocalSageMaker, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert deploy(server, "apply", spec_file(tmp_path)) == 0
    capsys.readouterr()
    assert deploy(server, "status", "churn", "--json") == 0
    last = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert (last["event"], last["status"], last["exit_code"]) == ("outcome", "done", 0)


def test_status_marks_a_rollback_no_apply_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    # a 3,600 s bake lasts 3.6 s: the alarm is set while the update bakes
    for server in serve(time_scale=1000, provisioning_seconds=300):
        watch = _raw(server.url, "cloudwatch")
        put_alarm(watch, "p99")
        assert deploy(server, "apply", spec_file(tmp_path, name="v1.json")) == 0
        v2 = spec_file(tmp_path, tag="2", policy=canary(bake=3600, alarms=("p99",)), name="v2.json")
        assert deploy(server, "apply", v2, "--wait", "0") == 4
        watch.set_alarm_state(AlarmName="p99", StateValue="ALARM", StateReason="slow")
        capsys.readouterr()
        assert deploy(server, "status", "churn") == 3
        config = read_spec(v2).config.endpoint_config_name
        assert capsys.readouterr().out.splitlines()[-1].endswith(f"{config} marked as rolled back")
        assert deploy(server, "apply", v2) == 1  # refused: it rolled back


@pytest.mark.parametrize(
    ("fault", "said"),
    [
        ("alarm-in-bake:3", "never a number 3"),  # two bakes: the termination wait is none
        ("provisioning-fails", "the deployment succeeded all the same"),
    ],
)
def test_rehearsed_faults_that_cannot_act_are_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fault: str, said: str
) -> None:
    old = spec_file(tmp_path, name="v1.json")
    policy = canary(alarms=("p99",))
    policy["BlueGreenUpdatePolicy"]["TerminationWaitInSeconds"] = 300
    # a count alone: no new model to fail, and two bakes
    new = spec_file(tmp_path, instances=3, policy=policy, name="v2.json")
    if fault.startswith("alarm"):
        new = spec_file(tmp_path, tag="2", policy=policy, name="v2.json")
    assert main(["deploy", "rehearse", new, "--from", old, "--fault", fault]) == 2
    assert said in capsys.readouterr().err


def test_an_interrupt_says_what_goes_on(
    server: LocalSageMaker,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("botoshapes.sagemaker.deploy.deploy_cli.apply_spec", interrupted)
    assert deploy(server, "apply", spec_file(tmp_path)) == 130
    assert "botoshapes deploy status ENDPOINT` follows it" in capsys.readouterr().err
    path = spec_file(tmp_path)
    assert main(["deploy", "plan", path, "--endpoint-url", "notaurl", "--region", "x"]) == 2
    assert "botoshapes: --endpoint-url: Invalid endpoint: notaurl" in capsys.readouterr().err
