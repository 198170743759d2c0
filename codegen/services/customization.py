"""The shape of a service's customization: frozen attrs classes the templates read by name."""

from __future__ import annotations

from typing import Any

from attrs import frozen


@frozen
class Mixin:
    """A base class of the typed client, from the service's hand-written ``module``."""

    module: str
    """Relative to the service package: ``deploy.preflight``."""
    name: str


@frozen
class Preflight:
    """An operation whose client method takes ``preflight=True``."""

    method: str
    """The client method: ``update_endpoint``."""
    check: str
    """The mixin method that checks the request first: ``_preflight_update_endpoint``."""
    description: str
    """What the check does, for the method's docstring (continues "``preflight=True`` first")."""


@frozen
class ErrorExports:
    """Exceptions of a hand-written ``module`` that the service's ``errors`` module re-exports."""

    module: str
    names: tuple[str, ...]


@frozen
class Export:
    """A name of the service package beyond its models and client, loaded on first use."""

    name: str
    module: str


@frozen
class Extra:
    """An optional dependency of the service's wheel (``pip install 'botoshapes-X[name]'``)."""

    name: str
    requirements: tuple[str, ...]
    purpose: str
    """What needs it, written beside it in the wheel's ``pyproject.toml``."""


@frozen
class Script:
    """A command the service's wheel installs."""

    name: str
    target: str
    """``module:function``."""


@frozen
class Correction:
    """A constraint of the pinned model that is evidently wrong, and what it becomes.

    ``path`` names a value in the model's ``service-2.json`` (``("shapes", "RetryAction",
    "caseInsensitive")``); the generator puts ``now`` there while the model still holds
    ``was`` (``None``: nothing is there), and warns once it does not: AWS fixed it, or
    changed it, and the correction must be read again. ``caseInsensitive: true`` on an enum
    shape is botoshapes' own: its values are matched ignoring case.
    """

    path: tuple[str, ...]
    was: Any
    now: Any
    why: str
    """What is wrong, in a few words."""
    evidence: str
    """AWS's words, or the model's own, and where they are."""


@frozen
class Customization:
    """Everything one service adds to what the generator writes from its model.

    ``package`` is the service's package name (``sagemaker``, ``lambda_``). Its hand-written
    modules live at their import paths under ``src/botoshapes/<package>/``, beside links to
    the generated ones (:mod:`codegen.sources`).
    """

    package: str
    mixins: tuple[Mixin, ...] = ()
    """Bases of the typed client, first to last."""
    preflight: tuple[Preflight, ...] = ()
    errors: tuple[ErrorExports, ...] = ()
    exports: tuple[Export, ...] = ()
    request_rules: str | None = None
    """The hand-written module holding ``REQUEST_RULES`` (``deploy.rules``), which strict
    validation runs (``botoshapes._runtime.rules``)."""
    extras: tuple[Extra, ...] = ()
    """The wheel's optional dependencies."""
    scripts: tuple[Script, ...] = ()
    """The wheel's commands."""
    corrections: tuple[Correction, ...] = ()
    """Constraints of the pinned model corrected, each with its evidence."""

    def preflight_of(self, method: str) -> Preflight | None:
        return next((p for p in self.preflight if p.method == method), None)

    def modules(self) -> tuple[str, ...]:
        """Every hand-written module the generated code names, sorted."""
        named = [m.module for m in self.mixins] + [e.module for e in self.errors]
        named += [e.module for e in self.exports]
        named += [self.request_rules] if self.request_rules else []
        return tuple(sorted(set(named)))
