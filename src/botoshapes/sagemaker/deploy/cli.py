"""``botoshapes``: check and plan an endpoint update from files, or print a request's schema.

Exit status: 0 without errors (warnings allowed), 1 with errors, 2 on bad
usage or input that cannot be read. boto3 is imported only for ``--live``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from botoshapes._runtime import ShapeValidationError, constraint_checks

from .check import Finding, check_deployment, request_findings
from .component_cli import run_component
from .components import ComponentPlan, render_component_plan
from .deploy_cli import add_commands
from .files import InputError, load
from .inputs import Operation, decided_by_members, operation_of
from .plan import DEFAULT_PROVISIONING_SECONDS, DeploymentPlan, plan_deployment
from .render import render_plan
from .rules import RULES
from .state import FLAGS, State, Where, read_state

OK, ERRORS, USAGE = 0, 1, 2


def _shape_findings(error: ShapeValidationError) -> list[Finding]:
    return [
        Finding("error", "shape", "request", e.path, e.value, e.message, "the service model")
        for e in error.errors
    ]


POLICY_MEMBERS = frozenset(
    {"BlueGreenUpdatePolicy", "RollingUpdatePolicy", "AutoRollbackConfiguration"}
)
"""A file of these members alone is a ``DeploymentConfig``, as the guides write one."""


@dataclass(frozen=True, slots=True)
class _Read:
    """What a request file was read as, and why."""

    model: Any
    """The request (or the DeploymentConfig alone); ``None`` if its shape is too wrong."""
    findings: list[Finding]
    taken: str
    """``UpdateEndpoint``, ``CreateEndpoint``, ``UpdateInferenceComponent``, or a policy alone:
    ``DeploymentConfig`` or ``InferenceComponentDeploymentConfig``."""
    note: str | None
    """Said on stderr when the file itself did not decide it."""


COMPONENT = "UpdateInferenceComponent"
COMPONENT_NAME = "InferenceComponentName"
"""The member that says a request is an inference component's."""
COMPONENT_POLICY = "InferenceComponentDeploymentConfig"


def _request(path: str, operation: str | None, *, updating: bool = False) -> _Read:
    """The request in ``path`` and what its shape refuses.

    A request with ``InferenceComponentName`` (or ``--operation UpdateInferenceComponent``)
    is an inference component's update. A file of a ``DeploymentConfig``'s members alone is
    checked as that policy alone.
    Otherwise it is the ``operation`` given, or the one its members leave no doubt about
    (``Tags``: CreateEndpoint; ``Retain...``: UpdateEndpoint), or UpdateEndpoint, said on
    stderr. A request that breaks a constraint is read again with constraint checks off,
    so that the rules still run on it; with a wrong type, a missing required member or an
    unknown one there is no request (``None``) to check.
    """
    from botoshapes import sagemaker  # noqa: PLC0415

    data = load(path)
    note = None
    if operation == COMPONENT or (operation is None and COMPONENT_NAME in (data or {})):
        found, model = _read(sagemaker.UpdateInferenceComponentInput, data)
        return _Read(model, found, COMPONENT, None)
    if operation is None and data and set(data) <= POLICY_MEMBERS:
        taken = COMPONENT_POLICY if _in_copies(data) else "DeploymentConfig"
        article = "an" if taken.startswith("I") else "a"
        note = f"{article} {taken} alone: its own rules (--operation to read it as a request)"
    else:
        # The endpoint's current state (updating) says an update as clearly as a member does.
        asked = cast("Operation | None", operation)
        taken = operation_of(data, asked or ("UpdateEndpoint" if updating else None))
        if operation is None and decided_by_members(data) is None and not updating:
            note = f"an {taken} request (--operation CreateEndpoint for the other)"
    alone = taken in ("DeploymentConfig", COMPONENT_POLICY)
    found, model = _read(getattr(sagemaker, taken if alone else f"{taken}Input"), data)
    return _Read(model, found, taken, note)


def _in_copies(policy: dict[str, Any]) -> bool:
    """Whether a policy's sizes are in copies: an inference component's (AWS's samples write
    its ``DeploymentConfig`` alone, as the guides write an endpoint's)."""
    rolling = policy.get("RollingUpdatePolicy")
    if not isinstance(rolling, dict):
        return False
    sizes = (rolling.get("MaximumBatchSize"), rolling.get("RollbackMaximumBatchSize"))
    return any(isinstance(size, dict) and size.get("Type") == "COPY_COUNT" for size in sizes)


def _read(kind: Any, data: Any) -> tuple[list[Finding], Any]:
    try:
        return [], kind.from_boto(data)
    except ShapeValidationError as error:
        # The rules are reported by check_deployment, with their level.
        found = [
            f
            for f, e in zip(_shape_findings(error), error.errors, strict=True)
            if e.kind not in RULES
        ]
    with constraint_checks(False):
        try:
            return found, kind.from_boto(data)
        except ShapeValidationError as error:
            return _shape_findings(error), None


def _line(finding: Finding, names: dict[str, str]) -> str:
    where = names.get(finding.input, finding.input)
    path = f"{finding.path}: " if finding.path else ""
    return f"{where}: {finding.level}: {path}{finding.message} [rule {finding.rule}]"


def _where(args: argparse.Namespace) -> Where:
    return Where(
        {part: getattr(args, part) for part in FLAGS},
        live=args.live,
        region=args.region,
        endpoint_url=args.endpoint_url,
        autoscaling_url=args.autoscaling_endpoint_url,
    )


def _run(args: argparse.Namespace, *, planning: bool) -> int:
    if planning and args.chart and Path(args.chart).suffix.lower() not in (".png", ".svg"):
        raise InputError(f"--chart: {args.chart}: a chart is written as .png or .svg")
    read = _request(
        args.request, args.operation, updating=bool(args.endpoint or args.current_config)
    )
    if read.note is not None and not args.json:
        print(f"botoshapes: {args.request}: read as {read.note}", file=sys.stderr)
    request, findings = read.model, read.findings
    names: dict[str, str] = {"request": args.request}
    if read.taken not in ("UpdateEndpoint", "CreateEndpoint"):
        return _not_an_endpoint_request(args, read, names, planning=planning)
    if args.component:
        raise InputError(
            f"--component: the state of an UpdateInferenceComponent; {args.request} is read as"
            f" {read.taken}"
        )
    creating = read.taken == "CreateEndpoint"
    state = None
    if request is not None:  # a request of the wrong shape leaves nothing to look up
        state = read_state(_where(args), request, creating=creating)
    if planning and request is not None and state is None:
        needed = "--new-config" if creating else "--endpoint, --current-config and --new-config"
        raise InputError(f"plan needs the state: {needed}, or --live to read it from AWS")
    plan = None
    if request is not None:  # the rules can read it, constraints broken or not
        if state is not None:
            names |= state.names
        findings += _checked(args, request, state)
        try:
            if planning and state is not None and state.new_config is not None:
                plan = plan_deployment(
                    request,
                    state.endpoint,
                    state.current_config,
                    state.new_config,
                    provisioning_seconds=args.provisioning,
                )
        except ValueError as error:  # a plan AWS rules out, or no endpoint could need
            raise InputError(f"{args.request}: cannot plan: {error}") from None
        findings.sort(key=lambda f: f.level != "error")
    _report(args, findings, names, plan, read.taken)
    _chart(args, plan)
    return ERRORS if any(f.level == "error" for f in findings) else OK


def _chart(args: argparse.Namespace, plan: DeploymentPlan | ComponentPlan | None) -> None:
    if plan is None or not getattr(args, "chart", None):
        return
    from .chart import ChartUnavailableError, write_chart  # noqa: PLC0415

    try:
        written = write_chart(plan, args.chart)
    except (ChartUnavailableError, ValueError, OSError) as error:
        raise InputError(f"--chart: {error}") from None
    print(f"chart written to {written}", file=sys.stderr)


def _checked(args: argparse.Namespace, request: Any, state: State | None) -> list[Finding]:
    if state is None:
        return list(check_deployment(request, provisioning_seconds=args.provisioning))
    return list(
        check_deployment(
            request,
            state.endpoint,
            state.current_config,
            state.new_config,
            provisioning_seconds=args.provisioning,
            scalable_targets=state.scalable_targets,
        )
    )


def _not_an_endpoint_request(
    args: argparse.Namespace, read: _Read, names: dict[str, str], *, planning: bool
) -> int:
    """A policy alone, or an UpdateInferenceComponent."""
    if read.taken == COMPONENT:
        return _component(args, read, names, planning=planning)
    return _policy_alone(args, read, names, planning=planning)


def _component(
    args: argparse.Namespace, read: _Read, names: dict[str, str], *, planning: bool
) -> int:
    """An UpdateInferenceComponent: checked (and planned) against the component's state."""
    findings, plan = list(read.findings), None
    if read.model is not None:
        found, plan = run_component(args, read.model, names, planning=planning)
        findings += found
    findings.sort(key=lambda f: f.level != "error")
    _report(args, findings, names, plan, read.taken)
    _chart(args, plan)
    return ERRORS if any(f.level == "error" for f in findings) else OK


def _policy_alone(
    args: argparse.Namespace, read: _Read, names: dict[str, str], *, planning: bool
) -> int:
    """A file holding a ``DeploymentConfig`` alone: its own rules, nothing on a fleet."""
    if planning or args.live or args.component or any(getattr(args, p) for p in FLAGS):
        raise InputError(
            f"{args.request}: a {read.taken} alone has nothing to check or plan it against:"
            " give the request that carries it"
        )
    findings = read.findings + (request_findings(read.model) if read.model is not None else [])
    findings.sort(key=lambda f: f.level != "error")
    _report(args, findings, names, None, read.taken)
    return ERRORS if any(f.level == "error" for f in findings) else OK


def _report(
    args: argparse.Namespace,
    findings: list[Finding],
    names: dict[str, str],
    plan: DeploymentPlan | ComponentPlan | None,
    taken: str,
) -> None:
    errors = sum(1 for f in findings if f.level == "error")
    if args.json:
        out: dict[str, Any] = {
            "read_as": taken,
            "findings": [f.to_dict() | {"file": names.get(f.input, f.input)} for f in findings],
            "errors": errors,
            "warnings": len(findings) - errors,
        }
        if plan is not None:
            out["plan"] = plan.to_dict()
        print(json.dumps(out, indent=2, default=str))
        return
    for finding in findings:
        print(_line(finding, names))
    if plan is not None:
        shown = (
            render_plan(plan) if isinstance(plan, DeploymentPlan) else render_component_plan(plan)
        )
        print(("\n" if findings else "") + shown)
    elif not findings:
        print(f"{args.request}: no findings")


def _schema(args: argparse.Namespace) -> int:
    import botoshapes.sagemaker as service  # noqa: PLC0415
    from botoshapes._runtime.wire_schema import wire_json_schema  # noqa: PLC0415

    if args.shape == "EndpointSpec":
        from .spec_schema import spec_json_schema  # noqa: PLC0415

        print(json.dumps(spec_json_schema(), indent=2))
        return OK
    model = getattr(service, args.shape, None)
    if not (isinstance(model, type) and hasattr(model, "from_boto")):
        raise InputError(f"{args.shape}: not a structure of SageMaker (try UpdateEndpointInput)")
    print(json.dumps(wire_json_schema(model), indent=2))
    return OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="botoshapes",
        description="Check and plan a SageMaker endpoint or inference component update; print"
        " a request's JSON Schema.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        (
            "check",
            "check an UpdateEndpoint, CreateEndpoint or UpdateInferenceComponent request"
            " against AWS's rules",
        ),
        (
            "plan",
            "check an UpdateEndpoint, CreateEndpoint or UpdateInferenceComponent request"
            " and show what it will do",
        ),
    ):
        command = commands.add_parser(name, help=text, description=text)
        command.add_argument(
            "request", help="a JSON or YAML file: the request in boto3's wire form"
        )
        command.add_argument("--endpoint", metavar="FILE", help="a DescribeEndpoint response")
        command.add_argument(
            "--component",
            metavar="FILE",
            help="an UpdateInferenceComponent's state: a DescribeInferenceComponent response",
        )
        command.add_argument(
            "--current-config",
            metavar="FILE",
            help="the endpoint's DescribeEndpointConfig response",
        )
        command.add_argument(
            "--new-config",
            metavar="FILE",
            help="the new config: DescribeEndpointConfig response or CreateEndpointConfig request",
        )
        command.add_argument(
            "--scalable-targets",
            metavar="FILE",
            help="Application Auto Scaling's DescribeScalableTargets response (autoscaled"
            " variants)",
        )
        command.add_argument(
            "--live",
            action="store_true",
            help="read from AWS what no file gives (read-only calls)",
        )
        command.add_argument("--region", help="with --live: the AWS region")
        command.add_argument("--endpoint-url", help="with --live: the SageMaker endpoint URL")
        command.add_argument(
            "--autoscaling-endpoint-url",
            help="with --live: the Application Auto Scaling endpoint URL",
        )
        command.add_argument(
            "--provisioning",
            type=int,
            default=DEFAULT_PROVISIONING_SECONDS,
            metavar="SECONDS",
            help="seconds to provision a fleet or a batch, assumed"
            f" (default {DEFAULT_PROVISIONING_SECONDS})",
        )
        command.add_argument(
            "--operation",
            choices=("UpdateEndpoint", "CreateEndpoint", COMPONENT),
            help="the request's operation (default: what its members say, else UpdateEndpoint;"
            " InferenceComponentName says UpdateInferenceComponent)",
        )
        command.add_argument("--json", action="store_true", help="print JSON")
        if name == "plan":
            command.add_argument("--chart", metavar="FILE", help="write a chart (.png or .svg)")
        command.set_defaults(
            run=lambda args, planning=name == "plan": _run(args, planning=planning)
        )
    add_commands(commands)
    schema = commands.add_parser("schema", help="print the JSON Schema of a shape, in wire names")
    schema.add_argument(
        "shape",
        help="a SageMaker structure, e.g. UpdateEndpointInput; EndpointSpec: a deploy spec file",
    )
    schema.set_defaults(run=_schema)
    return parser


INTERRUPTED = 130
"""What a shell reports for a command stopped by Ctrl-C (128 + SIGINT)."""
SIGPIPE_STATUS = 141
"""What a shell reports for a command its pipe's reader stopped (128 + SIGPIPE)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    if getattr(args, "provisioning", 0) < 0:
        print("botoshapes: --provisioning is less than 0", file=sys.stderr)
        return USAGE
    try:
        status: int = args.run(args)
        sys.stdout.flush()
    except InputError as error:
        print(f"botoshapes: {error}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        # A deployment already sent goes on at AWS: following it stopped, nothing more.
        said = "interrupted"
        if getattr(args, "command", None) == "deploy":
            said += ": what was sent goes on; `botoshapes deploy status ENDPOINT` follows it"
        print(f"botoshapes: {said}", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``botoshapes schema X | head``): stop quietly, as other
        # commands do, and let nothing more be written to the closed pipe at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return SIGPIPE_STATUS
    return status


if __name__ == "__main__":
    sys.exit(main())
