"""``python -m codegen --check`` passes on fresh output and names any hand-edited file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from codegen.__main__ import main

GOLDEN = str(Path(__file__).resolve().parent / "golden")


@pytest.fixture
def out(tmp_path: Path) -> Path:
    assert main(["--shapes", GOLDEN, "--out", str(tmp_path), "tiny"]) == 0
    return tmp_path


def check(out: Path) -> int:
    return main(["--shapes", GOLDEN, "--out", str(out), "--check", "tiny"])


def test_fresh_output_passes(out: Path) -> None:
    assert check(out) == 0


def test_hand_edit_is_named(out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edited = out / "botoshapes/tiny/_models/widget.py"
    edited.write_text(edited.read_text() + "# tweak\n")
    assert check(out) == 1
    assert f"differs: {edited}" in capsys.readouterr().err


def test_extra_and_missing_files_are_named(out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (out / "botoshapes/tiny/_models/stray.py").write_text("x = 1\n")
    (out / "botoshapes/tiny/_models/tree.py").unlink()
    assert check(out) == 1
    err = capsys.readouterr().err
    assert "not generated: " in err
    assert "stray.py" in err
    assert "missing: " in err
    assert "tree.py" in err


def test_regeneration_is_byte_identical(
    out: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    again = tmp_path_factory.mktemp("again")
    assert main(["--shapes", GOLDEN, "--out", str(again), "tiny"]) == 0
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second


def test_edited_pinned_shapes_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shapes = tmp_path / "shapes"
    shutil.copytree(Path(GOLDEN) / "tiny", shapes / "tiny")
    manifest = json.loads((shapes / "tiny/manifest.json").read_text())
    manifest["files"] = {"service-2.json": "0" * 64}
    (shapes / "tiny/manifest.json").write_text(json.dumps(manifest))
    assert main(["--shapes", str(shapes), "--out", str(tmp_path / "out"), "tiny"]) == 1
    assert "service-2.json: sha256 differs from manifest.json" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
