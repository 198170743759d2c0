"""``python -m codegen --check`` passes on fresh output and names any hand-edited file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from codegen.__main__ import main
from codegen.sources import link_problems, write_links
from codegen.write import HEADER, unmarked

GOLDEN = str(Path(__file__).resolve().parents[1] / "golden")


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


def test_a_file_without_the_header_is_named(out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # hand-written code belongs in src/, never among what the generator writes
    stray = out / "botoshapes/tiny/helpers.py"
    stray.write_text('"""Hand-written."""\n')
    assert check(out) == 1
    err = capsys.readouterr().err
    assert f"no generator header: {stray}" in err
    assert f"not generated: {stray}" in err


def test_every_generated_file_carries_the_header(out: Path) -> None:
    assert unmarked(out) == []
    assert unmarked(Path(__file__).resolve().parents[2] / "generated") == []


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


def test_the_links_of_src_are_checked_and_written(tmp_path: Path) -> None:
    """``--check`` names a missing, wrong or stray link of ``src/``; writing makes them right."""
    generated, src = tmp_path / "generated", tmp_path / "src"
    for path in ("botoshapes/__init__.py", "botoshapes/tiny/__init__.py", "botoshapes/tiny/_m.py"):
        (generated / path).parent.mkdir(parents=True, exist_ok=True)
        (generated / path).write_text(f"{HEADER}\n")
    (src / "botoshapes/tiny").mkdir(parents=True)
    (src / "botoshapes/tiny/extra.py").write_text('"""Hand-written."""\n')
    (src / "botoshapes/stray.py").symlink_to("../../generated/botoshapes/gone.py")
    assert link_problems(generated, src) == [
        f"missing link: {src}/botoshapes/__init__.py -> ../../generated/botoshapes/__init__.py",
        f"missing link: {src}/botoshapes/tiny/__init__.py"
        " -> ../../../generated/botoshapes/tiny/__init__.py",
        f"missing link: {src}/botoshapes/tiny/_m.py -> ../../../generated/botoshapes/tiny/_m.py",
        f"stray link: {src}/botoshapes/stray.py -> ../../generated/botoshapes/gone.py",
    ]
    assert write_links(generated, src) == 4
    assert link_problems(generated, src) == []
    assert (src / "botoshapes/tiny/_m.py").read_text() == f"{HEADER}\n"
    assert (src / "botoshapes/tiny/extra.py").read_text() == '"""Hand-written."""\n'
    assert write_links(generated, src) == 0
