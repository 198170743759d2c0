"""Developer tasks: ``nox -s codegen`` regenerates the SDK, ``nox -s tests`` runs CI's checks."""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import secrets
import shutil
import time
from pathlib import Path

import nox
from nox.command import CommandFailed

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["tests"]

PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHON = "3.11"
VERSION = re.compile(r"\d+\.\d+\.\d+")
HAND_WRITTEN = ["src", "codegen", "tasks", "tests", "bench", "demo", "noxfile.py"]
# The development project with every extra SageMaker's wheel has (moto, matplotlib, PyYAML, rich).
DEV_PROJECT = ".[local,plot,yaml,display]"
FUZZED = ["tests/runtime/test_properties.py", "tests/runtime/test_any_input.py"]
# Read by tests/conftest.py (which nox cannot import: it needs pytest).
FUZZ_EXAMPLES = "BOTOSHAPES_FUZZ_EXAMPLES"
FUZZ_UNTIL = "BOTOSHAPES_FUZZ_UNTIL"
FUZZ_MINUTES = "BOTOSHAPES_FUZZ_MINUTES"


def install_groups(session: nox.Session, *groups: str, project: str | None = None) -> None:
    """The dependency groups' pins and, in the same resolution (so that the pins hold: the
    codegen group's botocore, not the newest one boto3 would bring), the development
    project as an editable install: ``project`` is ``"."`` or ``".[local]"``."""
    requirements: list[str] = []
    for group in groups:
        requirements += nox.project.dependency_groups(PYPROJECT, group)
    session.install(*requirements, *(["-e", project] if project else []))


@nox.session(python=PYTHON)
def demo(session: nox.Session) -> None:
    """Deployments through the typed facade on the local SageMaker (moto, extended).

    ``-- --region R --role-arn ARN --image URI`` runs it against AWS instead.
    """
    # [local]: the local server (moto); [plot]: the chart of the canary update's plan;
    # [display]: botoshapes deploy's live display on a terminal
    session.install("-e", ".[local,plot,display]")
    session.run("python", "-m", "demo", *(session.posargs or ["--local"]))


@nox.session(python=PYTHON)
def codegen(session: nox.Session) -> None:
    """Regenerate generated/ from shapes/ and print a summary; ``-- --check`` only compares."""
    install_groups(session, "codegen")
    session.run("python", "-m", "codegen", *session.posargs)


@nox.session(python=PYTHON)
def shapes(session: nox.Session) -> None:
    """Pin the newest botocore's service models into shapes/: ``-- [VERSION] [SERVICE...]``
    (``-- 1.44.5 sagemaker athena``; default: the newest release, sagemaker)."""
    versions = [a for a in session.posargs if VERSION.fullmatch(a)]
    services = [a for a in session.posargs if not VERSION.fullmatch(a)] or ["sagemaker"]
    if len(versions) > 1:
        session.error(f"one botocore version at a time, not {', '.join(versions)}")
    session.install("botocore" + (f"=={versions[0]}" if versions else ""), "--upgrade")
    replaced: dict[str, tuple[Path, str]] = {}
    for service in services:
        pinned = Path("shapes", service, "service-2.json")
        if pinned.exists():
            kept = Path(session.create_tmp()) / f"{service}.service-2.json"
            shutil.copyfile(pinned, kept)
            was = json.loads(pinned.with_name("manifest.json").read_text())["botocore_version"]
            replaced[service] = (kept, was)
    session.run("python", "-m", "codegen.pin", *services)
    for service, (kept, was) in replaced.items():
        pinned = Path("shapes", service, "service-2.json")
        now = json.loads(pinned.with_name("manifest.json").read_text())["botocore_version"]
        session.log(f"what changed in {service}, against the shapes it replaced:")
        session.run(
            "python", "-m", "codegen.changelog", str(kept), str(pinned),
            "--date", datetime.date.today().strftime("%Y/%m/%d"),
            "--record", "docs/api-changes.md", "--title", f"botocore {was} -> {now}",
        )  # fmt: skip
    session.log("now run `nox -s codegen` and review the diff of shapes/ and generated/")


@nox.session(python=PYTHON)
def build(session: nox.Session) -> None:
    """Wheels into dist/: the shared runtime ``botoshapes`` and ``botoshapes-<service>`` for each
    service named: ``-- sagemaker s3 lambda`` (a service not pinned in shapes/ is pinned from
    the botocore of the codegen group for the build only); ``--out DIR`` elsewhere."""
    if not session.posargs:
        session.error("name the services: nox -s build -- sagemaker s3")
    install_groups(session, "codegen")
    session.run("python", "-m", "codegen.distributions", *session.posargs)


@nox.session(python=PYTHON)
def changelog(session: nox.Session) -> None:
    """What changed between two SageMaker models: ``-- OLD NEW`` (service-2.json files) or
    ``-- --botocore 1.22.12 1.23.0``; ``--json`` for JSON."""
    session.run("python", "-m", "codegen.changelog", *session.posargs)


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Everything CI enforces: ruff, mypy --strict, the generated/ drift check, pytest."""
    install_groups(session, "codegen", "test", "lint", project=DEV_PROJECT)
    session.run("ruff", "format", "--check", *HAND_WRITTEN)
    session.run("ruff", "check", *HAND_WRITTEN)
    # src/ is the whole package (its links reach the generated modules): one strict run
    session.run("mypy", *HAND_WRITTEN)
    session.run("python", "-m", "codegen", "--check")
    session.run("pytest", *session.posargs)


def _fuzz_options(posargs: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="nox -s fuzz --")
    parser.add_argument(
        "--minutes",
        type=float,
        default=float(os.environ[FUZZ_MINUTES]) if FUZZ_MINUTES in os.environ else None,
        help="stop after this long (default 10; no limit when replaying a --seed)",
    )
    parser.add_argument(
        "--examples",
        type=int,
        default=int(os.environ.get(FUZZ_EXAMPLES, "500")),
        help="max_examples of each test (default 500; 15 in CI)",
    )
    parser.add_argument("--seed", type=int, help="replay the run that printed this seed")
    options, pytest_args = parser.parse_known_args(posargs)
    if options.minutes is None and options.seed is None:
        options.minutes = 10.0
    return options, pytest_args


@nox.session(python=PYTHON)
def fuzz(session: nox.Session) -> None:
    """The property and any-input tests with many more examples and random seeds.

    ``-- --minutes 30`` runs rounds, each with a new random seed, until the
    time is up (default 10); ``--examples N`` per test (default 500);
    ``--seed S`` replays the round that printed seed S; anything else goes to
    pytest (``tests/runtime/test_properties.py::test_responses_with_unknowns_round_trip[Tag]``,
    ``-k``, ``-x``). ``BOTOSHAPES_FUZZ_MINUTES`` and ``BOTOSHAPES_FUZZ_EXAMPLES``
    set the same as the environment. A failure prints the ``@example(...)``
    that pins it in the suite (each test module's docstring says where).
    """
    options, pytest_args = _fuzz_options(session.posargs)
    install_groups(session, "test", project=DEV_PROJECT)
    targets = [] if any(a.startswith("tests") for a in pytest_args) else FUZZED
    until = time.time() + options.minutes * 60 if options.minutes is not None else None
    env = {"HYPOTHESIS_PROFILE": "fuzz", FUZZ_EXAMPLES: str(options.examples)}
    if until is not None:
        env[FUZZ_UNTIL] = str(until)
    rounds = 0
    while until is None or time.time() < until or rounds == 0:
        rounds += 1
        seed = options.seed if options.seed is not None else secrets.randbelow(2**32)
        replay = f"nox -s fuzz -- --seed {seed} --examples {options.examples}"
        session.log(f"round {rounds}: seed {seed} (replay: {replay} [test ids])")
        try:
            session.run("pytest", f"--hypothesis-seed={seed}", *targets, *pytest_args, env=env)
        except CommandFailed:
            session.error(
                f"round {rounds} (seed {seed}) failed. Pin each failure as the @example its"
                f" report ends with; replay one with: {replay} <test id>"
            )
        if options.seed is not None:
            break
    session.log(f"{rounds} round(s), nothing found")


@nox.session(name="all-services", python=PYTHON)
def all_services(session: nox.Session) -> None:
    """Every service of the pinned botocore through the generator: pin, generate, import
    (classes built, structures round-tripped, one operation through the Stubber) and
    ``mypy --strict``; ``-- SERVICE...`` for some, ``--report docs/all-services.md``."""
    install_groups(session, "codegen", "test", "lint", project=DEV_PROJECT)
    session.run("python", "-m", "tasks.all_services", *(session.posargs or ["--all"]))


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmarks against the peers (installed here only); ``-- --write docs/benchmarks.md``."""
    # codegen: the wheels of bench/installed.py
    install_groups(session, "bench", "codegen", project=".[local]")
    session.run("python", "-m", "bench", *session.posargs)


@nox.session(python=PYTHON)
def fmt(session: nox.Session) -> None:
    """Format and autofix the hand-written code."""
    install_groups(session, "lint")
    session.run("ruff", "format", *HAND_WRITTEN)
    session.run("ruff", "check", "--fix", *HAND_WRITTEN)
