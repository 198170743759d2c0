"""The handler table (``codegen/handlers.py``) against botocore and its own docs: every
handler botocore registers is in it or listed as changing nothing, each row's members
exist in the service it names and are marked, each row names a test that exists, and
``docs/boto3-handlers.md`` is the table as written."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest
from botocore.handlers import BUILTIN_HANDLERS

from codegen import handlers, ir
from codegen.load import load_service
from codegen.pin import pin_service

ROOT = Path(__file__).resolve().parents[2]


def _name(handler: object) -> str:
    owner = getattr(handler, "__self__", None)
    if owner is not None:
        return f"{type(owner).__name__}.{getattr(handler, '__name__', '')}"
    return getattr(handler, "__name__", type(handler).__name__)


def test_every_handler_botocore_registers_is_in_the_table() -> None:
    named = set(re.findall(r"\w+", " ".join(h.function for h in handlers.HANDLERS)))
    registered = {  # moto adds its own when imported (by the local server's tests)
        _name(entry[1])
        for entry in BUILTIN_HANDLERS
        if getattr(entry[1], "__module__", "").startswith("botocore.")
    }
    missing = [
        name
        for name in sorted(registered)
        if name not in handlers.UNCHANGED and not set(name.split(".")) & named
    ]
    assert missing == [], "read these handlers and add each to codegen/handlers.py"
    stale = sorted(set(handlers.UNCHANGED) - registered)
    assert stale == [], "botocore no longer registers these"


def test_the_docs_are_the_table() -> None:
    written = (ROOT / "docs" / "boto3-handlers.md").read_text(encoding="utf-8")
    assert written == handlers.table(), "run: python -m codegen.handlers > docs/boto3-handlers.md"


def test_each_row_names_a_test_that_exists() -> None:
    path, _, _ = handlers.HANDLERS[0].test.partition("::")
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    for row in handlers.HANDLERS:
        file, _, name = row.test.partition("::")
        assert (file, name in defined) == (path, True), row.function


@cache
def _service(name: str, root: Path) -> ir.Service:
    pin_service(name, root)
    service, _ = load_service(root / name)
    return service


SELECTING = [h for h in handlers.HANDLERS if h.select]


@pytest.mark.parametrize("row", SELECTING, ids=[h.function for h in SELECTING])
def test_each_row_marks_the_members_it_names(
    row: handlers.Handler, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.getbasetemp() / "handler-services"
    for select in row.select:
        service = _service(select.service, root)
        found = list(select.members(service))
        assert found, f"{select} selects nothing in {select.service}"
        for structure, member in found:
            shape = service.shapes[structure]
            assert isinstance(shape, ir.StructureShape)
            marked = next(m for m in shape.members if m.wire_name == member.wire_name)
            assert marked.form == row.form
            assert marked.filled or not row.filled
            assert not (row.filled and shape.typed_required(marked))
            if row.alias is not None:
                assert (row.alias, member.wire_name) in shape.aliases


def test_route53_ids_are_the_37_members_botocore_rewrites(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    service = _service("route53", tmp_path_factory.getbasetemp() / "handler-services")
    (select,) = next(h for h in handlers.HANDLERS if h.form == "route53_id").select
    assert len(list(select.members(service))) == 37


def test_iam_policy_documents_are_the_24_paths_botocore_decodes(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """botocore decodes a policy wherever an output reaches one through structures and
    lists; each structure member found here is one or more of those paths."""
    service = _service("iam", tmp_path_factory.getbasetemp() / "handler-services")
    (select,) = next(h for h in handlers.HANDLERS if "json_decode_policies" in h.function).select
    members = {f"{s}.{m.wire_name}" for s, m in select.members(service)}
    assert {
        "Role.AssumeRolePolicyDocument",
        "PolicyVersion.Document",
        "GetRolePolicyResponse.PolicyDocument",
        "RoleDetail.AssumeRolePolicyDocument",
        "PolicyDetail.PolicyDocument",
    } <= members
    # a request's policy stays text: IAM takes text, and no handler decodes requests
    request = service.shapes["CreateRoleRequest"]
    assert isinstance(request, ir.StructureShape)
    assert all(m.form is None for m in request.members)
