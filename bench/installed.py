"""mypy --strict, cold, on a file that uses a few shapes of one service, with that service's
wheels installed (``nox -s build``'s: the runtime and the service), against the same file on
types-boto3's TypedDicts. A service's size is what its users' cold checks pay for."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from codegen.distributions import main as build_wheels

from .typecheck import mypy_cold

SERVICES = ("sagemaker", "ec2")
OURS = {
    "sagemaker": """\
from botoshapes.sagemaker import DeploymentConfig, ProductionVariant, ProductionVariantInstanceType

variant = ProductionVariant(
    variant_name="blue",
    model_name="m",
    instance_type=ProductionVariantInstanceType.ML_M5_XLARGE,
    initial_instance_count=1,
)


def rollback_alarms(config: DeploymentConfig) -> int:
    rollback = config.auto_rollback_configuration
    return len(rollback.alarms or ()) if rollback else 0
""",
    "ec2": """\
from botoshapes.ec2 import Filter, Instance, InstanceType

filters = [Filter(name="instance-type", values=[InstanceType.T3_MICRO])]


def first_id(instances: list[Instance]) -> str | None:
    return instances[0].instance_id if instances else None
""",
}
THEIRS = {
    "sagemaker": """\
from types_boto3_sagemaker.type_defs import DeploymentConfigTypeDef, ProductionVariantTypeDef

variant: ProductionVariantTypeDef = {
    "VariantName": "blue",
    "ModelName": "m",
    "InstanceType": "ml.m5.xlarge",
    "InitialInstanceCount": 1,
}


def rollback_alarms(config: DeploymentConfigTypeDef) -> int:
    return len(config.get("AutoRollbackConfiguration", {}).get("Alarms", []))
""",
    "ec2": """\
from types_boto3_ec2.type_defs import FilterTypeDef, InstanceTypeDef

filters: list[FilterTypeDef] = [{"Name": "instance-type", "Values": ["t3.micro"]}]


def first_id(instances: list[InstanceTypeDef]) -> str | None:
    return instances[0].get("InstanceId") if instances else None
""",
}


@contextmanager
def installed_services() -> Iterator[dict[str, Path]]:
    """Folders with the runtime and one service installed (pip, from the built wheels), by
    service; ``"all"``: every service of :data:`SERVICES` side by side."""
    with tempfile.TemporaryDirectory(prefix="botoshapes-bench-") as tmp:
        work = Path(tmp)
        if build_wheels(["--out", str(work / "dist"), *SERVICES]) != 0:
            raise RuntimeError("the wheels did not build")
        runtime = next((work / "dist").glob("botoshapes-*.whl"))
        folders: dict[str, Path] = {}
        for service in (*SERVICES, "all"):
            pattern = "botoshapes_*.whl" if service == "all" else f"botoshapes_{service}-*.whl"
            wheels = [runtime, *(work / "dist").glob(pattern)]
            folders[service] = work / "site" / service
            subprocess.run(
                [sys.executable, "-m", "pip", "install", "-q", "--no-index", "--no-deps",
                 "--disable-pip-version-check", "--target", str(folders[service]),
                 *map(str, wheels)],
                check=True,
            )  # fmt: skip
        yield folders


def user_file(folder: Path, name: str, code: str) -> Path:
    """A directory holding one user module."""
    target = folder / name
    target.mkdir()
    (target / "user.py").write_text(code)
    return target


def cold_checks() -> dict[str, tuple[float, float | None]]:
    """Seconds, ours and types-boto3's (``None``: no such row), by row label."""
    rows: dict[str, tuple[float, float | None]] = {}
    with installed_services() as site, tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for service in SERVICES:
            ours = user_file(work, f"ours_{service}", OURS[service])
            theirs = user_file(work, f"theirs_{service}", THEIRS[service])
            rows[f"{service} installed, a file using a few of its shapes"] = (
                mypy_cold(ours, installed=site[service]),
                mypy_cold(theirs),
            )
        ec2 = work / "ours_ec2"
        rows[f"{', '.join(SERVICES)} installed, the ec2 file"] = (
            mypy_cold(ec2, installed=site["all"]),
            None,
        )
        runtime = user_file(work, "runtime_only", "import botoshapes\n")
        rows["for reference: the runtime alone (`import botoshapes`)"] = (
            mypy_cold(runtime, installed=site[SERVICES[0]]),
            None,
        )
    return rows
