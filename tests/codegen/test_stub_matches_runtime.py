"""The typing stub says what the run-time classes do: same members, same requiredness.

mypy reads only ``botoshapes/sagemaker/__init__.pyi``; these tests read it
with ``ast`` and hold every class in it against the class users get.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import botoshapes.sagemaker as sm
from botoshapes._runtime import ShapeEnum, ShapeModel
from codegen.services.sagemaker import SAGEMAKER as CUSTOMIZATION

STUB = ast.parse(Path(inspect.getfile(sm)).with_suffix(".pyi").read_text(encoding="utf-8"))
CLASSES = {node.name: node for node in STUB.body if isinstance(node, ast.ClassDef)}


def _bases(node: ast.ClassDef) -> set[str]:
    return {b.id for b in node.bases if isinstance(b, ast.Name)}


MODELS = sorted(n for n, c in CLASSES.items() if "_ShapeModel" in _bases(c))
ENUMS = sorted(n for n, c in CLASSES.items() if "_ShapeEnum" in _bases(c))


def _methods(node: ast.ClassDef) -> list[ast.FunctionDef]:
    return [f for f in node.body if isinstance(f, ast.FunctionDef)]


def test_the_stub_has_every_runtime_class() -> None:
    runtime = {n for n in sm.__all__ if isinstance(getattr(sm, n), type)}
    stubbed = set(MODELS) | set(ENUMS) | {"SageMakerClient"}
    exported = {e.name for e in CUSTOMIZATION.exports}  # the waiters' events, re-exported
    assert runtime - exported == stubbed


@pytest.mark.parametrize("name", MODELS)
def test_model_members_and_requiredness_match(name: str) -> None:
    cls = getattr(sm, name)
    assert issubclass(cls, ShapeModel)
    methods = _methods(CLASSES[name])
    properties = [
        f.name
        for f in methods
        if any(isinstance(d, ast.Name) and d.id == "property" for d in f.decorator_list)
    ]
    assert properties == list(cls.model_fields)
    (init,) = [f for f in methods if f.name == "__init__"]
    keywords = init.args.kwonlyargs
    assert [a.arg for a in keywords] == list(cls.model_fields)
    required = [a.arg for a, d in zip(keywords, init.args.kw_defaults, strict=True) if d is None]
    assert required == [n for n, f in cls.model_fields.items() if f.is_required()]
    builder = CLASSES[f"{name}Builder"]
    assert [f.name for f in _methods(builder)] == list(cls.model_fields)
    # pydantic gives each frozen model its own __hash__; the stub says so for pyright.
    assert "__hash__" in vars(cls)
    assert "__hash__" in {f.name for f in methods}


@pytest.mark.parametrize("name", ENUMS)
def test_enum_members_match(name: str) -> None:
    cls = getattr(sm, name)
    assert issubclass(cls, ShapeEnum)
    members = {
        t.id: ast.literal_eval(node.value)
        for node in CLASSES[name].body
        if isinstance(node, ast.Assign)
        for t in node.targets
        if isinstance(t, ast.Name)
    }
    assert members == {m.name: m.value for m in cls}


def test_client_methods_match() -> None:
    stubbed = {f.name for f in _methods(CLASSES["SageMakerClient"]) if not f.name.startswith("_")}
    runtime = {
        n for n, v in vars(sm.SageMakerClient).items() if callable(v) and not n.startswith("_")
    }
    # The stub also declares what the client inherits (create, boto3, the deployment waiter).
    inherited = {"create", "boto3"}
    assert stubbed - inherited == runtime
