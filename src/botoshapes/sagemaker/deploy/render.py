"""The plan and the findings as text for a terminal."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .check import Finding
from .plan import DeploymentPlan, Step

if TYPE_CHECKING:
    from .components import CopyStep


def duration(seconds: int) -> str:
    """``3725`` as ``1h 2m 5s``."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [
        f"{hours}h" if hours else "",
        f"{minutes}m" if minutes else "",
        f"{secs}s" if secs else "",
    ]
    return " ".join(p for p in parts if p) or "0s"


def table(rows: Sequence[Sequence[str]]) -> list[str]:
    """``rows`` (the first is the header) as lines of columns padded to their widest cell."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def count(number: int, one: str, many: str | None = None) -> str:
    """``2 batches``, ``1 batch``: ``number`` and the noun it takes (``many``: not just + s)."""
    return f"{number} {one if number == 1 else many or one + 's'}"


def lead(step: Step | CopyStep) -> tuple[str, str, str, str]:
    """A step's first cells: its number, when it starts, what it does, how long it takes."""
    action = f"{step.action} ({step.note})" if step.note else step.action
    return (str(step.index), duration(step.start_seconds), action, duration(step.seconds))


def rollback_cell(number: int, batches: int, one: str, many: str, fleet: str) -> str:
    """What a rollback brings back: ``number`` old ``one``/``many`` in ``batches``, or the
    traffic alone while the old ``fleet`` is all up."""
    if not number:
        return f"traffic back to the old {fleet}"
    return f"{count(number, one, many)} back in {count(batches, 'batch', 'batches')}"


def _fleets(step: Step) -> str:
    return "; ".join(
        f"{f.variant} {f.fleet}: "
        + (f"{f.instances} {f.instance_type}" if f.instance_type else "serverless")
        + f", {f.traffic_percent:.0f}%"
        for f in step.fleets
    )


def render_plan(plan: DeploymentPlan) -> str:
    """A table of the steps, then the totals and the notes."""
    rows = [("#", "at", "action", "takes", "fleets (instances, traffic)", "rollback")]
    for step in plan.steps:
        back = "-"
        if step.rollback is not None:
            back = rollback_cell(
                step.rollback.instances,
                step.rollback.batches,
                "old instance",
                "old instances",
                "fleet",
            )
        rows.append((*lead(step), _fleets(step), back))
    lines = table(rows)
    peak = ", ".join(f"{n} x {kind}" for kind, n in plan.peak_instances.items()) or "none"
    timeout = "none set" if plan.timeout_seconds is None else duration(plan.timeout_seconds)
    lines += [
        "",
        f"strategy          {plan.strategy}",
        f"traffic shifts    {plan.traffic_shifts}",
        f"peak instances    {peak}",
        f"waiting           {duration(plan.waiting_seconds)}",
        f"shortest duration {duration(plan.duration_seconds)}"
        f" ({duration(plan.provisioning_seconds)} per provisioning step assumed)",
        f"timeout           {timeout} ({'fits' if plan.fits_timeout else 'DOES NOT FIT'}:"
        f" {duration(plan.timed_seconds)} to the final bake's end)",
    ]
    lines += [f"note: {note}" for note in plan.notes]
    return "\n".join(lines)


def render_findings(findings: Iterable[Finding]) -> str:
    """One line per finding, errors first; ``no findings`` if there are none."""
    lines = [str(f) for f in findings]
    return "\n".join(lines) if lines else "no findings"
