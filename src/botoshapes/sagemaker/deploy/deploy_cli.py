"""``botoshapes deploy``: plan, apply, follow and rehearse an endpoint's spec file.

- ``deploy plan FILE [--json] [--chart F] [--out PLAN]``: read-only; the change, the
  findings and the steps; ``--out`` saves the plan with the state it was made against.
- ``deploy apply FILE|PLAN``: a saved plan applies only while the endpoint is as it was.
- ``deploy status ENDPOINT``: follow a deployment in progress to its end.
- ``deploy rehearse FILE --from OLD_FILE [--fault F]``: the same apply, on the local server.

Exit status: 0 done or nothing to do, 1 check errors (nothing sent), 2 usage or input that
cannot be read, 3 rolled back, 4 failed or timed out. Each event is a line as it happens
(``--json``: one JSON object per line, the outcome last).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from .apply import ApplyEvent, Outcome, apply_spec, mark_rolled_back
from .files import InputError, load
from .live import Clients, aws_errors
from .plan import DEFAULT_PROVISIONING_SECONDS
from .planning import plan_endpoint, render_endpoint_plan
from .spec import EndpointSpec, read_spec, spec_of

_UNTIL_IT_ENDS = 10.0**8
"""``status``'s wait without ``--wait``: over three years."""
PLAN_KIND = "botoshapes-deploy-plan"
"""What a saved plan's ``kind`` says."""


def _seconds(text: str) -> float:
    """A number of seconds: 0 or more, finite."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not (0 <= value < math.inf):
        raise argparse.ArgumentTypeError(f"{text} is not 0 or more, finite")
    return value


def _scale(text: str) -> float:
    """A clock's speed: more than 0, finite."""
    value = _seconds(text)
    if value == 0:
        raise argparse.ArgumentTypeError("0 is not more than 0")
    return value


def _answering(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """``run``, an error of AWS (or of reaching it) said as unreadable input (exit 2): what
    can fail once something is sent is in the outcome, not raised."""

    def answered(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except aws_errors() as error:
            raise InputError(f"AWS: {error}") from None

    return answered


def add_commands(commands: Any) -> None:
    """``deploy`` and its commands, on the ``botoshapes`` parser's subcommands."""
    deploy = commands.add_parser(
        "deploy", help="plan, apply, follow and rehearse an endpoint's spec file"
    )
    verbs = deploy.add_subparsers(dest="verb", required=True)
    plan = verbs.add_parser("plan", help="what applying FILE would do (read-only calls)")
    plan.add_argument("file", help="the endpoint's spec (YAML or JSON)")
    plan.add_argument("--out", metavar="PLAN", help="save the plan, to apply it as it is")
    plan.add_argument("--chart", metavar="FILE", help="write a chart of the steps (.png, .svg)")
    apply = verbs.add_parser("apply", help="make the endpoint as FILE says, and follow it")
    apply.add_argument("file", help="the endpoint's spec, or a plan saved by plan --out")
    status = verbs.add_parser(
        "status",
        help="follow the deployment of ENDPOINT, and of its inference components, to its end",
    )
    status.add_argument("endpoint", help="the endpoint's name")
    rehearse = verbs.add_parser(
        "rehearse", help="apply FILE over OLD_FILE on a local SageMaker (pip extra: local)"
    )
    rehearse.add_argument("file", help="the endpoint's spec to rehearse")
    rehearse.add_argument(
        "--from", dest="old", required=True, metavar="OLD_FILE", help="the spec deployed now"
    )
    rehearse.add_argument(
        "--fault",
        metavar="FAULT",
        help="alarm-in-bake[:N] (an alarm trips in the Nth bake), provisioning-fails,"
        " timeout (the wait runs out), silent-rollback (no FailureReason)",
    )
    rehearse.add_argument(
        "--time-scale",
        type=_scale,
        default=1000.0,
        help="simulated seconds per real second (default 1000)",
    )
    for verb in (plan, apply, status, rehearse):
        verb.add_argument("--json", action="store_true", help="print JSON")
        if verb is not rehearse:
            verb.add_argument("--region", help="the AWS region")
            verb.add_argument(
                "--endpoint-url", help="one endpoint URL for every service (a local server)"
            )
        if verb is not status:
            verb.add_argument(
                "--provisioning",
                type=int,
                default=DEFAULT_PROVISIONING_SECONDS,
                metavar="SECONDS",
                help=f"seconds a fleet or batch takes to provision (default"
                f" {DEFAULT_PROVISIONING_SECONDS})",
            )
        if verb in (apply, rehearse):
            verb.add_argument(
                "--allow-replace",
                action="store_true",
                help="delete and create the endpoint again where an update cannot do",
            )
            verb.add_argument(
                "--retry-failed", action="store_true", help="apply a spec that rolled back before"
            )
        if verb is not plan:
            verb.add_argument(
                "--wait",
                type=_seconds,
                metavar="SECONDS",
                help="how long to follow (default: twice the plan's time, with a rollback;"
                " status: until the deployment ends)",
            )
        if verb in (apply, status):
            verb.add_argument(
                "--delay", type=_seconds, default=30.0, help="seconds between polls (default 30)"
            )
    plan.set_defaults(run=_answering(_plan))
    apply.set_defaults(run=_answering(_apply))
    status.set_defaults(run=_answering(_status))
    rehearse.set_defaults(run=_answering(_rehearse))


def _clients(args: argparse.Namespace) -> Clients:
    try:
        return Clients.create(region_name=args.region, endpoint_url=args.endpoint_url)
    except ValueError as error:  # botocore's answer to an endpoint URL it cannot use
        raise InputError(f"--endpoint-url: {error}") from None


def _plan(args: argparse.Namespace) -> int:
    spec = read_spec(args.file)
    plan = plan_endpoint(spec, _clients(args), provisioning_seconds=args.provisioning)
    if args.json:
        print(json.dumps(plan.to_dict(), indent=2, default=str))
    else:
        print(render_endpoint_plan(plan))
    if args.out:
        saved = {
            "kind": PLAN_KIND,
            "spec_file": args.file,
            "spec": load(args.file),
            "fingerprint": plan.fingerprint,
            "plan": plan.to_dict(),
        }
        try:
            Path(args.out).write_text(json.dumps(saved, indent=2, default=str), encoding="utf-8")
        except OSError as error:
            raise InputError(f"--out: {args.out}: {error.strerror or error}") from None
        print(f"plan saved to {args.out}", file=sys.stderr)
    if args.chart and plan.deployment is not None:
        from .chart import ChartUnavailableError, write_chart  # noqa: PLC0415

        try:
            print(f"chart written to {write_chart(plan.deployment, args.chart)}", file=sys.stderr)
        except (ChartUnavailableError, ValueError, OSError) as error:
            raise InputError(f"--chart: {error}") from None
    return 1 if plan.errors else 0


def _spec_or_plan(path: str) -> tuple[EndpointSpec, str | None]:
    """The spec a file holds, and the state a saved plan was made against (else ``None``)."""
    data = load(path)
    if data.get("kind") != PLAN_KIND:
        return read_spec(path), None
    spec = data.get("spec")
    fingerprint = data.get("fingerprint")
    if not isinstance(spec, dict) or not isinstance(fingerprint, str):
        raise InputError(f"{path}: a saved plan without its spec and fingerprint")
    return spec_of(spec, f"{path} (spec of {data.get('spec_file')})"), fingerprint


def _printer(as_json: bool) -> Any:
    def say(event: ApplyEvent) -> None:
        line = json.dumps(event.to_dict(), default=str) if as_json else str(event)
        print(line, flush=True)

    return say


def _finish(args: argparse.Namespace, outcome: Outcome) -> int:
    if args.json:
        print(json.dumps({"event": "outcome"} | outcome.to_dict(), default=str), flush=True)
    elif outcome.status == "refused":
        print(render_endpoint_plan(outcome.plan))
    return outcome.exit_code


def _shown(args: argparse.Namespace) -> Any:
    """A live display on a terminal with rich installed; one line per event otherwise."""
    from . import display  # noqa: PLC0415

    if args.json or not sys.stdout.isatty() or not display.available():
        return nullcontext(), {"on_event": _printer(args.json)}
    live = display.LiveDisplay()
    return live, {"on_event": live.event, "on_poll": live.poll}


def _apply(args: argparse.Namespace) -> int:
    spec, fingerprint = _spec_or_plan(args.file)
    return _shown_run(
        args,
        lambda hooks: apply_spec(
            spec,
            _clients(args),
            expected_fingerprint=fingerprint,
            allow_replace=args.allow_replace,
            retry_failed=args.retry_failed,
            provisioning_seconds=args.provisioning,
            delay=args.delay,
            wait_seconds=args.wait,
            **hooks,
        ),
    )


def _shown_run(args: argparse.Namespace, run: Callable[[dict[str, Any]], Outcome]) -> int:
    """``run(hooks)`` shown as :func:`_shown` says; its outcome's line and exit status."""
    shown, hooks = _shown(args)
    with shown:
        outcome = run(hooks)
    if hooks.get("on_poll") is not None:  # the live frame is gone: its outcome stays
        print(outcome.message)
    return _finish(args, outcome)


def _status(args: argparse.Namespace) -> int:
    from botoshapes.sagemaker.errors import (  # noqa: PLC0415
        DeploymentFailedError,
        DeploymentRolledBackError,
        DeploymentTimeoutError,
        SageMakerError,
    )

    sm = _clients(args).sagemaker
    say = _printer(args.json)
    pending = sm.describe_endpoint(endpoint_name=args.endpoint).pending_deployment_summary
    target = str(pending.endpoint_config_name) if pending is not None else None
    try:
        final = sm.wait_for_endpoint_deployment(
            args.endpoint,
            endpoint_config_name=target,
            on_change=lambda e: say(ApplyEvent("status", e.text, e.elapsed, e)),
            delay=args.delay,
            timeout=_UNTIL_IT_ENDS if args.wait is None else args.wait,
        )
    except DeploymentRolledBackError as error:
        said = f"{args.endpoint}: rolled back: {error.failure_reason or 'no reason given'}"
        # a deployment of a spec's config: marked, as the apply that sent it would have
        if target is not None and mark_rolled_back(sm, target, error.failure_reason):
            said += f"; {target} marked as rolled back"
        return _said(args, "rolled_back", said, 3)
    except (DeploymentFailedError, DeploymentTimeoutError) as error:
        return _said(args, "failed", f"{args.endpoint}: {error}", 4)
    except SageMakerError as error:
        raise InputError(f"{args.endpoint}: {error}") from None
    said = f"{args.endpoint}: in service on {final.endpoint_config_name}"
    followed = _components_followed(args, sm, say)
    if followed is not None:
        code, message = followed
        return _said(args, "done" if code == 0 else "failed", f"{said}; {message}", code)
    return _said(args, "done", said, 0)


def _components_followed(args: argparse.Namespace, sm: Any, say: Any) -> tuple[int, str] | None:
    """The endpoint's inference components still ``Creating`` or ``Updating``, followed to
    their end (an interrupted apply's): ``(exit code, what they ended as)``, or ``None`` if
    none was. Without the file, a rollback cannot be told from a success: the next
    ``deploy plan FILE`` says whether each runs what the file gives."""
    from botoshapes.sagemaker.errors import (  # noqa: PLC0415
        ComponentDeploymentFailedError,
        DeploymentTimeoutError,
    )

    busy = [
        item["InferenceComponentName"]
        for page in sm.boto3.get_paginator("list_inference_components").paginate(
            EndpointNameEquals=args.endpoint
        )
        for item in page.get("InferenceComponents", [])
        if item.get("InferenceComponentStatus") in ("Creating", "Updating")
    ]
    if not busy:
        return None
    ended = []
    for name in busy:
        try:
            sm.wait_for_inference_component_deployment(
                name,
                on_change=lambda e: say(ApplyEvent("status", e.text, e.elapsed, component=e)),
                delay=args.delay,
                timeout=_UNTIL_IT_ENDS if args.wait is None else args.wait,
            )
        except (ComponentDeploymentFailedError, DeploymentTimeoutError) as error:
            return 4, f"inference component {error}"
        ended.append(name)
    return 0, (
        f"inference components in service: {', '.join(ended)} (`deploy plan FILE` says"
        " whether each runs what the file gives)"
    )


def _said(args: argparse.Namespace, status: str, message: str, code: int) -> int:
    """``status``'s last line: the outcome, as text or (``--json``) a JSON object."""
    if args.json:
        outcome = {"event": "outcome", "status": status, "exit_code": code, "message": message}
        print(json.dumps(outcome))
    else:
        print(message)
    return code


def _rehearse(args: argparse.Namespace) -> int:
    from .rehearse import Fault, rehearse  # noqa: PLC0415

    fault = Fault.parse(args.fault) if args.fault else None
    spec, old = read_spec(args.file), read_spec(args.old)
    return _shown_run(
        args,
        lambda hooks: rehearse(
            spec,
            old,
            fault=fault,
            time_scale=args.time_scale,
            provisioning_seconds=args.provisioning,
            allow_replace=args.allow_replace,
            retry_failed=args.retry_failed,
            wait_seconds=args.wait,
            **hooks,
        ),
    )
