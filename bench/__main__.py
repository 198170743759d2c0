"""Run every benchmark once, print the tables; ``--write FILE`` also saves them as Markdown."""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
from importlib.metadata import version
from pathlib import Path

from . import contenders, facade, installed, toolkit, typecheck
from .measure import cold_imports, per_second
from .payloads import DESCRIBE_ENDPOINT, without_metadata
from .report import Table, ms, rate, times

# The floor for any pydantic model: pydantic, plus what defining a class pulls in.
PYDANTIC = "from pydantic import BaseModel\nclass A(BaseModel):\n    x: int"
IMPORTS = {
    "one model": (
        "from botoshapes.sagemaker import ProductionVariant",
        "from sagemaker.core.shapes import ProductionVariant",
    ),
    "the package: every name importable (botoshapes builds a class on first use)": (
        "import botoshapes.sagemaker",
        "import sagemaker.core.shapes",
    ),
    "the typed client (`SageMakerClient`; sagemaker-core: its `Endpoint` resource)": (
        "from botoshapes.sagemaker import SageMakerClient",
        "from sagemaker.core.resources import Endpoint",
    ),
    "every model, each class built": (
        "import botoshapes.sagemaker as m\nfor n in m.__all__: getattr(m, n)",
        "import sagemaker.core.shapes, sagemaker.core.resources",
    ),
}
PEERS = (
    "sagemaker-core",
    "types-boto3-sagemaker",
    "types-boto3-ec2",
    "mypy",
    "pydantic",
    "botocore",
    "moto",
)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            ln.split(":", 1)[1].strip()
            for ln in cpuinfo.read_text().splitlines()
            if ln.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def import_table(runs: int) -> Table:
    table = Table("Cold import", ["botoshapes", "sagemaker-core", "botoshapes is"])
    codes = [PYDANTIC, *(code for pair in IMPORTS.values() for code in pair)]
    floor, *rest = cold_imports(codes, runs)
    table.add("for reference: a one-field pydantic model (pydantic's defaults)", ms(floor), "", "")
    for label, (ours, theirs) in zip(IMPORTS, zip(rest[::2], rest[1::2], strict=True), strict=True):
        table.add(label, ms(ours), ms(theirs), times(theirs / ours, "faster"))
    return table


def throughput_table() -> Table:
    entries = [make() for make in contenders.ALL]
    names = [c.name for c in entries]
    table = Table("Throughput, calls per second", [*names, "botoshapes is"])
    expected = without_metadata(DESCRIBE_ENDPOINT)
    for label, job_of, want in (
        ("`DescribeEndpoint` response: `from_response` + `to_boto`", "round_trip", expected),
        ("`CreateEndpointConfig` request, 2 variants: strict check", "validate", None),
    ):
        cells, rates = [], {}
        for c in entries:
            job = getattr(c, job_of)
            if job is None:
                cells.append("n/a")
                continue
            rates[c.name] = r = per_second(job)
            exact = want is None or job() == want
            cells.append(rate(r) + ("" if exact else f" (not exact: {c.inexact})"))
        ours = rates.pop("botoshapes")
        ratio = ", ".join(
            f"at {ours / r:.2f} of the floor"
            if name == contenders.FLOOR
            else times(ours / r, "vs " + name)
            for name, r in rates.items()
        )
        table.add(label, *cells, ratio)
    table.add("what the strict check checks", *(c.checks for c in entries), "")
    return table


def facade_table() -> Table:
    table = Table(
        "The facade against plain boto3, same calls, same local moto server (own process)",
        ["boto3", "botoshapes facade", "facade adds", "client CPU: boto3", "facade"],
    )
    for label, bw, fw, bc, fc in facade.overhead():
        table.add(
            label,
            f"{bw * 1000:.2f} ms",
            f"{fw * 1000:.2f} ms",
            f"{(fw / bw - 1) * 100:+.1f}%",
            f"{bc * 1e6:,.0f} µs",
            f"{fc * 1e6:,.0f} µs",
        )
    return table


def mypy_table() -> Table:
    table = Table(
        "mypy --strict on the example configs (tests/typing/valid)",
        ["botoshapes", "types-boto3-sagemaker", "ratio"],
    )
    for label, measure in (
        ("cold (empty cache)", typecheck.mypy_cold),
        ("warm (cache filled)", typecheck.mypy_warm),
        ("warm (dmypy daemon)", typecheck.dmypy_warm),
    ):
        a, b = measure(typecheck.OURS), measure(typecheck.THEIRS)
        table.add(label, ms(a), ms(b), f"{a / b:.2f}x the time")
    with typecheck.pydantic_only() as target:
        floor = typecheck.mypy_cold(target)
    table.add("for reference: cold, a file that only imports pydantic", ms(floor), "", "")
    return table


def installed_table() -> Table:
    table = Table(
        "mypy --strict, cold, with one service's wheels installed (`nox -s build`)",
        ["botoshapes", "types-boto3", "ratio"],
    )
    for label, (ours, theirs) in installed.cold_checks().items():
        if theirs is None:
            table.add(label, ms(ours), "", "")
        else:
            table.add(label, ms(ours), ms(theirs), f"{ours / theirs:.2f}x the time")
    return table


def toolkit_table(runs: int) -> Table:
    table = Table(
        "The deployment toolkit (no peer checks or plans a deployment)",
        ["botoshapes", "target"],
    )
    check, bare = toolkit.check_cold(runs)
    table.add(
        "`botoshapes check` on a YAML request, cold: the whole command, median"
        f" (a bare `python -c pass`: {ms(bare)})",
        ms(check),
        "under 300 ms",
    )
    for label, per in toolkit.plans_per_second().items():
        table.add(
            f"`plan_deployment`, {label}",
            f"{1000 / per:.2f} ms",
            "under 10 ms",
        )
    table.add(
        "`plan_component_update`, an inference component of 1,000 copies, batches of 5%",
        f"{1000 / toolkit.component_plans_per_second():.2f} ms",
        "under 10 ms",
    )
    update, server, simulated = toolkit.canary_rehearsal(5)
    table.add(
        "local rehearsal (`botoshapes.sagemaker.local`, default clock): a canary update with two"
        f" 600 s bakes, `update_endpoint` to `InService` ({simulated:,} s simulated), median of 5",
        f"{update:.2f} s",
        "under 5 s",
    )
    table.add("local rehearsal: starting and stopping the server", f"{server * 1000:.0f} ms", "")
    warm, first = toolkit.deploy_plan(runs)
    table.add(
        f"`botoshapes deploy plan` as a function (`plan_endpoint`): a new image on"
        f" {toolkit.VARIANTS} variants x {toolkit.INSTANCES} instances, linear steps of 10%,"
        " against the local server, every read call included: median (new boto3 clients'"
        f" first plan: {first * 1000:.0f} ms)",
        f"{warm * 1000:.0f} ms",
        "under 1 s",
    )
    rehearsed = toolkit.deploy_rehearsal(5)
    table.add(
        "`botoshapes deploy rehearse` as a function: a server started, the old spec applied,"
        " then a canary with two 600 s bakes applied and followed, median of 5",
        f"{rehearsed:.2f} s",
        "under 5 s",
    )
    table.add(
        "`botoshapes deploy rehearse` of an inference component (docs/examples/deploy/llm-v*):"
        " a server started, the endpoint and its component made, then the component rolled a"
        " copy at a time with 60 s bakes and followed, median of 5",
        f"{toolkit.component_rehearsal(5):.2f} s",
        "under 5 s",
    )
    for old, new in [("1.44.3", "1.44.4"), ("1.23.0", "1.44.5")]:
        computed, command = toolkit.changelog_seconds(old, new)
        table.add(
            f"API changelog, SageMaker of botocore {old} -> {new}: comparing the models"
            " (the whole `python -m codegen.changelog`, models cached)",
            f"{computed * 1000:.0f} ms ({command * 1000:.0f} ms)",
            "under 2 s",
        )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--write", type=Path, help="also write the tables to this Markdown file")
    parser.add_argument("--runs", type=int, default=15, help="fresh processes per import figure")
    args = parser.parse_args()

    header = [
        f"Measured {datetime.date.today().isoformat()} on {machine()};",
        f"Python {platform.python_version()}, "
        + ", ".join(f"{p} {version(p)}" for p in PEERS)
        + ".",
    ]
    tables = [
        import_table(args.runs),
        throughput_table(),
        facade_table(),
        mypy_table(),
        installed_table(),
        toolkit_table(args.runs),
    ]
    text = "\n".join(header) + "\n\n" + "\n\n".join(t.markdown() for t in tables) + "\n"
    sys.stdout.write(text)
    if args.write:
        args.write.write_text(args.write.read_text().split(MARK)[0] + MARK + "\n\n" + text)


MARK = "<!-- bench output below: written by `nox -s bench -- --write docs/benchmarks.md` -->"

if __name__ == "__main__":
    main()
