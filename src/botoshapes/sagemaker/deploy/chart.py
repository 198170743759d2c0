"""The plan as a chart: traffic and instances over time, bakes and the timeout marked.

Needs matplotlib (``pip install 'botoshapes-sagemaker[plot]'``); nothing else in the
package imports it.
"""

from __future__ import annotations

from pathlib import Path

from .plan import DeploymentPlan

_FORMATS = (".png", ".svg")


class ChartUnavailableError(RuntimeError):
    """matplotlib is not installed."""


def write_chart(plan: DeploymentPlan, path: str | Path) -> Path:
    """Write the chart of ``plan`` to ``path`` (``.png`` or ``.svg``) and return it."""
    target = Path(path)
    if target.suffix.lower() not in _FORMATS:
        raise ValueError(f"{target}: a chart is written as .png or .svg, not {target.suffix!r}")
    try:
        import matplotlib as mpl  # noqa: PLC0415  (an optional extra)

        mpl.use("Agg")
        from matplotlib import pyplot  # noqa: PLC0415
    except ImportError as error:
        raise ChartUnavailableError(
            "writing a chart needs matplotlib: pip install 'botoshapes-sagemaker[plot]'"
        ) from error
    # Each step's state holds from its end: plot it as steps after the step.
    times = [0.0]
    new_share, old_count, new_count = [0.0], [0], [0]
    first = plan.steps[0].fleets if plan.steps else ()
    old_count[0] = sum(f.instances for f in first if f.fleet == "old")
    for step in plan.steps:
        end = (step.start_seconds + step.seconds) / 60
        times.append(end)
        new_share.append(sum(f.traffic_percent for f in step.fleets if f.fleet == "new"))
        old_count.append(sum(f.instances for f in step.fleets if f.fleet == "old"))
        new_count.append(sum(f.instances for f in step.fleets if f.fleet == "new"))
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
        instances.set_ylabel("instances")
        instances.set_xlabel("minutes")
        for step in plan.steps:
            if step.action in ("bake", "wait") and step.seconds:
                start, end = step.start_seconds / 60, (step.start_seconds + step.seconds) / 60
                for axes in (traffic, instances):
                    axes.axvspan(
                        start,
                        end,
                        color="tab:orange" if step.action == "bake" else "0.85",
                        alpha=0.25,
                        lw=0,
                    )
        if plan.timeout_seconds is not None:
            for axes in (traffic, instances):
                axes.axvline(plan.timeout_seconds / 60, color="tab:red", ls="--", lw=1)
            instances.annotate("timeout", (plan.timeout_seconds / 60, 0), color="tab:red")
        traffic.legend(loc="center right")
        traffic.set_title(
            f"{plan.strategy}: {plan.traffic_shifts} traffic shifts, peak"
            f" {sum(plan.peak_instances.values())} instances,"
            f" {plan.duration_seconds / 60:.0f} min (bakes shaded)"
        )
        figure.tight_layout()
        figure.savefig(target)
    finally:
        pyplot.close(figure)
    return target
