"""The rehearsal's clock: simulated seconds running ``scale`` times faster than real ones."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime


class ScaledClock:
    """Simulated seconds since the server started; timestamps on the same clock.

    A timestamp the server reports is the start time plus the simulated
    seconds, so a 600 s bake shows as 600 s between ``StartTime``\\ s however
    fast it was played.
    """

    def __init__(self, scale: float, wall: Callable[[], float] = time.time) -> None:
        self.scale = scale
        self._wall = wall
        self.origin = wall()

    def now(self) -> float:
        """Simulated seconds since the start."""
        return self.simulated(self._wall())

    def simulated(self, wall_seconds: float) -> float:
        """A real moment (seconds since the epoch) in simulated seconds since the start."""
        return (wall_seconds - self.origin) * self.scale

    def stamp(self, simulated: float) -> datetime:
        """The timestamp a simulated moment is reported as: naive UTC, as moto keeps them."""
        return datetime.fromtimestamp(self.origin + simulated, tz=UTC).replace(tzinfo=None)

    def simulated_at(self, moment: datetime) -> float:
        """A timestamp (naive means UTC, as moto keeps them) in simulated seconds."""
        aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
        return self.simulated(aware.timestamp())
