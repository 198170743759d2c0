"""The changelog between two service models: each change kind, and a real release.

The real release is the one of AWS's changelog page in ``shared/seeds/``
(SageMaker, 2021/11/08: botocore 1.22.12 -> 1.23.0); both models are fetched
from the package index once and cached (``codegen.changelog.sources``).
"""

from __future__ import annotations

import ast
import copy
import json
from pathlib import Path
from typing import Any

import pytest

from codegen.changelog import Change, compare, markdown, request_syntax
from codegen.changelog.cli import main
from codegen.changelog.sources import model_of

SEED = Path(__file__).parent / "changelog" / "seed-2021-11-08.tsv"


def _service(**shapes: dict[str, Any]) -> dict[str, Any]:
    """A service with one operation, ``Op``: ``OpRequest`` in, ``OpResponse`` out."""
    base: dict[str, Any] = {
        "OpRequest": {"type": "structure", "members": {"Name": {"shape": "Text"}}},
        "OpResponse": {"type": "structure", "members": {"Status": {"shape": "Status"}}},
        "Text": {"type": "string", "max": 63},
        "Status": {"type": "string", "enum": ["On", "Off"]},
        "Count": {"type": "integer"},
    }
    return {
        "metadata": {"serviceFullName": "Test Service"},
        "operations": {"Op": {"input": {"shape": "OpRequest"}, "output": {"shape": "OpResponse"}}},
        "shapes": {**base, **shapes},
    }


def _changes(old: dict[str, Any], new: dict[str, Any]) -> set[tuple[str, str, str, str]]:
    log = compare(old, new)
    return {(c.kind, c.side, c.path, c.what) for op in log.operations for c in op.changes}


def test_nothing_changed_is_no_entry() -> None:
    assert compare(_service(), _service()).operations == []


def test_a_new_optional_member_is_additive_and_shown_whole() -> None:
    new = _service()
    new["shapes"]["OpRequest"]["members"]["Size"] = {"shape": "Count"}
    new["shapes"]["OpResponse"]["members"]["Tags"] = {"shape": "Tags"}
    new["shapes"]["Tags"] = {"type": "list", "member": {"shape": "Status"}}
    log = compare(_service(), new)
    (op,) = log.operations
    assert (op.status, op.request, op.response) == (
        "updated",
        {"Size": "integer"},
        {"Tags": ["On | Off"]},
    )
    assert {(c.kind, c.path) for c in op.changes} == {("additive", "Size"), ("additive", "Tags")}


def test_a_new_required_request_member_breaks_a_response_one_does_not() -> None:
    new = _service()
    new["shapes"]["OpRequest"]["members"]["Size"] = {"shape": "Count"}
    new["shapes"]["OpRequest"]["required"] = ["Size", "Name"]
    new["shapes"]["OpResponse"]["required"] = ["Status"]
    assert _changes(_service(), new) == {
        ("breaking", "request", "Size", "required member added"),
        ("breaking", "request", "Name", "member now required"),
        ("docs", "response", "Status", "member now required"),  # read forgivingly
    }


def test_removals_and_type_changes_break() -> None:
    new = _service()
    del new["shapes"]["OpRequest"]["members"]["Name"]
    new["shapes"]["Status"] = {"type": "integer"}
    assert _changes(_service(), new) == {
        ("breaking", "request", "Name", "member removed"),
        ("breaking", "response", "Status", "type changed: string -> integer"),
    }


def test_enum_values_added_are_additive_removed_break() -> None:
    new = _service()
    new["shapes"]["Status"]["enum"] = ["On", "Paused"]
    log = compare(_service(), new)
    assert log.operations[0].response == {"Status": {"Paused"}}
    assert request_syntax(log.operations[0].response) == "{'Status': {'Paused'}}"
    assert _changes(_service(), new) == {
        ("additive", "response", "Status", "enum value added: Paused"),
        ("breaking", "response", "Status", "enum value removed: Off"),
    }


def test_constraints_tightened_break_requests_only() -> None:
    tighter = _service()
    tighter["shapes"]["Text"] = {"type": "string", "max": 32, "pattern": "^[a-z]+$"}
    tighter["shapes"]["OpResponse"]["members"]["Label"] = {"shape": "Text"}
    looser = _service()
    looser["shapes"]["Text"] = {"type": "string", "max": 128}
    assert _changes(_service(), tighter) >= {
        ("breaking", "request", "Name", "max 63 -> 32"),
        ("breaking", "request", "Name", "pattern None -> '[a-z]+'"),
    }
    assert _changes(_service(), looser) == {("additive", "request", "Name", "max 63 -> 128")}


def test_a_change_deep_in_a_shared_shape_shows_at_every_operation_reaching_it() -> None:
    old = _service()
    old["operations"]["Other"] = {"output": {"shape": "Wrapper"}}
    old["shapes"]["Wrapper"] = {
        "type": "map",
        "key": {"shape": "Text"},
        "value": {"shape": "OpResponse"},
    }
    new = copy.deepcopy(old)
    new["shapes"]["OpResponse"]["members"]["Size"] = {"shape": "Count"}
    log = compare(old, new)
    assert [(op.name, op.response) for op in log.operations] == [
        ("Op", {"Size": "integer"}),
        ("Other", {"Size": "integer"}),
    ]
    assert log.operations[1].changes == [Change("additive", "response", "{}.Size", "member added")]


def test_operations_added_and_removed_and_docs_only() -> None:
    new = _service()
    new["operations"]["Added"] = {"input": {"shape": "OpRequest"}}
    new["shapes"]["Text"]["documentation"] = "<p>A name.</p>"
    old = _service()
    old["operations"]["Gone"] = {"input": {"shape": "OpRequest"}}
    log = compare(old, new)
    assert [(op.name, op.status) for op in log.operations] == [
        ("Added", "new"),
        ("Gone", "removed"),
        ("Op", "docs"),
    ]
    text = markdown(log, "2026/11/23")
    assert text.startswith(
        "## 2026/11/23 - Test Service - 1 new api method, 1 removed api method\n"
    )
    assert "Breaking for code using the SDK: 1 change in Gone." in text
    assert text.endswith("Documentation only: Op.\n")


def test_recursive_shapes_end() -> None:
    old = _service()
    old["shapes"]["Node"] = {"type": "structure", "members": {"Next": {"shape": "Node"}}}
    old["shapes"]["OpRequest"]["members"]["Tree"] = {"shape": "Node"}
    new = copy.deepcopy(old)
    new["shapes"]["Node"]["members"]["Value"] = {"shape": "Count"}
    new["shapes"]["OpResponse"]["members"]["Root"] = {"shape": "Node"}
    (op,) = compare(old, new).operations
    assert op.request == {"Tree": {"Value": "integer"}}
    assert op.response == {"Root": {"Next": "{...}", "Value": "integer"}}


def _seed() -> dict[tuple[str, str], Any]:
    rows = [line.split("\t") for line in SEED.read_text().splitlines() if line[:1] != "#"]
    return {(op, side): ast.literal_eval(delta) for op, side, delta in rows}


def test_the_seed_release_gives_the_four_methods_of_awss_page(
    capsys: pytest.CaptureFixture[str],
) -> None:
    log = compare(model_of("sagemaker", "1.22.12"), model_of("sagemaker", "1.23.0"))
    updated = [op for op in log.operations if op.status != "docs"]
    found = {
        (op.name, side): getattr(op, side)
        for op in updated
        for side in ("request", "response")
        if getattr(op, side)
    }
    assert found == _seed()
    assert not any(op.breaking for op in log.operations)
    assert main(["--botocore", "1.22.12", "1.23.0", "--date", "2021/11/08"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## 2021/11/08 - Amazon SageMaker Service - 4 updated api methods\n")
    assert main(["--botocore", "1.22.12", "1.23.0", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counts"] == {"new": 0, "updated": 4, "removed": 0, "docs": 2}


def _reachable(model: dict[str, Any], key: str) -> set[str]:
    """The shapes reached from every operation's ``input`` or ``output`` (read here, apart
    from the code under test)."""
    shapes = model["shapes"]
    todo = [op[key]["shape"] for op in model["operations"].values() if key in op]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = shapes[name]
        todo += [m["shape"] for m in shape.get("members", {}).values()]
        todo += [shape[k]["shape"] for k in ("member", "key", "value") if k in shape]
    return seen


@pytest.mark.parametrize(
    ("old", "new", "breaking"),
    [
        pytest.param("1.34.1", "1.34.2", True, id="1.34.1-1.34.2-members-now-required"),
        pytest.param("1.44.3", "1.44.4", False, id="1.44.3-1.44.4-new-operations"),
    ],
)
def test_real_releases_give_what_their_service_files_say(
    old: str, new: str, breaking: bool
) -> None:
    before, after = model_of("sagemaker", old), model_of("sagemaker", new)
    log = compare(before, after)
    reported = [c for op in log.operations for c in op.changes]
    # operations added
    added = set(after["operations"]) - set(before["operations"])
    assert {op.name for op in log.operations if op.status == "new"} == added
    # enum values gained by shapes that some request or response reaches
    reached = _reachable(after, "input") | _reachable(after, "output")
    gained = {
        value
        for name in reached & set(before["shapes"])
        for value in set(after["shapes"][name].get("enum", []))
        - set(before["shapes"][name].get("enum", []))
    }
    assert {
        c.what.split(": ", 1)[1] for c in reported if c.what.startswith("enum value added")
    } == gained
    # members that became required in shapes of requests
    requests = _reachable(after, "input") & _reachable(before, "input")
    now_required = {
        member
        for name in requests
        for member in set(after["shapes"][name].get("required", []))
        - set(before["shapes"][name].get("required", []))
        if member in before["shapes"][name].get("members", {})
    }
    made_required = [c for c in reported if c.what == "member now required" and c.side == "request"]
    assert {c.path.rsplit(".", 1)[-1] for c in made_required} == now_required
    assert bool(now_required) is breaking
    assert all(c.kind == "breaking" for c in made_required)


def test_a_refresh_records_its_changelog_newest_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {}
    for name, model in [("a", _service()), ("b", _service()), ("c", _service())]:
        files[name] = tmp_path / f"{name}.json"
        files[name].write_text(json.dumps(model))
    b, c = json.loads(files["b"].read_text()), json.loads(files["c"].read_text())
    b["operations"]["Second"] = {"input": {"shape": "OpRequest"}}
    c["operations"].update(b["operations"], Third={"input": {"shape": "OpRequest"}})
    files["b"].write_text(json.dumps(b))
    files["c"].write_text(json.dumps(c))
    record = tmp_path / "api-changes.md"
    for old, new, title in [
        ("a", "b", "botocore 1.0.0 -> 1.0.1"),
        ("b", "c", "botocore 1.0.1 -> 1.0.2"),
    ]:
        args = [str(files[old]), str(files[new]), "--record", str(record), "--title", title]
        assert main(args) == 0
    capsys.readouterr()
    text = record.read_text()
    assert text.startswith("# API changes\n")
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# API changes",
        "## botocore 1.0.1 -> 1.0.2",
        "### Test Service - 1 new api method",
        "#### Third (new)",
        "## botocore 1.0.0 -> 1.0.1",
        "### Test Service - 1 new api method",
        "#### Second (new)",
    ]
    assert main([str(files["a"]), str(tmp_path / "missing.json")]) == 2


def test_markdown_folds_documentation_changes_into_a_line_per_side() -> None:
    old = _service()
    old["shapes"]["OpRequest"]["members"]["Size"] = {"shape": "Count"}
    new = copy.deepcopy(old)
    new["shapes"]["OpRequest"]["members"]["Tags"] = {"shape": "Text"}
    new["shapes"]["OpRequest"]["documentation"] = "<p>The request.</p>"
    new["shapes"]["OpRequest"]["members"]["Name"]["documentation"] = "<p>A name.</p>"
    new["shapes"]["OpRequest"]["members"]["Size"]["documentation"] = "<p>How many.</p>"
    new["shapes"]["Status"]["documentation"] = "<p>On or off.</p>"
    log = compare(old, new)
    docs = [(c.side, c.path) for op in log.operations for c in op.changes if c.kind == "docs"]
    assert sorted(docs) == [  # JSON keeps each one
        ("request", "(top level)"),
        ("request", "Name"),
        ("request", "Size"),
        ("response", "Status"),
    ]
    lines = markdown(log).splitlines()
    assert "- additive: request `Tags`: member added" in lines
    assert "- docs: request `(top level)`, `Name` and 1 more: documentation changed" in lines
    assert "- docs: response `Status`: documentation changed" in lines
    assert len([line for line in lines if line.startswith("- docs:")]) == 2
