"""A live display of an apply on a terminal (the ``display`` extra: rich).

While a deployment is followed, one frame shows the plan's current step (found from the
statuses seen: the Nth ``Baking`` of the new fleet is the plan's Nth bake), each fleet's
instances and traffic as ``DescribeEndpoint`` gives them, the time elapsed against the
plan's estimate and the timeout, and the last events. Without rich, or off a terminal, the
command line prints one line per event instead.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from .render import duration

if TYPE_CHECKING:
    from botoshapes.sagemaker import DescribeEndpointOutput

    from .apply import ApplyEvent
    from .plan import DeploymentPlan

_ACTIONS = {
    "Creating": ("provision",),
    "ActivatingTraffic": ("shift",),
    "Baking": ("bake", "wait"),  # the termination wait is reported as a bake
}
"""A new fleet's variant status, as the plan's actions it shows."""
_SHOWN = 6
"""Events kept under the table."""


def available() -> bool:
    """Whether rich is installed."""
    try:
        import rich  # noqa: F401, PLC0415
    except ModuleNotFoundError:
        return False
    return True


def current_step(plan: DeploymentPlan, statuses: list[str]) -> int | None:
    """The index (from 1) of the plan's step the new fleet's ``statuses`` (oldest first)
    show: the Nth status of a kind is the plan's Nth step of that action."""
    if not statuses or statuses[-1] not in _ACTIONS:
        return None
    actions = _ACTIONS[statuses[-1]]
    nth = statuses.count(statuses[-1])
    matching = [step.index for step in plan.steps if step.action in actions]
    return matching[min(nth, len(matching)) - 1] if matching else None


class LiveDisplay:
    """Renders an apply as it goes: feed it :meth:`event` and :meth:`poll`."""

    def __init__(
        self, title: str = "", plan: DeploymentPlan | None = None, console: Any = None
    ) -> None:
        from rich.console import Console  # noqa: PLC0415
        from rich.live import Live  # noqa: PLC0415

        self.title = title
        self.plan = plan
        self.console = console if console is not None else Console()
        self.events: deque[str] = deque(maxlen=_SHOWN)
        self.statuses: list[str] = []
        self.endpoint: DescribeEndpointOutput | None = None
        self.elapsed = 0.0
        self.live = Live(self.frame(), console=self.console, auto_refresh=False)

    def __enter__(self) -> LiveDisplay:
        self.live.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.live.update(self.frame(), refresh=True)
        self.live.__exit__(None, None, None)

    def event(self, event: ApplyEvent) -> None:
        self.elapsed = event.elapsed
        if event.plan is not None:
            self.title = event.message
            self.plan = event.plan.deployment
        self.events.append(str(event))
        found = event.deployment
        if found is not None and found.pending and found.variant is not None:
            self.statuses.append(found.status)
        self.live.update(self.frame(), refresh=True)

    def poll(self, endpoint: DescribeEndpointOutput) -> None:
        self.endpoint = endpoint
        self.live.update(self.frame(), refresh=True)

    def frame(self) -> Any:
        from rich.console import Group  # noqa: PLC0415
        from rich.table import Table  # noqa: PLC0415
        from rich.text import Text  # noqa: PLC0415

        lines = [Text(self.title, style="bold")]
        plan = self.plan
        if plan is not None:
            index = current_step(plan, self.statuses)
            step = plan.steps[index - 1] if index is not None else None
            doing = f"step {index} of {len(plan.steps)}: {step.action}" if step else "starting"
            if step is not None and step.note:
                doing += f" ({step.note})"
            timeout = duration(plan.timeout_seconds) if plan.timeout_seconds else "none"
            lines.append(
                Text(
                    f"{plan.strategy}  {doing}  elapsed {duration(int(self.elapsed))}"
                    f" of ~{duration(plan.duration_seconds)} planned, timeout {timeout}"
                )
            )
        table = Table("variant", "fleet", "instances", "traffic", "status", box=None)
        for row in self._rows():
            table.add_row(*row)
        return Group(*lines, table, *(Text(e, style="dim") for e in self.events))

    def _rows(self) -> list[tuple[str, str, str, str, str]]:
        endpoint = self.endpoint
        if endpoint is None:
            return []
        rows = []
        pending = endpoint.pending_deployment_summary
        every: list[Any] = [*(endpoint.production_variants or ())]
        every += [*(pending.production_variants or ())] if pending is not None else []
        total = sum(v.current_weight or 0.0 for v in every)
        groups: list[tuple[str, tuple[Any, ...]]] = [
            ("old" if pending else "live", endpoint.production_variants or ())
        ]
        if pending is not None:
            groups.append(("new", pending.production_variants or ()))
        for fleet, variants in groups:
            for variant in variants:
                weight = variant.current_weight
                count = variant.current_instance_count
                history = variant.variant_status or ()
                rows.append(
                    (
                        str(variant.variant_name),
                        fleet,
                        "-" if count is None else str(count),
                        "-" if weight is None or not total else f"{100 * weight / total:.0f}%",
                        str(history[-1].status) if history else "",
                    )
                )
        return rows
