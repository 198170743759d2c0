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
from typing import TYPE_CHECKING, Any

from botoshapes._runtime import ShapeValidationError, constraint_checks

from .check import Finding, Source, check_deployment, request_findings
from .inputs import Operation, decided_by_members, operation_of
from .plan import DEFAULT_PROVISIONING_SECONDS, DeploymentPlan, plan_deployment
from .render import render_plan
from .rules import RULES

if TYPE_CHECKING:
    from botoshapes.sagemaker import (
        DescribeEndpointConfigOutput,
        DescribeEndpointOutput,
    )

OK, ERRORS, USAGE = 0, 1, 2


class InputError(Exception):
    """Input that cannot be read: exit status 2."""


@dataclass(frozen=True, slots=True)
class _State:
    endpoint: DescribeEndpointOutput
    current_config: DescribeEndpointConfigOutput
    new_config: DescribeEndpointConfigOutput
    names: dict[Source, str]
    """Where each input came from (file name, or the call that read it)."""


def _load(path: str) -> dict[str, Any]:
    """A JSON or YAML file (by its suffix) holding a mapping."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")  # a byte order mark is no content
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text: {error.reason} at byte {error.start}") from None
    try:
        data = _parse(path, file.suffix.lower(), text)
    except RecursionError:
        raise InputError(f"{path}: nests too deep to read") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: holds a {type(data).__name__}, not a mapping of wire names")
    return data


def _parse(path: str, suffix: str, text: str) -> Any:
    if suffix in (".yaml", ".yml"):
        try:
            import yaml  # noqa: PLC0415  (an optional extra)
        except ImportError:
            raise InputError(
                f"{path}: reading YAML needs PyYAML: pip install 'botoshapes-sagemaker[yaml]'"
            ) from None
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise InputError(f"{path}: not YAML: {error}".replace("\n", " ")) from None
    try:
        return json.loads(text)
    except ValueError as error:
        raise InputError(f"{path}: not JSON: {error}") from None


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
    """``UpdateEndpoint``, ``CreateEndpoint`` or ``DeploymentConfig``."""
    note: str | None
    """Said on stderr when the file itself did not decide it."""


def _request(path: str, operation: Operation | None, *, planning: bool = False) -> _Read:
    """The request in ``path`` and what its shape refuses.

    A file of a ``DeploymentConfig``'s members alone is checked as that policy alone.
    Otherwise it is the ``operation`` given, or the one its members leave no doubt about
    (``Tags``: CreateEndpoint; ``Retain...``: UpdateEndpoint), or UpdateEndpoint, said on
    stderr. A request that breaks a constraint is read again with constraint checks off,
    so that the rules still run on it; with a wrong type, a missing required member or an
    unknown one there is no request (``None``) to check.
    """
    from botoshapes import sagemaker  # noqa: PLC0415

    data = _load(path)
    note = None
    if operation is None and data and set(data) <= POLICY_MEMBERS:
        taken = "DeploymentConfig"
        note = "a DeploymentConfig alone: its own rules (--operation to read it as a request)"
    elif planning:  # plan takes an UpdateEndpoint request: nothing to say about which
        taken = "UpdateEndpoint"
    else:
        taken = operation_of(data, operation)
        if operation is None and decided_by_members(data) is None:
            note = f"an {taken} request (--operation CreateEndpoint for the other)"
    kind = getattr(
        sagemaker, "DeploymentConfig" if taken == "DeploymentConfig" else f"{taken}Input"
    )
    found, model = _read(kind, data)
    return _Read(model, found, taken, note)


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


def _state_from_files(args: argparse.Namespace) -> _State | None:
    from botoshapes.sagemaker import (  # noqa: PLC0415
        DescribeEndpointConfigOutput,
        DescribeEndpointOutput,
    )

    given = (args.endpoint, args.current_config, args.new_config)
    if not any(given):
        return None
    if not all(given):
        raise InputError("give --endpoint, --current-config and --new-config together, or --live")

    def read(cls: Any, path: str) -> Any:
        try:
            return cls.from_response(_load(path))
        except ShapeValidationError as error:
            raise InputError(f"{path}: {error}") from None

    return _State(
        read(DescribeEndpointOutput, args.endpoint),
        read(DescribeEndpointConfigOutput, args.current_config),
        read(DescribeEndpointConfigOutput, args.new_config),
        {
            "endpoint": args.endpoint,
            "current_config": args.current_config,
            "new_config": args.new_config,
        },
    )


def _state_from_aws(args: argparse.Namespace, request: Any) -> _State:
    """DescribeEndpoint and both DescribeEndpointConfig calls (read-only)."""
    try:
        from botocore.exceptions import BotoCoreError  # noqa: PLC0415

        from botoshapes.sagemaker import SageMakerClient  # noqa: PLC0415
        from botoshapes.sagemaker.errors import SageMakerError  # noqa: PLC0415

        client = SageMakerClient.create(region_name=args.region, endpoint_url=args.endpoint_url)
        endpoint = client.describe_endpoint(endpoint_name=request.endpoint_name)
        current_name = str(endpoint.endpoint_config_name)
        current = client.describe_endpoint_config(endpoint_config_name=current_name)
        new = client.describe_endpoint_config(endpoint_config_name=request.endpoint_config_name)
    except (BotoCoreError, SageMakerError, ShapeValidationError) as error:
        raise InputError(f"--live: {error}") from None
    return _State(
        endpoint,
        current,
        new,
        {
            "endpoint": f"DescribeEndpoint({request.endpoint_name})",
            "current_config": f"DescribeEndpointConfig({current_name})",
            "new_config": f"DescribeEndpointConfig({request.endpoint_config_name})",
        },
    )


def _line(finding: Finding, names: dict[Source, str]) -> str:
    where = names.get(finding.input, finding.input)
    path = f"{finding.path}: " if finding.path else ""
    return f"{where}: {finding.level}: {path}{finding.message} [rule {finding.rule}]"


def _run(args: argparse.Namespace, *, planning: bool) -> int:
    if planning and args.chart and Path(args.chart).suffix.lower() not in (".png", ".svg"):
        raise InputError(f"--chart: {args.chart}: a chart is written as .png or .svg")
    read = _request(args.request, args.operation, planning=planning)
    if read.note is not None and not args.json:
        print(f"botoshapes: {args.request}: read as {read.note}", file=sys.stderr)
    request, findings = read.model, read.findings
    names: dict[Source, str] = {"request": args.request}
    state = None
    if read.taken == "DeploymentConfig":
        return _policy_alone(args, read, names, planning=planning)
    if request is not None:  # a request of the wrong shape leaves nothing to look up
        state = _state_from_aws(args, request) if args.live else _state_from_files(args)
    if (
        planning
        and request is not None
        and (state is None or type(request).__name__ != "UpdateEndpointInput")
    ):
        raise InputError(
            "plan takes an UpdateEndpoint request and the endpoint's state:"
            " --endpoint, --current-config and --new-config, or --live"
        )
    plan = None
    if request is not None:  # the rules can read it, constraints broken or not
        if state is not None:
            names |= state.names
        try:
            findings += check_deployment(
                request,
                *((state.endpoint, state.current_config, state.new_config) if state else ()),
                provisioning_seconds=args.provisioning,
            )
            if planning and state is not None:
                plan = plan_deployment(
                    request,  # an UpdateEndpointInput: checked above
                    state.endpoint,
                    state.current_config,
                    state.new_config,
                    provisioning_seconds=args.provisioning,
                )
        except ValueError as error:  # a plan no endpoint could need
            raise InputError(f"{args.request}: {error}") from None
        findings.sort(key=lambda f: f.level != "error")
    _report(args, findings, names, plan, read.taken)
    if plan is not None and args.chart:
        from .chart import ChartUnavailableError, write_chart  # noqa: PLC0415

        try:
            written = write_chart(plan, args.chart)
        except (ChartUnavailableError, ValueError, OSError) as error:
            raise InputError(f"--chart: {error}") from None
        print(f"chart written to {written}", file=sys.stderr)
    return ERRORS if any(f.level == "error" for f in findings) else OK


def _policy_alone(
    args: argparse.Namespace, read: _Read, names: dict[Source, str], *, planning: bool
) -> int:
    """A file holding a ``DeploymentConfig`` alone: its own rules, nothing on a fleet."""
    if planning or args.live or any((args.endpoint, args.current_config, args.new_config)):
        raise InputError(
            f"{args.request}: a DeploymentConfig alone has no endpoint to check or plan"
            " against: give the UpdateEndpoint request that carries it"
        )
    findings = read.findings + (request_findings(read.model) if read.model is not None else [])
    findings.sort(key=lambda f: f.level != "error")
    _report(args, findings, names, None, read.taken)
    return ERRORS if any(f.level == "error" for f in findings) else OK


def _report(
    args: argparse.Namespace,
    findings: list[Finding],
    names: dict[Source, str],
    plan: DeploymentPlan | None,
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
        print(("\n" if findings else "") + render_plan(plan))
    elif not findings:
        print(f"{args.request}: no findings")


def _schema(args: argparse.Namespace) -> int:
    import botoshapes.sagemaker as service  # noqa: PLC0415
    from botoshapes._runtime.wire_schema import wire_json_schema  # noqa: PLC0415

    model = getattr(service, args.shape, None)
    if not (isinstance(model, type) and hasattr(model, "from_boto")):
        raise InputError(f"{args.shape}: not a structure of SageMaker (try UpdateEndpointInput)")
    print(json.dumps(wire_json_schema(model), indent=2))
    return OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="botoshapes",
        description="Check and plan a SageMaker endpoint update; print a request's JSON Schema.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("check", "check an UpdateEndpoint or CreateEndpoint request against AWS's rules"),
        ("plan", "check an UpdateEndpoint request and show what it will do"),
    ):
        command = commands.add_parser(name, help=text, description=text)
        command.add_argument(
            "request", help="a JSON or YAML file: the request in boto3's wire form"
        )
        command.add_argument("--endpoint", metavar="FILE", help="a DescribeEndpoint response")
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
            "--live", action="store_true", help="read the state from AWS (read-only calls)"
        )
        command.add_argument("--region", help="with --live: the AWS region")
        command.add_argument("--endpoint-url", help="with --live: the SageMaker endpoint URL")
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
            choices=("UpdateEndpoint", "CreateEndpoint"),
            help="the request's operation (default: what its members say, else UpdateEndpoint)",
        )
        command.add_argument("--json", action="store_true", help="print JSON")
        if name == "plan":
            command.add_argument("--chart", metavar="FILE", help="write a chart (.png or .svg)")
        command.set_defaults(
            run=lambda args, planning=name == "plan": _run(args, planning=planning)
        )
    schema = commands.add_parser("schema", help="print the JSON Schema of a shape, in wire names")
    schema.add_argument("shape", help="a SageMaker structure, e.g. UpdateEndpointInput")
    schema.set_defaults(run=_schema)
    return parser


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
    except BrokenPipeError:
        # The reader went away (``botoshapes schema X | head``): stop quietly, as other
        # commands do, and let nothing more be written to the closed pipe at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return SIGPIPE_STATUS
    return status


if __name__ == "__main__":
    sys.exit(main())
