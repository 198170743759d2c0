"""What the generator writes and the runtime reads: the one agreement between them.

The generator (``codegen``, build time) imports this module to write generated
code; the runtime imports it to read that code. Nothing else names these things:

- :class:`ShapeTraits`, the per-class facts a model's schema cannot say, as the
  ``shape_traits`` class attribute :class:`~botoshapes._runtime.model.ShapeModel`
  declares (``shape_traits = ShapeTraits(union=True)``);
- how a pattern for Python's ``re`` travels through pydantic's ``pattern=``
  (:func:`encode_python_re` and :func:`decode_python_re`);
- the module of a service package that holds its request rules (:data:`RULES_MODULE`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

TRAITS_ATTRIBUTE = "shape_traits"
"""The class attribute every generated model may set; the naming rules reserve it."""
RULES_MODULE = "_rules"
"""``botoshapes.<service>._rules``: ``REQUEST_RULES``, shape name to rules, if the service has
rules (the generator writes it from the service's customization)."""


@dataclass(frozen=True, slots=True)
class ShapeTraits:
    """What the runtime must know of one structure beyond its fields."""

    union: bool = False
    """Exactly one member must be set (a union shape)."""
    recursive: bool = False
    """Values can nest without bound: deeper than ``MAX_DEPTH`` is refused."""
    streams: tuple[tuple[str, str], ...] = ()
    """``(wire name, attribute)`` of each streaming or event-stream member."""
    event_streams: tuple[tuple[str, str], ...] = ()
    """``(attribute, event union class)`` of each event-stream member."""
    sensitive: tuple[str, ...] = ()
    """Attributes whose values are masked in ``repr`` and error messages (sorted)."""
    forms: tuple[tuple[str, str], ...] = ()
    """``(attribute, form)`` of each member a botocore handler rewrites: taken or read in
    the form the handler takes or gives (``botoshapes._runtime.forms``)."""
    aliases: tuple[tuple[str, str], ...] = ()
    """``(alias, wire name)``: another name botocore takes for a member in a request
    (``ParameterAlias``: ec2's ``Filters`` for ``Filter``)."""

    def source(self) -> str:
        """This value as the Python the generator writes: only what differs from the
        default, in field order, so that the bytes are the same on every run."""
        default = ShapeTraits()
        given = [
            f"{f.name}={getattr(self, f.name)!r}"
            for f in fields(self)
            if getattr(self, f.name) != getattr(default, f.name)
        ]
        return f"{type(self).__name__}({', '.join(given)})"


_PYTHON_RE_START = "\\A"
_ENCODED_START = re.escape(_PYTHON_RE_START)
_ESCAPED = re.compile(r"\\(.)", re.S)


def encode_python_re(regex: str) -> str:
    """The ``pattern=`` the generator writes for a full-match regex.

    pydantic compiles every ``pattern=`` with Rust's regex, which has no look-around. A
    pattern only Python's ``re`` runs (it starts ``\\A``) is therefore written as a Rust
    regex matching its own text, every character escaped; the runtime decodes it and runs it
    with ``re``. Any other pattern is written as it is.
    """
    return re.escape(regex) if regex.startswith(_PYTHON_RE_START) else regex


def decode_python_re(pattern: str) -> str | None:
    """The ``re`` regex (``\\A(?:...)\\Z``) an emitted ``pattern=`` encodes, or ``None`` for a
    pattern that is the regex itself."""
    return _ESCAPED.sub(r"\1", pattern) if pattern.startswith(_ENCODED_START) else None
