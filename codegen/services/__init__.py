"""What a service adds to its generated package: one typed :class:`Customization` each.

A service's hand-written modules live at their import path under ``src/``
(``src/botoshapes/sagemaker/deploy/``); its customization tells the generator
what those modules give the generated code (the typed client's bases, its
preflight checks, more errors and names, the request rules), what the
service's wheel adds (extras, commands), and the constraints of its model
corrected (``corrections``). Register a service below, one line.
"""

from __future__ import annotations

from .corrections import CORRECTED
from .customization import (
    Correction,
    Customization,
    ErrorExports,
    Export,
    Extra,
    Mixin,
    Preflight,
    Script,
)
from .sagemaker import SAGEMAKER

__all__ = [
    "Correction",
    "Customization",
    "ErrorExports",
    "Export",
    "Extra",
    "Mixin",
    "Preflight",
    "Script",
    "customization",
    "registered",
]

_REGISTERED: dict[str, Customization] = {c.package: c for c in (SAGEMAKER, *CORRECTED)}


def customization(package: str) -> Customization:
    """The customization of the service package ``package`` (``sagemaker``); a service
    with none gets the empty one."""
    return _REGISTERED.get(package) or Customization(package)


def registered() -> tuple[Customization, ...]:
    """Every service that has a customization, by package name."""
    return tuple(_REGISTERED[p] for p in sorted(_REGISTERED))
