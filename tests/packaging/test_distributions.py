"""The wheels ``nox -s build`` makes: the runtime ``botoshapes`` and one distribution per
service, installed side by side by pip (from the wheels alone, no index), sharing one runtime,
importable and type-checked by mypy; a service not installed is not there."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from codegen.distributions import Distribution, build_wheel, runtime_requirements, version
from codegen.services.sagemaker import MOTO
from codegen.sources import hand_written

pytestmark = pytest.mark.slow  # builds and installs wheels

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated" / "botoshapes"
SERVICES = ("sagemaker", "sagemaker-runtime")


def _metadata(wheel: Path) -> tuple[str, list[str]]:
    """The wheel's distribution name and the paths of its package files."""
    with zipfile.ZipFile(wheel) as archive:
        info = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        name = Parser().parsestr(archive.read(info).decode())["Name"]
        files = [n for n in archive.namelist() if ".dist-info/" not in n]
    return name, files


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "codegen.distributions", "--out", str(out), *SERVICES],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    return {_metadata(w)[0]: w for w in sorted(out.glob("*.whl"))}


def _read(wheel: Path, member: str) -> str:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(member).decode()


def _dist_info(wheel: Path, file: str) -> str:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(f".dist-info/{file}"))
        return archive.read(name).decode()


def test_one_wheel_for_the_runtime_and_one_per_service(wheels: dict[str, Path]) -> None:
    assert sorted(wheels) == [
        "botoshapes",
        "botoshapes-sagemaker",
        "botoshapes-sagemaker-runtime",
    ]


def test_each_wheel_holds_its_own_package_and_nothing_else(wheels: dict[str, Path]) -> None:
    generated = {
        p.relative_to(GENERATED.parent).as_posix(): p.read_bytes()
        for p in GENERATED.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    # the generated and the hand-written files of the package, each once
    committed = generated | hand_written()
    assert len(committed) == len(generated) + len(hand_written())
    runtime = {p for p in committed if not p.startswith("botoshapes/sagemaker/")}
    assert set(_metadata(wheels["botoshapes"])[1]) == runtime
    assert "botoshapes/_runtime/model.py" in runtime
    sagemaker = set(committed) - runtime
    assert "botoshapes/sagemaker/deploy/plan.py" in sagemaker
    # What ships is what is committed (generated and drift-checked, or hand-written), byte
    # for byte: a hand-written module without the generator's header.
    assert set(_metadata(wheels["botoshapes-sagemaker"])[1]) == sagemaker
    for name, paths in (("botoshapes", runtime), ("botoshapes-sagemaker", sagemaker)):
        with zipfile.ZipFile(wheels[name]) as archive:
            assert all(archive.read(p) == committed[p] for p in paths)
    other = _metadata(wheels["botoshapes-sagemaker-runtime"])[1]
    assert other
    assert all(p.startswith("botoshapes/sagemaker_runtime/") for p in other)
    assert "botoshapes/sagemaker_runtime/__init__.pyi" in other


def test_metadata(wheels: dict[str, Path]) -> None:
    def requires(name: str) -> list[str]:
        return Parser().parsestr(_dist_info(wheels[name], "METADATA")).get_all("Requires-Dist", [])

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert version() == project["version"]
    assert runtime_requirements() == project["dependencies"]
    assert _canonical(requires("botoshapes")) == _canonical(project["dependencies"])
    # The runtime it was generated with, and a botocore that has every operation of its model.
    base = [f"botoshapes=={project['version']}", "botocore>=1.44.5"]
    assert _canonical(requires("botoshapes-sagemaker-runtime")) == _canonical(base)
    sagemaker = requires("botoshapes-sagemaker")
    assert _canonical([r for r in sagemaker if "extra ==" not in r]) == _canonical(base)
    extras = {r.split("extra == ")[1].strip("'") for r in sagemaker if "extra ==" in r}
    assert extras == {"local", "plot", "yaml", "display"}
    assert f"{MOTO}; extra == 'local'" in [r.replace('"', "'") for r in sagemaker]
    assert "botoshapes = botoshapes.sagemaker.deploy.cli:main" in _dist_info(
        wheels["botoshapes-sagemaker"], "entry_points.txt"
    )
    readme = Parser().parsestr(_dist_info(wheels["botoshapes-sagemaker-runtime"], "METADATA"))
    assert 'boto3.client("sagemaker-runtime")' in readme.get_payload()


def _canonical(requirements: list[str]) -> set[str]:
    return {str(Requirement(r)) for r in requirements}


def _install(wheels: list[Path], target: Path) -> None:
    """pip, from these wheels only: nothing is fetched."""
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-index", "--no-deps",
         "--disable-pip-version-check", "--target", str(target), *map(str, wheels)],
        check=True,
    )  # fmt: skip


def _run(target: Path, *command: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``command`` with the installed wheels first on the path, before the repository's."""
    env = os.environ | {"PYTHONPATH": str(target), "MYPYPATH": str(target)}
    return subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, check=False)


SHARED = """
import botoshapes
from botoshapes._runtime import ShapeModel
from botoshapes.sagemaker import ProductionVariant
from botoshapes.sagemaker_runtime import InvokeEndpointInput, SageMakerRuntimeClient

print(botoshapes.SERVICES)
print(botoshapes.__file__)
print(issubclass(ProductionVariant, ShapeModel), issubclass(InvokeEndpointInput, ShapeModel))
print(SageMakerRuntimeClient.__module__)
"""


def test_installed_side_by_side_they_share_one_runtime(
    wheels: dict[str, Path], tmp_path: Path
) -> None:
    _install(list(wheels.values()), tmp_path)
    run = _run(tmp_path, sys.executable, "-c", SHARED)
    assert run.returncode == 0, run.stderr
    services, init, shared, client = run.stdout.splitlines()
    assert services == "('sagemaker', 'sagemaker_runtime')"
    assert init == str(tmp_path / "botoshapes" / "__init__.py")
    assert shared == "True True"
    assert client == "botoshapes.sagemaker_runtime._client"


USER = """
from botoshapes.sagemaker import ProductionVariant
from botoshapes.sagemaker_runtime import InvokeEndpointInput

variant = ProductionVariant(variant_name="blue", model_name="m", initial_instance_count=1)
invoke = InvokeEndpointInput(endpoint_name="e", body=b"{}")
wrong = ProductionVariant(variant_name="blue", model_name="m", initial_instance_count="1")
"""


def test_mypy_reads_the_installed_stubs(wheels: dict[str, Path], tmp_path: Path) -> None:
    _install(list(wheels.values()), tmp_path / "site")
    (tmp_path / "user.py").write_text(textwrap.dedent(USER))
    run = _run(
        tmp_path / "site",
        sys.executable, "-m", "mypy", "--strict", "--no-incremental", "user.py",
        cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 1, run.stdout
    # One error, where the wrong type is: the stubs of both services were read.
    assert run.stdout.splitlines()[0].startswith("user.py:7: error: Argument ")
    assert (
        '"initial_instance_count" to "ProductionVariant" has incompatible type "str"' in run.stdout
    )
    assert "Found 1 error in 1 file" in run.stdout


def test_a_service_not_installed_is_not_there(wheels: dict[str, Path], tmp_path: Path) -> None:
    _install([wheels["botoshapes"], wheels["botoshapes-sagemaker-runtime"]], tmp_path)
    assert not (tmp_path / "botoshapes" / "sagemaker").exists()
    script = "import botoshapes; print(botoshapes.SERVICES); import botoshapes.sagemaker"
    run = _run(tmp_path, sys.executable, "-c", script)
    assert run.stdout == "('sagemaker_runtime',)\n"
    assert "No module named 'botoshapes.sagemaker'" in run.stderr


def test_an_unknown_service_is_refused_before_anything_is_built(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "codegen.distributions", "--out", str(tmp_path), "S3", "sagemaker"],
        cwd=tmp_path,  # the repository's shapes are found from anywhere
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert run.stderr.strip() == "botocore 1.44.5 has no service 'S3' (did you mean s3?)"
    assert list(tmp_path.iterdir()) == []


def test_a_wheel_is_the_same_bytes_each_build(tmp_path: Path) -> None:
    files = {"botoshapes/__init__.py": b'"""A package."""\n', "pyproject.toml": b""}
    project = (
        b'[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
        b'[project]\nname = "botoshapes"\nversion = "0.1.0"\n'
        b'[tool.hatch.build.targets.wheel]\nonly-include = ["botoshapes"]\n'
    )
    files["pyproject.toml"] = project
    first = build_wheel(Distribution("botoshapes", files), tmp_path / "a", tmp_path / "s1")
    second = build_wheel(Distribution("botoshapes", files), tmp_path / "b", tmp_path / "s2")
    assert first.read_bytes() == second.read_bytes()
