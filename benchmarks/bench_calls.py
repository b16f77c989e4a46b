"""API-call economy: how many AWS calls ``share_with`` and the seven-step lifecycle make.

Calls are counted with a botocore ``before-call`` hook on each account's session
(one count per API operation, before botocore retries), against the sandbox with
four accounts in one organization. ``tests/test_call_budget.py`` asserts the same
bounds in the normal test suite.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import boto3

from benchmarks._common import (
    ACCOUNTS,
    SEED_CONTENT,
    CallCounter,
    fast_retry,
    machine,
    offline_environment,
    summary,
    verdict,
    writes,
)
from modelcard_share import Access, AccessDeniedError, CardContent, ModelCard
from modelcard_share.sandbox import Sandbox

#: share_with a new principal on an existing share.
NEW_PRINCIPAL_BUDGET = 3
#: share_with again when nothing changed (and no writes).
UNCHANGED_BUDGET = 2
#: The whole lifecycle, all accounts together: the target of issue 13 (31 calls before,
#: 19 measured on 2026-11-30); tests/test_call_budget.py asserts the same bound.
LIFECYCLE_BUDGET = 20

Step = tuple[str, dict[str, list[str]]]


def _counted(sb: Sandbox) -> tuple[dict[str, boto3.Session], dict[str, CallCounter]]:
    sessions: dict[str, boto3.Session] = {}
    counters: dict[str, CallCounter] = {}
    for name in ACCOUNTS:
        session = sb.session(name)
        counters[name] = CallCounter().attach(session)
        sessions[name] = session
    return sessions, counters


def economy(sb: Sandbox) -> dict[str, list[str]]:
    """Share one card three ways and return the calls of each, by case.

    Cases: ``create`` (CreateModelCard alone: the SDK builds the record from what it
    wrote), ``first share`` (finds no share, creates it; the account id comes from the
    created card's ARN), ``new principal`` (a second account on the existing share) and
    ``unchanged`` (the same call again).
    """
    owner = sb.session("shared-services")
    counter = CallCounter().attach(owner)
    retry = fast_retry(sb)
    result: dict[str, list[str]] = {}
    card = ModelCard.create(
        "economy", content=CardContent.from_json(SEED_CONTENT), session=owner, retry=retry
    )
    result["create"] = counter.take()
    card.share_with(sb.account_id("dev"))
    result["first share"] = counter.take()
    card.share_with(sb.account_id("test"))
    result["new principal"] = counter.take()
    card.share_with(sb.account_id("test"))
    result["unchanged"] = counter.take()
    return result


def lifecycle(sb: Sandbox) -> list[Step]:
    """Run the seed's seven-step lifecycle; return each step's calls per account.

    Every account starts with a fresh session, so one-time costs (client
    creation, the customer managed permission for read-only) are included.
    """
    sessions, counters = _counted(sb)
    retry = fast_retry(sb)
    steps: list[Step] = []
    state: dict[str, ModelCard] = {}

    def step(title: str, action: Callable[[], object]) -> None:
        action()
        steps.append((title, {name: c.take() for name, c in counters.items()}))

    def create() -> None:
        state["card"] = ModelCard.create(
            "lifecycle",
            content=CardContent.from_json(SEED_CONTENT),
            session=sessions["shared-services"],
            retry=retry,
        )

    def dev_work() -> None:
        dev = ModelCard.load(state["card"].arn, session=sessions["dev"], retry=retry)
        content = dev.content.to_dict() | {
            "intended_uses": {"purpose_of_model": "Churn prediction", "risk_rating": "Low"}
        }
        dev.update(CardContent.from_json(content))
        dev.submit_for_review()

    def test_and_approve() -> None:
        card = state["card"]
        card.share_with(sb.account_id("test"))
        card.refresh().approve()

    def prod_reads() -> None:
        prod = ModelCard.load(state["card"].arn, session=sessions["prod"], retry=retry)
        try:
            prod.update(prod.content)
        except AccessDeniedError:
            return
        raise AssertionError("prod's read-only share allowed an update")

    def owner_review() -> None:
        card = state["card"].refresh()
        card.diff(1)

    step("1 create Draft card", create)
    step("2 share with dev (read-write)", lambda: state["card"].share_with(sb.account_id("dev")))
    step("3 dev loads by ARN, updates, submits", dev_work)
    step("4 share with test; owner approves", test_and_approve)
    step(
        "5 share with prod (read-only)",
        lambda: state["card"].share_with(sb.account_id("prod"), access=Access.READ_ONLY),
    )
    step("6 prod loads; its update is refused", prod_reads)
    step("7 owner refreshes and diffs", owner_review)
    return steps


def totals(steps: list[Step]) -> Mapping[str, int]:
    """Return the number of calls per account over all steps."""
    result = dict.fromkeys(ACCOUNTS, 0)
    for _, per_account in steps:
        for name, calls in per_account.items():
            result[name] += len(calls)
    return result


def main() -> int:
    """Print the call counts and PASS/MISS against the budgets."""
    offline_environment()
    print(f"machine: {machine()}")
    with Sandbox(accounts=ACCOUNTS, organization=True) as sb:
        cases = economy(sb)
    for case, calls in cases.items():
        print(f"{case:14}: {len(calls):2} calls  [{summary(calls)}]")
    new, same = cases["new principal"], cases["unchanged"]
    print(
        f"share_with a new principal   : {len(new)} calls (target <= {NEW_PRINCIPAL_BUDGET}) "
        f"{verdict(len(new) <= NEW_PRINCIPAL_BUDGET)}"
    )
    print(
        f"share_with, nothing changed  : {len(same)} calls, {len(writes(same))} writes "
        f"(target <= {UNCHANGED_BUDGET}, no writes) "
        f"{verdict(len(same) <= UNCHANGED_BUDGET and not writes(same))}"
    )
    print(f"first share (creates it)     : {len(cases['first share'])} calls (reported)")

    with Sandbox(accounts=ACCOUNTS, organization=True) as sb:
        steps = lifecycle(sb)
    print("seven-step lifecycle, calls per step and account:")
    for title, per_account in steps:
        used = {n: c for n, c in per_account.items() if c}
        detail = "; ".join(f"{n}: {len(c)} [{summary(c)}]" for n, c in used.items())
        print(f"  {title:38}: {detail}")
    counts = totals(steps)
    total = sum(counts.values())
    print("  total per account: " + ", ".join(f"{n} {c}" for n, c in counts.items()))
    print(
        f"  total: {total} calls (target <= {LIFECYCLE_BUDGET}; 31 before issue 13) "
        f"{verdict(total <= LIFECYCLE_BUDGET)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
