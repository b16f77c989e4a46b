"""Fan-out: share one card with 50 accounts and load it from each, 50 ms per call.

A sandbox with 51 accounts in one organization. Every session gets a
``before-send`` hook that sleeps 50 ms and lets the request through to the
sandbox, so the figures are dominated by (simulated) network latency, as they
would be against AWS. The owner shares the card with the 50 accounts (one
``share_with`` call with a list, sequential by nature); then a thread pool loads
the card from every account, one boto3 Session per account, never shared across
threads.

Ideal wall time: calls / concurrency x 50 ms (concurrency 1 for the share, the
pool size for the loads). Two fan-out figures are printed: *cold* (each worker
also creates its account's session and SageMaker client, which costs CPU under
the GIL) and *warm* (sessions and clients made before the clock starts, so only
the calls are timed), each the median of three rounds. Last, it times making the
sessions and clients alone, with no API call, to show where the cold time goes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import boto3

from benchmarks._common import (
    CallCounter,
    Latency,
    fast_retry,
    machine,
    median,
    offline_environment,
    summary,
    verdict,
)
from modelcard_share import CardContent, ModelCard, RetryPolicy
from modelcard_share.domain._context import resolve_context
from modelcard_share.sandbox import Sandbox

CONSUMERS = 50
WORKERS = 16
LATENCY = 0.050
TARGET_FACTOR = 3.0
ROUNDS = 3

OWNER = "owner"
ACCOUNTS = {OWNER: "100000000000"} | {
    f"consumer-{i:02}": f"{100000000000 + i:012}" for i in range(1, CONSUMERS + 1)
}
CONSUMER_NAMES = [n for n in ACCOUNTS if n != OWNER]


def _ideal(calls: int, concurrency: int) -> float:
    return calls / concurrency * LATENCY


def _report(label: str, wall: float, calls: int, concurrency: int) -> None:
    ideal = _ideal(calls, concurrency)
    factor = wall / ideal
    print(
        f"{label:34}: {wall * 1e3:7.0f} ms for {calls} calls at concurrency {concurrency}; "
        f"ideal {ideal * 1e3:5.0f} ms; {factor:4.2f}x (target <= {TARGET_FACTOR:g}x) "
        f"{verdict(factor <= TARGET_FACTOR)}"
    )


def _load_all(
    arn: str, retry: RetryPolicy, make_session: Callable[[str], boto3.Session]
) -> tuple[float, list[ModelCard]]:
    def load(name: str) -> ModelCard:
        return ModelCard.load(arn, session=make_session(name), retry=retry)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        cards = list(pool.map(load, CONSUMER_NAMES))
    return time.perf_counter() - start, cards


def _creation_ms(make: Callable[[str], object], workers: int) -> float:
    """Return the wall time in ms to make a session and SageMaker client for every consumer."""
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(make, CONSUMER_NAMES))
    return (time.perf_counter() - start) * 1e3


def _plain_session_ms() -> float:
    """Return the median ms of ``boto3.Session().client("sagemaker")`` (own model loader)."""
    times = []
    for _ in range(3):
        start = time.perf_counter()
        boto3.Session(region_name="us-east-1").client("sagemaker")
        times.append((time.perf_counter() - start) * 1e3)
    return median(times)


def _creation_costs(sb: Sandbox) -> None:
    """Print what making the sessions and clients costs, without any API call."""
    for workers in (1, WORKERS):
        took = _creation_ms(lambda n: sb.session(n).client("sagemaker"), workers)
        print(
            f"no calls, {CONSUMERS} sessions + SageMaker clients made by {workers:2} "
            f"thread(s): {took:5.0f} ms ({took / CONSUMERS:4.1f} ms each; shared loader)"
        )
    print(
        "a plain boto3.Session() + SageMaker client (own loader, reads the models): "
        f"{_plain_session_ms():.0f} ms"
    )


def _check(cards: list[ModelCard], arn: str) -> None:
    if len(cards) != CONSUMERS or any(c.arn != arn for c in cards):
        raise RuntimeError(f"expected {CONSUMERS} loads of {arn}, got {cards}")


def main() -> int:
    """Print wall time against the ideal for the share and for both fan-outs."""
    offline_environment()
    print(f"machine: {machine()}")
    start = time.perf_counter()
    with Sandbox(accounts=ACCOUNTS, organization=True) as sb:
        print(
            f"sandbox with {len(ACCOUNTS)} accounts started in {time.perf_counter() - start:.1f} s"
        )
        retry = fast_retry(sb)
        latency = Latency(LATENCY)
        counter = CallCounter()

        def session(name: str) -> boto3.Session:
            made = latency.attach(sb.session(name))
            counter.attach(made)
            return made

        owner = session(OWNER)
        card = ModelCard.create(
            "fanout", content=CardContent.from_json({}), session=owner, retry=retry
        )
        counter.take()
        sends_before = latency.sends

        start = time.perf_counter()
        card.share_with([sb.account_id(n) for n in CONSUMER_NAMES])
        wall = time.perf_counter() - start
        shared = counter.take()
        print(f"share with {CONSUMERS} accounts: [{summary(shared)}]")
        _report(f"share_with({CONSUMERS} accounts)", wall, len(shared), 1)
        principals = card.principals()
        counted = len(shared) + len(counter.take())
        assert len(principals) == CONSUMERS, principals

        cold: list[float] = []
        warm: list[float] = []
        for _ in range(ROUNDS):
            wall, cards = _load_all(card.arn, retry, session)
            loads = counter.take()
            counted += len(loads)
            _check(cards, card.arn)
            cold.append(wall)

            ready: dict[str, boto3.Session] = {}
            for name in CONSUMER_NAMES:
                ready[name] = session(name)
                resolve_context(ready[name], region=sb.region, retry=retry).client("sagemaker")
            wall, cards = _load_all(card.arn, retry, ready.__getitem__)
            loads = counter.take()
            counted += len(loads)
            _check(cards, card.arn)
            warm.append(wall)
        print(f"fan-out calls per round: [{summary(loads)}]; medians of {ROUNDS} rounds:")
        _report("cold fan-out (session per worker)", median(cold), len(loads), WORKERS)
        _report("warm fan-out (clients made before)", median(warm), len(loads), WORKERS)
        _creation_costs(sb)
        sends = latency.sends - sends_before
        print(
            f"HTTP requests delayed by the hook since the share: {sends}; API calls counted: "
            f"{counted} ({'no retries' if sends == counted else 'retries happened'})"
        )
    necessary = 3  # find the share, resolve the permission, create the share
    extra = len(shared) - necessary
    print(
        f"calls beyond the necessary {necessary} in share_with: {extra} "
        "(one-time STS GetCallerIdentity for the owner check; GetResourceShares re-read "
        "after create, to reconcile a racing creator); each load is 1 DescribeModelCard"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
