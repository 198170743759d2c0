"""The walk of one side of one operation through both versions' shape graphs.

It classifies each change for code using the generated package (see
:mod:`.diff`) and builds the tree of members that appeared.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .model import DOCUMENTATION, Change, Kind, Side

_CONSTRAINTS = ("min", "max", "pattern")
_INTEGERS = ("integer", "long")
_FLOATS = ("float", "double")
_NUMBERS = (*_INTEGERS, *_FLOATS)
_PART = {"request": "input", "response": "output"}


class Models:
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


def is_class(shape: Mapping[str, Any]) -> bool:
    """Whether the generated package has a class of this name (a structure or an enum)."""
    return shape.get("type") == "structure" or "enum" in shape


class Walk:
    """Compares the shape graphs under one side of one operation."""

    def __init__(self, models: Models, side: Side, changes: list[Change]) -> None:
        self.models = models
        self.side = side
        self.changes = changes

    def note(self, kind: Kind, path: str, what: str) -> None:
        self.changes.append(Change(kind, self.side, path or "(top level)", what))

    def shape(self, was: str | None, now: str | None, path: str, seen: frozenset[str]) -> Any:
        """The delta tree of ``now`` against ``was`` (``None`` if nothing appeared)."""
        if was is None or now is None:
            return self.ends(was, now, path)
        if now in seen or (was == now and now not in self.models.dirty):
            return None
        seen = seen | {now}
        old, new = self.models.old[was], self.models.new[now]
        self.renamed(was, now, path)
        if not self.same_kind(old, new, path):
            return None
        self.constraints(old, new, path)
        if bool(old.get("union")) != bool(new.get("union")):
            union = bool(new.get("union"))
            self.note(
                self._request_only("breaking" if union else "additive"),
                path,
                "now a union (exactly one member)" if union else "no longer a union",
            )
        if old.get("documentation") != new.get("documentation"):
            self.note("docs", path, DOCUMENTATION)
        return self.descend(old, new, path, seen)

    def ends(self, was: str | None, now: str | None, path: str) -> Any:
        """An operation that gains or loses its input or output (``path`` is empty)."""
        if now is None:
            if was is not None:
                self.note("breaking", path, f"{_PART[self.side]} removed")
            return None
        tree = syntax(self.models.new, now, frozenset())
        required = sorted(self.models.new[now].get("required", []))
        if self.side == "request" and required:
            self.note("breaking", path, f"input added, requiring {', '.join(required)}")
        else:
            self.note("additive", path, f"{_PART[self.side]} added")
        return tree

    def renamed(self, was: str, now: str, path: str) -> None:
        """A member whose structure or enum is another class now (the class is the shape's
        name)."""
        old, new = self.models.old[was], self.models.new[now]
        if was == now or not (is_class(old) and is_class(new)):
            return
        if was not in self.models.new:
            self.note("breaking", path, f"class {was} renamed to {now}")
        else:
            self.note(self._request_only("breaking"), path, f"class {was} -> {now}")

    def same_kind(self, old: Mapping[str, Any], new: Mapping[str, Any], path: str) -> bool:
        """Whether the two shapes compare member by member; notes how their types differ."""
        before, after = old.get("type"), new.get("type")
        if before == after:
            if before == "string" and ("enum" in old) != ("enum" in new):
                if "enum" in new:  # requests are checked against the enum from now on
                    values = ", ".join(new["enum"])
                    self.note(self._request_only("breaking"), path, f"now an enum: {values}")
                    if self.side == "response":
                        self.note("additive", path, f"now an enum: {values}")
                else:
                    self.note("breaking", path, "no longer an enum (its class is gone)")
                return False
            return True
        if before in _INTEGERS and after in _INTEGERS:  # both int in Python
            wider = after == "long"
            kind: Kind = self._request_only("additive" if wider else "breaking")
            self.note(kind, path, f"type {before} -> {after} (an int either way)")
            return True
        if before in _FLOATS and after in _FLOATS:
            self.note("docs", path, f"type {before} -> {after} (a float either way)")
            return True
        self.note("breaking", path, f"type changed: {before} -> {after}")
        return False

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
                self.note("docs", where, DOCUMENTATION)
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
            before, after = _effective(old, key), _effective(new, key)
            if before == after:
                continue
            tighter = _tighter(key, before, after)
            kind: Kind = self._request_only("breaking" if tighter else "additive")
            what = f"{key} {before!r} -> {after!r}"
            if key == "pattern" and before is not None and after is not None:
                what += " (may refuse values it took: a changed pattern is read as tighter)"
            self.note(kind, path, what)

    def _request_only(self, kind: Kind) -> Kind:
        """Responses are read without constraints or requiredness: there it changes nothing."""
        return kind if self.side == "request" else "docs"


def _effective(shape: Mapping[str, Any], key: str) -> Any:
    """A constraint as the package checks it: a length minimum of 0 is none, and a pattern is
    matched against the whole value (``^x$`` is ``x``)."""
    value = shape.get(key)
    if key == "min" and value == 0 and shape.get("type") not in _NUMBERS:
        return None
    return _anchored(value) if key == "pattern" else value


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
