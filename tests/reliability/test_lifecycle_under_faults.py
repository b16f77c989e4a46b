"""The seven-step lifecycle converges under injected faults, within the retry budget.

Faults (sandbox-side, for every session): 30 % throttling, 5 % 5xx, new cards not found for
20 s, associations ASSOCIATING for 30 s, credentials expiring 6 minutes after first use
(the test pauses 7 minutes between steps, so every step meets expired credentials).
The retry budget: every logical call (counted by a ``before-call`` hook) makes at most
``TOTAL_MAX_ATTEMPTS`` HTTP attempts, plus one per expired-token refresh; the HTTP
attempts are counted by the sandbox itself.
"""

from __future__ import annotations

import pytest

from modelcard_share.sandbox import Sandbox

from ._lifecycle import (
    FAULTS,
    SOAK,
    SOAK_FAULTS,
    STEP_PAUSE,
    TOTAL_MAX_ATTEMPTS,
    Traffic,
    expected_state,
    factory,
    final_state,
    run_lifecycle,
)

SEEDS = range(1, 41) if SOAK else range(1, 6)
ALL_KINDS = ("throttle", "server_error", "not_found", "expired_token")


def _pause(sb: Sandbox) -> None:
    sb.clock.advance(seconds=STEP_PAUSE.total_seconds())


@pytest.mark.parametrize("seed", SEEDS)
def test_lifecycle_converges_within_retry_budget(sb: Sandbox, seed: int) -> None:
    sb.faults.set(seed=seed, **(SOAK_FAULTS if SOAK else FAULTS))
    traffic = Traffic()
    name = f"faulty-{seed}"

    run_lifecycle(sb, factory(sb, traffic), name, between_steps=lambda: _pause(sb))

    counts = sb.faults.counts
    sb.faults.clear()
    assert final_state(sb, name) == expected_state(sb)
    # every kind of fault really happened (checked for the default seeds; in the soak, a
    # long throttling streak's backoff can outlast the not-found window on the clock)
    kinds = ("throttle", "expired_token") if SOAK else ALL_KINDS
    for kind in kinds:
        assert counts.injected.get(kind, 0) > 0, (kind, counts.injected)
    logical = traffic.logical()
    refreshes = counts.injected.get("expired_token", 0)
    assert counts.attempts <= logical * TOTAL_MAX_ATTEMPTS + refreshes, (logical, counts)
    # and the faults cost attempts: each injected fault is one extra attempt
    assert counts.attempts == logical + counts.faults - counts.injected.get("not_found", 0)


def test_lifecycle_without_faults_is_the_baseline(sb: Sandbox) -> None:
    traffic = Traffic()
    run_lifecycle(sb, factory(sb, traffic), "calm")
    counts = sb.faults.counts
    assert final_state(sb, "calm") == expected_state(sb)
    assert counts.faults == 0
    assert counts.attempts == traffic.logical()


def test_same_seed_same_faults(sb: Sandbox) -> None:
    injected = []
    for run in range(2):
        sb.reset()
        sb.faults.reset_counts()
        sb.faults.set(seed=7, throttle=0.3, server_error=0.05)
        run_lifecycle(sb, factory(sb, Traffic()), f"repeat-{run}")
        injected.append(dict(sb.faults.counts.injected))
        sb.faults.clear()
    assert injected[0] == injected[1]
    assert injected[0]["throttle"] > 0
