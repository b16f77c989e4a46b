"""The event handler end to end in the sandbox: SageMaker's recorded events drive the lifecycle."""

from __future__ import annotations

import copy
import json
import logging
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelcard_share import Access, AccessDeniedError, CardStatus, ModelCard, NotFoundError
from modelcard_share.domain._status import TRANSITIONS
from modelcard_share.sandbox import Sandbox
from reliability._lifecycle import FAULTS, STEP_PAUSE, TOTAL_MAX_ATTEMPTS

from .conftest import HOME, World, build, instant_retry


def _access(world: World, card: ModelCard) -> dict[str, Access | None]:
    return {v.name: v.access for v in world.lifecycle.status(card).accounts}


def test_the_handler_shares_each_stage_from_sagemakers_events(world: World) -> None:
    """Create -> dev; dev submits -> test can read; approve -> prod reads only, all from events."""
    card = world.create_card("churn")
    first = world.deliver()
    assert [e.status for e in first.events] == ["changed"]
    assert _access(world, card) == {"dev": Access.READ_WRITE, "test": None, "prod": None}

    dev = world.consumer("dev", card.arn)
    dev.submit_for_review()
    with pytest.raises(NotFoundError):  # the event, not the submit, gives test access
        world.consumer("test", card.arn)
    [event] = world.sb.events.drain()
    assert event["account"] == world.sb.account_id(HOME), "a shared card's events are the owner's"
    outcome = world.handler.handle(event)
    assert outcome.status == "changed"
    assert [(a["action"], a["account"], a["access"]) for a in outcome.actions] == [
        ("share", world.sb.account_id("test"), "read-write")
    ]
    assert world.consumer("test", card.arn).status is CardStatus.PENDING_REVIEW

    card.refresh().approve()
    assert [e.status for e in world.deliver().events] == ["changed"]
    prod = world.consumer("prod", card.arn)
    assert prod.status is CardStatus.APPROVED
    with pytest.raises(AccessDeniedError):
        prod.update(prod.content)
    assert _access(world, card) == {
        "dev": Access.READ_WRITE,
        "test": Access.READ_WRITE,
        "prod": Access.READ_ONLY,
    }
    assert world.lifecycle.status(card).converged


def test_handling_the_same_event_twice_makes_no_write(world: World) -> None:
    """The second delivery of an event reads, finds everything right, and writes nothing."""
    card = world.create_card("twice")
    [event] = world.sb.events.drain()
    assert world.handler.handle(copy.deepcopy(event)).status == "changed"
    world.calls.clear()
    again = world.handler.handle(event)
    assert again.status == "unchanged"
    assert [a["action"] for a in again.actions] == ["none"]
    assert world.calls.writes() == []
    assert world.calls.operations(), "the duplicate was read, not ignored"
    assert _access(world, card)["dev"] is Access.READ_WRITE


def test_reordered_duplicated_and_late_events_converge(world: World) -> None:
    """Events handled newest first, twice each, leave the card exactly as its status says."""
    card = world.create_card("reorder")
    with pytest.raises(NotFoundError):  # nothing shared before an event is handled
        world.consumer("dev", card.arn)
    card.submit_for_review()
    card.approve()
    events = world.sb.events.drain()
    assert [e["detail"]["ModelCardStatus"] for e in events] == [
        "Draft",
        "PendingReview",
        "Approved",
    ]
    report = world.deliver([*reversed(events), *events])
    assert [e.status for e in report.events] == ["changed"] + ["unchanged"] * 5
    assert world.lifecycle.status(card).converged
    assert _access(world, card)["prod"] is Access.READ_ONLY

    card.set_status(CardStatus.DRAFT)  # rework: only dev may see it again
    [rework] = world.sb.events.drain()
    world.deliver([events[-1], rework, events[-1]])  # a late "Approved" changes nothing
    assert _access(world, card) == {"dev": Access.READ_WRITE, "test": None, "prod": None}


def test_lost_events_are_caught_by_reconcile(world: World) -> None:
    """Dropped events leave cards unshared until reconcile, which converges them all."""
    cards = [world.create_card(f"lost-{i}") for i in range(3)]
    cards[1].submit_for_review()
    world.sb.events.drain()  # lost
    assert all(not c.principals() for c in cards)
    report = world.handler.reconcile()
    assert report.counts()["changed"] == 3
    assert all(world.lifecycle.status(c).converged for c in cards)
    world.calls.clear()
    assert world.handler.reconcile().counts()["unchanged"] == 3
    assert world.calls.writes() == []


def test_bad_events_are_skipped_and_never_stop_the_batch(world: World) -> None:
    """Not SageMaker, another type, another account, a bad ARN or no object: skipped, named."""
    card = world.create_card("batch")
    [good] = world.sb.events.drain()
    other = copy.deepcopy(good)
    other["resources"] = [good["resources"][0].replace(world.sb.account_id(HOME), "999999999999")]
    malformed = {**copy.deepcopy(good), "resources": ["arn:aws:sagemaker:nowhere"], "detail": {}}
    batch: list[Any] = [
        {**good, "source": "aws.ec2"},
        {**good, "detail-type": "SageMaker Training Job State Change"},
        other,
        malformed,
        "not an event",
        good,
    ]
    report = world.deliver(batch)
    assert [e.status for e in report.events] == ["skipped"] * 5 + ["changed"]
    reasons = [e.reason or "" for e in report.events[:5]]
    assert reasons[0].startswith("source:")
    assert reasons[1].startswith("detail-type:")
    assert "999999999999" in reasons[2]
    assert "topology's home account" in reasons[2]
    assert reasons[3].startswith("resources:")
    assert reasons[4].startswith("$:")
    assert report.counts() == {
        "failed": 0,
        "refused": 0,
        "held": 0,
        "changed": 1,
        "gone": 0,
        "unchanged": 0,
        "skipped": 5,
    }
    json.dumps(report.to_dict())  # JSON-serialisable, as a Lambda result must be
    assert world.lifecycle.status(card).converged


def test_an_event_of_a_deleted_card_reports_it_gone(world: World) -> None:
    """A late event of a card deleted since is reported gone, after eventual retries."""
    card = world.create_card("deleted")
    card.delete()
    report = world.deliver()
    assert {e.status for e in report.events} == {"gone"}
    assert report.events[0].actions[0]["action"] == "gone"


def test_each_action_is_one_json_log_line(world: World, caplog: pytest.LogCaptureFixture) -> None:
    """The handler logs one JSON line per action with event id, card, action, account, result."""
    card = world.create_card("logged")
    [event] = world.sb.events.drain()
    with caplog.at_level(logging.INFO, logger="modelcard_share.automation"):
        world.handler.handle(event)
    lines = [
        json.loads(r.getMessage())
        for r in caplog.records
        if r.name == "modelcard_share.automation._handler"
    ]
    assert lines == [
        {
            "event_id": event["id"],
            "detail_type": "SageMaker Model Card State Change",
            "account": world.sb.account_id("dev"),
            "card": card.arn,
            "action": "share",
            "resource": "model-card",
            "access": "read-write",
            "share": "modelcard-logged-read-write",
            "result": "done",
        }
    ]


@pytest.mark.parametrize("seed", [1, 2])
def test_handling_converges_under_the_reliability_suites_faults(sb: Sandbox, seed: int) -> None:
    """Throttling, 5xx, not-found-after-create and expiring credentials during handling."""
    world = build(sb, assume_role=True, retry=instant_retry(sb, TOTAL_MAX_ATTEMPTS))
    card = world.create_card(f"faulty-{seed}")
    card.submit_for_review()
    card.approve()
    events = sb.events.drain()
    sb.faults.set(seed=seed, **FAULTS)
    for event in [*events, *events]:
        assert world.handler.handle(event).status in ("changed", "unchanged")
        sb.clock.advance(seconds=STEP_PAUSE.total_seconds())  # credentials expire between
    injected = sb.faults.counts.injected
    sb.faults.clear()
    assert injected.get("throttle", 0) > 0
    assert injected.get("expired_token", 0) > 0
    assert world.lifecycle.status(card).converged
    assert _access(world, card)["prod"] is Access.READ_ONLY


def test_an_aws_error_after_retries_fails_the_event_not_the_batch(sb: Sandbox) -> None:
    """With SageMaker down, each card event fails with its error; the batch completes."""
    world = build(sb, retry=instant_retry(sb, 2))
    world.create_card("down-1")
    world.create_card("down-2")
    events = sb.events.drain()
    sb.faults.set(server_error=1.0, services=["sagemaker"])
    report = world.deliver(events)
    sb.faults.clear()
    assert [e.status for e in report.events] == ["failed", "failed"]
    assert len(report.failed) == 2
    assert all(e.cards[0].error_type == "ServiceUnavailableError" for e in report.failed)
    assert [e.status for e in world.deliver(events).events] == ["changed", "changed"]


_STEPS = st.lists(
    st.one_of(
        st.just(("status", None)),
        st.tuples(st.just("deliver"), st.lists(st.integers(0, 20), min_size=1, max_size=4)),
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=_STEPS, data=st.data())
def test_any_events_in_any_order_converge_to_the_current_status(
    module_sandbox: Sandbox, steps: list[tuple[str, Any]], data: st.DataObject
) -> None:
    """Status changes interleaved with deliveries of any recorded events, old or new, in any
    order and any number of times: after each delivery the card matches its status now."""
    module_sandbox.reset()
    world = build(module_sandbox)
    card = world.create_card("walk")
    recorded: list[dict[str, Any]] = []
    for kind, picks in steps:
        recorded += world.sb.events.drain()
        if kind == "status":
            allowed = sorted(TRANSITIONS[card.refresh().status], key=lambda s: s.value)
            if allowed:
                card.set_status(data.draw(st.sampled_from(allowed)))
            continue
        world.deliver([recorded[i % len(recorded)] for i in picks])
        assert world.lifecycle.status(card).converged
    recorded += world.sb.events.drain()
    world.deliver(recorded[-1:])
    assert world.lifecycle.status(card).converged
    world.calls.clear()
    world.deliver(recorded)  # every event once more, the newest last: nothing left to do
    assert world.calls.writes() == []
