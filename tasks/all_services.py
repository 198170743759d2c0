"""Every botocore service through the generator: ``nox -s all-services``.

For each service of the pinned botocore release (``--all``) or the ones named:

1. **pin**: its models into a scratch ``shapes/`` (:mod:`codegen.pin`);
2. **generate**: the package, with the generator's errors and warnings counted;
3. **import**: in a process of its own, every class built, a few structures
   round-tripped and one operation through botocore's Stubber
   (:mod:`tasks.service_smoke`);
4. **mypy**: ``mypy --strict`` on the generated package (``--no-mypy`` skips it).

Each service is checked apart (its own tree, its own processes), two at a time
by default. ``--report FILE`` writes the table and the figures as Markdown.
The CI sample (``tests/codegen/test_service_sample.py``) runs the same checks.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import botocore
from botocore.loaders import Loader

from codegen.diagnostics import Level
from codegen.generate import generate_tree
from codegen.pin import pin_service
from codegen.sources import link_hand_written
from codegen.write import write_tree

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("pin", "generate", "import", "mypy")
MYPY_TIMEOUT = 900
SMOKE_TIMEOUT = 600


@dataclass
class Report:
    service: str
    protocol: str = ""
    passed: list[str] = field(default_factory=list)
    failed: str | None = None
    """The stage that failed, if one did."""
    problem: str = ""
    seconds: dict[str, float] = field(default_factory=dict)
    files: int = 0
    megabytes: float = 0.0
    stub_megabytes: float = 0.0
    warnings: int = 0
    classes: int = 0
    round_tripped: int = 0
    undrawn: int = 0
    """Structures the test data generator could not draw values for (skipped)."""
    stubbed: str | None = None

    @property
    def ok(self) -> bool:
        return self.failed is None


def _run(command: list[str], *, timeout: int, env: dict[str, str]) -> tuple[bool, str, str]:
    """Whether ``command`` succeeded, its standard output, and all it printed."""
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, env=env, check=False
        )
    except subprocess.TimeoutExpired:
        return False, "", f"timed out after {timeout} s"
    return done.returncode == 0, done.stdout, (done.stdout + done.stderr).strip()


def check_service(service: str, workdir: Path, *, mypy: bool = True) -> Report:
    """Every stage for one service, in ``workdir`` (kept: the generated tree is there)."""
    report = Report(service)
    shapes, out = workdir / "shapes", workdir / "out" / service
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(out), str(ROOT)])}

    def stage(name: str, started: float, problem: str | None = None) -> bool:
        report.seconds[name] = round(time.perf_counter() - started, 2)
        if problem is None:
            report.passed.append(name)
            return True
        report.failed, report.problem = name, problem[-3000:]
        return False

    started = time.perf_counter()
    try:
        pin_service(service, shapes)
    except Exception as error:  # reported, as every stage's failure
        stage("pin", started, f"{type(error).__name__}: {error}")
        return report
    report.protocol = json.loads((shapes / service / "service-2.json").read_text())["metadata"].get(
        "protocol", ""
    )
    stage("pin", started)

    started = time.perf_counter()
    try:
        result = generate_tree(shapes, [service])
    except Exception as error:
        stage("generate", started, f"{type(error).__name__}: {error}")
        return report
    errors = [str(d) for d in result.diagnostics if d.level is Level.ERROR]
    report.warnings = sum(1 for d in result.diagnostics if d.level is Level.WARNING)
    if errors:
        stage("generate", started, f"{len(errors)} errors: " + "; ".join(errors[:5]))
        return report
    write_tree(result.tree, out)
    link_hand_written(out)  # the tree's botoshapes package hides the repository's
    report.files = len(result.tree)
    report.megabytes = round(sum(len(b) for b in result.tree.values()) / 1e6, 2)
    report.stub_megabytes = round(
        sum(len(b) for p, b in result.tree.items() if p.endswith(".pyi")) / 1e6, 2
    )
    stage("generate", started)

    started = time.perf_counter()
    command = [sys.executable, "-m", "tasks.service_smoke", str(shapes), service]
    ok, printed, output = _run(command, timeout=SMOKE_TIMEOUT, env=env)
    lines = printed.strip().splitlines()
    if not ok or not lines:
        stage("import", started, output or "printed nothing")
        return report
    try:
        found = json.loads(lines[-1])  # the smoke's report, its last line
    except ValueError:
        stage("import", started, f"no report on the last line: {output}")
        return report
    report.classes, report.stubbed = found["classes"], found["stubbed"]
    report.round_tripped, report.undrawn = len(found["round_tripped"]), len(found["undrawn"])
    stage("import", started)

    if mypy:
        started = time.perf_counter()
        command = [
            *(sys.executable, "-m", "mypy", "--strict", "--no-incremental"),
            *("--config-file", str(ROOT / "pyproject.toml")),
            *("--cache-dir", os.devnull, str(out / "botoshapes")),
        ]
        ok, _, output = _run(command, timeout=MYPY_TIMEOUT, env=env)
        stage("mypy", started, None if ok else output)
    return report


def _one(args: tuple[str, str, bool]) -> Report:
    service, workdir, mypy = args
    return check_service(service, Path(workdir) / service, mypy=mypy)


def check_all(
    services: Iterable[str], workdir: Path, *, jobs: int = 2, mypy: bool = True
) -> Iterable[Report]:
    todo = [(s, str(workdir), mypy) for s in services]
    with ProcessPoolExecutor(max_workers=jobs, max_tasks_per_child=1) as pool:
        yield from pool.map(_one, todo)


def markdown(reports: list[Report], mypy: bool, wall_seconds: float) -> str:
    stages = [s for s in STAGES if mypy or s != "mypy"]
    passed = Counter(s for r in reports for s in r.passed)
    spent = {s: [r.seconds[s] for r in reports if s in r.seconds] for s in stages}
    largest = max(reports, key=lambda r: r.megabytes)
    lines = [
        "# Every botocore service through the generator",
        "",
        f"`nox -s all-services` on botocore {botocore.__version__}, {datetime.date.today()},"
        f" {os.cpu_count()} cores: {len(reports)} services, each pinned, generated,"
        " imported in its own process (every class built, a few structures round-tripped,"
        " one operation through botocore's Stubber) and checked with `mypy --strict`, two"
        f" at a time; {wall_seconds / 60:.0f} minutes in all.",
        "",
        "| stage | services that pass it | seconds in all | the slowest |",
        "|---|---|---|---|",
        *(
            f"| {s} | {passed[s]} / {len(reports)} | {sum(spent[s]):,.0f} "
            f"| {max(spent[s], default=0):g} |"
            for s in stages
        ),
        "",
        f"Generated: {sum(r.files for r in reports):,} files,"
        f" {sum(r.megabytes for r in reports):,.1f} MB"
        f" ({sum(r.stub_megabytes for r in reports):,.1f} MB of typing stubs),"
        f" {sum(r.classes for r in reports):,} classes;"
        f" the largest is {largest.service} ({largest.megabytes} MB, {largest.classes:,}"
        f" classes). {sum(r.round_tripped for r in reports):,} structures round-tripped;"
        f" {sum(r.undrawn for r in reports):,} skipped where the test data generator could"
        f" not draw them; {sum(1 for r in reports if r.stubbed)} services sent one"
        " operation through the Stubber (in the others, every operation streams, has host"
        " labels or takes an ARN that chooses the endpoint, or has dicts the test data"
        " generator cannot draw).",
        "",
        "| service | protocol | result | files | MB (stub) | warnings | classes | seconds"
        f" ({' + '.join(stages)}) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in reports:
        result = "ok" if r.ok else f"**{r.failed}**: {r.problem.splitlines()[0][:120]}"
        seconds = " + ".join(f"{r.seconds[s]:g}" for s in stages if s in r.seconds)
        lines.append(
            f"| {r.service} | {r.protocol} | {result.replace('|', '/')} | {r.files} "
            f"| {r.megabytes} ({r.stub_megabytes}) | {r.warnings} | {r.classes} | {seconds} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nox -s all-services --", description=__doc__)
    parser.add_argument("services", nargs="*", help="botocore's names (default: --all)")
    parser.add_argument("--all", action="store_true", help="every service botocore has")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-mypy", dest="mypy", action="store_false")
    parser.add_argument("--report", type=Path, help="write the Markdown table here")
    parser.add_argument("--json", type=Path, help="write every report as JSON lines here")
    parser.add_argument("--keep", type=Path, help="generate here (kept) instead of a temp dir")
    args = parser.parse_args(argv)
    services = args.services or sorted(Loader().list_available_services("service-2"))
    reports: list[Report] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="all-services-") as scratch:
        workdir = args.keep or Path(scratch)
        for report in check_all(services, workdir, jobs=args.jobs, mypy=args.mypy):
            reports.append(report)
            status = "ok" if report.ok else f"FAILED at {report.failed}"
            first = report.problem.splitlines()[0][:160] if report.problem else ""
            print(f"{report.service:<40} {status} {first}", flush=True)
            if args.json:
                with args.json.open("a") as sink:
                    sink.write(json.dumps(asdict(report)) + "\n")
    failed = [r for r in reports if not r.ok]
    print(f"{len(reports) - len(failed)} / {len(reports)} services pass every stage")
    if args.report:
        args.report.write_text(markdown(reports, args.mypy, time.perf_counter() - started))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
