"""Fixtures of the automation tests: one sandbox per module, emptied per test, and a handler.

The handler acts as the home account the way the deployed function does
(:func:`function_topology`: the home account's own credentials, no AssumeRole) unless a
test asks for AssumeRole sessions, which the reliability suite's expiring credentials
need. Every call the handler's clients make is recorded, with its parameters.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

import pytest
from attrs import define, field

from modelcard_share import AccountTopology, ModelCard, RetryPolicy, SessionFactory
from modelcard_share.automation import EventHandler, HandlerReport, function_topology
from modelcard_share.domain import Lifecycle
from modelcard_share.sandbox import Sandbox
from reliability.conftest import module_sandbox, sb

__all__ = ["module_sandbox", "sb"]  # the reliability suite's fixtures, shared

HOME = "shared-services"
SEED_CONTENT: Mapping[str, Any] = {
    "model_overview": {"model_owner": "model-owner", "problem_type": "Customer Churn Model"}
}
READERS = ("Describe", "Get", "List")


@define
class Calls:
    """The API calls of the clients it is attached to: (service, operation, parameters)."""

    calls: list[tuple[str, str, dict[str, Any]]] = field(factory=list)
    _lock: threading.Lock = field(factory=threading.Lock)

    def record(self, params: dict[str, Any], model: Any, **_: Any) -> None:
        with self._lock:
            self.calls.append((model.service_model.service_name, model.name, dict(params)))

    def operations(self) -> list[str]:
        with self._lock:
            return [op for _, op, _ in self.calls]

    def writes(self) -> list[str]:
        return [op for op in self.operations() if not op.startswith(READERS)]

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()


@define
class World:
    """A sandbox with the lifecycle, handler and call recorder of the home account."""

    sb: Sandbox
    topology: AccountTopology
    factory: SessionFactory
    lifecycle: Lifecycle
    handler: EventHandler
    calls: Calls
    retry: RetryPolicy

    def create_card(self, name: str, content: Mapping[str, Any] | None = None) -> ModelCard:
        """Create a Draft card in the home account (through the SDK, not the handler)."""
        return ModelCard.create(
            name,
            content=dict(content if content is not None else SEED_CONTENT),
            session=self.sb.session(HOME),
            retry=self.retry,
        )

    def deliver(self, events: list[dict[str, Any]] | None = None) -> HandlerReport:
        """Hand the recorded events (default: all, drained) to the handler."""
        return self.handler.handle_all(self.sb.events.drain() if events is None else events)

    def consumer(self, account: str, arn: str) -> ModelCard:
        """Load the card by ARN from a stage account."""
        return ModelCard.load(arn, session=self.sb.session(account), retry=self.retry)


def topology_mapping(sb: Sandbox, *, registry: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The sandbox's four accounts; prod reads only; optionally a [lifecycle.registry]."""
    data: dict[str, Any] = {
        "home": HOME,
        "region": sb.region,
        "role_name": sb.role_name,
        "accounts": {
            name: {"account_id": account_id, **({"access": "read-only"} if name == "prod" else {})}
            for name, account_id in sb.accounts.items()
        },
    }
    if registry is not None:
        data["lifecycle"] = {"registry": dict(registry)}
    return data


def instant_retry(sb: Sandbox, attempts: int = 20) -> RetryPolicy:
    """Instant retries whose waits move the sandbox clock."""
    return RetryPolicy.instant(
        total_max_attempts=attempts, sleep=lambda s: sb.clock.advance(seconds=s)
    )


def build(
    sb: Sandbox,
    *,
    registry: Mapping[str, Any] | None = None,
    assume_role: bool = False,
    retry: RetryPolicy | None = None,
    dry_run: bool = False,
    calls: Calls | None = None,
) -> World:
    """The handler over the sandbox, as deployed (or with AssumeRole sessions).

    ``calls`` records the home account's calls (default: a new recorder).
    """
    policy = retry if retry is not None else instant_retry(sb)
    topology = AccountTopology.from_mapping(topology_mapping(sb, registry=registry))
    if assume_role:
        factory = SessionFactory(topology, base_session=sb.base_session(), retry=policy)
    else:
        topology = function_topology(topology)
        factory = SessionFactory(topology, base_session=sb.session(HOME), retry=policy)
    calls = Calls() if calls is None else calls
    factory.clients(HOME).register("before-parameter-build.*.*", calls.record)
    lifecycle = Lifecycle(topology, factory)
    return World(
        sb=sb,
        topology=topology,
        factory=factory,
        lifecycle=lifecycle,
        handler=EventHandler(lifecycle, dry_run=dry_run),
        calls=calls,
        retry=policy,
    )


@pytest.fixture
def world(sb: Sandbox) -> World:
    """The handler over the sandbox without a registry policy."""
    return build(sb)
