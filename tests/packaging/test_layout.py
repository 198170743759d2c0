"""Where the code lives: hand-written code that ships once, at its import path under ``src/``;
``generated/`` only what the generator writes, linked into ``src/`` so that the tools see one
package; ``codegen/`` nothing that ships; each service's customization in one typed place,
which the development project agrees with."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from codegen.generate import generate_tree
from codegen.services import registered
from codegen.services.sagemaker import MOTO
from codegen.sources import (
    SOURCE_ROOT,
    expected_links,
    hand_written,
    link_hand_written,
    links,
    overlaps,
)
from codegen.write import HEADER, write_tree

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated"


def _module(path: str) -> str:
    return path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def _generated_files() -> dict[str, bytes]:
    return {
        p.relative_to(GENERATED).as_posix(): p.read_bytes()
        for p in sorted(GENERATED.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_no_hand_written_module_is_also_in_generated() -> None:
    generated = _generated_files()
    assert overlaps(generated) == []
    # nor a copy of one under another name: the bodies of generated files, less the header
    bodies = {data.removeprefix(f"{HEADER}\n".encode()) for data in generated.values()}
    copies = [path for path, data in hand_written().items() if data in bodies]
    assert copies == []


def test_src_links_every_generated_entry_beside_the_hand_written_ones() -> None:
    """``src/botoshapes`` is the whole package: hand-written files, and a relative link to each
    generated entry in the same folders (``ln -s ../../generated/botoshapes/__init__.py``)."""
    assert links() == expected_links()
    assert all(not target.startswith("/") for target in links().values())
    assert all((SOURCE_ROOT / link).exists() for link in links())
    # the linters leave the links to generated code alone
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    excluded = set(config["tool"]["ruff"]["extend-exclude"])
    assert {f"src/{link}" for link in links()} <= excluded


def test_the_links_are_made_by_the_build_and_never_committed() -> None:
    """Committed, each link would read as a copy of a generated file to a tool that follows
    it; the project's build makes them (codegen/build_hook.py)."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        ["git", "ls-files", "-s", "src"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert [line for line in tracked if line.startswith("120000")] == []
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", *(f"src/{link}" for link in expected_links())],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    assert sorted(ignored) == sorted(f"src/{link}" for link in expected_links())


def test_the_hand_written_modules_are_what_python_imports() -> None:
    modules = {_module(p): SOURCE_ROOT / p for p in hand_written() if p.endswith(".py")}
    assert "botoshapes._runtime.model" in modules
    assert "botoshapes.sagemaker.deploy.plan" in modules
    for name, path in sorted(modules.items()):
        spec = importlib.util.find_spec(name)
        assert spec is not None, name
        assert spec.origin == str(path), name


def test_shipped_code_never_imports_the_generator() -> None:
    imports = re.compile(r"^\s*(from|import) codegen\b", re.M)
    shipped = {**hand_written(), **_generated_files()}
    assert [p for p, data in shipped.items() if imports.search(data.decode(errors="replace"))] == []


def test_each_hand_written_package_has_its_customization() -> None:
    folders = {
        p.name
        for p in (SOURCE_ROOT / "botoshapes").iterdir()
        if p.is_dir() and not p.is_symlink() and p.name not in {"_runtime", "__pycache__"}
    }
    # a customization without modules only corrects its model (codegen/services/corrections.py)
    assert {c.package for c in registered() if c.modules()} == folders
    for custom in registered():
        package = SOURCE_ROOT / "botoshapes" / custom.package
        for module in custom.modules():
            path = package / module.replace(".", "/")
            assert path.with_suffix(".py").is_file() or (path / "__init__.py").is_file(), module


def _project() -> dict[str, object]:
    return dict(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"])


def test_the_development_project_has_sagemakers_extras_and_command() -> None:
    """What the dev project's editable install offers is what the SageMaker wheel offers."""
    (sagemaker,) = (c for c in registered() if c.package == "sagemaker")
    project = _project()
    assert project["optional-dependencies"] == {
        e.name: list(e.requirements) for e in sagemaker.extras
    }
    assert project["scripts"] == {s.name: s.target for s in sagemaker.scripts}


def test_the_moto_release_is_written_once() -> None:
    """The local server names the moto release it extends (and warns about another); the
    SageMaker wheel's ``local`` extra is read from there; the development project's TOML
    repeats it, tied above; the test and bench environments install that extra."""
    from botoshapes.sagemaker.local import MOTO_VERSION  # noqa: PLC0415

    assert f"moto[server]=={MOTO_VERSION}" == MOTO
    python = [*SOURCE_ROOT.rglob("*.py"), *(ROOT / "codegen").rglob("*.py"), ROOT / "noxfile.py"]
    written = [p for p in python if not p.is_symlink() and MOTO_VERSION in p.read_text()]
    assert written == [SOURCE_ROOT / "botoshapes/sagemaker/local/server.py"]
    assert (ROOT / "pyproject.toml").read_text().count(MOTO_VERSION) == 1


@pytest.mark.slow
def test_an_edit_to_the_runtime_is_seen_without_regenerating(tmp_path: Path) -> None:
    """Renaming a runtime class breaks the toolkit modules that use it, for mypy and for
    Python, with nothing regenerated. (When the runtime was copied into generated/, mypy
    read the stale copy and found nothing wrong.) The edit is made to a copy of src/, put
    ahead of the repository's on both paths."""
    src = tmp_path / "src"
    # the copy's links (../../generated/...) reach the repository's generated/ through this
    (tmp_path / "generated").symlink_to(GENERATED, target_is_directory=True)
    shutil.copytree(SOURCE_ROOT, src, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    rules = src / "botoshapes" / "_runtime" / "rules.py"
    rules.write_text(re.sub(r"\bViolation\b", "RuleViolation", rules.read_text()))
    env = os.environ | {"PYTHONPATH": str(src), "MYPYPATH": str(src)}
    deploy = src / "botoshapes" / "sagemaker" / "deploy"
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental",
         "--cache-dir", str(tmp_path / "cache"), "--explicit-package-bases",
         str(deploy / "rules.py"), str(deploy / "check.py")],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert 'Module "botoshapes._runtime.rules" has no attribute "Violation"' in checked.stdout
    imported = subprocess.run(
        [sys.executable, "-c", "import botoshapes.sagemaker.deploy.rules"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert "cannot import name 'Violation' from 'botoshapes._runtime.rules'" in imported.stderr
    assert str(rules) in imported.stderr


@pytest.mark.slow
def test_sagemaker_generated_elsewhere_imports_with_its_hand_written_modules(
    tmp_path: Path,
) -> None:
    """``nox -s all-services`` writes each service into a scratch tree of its own: SageMaker's
    must get its hand-written modules (the waiter, the toolkit) as well as the runtime."""
    write_tree(generate_tree(ROOT / "shapes", ["sagemaker"]).tree, tmp_path)
    link_hand_written(tmp_path)
    code = (
        "import botoshapes.sagemaker as sm, botoshapes.sagemaker.errors as e\n"
        "from botoshapes import ShapeValidationError\n"
        "print(sm.__file__)\n"
        "print(e.DeploymentRolledBackError.__module__)\n"
        "try:\n"
        "    sm.TrafficRoutingConfig(type='CANARY', wait_interval_in_seconds=600,\n"
        "        canary_size=sm.CapacitySize(type='CAPACITY_PERCENT', value=80))\n"
        "except ShapeValidationError as error:\n"
        "    print('refused:', '[rule canary-size' in str(error))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        env=os.environ | {"PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    init, module, refused = run.stdout.splitlines()
    assert init == str(tmp_path / "botoshapes" / "sagemaker" / "__init__.py")
    assert module == "botoshapes.sagemaker._deployment"
    assert refused == "refused: True"
