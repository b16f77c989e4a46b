"""pytest plugin of the modelcard-share sandbox: the ``sandbox`` and ``sandbox_factory`` fixtures.

Loading the plugin imports no moto: moto is imported only when a fixture starts a sandbox,
so projects without the ``sandbox`` extra can still run pytest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import pytest

from modelcard_share.sandbox._topology import DEFAULT_ACCOUNTS

if TYPE_CHECKING:
    from modelcard_share.sandbox._sandbox import Organization, Sandbox

__all__ = ["DEFAULT_ACCOUNTS", "sandbox", "sandbox_factory"]

SandboxFactory = Callable[..., "Sandbox"]


@pytest.fixture
def sandbox_factory() -> Iterator[SandboxFactory]:
    """Build and start custom sandboxes; every sandbox built is stopped after the test.

    Call it with the arguments of :class:`~modelcard_share.sandbox.Sandbox`; ``accounts``
    defaults to the four accounts of the ``sandbox`` fixture. Only one sandbox may run at a
    time, so stop one before building the next.
    """
    from modelcard_share.sandbox._sandbox import Sandbox  # noqa: PLC0415 - see module doc

    started: list[Sandbox] = []

    def build(
        accounts: Mapping[str, str] | None = None,
        organization: bool | Organization = True,
        region: str = "us-east-1",
        **kwargs: Any,
    ) -> Sandbox:
        box = Sandbox(
            accounts=dict(accounts or DEFAULT_ACCOUNTS),
            organization=organization,
            region=region,
            **kwargs,
        )
        started.append(box)
        return box.start()

    yield build
    for box in reversed(started):
        box.stop()


@pytest.fixture
def sandbox(sandbox_factory: SandboxFactory) -> Sandbox:
    """A running sandbox: shared-services/dev/test/prod in one organization with RAM sharing on."""
    return sandbox_factory()
