"""What changed between two versions of a service model, and what each change breaks.

Works on the raw ``service-2.json`` dicts (the IR is built for one version at
a time). Every change of a shape is reported at every operation whose request
or response reaches it, as AWS's own changelog pages do.

How a change is classified, for code using the generated package:

- **breaking**: an operation, member or enum value removed (the method,
  attribute or enum member is gone); a member's type changed; in a request, a
  member becomes required (constructors need it) or a constraint tightens
  (values accepted yesterday are refused).
- **additive**: a new operation, a new member that is not required in a
  request, a new enum value, a constraint relaxed, a member no longer required.
- **docs**: documentation only, or what the package does not check
  (constraints and requiredness of responses: read forgivingly).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .model import DOCUMENTATION, Change, Side
from .walk import Models, Walk, syntax


@dataclass(slots=True)
class OperationDelta:
    """An operation's changes: the members that appeared (as a nested syntax tree) and every
    classified change."""

    name: str
    status: Literal["new", "updated", "removed", "docs"]
    """``docs``: only documentation (or what the SDK does not check) changed."""
    request: dict[str, Any] = field(default_factory=dict)
    response: dict[str, Any] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)

    @property
    def breaking(self) -> bool:
        return any(c.kind == "breaking" for c in self.changes)


@dataclass(slots=True)
class Changelog:
    service: str
    operations: list[OperationDelta]

    def counts(self) -> dict[str, int]:
        out = {"new": 0, "updated": 0, "removed": 0, "docs": 0}
        for op in self.operations:
            out[op.status] += 1
        return out


def compare(old: Mapping[str, Any], new: Mapping[str, Any]) -> Changelog:
    """The changelog from ``old`` to ``new`` (two ``service-2.json`` documents)."""
    models = Models(old, new)
    old_ops, new_ops = old.get("operations", {}), new.get("operations", {})
    out = []
    for name in sorted({*old_ops, *new_ops}):
        if name not in old_ops:
            delta = OperationDelta(name, "new")
            delta.changes.append(Change("additive", "request", name, "operation added"))
            for side in ("request", "response"):
                root = new_ops[name].get("input" if side == "request" else "output") or {}
                if "shape" in root:
                    getattr(delta, side).update(syntax(models.new, root["shape"], frozenset()))
        elif name not in new_ops:
            delta = OperationDelta(name, "removed")
            delta.changes.append(Change("breaking", "request", name, "operation removed"))
        else:
            delta = OperationDelta(name, "updated")
            sides: tuple[tuple[Side, str], ...] = (("request", "input"), ("response", "output"))
            for side, key in sides:
                was = (old_ops[name].get(key) or {}).get("shape")
                now = (new_ops[name].get(key) or {}).get("shape")
                if was is None and now is None:
                    continue
                tree = Walk(models, side, delta.changes).shape(was, now, "", frozenset())
                if isinstance(tree, dict):
                    getattr(delta, side).update(tree)
            if old_ops[name].get("documentation") != new_ops[name].get("documentation"):
                delta.changes.append(Change("docs", "request", name, DOCUMENTATION))
            delta.changes = list(dict.fromkeys(delta.changes))
            if not delta.changes:
                continue
            if all(c.kind == "docs" for c in delta.changes) and not delta.request:
                delta.status = "docs" if not delta.response else "updated"
        out.append(delta)
    metadata = new.get("metadata", {})
    return Changelog(str(metadata.get("serviceFullName") or metadata.get("serviceId") or ""), out)
