"""Fan-out to 50 and 1,000 accounts: what making each account's clients costs.

A sandbox with N consumer accounts and an owner, in one organization. The owner shares
one card with all N in one ``share_with`` call; then 16 threads load the card from
every account (one DescribeModelCard each) through a :class:`SessionFactory` over the
sandbox's accounts. Every request -- the accounts' and the AssumeRole calls of the
factory's STS client -- waits 50 ms in a ``before-send`` hook (``factory.register``),
so the network dominates as it would against AWS.

Rows, each with a fresh factory:

* **warm**: credentials fetched and SageMaker clients made before the clock starts;
  only the loads are timed;
* **cold**: credentials fetched before the clock, clients made by the workers (what
  the old benchmark called cold: each worker had its account's credentials);
* **cold with AssumeRole**: nothing made before; each account also waits for its
  AssumeRole (two requests per account);
* at 50 accounts, the same cold row with ``clone_clients=False`` (a botocore session
  per account, the way every account was served before) and with a plain
  ``boto3.Session`` per account passed as ``session=`` (the user's choice, not the
  SDK's).

Each row is compared with a *floor* measured in the same run: the same number of
items on the same 16 threads, each item only sleeping 50 ms per request. The target
is cold / warm <= 1.5. Last, single-threaded and with no request at all, the CPU time
of making an account's clients (``time.process_time``) and the memory they hold
(``tracemalloc``), cloned and the public way.
"""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from benchmarks._common import (
    FactoryBench,
    floor,
    machine,
    many_accounts,
    median,
    offline_environment,
    summary,
    verdict,
)
from modelcard_share import (
    AccountTopology,
    CardContent,
    ModelCard,
    RetryPolicy,
    SessionFactory,
)
from modelcard_share.aws._clone import shared_templates
from modelcard_share.sandbox import Sandbox

SIZES = (50, 1000)
WORKERS = 16
LATENCY = 0.050
ROUNDS = 3
COLD_WARM_TARGET = 1.5
CPU_TARGET_MS = 2.0
OWNER = "owner"


#: Wall seconds, CPU seconds (all threads, sandbox included), calls.
Row = tuple[float, float, list[str]]


class World(FactoryBench):
    """The fan-out sandbox, its topology, the shared card, and the factories' hooks."""

    def __init__(self, sb: Sandbox, topology: AccountTopology) -> None:
        super().__init__(sb, topology, LATENCY)
        self.names = [n for n in topology.names if n != OWNER]
        self.arn = ""

    def load_all(self, session_of: Callable[[str], object]) -> Row:
        """Load the card from every account on 16 threads; return wall, CPU and calls."""

        def load(name: str) -> str:
            card = ModelCard.load(self.arn, session=session_of(name), retry=self.retry)  # type: ignore[arg-type]
            return card.arn

        self.counter.take()
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            arns = list(pool.map(load, self.names))
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        if arns != [self.arn] * len(self.names):
            raise RuntimeError("a load returned another card")
        return wall, cpu, self.counter.take()


def _share(world: World) -> None:
    owner = world.factory()
    card = ModelCard.create(
        "fanout", content=CardContent.from_json({}), session=owner.clients(OWNER), retry=world.retry
    )
    world.arn = card.arn
    ids = [world.topology[n].account_id for n in world.names]
    world.quietly(lambda: owner.credentials(OWNER).get_frozen_credentials())
    world.counter.take()
    start = time.perf_counter()
    card.share_with(ids)
    wall = time.perf_counter() - start
    calls = world.counter.take()
    print(
        f"share_with({len(ids)} accounts), sequential: {wall * 1e3:6.0f} ms, "
        f"{len(calls)} calls [{summary(calls)}] = {wall / (len(calls) * LATENCY):.2f}x "
        f"{len(calls)} x {LATENCY * 1e3:.0f} ms"
    )


def _prime(world: World) -> None:
    """Load the card once from every account, untimed.

    The sandbox makes an account's backends on its first request; no timed row should
    pay for that.
    """
    factory = world.factory()
    world.quietly(
        lambda: [
            ModelCard.load(world.arn, session=factory.clients(n), retry=world.retry)
            for n in world.names
        ]
    )


def _warm(world: World) -> Row:
    factory = world.factory()
    world.quietly(
        lambda: [
            (
                factory.credentials(n).get_frozen_credentials(),
                factory.clients(n).client("sagemaker", retry=world.retry),
            )
            for n in world.names
        ]
    )
    return world.load_all(factory.clients)


def _cold(world: World, *, clone_clients: bool = True) -> Row:
    factory = world.factory(clone_clients=clone_clients)
    world.quietly(lambda: [factory.credentials(n).get_frozen_credentials() for n in world.names])
    return world.load_all(factory.clients)


def _cold_with_assume_role(world: World) -> Row:
    factory = world.factory()
    return world.load_all(factory.clients)


def _attached(world: World, name: str) -> object:
    """Return a new plain sandbox session of ``name`` with the latency and counting hooks."""
    made = world.sb.session(name)
    world.latency.attach(made)
    world.counter.attach(made)
    return made


def _client_costs(
    topology: AccountTopology, *, clone_clients: bool, services: tuple[str, ...]
) -> str:
    """Return CPU ms per account (median, mean) and KiB per account of making its clients.

    Runs after the sandbox has stopped (making clients sends nothing), so garbage
    collection walks the SDK's heap, not the emulated world's. The cloned figures start
    with no template in the process: the first account pays for making them (once per
    process, service and configuration).
    """
    retry = RetryPolicy.instant()
    if clone_clients:
        shared_templates().close()
    factory = SessionFactory(topology, retry=retry, clone_clients=clone_clients)
    first, *rest = [n for n in topology.names if n != OWNER]
    gc.collect()
    start = time.process_time()
    for service in services:
        factory.clients(first).client(service)
    first_ms = (time.process_time() - start) * 1e3
    cpu: list[float] = []
    for name in rest:
        start = time.process_time()
        for service in services:
            factory.clients(name).client(service)
        cpu.append((time.process_time() - start) * 1e3)
    memory = SessionFactory(topology, retry=retry, clone_clients=clone_clients)
    for service in services:
        memory.clients(first).client(service)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for name in rest:
        for service in services:
            memory.clients(name).client(service)
    gc.collect()
    kib = (tracemalloc.get_traced_memory()[0] - before) / len(rest) / 1024
    tracemalloc.stop()
    way = "cloned" if clone_clients else "public"
    mean = statistics.fmean(cpu)
    target = (
        f" (target <= {CPU_TARGET_MS:g} ms) {verdict(mean <= CPU_TARGET_MS)}"
        if clone_clients
        else ""
    )
    return (
        f"{way:6} {'+'.join(services):20}: {median(cpu):5.2f} ms median, {mean:5.2f} ms mean "
        f"per account{target}; {kib:6.0f} KiB per account; first account {first_ms:5.1f} ms"
    )


def run(size: int) -> None:
    """Measure the fan-out to ``size`` accounts and print every row."""
    accounts = {OWNER: "100000000000"} | many_accounts(size)
    start = time.perf_counter()
    with Sandbox(accounts=accounts, organization=True) as sb:
        print(f"-- {size} accounts (sandbox started in {time.perf_counter() - start:.1f} s)")
        world = World(sb, sb.topology(home=OWNER))
        _share(world)
        _prime(world)
        rows: dict[str, list[Row]] = {}
        shapes = {"warm": 1, "cold": 1, "cold with AssumeRole": 2}
        if size <= 50:
            shapes |= {"cold, session per account (before)": 1, "cold, plain boto3.Session": 1}
        runs: dict[str, Callable[[World], Row]] = {
            "warm": _warm,
            "cold": _cold,
            "cold with AssumeRole": _cold_with_assume_role,
            "cold, session per account (before)": lambda w: _cold(w, clone_clients=False),
            "cold, plain boto3.Session": lambda w: w.load_all(lambda n: _attached(w, n)),
        }
        floors: dict[int, list[float]] = {1: [], 2: []}
        labels = list(shapes)
        for round_number in range(ROUNDS):
            # The sandbox's work per request drifts as it stores more (measured: the same
            # row repeated got slower), so each round starts with a different row.
            shift = round_number % len(labels)
            for label in labels[shift:] + labels[:shift]:
                rows.setdefault(label, []).append(runs[label](world))
            for requests, measured in floors.items():
                measured.append(floor(size, WORKERS, requests * LATENCY))
        print(
            f"{size} loads on {WORKERS} threads, {LATENCY * 1e3:.0f} ms per request; "
            f"median of {ROUNDS} rounds, each starting with another row; "
            "floor = the same shape of pure sleeps"
        )
        walls = {label: median(r[0] for r in results) for label, results in rows.items()}
        for label, results in rows.items():
            calls = results[-1][2]
            cpu = median(r[1] for r in results) / size * 1e3
            requests = shapes[label]
            fl = median(floors[requests])
            print(
                f"  {label:36}: {walls[label] * 1e3:7.0f} ms; floor {fl * 1e3:6.0f} ms "
                f"({requests} request(s) per account) -> {walls[label] / fl:5.2f}x floor; "
                f"CPU {cpu:4.1f} ms per account; {len(calls)} calls [{summary(calls)}]"
            )
        ratio = walls["cold"] / walls["warm"]
        print(
            f"  cold / warm: {ratio:.2f}x (target <= {COLD_WARM_TARGET:g}x) "
            f"{verdict(ratio <= COLD_WARM_TARGET)}"
        )
        if size <= 50:
            before = walls["cold, session per account (before)"] / walls["warm"]
            plain = walls["cold, plain boto3.Session"] / walls["warm"]
            print(f"  before (session per account) / warm: {before:.2f}x; plain: {plain:.2f}x")
        topology = world.topology
    print(f"making clients for {size} accounts, one thread, no request, sandbox stopped:")
    for services in (("sagemaker",), ("sagemaker", "ram", "sts")):
        print("  " + _client_costs(topology, clone_clients=True, services=services))
        if size <= 50:
            print("  " + _client_costs(topology, clone_clients=False, services=services))


def main() -> int:
    """Print the fan-out rows at 50 and 1,000 accounts."""
    offline_environment()
    print(f"machine: {machine()}")
    for size in SIZES:
        run(size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
