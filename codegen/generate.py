"""The pipeline: shapes/ -> load -> IR -> emit -> output tree."""

from __future__ import annotations

import re
from pathlib import Path

from attrs import frozen

from . import ir
from .diagnostics import Diagnostic
from .emit.models import emit_models
from .emit.package import emit_package
from .load import load_service
from .sources import overlaps
from .write import HEADER, build_tree


@frozen
class Result:
    services: list[ir.Service]
    tree: dict[str, bytes]
    diagnostics: list[Diagnostic]


_REEXPORT = re.compile(r"^from \.(_internal\w*) import (\([^)]*\)|.+)$", re.M)
"""``from ._internal import A, B`` or, for many names, ``from ._internal import (\n A,\n)``."""


def _defines(source: str, name: str) -> bool:
    return re.search(rf"^class {name}\(", source, re.M) is not None


def _check_emitted(service: ir.Service, models: dict[str, str]) -> list[Diagnostic]:
    """Every structure and enum must be importable from the module :mod:`codegen.naming` chose
    for it: defined there, or (classes that refer to each other, which the model emitter puts
    together in an ``_internal`` module) imported there from the module that defines it."""
    problems: list[Diagnostic] = []
    for shape in service.classes:
        source = models.get(f"{shape.module}.py")
        found = source is not None and _defines(source, shape.class_name)
        if source is not None and not found:
            found = any(
                _defines(models.get(f"{module}.py", ""), shape.class_name)
                for module, names in _REEXPORT.findall(source)
                if shape.class_name in (n.strip(" \n()") for n in names.split(","))
            )
        if not found:
            problems.append(
                Diagnostic.error(
                    shape.name, f"the model emitter did not write it to {shape.module}.py"
                )
            )
    return problems


def generate_tree(shapes_dir: Path, services: list[str]) -> Result:
    loaded: list[ir.Service] = []
    diagnostics: list[Diagnostic] = []
    parts: dict[str, str] = {}
    for name in services:
        service, problems = load_service(shapes_dir / name)
        diagnostics.extend(problems)
        models = emit_models(service, HEADER)
        diagnostics.extend(_check_emitted(service, models))
        parts |= {
            f"botoshapes/{service.module}/_models/{path}": src for path, src in models.items()
        }
        loaded.append(service)
    parts |= emit_package(loaded, HEADER)
    tree = build_tree(parts)
    diagnostics.extend(
        Diagnostic.error(path, "the generator writes it, and src/ holds it hand-written")
        for path in overlaps(tree)
    )
    return Result(loaded, tree, sorted(diagnostics))
