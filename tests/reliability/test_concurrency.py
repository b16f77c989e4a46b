"""Concurrency under faults: 8 threads share one card with 8 accounts at once.

Each thread has its own SessionFactory session (as separate workers would); the sandbox
throttles 30 % of requests, fails 5 % with a 5xx and keeps associations ASSOCIATING for
30 s. However the creates race, one share per access level remains and every principal is
associated.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest

from modelcard_share import ModelCard, SessionFactory
from modelcard_share.sandbox import Sandbox

from ._lifecycle import SOAK, retry_policy

HUB = {"hub": "111111111111"}
SPOKES = {f"spoke{n}": f"6000000000{n:02d}" for n in range(1, 9)}
SEEDS = range(1, 21) if SOAK else range(1, 4)


@pytest.fixture(scope="module")
def wide() -> Iterator[Sandbox]:
    """A hub and eight spoke accounts in one organization."""
    with Sandbox(accounts={**HUB, **SPOKES}, organization=True) as sb:
        yield sb


def _factory(sb: Sandbox) -> SessionFactory:
    return sb.session_factory(sb.topology(home="hub"), retry=retry_policy(sb))


@pytest.mark.parametrize("seed", SEEDS)
def test_eight_threads_share_one_card_under_faults(wide: Sandbox, seed: int) -> None:
    wide.reset()
    factory = _factory(wide)
    card = ModelCard.create(f"raced-{seed}", session=factory.session("hub"), retry=factory.retry)
    wide.faults.reset_counts()
    wide.faults.set(
        seed=seed, throttle=0.3, server_error=0.05, associating_for=timedelta(seconds=30)
    )
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(SPOKES))

    def share(account_id: str) -> None:
        try:
            session = factory.session("hub")  # sessions are per thread
            mine = ModelCard.load(card.arn, session=session, retry=factory.retry)
            barrier.wait()
            mine.share_with(account_id, wait=True)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=share, args=(a,)) for a in SPOKES.values()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counts = wide.faults.counts
    injected = counts.injected
    wide.faults.clear()

    assert errors == []
    assert injected.get("throttle", 0) > 0
    [only] = card.shares()
    associated = {a.entity for a in only.principals() if a.status.value == "ASSOCIATED"}
    assert associated == set(SPOKES.values())
