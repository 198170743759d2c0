"""Rules a service states in prose, checked inside strict validation like any constraint.

A service package may have a module ``_rules`` (``contract.RULES_MODULE``,
written by the generator from the service's customization) with
``REQUEST_RULES``: shape name to functions that take a model of that shape and yield
:class:`Violation`\\ s. The strict view of that shape runs them after its
members are checked; a violation is an error at its wire path, in the same
form as a broken constraint, and ``constraint_checks(False)`` skips them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from .contract import RULES_MODULE

Level = Literal["error", "warning"]
Path = tuple[str | int, ...]
"""Wire names (and list indexes), from the shape a check is given."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: ``id`` (stable, used in messages and JSON), its level, words and source.

    ``quote`` is what the source says, word for word, that the rule and its level rest on;
    where the source is silent, ``text`` says which reading was chosen.
    """

    id: str
    level: Level
    text: str
    source: str
    quote: str = ""


@dataclass(frozen=True, slots=True)
class Violation:
    """``rule`` broken at ``path`` (from the checked shape), with the value there."""

    rule: Rule
    path: Path
    value: Any
    message: str


RequestRule = Callable[[Any], Iterator[Violation]]
_NONE: tuple[RequestRule, ...] = ()
_BY_PACKAGE: dict[str, Mapping[str, tuple[RequestRule, ...]]] = {}


def rules_for(cls: type[Any]) -> tuple[RequestRule, ...]:
    """The request rules of the model class ``cls``, from its service's ``_rules`` module."""
    package = cls.__module__.partition("._models")[0]
    found = _BY_PACKAGE.get(package)
    if found is None:
        name = f"{package}.{RULES_MODULE}"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            found = {}
        else:
            found = module.REQUEST_RULES
        _BY_PACKAGE[package] = found
    return found.get(cls.__name__, _NONE)


def apply_rules(name: str, rules: tuple[RequestRule, ...]) -> Callable[[Any], Any]:
    """An after-validator of model ``name``: its error rules, as validation errors."""

    def check(model: Any) -> Any:
        details = [
            InitErrorDetails(
                type=PydanticCustomError(
                    violation.rule.id,
                    "{message} [rule {rule}: {text}]",
                    {
                        "message": violation.message,
                        "rule": violation.rule.id,
                        "text": violation.rule.text,
                    },
                ),
                loc=violation.path,
                input=violation.value,
            )
            for rule in rules
            for violation in rule(model)
            if violation.rule.level == "error"
        ]
        if details:
            raise ValidationError.from_exception_data(name, details)
        return model

    return check
