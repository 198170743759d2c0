"""Pinning any botocore service into shapes/: waiters and paginators are optional, a pin is
written whole or not at all, and every service gets a valid Python package name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codegen import pin
from codegen.load import load_service
from codegen.naming import package_name


@pytest.mark.parametrize(
    ("service", "package"),
    [
        ("sagemaker", "sagemaker"),
        ("sagemaker-runtime", "sagemaker_runtime"),
        ("lambda", "lambda_"),
        ("bedrock-agent-runtime", "bedrock_agent_runtime"),
        ("match", "match_"),
        ("1password", "service_1password"),
    ],
)
def test_package_names_are_python_names(service: str, package: str) -> None:
    assert package_name(service) == package
    assert package.isidentifier()


def test_a_service_without_waiters_is_pinned_and_loads(tmp_path: Path) -> None:
    assert pin.main(["--shapes", str(tmp_path), "athena"]) == 0
    folder = tmp_path / "athena"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert set(manifest["files"]) == {"service-2.json", "paginators-1.json"}
    assert sorted(p.name for p in folder.iterdir()) == sorted([*manifest["files"], "manifest.json"])
    service, problems = load_service(folder)
    assert [p for p in problems if p.level.name == "ERROR"] == []
    assert (service.module, service.service_name, service.waiters) == ("athena", "athena", ())
    assert service.paginators


def test_a_hyphenated_service_keeps_botocore_s_name_for_the_client(tmp_path: Path) -> None:
    assert pin.main(["--shapes", str(tmp_path), "sagemaker-runtime"]) == 0
    service, _ = load_service(tmp_path / "sagemaker-runtime")
    assert (service.module, service.service_name) == ("sagemaker_runtime", "sagemaker-runtime")
    assert (service.waiters, service.paginators) == ((), ())


def test_an_unknown_service_writes_nothing_and_says_what_was_meant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert pin.main(["--shapes", str(tmp_path), "athena", "sagemaker-runtim"]) == 2
    assert list(tmp_path.iterdir()) == []
    err = capsys.readouterr().err
    assert "has no service 'sagemaker-runtim' (did you mean sagemaker-runtime" in err


def test_a_new_pin_replaces_the_old_one_whole(tmp_path: Path) -> None:
    folder = tmp_path / "athena"
    folder.mkdir()
    (folder / "waiters-2.json").write_text("{}")  # a file the new pin does not have
    (folder / "service-2.json").write_text("old")
    pin.pin_service("athena", tmp_path)
    assert not (folder / "waiters-2.json").exists()
    assert json.loads((folder / "service-2.json").read_text())["metadata"]["serviceId"] == "Athena"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["athena"]  # no temporary folder left


def test_a_pin_that_fails_halfway_leaves_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "athena"
    folder.mkdir()
    (folder / "service-2.json").write_text("old")
    written: list[str] = []
    write_bytes = Path.write_bytes

    def fails_on_the_second_file(self: Path, data: bytes) -> int:
        if written:
            raise OSError("disk full")
        written.append(self.name)
        return write_bytes(self, data)

    monkeypatch.setattr(Path, "write_bytes", fails_on_the_second_file)
    with pytest.raises(OSError, match="disk full"):
        pin.pin_service("athena", tmp_path)
    assert written == ["service-2.json"]  # one file of the new pin was written, elsewhere
    assert (folder / "service-2.json").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["athena"]
