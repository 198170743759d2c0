"""A changelog as Markdown (the shape of AWS's changelog pages) and as JSON."""

from __future__ import annotations

from typing import Any

from .diff import Changelog
from .model import DOCUMENTATION

_ORDER = ("new", "updated", "removed")
_SHOWN = 2


def _some(paths: list[str]) -> str:
    """The first paths, then how many more (documentation changes are listed whole in JSON)."""
    shown = ", ".join(f"`{p}`" for p in paths[:_SHOWN])
    return shown + (f" and {len(paths) - _SHOWN} more" if len(paths) > _SHOWN else "")


def request_syntax(value: Any) -> str:
    """A delta tree as request syntax: dicts and lists as Python writes them, keys sorted;
    the enum values a member gained as a set (``{'LINEAR'}``)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {request_syntax(value[k])}" for k in sorted(value)) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(request_syntax(v) for v in value) + "]"
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(repr(v) for v in sorted(value)) + "}"
    return repr(value)


def headline(log: Changelog, date: str | None = None) -> str:
    """``2021/11/08 - Amazon SageMaker Service - 4 updated api methods``."""
    counts = log.counts()
    parts = [
        f"{counts[s]} {s} api method{'s' if counts[s] != 1 else ''}" for s in _ORDER if counts[s]
    ]
    what = ", ".join(parts) or "no api changes"
    return " - ".join(p for p in (date, log.service, what) if p)


def markdown(log: Changelog, date: str | None = None) -> str:
    """Per operation: the members that appeared in its request and response, then every
    change with its effect on code using the SDK (breaking first)."""
    breaking = sum(1 for op in log.operations for c in op.changes if c.kind == "breaking")
    lines = [f"## {headline(log, date)}", ""]
    lines.append(
        f"Breaking for code using the SDK: {breaking} change{'s' if breaking != 1 else ''}"
        + (" in " + ", ".join(op.name for op in log.operations if op.breaking) if breaking else "")
        + "."
    )
    for op in log.operations:
        if op.status == "docs":
            continue
        lines += ["", f"### {op.name} ({op.status})", ""]
        for side in ("request", "response"):
            tree = getattr(op, side)
            if tree:
                lines.append(f"{side.capitalize()}: `{request_syntax(tree)}`")
                lines.append("")
        order = {"breaking": 0, "additive": 1, "docs": 2}
        grouped: dict[tuple[str, str, str, str], list[str]] = {}
        documented: dict[str, list[str]] = {}
        for change in sorted(op.changes, key=lambda c: (order[c.kind], c.side, c.path, c.what)):
            if change.what == DOCUMENTATION:
                documented.setdefault(change.side, []).append(change.path)
                continue
            what, _, value = change.what.partition(": ")
            if not what.startswith("enum value"):
                what, value = change.what, ""
            grouped.setdefault((change.kind, change.side, change.path, what), []).append(value)
        for (kind, side, path, what), values in grouped.items():
            text = what
            if values != [""]:
                text = (what.replace("value", "values") if len(values) > 1 else what) + ": "
                text += ", ".join(values)
            lines.append(f"- {kind}: {side} `{path}`: {text}")
        for side, paths in documented.items():
            lines.append(f"- docs: {side} {_some(paths)}: {DOCUMENTATION}")
    docs_only = [op.name for op in log.operations if op.status == "docs"]
    if docs_only:
        lines += ["", "Documentation only: " + ", ".join(docs_only) + "."]
    return "\n".join(lines) + "\n"


def as_json(log: Changelog, date: str | None = None) -> dict[str, Any]:
    """The changelog as JSON-ready data (enum values gained as sorted lists)."""

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in sorted(value.items())}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, set | frozenset):
            return {"enum values added": sorted(value)}
        return value

    return {
        "date": date,
        "service": log.service,
        "counts": log.counts(),
        "operations": [
            {
                "name": op.name,
                "status": op.status,
                "request": plain(op.request),
                "response": plain(op.response),
                "changes": [
                    {"kind": c.kind, "side": c.side, "path": c.path, "what": c.what}
                    for c in op.changes
                ],
            }
            for op in log.operations
        ],
    }
