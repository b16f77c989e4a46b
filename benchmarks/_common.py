"""Shared helpers of the sandbox benchmarks: offline environment, call counting, latency, output.

Nothing here is timed itself; the ``bench_*`` modules decide what to measure.
"""

from __future__ import annotations

import math
import os
import platform
import statistics
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from importlib import metadata
from typing import Any

import boto3

from modelcard_share import AccountTopology, RetryPolicy, SessionFactory
from modelcard_share.sandbox import DEFAULT_ACCOUNTS, Sandbox

#: The four accounts of the seed walkthrough.
ACCOUNTS = DEFAULT_ACCOUNTS

#: Content written by the benchmarks: small and schema-valid.
SEED_CONTENT: Mapping[str, Any] = {
    "model_overview": {"model_owner": "model-owner", "problem_type": "Customer Churn Model"}
}

#: Operation-name prefixes that only read.
READ_PREFIXES = ("Describe", "Get", "List")


def offline_environment() -> None:
    """Point boto3 at fake credentials and no config files, as the test suite does.

    The sandbox's sessions carry their own STS credentials; this only keeps a stray
    default session (and botocore's credential chain) away from real AWS and the
    developer's files. ``MOTO_ACCOUNT_ID`` is never set: it would break the account mapping.
    """
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "MOTO_ACCOUNT_ID"):
        os.environ.pop(name, None)
    os.environ["AWS_ACCESS_KEY_ID"] = "testing"
    os.environ["AWS_SECRET_ACCESS_KEY"] = "testing"  # noqa: S105 - fake, for the sandbox
    os.environ["AWS_DEFAULT_REGION"] = "us-east-1"
    os.environ["AWS_CONFIG_FILE"] = os.devnull
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"


def fast_retry(sb: Sandbox) -> RetryPolicy:
    """Return a retry policy whose waits advance the sandbox clock instead of sleeping."""
    return RetryPolicy.instant(sleep=lambda s: sb.clock.advance(seconds=s))


class CallCounter:
    """Record the AWS operations a boto3 session's clients make (one per call, before retries).

    Attach it before the session makes its first client: clients copy the session's
    event hooks when they are created.
    """

    def __init__(self) -> None:
        self.calls: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, model: Any, **_: Any) -> None:
        with self._lock:
            self.calls.append(model.name)

    def attach(self, session: boto3.Session) -> CallCounter:
        """Count the calls of every client ``session`` creates from now on; return ``self``."""
        session.events.register("before-call.*.*", self)
        return self

    def take(self) -> list[str]:
        """Return the calls recorded so far and start again from zero."""
        with self._lock:
            calls, self.calls = self.calls, []
        return calls


def writes(calls: Iterable[str]) -> list[str]:
    """Return the calls that are not reads (Describe/Get/List)."""
    return [c for c in calls if not c.startswith(READ_PREFIXES)]


def summary(calls: Iterable[str]) -> str:
    """Return ``Operation xN`` pairs in call order, e.g. ``GetResourceShares x2, ...``."""
    counted = Counter(calls)
    return ", ".join(f"{op} x{n}" if n > 1 else op for op, n in counted.items()) or "-"


class Latency:
    """A ``before-send`` hook that sleeps before every HTTP request and lets it through.

    It returns None, so botocore goes on to the next handler (moto's), and the
    request still reaches the sandbox. botocore calls every ``before-send`` handler,
    so where it is registered does not matter. Set :attr:`seconds` to 0 to stop
    delaying (for example while a benchmark sets up its data).
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.sends = 0
        self._lock = threading.Lock()

    def __call__(self, **_: Any) -> None:
        with self._lock:
            self.sends += 1
        time.sleep(self.seconds)

    def attach(self, session: boto3.Session) -> boto3.Session:
        """Delay every request of the clients ``session`` creates from now on; return it."""
        session.events.register_first("before-send.*.*", self)
        return session


def floor(items: int, workers: int, seconds: float) -> float:
    """Return the wall time of ``items`` pure sleeps of ``seconds`` on ``workers`` threads.

    The same shape as a fan-out whose every item waits ``seconds`` on the network and
    does nothing else: what the fan-out would cost with zero CPU, on this machine now.
    """
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda _: time.sleep(seconds), range(items)))
    return time.perf_counter() - start


def many_accounts(count: int, *, first: int = 200000000000) -> dict[str, str]:
    """Return ``count`` sandbox accounts named ``acct-0001``... with consecutive ids."""
    return {f"acct-{i:04}": f"{first + i:012}" for i in range(1, count + 1)}


class FactoryBench:
    """A sandbox, its topology, and the hooks every factory of a benchmark gets.

    Every request of a factory from :meth:`factory` -- its accounts' and the AssumeRole
    calls -- waits ``latency`` seconds and is counted.
    """

    def __init__(self, sb: Sandbox, topology: AccountTopology, latency: float) -> None:
        self.sb = sb
        self.topology = topology
        self.retry = fast_retry(sb)
        self.delay = latency
        self.latency = Latency(latency)
        self.counter = CallCounter()

    def factory(self, *, clone_clients: bool = True) -> SessionFactory:
        """Return a fresh factory whose every request waits and is counted."""
        made = SessionFactory(
            self.topology,
            base_session=self.sb.base_session(),
            retry=self.retry,
            clone_clients=clone_clients,
        )
        made.register("before-send", self.latency)
        made.register("before-call.*.*", self.counter)
        return made

    def quietly(self, action: Callable[[], object]) -> None:
        """Run set-up work with no latency and uncounted."""
        self.latency.seconds = 0
        try:
            action()
        finally:
            self.latency.seconds = self.delay
            self.counter.take()


def pages_needed(items: int, page_size: int) -> int:
    """Return how many pages a listing of ``items`` takes (at least one, even when empty)."""
    return max(1, math.ceil(items / page_size))


def median(values: Iterable[float]) -> float:
    """Return the median of ``values``."""
    return statistics.median(list(values))


def verdict(ok: bool) -> str:
    """Return ``PASS`` or ``MISS``."""
    return "PASS" if ok else "MISS"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "absent"


def machine() -> str:
    """Describe the machine and versions, for the record in docs/performance.md."""
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    versions = ", ".join(
        f"{d} {_version(d)}" for d in ("boto3", "botocore", "moto", "attrs", "cattrs")
    )
    return (
        f"{now}; Python {platform.python_version()} ({sys.implementation.name}) on "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores; {versions}"
    )
