"""Fixtures of the reliability suite: one four-account sandbox per module, reset per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from modelcard_share.sandbox import Sandbox

from ._lifecycle import ACCOUNTS


@pytest.fixture(scope="module")
def module_sandbox() -> Iterator[Sandbox]:
    """The four accounts in one organization, started once per module."""
    with Sandbox(accounts=ACCOUNTS, organization=True) as sb:
        yield sb


@pytest.fixture
def sb(module_sandbox: Sandbox) -> Iterator[Sandbox]:
    """The module's sandbox, emptied, with faults off and counters at zero."""
    module_sandbox.faults.clear()
    module_sandbox.reset()
    module_sandbox.faults.reset_counts()
    yield module_sandbox
    module_sandbox.faults.clear()
