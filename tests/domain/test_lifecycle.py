"""Lifecycle.promote / status and hub-and-spoke sync, against the sandbox."""

from __future__ import annotations

from typing import Any

import pytest

from modelcard_share import (
    Access,
    AccountTopology,
    CardStatus,
    InvalidTransitionError,
    Lifecycle,
    ModelCard,
    SessionFactory,
    TopologyError,
    sync_to_hub,
)
from modelcard_share.sandbox import Sandbox

from .conftest import ACCOUNTS, fast_retry


def _topology(extra: dict[str, Any] | None = None) -> AccountTopology:
    accounts: dict[str, Any] = {name: {"account_id": acct} for name, acct in ACCOUNTS.items()}
    accounts["prod"]["access"] = "read-only"
    return AccountTopology.from_mapping(
        {
            "region": "us-east-1",
            "role_name": "ModelCardShareRole",
            "home": "shared-services",
            "accounts": accounts,
            **(extra or {}),
        }
    )


@pytest.fixture
def lifecycle(org_world: Sandbox) -> Lifecycle:
    topology = _topology()
    factory = SessionFactory(
        topology, base_session=org_world.base_session(), retry=fast_retry(org_world)
    )
    return Lifecycle(topology, factory)


def test_promote_walks_the_seed_pattern(lifecycle: Lifecycle, org_world: Sandbox) -> None:
    owner = lifecycle.owner_session()
    card = ModelCard.create("life", session=owner, topology=lifecycle.topology)
    lifecycle.sync(card)
    report = lifecycle.status(card)
    assert report.stages == ("dev",)
    assert report.converged
    assert {v.name: v.access for v in report.accounts} == {
        "dev": Access.READ_WRITE,
        "test": None,
        "prod": None,
    }

    step = lifecycle.promote(card)
    assert (step.previous, step.status) == (CardStatus.DRAFT, CardStatus.PENDING_REVIEW)
    step = lifecycle.promote(card, to=CardStatus.APPROVED)
    assert step.status is CardStatus.APPROVED
    again = lifecycle.promote(card, to="Approved")  # idempotent with `to`
    assert (again.previous, again.status) == (CardStatus.APPROVED, CardStatus.APPROVED)

    report = lifecycle.status(card)
    assert report.converged
    assert {v.name: v.access for v in report.accounts} == {
        "dev": Access.READ_WRITE,
        "test": Access.READ_WRITE,
        "prod": Access.READ_ONLY,
    }
    assert len(card.shares()) == 2, "read-write and read-only shares, nothing more"

    lifecycle.promote(card)
    assert card.status is CardStatus.ARCHIVED
    with pytest.raises(InvalidTransitionError, match="end of the lifecycle"):
        lifecycle.promote(card)


def test_promote_refuses_skipping_a_step(lifecycle: Lifecycle) -> None:
    card = ModelCard.create("skip", session=lifecycle.owner_session())
    with pytest.raises(InvalidTransitionError):
        lifecycle.promote(card, to=CardStatus.APPROVED)


def test_stage_mapping_from_the_topology_file() -> None:
    topology = _topology({"lifecycle": {"stages": {"Draft": ["dev", "test"], "Approved": "prod"}}})
    lifecycle = Lifecycle(topology, SessionFactory(topology))
    assert lifecycle.visible_stages(CardStatus.DRAFT) == ("dev", "test")
    assert lifecycle.visible_stages("Archived") == ("dev", "test", "prod")
    with pytest.raises(TopologyError, match=r"lifecycle\.stages"):
        Lifecycle(_topology({"lifecycle": {"stages": {"Retired": "prod"}}}))
    with pytest.raises(TopologyError, match="no account"):
        Lifecycle(_topology({"lifecycle": {"stages": {"Draft": "qa"}}}))


def test_sync_to_hub_is_idempotent_and_keeps_unknown_keys(org_world: Sandbox) -> None:
    retry = fast_retry(org_world)
    org_world.extend_schema({"": {"x_extra": {}}})  # a section known to a newer SageMaker
    spoke = ModelCard.create(
        "spoke-card",
        content={"model_overview": {"model_owner": "dev"}, "x_extra": {"kept": 1}},
        session=org_world.session("dev"),
        retry=retry,
    )
    spoke.submit_for_review()
    hub_session = org_world.session("shared-services")
    hub = sync_to_hub(spoke, hub_session)
    assert hub.owner_account_id == org_world.account_id("shared-services")
    assert hub.content.to_dict() == spoke.content.to_dict()
    assert hub.status is CardStatus.PENDING_REVIEW
    version = hub.version
    assert sync_to_hub(spoke, hub_session).version == version, "no change, no new version"
    spoke.update({"model_overview": {"model_owner": "dev-2"}, "x_extra": {"kept": 2}})
    spoke.approve()
    hub = sync_to_hub(spoke, hub_session)
    assert hub.version == version + 1
    assert hub.status is CardStatus.APPROVED
    assert hub.content.to_dict()["x_extra"] == {"kept": 2}
