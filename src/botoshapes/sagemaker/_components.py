"""``wait_for_inference_component_deployment``: follow an inference component's update.

botocore has no waiter for inference components, and ``InferenceComponentStatus``
has no rolling-back state (InService | Creating | Updating | Failed | Deleting).
AWS's own sample of a rolling update with alarms says what a rollback looks
like: "When the CloudWatch Alarm fires, we will see that the Inference
Component will revert to ``InService`` status without any changes". So this
waiter tells a rollback from a success by what the component runs: given the
request it sent, an ``InService`` component whose specification is not the one
sent has been rolled back. It reports each change of status and of the copy
counts (``RuntimeConfig``), and raises a distinct error for a failure, a
rollback and a timeout.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from botoshapes._runtime.waiting import WaitFailedError, check_setting

from ._deployment import DeploymentTimeoutError

if TYPE_CHECKING:
    from botoshapes.sagemaker import (
        CreateInferenceComponentInput,
        DescribeInferenceComponentOutput,
        UpdateInferenceComponentInput,
    )

_WAITER = "InferenceComponentDeployment"


class ComponentDeploymentFailedError(WaitFailedError):
    """The inference component went to ``Failed`` (or is being deleted)."""

    def __init__(self, message: str, *, component: DescribeInferenceComponentOutput) -> None:
        super().__init__(message, waiter=_WAITER, last_response=component.to_boto())
        self.component = component
        self.failure_reason = component.failure_reason


class ComponentRolledBackError(ComponentDeploymentFailedError):
    """The update was rolled back: in service, but not on what was sent."""

    def __init__(
        self,
        message: str,
        *,
        component: DescribeInferenceComponentOutput,
        differences: tuple[str, ...],
    ) -> None:
        super().__init__(message, component=component)
        self.differences = differences
        """Where what runs differs from what was sent (wire paths)."""


@dataclass(frozen=True, slots=True)
class ComponentEvent:
    """One change seen while waiting: the status, or the copy counts."""

    component_name: str
    status: str
    elapsed: float
    """Seconds since the wait started."""
    desired_copies: int | None = None
    current_copies: int | None = None

    @property
    def text(self) -> str:
        """What is seen, without the time: ``inference component x: Updating (2 of 3 copies)``."""
        copies = ""
        if self.current_copies is not None or self.desired_copies is not None:
            current = "?" if self.current_copies is None else self.current_copies
            desired = "?" if self.desired_copies is None else self.desired_copies
            copies = f" ({current} of {desired} copies)"
        return f"inference component {self.component_name}: {self.status}{copies}"

    def __str__(self) -> str:
        return f"[{self.elapsed:5.0f}s] {self.text}"


OnComponentChange = Callable[[ComponentEvent], object]


class _DescribesComponents(Protocol):
    def describe_inference_component(
        self, *, inference_component_name: str
    ) -> DescribeInferenceComponentOutput: ...


def _print_on_terminal(event: ComponentEvent) -> None:
    print(event, file=sys.stderr, flush=True)


def _wire(value: object) -> Any:
    to_boto = getattr(value, "to_boto", None)
    return to_boto() if callable(to_boto) else value


def _same(sent: Any, seen: Any) -> bool:
    if isinstance(sent, bool) or isinstance(seen, bool):
        return sent is seen
    if isinstance(sent, int | float) and isinstance(seen, int | float):
        return float(sent) == float(seen)
    return bool(sent == seen)


def _compare(sent: Any, seen: Any, path: str, out: list[str]) -> None:
    """Where ``seen`` (a Describe's summary) is not ``sent``; only what was sent is compared
    (the service may add members, and variables to an ``Environment``)."""
    if isinstance(sent, Mapping):
        if not isinstance(seen, Mapping):
            out.append(path)
            return
        for key, value in sent.items():
            where = f"{path}.{key}" if path else str(key)
            if key == "Image" and "Image" not in seen and "DeployedImage" in seen:
                # DescribeInferenceComponent shows the image sent as DeployedImage.SpecifiedImage.
                deployed = seen["DeployedImage"] or {}
                _compare(value, deployed.get("SpecifiedImage"), where, out)
            else:
                _compare(value, seen.get(key), where, out)
    elif isinstance(sent, list | tuple):
        _compare_list(sent, seen, path, out)
    elif not _same(sent, seen):
        out.append(path)


def _compare_list(sent: Any, seen: Any, path: str, out: list[str]) -> None:
    """Lists by position; specifications that all name an ``InstanceType``, by it (their
    order says nothing)."""
    if not isinstance(seen, list | tuple) or len(seen) != len(sent):
        out.append(path)
        return
    typed = [s.get("InstanceType") if isinstance(s, Mapping) else None for s in sent]
    if all(typed) and len(set(typed)) == len(typed):
        by_type = {o.get("InstanceType"): o for o in seen if isinstance(o, Mapping)}
        for index, one in enumerate(sent):
            _compare(one, by_type.get(one["InstanceType"]), f"{path}[{index}]", out)
        return
    for index, (one, other) in enumerate(zip(sent, seen, strict=True)):
        _compare(one, other, f"{path}[{index}]", out)


def differences(
    sent: UpdateInferenceComponentInput | CreateInferenceComponentInput | Mapping[str, Any],
    component: DescribeInferenceComponentOutput | Mapping[str, Any],
) -> tuple[str, ...]:
    """The wire paths where ``component`` does not run the specification ``sent``.

    Only ``Specification`` or ``Specifications`` are compared (copy counts move
    with autoscaling), and within them only the members sent: the service may add
    defaults (and variables to an ``Environment``: a variable the request leaves out is not
    looked at). The image sent is compared with ``Container.DeployedImage.SpecifiedImage``;
    specifications that all name an ``InstanceType`` are matched by it.
    """
    request, seen = _wire(sent), _wire(component)
    out: list[str] = []
    for member in ("Specification", "Specifications"):
        if request.get(member) is not None:
            _compare(request[member], seen.get(member), member, out)
    return tuple(out)


def _copies_alone(request: Mapping[str, Any]) -> int | None:
    """The copy count of an update that changes only that (no specification sent)."""
    if "Specification" in request or "Specifications" in request:
        return None
    count = (request.get("RuntimeConfig") or {}).get("CopyCount")
    return count if isinstance(count, int) else None


class InferenceComponentDeploymentWaiter:
    """Adds :meth:`wait_for_inference_component_deployment` to the SageMaker facade."""

    def wait_for_inference_component_deployment(
        self: _DescribesComponents,
        inference_component_name: str,
        *,
        sent: UpdateInferenceComponentInput
        | CreateInferenceComponentInput
        | Mapping[str, Any]
        | None = None,
        copies: int | None = None,
        on_change: OnComponentChange | None = None,
        on_poll: Callable[[DescribeInferenceComponentOutput], object] | None = None,
        delay: float = 30.0,
        timeout: float = 3600.0,
        sleep: Callable[[float], object] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> DescribeInferenceComponentOutput:
        """Poll ``DescribeInferenceComponent`` every ``delay`` s until the deployment ends.

        Each change of ``InferenceComponentStatus`` or of the desired and current
        copy counts goes to ``on_change`` (default: printed to stderr when it is a
        terminal); each response to ``on_poll``. Returns the component once it is
        ``InService`` on ``sent`` (the Create or UpdateInferenceComponent request: its
        specification, see :func:`differences`; without it, once it is ``InService``) and,
        given ``copies`` (an UpdateInferenceComponentRuntimeConfig's count, or the
        ``RuntimeConfig.CopyCount`` of a ``sent`` update that gives no specification), once
        that many copies run (a ``DesiredCopyCount`` back to another count is a rollback).

        Raises :class:`ComponentRolledBackError` when it is ``InService`` on another
        specification after an ``Updating`` (or from the second poll on, if no
        ``Updating`` was seen), :class:`ComponentDeploymentFailedError` on ``Failed`` or
        ``Deleting``, and :class:`~botoshapes.sagemaker.DeploymentTimeoutError` after
        ``timeout`` seconds.
        """
        check_setting("delay", delay, integral=False, least=0)
        check_setting("timeout", timeout, integral=False, least=0)
        if copies is None and sent is not None:
            copies = _copies_alone(_wire(sent))
        report = on_change
        if report is None and sys.stderr.isatty():
            report = _print_on_terminal
        start = clock()
        last: tuple[str, int | None, int | None] | None = None
        updating, polls = False, 0
        while True:
            component = self.describe_inference_component(
                inference_component_name=inference_component_name
            )
            polls += 1
            elapsed = clock() - start
            if on_poll is not None:
                on_poll(component)
            status = str(component.inference_component_status)
            runtime = component.runtime_config
            desired = runtime.desired_copy_count if runtime is not None else None
            current = runtime.current_copy_count if runtime is not None else None
            if (status, desired, current) != last and report is not None:
                report(ComponentEvent(inference_component_name, status, elapsed, desired, current))
            last = (status, desired, current)
            updating = updating or status in ("Updating", "Creating")
            reason = f": {component.failure_reason}" if component.failure_reason else ""
            if status == "InService":
                found = differences(sent, component) if sent is not None else ()
                if copies is not None and desired != copies:
                    found = (*found, "RuntimeConfig.DesiredCopyCount")
                if not found and (copies is None or current == copies):
                    return component
                if found and (updating or polls > 1):
                    raise ComponentRolledBackError(
                        f"{inference_component_name}: update rolled back: in service, but"
                        f" not on what was sent ({', '.join(found)} differ){reason}",
                        component=component,
                        differences=found,
                    )
            elif status in ("Failed", "Deleting"):
                what = "failed" if status == "Failed" else "is being deleted"
                raise ComponentDeploymentFailedError(
                    f"{inference_component_name}: deployment {what}{reason}", component=component
                )
            if elapsed + delay > timeout:
                raise DeploymentTimeoutError(
                    f"{inference_component_name}: still {status} after {elapsed:.0f} s",
                    waiter=_WAITER,
                    last_response=component.to_boto(),
                )
            sleep(delay)
