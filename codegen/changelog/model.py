"""A change, and the words that classify it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["breaking", "additive", "docs"]
Side = Literal["request", "response"]

DOCUMENTATION = "documentation changed"
"""What a change of documentation only says (folded into one line per side in Markdown)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change, where an operation meets it: ``path`` is the wire path from its request or
    response (``DeploymentConfig.BlueGreenUpdatePolicy``)."""

    kind: Kind
    side: Side
    path: str
    what: str
