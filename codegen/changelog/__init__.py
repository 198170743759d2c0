"""What changed between two versions of a service model, and what it breaks for SDK users.

- :func:`~.diff.compare`: two ``service-2.json`` documents -> :class:`~.diff.Changelog`
  (per operation: the members that appeared, and every change classified as
  breaking, additive or docs only).
- :func:`~.render.markdown` (the shape of AWS's changelog pages) and
  :func:`~.render.as_json`.
- ``python -m codegen changelog OLD NEW`` (:mod:`.cli`).
"""

from __future__ import annotations

from .diff import Changelog, OperationDelta, compare
from .model import Change
from .render import as_json, headline, markdown, request_syntax

__all__ = [
    "Change",
    "Changelog",
    "OperationDelta",
    "as_json",
    "compare",
    "headline",
    "markdown",
    "request_syntax",
]
