"""Polling with exponential backoff, jitter and a time budget.

SageMaker has no waiters for model cards or export jobs, and RAM has none for
associations, so the SDK polls. The sleep and clock come from the retry policy,
so tests (and the sandbox) can make waiting instant without monkeypatching.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from modelcard_share.aws import RetryPolicy
from modelcard_share.errors import WaitTimeoutError

__all__ = ["poll"]

_log = logging.getLogger("modelcard_share.wait")

T = TypeVar("T")


def poll(
    check: Callable[[], T | None],
    *,
    what: str,
    timeout: float,
    retry: RetryPolicy,
    initial: float = 1.0,
    maximum: float = 15.0,
) -> T:
    """Call ``check`` until it returns something other than ``None``.

    Waits ``initial`` seconds after the first miss, doubling up to ``maximum``,
    with up to 25 % jitter, and gives up after ``timeout`` seconds.

    Raises:
        WaitTimeoutError: When ``timeout`` passed without success.
    """
    # With waits off (RetryPolicy.instant) time is virtual: the budget counts the pauses.
    started = time.monotonic()
    waited = 0.0
    delay = initial
    attempt = 1
    while True:
        result = check()
        if result is not None:
            return result
        elapsed = time.monotonic() - started if retry.waits else waited
        remaining = timeout - elapsed
        if remaining <= 0:
            raise WaitTimeoutError(
                f"timed out after {timeout:g} s waiting for {what} ({attempt} checks)"
            )
        jitter = 1 + random.random() / 4 if retry.jitter else 1.0  # noqa: S311 - not crypto
        pause = min(delay * jitter, maximum, remaining)
        _log.debug("waiting %.2f s for %s (check %d)", pause, what, attempt)
        retry.pause(pause)
        waited += pause
        delay = min(delay * 2, maximum)
        attempt += 1
