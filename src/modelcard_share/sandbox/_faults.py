"""Fault injection where the sandbox receives requests: throttling, 5xx, lag, expired tokens.

The sandbox routes RAM and SageMaker requests to its own handlers (see ``_install``); each
route is wrapped by :func:`fault_point`, so every client of every session -- sandbox
sessions, ``SessionFactory`` sessions built on ``sandbox.base_session()``, clients the
domain makes itself -- meets the same faults, in-process and in server mode. Nothing here
imports moto at module level (the package must import without it).
"""

from __future__ import annotations

import functools
import json
import random
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any

from attrs import define, field

from modelcard_share.errors import SandboxError
from modelcard_share.sandbox import _constants as const
from modelcard_share.sandbox._clock import SandboxClock

__all__ = ["FaultCounts", "FaultSettings", "Faults", "fault_point"]

#: Services whose requests pass through :func:`fault_point`.
SERVICES = ("ram", "sagemaker")

_CREDENTIAL = re.compile(r"Credential=([A-Z0-9]+)/\d{8}/([a-z0-9-]+)/")
_Dispatch = Callable[[Any, str, Any], Any]


def _fraction(inst: object, attr: Any, value: object) -> None:
    if type(value) not in (int, float) or not 0 <= value <= 1:  # type: ignore[operator]
        raise SandboxError(f"faults.set: {attr.name} must be a fraction in 0..1, got {value!r}")


def _duration(inst: object, attr: Any, value: object) -> None:
    zero_ok = attr.name != "expire_credentials_every"
    if value is None or (isinstance(value, timedelta) and value >= timedelta(0) and zero_ok):
        return
    if not isinstance(value, timedelta) or value <= timedelta(0):
        which = "a non-negative" if zero_ok else "a positive"
        raise SandboxError(f"faults.set: {attr.name} must be {which} timedelta, got {value!r}")


def _service_set(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


def _services(inst: object, attr: Any, value: frozenset[str]) -> None:
    if not value or not value <= set(SERVICES):
        raise SandboxError(
            f"faults.set: services must be a non-empty subset of {list(SERVICES)}, "
            f"got {sorted(value)!r}"
        )


@define(frozen=True, kw_only=True)
class FaultSettings:
    """Describe which faults the sandbox injects (all off by default).

    Attributes:
        throttle: Fraction of requests answered with ThrottlingException (RAM: HTTP 429,
            SageMaker: HTTP 400), which botocore retries as throttling.
        server_error: Fraction of requests answered with a 5xx (500 or 503, half each).
        not_found_after_create: How long DescribeModelCard of a new card answers
            ResourceNotFound, for the creator and for consumers alike.
        associating_for: How long new principal associations stay ASSOCIATING
            (``None`` keeps the sandbox's ``association_delay``).
        expire_credentials_every: Age at which credentials expire (ExpiredTokenException);
            the age counts from a key's first request. Credentials the sandbox hands out
            itself (``sandbox.credentials``, ``base_session``) never expire: nothing could
            refresh them.
        services: The services that get throttling and 5xx faults.
        seed: Seed of the random draws; the same seed and the same requests give the same
            faults.
    """

    throttle: float = field(default=0.0, validator=_fraction)
    server_error: float = field(default=0.0, validator=_fraction)
    not_found_after_create: timedelta = field(default=timedelta(0), validator=_duration)
    associating_for: timedelta | None = field(default=None, validator=_duration)
    expire_credentials_every: timedelta | None = field(default=None, validator=_duration)
    services: frozenset[str] = field(
        default=frozenset(SERVICES), converter=_service_set, validator=_services
    )
    seed: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.throttle + self.server_error > 1:
            raise SandboxError(
                f"faults.set: throttle + server_error must be at most 1, got "
                f"{self.throttle} + {self.server_error}"
            )


@define(frozen=True, kw_only=True)
class FaultCounts:
    """Tell how many requests the sandbox saw and how many faults it injected.

    Attributes:
        attempts: HTTP requests to RAM and SageMaker (every attempt, retries included).
        by_operation: Attempts per operation, e.g. ``{"DescribeModelCard": 4}``.
        injected: Injected faults per kind: ``throttle``, ``server_error``, ``not_found``,
            ``expired_token``.
    """

    attempts: int
    by_operation: Mapping[str, int]
    injected: Mapping[str, int]

    @property
    def faults(self) -> int:
        """All injected faults together."""
        return sum(self.injected.values())


class Faults:
    """Switch the sandbox's fault injection on and off, and read what it did.

    Reach it as ``sandbox.faults``. Settings survive :meth:`Sandbox.reset`; counters
    count from the sandbox's start (or the last :meth:`reset_counts`), setup excluded.
    """

    def __init__(self, clock: SandboxClock) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._settings = FaultSettings()
        self._random = random.Random()  # noqa: S311 - fault draws, not cryptography
        self._world: Any = None
        self._saved_delay: timedelta | None = None
        self._exempt: frozenset[str] = frozenset()
        self._first_seen: dict[str, datetime] = {}
        self._created: dict[str, datetime] = {}
        self._attempts = 0
        self._by_operation: dict[str, int] = {}
        self._injected: dict[str, int] = {}

    def __repr__(self) -> str:
        return f"Faults({self._settings!r})"

    # ------------------------------------------------------------------ settings

    @property
    def settings(self) -> FaultSettings:
        """The faults injected now."""
        with self._lock:
            return self._settings

    @property
    def active(self) -> bool:
        """Whether any fault is switched on."""
        return self.settings != FaultSettings(seed=self.settings.seed)

    def set(
        self,
        *,
        throttle: float = 0.0,
        server_error: float = 0.0,
        not_found_after_create: timedelta = timedelta(0),
        associating_for: timedelta | None = None,
        expire_credentials_every: timedelta | None = None,
        services: Iterable[str] = SERVICES,
        seed: int | None = None,
    ) -> FaultSettings:
        """Inject these faults from now on (replacing earlier settings) and return them.

        Args:
            throttle: Fraction of requests answered with ThrottlingException.
            server_error: Fraction of requests answered with HTTP 500 or 503.
            not_found_after_create: How long a new card is not found by DescribeModelCard.
            associating_for: How long new principal associations stay ASSOCIATING.
            expire_credentials_every: Age at which STS credentials made after the sandbox
                started expire (ExpiredTokenException), counted from their first request.
            services: Services that get throttling and 5xx: ``ram``, ``sagemaker``.
            seed: Seed for reproducible draws (re-seeds on every call).

        Raises:
            SandboxError: A value is out of range (the message names the argument).
        """
        settings = FaultSettings(
            throttle=throttle,
            server_error=server_error,
            not_found_after_create=not_found_after_create,
            associating_for=associating_for,
            expire_credentials_every=expire_credentials_every,
            services=_service_set(services),
            seed=seed,
        )
        with self._lock:
            self._settings = settings
            self._random.seed(seed)
            self._first_seen.clear()
        self._apply_delay()
        return settings

    def clear(self) -> None:
        """Switch every fault off (counters stay; see :meth:`reset_counts`)."""
        with self._lock:
            self._settings = FaultSettings()
            self._first_seen.clear()
        self._apply_delay()

    # ------------------------------------------------------------------ counters

    @property
    def counts(self) -> FaultCounts:
        """A snapshot of the attempts seen and the faults injected."""
        with self._lock:
            return FaultCounts(
                attempts=self._attempts,
                by_operation=MappingProxyType(dict(self._by_operation)),
                injected=MappingProxyType(dict(self._injected)),
            )

    def reset_counts(self) -> None:
        """Start counting attempts and faults from zero."""
        with self._lock:
            self._attempts = 0
            self._by_operation.clear()
            self._injected.clear()

    # ------------------------------------------------------------------ sandbox side

    def _attach(self, world: Any, exempt_keys: Iterable[str]) -> None:
        """Start serving ``world`` (called by the sandbox once its setup is done)."""
        with self._lock:
            self._world = world
            self._saved_delay = world.association_delay
            self._exempt = frozenset(exempt_keys)
            self._created.clear()
            self._first_seen.clear()
            self._attempts = 0
            self._by_operation.clear()
            self._injected.clear()
        self._apply_delay()
        _set_current(self)

    def _detach(self) -> None:
        """Stop serving (called when the sandbox stops); settings stay for a restart."""
        _set_current(None, only=self)
        with self._lock:
            if self._world is not None and self._saved_delay is not None:
                self._world.association_delay = self._saved_delay
            self._world = None

    def _apply_delay(self) -> None:
        with self._lock:
            world, saved, wanted = self._world, self._saved_delay, self._settings.associating_for
        if world is not None and saved is not None:
            world.association_delay = saved if wanted is None else wanted

    def _count(self, operation: str, fault: str | None = None) -> None:
        with self._lock:
            self._attempts += 1
            self._by_operation[operation] = self._by_operation.get(operation, 0) + 1
            if fault is not None:
                self._injected[fault] = self._injected.get(fault, 0) + 1

    def _decide(
        self, service: str, operation: str, body: bytes, headers: Any
    ) -> tuple[str, tuple[int, dict[str, str], str]] | None:
        """Pick the fault for one request, or None to serve it."""
        match = _CREDENTIAL.search(str(headers.get("Authorization") or ""))
        key, region = (match.group(1), match.group(2)) if match else (None, None)
        now = self._clock.now()
        with self._lock:
            settings = self._settings
            every = settings.expire_credentials_every
            if key is not None and every is not None and key not in self._exempt:
                first = self._first_seen.setdefault(key, now)
                if now - first >= every:
                    return "expired_token", _error(
                        service,
                        const.FAULT_EXPIRED_TOKEN_STATUS,
                        const.FAULT_EXPIRED_TOKEN_CODE,
                        "The security token included in the request is expired",
                    )
            if service in settings.services and settings.throttle + settings.server_error > 0:
                draw = self._random.random()
                if draw < settings.throttle:
                    status = const.FAULT_THROTTLE_STATUS[service]
                    return "throttle", _error(
                        service, status, "ThrottlingException", "Rate exceeded (injected)"
                    )
                if draw < settings.throttle + settings.server_error:
                    status, code = const.FAULT_SERVER_ERRORS[service][self._random.random() < 0.5]
                    return "server_error", _error(service, status, code, "Service error (injected)")
            lag = settings.not_found_after_create
            created = dict(self._created) if lag > timedelta(0) else {}
        if created and service == "sagemaker" and operation == "DescribeModelCard":
            arn = _card_arn(body, key, region)
            born = created.get(arn) if arn is not None else None
            if born is not None and now < born + lag:
                name = arn.rsplit("/", 1)[-1] if arn else "?"
                return "not_found", _error(
                    service,
                    400,
                    const.UNSHARED_FOREIGN_CARD_ERROR,
                    f"Cannot find Model Card {name} (injected: created {born.isoformat()})",
                )
        return None

    def _served(self, service: str, operation: str, result: Any) -> None:
        """Note what a served request created (new cards, for not_found_after_create)."""
        if service != "sagemaker" or operation != "CreateModelCard":
            return
        try:
            status, _headers, payload = result
            arn = json.loads(payload)["ModelCardArn"] if int(status) == 200 else None
        except (TypeError, ValueError, KeyError):
            return
        if isinstance(arn, str):
            with self._lock:
                self._created[arn] = self._clock.now()


def _error(service: str, status: int, code: str, message: str) -> tuple[int, dict[str, str], str]:
    """An error response as the service's protocol (SageMaker JSON 1.1, RAM REST-JSON) says."""
    kind = "application/x-amz-json-1.1" if service == "sagemaker" else "application/json"
    headers = {"Content-Type": kind, "x-amzn-ErrorType": code}
    return status, headers, json.dumps({"__type": code, "message": message})


def _card_arn(body: bytes, key: str | None, region: str | None) -> str | None:
    """The ARN of the card a DescribeModelCard request names (by ARN, or by name + caller)."""
    try:
        name = json.loads(body or b"{}").get("ModelCardName")
    except ValueError:
        return None
    if not isinstance(name, str):
        return None
    if name.startswith("arn:"):
        return name
    if key is None or region is None:
        return None
    from moto.iam.models import get_account_id_from  # noqa: PLC0415 - moto is optional

    return f"arn:aws:sagemaker:{region}:{get_account_id_from(key)}:model-card/{name}"


_CURRENT: list[Faults] = []
_CURRENT_LOCK = threading.Lock()


def _set_current(faults: Faults | None, *, only: Faults | None = None) -> None:
    with _CURRENT_LOCK:
        if faults is not None:
            _CURRENT[:] = [faults]
        elif only is None or (_CURRENT and _CURRENT[0] is only):
            _CURRENT.clear()


def _current() -> Faults | None:
    with _CURRENT_LOCK:
        return _CURRENT[0] if _CURRENT else None


def _operation(service: str, request: Any, headers: Any) -> str:
    if service == "sagemaker":
        target = str(headers.get("X-Amz-Target") or "")
        return target.rpartition(".")[2] or "Unknown"
    path = str(getattr(request, "path", "") or "").strip("/").lower()
    return _ram_operations().get(path, path or "Unknown")


@functools.lru_cache(maxsize=1)
def _ram_operations() -> Mapping[str, str]:
    """RAM's request paths (lower-case operation names) -> operation names."""
    from modelcard_share.sandbox._models import service_model  # noqa: PLC0415 - on first request

    model = service_model("ram")
    return {name.lower(): name for name in model.operation_names}


def fault_point(service: str, dispatch: _Dispatch) -> _Dispatch:
    """Wrap a moto route so the running sandbox's :class:`Faults` sees every request."""

    def wrapped(request: Any, full_url: str, headers: Any) -> Any:
        faults = _current()
        if faults is None:
            return dispatch(request, full_url, headers)
        operation = _operation(service, request, headers)
        body = request.get_data() if hasattr(request, "get_data") else b""
        decision = faults._decide(service, operation, body, headers)
        if decision is not None:
            kind, response = decision
            faults._count(operation, kind)
            return response
        faults._count(operation)
        result = dispatch(request, full_url, headers)
        faults._served(service, operation, result)
        return result

    # Not "dispatch": moto's server names routes of that name after the method's class.
    wrapped.__name__ = wrapped.__qualname__ = f"{service}_fault_point"
    return wrapped
