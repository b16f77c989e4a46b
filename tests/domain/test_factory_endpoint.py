"""A SessionFactory's settings reach every domain call: an HTTP sandbox is used end to end.

The sandbox runs as a real HTTP server and nothing else answers: a call that ignored the
factory's ``endpoint_url`` would try AWS itself and fail (there is no network here).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from modelcard_share import (
    AccessDeniedError,
    AccountClients,
    CardContent,
    Invitation,
    Lifecycle,
    ModelCard,
    SessionFactory,
    shared_with_me,
)
from modelcard_share.sandbox import Sandbox

from .conftest import ACCOUNTS, SEED_CONTENT


@pytest.fixture(scope="module")
def served() -> Iterator[Sandbox]:
    """The four accounts in one organization, served over HTTP."""
    with Sandbox(accounts=ACCOUNTS, organization=True, server=True) as sb:
        yield sb


@pytest.fixture
def factory(served: Sandbox) -> SessionFactory:
    """A factory over the served sandbox, pointed at its endpoint."""
    return served.session_factory(served.topology(access={"prod": "read-only"}))


def test_every_domain_call_goes_to_the_factorys_endpoint(
    served: Sandbox, factory: SessionFactory
) -> None:
    """Create, share, list, update, promote, read-only refusal and versions all use it."""
    served.reset()
    owner = factory.session("shared-services")
    card = ModelCard.create("served", content=CardContent.from_json(SEED_CONTENT), session=owner)
    card.share_with("dev")

    dev = factory.clients("dev")
    assert isinstance(dev, AccountClients)
    assert Invitation.list_pending(dev) == []  # one organization: no invitation
    assert [r.arn for r in shared_with_me(dev)] == [card.arn]

    dev_card = ModelCard.load(card.arn, session=factory.session("dev"))
    dev_card.update(dev_card.content.to_dict() | {"intended_uses": {"risk_rating": "Low"}})
    dev_card.submit_for_review()

    lifecycle = Lifecycle(factory.topology, factory)
    owned = lifecycle.load(card.arn)
    lifecycle.promote(owned, to="Approved")
    report = lifecycle.status(owned)
    assert report.status.value == "Approved"
    assert {v.name: v.access.value if v.access else None for v in report.accounts} == {
        "dev": "read-write",
        "test": "read-write",
        "prod": "read-only",
    }
    prod_card = ModelCard.load(card.arn, session=factory.clients("prod"))
    with pytest.raises(AccessDeniedError):
        prod_card.update(prod_card.content)
    assert [v.version for v in owned.versions()] == [1, 2]
