"""``wait_for_endpoint_deployment``: follow an endpoint's create or update to its end.

botocore's ``EndpointInService`` waiter only knows success and ``Failed``; a
blue/green or rolling update that rolls back goes ``Updating`` ->
``InService`` on the old config and looks like a success (AWS documents
``RollingBack`` only for ``UpdateEndpointWeightsAndCapacities``, and the
``FailureReason`` may be empty). This waiter reports every change of
``EndpointStatus`` and of each variant's ``VariantStatus`` (``Creating``,
``ActivatingTraffic``, ``Baking``, ...), succeeds on ``InService`` on the
config being deployed, and raises a distinct error for a failure, a rollback
(``RollingBack``, ``UpdateRollbackFailed``, or in service on another config)
and a timeout.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from botoshapes._runtime.waiting import WaitFailedError, WaitTimeoutError, check_setting

if TYPE_CHECKING:
    from botoshapes.sagemaker import DescribeEndpointOutput, ProductionVariantStatus

_ROLLBACK = frozenset({"RollingBack", "UpdateRollbackFailed"})


class DeploymentFailedError(WaitFailedError):
    """The endpoint went to ``Failed``; ``failure_reason`` says why."""

    def __init__(self, message: str, *, endpoint: DescribeEndpointOutput) -> None:
        super().__init__(message, waiter="EndpointDeployment", last_response=endpoint.to_boto())
        self.endpoint = endpoint
        self.failure_reason = endpoint.failure_reason


class DeploymentRolledBackError(DeploymentFailedError):
    """The update is being rolled back (``RollingBack``) or its rollback failed."""


class DeploymentTimeoutError(WaitTimeoutError):
    """The deployment did not finish within ``timeout`` seconds."""


@dataclass(frozen=True, slots=True)
class DeploymentEvent:
    """One change seen while waiting: the endpoint's status or one variant's."""

    endpoint_name: str
    status: str
    elapsed: float
    """Seconds since the wait started."""
    variant: str | None = None
    """The variant whose status changed; ``None`` for the endpoint itself."""
    pending: bool = False
    """Whether the variant belongs to the pending deployment (the new fleet)."""
    message: str | None = None
    started: datetime | None = None
    """When the status began, as the service says (a variant status's ``StartTime``)."""

    @property
    def text(self) -> str:
        """What changed, without the time: ``variant blue (new): Baking``."""
        what = f"endpoint {self.endpoint_name}"
        if self.variant is not None:
            what = f"variant {self.variant}" + (" (new)" if self.pending else "")
        tail = f" - {self.message}" if self.message else ""
        return f"{what}: {self.status}{tail}"

    def __str__(self) -> str:
        return f"[{self.elapsed:5.0f}s] {self.text}"


OnChange = Callable[[DeploymentEvent], object]


class _HasStatus(Protocol):
    @property
    def variant_name(self) -> str | None: ...
    @property
    def variant_status(self) -> tuple[ProductionVariantStatus, ...] | None: ...


class _DescribesEndpoints(Protocol):
    def describe_endpoint(self, *, endpoint_name: str) -> DescribeEndpointOutput: ...


def _print_on_terminal(event: DeploymentEvent) -> None:
    print(event, file=sys.stderr, flush=True)


def _default_reporter() -> OnChange | None:
    return _print_on_terminal if sys.stderr.isatty() else None


_Key = tuple[str | None, bool]
"""``(variant, pending)``; ``(None, False)`` is the endpoint itself."""
_Entry = tuple[str, str | None, datetime | None]
"""``(status, message, start time)``."""


def _histories(endpoint: DescribeEndpointOutput) -> Iterator[tuple[_Key, list[_Entry]]]:
    """The status entries of the endpoint and of every variant that reports some."""
    yield (None, False), [(str(endpoint.endpoint_status), None, None)]
    pending = endpoint.pending_deployment_summary
    groups: list[tuple[bool, Iterable[_HasStatus]]] = [
        (False, endpoint.production_variants or ()),
        (True, (pending.production_variants or ()) if pending is not None else ()),
    ]
    for is_pending, variants in groups:
        for variant in variants:
            if variant.variant_status:
                key = (str(variant.variant_name), is_pending)
                yield (
                    key,
                    [
                        (str(s.status), s.status_message, s.start_time)
                        for s in variant.variant_status
                    ],
                )


def _unseen(before: list[_Entry], now: list[_Entry]) -> list[_Entry]:
    """What ``now`` adds to ``before``: the entries after it, or the latest if it changed.

    A service that keeps the history of a variant's statuses shows each one
    even when several passed between two polls.
    """
    if now[: len(before)] == before:
        return now[len(before) :]
    return now[-1:] if not before or now[-1][0] != before[-1][0] else []


class EndpointDeploymentWaiter:
    """Adds :meth:`wait_for_endpoint_deployment` to the SageMaker facade."""

    def wait_for_endpoint_deployment(
        self: _DescribesEndpoints,
        endpoint_name: str,
        *,
        endpoint_config_name: str | None = None,
        on_change: OnChange | None = None,
        on_poll: Callable[[DescribeEndpointOutput], object] | None = None,
        delay: float = 30.0,
        timeout: float = 3600.0,
        sleep: Callable[[float], object] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> DescribeEndpointOutput:
        """Poll ``DescribeEndpoint`` every ``delay`` s until the deployment ends.

        Each change of the endpoint's status and each new entry of a
        variant's ``VariantStatus`` goes to ``on_change`` (default: printed to
        stderr when it is a terminal, otherwise nothing). Returns the endpoint
        once it is ``InService`` on ``endpoint_config_name`` (the config the
        deployment moves to; without it, the config of the deployment it saw in
        ``PendingDeploymentSummary``, if any). Each ``DescribeEndpoint`` response
        goes to ``on_poll`` (a display of the fleets). Raises :class:`DeploymentFailedError`
        on ``Failed``, :class:`DeploymentRolledBackError` on ``RollingBack``,
        ``UpdateRollbackFailed`` or ``InService`` on another config, and
        :class:`DeploymentTimeoutError` after ``timeout`` seconds.
        """
        check_setting("delay", delay, integral=False, least=0)
        check_setting("timeout", timeout, integral=False, least=0)
        report = on_change if on_change is not None else _default_reporter()
        start = clock()
        seen: dict[_Key, list[_Entry]] = {}
        target = endpoint_config_name
        while True:
            endpoint = self.describe_endpoint(endpoint_name=endpoint_name)
            elapsed = clock() - start
            if on_poll is not None:
                on_poll(endpoint)
            for (variant, pending), entries in _histories(endpoint):
                for state, message, started in _unseen(seen.get((variant, pending), []), entries):
                    if report is not None:
                        report(
                            DeploymentEvent(
                                endpoint_name, state, elapsed, variant, pending, message, started
                            )
                        )
                seen[variant, pending] = entries
            if endpoint_config_name is None and endpoint.pending_deployment_summary is not None:
                target = str(endpoint.pending_deployment_summary.endpoint_config_name)
            status = seen[None, False][0][0]
            serving = endpoint.endpoint_config_name
            if status == "InService" and (target is None or serving in (None, target)):
                return endpoint
            reason = f": {endpoint.failure_reason}" if endpoint.failure_reason else ""
            if status in _ROLLBACK:
                raise DeploymentRolledBackError(
                    f"{endpoint_name}: deployment rolled back ({status}){reason}",
                    endpoint=endpoint,
                )
            if status == "InService":
                raise DeploymentRolledBackError(
                    f"{endpoint_name}: deployment rolled back: in service on {serving}, "
                    f"not {target}{reason}",
                    endpoint=endpoint,
                )
            if status == "Failed":
                raise DeploymentFailedError(
                    f"{endpoint_name}: deployment failed{reason}", endpoint=endpoint
                )
            if elapsed + delay > timeout:
                raise DeploymentTimeoutError(
                    f"{endpoint_name}: still {status} after {elapsed:.0f} s",
                    waiter="EndpointDeployment",
                    last_response=endpoint.to_boto(),
                )
            sleep(delay)
