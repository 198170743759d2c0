"""The live display of ``botoshapes deploy apply`` on a terminal (rich), fed by a real apply
on the local server."""

from __future__ import annotations

import argparse
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

from botoshapes.sagemaker.deploy import plan_endpoint, read_spec
from botoshapes.sagemaker.deploy.apply import ApplyEvent, apply_spec
from botoshapes.sagemaker.deploy.deploy_cli import _shown
from botoshapes.sagemaker.deploy.display import LiveDisplay, current_step
from tests.moto_server import LocalSageMaker, serve

from .test_apply import canary, clients, spec_file


def _text(display: LiveDisplay) -> str:
    console = Console(file=io.StringIO(), width=120, color_system=None)
    console.print(display.frame())
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(out, str)
    return out


@pytest.fixture(scope="module")
def server() -> Iterator[LocalSageMaker]:
    """A clock on which every status lasts 300 ms or more: no poll misses one."""
    yield from serve(time_scale=1000, provisioning_seconds=300)


def test_the_display_follows_the_plan_and_the_fleets(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    server.reset()
    policy = canary()
    policy["BlueGreenUpdatePolicy"]["TerminationWaitInSeconds"] = 300
    first = read_spec(spec_file(tmp_path, instances=4, name="v1.json"))
    assert apply_spec(first, clients(server), delay=0.01).status == "done"
    console = Console(file=io.StringIO(), width=120, force_terminal=True)
    frames: list[str] = []
    with LiveDisplay(console=console) as display:

        def seen(event: ApplyEvent) -> None:
            display.event(event)
            found = event.deployment
            if found is not None and found.pending and found.status == "Baking":
                frames.append(_text(display))

        outcome = apply_spec(
            read_spec(spec_file(tmp_path, tag="2", instances=4, policy=policy)),
            clients(server),
            on_event=seen,
            on_poll=display.poll,
            delay=0.01,
        )
    assert outcome.status == "done"
    first_bake = frames[0]
    assert "churn: update: UpdateEndpoint to churn-" in first_bake
    assert "CANARY  step 3 of 7: bake" in first_bake
    # the canary: 1 of 4 instances takes a quarter of the traffic
    rows = {tuple(line.split()[:4]) for line in first_bake.splitlines()}
    assert ("AllTraffic", "old", "4", "75%") in rows
    assert ("AllTraffic", "new", "4", "25%") in rows
    assert "step 5 of 7: bake" in frames[1]
    assert "step 6 of 7: wait" in frames[2]


def test_the_current_step_is_found_from_the_statuses_seen(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    server.reset()
    first = read_spec(spec_file(tmp_path, name="v1.json"))
    assert apply_spec(first, clients(server), delay=0.01).status == "done"

    planned = plan_endpoint(
        read_spec(spec_file(tmp_path, tag="2", policy=canary())), clients(server)
    ).deployment
    assert planned is not None
    assert current_step(planned, []) is None
    assert current_step(planned, ["Creating"]) == 1
    assert current_step(planned, ["Creating", "ActivatingTraffic", "Baking"]) == 3
    statuses = ["Creating", "ActivatingTraffic", "Baking", "ActivatingTraffic", "Baking"]
    assert current_step(planned, statuses) == 5


def test_the_display_is_used_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    args = argparse.Namespace(json=False)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    shown, hooks = _shown(args)
    assert isinstance(shown, LiveDisplay)
    assert set(hooks) == {"on_event", "on_poll"}
    monkeypatch.setattr("sys.stdout.isatty", lambda: False)
    assert set(_shown(args)[1]) == {"on_event"}
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert set(_shown(argparse.Namespace(json=True))[1]) == {"on_event"}
