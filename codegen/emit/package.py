"""IR -> everything that is not a model: package ``__init__`` files, the client, its stub,
the exceptions, the request rules' module and the docs index."""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .. import ir
from .contexts import DocsContext, FacadeContext, RootContext, StubContext, render
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


def emit_package(services: list[ir.Service], header: str) -> dict[str, str]:
    env = environment()
    files = {
        "botoshapes/__init__.py": render(env, "botoshapes/__init__.py.jinja2", RootContext(header))
    }
    for service in services:
        facade = facade_context(service, header)
        package = f"botoshapes/{service.module}"
        files[f"{package}/__init__.py"] = render(
            env, "botoshapes/service/__init__.py.jinja2", facade
        )
        files[f"{package}/__init__.pyi"] = _stub(env, service, facade)
        for name in ("_client.py", "errors.py"):
            files[f"{package}/{name}"] = render(env, f"botoshapes/service/{name}.jinja2", facade)
        if facade.customization.request_rules is not None:
            files[f"{package}/{facade.rules_module}.py"] = render(
                env, "botoshapes/service/_rules.py.jinja2", facade
            )
        docs = DocsContext(
            header_text=header.removeprefix("# "),
            service=service,
            counts=facade.counts,
            structures=tuple(sorted(service.structures, key=lambda s: s.class_name)),
            enums=tuple(sorted(service.enums, key=lambda s: s.class_name)),
            corrections=facade.customization.corrections,
        )
        files[f"docs/{service.module}.md"] = render(env, "docs/service.md.jinja2", docs)
    return files


def _stub(env: Environment, service: ir.Service, facade: FacadeContext) -> str:
    """One ``__init__.pyi`` holding the typed view of every enum and structure."""
    by_name = sorted(service.classes, key=lambda s: s.class_name)
    blocks = [
        render(env, "stubs/enum.pyi.jinja2", enum_context(s))
        for s in by_name
        if isinstance(s, ir.EnumShape)
    ]
    blocks += [
        render(env, "stubs/structure.pyi.jinja2", structure_context(service, s))
        for s in by_name
        if isinstance(s, ir.StructureShape)
    ]
    blocks.append(render(env, "stubs/client.pyi.jinja2", facade))
    forms = {m.form for s in service.structures for m in s.members}
    stub = StubContext(
        facade=facade,
        blocks=tuple(b.rstrip("\n") for b in blocks),
        documents=any(
            isinstance(s, ir.ScalarShape) and s.kind == "document" for s in service.shapes.values()
        )
        or "json_text" in forms,
        copy_source="copy_source" in forms,
        streams=any(m.streaming for s in service.structures for m in s.members),
        events=any(m.event_stream for s in service.structures for m in s.members),
    )
    return render(env, "botoshapes/service/__init__.pyi.jinja2", stub)
