"""Developer tasks: ``nox -s codegen`` regenerates the SDK, ``nox -s tests`` runs CI's checks."""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["tests"]

PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHON = "3.11"
HAND_WRITTEN = ["codegen", "tests", "bench", "demo", "noxfile.py"]


def install_groups(session: nox.Session, *groups: str) -> None:
    requirements: list[str] = []
    for group in groups:
        requirements += nox.project.dependency_groups(PYPROJECT, group)
    session.install(*requirements)


@nox.session(python=PYTHON)
def demo(session: nox.Session) -> None:
    """A canary deployment through the typed facade on an embedded moto server.

    ``-- --region R --role-arn ARN --image URI`` runs it against AWS instead.
    """
    install_groups(session, "demo")
    session.install("-e", ".")
    session.run("python", "-m", "demo", *(session.posargs or ["--local"]))


@nox.session(python=PYTHON)
def codegen(session: nox.Session) -> None:
    """Regenerate generated/ from shapes/ and print a summary; ``-- --check`` only compares."""
    install_groups(session, "codegen")
    session.run("python", "-m", "codegen", *session.posargs)


@nox.session(python=PYTHON)
def shapes(session: nox.Session) -> None:
    """Pin the newest botocore's SageMaker model into shapes/ (``-- 1.44.5``: that release)."""
    version = session.posargs[0] if session.posargs else None
    session.install("botocore" + (f"=={version}" if version else ""), "--upgrade")
    session.run("python", "-m", "codegen.refresh_shapes")
    session.log("now run `nox -s codegen` and review the diff of shapes/ and generated/")


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Everything CI enforces: ruff, mypy --strict, the generated/ drift check, pytest."""
    install_groups(session, "codegen", "test", "lint")
    session.install("-e", ".")
    session.run("ruff", "format", "--check", *HAND_WRITTEN)
    session.run("ruff", "check", *HAND_WRITTEN)
    session.run("mypy", *HAND_WRITTEN)
    session.run("mypy", "generated/botoshapes")
    session.run("python", "-m", "codegen", "--check")
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmarks against the peers (installed here only); ``-- --write docs/benchmarks.md``."""
    install_groups(session, "bench")
    session.install("-e", ".")
    session.run("python", "-m", "bench", *session.posargs)


@nox.session(python=PYTHON)
def fmt(session: nox.Session) -> None:
    """Format and autofix the hand-written code."""
    install_groups(session, "lint")
    session.run("ruff", "format", *HAND_WRITTEN)
    session.run("ruff", "check", "--fix", *HAND_WRITTEN)
