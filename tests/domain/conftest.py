"""Fixtures for end-to-end tests of the domain API against the sandbox."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest

from modelcard_share import CardContent, ModelCard, RetryPolicy
from modelcard_share.sandbox import DEFAULT_ACCOUNTS, Sandbox

ACCOUNTS = DEFAULT_ACCOUNTS

SEED_CONTENT = {
    "model_overview": {"model_owner": "model-owner", "problem_type": "Customer Churn Model"}
}


def fast_retry(sb: Sandbox) -> RetryPolicy:
    """A retry policy whose waits advance the sandbox clock instead of sleeping."""
    return RetryPolicy.instant(sleep=lambda s: sb.clock.advance(seconds=s))


@pytest.fixture(params=[True, False], ids=["org", "invitations"])
def world(request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    """The four-account sandbox, inside one organization or with invitations."""
    with Sandbox(accounts=ACCOUNTS, organization=request.param) as sb:
        yield sb


@pytest.fixture
def org_world() -> Iterator[Sandbox]:
    """The four-account sandbox inside one organization with RAM sharing on."""
    with Sandbox(accounts=ACCOUNTS, organization=True) as sb:
        yield sb


@pytest.fixture
def owner(org_world: Sandbox) -> boto3.Session:
    """The card owner's (shared-services) session."""
    return org_world.session("shared-services")


@pytest.fixture
def make_card(org_world: Sandbox, owner: boto3.Session) -> Callable[..., ModelCard]:
    """Create a card in shared-services with the seed content."""

    def make(name: str = "churn", **kwargs: Any) -> ModelCard:
        kwargs.setdefault("content", CardContent.from_json(SEED_CONTENT))
        return ModelCard.create(name, session=owner, retry=fast_retry(org_world), **kwargs)

    return make


class CallCounter:
    """Counts the AWS API calls made through botocore (one per operation, before retries)."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, model: Any, **_: Any) -> None:
        self.calls.append(model.name)

    def writes(self) -> list[str]:
        readers = ("Describe", "Get", "List")
        return [c for c in self.calls if not c.startswith(readers)]


@pytest.fixture
def count_calls() -> Callable[[boto3.Session], CallCounter]:
    """Attach a call counter to every client a session creates from now on."""

    def attach(session: boto3.Session) -> CallCounter:
        counter = CallCounter()
        session.events.register("before-call.*.*", counter)
        return counter

    return attach
