"""A controllable clock for the sandbox: time moves with the wall clock plus an offset."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from modelcard_share.sandbox._exceptions import SandboxArgumentError, SandboxTypeError

__all__ = ["SandboxClock"]


class SandboxClock:
    """Tell the sandbox what time it is, and let tests jump forward.

    ``now()`` is the real UTC time plus an offset that only grows, so delays
    such as invitation expiry (12 hours) or export job completion can be
    reached instantly with :meth:`advance`, and also pass naturally in a
    long-running server.
    """

    def __init__(self) -> None:
        self._offset = timedelta(0)
        self._lock = threading.Lock()
        self._listeners: list[Callable[[], None]] = []

    def now(self) -> datetime:
        """Return the sandbox's current time (timezone-aware UTC)."""
        with self._lock:
            offset = self._offset
        return datetime.now(timezone.utc) + offset

    @property
    def offset(self) -> timedelta:
        """How far the clock has been advanced beyond the wall clock."""
        with self._lock:
            return self._offset

    def advance(
        self, *, days: float = 0, hours: float = 0, minutes: float = 0, seconds: float = 0
    ) -> datetime:
        """Move the sandbox's time forward and apply every transition that became due.

        Args:
            days: Days to add.
            hours: Hours to add.
            minutes: Minutes to add.
            seconds: Seconds to add.

        Returns:
            The new current time.

        Raises:
            SandboxTypeError: If an argument is not a number (also a TypeError).
            SandboxArgumentError: If the total is negative or not finite; time never goes back
                (also a ValueError).
        """
        for name, value in (
            ("days", days),
            ("hours", hours),
            ("minutes", minutes),
            ("seconds", seconds),
        ):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise SandboxTypeError(f"advance: {name} must be a number, got {value!r}")
            if not math.isfinite(value):
                raise SandboxArgumentError(f"advance: {name} must be finite, got {value!r}")
        delta = timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
        if delta < timedelta(0):
            raise SandboxArgumentError(f"advance: the clock cannot go back (got {delta})")
        with self._lock:
            self._offset += delta
            listeners = list(self._listeners)
        for listener in listeners:
            listener()
        return self.now()

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` after every :meth:`advance` (used by the sandbox world)."""
        with self._lock:
            self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[], None]) -> None:
        """Stop calling ``listener`` after :meth:`advance`."""
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)
