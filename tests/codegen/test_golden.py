"""The generator's output for a tiny hand-written service, diffed file by file.

The expected files live in ``tests/golden/expected/``. After an intended change
to the generator, refresh them with::

    BOTOSHAPES_UPDATE_GOLDEN=1 nox -s tests -- tests/codegen/test_golden.py

and review ``git diff tests/golden/expected`` like any other change.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from mypy import api

from codegen.generate import generate_tree
from codegen.sources import link_hand_written
from codegen.write import owned_paths, write_tree

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
EXPECTED = GOLDEN / "expected"
UPDATE = os.environ.get("BOTOSHAPES_UPDATE_GOLDEN") == "1"


def _emitted() -> dict[str, bytes]:
    result = generate_tree(GOLDEN, ["tiny"])
    assert result.diagnostics == []
    return result.tree


def test_golden_files() -> None:
    emitted = _emitted()
    if UPDATE:
        write_tree(emitted, EXPECTED)
    expected = {
        p.relative_to(EXPECTED).as_posix(): p.read_bytes()
        for p in sorted(EXPECTED.rglob("*"))
        if p.is_file()
    }
    assert sorted(emitted) == sorted(expected)
    for path, data in emitted.items():
        if data != expected[path]:
            diff = difflib.unified_diff(
                expected[path].decode().splitlines(),
                data.decode().splitlines(),
                f"expected/{path}",
                f"emitted/{path}",
                lineterm="",
            )
            pytest.fail("\n".join(diff))


@pytest.fixture(scope="module")
def tiny_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tiny")
    write_tree(generate_tree(GOLDEN, ["tiny"]).tree, out)
    link_hand_written(out)
    return out


def _run(tree: Path, code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=os.environ | {"PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_tiny_package_behaves(tiny_tree: Path) -> None:
    out = _run(
        tiny_tree,
        """
        import botoshapes, datetime
        assert botoshapes.__file__.startswith(TREE)
        from botoshapes.tiny import BaseModel, Tree, Widget, WidgetStatus
        w = Widget(name="w", status="ml.g5.2xlarge", weight=0.0, enabled=False, sizes=[],
                   settings=BaseModel(json_="{}", lambda_=0),
                   layout=Tree(name="a", children=[Tree(name="b", children=[Tree(name="c")])]))
        assert w.status is WidgetStatus.ML_G5_2XLARGE
        boto = w.to_boto()
        assert boto == {"Name": "w", "Status": "ml.g5.2xlarge", "Weight": 0.0, "Enabled": False,
                        "Sizes": [], "Settings": {"Json": "{}", "Lambda": 0},
                        "Layout": {"Name": "a", "Children": [{"Name": "b",
                                   "Children": [{"Name": "c"}]}]}}, boto
        assert Widget.from_boto(boto) == w
        print("ok")
        """.replace("TREE", repr(str(tiny_tree))),
    )
    assert out.strip() == "ok"


def test_tiny_package_passes_mypy_strict(tiny_tree: Path) -> None:
    config = Path(__file__).resolve().parents[2] / "pyproject.toml"
    stdout, stderr, status = api.run(
        ["--config-file", str(config), "--no-incremental", str(tiny_tree / "botoshapes")]
    )
    assert status == 0, stdout + stderr


def test_a_paginator_without_a_limit_key_takes_no_page_size(tmp_path: Path) -> None:
    service = tmp_path / "tiny"
    shutil.copytree(GOLDEN / "tiny", service)
    spec = service / "paginators-1.json"
    pagination = json.loads(spec.read_text())
    del pagination["pagination"]["ListWidgets"]["limit_key"]
    spec.write_text(json.dumps(pagination))
    result = generate_tree(tmp_path, ["tiny"])
    assert result.diagnostics == []
    stub = result.tree["botoshapes/tiny/__init__.pyi"].decode()
    method = stub[stub.index("def paginate_list_widgets") :]
    assert "max_items: int | None = None" in method
    assert "page_size" not in method
    assert "ListWidgets has no page size." in method
    client = result.tree["botoshapes/tiny/_client.py"].decode()
    assert "limit_key=None," in client


def test_writing_one_service_leaves_the_others(tmp_path: Path) -> None:
    others = {"botoshapes/other/__init__.py": b"# another service\n", "docs/other.md": b"# Other\n"}
    stale = ["botoshapes/tiny/_models/gone.py", "botoshapes/_runtime/gone.py", "docs/tiny_old.md"]
    for path in [*others, *stale]:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(others.get(path, b"# no longer emitted\n"))
    tree = generate_tree(GOLDEN, ["tiny"]).tree
    write_tree(tree, tmp_path, owned_paths(["tiny"]))
    on_disk = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    # What the tree owns is exactly what was emitted; the other service is untouched.
    assert on_disk == set(tree) | set(others) | {"docs/tiny_old.md"}
    assert all((tmp_path / p).read_bytes() == data for p, data in others.items())
    # Without owned paths, the whole folder is the tree's.
    write_tree(tree, tmp_path)
    assert {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()} == set(
        tree
    )


def test_the_output_does_not_depend_on_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A pyproject.toml here would give the emitter's formatter other settings (line length).
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 60\n")
    monkeypatch.chdir(tmp_path)
    assert _emitted() == {
        p.relative_to(EXPECTED).as_posix(): p.read_bytes()
        for p in sorted(EXPECTED.rglob("*"))
        if p.is_file()
    }
