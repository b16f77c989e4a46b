"""Exact access (issue 11, section 1): what the SDK says an account can do is what it can do.

Every test checks AWS's answer from the consumer's side, not only the SDK's bookkeeping:
after ``share_with(prod, READ_ONLY)`` prod's update must really be refused.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from modelcard_share import (
    Access,
    AccessDeniedError,
    AccountTopology,
    CardContent,
    ExternalSharingError,
    Invitation,
    Lifecycle,
    ModelCard,
    NotFoundError,
)
from modelcard_share.sandbox import Organization, Sandbox

from .conftest import SEED_CONTENT, fast_retry

WRITES = ("Create", "Associate", "Disassociate", "Update", "Delete", "Accept", "Reject", "Tag")


class Writes:
    """Counts the write calls of every client a session makes from now on."""

    def __init__(self, session: Any) -> None:
        self.names: list[str] = []
        session.events.register("before-call.*.*", self._record)

    def _record(self, model: Any, **_: Any) -> None:
        if model.name.startswith(WRITES):
            self.names.append(model.name)


@pytest.fixture
def sb() -> Iterator[Sandbox]:
    """The four default accounts in one organization."""
    with Sandbox(organization=True) as world:
        yield world


def _card(sb: Sandbox, name: str = "exact") -> ModelCard:
    return ModelCard.create(
        name,
        content=CardContent.from_json(SEED_CONTENT),
        session=sb.session("shared-services"),
        retry=fast_retry(sb),
    )


def _can_update(sb: Sandbox, account: str, arn: str) -> bool:
    """Ask AWS (the sandbox) whether ``account`` may update the card, from its own side."""
    card = ModelCard.load(arn, session=sb.session(account), retry=fast_retry(sb))
    try:
        card.update(card.content.to_dict() | {"business_details": {"line_of_business": account}})
    except AccessDeniedError:
        return False
    return True


@pytest.mark.parametrize("before", [Access.READ_WRITE, Access.EXPORT])
def test_read_only_moves_the_account_off_write_access(
    sb: Sandbox, before: Access, caplog: pytest.LogCaptureFixture
) -> None:
    """share_with(READ_ONLY) after READ_WRITE/EXPORT leaves exactly read-only: prod cannot write."""
    card = _card(sb)
    prod = sb.account_id("prod")
    card.share_with(prod, access=before)
    assert _can_update(sb, "prod", card.arn)
    with caplog.at_level(logging.INFO, logger="modelcard_share"):
        share = card.share_with(prod, access=Access.READ_ONLY)
    assert [(m.principal, m.removed) for m in share.moved] == [(prod, before)]
    assert any("moved" in r.getMessage() and prod in r.getMessage() for r in caplog.records)
    live = [(a.entity, a.access) for a in card.principals() if a.status.is_live]
    assert live == [(prod, Access.READ_ONLY)]
    assert not _can_update(sb, "prod", card.arn)
    assert ModelCard.load(card.arn, session=sb.session("prod")).version >= 1  # still reads


def test_upgrade_moves_too_and_the_same_call_twice_changes_nothing(sb: Sandbox) -> None:
    """READ_ONLY -> READ_WRITE moves up; repeating it moves nothing and writes nothing."""
    card = _card(sb)
    dev = sb.account_id("dev")
    card.share_with(dev, access=Access.READ_ONLY)
    moved = card.share_with(dev, access=Access.READ_WRITE).moved
    assert [m.removed for m in moved] == [Access.READ_ONLY]
    owner = sb.session("shared-services")
    writes = Writes(owner)
    again = ModelCard.load(card.arn, session=owner, retry=fast_retry(sb))
    assert again.share_with(dev, access=Access.READ_WRITE).moved == ()
    assert writes.names == []
    assert _can_update(sb, "dev", card.arn)


def _topology(sb: Sandbox) -> AccountTopology:
    return sb.topology(access={"prod": "read-only"})


def test_report_shows_every_grant_and_is_not_converged_with_excess_access(sb: Sandbox) -> None:
    """An account in two shares shows both grants; excess breaks convergence; sync fixes it."""
    factory = sb.session_factory(_topology(sb), retry=fast_retry(sb))
    lifecycle = Lifecycle(factory.topology, factory)
    card = ModelCard.create("report", session=lifecycle.owner)
    lifecycle.promote(card, to="PendingReview")
    lifecycle.promote(card, to="Approved")
    assert lifecycle.status(card).converged
    # Someone grants prod write access by hand, through RAM, beside the SDK's read-only share.
    rw_share = next(s for s in card.shares() if s.access is Access.READ_WRITE)
    sb.client("shared-services", "ram").associate_resource_share(
        resourceShareArn=rw_share.arn, principals=[sb.account_id("prod")]
    )
    report = lifecycle.status(card)
    [prod] = [v for v in report.accounts if v.name == "prod"]
    assert sorted(g.access.value for g in prod.live if g.access) == ["read-only", "read-write"]
    assert prod.excess
    assert not report.converged
    assert [v.name for v in report.conflicts] == ["prod"]
    assert _can_update(sb, "prod", card.arn)
    result = lifecycle.sync(card)
    assert [(c.principal, c.removed) for c in result.moved] == [
        (sb.account_id("prod"), Access.READ_WRITE)
    ]
    assert lifecycle.status(card).converged
    assert not _can_update(sb, "prod", card.arn)
    assert not lifecycle.sync(card).changed  # converged: no write


def test_return_to_draft_removes_later_stages(sb: Sandbox) -> None:
    """Back to Draft: test and prod lose access; dev keeps it."""
    factory = sb.session_factory(_topology(sb), retry=fast_retry(sb))
    lifecycle = Lifecycle(factory.topology, factory)
    card = ModelCard.create("rework", session=lifecycle.owner)
    lifecycle.promote(card, to="PendingReview")
    lifecycle.promote(card, to="Approved")
    card.return_to_draft()
    result = lifecycle.sync(card)
    gone = {c.principal for c in result.removed}
    assert gone == {sb.account_id("test"), sb.account_id("prod")}
    with pytest.raises(NotFoundError):
        ModelCard.load(card.arn, session=sb.session("prod"))
    assert lifecycle.status(card).converged


def test_external_sharing_is_opt_in_on_every_call() -> None:
    """allow_external=True once does not open the card to later outside principals."""
    accounts = {"owner": "111111111111", "partner": "555555555555", "other": "666666666666"}
    org = Organization(members=("owner",))
    with Sandbox(accounts=accounts, organization=org) as sb:
        owner = sb.session("owner")
        card = ModelCard.create("ext", session=owner, retry=fast_retry(sb))
        external = card.share_with(sb.account_id("partner"), allow_external=True)
        assert external.allow_external_principals
        [invitation] = Invitation.list_pending(sb.session("partner"))
        invitation.accept()
        writes = Writes(owner)
        again = ModelCard.load(card.arn, session=owner, retry=fast_retry(sb))
        with pytest.raises(ExternalSharingError):
            again.share_with(sb.account_id("partner"))  # known outside: refused, no write
        assert writes.names == []
        with pytest.raises(ExternalSharingError):
            again.share_with(sb.account_id("other"))  # RAM refuses it in the internal share
        internal = [s for s in again.shares() if not s.external]
        assert all(not s.allow_external_principals for s in internal)
        granted = {a.entity for a in again.principals() if a.status.is_live}
        assert granted == {sb.account_id("partner")}


def test_delete_revokes_so_a_new_card_with_the_same_name_is_not_visible(sb: Sandbox) -> None:
    """After delete, old consumers cannot see a new card of the same name (the same ARN)."""
    card = _card(sb, "reused")
    card.share_with([sb.account_id("dev"), sb.account_id("test")])
    assert ModelCard.load(card.arn, session=sb.session("dev")).name == "reused"
    card.delete()
    ram = sb.client("shared-services", "ram")
    shares = ram.get_resource_shares(resourceOwner="SELF")["resourceShares"]
    assert [s["status"] for s in shares if s["status"] != "DELETED"] == []
    owner = sb.session("shared-services")
    again = ModelCard.create("reused", session=owner, retry=fast_retry(sb))
    assert again.arn == card.arn
    with pytest.raises(NotFoundError):
        ModelCard.load(again.arn, session=sb.session("dev"))


def test_a_deleted_card_refuses_changes_without_a_call(sb: Sandbox) -> None:
    """share_with, update and status changes on a deleted card raise NotFoundError, no call."""
    card = _card(sb, "gone")
    card.delete()
    calls: list[str] = []
    card.context.clients.register("before-call.*.*", lambda model, **_: calls.append(model.name))
    for attempt in (
        lambda: card.share_with(sb.account_id("dev")),
        lambda: card.update(CardContent()),
        lambda: card.set_status("PendingReview"),
        lambda: card.unshare(sb.account_id("dev")),
        card.shares,
    ):
        with pytest.raises(NotFoundError, match="was deleted"):
            attempt()
    assert calls == []


def test_concurrent_unshare_of_one_principal_is_idempotent(sb: Sandbox) -> None:
    """Eight threads unshare the same principal at once: none raises, the grant is gone."""
    card = _card(sb)
    dev = sb.account_id("dev")
    card.share_with(dev)
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def unshare() -> None:
        try:
            mine = ModelCard.load(card.arn, session=sb.session("shared-services"))
            barrier.wait()
            mine.unshare(dev)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=unshare) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [a for a in card.principals() if a.status.is_live] == []


def test_share_with_racing_the_deletion_of_its_share_converges(sb: Sandbox) -> None:
    """The share is deleted between share_with's read and its write: it creates a new one."""
    card = _card(sb)
    card.share_with(sb.account_id("dev"))
    [share] = card.shares()
    ram = sb.client("shared-services", "ram")
    fired: list[str] = []

    def delete_first(model: Any, **_: Any) -> None:
        if model.name == "AssociateResourceShare" and not fired:
            fired.append(model.name)
            ram.delete_resource_share(resourceShareArn=share.arn)

    card.context.clients.register("before-call.ram.AssociateResourceShare", delete_first)
    result = card.share_with(sb.account_id("test"))
    assert fired
    assert result.arn != share.arn
    live = {a.entity for a in card.principals() if a.status.is_live}
    assert sb.account_id("test") in live
