"""The EventBridge events SageMaker would send, recorded by the sandbox for tests to read.

Each event is a dict in the envelope an EventBridge target (e.g. a Lambda function) receives:
``version``, ``id``, ``detail-type``, ``source``, ``account``, ``time``, ``region``,
``resources``, ``detail``. Times come from the sandbox clock.
"""

from __future__ import annotations

import copy
import logging
import threading
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from modelcard_share.sandbox import _constants as const
from modelcard_share.sandbox._clock import SandboxClock
from modelcard_share.sandbox._exceptions import SandboxTypeError

__all__ = ["EventCallback", "SandboxEvents", "iso"]

logger = logging.getLogger(__name__)

EventCallback = Callable[[dict[str, Any]], None]


def iso(value: datetime) -> str:
    """An EventBridge timestamp: UTC, ``YYYY-MM-DDTHH:MM:SSZ``."""
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


class SandboxEvents:
    """Read and subscribe to the events the sandbox recorded (reach it as ``sandbox.events``).

    Example:
        >>> events = sandbox.events  # doctest: +SKIP
        >>> [e["detail"].get("ModelCardStatus") for e in events.drain()]  # doctest: +SKIP
        ['Draft', 'PendingReview']
    """

    def __init__(self, clock: SandboxClock) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._events: list[dict[str, Any]] = []
        self._callbacks: list[EventCallback] = []

    def __repr__(self) -> str:
        with self._lock:
            return f"SandboxEvents({len(self._events)} recorded)"

    def all(self) -> list[dict[str, Any]]:
        """Every event recorded (and not drained or cleared), oldest first (copies)."""
        with self._lock:
            return copy.deepcopy(self._events)

    def drain(self) -> list[dict[str, Any]]:
        """Return every recorded event and forget them."""
        with self._lock:
            events, self._events = self._events, []
        return events

    def clear(self) -> None:
        """Forget every recorded event (subscriptions stay)."""
        with self._lock:
            self._events.clear()

    def on_event(self, callback: EventCallback) -> Callable[[], None]:
        """Call ``callback(event)`` for every event from now on; return the unsubscribe function.

        Callbacks run in the thread that made the AWS call, after the sandbox's state changed,
        with a copy of the event. An exception in a callback is logged and does not fail the
        AWS call.
        """
        candidate: object = callback
        if not callable(candidate):
            raise SandboxTypeError(f"on_event: callback must be callable, got {callback!r}")
        with self._lock:
            self._callbacks.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._callbacks:
                    self._callbacks.remove(callback)

        return unsubscribe

    def emit(
        self,
        detail_type: str,
        *,
        account: str,
        region: str,
        resources: list[str],
        detail: Mapping[str, Any],
    ) -> dict[str, Any]:
        """Record one event (used by the emulated services) and notify the subscribers."""
        event = {
            "version": const.EVENT_VERSION,
            "id": str(uuid.uuid4()),
            "detail-type": detail_type,
            "source": const.EVENT_SOURCE,
            "account": account,
            "time": iso(self._clock.now()),
            "region": region,
            "resources": list(resources),
            "detail": dict(detail),
        }
        with self._lock:
            self._events.append(event)
            callbacks = list(self._callbacks)
        for callback in callbacks:
            _notify(callback, event)
        return event


def _notify(callback: EventCallback, event: dict[str, Any]) -> None:
    """Call one subscriber with a copy of ``event``; log (never raise) what it raises."""
    try:
        callback(copy.deepcopy(event))
    except Exception:
        logger.exception("sandbox event callback %r failed", callback)
