"""Crash-and-resume: kill the lifecycle at every API call, re-run it, and it converges.

The lifecycle (``_lifecycle.run_lifecycle``) is written to be re-run: create-or-load,
``share_with``, update-if-different, promote with ``to=``. A crash is an exception raised
from a botocore hook at the Nth call of the run -- before the call is sent, or after it took
effect (the response is lost). A fresh SessionFactory (a new process) then runs the whole
lifecycle again; the final state must be the one a clean run leaves: one share per access
level, the right principals, the content written once.
"""

from __future__ import annotations

import pytest

from modelcard_share.sandbox import Sandbox

from ._lifecycle import (
    FAULTS,
    SOAK,
    Crash,
    Traffic,
    expected_state,
    factory,
    final_state,
    run_lifecycle,
)


def _clean_run_calls(sb: Sandbox) -> list[tuple[str, str]]:
    traffic = Traffic()
    run_lifecycle(sb, factory(sb, traffic), "clean")
    assert final_state(sb, "clean") == expected_state(sb)
    return traffic.calls


@pytest.mark.parametrize("after", [False, True], ids=["before-call", "after-call"])
def test_crash_at_every_call_then_resume_converges(sb: Sandbox, after: bool) -> None:
    calls = _clean_run_calls(sb)
    # every step's calls are in the run: create, four shares, updates, status changes, diff
    assert len(calls) > 20, calls
    failures: list[str] = []
    for crash_at in range(1, len(calls) + 1):
        sb.reset()
        if SOAK:
            sb.faults.set(seed=crash_at, throttle=FAULTS["throttle"], server_error=0.05)
        name = f"crash-{crash_at}"
        with pytest.raises(Crash):
            run_lifecycle(sb, factory(sb, Traffic(crash_at, crash_after=after)), name)
        resumed = Traffic()
        run_lifecycle(sb, factory(sb, resumed), name)
        sb.faults.clear()
        state = final_state(sb, name)
        if state != expected_state(sb):
            failures.append(f"crash at call {crash_at} {calls[crash_at - 1]}: {state}")
    assert failures == []


def test_resume_after_a_finished_run_writes_nothing(sb: Sandbox) -> None:
    run_lifecycle(sb, factory(sb, Traffic()), "done")
    again = Traffic()
    run_lifecycle(sb, factory(sb, again), "done")
    # the only write is prod's refused update (step 6); nothing else is written again
    assert again.writes() == ["UpdateModelCard"]
    assert final_state(sb, "done") == expected_state(sb)
