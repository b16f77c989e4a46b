"""The seven-step lifecycle, written to be re-run safely, and the counters around it.

Every step is idempotent (create-or-load, ``share_with``, update-if-different, promote with
``to=``), so running :func:`run_lifecycle` again after a crash at any call converges to the
same final state. Calls go through the public API only: a :class:`SessionFactory` over the
sandbox's accounts, with ``base_session=sandbox.base_session()``.
"""

from __future__ import annotations

import json
import os
import threading
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

import boto3
from attrs import frozen

from modelcard_share import (
    Access,
    AccessDeniedError,
    AccountClients,
    AccountTopology,
    CardStatus,
    ConflictError,
    ModelCard,
    NotFoundError,
    RetryPolicy,
    SessionFactory,
)
from modelcard_share.domain import MODEL_CARD, Lifecycle
from modelcard_share.domain._kinds._base import TAG_ACCESS
from modelcard_share.sandbox import DEFAULT_ACCOUNTS, Sandbox

ACCOUNTS = DEFAULT_ACCOUNTS
SEED_CONTENT: Mapping[str, Any] = {
    "model_overview": {"model_owner": "model-owner", "problem_type": "Customer Churn Model"}
}
DEV_CONTENT: Mapping[str, Any] = {
    **SEED_CONTENT,
    "intended_uses": {"purpose_of_model": "Churn prediction", "risk_rating": "Low"},
}

#: botocore's HTTP attempts per API call (the SDK's maximum, 20). With a fault rate of
#: p = 0.35 per attempt (30 % throttling + 5 % 5xx) one call exhausts its retries with
#: probability p**20 ~ 7.6e-10; a lifecycle makes < 100 calls, so a run fails that way with
#: probability < 1e-7 (the soak's 45 % gives 1.2e-7 per call, < 1e-5 per run).
TOTAL_MAX_ATTEMPTS = 20

#: Credentials expire 6 minutes after their first request. One call's retries span at most
#: 1+2+4+8+16+14*20 = 311 s of botocore backoff (< 6 min), so no single call meets two
#: expiries (the SDK refreshes once per call); the tests pause 7 minutes between steps
#: (:data:`STEP_PAUSE`) so every step meets expired credentials.
EXPIRE_EVERY = timedelta(minutes=6)
STEP_PAUSE = timedelta(minutes=7)

#: The soak variant (``nox -s soak``) runs more seeds at higher fault rates.
SOAK = os.environ.get("MODELCARD_SHARE_SOAK", "") not in ("", "0")

FAULTS: Mapping[str, Any] = {
    "throttle": 0.3,
    "server_error": 0.05,
    "not_found_after_create": timedelta(seconds=20),
    "associating_for": timedelta(seconds=30),
    "expire_credentials_every": EXPIRE_EVERY,
}
SOAK_FAULTS: Mapping[str, Any] = {**FAULTS, "throttle": 0.35, "server_error": 0.1}


class Crash(Exception):  # noqa: N818 - a simulated process death, not an error
    """The simulated death of the process at the Nth API call."""


class Traffic:
    """Count logical API calls (one per operation, before botocore's retries); crash on demand.

    Attach it to sessions with :meth:`attach`. ``crash_at=N`` raises :class:`Crash` from the
    ``before-call`` hook of the Nth call, so that call is never sent; with
    ``crash_after=True`` it raises from the ``after-call`` hook instead, so the call took
    effect but its caller never learns it.
    """

    def __init__(self, crash_at: int | None = None, *, crash_after: bool = False) -> None:
        self.crash_at = crash_at
        self.crash_after = crash_after
        self.calls: list[tuple[str, str]] = []
        self._lock = threading.Lock()

    def attach(self, session: boto3.Session) -> boto3.Session:
        """Count every call of the clients ``session`` makes from now on."""
        session.events.register("before-call.*.*", self._before)
        session.events.register("after-call.*.*", self._after)
        return session

    def attach_clients(self, clients: AccountClients) -> AccountClients:
        """Count every call of an account's SDK clients, existing and future."""
        clients.register("before-call.*.*", self._before)
        clients.register("after-call.*.*", self._after)
        return clients

    def _before(self, model: Any, **_: Any) -> None:
        service = model.service_model.service_name
        with self._lock:
            self.calls.append((service, model.name))
            if not self.crash_after and self.crash_at == len(self.calls):
                raise Crash(f"crash before call {self.crash_at}: {service} {model.name}")

    def _after(self, model: Any, **_: Any) -> None:
        with self._lock:
            if self.crash_after and self.crash_at == len(self.calls):
                raise Crash(f"crash after call {self.crash_at}: {model.name}")

    def logical(self, services: tuple[str, ...] = ("ram", "sagemaker")) -> int:
        """The number of calls to ``services``."""
        with self._lock:
            return sum(1 for service, _ in self.calls if service in services)

    def writes(self) -> list[str]:
        """The write operations called, in order."""
        readers = ("Describe", "Get", "List", "AssumeRole")
        with self._lock:
            return [name for _, name in self.calls if not name.startswith(readers)]


class CountingFactory(SessionFactory):
    """A SessionFactory whose accounts' clients report their calls to a :class:`Traffic`."""

    def __init__(self, *args: Any, traffic: Traffic, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.traffic = traffic
        self._counted: set[str] = set()
        self._counting = threading.Lock()

    def clients(self, account: Any) -> AccountClients:
        """Return the account's clients, counted from their first call."""
        found = super().clients(account)
        with self._counting:
            if found.label not in self._counted:
                self._counted.add(found.label or "")
                self.traffic.attach_clients(found)
        return found


def topology(sb: Sandbox) -> AccountTopology:
    """The sandbox's four accounts: home shared-services, prod reads only."""
    return sb.topology(access={"prod": "read-only"})


def retry_policy(sb: Sandbox) -> RetryPolicy:
    """Instant retries whose waits move the sandbox clock; see :data:`TOTAL_MAX_ATTEMPTS`."""
    return RetryPolicy.instant(
        total_max_attempts=TOTAL_MAX_ATTEMPTS, sleep=lambda s: sb.clock.advance(seconds=s)
    )


def factory(sb: Sandbox, traffic: Traffic) -> CountingFactory:
    """A counting SessionFactory over the sandbox's accounts."""
    return CountingFactory(
        topology(sb), base_session=sb.base_session(), retry=retry_policy(sb), traffic=traffic
    )


def _load_or_create(name: str, session: boto3.Session, retry: RetryPolicy) -> ModelCard:
    try:
        return ModelCard.load(name, session=session, retry=retry)
    except NotFoundError:
        pass
    try:
        card = ModelCard.create(name, content=SEED_CONTENT, session=session, retry=retry)
    except ConflictError:  # created by the crashed run, not visible to the load yet
        return retry.eventually(
            ModelCard.load, name, session=session, retry=retry, what=f"load card {name}"
        )
    # the owner looks at what it created at once (a notebook would display it): the
    # first read of a new card meets eventual consistency
    assert card.created_time is not None
    return card


def run_lifecycle(
    sb: Sandbox,
    factory: SessionFactory,
    name: str,
    *,
    between_steps: Callable[[], object] = lambda: None,
) -> ModelCard:
    """Run the seven steps; safe to run again after a crash at any point.

    ``between_steps`` runs before steps 2 to 7 (e.g. a long pause on the sandbox clock, so
    that credentials expire between steps).
    """
    retry = factory.retry
    sessions = {account: factory.session(account) for account in ACCOUNTS}
    lifecycle = Lifecycle(factory.topology, factory)
    # 1. the owner creates a Draft card (or finds it)
    card = _load_or_create(name, sessions["shared-services"], retry)
    between_steps()
    # 2. the owner shares it with dev and waits for the association
    card.share_with(sb.account_id("dev"), wait=True)
    between_steps()
    # 3. dev loads it by ARN, updates the content if it differs, submits it for review
    dev = retry.eventually(
        ModelCard.load, card.arn, session=sessions["dev"], retry=retry, what="dev loads"
    )
    if dev.content.to_dict() != DEV_CONTENT:
        dev.update(DEV_CONTENT)
    if dev.status is CardStatus.DRAFT:
        dev.submit_for_review()
    between_steps()
    # 4. the owner shares with test and approves (promote shares with every visible stage)
    card.share_with(sb.account_id("test"), wait=True)
    lifecycle.promote(card, to=CardStatus.APPROVED)
    between_steps()
    # 5. prod gets read-only access
    card.share_with(sb.account_id("prod"), access=Access.READ_ONLY, wait=True)
    between_steps()
    # 6. prod loads it; its update is refused
    prod = retry.eventually(
        ModelCard.load, card.arn, session=sessions["prod"], retry=retry, what="prod loads"
    )
    try:
        prod.update(prod.content)
    except AccessDeniedError:
        pass
    else:  # pragma: no cover - a failure of the test, reported by the caller
        raise AssertionError("prod, a read-only principal, updated the card")
    between_steps()
    # 7. the owner refreshes and diffs against the first version
    diff = card.refresh().diff(1)
    assert diff.changes, "dev's change should show in the diff"
    return card


@frozen
class FinalState:
    """What a converged lifecycle leaves behind, read with faults off."""

    status: str
    content: Mapping[str, Any]
    shares: Mapping[str, int]
    principals: Mapping[str, frozenset[str]]
    content_versions: int


def final_state(sb: Sandbox, name: str) -> FinalState:
    """Read the card and its shares straight from the sandbox (faults must be off)."""
    sm = sb.client("shared-services", "sagemaker")
    ram = sb.client("shared-services", "ram")
    described = sm.describe_model_card(ModelCardName=name)
    arn = described["ModelCardArn"]
    shares: Counter[str] = Counter()
    principals: dict[str, frozenset[str]] = {}
    for share in ram.get_resource_shares(resourceOwner="SELF")["resourceShares"]:
        tags = {t["key"]: t["value"] for t in share.get("tags", [])}
        if tags.get(MODEL_CARD.tag_key) != arn or share["status"] != "ACTIVE":
            continue
        access = tags[TAG_ACCESS]
        shares[access] += 1
        associations = ram.get_resource_share_associations(
            associationType="PRINCIPAL", resourceShareArns=[share["resourceShareArn"]]
        )["resourceShareAssociations"]
        principals[access] = frozenset(
            a["associatedEntity"] for a in associations if a["status"] == "ASSOCIATED"
        )
    versions = sm.list_model_card_versions(ModelCardName=name)["ModelCardVersionSummaryList"]
    contents = set()
    for summary in versions:
        body = sm.describe_model_card(
            ModelCardName=name, ModelCardVersion=summary["ModelCardVersion"]
        )["Content"]
        contents.add(json.dumps(json.loads(body), sort_keys=True))
    return FinalState(
        status=described["ModelCardStatus"],
        content=json.loads(described["Content"]),
        shares=dict(shares),
        principals=principals,
        content_versions=len(contents),
    )


def expected_state(sb: Sandbox) -> FinalState:
    """The final state every run must converge to."""
    return FinalState(
        status="Approved",
        content=dict(DEV_CONTENT),
        shares={Access.READ_WRITE.value: 1, Access.READ_ONLY.value: 1},
        principals={
            Access.READ_WRITE.value: frozenset({sb.account_id("dev"), sb.account_id("test")}),
            Access.READ_ONLY.value: frozenset({sb.account_id("prod")}),
        },
        content_versions=2,
    )
