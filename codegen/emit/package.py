"""IR -> everything that is not a model: package ``__init__`` files and the docs index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .. import ir
from .stubs import enum_context, structure_context

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["pyrepr"] = repr
    return env


def counts(service: ir.Service) -> dict[str, int]:
    return {
        "operations": len(service.operations),
        "structures": len(service.structures),
        "enums": len(service.enums),
        "waiters": len(service.waiters),
        "paginators": len(service.paginators),
    }


def exports(service: ir.Service) -> list[tuple[str, str]]:
    """``(class name, module)`` of every structure and enum, sorted by class name."""
    named = [(s.class_name, s.module) for s in service.classes]
    return sorted(named)


def emit_package(services: list[ir.Service], header: str) -> dict[str, str]:
    env = _environment()
    files: dict[str, str] = {}
    context: dict[str, Any] = {"header": header}
    files["botoshapes/__init__.py"] = env.get_template("botoshapes/__init__.py.jinja2").render(
        context, services=services
    )
    for service in services:
        scope = context | {"service": service, "counts": counts(service)}
        files[f"botoshapes/{service.module}/__init__.py"] = env.get_template(
            "botoshapes/service/__init__.py.jinja2"
        ).render(scope, exports=exports(service))
        files[f"docs/{service.module}.md"] = env.get_template("docs/service.md.jinja2").render(
            scope,
            header_text=header.lstrip("# "),
            structures=sorted(service.structures, key=lambda s: s.class_name),
            enums=sorted(service.enums, key=lambda s: s.class_name),
        )
        files |= _stubs(env, service, header)
    return files


def _stubs(env: Environment, service: ir.Service, header: str) -> dict[str, str]:
    structure = env.get_template("stubs/structure.pyi.jinja2")
    enum = env.get_template("stubs/enum.pyi.jinja2")
    out: dict[str, str] = {}
    for shape in service.classes:
        path = f"botoshapes/{service.module}/_models/{shape.module}.pyi"
        if isinstance(shape, ir.StructureShape):
            out[path] = structure.render(structure_context(service, shape), header=header)
        else:
            out[path] = enum.render(enum_context(shape), header=header)
    return out
