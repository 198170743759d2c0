"""Waiters: poll an operation until the service model's acceptors say success or failure.

The acceptors are botocore's (``waiters-2.json``), emitted with the facade;
unlike botocore's waiter this one returns the final typed output, maps service
errors to the facade's exceptions, and never waits longer than
``delay * max_attempts`` seconds of sleep.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import jmespath

from .errors import ShapeValidationError, short_repr


class WaitError(Exception):
    """A wait ended without the state it waited for."""

    def __init__(self, message: str, *, waiter: str, last_response: Mapping[str, Any]) -> None:
        super().__init__(message)
        self.waiter = waiter
        self.last_response = last_response


class WaitFailedError(WaitError):
    """The resource reached a state from which the awaited one cannot follow."""


class WaitTimeoutError(WaitError):
    """The awaited state did not come within the attempts allowed."""


@dataclass(frozen=True, slots=True)
class Acceptor:
    state: str  # "success", "failure" or "retry"
    matcher: str  # "path", "pathAll", "pathAny", "status" or "error"
    expected: Any
    argument: str | None = None

    def matches(self, response: Mapping[str, Any], error_code: str | None) -> bool:
        if self.matcher == "error":
            if isinstance(self.expected, bool):
                return (error_code is not None) is self.expected
            return bool(error_code == self.expected)
        if self.matcher == "status":
            status = (response.get("ResponseMetadata") or {}).get("HTTPStatusCode")
            return bool(status == self.expected)
        if error_code is not None or self.argument is None:
            return False
        return _PATH_MATCHERS[self.matcher](
            jmespath.search(self.argument, dict(response)), self.expected
        )


def _all_equal(found: Any, expected: Any) -> bool:
    return isinstance(found, list) and bool(found) and all(x == expected for x in found)


def _any_equal(found: Any, expected: Any) -> bool:
    return isinstance(found, list) and any(x == expected for x in found)


_PATH_MATCHERS: dict[str, Callable[[Any, Any], bool]] = {
    "path": lambda found, expected: bool(found == expected),
    "pathAll": _all_equal,
    "pathAny": _any_equal,
}


@dataclass(frozen=True, slots=True)
class WaiterSpec:
    name: str
    operation: str
    method: str
    input_name: str
    output_name: str | None
    delay: int
    max_attempts: int
    acceptors: tuple[Acceptor, ...]


Poll = Callable[[], tuple[Mapping[str, Any], str | None]]
"""One call of the operation: the response (or error response) and the error code."""


def check_setting(name: str, value: Any, *, integral: bool, least: float) -> None:
    """Refuse a waiter setting that is not a number (an int if ``integral``) >= ``least``."""
    kinds = (int,) if integral else (int, float)
    ok = isinstance(value, kinds) and not isinstance(value, bool)
    if not (ok and least <= value < 10**9):  # NaN and infinities fail the comparison
        need = "an integer" if integral else "a number of seconds"
        raise ShapeValidationError.misuse(
            name, f"{name}={short_repr(value)} must be {need}, at least {least:g}, below 10**9"
        )


def wait(
    spec: WaiterSpec,
    poll: Poll,
    unexpected: Callable[[Mapping[str, Any]], Exception],
    *,
    delay: float | None = None,
    max_attempts: int | None = None,
    sleep: Callable[[float], object] = time.sleep,
) -> tuple[Mapping[str, Any], str | None]:
    """Poll until an acceptor decides; return the response and error code that succeeded.

    Raises :class:`WaitFailedError` on a failure acceptor, ``unexpected(response)``
    for an error response no acceptor names, and :class:`WaitTimeoutError` after
    ``max_attempts`` polls.
    """
    pause = spec.delay if delay is None else delay
    attempts = spec.max_attempts if max_attempts is None else max_attempts
    check_setting("max_attempts", attempts, integral=True, least=1)
    check_setting("delay", pause, integral=False, least=0)
    response: Mapping[str, Any] = {}
    for attempt in range(1, attempts + 1):
        response, error_code = poll()
        state = next((a.state for a in spec.acceptors if a.matches(response, error_code)), None)
        if state == "success":
            return response, error_code
        if state == "failure":
            raise WaitFailedError(
                f"{spec.name}: {spec.operation} reached a failure state"
                + (f" ({error_code})" if error_code else ""),
                waiter=spec.name,
                last_response=response,
            )
        if state is None and error_code is not None:
            raise unexpected(response)
        if attempt < attempts:
            sleep(pause)
    raise WaitTimeoutError(
        f"{spec.name}: not reached after {attempts} attempts {pause:g} s apart",
        waiter=spec.name,
        last_response=response,
    )
