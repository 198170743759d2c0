"""IR -> everything that is not a model: package ``__init__`` files and the docs index."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .. import ir
from .facade import facade_context
from .stubs import enum_context, structure_context

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def pyliteral(value: object) -> str:
    """A Python literal with double-quoted strings, as the formatted code around it."""
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, tuple):
        inner = ", ".join(pyliteral(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return repr(value)


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["pyrepr"] = repr
    env.filters["pyliteral"] = pyliteral
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
    env = environment()
    files: dict[str, str] = {}
    context: dict[str, Any] = {"header": header}
    files["botoshapes/__init__.py"] = env.get_template("botoshapes/__init__.py.jinja2").render(
        context
    )
    for service in services:
        scope = context | {"service": service, "counts": counts(service)}
        facade = scope | facade_context(service)
        files[f"botoshapes/{service.module}/__init__.py"] = env.get_template(
            "botoshapes/service/__init__.py.jinja2"
        ).render(facade, exports=exports(service))
        files[f"docs/{service.module}.md"] = env.get_template("docs/service.md.jinja2").render(
            scope,
            header_text=header.lstrip("# "),
            structures=sorted(service.structures, key=lambda s: s.class_name),
            enums=sorted(service.enums, key=lambda s: s.class_name),
        )
        files[f"botoshapes/{service.module}/__init__.pyi"] = _stub(env, service, facade)
        for name in ("_client.py", "errors.py"):
            files[f"botoshapes/{service.module}/{name}"] = env.get_template(
                f"botoshapes/service/{name}.jinja2"
            ).render(facade)
    return files


def _stub(env: Environment, service: ir.Service, scope: dict[str, Any]) -> str:
    """One ``__init__.pyi`` holding the typed view of every enum and structure."""
    enum = env.get_template("stubs/enum.pyi.jinja2")
    structure = env.get_template("stubs/structure.pyi.jinja2")
    by_name = sorted(service.classes, key=lambda s: s.class_name)
    blocks = [enum.render(enum_context(s)) for s in by_name if isinstance(s, ir.EnumShape)]
    blocks += [
        structure.render(structure_context(service, s))
        for s in by_name
        if isinstance(s, ir.StructureShape)
    ]
    blocks.append(env.get_template("stubs/client.pyi.jinja2").render(scope))
    documents = any(
        isinstance(s, ir.ScalarShape) and s.kind == "document" for s in service.shapes.values()
    )
    return env.get_template("botoshapes/service/__init__.pyi.jinja2").render(
        scope,
        exports=exports(service),
        blocks=[b.rstrip("\n") for b in blocks],
        documents=documents,
        streams=any(m.streaming for s in service.structures for m in s.members),
        events=any(m.event_stream for s in service.structures for m in s.members),
    )
