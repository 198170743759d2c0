"""The shape of a service's customization: frozen attrs classes the templates read by name."""

from __future__ import annotations

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

    def preflight_of(self, method: str) -> Preflight | None:
        return next((p for p in self.preflight if p.method == method), None)

    def modules(self) -> tuple[str, ...]:
        """Every hand-written module the generated code names, sorted."""
        named = [m.module for m in self.mixins] + [e.module for e in self.errors]
        named += [e.module for e in self.exports]
        named += [self.request_rules] if self.request_rules else []
        return tuple(sorted(set(named)))
