"""Retry policies: botocore owns transient failures, tenacity owns eventual consistency.

Each failure class has exactly one owner, so the two layers never multiply attempts:

* **botocore** (:meth:`RetryPolicy.botocore_config`) retries throttling, 5xx and
  connection errors, in an explicit ``standard`` or ``adaptive`` mode, for
  ``total_max_attempts`` HTTP attempts in all.
* **tenacity** (:meth:`RetryPolicy.eventually`) retries only what eventual consistency
  explains -- ``ResourceNotFound`` / ``UnknownResourceException`` right after a create,
  ``ConflictException``, a RAM association that is still ``ASSOCIATING`` (through
  ``until=``) -- within a time budget, with exponential backoff, full jitter and a log
  line for every retry. It never retries throttling, access denied, validation or quota
  errors.
* An expired token (``ExpiredToken`` / ``ExpiredTokenException`` / ``RequestExpired``)
  makes a :class:`~modelcard_share.aws.SessionFactory` client refresh its credentials and
  retry once (see ``_sessions``).

``RetryPolicy.instant()`` is the supported switch for tests: the same attempt counts and
budgets, but every wait is zero (the eventual-consistency budget is counted in virtual
time, so a test still sees exactly the attempts production would make without jitter).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import Any, Literal, Protocol, TypeVar

import tenacity
from attrs import Attribute, define, evolve, field, frozen
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.retries import standard

from modelcard_share.aws._errors import EXPIRED_TOKEN_CODES
from modelcard_share.errors import (
    ArgumentTypeError,
    AwsError,
    ConcurrentModificationError,
    ConfigurationError,
    WaitTimeoutError,
)

__all__ = [
    "EVENTUAL_CONSISTENCY_CODES",
    "ProgressHook",
    "RetryDetails",
    "RetryHook",
    "RetryPolicy",
]

logger = logging.getLogger("modelcard_share.aws.retry")

T = TypeVar("T")

#: Error codes that eventual consistency explains; the only ones ``eventually`` retries.
EVENTUAL_CONSISTENCY_CODES = frozenset(
    {
        "ResourceNotFound",
        "ResourceNotFoundException",
        "UnknownResourceException",
        "ResourceArnNotFoundException",
        "ResourceShareArnNotFoundException",
        "ConflictException",
    }
)

MAX_TOTAL_ATTEMPTS = 20


@frozen
class RetryDetails:
    """What :meth:`RetryPolicy.eventually` is about to do: wait, then try again.

    Attributes:
        what: What is being done ("export job ...", "describe new model card ...").
        attempt: The attempts made so far.
        waited: Seconds waited so far (virtual seconds under an instant policy).
        budget: The time budget in seconds.
        next_wait: The wait before the next attempt.
        reason: Why it is retried: an error code and message, or "condition not met yet".
        last: The last result when it did not satisfy the condition yet (for example the
            export job with its status), else ``None``.
    """

    what: str
    attempt: int
    waited: float
    budget: float
    next_wait: float
    reason: str
    last: object = None


class RetryHook(Protocol):
    """Receives a :class:`RetryDetails` before every wait of :meth:`RetryPolicy.eventually`.

    A progress display is one: the CLI draws a line, a notebook updates a cell. A hook
    must not raise; what it raises is logged and ignored.
    """

    def __call__(self, details: RetryDetails, /) -> None:
        """Report one retry."""


class ProgressHook(RetryHook, Protocol):
    """A retry hook that also counts finished items of a fan-out (``3/10``).

    The command line's progress line and ``NotebookProgress`` are both. Operations over
    many items (``Lifecycle.reconcile``) call :meth:`advance` once per item, and set
    ``total`` first when it is ``None``.
    """

    total: int | None

    def advance(self, detail: str = "") -> None:
        """Count one finished item and show ``detail``."""


def _positive_int(inst: object, attr: Attribute[int], value: int) -> None:
    if type(value) is not int or not 1 <= value <= MAX_TOTAL_ATTEMPTS:
        raise ConfigurationError(
            f"RetryPolicy.{attr.name} must be an integer in 1..{MAX_TOTAL_ATTEMPTS}, got {value!r}"
        )


def _non_negative(inst: object, attr: Attribute[float], value: float) -> None:
    if type(value) not in (int, float) or value < 0:
        raise ConfigurationError(f"RetryPolicy.{attr.name} must be >= 0, got {value!r}")


def _mode(inst: object, attr: Attribute[str], value: str) -> None:
    if value not in ("standard", "adaptive"):
        raise ConfigurationError(
            f"RetryPolicy.mode must be 'standard' or 'adaptive', got {value!r} "
            "(botocore's 'legacy' mode does not retry every throttling error)"
        )


def _callable_or_none(inst: object, attr: Attribute[Any], value: object) -> None:
    if value is not None and not callable(value):
        raise ArgumentTypeError(
            f"RetryPolicy.{attr.name} must be callable or None, got {type(value).__name__}"
        )


def _no_jitter() -> float:
    """Stand in for ``random.random`` when jitter is off: always the full backoff."""
    return 1.0


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ClientError):
        error: Any = exc.response.get("Error") or {}
        return f"{error.get('Code', 'Unknown')}: {error.get('Message', '')}".rstrip(": ")
    if isinstance(exc, AwsError):
        return f"{exc.code}: {exc}"
    return f"{type(exc).__name__}: {exc}"


@define(frozen=True, kw_only=True)
class RetryPolicy:
    """Say once how AWS calls are retried; safe defaults, one owner per failure class.

    Attributes:
        mode: botocore's retry mode, ``standard`` or ``adaptive`` (never ``legacy``).
        total_max_attempts: HTTP attempts per call in all, first attempt included, for
            throttling, 5xx and connection errors (botocore's ``total_max_attempts``).
        eventual_budget_seconds: How long :meth:`eventually` keeps retrying.
        eventual_initial_wait: The first backoff of :meth:`eventually`, in seconds.
        eventual_max_wait: The longest single backoff of :meth:`eventually`.
        eventual_codes: The error codes :meth:`eventually` retries.
        jitter: Whether :meth:`eventually` randomizes its waits (full jitter).
        waits: ``False`` makes every wait zero (see :meth:`instant`); budgets then count
            virtual time, so the number of attempts stays the same.
        sleep: Called with each wait's length instead of ``time.sleep`` (with ``waits``
            true) or in addition to waiting zero (with ``waits`` false). The sandbox
            passes ``lambda s: sandbox.clock.advance(seconds=s)`` so that polling and
            eventual-consistency retries move its virtual clock. Instant policies also
            report botocore's backoffs to it (see :meth:`apply`); with ``waits`` true,
            botocore's own backoff still uses ``time.sleep``.
    """

    mode: Literal["standard", "adaptive"] = field(default="standard", validator=_mode)
    total_max_attempts: int = field(default=3, validator=_positive_int)
    eventual_budget_seconds: float = field(default=120.0, validator=_non_negative)
    eventual_initial_wait: float = field(default=0.5, validator=_non_negative)
    eventual_max_wait: float = field(default=10.0, validator=_non_negative)
    eventual_codes: frozenset[str] = field(default=EVENTUAL_CONSISTENCY_CODES, converter=frozenset)
    jitter: bool = True
    waits: bool = True
    sleep: Callable[[float], None] | None = field(
        default=None, eq=False, repr=False, validator=_callable_or_none
    )

    @classmethod
    def instant(cls, **changes: Any) -> RetryPolicy:
        """Return a policy for tests: same attempts and budgets, zero waits, no jitter.

        botocore retries of clients made by a ``SessionFactory`` (or passed to
        :meth:`apply`) happen without backoff; ``adaptive`` mode is replaced by
        ``standard`` because its client-side rate limiter waits by design.
        """
        return cls(**{"waits": False, "jitter": False, **changes})

    def pause(self, seconds: float) -> None:
        """Wait ``seconds`` the way this policy waits (real, virtual, or through ``sleep``)."""
        if self.sleep is not None:
            self.sleep(seconds)
        elif self.waits:
            time.sleep(seconds)

    def with_changes(self, **changes: Any) -> RetryPolicy:
        """Return a copy of this policy with some fields changed."""
        return evolve(self, **changes)

    # ------------------------------------------------------------------ botocore layer

    @property
    def effective_mode(self) -> Literal["standard", "adaptive"]:
        """The botocore mode actually used (``standard`` for instant policies)."""
        return self.mode if self.waits else "standard"

    def botocore_config(self) -> Config:
        """Return the botocore ``Config`` that owns throttling, 5xx and connection retries."""
        return Config(
            retries={"mode": self.effective_mode, "total_max_attempts": self.total_max_attempts}
        )

    def apply(self, client: Any) -> None:
        """Install this policy's test-time behaviour on a client made with :meth:`botocore_config`.

        For instant policies, botocore's retry decisions stay the same but happen without
        real backoff: the backoff botocore would have chosen is handed to :meth:`pause`
        (so a ``sleep`` hook, such as a sandbox clock, sees it). For other policies this
        does nothing. ``SessionFactory`` clients get this automatically; call it on
        clients you make yourself from ``botocore_config()``.
        """
        if self.waits:
            return
        service = client.meta.service_model.service_id.hyphenize()
        checker = standard.StandardRetryConditions(max_attempts=self.total_max_attempts)
        adapter = standard.RetryEventAdapter()
        backoff = standard.ExponentialBackoff(
            random=random.random if self.jitter else _no_jitter,
            service_name=service,
            throttling_detector=standard.ThrottlingErrorDetector(adapter),
        )

        def needs_retry(**kwargs: Any) -> float | bool | None:
            context = adapter.create_retry_context(**kwargs)
            if context.get_error_code() in EXPIRED_TOKEN_CODES:
                return None  # the session's expired-token handler decides
            if checker.is_retryable(context):
                delay = backoff.delay_amount(context)
                logger.info(
                    "botocore retry %d/%d of %s after %.2fs (instant policy): %s",
                    context.attempt_number + 1,
                    self.total_max_attempts,
                    context.operation_model.name if context.operation_model else service,
                    delay,
                    context.get_error_code() or type(context.caught_exception).__name__,
                )
                self.pause(delay)
                return 0
            return False

        client.meta.events.register_first(
            f"needs-retry.{service}", needs_retry, unique_id=f"modelcard-share-instant-{service}"
        )

    # ------------------------------------------------------------------ tenacity layer

    def is_eventual(self, exc: BaseException) -> bool:
        """Return whether eventual consistency explains this error (so waiting may help)."""
        if isinstance(exc, ClientError):
            error: Any = exc.response.get("Error") or {}
            return error.get("Code") in self.eventual_codes
        if isinstance(exc, ConcurrentModificationError):
            return False
        return isinstance(exc, AwsError) and exc.code in self.eventual_codes

    def eventually(
        self,
        fn: Callable[..., T],
        /,
        *args: Any,
        what: str,
        until: Callable[[T], bool] | None = None,
        on_retry: RetryHook | None = None,
        **kwargs: Any,
    ) -> T:
        """Call ``fn(*args, **kwargs)`` until eventual consistency lets it succeed.

        Retries errors whose code is in :attr:`eventual_codes` (a ``ClientError`` or an
        already translated :class:`AwsError`) and, with ``until``, results that do not
        satisfy it yet -- within :attr:`eventual_budget_seconds`, logging every retry
        with its reason. Everything else propagates at once; botocore has already
        retried throttling and server errors.

        Args:
            fn: The call to make, e.g. ``client.describe_model_card``.
            *args: Positional arguments for ``fn``.
            what: What is being done, for log lines and errors ("describe card x").
            until: A predicate the result must satisfy, e.g.
                ``lambda r: r["status"] != "ASSOCIATING"``.
            on_retry: Called with a :class:`RetryDetails` before every wait (progress).
            **kwargs: Keyword arguments for ``fn``, the same on every attempt (so a
                ``clientToken`` among them is reused).

        Returns:
            The first result that does not raise a retried error and satisfies ``until``.

        Raises:
            WaitTimeoutError: ``until`` was still false when the budget ran out.
            Exception: The last error, when it was still retried when the budget ran out,
                or at once when it is not an eventual-consistency error.
        """
        budget = float(self.eventual_budget_seconds)
        wait: tenacity.wait.wait_base
        if self.jitter:
            wait = tenacity.wait_random_exponential(
                multiplier=self.eventual_initial_wait, max=self.eventual_max_wait
            )
        else:
            wait = tenacity.wait_exponential(
                multiplier=self.eventual_initial_wait, max=self.eventual_max_wait
            )

        def stop(state: tenacity.RetryCallState) -> bool:
            elapsed = (state.seconds_since_start or 0.0) if self.waits else state.idle_for
            return elapsed + state.upcoming_sleep > budget

        def before_sleep(state: tenacity.RetryCallState) -> None:
            outcome = state.outcome
            reason = "condition not met yet"
            last: object = None
            if outcome is not None and outcome.failed:
                reason = _reason(outcome.exception())  # type: ignore[arg-type]
            elif outcome is not None:
                last = outcome.result()
            if on_retry is not None:
                _report(
                    on_retry,
                    RetryDetails(
                        what=what,
                        attempt=state.attempt_number,
                        waited=state.idle_for - state.upcoming_sleep,
                        budget=budget,
                        next_wait=state.upcoming_sleep,
                        reason=reason,
                        last=last,
                    ),
                )
            logger.info(
                "retrying %s in %.2fs (attempt %d, %.1fs of %.0fs budget used): %s",
                what,
                state.upcoming_sleep,
                state.attempt_number,
                state.idle_for - state.upcoming_sleep,
                budget,
                reason,
            )

        def give_up(state: tenacity.RetryCallState) -> T:
            outcome = state.outcome
            assert outcome is not None  # noqa: S101 - tenacity always sets it here
            if outcome.failed:
                exc = outcome.exception()
                logger.warning(
                    "giving up on %s after %d attempts: %s",
                    what,
                    state.attempt_number,
                    _reason(exc),  # type: ignore[arg-type]
                )
                raise exc  # type: ignore[misc]
            raise WaitTimeoutError(
                f"{what}: still not done after {state.attempt_number} attempts "
                f"({budget:.0f}s budget)"
            )

        retry: tenacity.retry_base = tenacity.retry_if_exception(self.is_eventual)
        if until is not None:
            check = until
            retry = retry | tenacity.retry_if_result(lambda result: not check(result))
        retrying = tenacity.Retrying(
            retry=retry,
            wait=wait,
            stop=stop,
            sleep=self.pause,
            before_sleep=before_sleep,
            retry_error_callback=give_up,
        )
        result: T = retrying(fn, *args, **kwargs)
        return result


def _report(hook: RetryHook, details: RetryDetails) -> None:
    """Call a retry hook; a failing hook is logged, never allowed to stop the work."""
    try:
        hook(details)
    except Exception:
        logger.warning("retry hook %r failed", hook, exc_info=True)
