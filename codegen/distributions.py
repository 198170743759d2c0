"""Wheels: the runtime every service shares, and one distribution per service.

``python -m codegen.distributions SERVICE... [--out dist]`` (wrapped by
``nox -s build``) generates each service from its pin in ``shapes/`` (a service
not pinned there is pinned into a scratch folder from the installed botocore,
which the ``codegen`` dependency group fixes) and writes:

- ``botoshapes``: ``botoshapes/__init__.py``, ``botoshapes/_runtime`` and
  ``py.typed``; it depends on pydantic and boto3;
- ``botoshapes-<service>`` (botocore's name: ``botoshapes-sagemaker-runtime``):
  ``botoshapes/<package>`` alone, depending on ``botoshapes`` at the same version and on
  the botocore release its model was pinned from, or a newer one (an older botocore may
  lack operations the typed client offers).

Distributions of different services therefore install side by side into one
``botoshapes`` package, share its runtime, and a type checker reads only the
services installed. A wheel holds the generated files and the hand-written ones of
its package (``src/botoshapes/_runtime`` in the runtime's, ``src/botoshapes/<package>``
in a service's); a service's extras and commands come from its customization
(:mod:`codegen.services`).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import tomllib
from collections.abc import Mapping
from contextlib import chdir
from pathlib import Path
from typing import Any

from attrs import frozen
from jinja2 import Environment

from . import ir
from .diagnostics import has_errors
from .emit.contexts import Counts, DistributionContext, render
from .emit.package import environment
from .generate import generate_tree
from .pin import pin_service, refuse_unknown
from .services import customization
from .sources import SOURCE_ROOT, package_files
from .write import write_tree

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_DISTRIBUTION = "botoshapes"


def _project_table() -> dict[str, Any]:
    return dict(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"])


def version() -> str:
    """The generator's version (the project's), which every distribution it builds carries."""
    return str(_project_table()["version"])


def runtime_requirements() -> list[str]:
    """The project's dependencies: the runtime's."""
    return [str(r) for r in _project_table()["dependencies"]]


@frozen
class Distribution:
    name: str
    files: Mapping[str, bytes]
    """Paths inside the project folder: the package's files, ``pyproject.toml``, ``README.md``."""


def split(
    tree: Mapping[str, bytes], services: list[ir.Service], sources: Path = SOURCE_ROOT
) -> list[Distribution]:
    """The generated ``tree`` and the hand-written files under ``sources`` as the runtime's
    distribution and one per service (a service not named has none of its files shipped)."""
    env = environment()
    packages = {f"botoshapes/{s.module}/": s for s in services}
    files: dict[str, dict[str, bytes]] = {prefix: {} for prefix in ("", *packages)}
    shipped = package_files(("botoshapes/_runtime/", *packages), sources)
    for path, data in sorted({**tree, **shipped}.items()):
        if path.startswith("botoshapes/"):  # not docs/
            owner = next((p for p in packages if path.startswith(p)), "")
            files[owner][path] = data
    dists = [_project(env, files[""], None)]
    dists += [_project(env, files[prefix], service) for prefix, service in packages.items()]
    return dists


def _project(
    env: Environment, files: Mapping[str, bytes], service: ir.Service | None
) -> Distribution:
    """``files`` with the ``pyproject.toml`` and ``README.md`` of the runtime (no ``service``)
    or of ``service``'s distribution."""
    release = version()
    if service is None:
        context = DistributionContext(
            name=RUNTIME_DISTRIBUTION,
            package="botoshapes",
            description="The runtime that botoshapes' typed AWS service models share",
            dependencies=tuple(runtime_requirements()),
            version=release,
            service=None,
            counts=None,
            customization=None,
        )
    else:
        context = DistributionContext(
            name=f"{RUNTIME_DISTRIBUTION}-{service.service_name}",
            package=f"botoshapes/{service.module}",
            description=f"Typed, immutable models and a typed client for {service.title}",
            # the runtime it was generated with, and a botocore with every operation of its model
            dependencies=(
                f"{RUNTIME_DISTRIBUTION}=={release}",
                f"botocore>={service.botocore_version}",
            ),
            version=release,
            service=service,
            counts=Counts.of(service),
            customization=customization(service.module),
        )
    project = render(env, "dist/pyproject.toml.jinja2", context)
    readme = render(env, "dist/README.md.jinja2", context)
    return Distribution(
        context.name, {**files, "pyproject.toml": project.encode(), "README.md": readme.encode()}
    )


def build_wheel(distribution: Distribution, out: Path, scratch: Path) -> Path:
    """Write ``distribution`` into ``scratch`` and build its wheel into ``out``."""
    from hatchling.build import build_wheel as hatchling_wheel  # noqa: PLC0415

    project = scratch / distribution.name
    write_tree(distribution.files, project)
    out.mkdir(parents=True, exist_ok=True)
    with chdir(project):  # a PEP 517 backend builds the project in the working directory
        name = hatchling_wheel(str(out.resolve()))
    return out / name


def pinned_shapes(services: list[str], shapes: Path, scratch: Path) -> Path:
    """A shapes folder with every service in it: the pins of ``shapes``, then fresh ones."""
    folder = scratch / "shapes"
    for service in services:
        if (shapes / service / "service-2.json").exists():
            shutil.copytree(shapes / service, folder / service)
        else:
            manifest = pin_service(service, folder)
            print(f"{service}: not pinned in {shapes}; pinned from botocore "
                  f"{manifest['botocore_version']} for this build", file=sys.stderr)  # fmt: skip
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen.distributions", description=__doc__)
    parser.add_argument("--shapes", type=Path, default=ROOT / "shapes", help="pinned models")
    parser.add_argument("--out", type=Path, default=Path("dist"), help="where the wheels go")
    parser.add_argument("services", nargs="+", help="botocore's names: sagemaker s3 lambda")
    args = parser.parse_args(argv)
    if refuse_unknown([s for s in args.services if not (args.shapes / s).is_dir()]):
        return 2
    with tempfile.TemporaryDirectory(prefix="botoshapes-build-") as tmp:
        scratch = Path(tmp)
        result = generate_tree(pinned_shapes(args.services, args.shapes, scratch), args.services)
        if has_errors(result.diagnostics):
            for diagnostic in result.diagnostics:
                print(diagnostic, file=sys.stderr)
            print("codegen: errors above; no wheel built", file=sys.stderr)
            return 1
        for distribution in split(result.tree, result.services):
            wheel = build_wheel(distribution, args.out, scratch)
            print(f"{wheel} ({wheel.stat().st_size / 1e3:,.0f} kB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
