"""What boto3's handlers take and give, as type checkers see it in other services' packages:
IAM's policy documents as text or parsed JSON (both forms occur), S3's ``CopySource`` map,
customer keys and blobs as bytes or text. The packages are generated into a scratch tree
with the runtime beside them; mypy ``--strict`` and pyright ``strict`` read one example.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from mypy import api

from codegen.generate import generate_tree
from codegen.pin import pin_service
from codegen.sources import link_hand_written
from codegen.write import write_tree
from tests.checkers import MYPY_FLAGS

pytestmark = pytest.mark.slow  # mypy and pyright over three generated services

EXAMPLE = '''\
"""A user's code: both forms of IAM's documents, and what boto3 takes in requests."""

import json
from typing import Any

from botoshapes import FrozenMap
from botoshapes.iam import GetRoleResponse
from botoshapes.kinesis import PutRecordInput
from botoshapes.s3 import CopyObjectRequest, GetObjectRequest


def policy_version(response: GetRoleResponse) -> Any:
    document = response.role.assume_role_policy_document if response.role else None
    if isinstance(document, str):  # text botocore could not parse as JSON
        return json.loads(document).get("Version")
    if isinstance(document, FrozenMap):  # parsed by botocore's json_decode_policies
        return document.get("Version")
    return None


copy = CopyObjectRequest(bucket="b", key="k", copy_source={"Bucket": "src", "Key": "a.txt"})
text = CopyObjectRequest(bucket="b", key="k", copy_source="src/a.txt")
keyed = GetObjectRequest(bucket="b", key="k", sse_customer_key=bytes(32))
record = PutRecordInput(stream_name="s", data="text", partition_key="p")
raw: bytes = record.data
'''

MISTAKE = """\
from botoshapes.s3 import CopyObjectRequest

copy = CopyObjectRequest(bucket="b", key="k", copy_source={"Bucket": "src"})
"""


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("forms")
    shapes = root / "shapes"
    services = ["iam", "s3", "kinesis"]
    for service in services:
        pin_service(service, shapes)
    out = root / "out"
    write_tree(generate_tree(shapes, services).tree, out)
    link_hand_written(out)
    (out / "example.py").write_text(EXAMPLE, encoding="utf-8")
    (out / "mistake.py").write_text(MISTAKE, encoding="utf-8")
    (out / "pyrightconfig.json").write_text(json.dumps({"typeCheckingMode": "strict"}))
    return out


def _mypy(tree: Path, file: str) -> list[str]:
    stdout, stderr, _ = api.run(
        [
            *MYPY_FLAGS,
            "--cache-dir",
            "/dev/null",
            str(tree / file),
        ]
    )
    assert not stderr, stderr
    return [line for line in stdout.splitlines() if " error: " in line]


def _pyright(tree: Path, file: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "pyright", "--outputjson", "--pythonpath", sys.executable, file],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in {0, 1}, done.stdout + done.stderr
    report = json.loads(done.stdout)
    return [
        f"{d['range']['start']['line'] + 1}: {d['message']}"
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    ]


def test_both_checkers_accept_what_boto3_takes_and_gives(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree)
    assert _mypy(tree, "example.py") == []
    assert _pyright(tree, "example.py") == []


def test_both_checkers_refuse_a_copy_source_without_its_key(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree)
    found = _mypy(tree, "mistake.py")
    assert len(found) == 1
    assert "mistake.py:3:" in found[0]
    said = _pyright(tree, "mistake.py")
    assert len(said) == 1
    assert said[0].startswith("3: ")
