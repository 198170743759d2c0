"""Problems found while generating, collected as values instead of raised halfway through."""

from __future__ import annotations

from enum import IntEnum

from attrs import frozen


class Level(IntEnum):
    WARNING = 1
    ERROR = 2


@frozen(order=True)
class Diagnostic:
    level: Level
    where: str
    message: str

    @classmethod
    def warning(cls, where: str, message: str) -> Diagnostic:
        return cls(Level.WARNING, where, message)

    @classmethod
    def error(cls, where: str, message: str) -> Diagnostic:
        return cls(Level.ERROR, where, message)

    def __str__(self) -> str:
        return f"{self.level.name.lower()}: {self.where}: {self.message}"


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.level is Level.ERROR for d in diagnostics)
