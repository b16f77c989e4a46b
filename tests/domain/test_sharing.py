"""share_with and friends against the sandbox: idempotency, economy, invitations, errors."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta

import boto3
import pytest

from modelcard_share import (
    Access,
    AccountTopology,
    ConfigurationError,
    ExternalSharingError,
    Invitation,
    InvitationAlreadyAcceptedError,
    InvitationAlreadyRejectedError,
    InvitationExpiredError,
    ModelCard,
    NotFoundError,
    NotOwnerError,
    shared_with_me,
)
from modelcard_share.sandbox import Organization, Sandbox

from .conftest import ACCOUNTS, CallCounter, fast_retry

MakeCard = Callable[..., ModelCard]


def _counted(
    card: ModelCard, owner: boto3.Session, count_calls: Callable[[boto3.Session], CallCounter]
) -> tuple[ModelCard, CallCounter]:
    """Reload ``card`` so its new clients carry a call counter, starting from zero calls."""
    counter = count_calls(owner)
    fresh = ModelCard.load(card.arn, session=owner)
    counter.calls.clear()
    return fresh, counter


def test_share_with_existing_share_is_economical_and_idempotent(
    make_card: MakeCard,
    org_world: Sandbox,
    owner: boto3.Session,
    count_calls: Callable[[boto3.Session], CallCounter],
) -> None:
    card = make_card()
    card.share_with(org_world.account_id("dev"))
    card, counter = _counted(card, owner, count_calls)
    card.share_with(org_world.account_id("test"))
    assert len([c for c in counter.calls if c != "GetCallerIdentity"]) <= 3
    assert counter.writes() == ["AssociateResourceShare"]
    counter.calls.clear()
    card.share_with(org_world.account_id("test"))
    assert len(counter.calls) <= 2
    assert counter.writes() == []
    assert len(card.shares()) == 1


def test_share_by_topology_name(org_world: Sandbox, owner: boto3.Session) -> None:
    topology = AccountTopology.from_mapping(
        {
            "region": "us-east-1",
            "role_name": "ModelCardShareRole",
            "home": "shared-services",
            "accounts": {name: {"account_id": acct} for name, acct in ACCOUNTS.items()},
        }
    )
    card = ModelCard.create("named", session=owner, topology=topology)
    card.share_with("dev")
    assert [a.entity for a in card.principals()] == [org_world.account_id("dev")]
    with pytest.raises(ConfigurationError, match="unknown principal 'qa'"):
        card.share_with("qa")


@pytest.mark.parametrize("bad", ["12345678901", "1234567890123", "arn:aws:iam::111111111111:root"])
def test_bad_principals_fail_before_any_call(
    bad: str,
    make_card: MakeCard,
    owner: boto3.Session,
    count_calls: Callable[[boto3.Session], CallCounter],
) -> None:
    card = make_card()
    card, counter = _counted(card, owner, count_calls)
    with pytest.raises(ConfigurationError):
        card.share_with(bad)
    assert counter.calls == []


def test_share_with_organization_and_ou(make_card: MakeCard, org_world: Sandbox) -> None:
    card = make_card()
    assert org_world.organization_arn is not None
    share = card.share_with(org_world.organization_arn)
    assert [a.entity for a in share.principals()] == [org_world.organization_arn]
    listed = shared_with_me(org_world.session("prod"))
    assert [r.arn for r in listed] == [card.arn]


def test_external_sharing_needs_explicit_opt_in() -> None:
    org = Organization(members=["shared-services", "dev"], sharing_enabled=True)
    accounts = {**ACCOUNTS, "partner": "555555555555"}
    with Sandbox(accounts=accounts, organization=org) as sb:
        owner = sb.session("shared-services")
        card = ModelCard.create("ext", session=owner, retry=fast_retry(sb))
        card.share_with(sb.account_id("dev"))
        with pytest.raises(ExternalSharingError, match="allow_external=True"):
            card.share_with(sb.account_id("partner"))
        share = card.share_with(sb.account_id("partner"), allow_external=True)
        assoc = share.principal(sb.account_id("partner"))
        assert assoc is not None
        assert assoc.awaits_invitation
        [invitation] = Invitation.list_pending(sb.session("partner"))
        assert invitation.sender_account_id == sb.account_id("shared-services")
        invitation.accept()
        share.wait_until_associated(sb.account_id("partner"), timeout=60)
        with pytest.raises(InvitationAlreadyAcceptedError):
            invitation.accept()
        assert ModelCard.load(card.arn, session=sb.session("partner")).name == "ext"


def test_invitation_expires_after_twelve_hours() -> None:
    with Sandbox(accounts=ACCOUNTS, organization=False) as sb:
        owner = sb.session("shared-services")
        card = ModelCard.create("late", session=owner, retry=fast_retry(sb))
        card.share_with(sb.account_id("dev"), allow_external=True)
        [invitation] = Invitation.list_pending(sb.session("dev"))
        sb.clock.advance(hours=13)
        with pytest.raises(InvitationExpiredError) as err:
            invitation.accept()
        assert "share the card" in str(err.value)
        with pytest.raises(NotFoundError):
            ModelCard.load(card.arn, session=sb.session("dev"))


def test_consumer_cannot_share_what_was_shared_with_it(
    make_card: MakeCard, org_world: Sandbox
) -> None:
    card = make_card()
    card.share_with(org_world.account_id("dev"))
    dev_card = ModelCard.load(card.arn, session=org_world.session("dev"))
    with pytest.raises(NotOwnerError):
        dev_card.share_with(org_world.account_id("test"))


def test_unshare_and_leave(make_card: MakeCard, org_world: Sandbox) -> None:
    """unshare removes one access level or all; a consumer may try to leave a share."""
    card = make_card()
    dev = org_world.account_id("dev")
    card.share_with(dev)
    moved = card.share_with(dev, access=Access.EXPORT).moved
    assert [(m.principal, m.removed) for m in moved] == [(dev, Access.READ_WRITE)]
    assert [a.access for a in card.principals() if a.status.is_live] == [Access.EXPORT]
    assert len(card.unshare(dev, access="export")) == 1
    assert [a for a in card.principals() if a.status.is_live] == []
    assert card.unshare(dev) == []
    card.share_with(dev)
    assert card.unshare(org_world.account_id("test")) == []
    [share] = [s for s in card.shares() if s.access is Access.READ_WRITE]
    dev_view = [s for s in _shares_of(org_world, "dev") if s.arn == share.arn]
    assert dev_view, "dev sees the share it belongs to"
    outcome = dev_view[0].leave()
    assert outcome.share_arn == share.arn
    if not outcome.left:
        assert "ask the owner" in outcome.message


def _shares_of(sb: Sandbox, account: str) -> list:  # type: ignore[type-arg]
    from modelcard_share import shares_with_me

    return shares_with_me(sb.session(account))


def test_concurrent_share_with_converges_to_one_share() -> None:
    spokes = {f"spoke{n}": f"6000000000{n:02d}" for n in range(1, 9)}
    with Sandbox(accounts={"hub": "111111111111", **spokes}, organization=True) as sb:
        card = ModelCard.create("raced", session=sb.session("hub"), retry=fast_retry(sb))
        errors: list[BaseException] = []
        barrier = threading.Barrier(len(spokes))

        def share(account: str) -> None:
            try:
                mine = ModelCard.load(card.arn, session=sb.session("hub"), retry=fast_retry(sb))
                barrier.wait()
                mine.share_with(account)
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=share, args=(a,)) for a in spokes.values()]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        racing = card.shares()
        granted = {a.entity for s in racing for a in s.principals() if a.status.is_live}
        assert granted == set(spokes.values()), "no principal is lost while shares race"
        # The next write of the card's sharing merges the duplicates onto the oldest share.
        card.share_with(next(iter(spokes.values())))
        [only] = card.shares()
        assert only.arn == racing[0].arn
        live = {a.entity for a in only.principals() if a.status.is_live}
        assert live == set(spokes.values())


def test_share_with_many_principals_in_one_call(
    make_card: MakeCard,
    org_world: Sandbox,
    owner: boto3.Session,
    count_calls: Callable[[boto3.Session], CallCounter],
) -> None:
    card = make_card()
    card.share_with(org_world.account_id("dev"))
    card, counter = _counted(card, owner, count_calls)
    others = [org_world.account_id("test"), org_world.account_id("prod")]
    card.share_with([org_world.account_id("dev"), *others])
    assert counter.writes() == ["AssociateResourceShare"]
    assert sorted(a.entity for a in card.principals()) == sorted(
        [org_world.account_id("dev"), *others]
    )
    with pytest.raises(ConfigurationError, match="at least one"):
        card.share_with([])


def test_ou_principal_reaches_only_its_members() -> None:
    org = Organization(members=list(ACCOUNTS), sharing_enabled=True, ous={"ml": ("dev", "test")})
    with Sandbox(accounts=ACCOUNTS, organization=org) as sb:
        card = ModelCard.create("ou", session=sb.session("shared-services"), retry=fast_retry(sb))
        card.share_with(sb.ou_arn("ml"))
        assert [r.arn for r in shared_with_me(sb.session("dev"))] == [card.arn]
        assert shared_with_me(sb.session("prod")) == []


def test_reject_and_filters_and_double_delete() -> None:
    with Sandbox(accounts=ACCOUNTS, organization=False) as sb:
        retry = fast_retry(sb)
        card = ModelCard.create("rej", session=sb.session("shared-services"), retry=retry)
        card.share_with([sb.account_id("dev"), sb.account_id("test")], allow_external=True)
        [to_dev] = Invitation.list_pending(sb.session("dev"))
        assert to_dev.reject().status.value == "REJECTED"
        with pytest.raises(InvitationAlreadyRejectedError):
            to_dev.accept()
        [to_test] = Invitation.list_pending(sb.session("test"))
        to_test.accept()
        owner_id = sb.account_id("shared-services")
        test = sb.session("test")
        assert len(shared_with_me(test, owner=owner_id)) == 1
        assert shared_with_me(test, owner="999999999999") == []
        [entry] = shared_with_me(test)
        assert entry.last_shared is not None
        assert shared_with_me(test, since=entry.last_shared + timedelta(seconds=1)) == []
        assert entry.share_count == 1
        [share] = card.shares()
        share.delete()
        share.delete()  # already deleted counts as deleted
        assert card.shares() == []
