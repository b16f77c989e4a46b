"""The bad-input corpus: every bad input raises its typed error before any write.

One world is built per module: an owner card shared read-write with dev (inside the
organization) and read-only with prod, an Archived card, and an invitation to an account
outside the organization that has expired. For each corpus case the test snapshots every
card (status, version, content) and share (status, principals) and invitation, runs the
case, and checks: the expected error class, no write call from any account (counted with
``before-call`` hooks), and an identical snapshot afterwards.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from attrs import frozen

from content.mutations import mutations
from modelcard_share import (
    Access,
    AccountTopology,
    ArchivedCardError,
    CardStatus,
    ConfigurationError,
    ContentValidationError,
    InvalidTransitionError,
    Invitation,
    InvitationExpiredError,
    ModelCard,
    ModelCardShareError,
    NotFoundError,
    NotOwnerError,
    SessionFactory,
    TopologyError,
)
from modelcard_share.domain import Lifecycle
from modelcard_share.sandbox import DEFAULT_ACCOUNTS, Organization, Sandbox

from ._lifecycle import SEED_CONTENT, Traffic, retry_policy

ACCOUNTS = {**DEFAULT_ACCOUNTS, "outsider": "555555555555"}
_REFERENCE = Path("/work/shared/reference/model-card-example-full.json")
_COPY = Path(__file__).parent.parent / "content" / "data" / "model-card-example-full.json"
FULL_EXAMPLE: dict[str, Any] = json.loads(
    (_REFERENCE if _REFERENCE.exists() else _COPY).read_text(encoding="utf-8")
)


@frozen
class World:
    """The module's sandbox, its counted sessions and the cards and invitation in it."""

    sb: Sandbox
    traffic: Traffic
    card: ModelCard  # the owner's view, Draft, shared with dev (rw) and prod (ro)
    archived: ModelCard
    dev_card: ModelCard  # dev's view of card
    expired: Invitation  # outsider's invitation, read after it expired
    topology: AccountTopology
    factory: SessionFactory


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    org = Organization(members=("shared-services", "dev", "test", "prod"))
    with Sandbox(accounts=ACCOUNTS, organization=org) as sb:
        retry = retry_policy(sb)
        traffic = Traffic()
        owner = traffic.attach(sb.session("shared-services"))
        card = ModelCard.create("victim", content=FULL_EXAMPLE, session=owner, retry=retry)
        card.share_with(sb.account_id("dev"), wait=True)
        card.share_with(sb.account_id("prod"), access=Access.READ_ONLY, wait=True)
        archived = ModelCard.create("retired", content=SEED_CONTENT, session=owner, retry=retry)
        for step in ("PendingReview", "Approved", "Archived"):
            archived.set_status(step)
        card.share_with(sb.account_id("outsider"), allow_external=True)
        sb.clock.advance(hours=13)  # the invitation expires (12 hours)
        outsider = traffic.attach(sb.session("outsider"))
        [expired] = list(Invitation.list(outsider, retry=retry))
        dev = traffic.attach(sb.session("dev"))
        topology = AccountTopology.from_mapping(
            {
                "home": "shared-services",
                "region": sb.region,
                "role_name": sb.role_name,
                "accounts": {n: {"account_id": i} for n, i in ACCOUNTS.items() if n != "outsider"},
            }
        )
        yield World(
            sb=sb,
            traffic=traffic,
            card=card,
            archived=archived,
            dev_card=ModelCard.load(card.arn, session=dev, retry=retry),
            expired=expired,
            topology=topology,
            factory=SessionFactory(topology, base_session=sb.base_session(), retry=retry),
        )


def snapshot(sb: Sandbox) -> dict[str, Any]:
    """Everything stored: cards (status, version, content), shares, principals, invitations."""
    sm = sb.client("shared-services", "sagemaker")
    ram = sb.client("shared-services", "ram")
    cards = {}
    for summary in sm.list_model_cards()["ModelCardSummaries"]:
        described = sm.describe_model_card(ModelCardName=summary["ModelCardName"])
        cards[summary["ModelCardName"]] = (
            described["ModelCardStatus"],
            described["ModelCardVersion"],
            described["Content"],
        )
    shares = {}
    for share in ram.get_resource_shares(resourceOwner="SELF")["resourceShares"]:
        associations = ram.get_resource_share_associations(
            associationType="PRINCIPAL", resourceShareArns=[share["resourceShareArn"]]
        )["resourceShareAssociations"]
        shares[share["resourceShareArn"]] = (
            share["status"],
            share["allowExternalPrincipals"],
            sorted((a["associatedEntity"], a["status"]) for a in associations),
        )
    invitations = sorted(
        (i["resourceShareInvitationArn"], i["status"])
        for i in sb.client("outsider", "ram").get_resource_share_invitations()[
            "resourceShareInvitations"
        ]
    )
    return {"cards": cards, "shares": shares, "invitations": invitations}


def _mutated(rule: str) -> dict[str, Any]:
    """The full example with the first mutation that breaks ``rule``."""
    doc = copy.deepcopy(FULL_EXAMPLE)
    for _path, found, apply in mutations(doc):
        if found == rule:
            apply()
            return doc
    raise AssertionError(f"no mutation breaks {rule}")


RULES = ("maxLength", "type", "pattern", "enum", "minimum", "maxItems", "minItems", "required")
OVERSIZE = {"additional_information": {"custom_details": {f"k{i}": "x" * 1000 for i in range(120)}}}

Case = Callable[[World], object]


def _create(name: str, content: Any = SEED_CONTENT) -> Case:
    def run(w: World) -> object:
        owner = w.traffic.attach(w.sb.session("shared-services"))
        return ModelCard.create(name, content=content, session=owner, retry=w.factory.retry)

    return run


def _topology(account_id: str) -> Case:
    def run(w: World) -> object:
        return AccountTopology.from_mapping(
            {
                "home": "a",
                "role_name": "R",
                "region": w.sb.region,
                "accounts": {"a": {"account_id": "111111111111"}, "b": {"account_id": account_id}},
            }
        )

    return run


def _load(ref: str) -> Case:
    def run(w: World) -> object:
        owner = w.traffic.attach(w.sb.session("shared-services"))
        return ModelCard.load(ref, session=owner, retry=w.factory.retry)

    return run


CASES: list[tuple[str, Case, type[ModelCardShareError]]] = [
    *[
        (f"name-{label}", _create(name), ConfigurationError)
        for label, name in (
            ("underscore", "bad_name"),
            ("leading-hyphen", "-card"),
            ("trailing-hyphen", "card-"),
            ("64-chars", "x" * 64),
            ("empty", ""),
            ("space", "a card"),
            ("unicode", "kärte"),
        )
    ],
    (
        "arn-11-digit-account",
        _load("arn:aws:sagemaker:us-east-1:11111111111:model-card/victim"),
        ConfigurationError,
    ),
    (
        "arn-not-sagemaker",
        _load("arn:aws:s3:us-east-1:111111111111:model-card/victim"),
        ConfigurationError,
    ),
    (
        "arn-bad-region",
        _load("arn:aws:sagemaker:moon-1:111111111111:model-card/victim"),
        ConfigurationError,
    ),
    (
        "arn-other-region",
        _load("arn:aws:sagemaker:eu-west-1:111111111111:model-card/victim"),
        NotFoundError,
    ),
    (
        "arn-other-partition",
        _load("arn:aws-cn:sagemaker:cn-north-1:111111111111:model-card/victim"),
        NotFoundError,
    ),
    ("share-11-digit", lambda w: w.card.share_with("22222222222"), ConfigurationError),
    ("share-13-digit", lambda w: w.card.share_with("2222222222222"), ConfigurationError),
    (
        "share-list-with-one-bad",
        lambda w: w.card.share_with(["333333333333", "3333"]),
        ConfigurationError,
    ),
    (
        "share-iam-arn",
        lambda w: w.card.share_with("arn:aws:iam::333333333333:root"),
        ConfigurationError,
    ),
    ("share-unknown-name", lambda w: w.card.share_with("staging"), ConfigurationError),
    ("topology-11-digit", _topology("22222222222"), TopologyError),
    ("topology-13-digit", _topology("2222222222222"), TopologyError),
    *[
        (f"create-content-{rule}", _create("fresh", _mutated(rule)), ContentValidationError)
        for rule in RULES
    ],
    *[
        (
            f"update-content-{rule}",
            lambda w, r=rule: w.card.update(_mutated(r)),
            ContentValidationError,
        )
        for rule in RULES
    ],
    (
        "consumer-update-content",
        lambda w: w.dev_card.update(_mutated("enum")),
        ContentValidationError,
    ),
    ("create-oversize", _create("fresh", OVERSIZE), ContentValidationError),
    ("update-oversize", lambda w: w.card.update(OVERSIZE), ContentValidationError),
    ("draft-to-approved", lambda w: w.card.set_status(CardStatus.APPROVED), InvalidTransitionError),
    ("draft-to-archived", lambda w: w.card.set_status("Archived"), InvalidTransitionError),
    ("unknown-status", lambda w: w.card.set_status("Published"), ConfigurationError),
    (
        "archived-to-draft",
        lambda w: w.archived.set_status(CardStatus.DRAFT),
        InvalidTransitionError,
    ),
    ("update-archived", lambda w: w.archived.update(SEED_CONTENT), ArchivedCardError),
    (
        "promote-skips-a-step",
        lambda w: Lifecycle(w.topology, w.factory).promote(w.card, to="Approved"),
        InvalidTransitionError,
    ),
    (
        "promote-past-archived",
        lambda w: Lifecycle(w.topology, w.factory).promote(w.archived),
        InvalidTransitionError,
    ),
    ("consumer-shares", lambda w: w.dev_card.share_with(w.sb.account_id("test")), NotOwnerError),
    ("consumer-deletes", lambda w: w.dev_card.delete(), NotOwnerError),
    ("consumer-unshares", lambda w: w.dev_card.unshare(w.sb.account_id("prod")), NotOwnerError),
]


@pytest.mark.parametrize(
    ("case", "error"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_fails_typed_before_any_write(
    world: World, case: Case, error: type[ModelCardShareError]
) -> None:
    before = snapshot(world.sb)
    world.traffic.calls.clear()
    with pytest.raises(error) as raised:
        case(world)
    assert str(raised.value), "the error says what is wrong"
    assert world.traffic.writes() == []
    assert snapshot(world.sb) == before


def test_snapshot_sees_a_real_write(world: World) -> None:
    """The corpus's checks are not vacuous: a valid write shows in the writes and snapshot."""
    before = snapshot(world.sb)
    world.traffic.calls.clear()
    _create("canary")(world)
    assert world.traffic.writes() == ["CreateModelCard"]
    assert snapshot(world.sb) != before


def test_content_errors_name_the_field(world: World) -> None:
    with pytest.raises(ContentValidationError) as raised:
        world.card.update(_mutated("enum"))
    assert raised.value.problems, "the problems are listed"
    assert all(p.path for p in raised.value.problems)


def test_accepting_an_invitation_that_expired_since_it_was_read(world: World) -> None:
    """Read while PENDING, expired since: only AWS can say so; one refused call, no change."""
    sb = world.sb
    retry = world.factory.retry
    owner = sb.session("shared-services")
    fresh = ModelCard.create("late", content=SEED_CONTENT, session=owner, retry=retry)
    fresh.share_with(sb.account_id("outsider"), allow_external=True)
    outsider = world.traffic.attach(sb.session("outsider"))
    [pending] = Invitation.list_pending(outsider, retry=retry)
    sb.clock.advance(hours=13)
    before = snapshot(sb)
    world.traffic.calls.clear()
    with pytest.raises(InvitationExpiredError):
        pending.accept()
    assert world.traffic.writes() == ["AcceptResourceShareInvitation"]  # refused by RAM
    assert snapshot(sb) == before


def test_accepting_an_invitation_read_as_expired_makes_no_call(world: World) -> None:
    before = snapshot(world.sb)
    world.traffic.calls.clear()
    assert world.expired.status.value == "EXPIRED"
    with pytest.raises(InvitationExpiredError):
        world.expired.accept()
    assert world.traffic.writes() == []
    assert snapshot(world.sb) == before


@pytest.mark.parametrize(
    "principal",
    [
        "arn:aws-cn:organizations::111111111111:organization/o-abc123def4",
        "arn:aws-us-gov:organizations::111111111111:ou/o-abc123def4/ou-ab12-cdefgh34",
    ],
)
def test_share_with_a_principal_of_another_partition_fails_before_any_write(
    world: World, principal: str
) -> None:
    before = snapshot(world.sb)
    world.traffic.calls.clear()
    with pytest.raises(ConfigurationError):
        world.card.share_with(principal)
    assert world.traffic.writes() == []
    assert snapshot(world.sb) == before
