"""A sandbox per transport (in-process and HTTP), reset between tests, for the contract tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from modelcard_share.sandbox import DEFAULT_ACCOUNTS, Sandbox


@pytest.fixture(scope="module", params=["in-process", "http"])
def both(request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    """The four default accounts in one organization, in-process and over HTTP."""
    with Sandbox(accounts=DEFAULT_ACCOUNTS, server=request.param == "http") as sb:
        yield sb


@pytest.fixture
def world(both: Sandbox) -> Iterator[Sandbox]:
    """``both``, emptied after each test (cards, shares, permissions, events)."""
    yield both
    both.reset()
    both.faults.clear()
