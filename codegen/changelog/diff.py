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

Kind = Literal["breaking", "additive", "docs"]
Side = Literal["request", "response"]
_CONSTRAINTS = ("min", "max", "pattern")


@dataclass(frozen=True, slots=True)
class Change:
    """One change, where an operation meets it: ``path`` is the wire path from its request or
    response (``DeploymentConfig.BlueGreenUpdatePolicy``)."""

    kind: Kind
    side: Side
    path: str
    what: str


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


class _Models:
    """The shapes of both versions, and which of them lead to a change (``dirty``)."""

    def __init__(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        self.old = old.get("shapes", {})
        self.new = new.get("shapes", {})
        changed = {n for n in {*self.old, *self.new} if self.old.get(n) != self.new.get(n)}
        users: dict[str, set[str]] = {}
        for shapes in (self.old, self.new):
            for name, shape in shapes.items():
                for target in _targets(shape):
                    users.setdefault(target, set()).add(name)
        self.dirty, todo = set(changed), list(changed)
        while todo:
            for user in users.get(todo.pop(), ()):
                if user not in self.dirty:
                    self.dirty.add(user)
                    todo.append(user)


def _targets(shape: Mapping[str, Any]) -> list[str]:
    out = [m["shape"] for m in shape.get("members", {}).values()]
    return out + [shape[k]["shape"] for k in ("member", "key", "value") if k in shape]


def compare(old: Mapping[str, Any], new: Mapping[str, Any]) -> Changelog:
    """The changelog from ``old`` to ``new`` (two ``service-2.json`` documents)."""
    models = _Models(old, new)
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
                tree = _Walk(models, side, delta.changes).shape(was, now, "", frozenset())
                if isinstance(tree, dict):
                    getattr(delta, side).update(tree)
            if old_ops[name].get("documentation") != new_ops[name].get("documentation"):
                delta.changes.append(Change("docs", "request", name, "documentation changed"))
            delta.changes = list(dict.fromkeys(delta.changes))
            if not delta.changes:
                continue
            if all(c.kind == "docs" for c in delta.changes) and not delta.request:
                delta.status = "docs" if not delta.response else "updated"
        out.append(delta)
    metadata = new.get("metadata", {})
    return Changelog(str(metadata.get("serviceFullName") or metadata.get("serviceId") or ""), out)


class _Walk:
    """Compares the shape graphs under one side of one operation."""

    def __init__(self, models: _Models, side: Side, changes: list[Change]) -> None:
        self.models = models
        self.side = side
        self.changes = changes

    def note(self, kind: Kind, path: str, what: str) -> None:
        self.changes.append(Change(kind, self.side, path or "(top level)", what))

    def shape(self, was: str | None, now: str | None, path: str, seen: frozenset[str]) -> Any:
        """The delta tree of ``now`` against ``was`` (``None`` if nothing appeared)."""
        if was is None and now is None:
            return None
        if was is None or now is None:
            self.note("breaking" if now is None else "additive", path, "shape changed")
            return None
        if now in seen or (was == now and now not in self.models.dirty):
            return None
        seen = seen | {now}
        old, new = self.models.old[was], self.models.new[now]
        if old.get("type") != new.get("type"):
            self.note("breaking", path, f"type changed: {old.get('type')} -> {new.get('type')}")
            return None
        self.constraints(old, new, path)
        if old.get("documentation") != new.get("documentation"):
            self.note("docs", path, "documentation changed")
        return self.descend(old, new, path, seen)

    def descend(
        self, old: Mapping[str, Any], new: Mapping[str, Any], path: str, seen: frozenset[str]
    ) -> Any:
        """The delta tree inside two shapes of the same type."""
        kind = new.get("type")
        if kind == "structure":
            return self.structure(old, new, path, seen)
        if kind == "list":
            return self.shape(old["member"]["shape"], new["member"]["shape"], path + "[]", seen)
        if kind == "map":
            self.shape(old["key"]["shape"], new["key"]["shape"], path + "{key}", seen)
            return self.shape(old["value"]["shape"], new["value"]["shape"], path + "{}", seen)
        if "enum" in new or "enum" in old:
            return self.enum(old.get("enum", []), new.get("enum", []), path)
        return None

    def structure(
        self, old: Mapping[str, Any], new: Mapping[str, Any], path: str, seen: frozenset[str]
    ) -> dict[str, Any] | None:
        tree: dict[str, Any] = {}
        was_required, now_required = set(old.get("required", [])), set(new.get("required", []))
        for name in sorted({*old["members"], *new["members"]}):
            where = f"{path}.{name}" if path else name
            before, after = old["members"].get(name), new["members"].get(name)
            if before is None:
                required = name in now_required and self.side == "request"
                self.note(
                    "breaking" if required else "additive",
                    where,
                    "required member added" if required else "member added",
                )
                tree[name] = syntax(self.models.new, after["shape"], frozenset())
                continue
            if after is None:
                self.note("breaking", where, "member removed")
                continue
            if name in now_required and name not in was_required:
                self.note(self._request_only("breaking"), where, "member now required")
            elif name in was_required and name not in now_required:
                self.note(self._request_only("additive"), where, "member no longer required")
            if before.get("documentation") != after.get("documentation"):
                self.note("docs", where, "documentation changed")
            child = self.shape(before["shape"], after["shape"], where, seen)
            if child is not None:
                tree[name] = child
        return tree or None

    def enum(self, old: list[str], new: list[str], path: str) -> set[str] | None:
        for value in sorted(set(old) - set(new)):
            self.note("breaking", path, f"enum value removed: {value}")
        added = set(new) - set(old)
        for value in sorted(added):
            self.note("additive", path, f"enum value added: {value}")
        return added or None

    def constraints(self, old: Mapping[str, Any], new: Mapping[str, Any], path: str) -> None:
        for key in _CONSTRAINTS:
            before, after = old.get(key), new.get(key)
            if before == after or (key == "pattern" and _anchored(before) == _anchored(after)):
                continue  # patterns match whole values: '^x$' is 'x'

            tighter = _tighter(key, before, after)
            kind: Kind = self._request_only("breaking" if tighter else "additive")
            self.note(kind, path, f"{key} {before!r} -> {after!r}")

    def _request_only(self, kind: Kind) -> Kind:
        """Responses are read without constraints or requiredness: there it changes nothing."""
        return kind if self.side == "request" else "docs"


def _anchored(pattern: Any) -> Any:
    """A pattern as it is matched (against the whole value): without ``^``/``$`` anchors."""
    if not isinstance(pattern, str):
        return pattern
    if pattern.startswith("^"):
        pattern = pattern[1:]
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1]
    return pattern


def _tighter(key: str, before: Any, after: Any) -> bool:
    if key == "pattern":
        return after is not None  # a new or different pattern may refuse what passed
    if after is None:
        return False
    if before is None:
        return True
    return bool(after > before) if key == "min" else bool(after < before)


_SCALARS = {
    "string": "string",
    "integer": "integer",
    "long": "integer",
    "float": "float",
    "double": "float",
    "boolean": "boolean",
    "timestamp": "timestamp",
    "blob": "bytes",
}


def syntax(shapes: Mapping[str, Any], name: str, seen: frozenset[str]) -> Any:
    """The request-syntax form of a whole shape: ``{'Member': 'string', ...}``, enums as
    ``'A | B'``, a recursive shape as ``{...}``."""
    shape = shapes[name]
    kind = shape.get("type")
    if name in seen:
        return "{...}"
    if kind == "structure":
        inner = seen | {name}
        return {
            m: syntax(shapes, shape["members"][m]["shape"], inner) for m in sorted(shape["members"])
        }
    if kind == "list":
        return [syntax(shapes, shape["member"]["shape"], seen | {name})]
    if kind == "map":
        return {"string": syntax(shapes, shape["value"]["shape"], seen | {name})}
    if "enum" in shape:
        return " | ".join(shape["enum"])
    return _SCALARS.get(str(kind), str(kind))
