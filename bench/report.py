"""Formatting of the benchmark tables."""

from __future__ import annotations

from dataclasses import dataclass, field


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def rate(per_second: float) -> str:
    return f"{per_second:,.0f}/s"


def times(ratio: float, what: str) -> str:
    return f"{ratio:,.1f}x {what}"


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def add(self, label: str, *cells: str) -> None:
        self.rows.append([label, *cells])

    def markdown(self) -> str:
        lines = [f"### {self.title}", "", "| | " + " | ".join(self.columns) + " |"]
        lines.append("|---" * (len(self.columns) + 1) + "|")
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines)
