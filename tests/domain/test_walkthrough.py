"""The seed's walkthrough, end to end, across four sandbox accounts."""

from __future__ import annotations

import pytest

from modelcard_share import (
    Access,
    AccessDeniedError,
    CardContent,
    CardStatus,
    Invitation,
    ModelCard,
    RiskRating,
    shared_with_me,
)
from modelcard_share.sandbox import Sandbox

from .conftest import SEED_CONTENT, fast_retry


def _accept_if_invited(sb: Sandbox, account: str) -> None:
    pending = Invitation.list_pending(sb.session(account))
    if sb.organization_arn is None:
        assert len(pending) == 1, f"{account} should have exactly one invitation"
        pending[0].accept()
    else:
        assert pending == [], "inside an organization with sharing on, no invitation is sent"


def test_seed_walkthrough(world: Sandbox) -> None:
    retry = fast_retry(world)
    external = world.organization_arn is None
    owner = world.session("shared-services")

    # 1. The central account creates a Draft card.
    card = ModelCard.create(
        "customer-churn", content=CardContent.from_json(SEED_CONTENT), session=owner, retry=retry
    )
    assert card.status is CardStatus.DRAFT
    assert card.owner_account_id == world.account_id("shared-services")

    # 2. Share with dev (read-write).
    share = card.share_with(world.account_id("dev"), allow_external=external)
    assert share.access is Access.READ_WRITE
    _accept_if_invited(world, "dev")

    # 3. Dev loads the card by ARN, updates the content and submits it for review.
    dev = world.session("dev")
    listed = shared_with_me(dev)
    assert [r.arn for r in listed] == [card.arn]
    assert listed[0].owner_account_id == world.account_id("shared-services")
    dev_card = ModelCard.load(card.arn, session=dev, retry=retry)
    assert dev_card.content == card.content
    intended = dev_card.content.to_dict() | {
        "intended_uses": {"purpose_of_model": "Churn prediction", "risk_rating": "Low"}
    }
    dev_card.update(CardContent.from_json(intended))
    assert dev_card.version == card.version + 1
    dev_card.submit_for_review()
    assert dev_card.status is CardStatus.PENDING_REVIEW

    # 4. Share with test, then the owner approves.
    card.share_with(world.account_id("test"), allow_external=external)
    _accept_if_invited(world, "test")
    test_card = ModelCard.load(card.arn, session=world.session("test"), retry=retry)
    assert test_card.status is CardStatus.PENDING_REVIEW
    approved = card.refresh().approve()
    assert approved.status is CardStatus.APPROVED

    # 5. Share with prod, read-only, in a separate share.
    ro = card.share_with(world.account_id("prod"), access=Access.READ_ONLY, allow_external=external)
    assert ro.arn != share.arn
    _accept_if_invited(world, "prod")

    # 6. Prod can read, but its update is refused.
    prod_card = ModelCard.load(card.arn, session=world.session("prod"), retry=retry)
    assert prod_card.status is CardStatus.APPROVED
    with pytest.raises(AccessDeniedError) as refused:
        prod_card.return_to_draft()
    assert refused.value.code == "AccessDeniedException"
    assert refused.value.__cause__ is not None

    # 7. The owner sees dev's change.
    card.refresh()
    assert card.content.intended_uses is not None
    assert card.content.intended_uses.risk_rating is RiskRating.LOW
    assert {(a.entity, a.access) for a in card.principals()} == {
        (world.account_id("dev"), Access.READ_WRITE),
        (world.account_id("test"), Access.READ_WRITE),
        (world.account_id("prod"), Access.READ_ONLY),
    }

    # Cleanup: unshare everyone, delete the shares, delete the card.
    for name in ("dev", "test", "prod"):
        assert card.unshare(world.account_id(name))
    for s in card.shares():
        s.delete()
    assert card.shares() == []
    card.delete()
    assert list(ModelCard.list(session=owner)) == []


def test_every_step_twice_leaves_one_share_per_access(world: Sandbox) -> None:
    retry = fast_retry(world)
    external = world.organization_arn is None
    owner = world.session("shared-services")
    card = ModelCard.create("twice", session=owner, retry=retry)
    for _ in range(2):
        card.share_with(world.account_id("dev"), allow_external=external)
        card.share_with(world.account_id("test"), allow_external=external)
        card.share_with(world.account_id("prod"), access="read-only", allow_external=external)
        card.set_status(CardStatus.PENDING_REVIEW)
    shares = card.shares()
    assert sorted(s.access.value for s in shares if s.access) == ["read-only", "read-write"]
    principals = card.principals()
    assert len(principals) == 3
    assert len({a.entity for a in principals}) == 3
