"""The plan as a chart: traffic and instances (or copies) over time, bakes and the timeout marked.

Needs matplotlib (``pip install 'botoshapes-sagemaker[plot]'``); nothing else in the
package imports it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .components import ComponentPlan, CopyStep
from .plan import DeploymentPlan, Step

_FORMATS = (".png", ".svg")


class ChartUnavailableError(RuntimeError):
    """matplotlib is not installed."""


@dataclass(frozen=True, slots=True)
class _Series:
    """What the chart draws; each step's state holds from its end (steps after the step)."""

    times: list[float]
    """Minutes."""
    new_share: list[float]
    old_count: list[int]
    new_count: list[int]
    waits: list[tuple[str, float, float]]
    """``(action, start, end)`` of each bake and termination wait, in minutes."""
    unit: str
    title: str


def _waits(steps: Sequence[Step | CopyStep]) -> list[tuple[str, float, float]]:
    return [
        (s.action, s.start_seconds / 60, (s.start_seconds + s.seconds) / 60)
        for s in steps
        if s.action in ("bake", "wait") and s.seconds
    ]


def _of_endpoint(plan: DeploymentPlan) -> _Series:
    first = plan.steps[0].fleets if plan.steps else ()
    times, new_share = [0.0], [0.0]
    old_count, new_count = [sum(f.instances for f in first if f.fleet == "old")], [0]
    for step in plan.steps:
        times.append((step.start_seconds + step.seconds) / 60)
        new_share.append(sum(f.traffic_percent for f in step.fleets if f.fleet == "new"))
        old_count.append(sum(f.instances for f in step.fleets if f.fleet == "old"))
        new_count.append(sum(f.instances for f in step.fleets if f.fleet == "new"))
    title = (
        f"{plan.strategy}: {plan.traffic_shifts} traffic shifts, peak"
        f" {sum(plan.peak_instances.values())} instances,"
        f" {plan.duration_seconds / 60:.0f} min (bakes shaded)"
    )
    return _Series(times, new_share, old_count, new_count, _waits(plan.steps), "instances", title)


def _of_component(plan: ComponentPlan) -> _Series:
    times, new_share = [0.0], [0.0]
    old_count, new_count = [plan.copies_before], [0]
    for step in plan.steps:
        times.append((step.start_seconds + step.seconds) / 60)
        new_share.append(step.new_traffic_percent)
        old_count.append(step.old_copies)
        new_count.append(step.new_copies)
    title = (
        f"{plan.component} {plan.strategy}: batches of {plan.batch_copies}, peak"
        f" {plan.peak_copies} copies, {plan.duration_seconds / 60:.0f} min (bakes shaded)"
    )
    return _Series(times, new_share, old_count, new_count, _waits(plan.steps), "copies", title)


def write_chart(plan: DeploymentPlan | ComponentPlan, path: str | Path) -> Path:
    """Write the chart of ``plan`` to ``path`` (``.png`` or ``.svg``) and return it: traffic,
    and the instances (or an inference component's copies) of each fleet over time."""
    target = Path(path)
    if target.suffix.lower() not in _FORMATS:
        raise ValueError(f"{target}: a chart is written as .png or .svg, not {target.suffix!r}")
    try:
        import matplotlib as mpl  # noqa: PLC0415  (an optional extra)

        mpl.use("Agg")
        from matplotlib import pyplot  # noqa: PLC0415
        from matplotlib.ticker import MaxNLocator  # noqa: PLC0415
    except ImportError as error:
        raise ChartUnavailableError(
            "writing a chart needs matplotlib: pip install 'botoshapes-sagemaker[plot]'"
        ) from error
    series = _of_endpoint(plan) if isinstance(plan, DeploymentPlan) else _of_component(plan)
    times, new_share = series.times, series.new_share
    old_count, new_count = series.old_count, series.new_count
    figure, (traffic, instances) = pyplot.subplots(2, 1, sharex=True, figsize=(9, 5.5))
    try:
        traffic.step(times, new_share, where="pre", color="tab:green", label="new fleet")
        traffic.step(
            times,
            [100 - s for s in new_share],
            where="pre",
            color="tab:blue",
            lw=4,
            alpha=0.45,
            label="old fleet",
        )
        traffic.set_ylabel("traffic (%)")
        traffic.set_ylim(-5, 105)
        instances.step(
            times, old_count, where="pre", color="tab:blue", lw=4, alpha=0.45, label="old fleet"
        )
        instances.step(times, new_count, where="pre", color="tab:green", label="new fleet")
        instances.set_ylabel(series.unit)
        instances.yaxis.set_major_locator(MaxNLocator(integer=True))
        instances.set_xlabel("minutes")
        for action, start, end in series.waits:
            for axes in (traffic, instances):
                axes.axvspan(
                    start, end, color="tab:orange" if action == "bake" else "0.85", alpha=0.25, lw=0
                )
        if plan.timeout_seconds is not None:
            for axes in (traffic, instances):
                axes.axvline(plan.timeout_seconds / 60, color="tab:red", ls="--", lw=1)
            instances.annotate("timeout", (plan.timeout_seconds / 60, 0), color="tab:red")
        traffic.legend(loc="center right")
        traffic.set_title(series.title)
        figure.tight_layout()
        figure.savefig(target)
    finally:
        pyplot.close(figure)
    return target
