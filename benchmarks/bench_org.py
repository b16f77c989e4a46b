"""Organization scale: ``Lifecycle.status``, ``sync_to_hub``, ``verify`` at 100 and 1,000 accounts.

A sandbox with a hub (the topology's home account) and N spokes, all at stage ``dev``
(the lifecycle gives every spoke read-write access at Draft). Every request of the
:class:`SessionFactory` -- the accounts' and the AssumeRole calls -- waits 50 ms in a
``before-send`` hook; set-up runs without the wait. Three operations:

* ``Lifecycle.status`` of one card shared with all N spokes: one report with N
  ``AccountView`` entries (sequential: one caller);
* ``sync_to_hub`` from every spoke: each spoke loads its own card and copies it into
  the hub (fresh factory, so each spoke also assumes its role), 16 threads;
* ``SessionFactory.verify()`` of all N + 1 accounts with its default concurrency, on a
  fresh factory (AssumeRole and GetCallerIdentity per account).

For each, ``ideal = 50 ms x ceil(calls / workers)`` with the calls counted in the run,
and a *floor* measured in the same run: the same items on the same threads, each
only sleeping 50 ms per request. Peak memory comes from ``tracemalloc`` in a second,
identical pass (``tracemalloc`` slows Python down, so it is kept out of the timed
pass); the sandbox runs in the same process, so the peak includes what the sandbox
stores and works on. Linear growth: the figures per account at 1,000 divided by the
same at 100 should be about 1. At 100 accounts the benchmark also runs the old ways
(verify one account at a time; sync with a botocore session per spoke) for before/after.
"""

from __future__ import annotations

import math
import statistics
import time
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from benchmarks._common import (
    FactoryBench,
    floor,
    machine,
    many_accounts,
    offline_environment,
    summary,
)
from modelcard_share import (
    AccountTopology,
    CardContent,
    Lifecycle,
    ModelCard,
    SessionFactory,
    sync_to_hub,
)
from modelcard_share.aws._sessions import DEFAULT_VERIFY_WORKERS
from modelcard_share.sandbox import Sandbox

SIZES = (100, 1000)
LATENCY = 0.050
SYNC_WORKERS = 16
HUB = "hub"
CONTENT = CardContent.from_json({"model_overview": {"model_description": "org-scale benchmark"}})


class Measured:
    """One operation's figures: wall time, calls, workers, floor, peak memory."""

    def __init__(self, wall: float, calls: list[str], workers: int, floor_s: float) -> None:
        self.wall = wall
        self.calls = calls
        self.workers = workers
        self.floor = floor_s
        self.peak_kib = 0.0

    @property
    def ideal(self) -> float:
        """50 ms x ceil(calls / workers)."""
        return LATENCY * math.ceil(len(self.calls) / self.workers)


class Org(FactoryBench):
    """A sandbox of a hub and spokes, with the hooks every factory gets."""

    def __init__(self, sb: Sandbox, topology: AccountTopology) -> None:
        super().__init__(sb, topology, LATENCY)
        self.spokes = [n for n in topology.names if n != HUB]

    def timed(self, action: Callable[[], object]) -> tuple[float, list[str]]:
        """Run ``action``; return its wall time and the calls it made."""
        self.counter.take()
        start = time.perf_counter()
        action()
        return time.perf_counter() - start, self.counter.take()


def _topology(sb: Sandbox) -> AccountTopology:
    """Every sandbox account, reached by the SDK role; every spoke at stage ``dev``."""
    return AccountTopology.from_mapping(
        {
            "home": HUB,
            "region": sb.region,
            "role_name": sb.role_name,
            "accounts": {
                name: {"account_id": account_id, **({} if name == HUB else {"stage": "dev"})}
                for name, account_id in sb.accounts.items()
            },
        }
    )


def _peak_kib(action: Callable[[], object]) -> float:
    """Return the peak of memory allocated while ``action`` ran, in KiB."""
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (peak - base) / 1024


def status(org: Org) -> Measured:
    """One card shared with every spoke; time and measure ``Lifecycle.status``."""
    lifecycle = Lifecycle(org.topology, org.factory(), stages={"Draft": "dev"})
    made: dict[str, ModelCard] = {}

    def setup() -> None:
        made["card"] = ModelCard.create("org-status", content=CONTENT, session=lifecycle.owner)
        result = lifecycle.sync(made["card"])
        if len(result.added) != len(org.spokes):
            raise RuntimeError(f"shared with {len(result.added)} spokes, not {len(org.spokes)}")

    org.quietly(setup)
    reports: list[Any] = []
    wall, calls = org.timed(lambda: reports.append(lifecycle.status(made["card"])))
    report = reports[0]
    if len(report.accounts) != len(org.spokes) or not report.converged:
        raise RuntimeError("the report does not show every spoke converged")
    result = Measured(wall, calls, 1, floor(len(calls), 1, LATENCY))
    result.peak_kib = _peak_kib(lambda: lifecycle.status(made["card"]))
    return result


def _sync_all(org: Org, factory: SessionFactory, suffix: str) -> None:
    hub = factory.clients(HUB)

    def sync(name: str) -> str:
        spoke = ModelCard.load("spoke-card", session=factory.clients(name), retry=org.retry)
        return sync_to_hub(spoke, hub, name=f"{name}-{suffix}").arn

    with ThreadPoolExecutor(max_workers=SYNC_WORKERS) as pool:
        arns = list(pool.map(sync, org.spokes))
    if len(set(arns)) != len(org.spokes):
        raise RuntimeError("sync_to_hub did not make one hub card per spoke")


def sync(org: Org, *, clone_clients: bool = True) -> Measured:
    """Every spoke's card copied into the hub by 16 threads, from a fresh factory."""
    suffix = "copy" if clone_clients else "copy-public"
    wall, calls = org.timed(
        lambda: _sync_all(org, org.factory(clone_clients=clone_clients), suffix)
    )
    per_spoke = len(calls) / len(org.spokes)
    result = Measured(
        wall, calls, SYNC_WORKERS, floor(len(org.spokes), SYNC_WORKERS, per_spoke * LATENCY)
    )
    if clone_clients:
        result.peak_kib = _peak_kib(lambda: _sync_all(org, org.factory(), "again"))
    return result


def verify(org: Org, *, workers: int = DEFAULT_VERIFY_WORKERS) -> Measured:
    """``SessionFactory.verify()`` of every account, from a fresh factory."""
    reports: list[Any] = []
    wall, calls = org.timed(lambda: reports.append(org.factory().verify(max_workers=workers)))
    if not reports[0].ok or len(reports[0]) != len(org.topology):
        raise RuntimeError("verify failed")
    accounts = len(org.topology)
    result = Measured(wall, calls, workers, floor(accounts, workers, 2 * LATENCY))
    if workers > 1:
        result.peak_kib = _peak_kib(lambda: org.factory().verify(max_workers=workers))
    return result


def _setup_spoke_cards(org: Org) -> None:
    factory = org.factory()

    def create(name: str) -> None:
        ModelCard.create("spoke-card", content=CONTENT, session=factory.clients(name))

    def run() -> None:
        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(create, org.spokes))

    org.quietly(run)


def sandbox_cpu_ms(org: Org) -> float:
    """CPU ms of one warm DescribeModelCard in the hub, no latency: mostly the sandbox's work."""
    client = org.factory().clients(HUB).client("sagemaker", retry=org.retry)
    times: list[float] = []

    def measure() -> None:
        client.describe_model_card(ModelCardName="org-status")
        for _ in range(30):
            start = time.process_time()
            client.describe_model_card(ModelCardName="org-status")
            times.append(time.process_time() - start)

    org.quietly(measure)
    return statistics.median(times) * 1e3


def _row(label: str, size: int, m: Measured) -> str:
    peak = (
        f"; peak {m.peak_kib:8.0f} KiB ({m.peak_kib / size:5.1f} per account)" if m.peak_kib else ""
    )
    return (
        f"  {label:26}: {m.wall:7.2f} s; {len(m.calls):5} calls on {m.workers:2} worker(s); "
        f"ideal {m.ideal:6.2f} s -> {m.wall / m.ideal:4.2f}x ideal; floor {m.floor:6.2f} s "
        f"({m.floor / m.ideal:4.2f}x ideal) -> {m.wall / m.floor:4.2f}x floor{peak}"
    )


def run(size: int) -> dict[str, Measured]:
    """Measure the three operations with ``size`` spokes; print and return the figures."""
    accounts = {HUB: "100000000000"} | many_accounts(size)
    start = time.perf_counter()
    with Sandbox(accounts=accounts, organization=True) as sb:
        print(f"-- {size} spokes (sandbox started in {time.perf_counter() - start:.1f} s)")
        org = Org(sb, _topology(sb))
        results = {"Lifecycle.status": status(org)}
        before_ms = sandbox_cpu_ms(org)
        _setup_spoke_cards(org)
        after_ms = sandbox_cpu_ms(org)
        print(
            f"  one warm DescribeModelCard, no latency: {before_ms:.1f} ms of CPU; "
            f"{after_ms:.1f} ms once every spoke has a card (the in-process sandbox's work "
            "per request, under the GIL)"
        )
        results["sync_to_hub, 16 threads"] = sync(org)
        results["verify()"] = verify(org)
        for label, measured in results.items():
            print(_row(label, size, measured))
            print(f"    calls: [{summary(measured.calls)}]")
        if size == min(SIZES):
            before = {
                "sync_to_hub, session/spoke": sync(org, clone_clients=False),
                "verify(max_workers=1)": verify(org, workers=1),
            }
            for label, measured in before.items():
                print(_row(label, size, measured) + "  (before)")
        return results


def main() -> int:
    """Print the figures at 100 and 1,000 spokes and how they grow."""
    offline_environment()
    print(f"machine: {machine()}")
    figures = {size: run(size) for size in SIZES}
    small, large = SIZES
    print(f"growth from {small} to {large} spokes, per account (about 1 means linear):")
    for label in figures[small]:
        a, b = figures[small][label], figures[large][label]
        wall = (b.wall / large) / (a.wall / small)
        ideal = (b.wall / b.ideal) / (a.wall / a.ideal)
        memory = (b.peak_kib / large) / (a.peak_kib / small)
        print(
            f"  {label:26}: wall per account {wall:4.2f}x; wall / ideal {ideal:4.2f}x; "
            f"peak per account {memory:4.2f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
