"""How domain objects talk to AWS: one account's clients, a region, a retry policy.

A :class:`Context` binds an :class:`~modelcard_share.aws.AccountClients` (the one owner
of the account's clients), a region and a retry policy. Every call goes through
:meth:`Context.call`, the one place where a botocore error becomes a typed error.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Any, TypeVar, cast

import boto3
from attrs import frozen
from botocore.exceptions import BotoCoreError, ClientError

from modelcard_share import _ids
from modelcard_share.aws import (
    AccountClients,
    RetryHook,
    RetryPolicy,
    SessionLike,
    account_clients,
    translate_botocore_error,
    translate_client_error,
)
from modelcard_share.errors import ArgumentTypeError

__all__ = ["Context", "resolve_context"]

T = TypeVar("T")


@frozen
class Context:
    """An account's clients, a region and a retry policy.

    Attributes:
        clients: The account's clients (made and cached by the aws layer).
        region: The region of the calls.
        retry: The retry policy of the calls.
    """

    clients: AccountClients
    region: str
    retry: RetryPolicy

    def client(self, service: str) -> Any:
        """Return the account's cached client for ``service`` in this context's region."""
        return self.clients.client(service, region=self.region, retry=self.retry)

    def memo(self, key: Hashable, factory: Callable[[], T]) -> T:
        """Return the value remembered for ``key`` on this account, computing it once."""
        return self.clients.memo(key, factory)

    def forget(self, key: Hashable) -> None:
        """Drop a remembered value (for example a permission ARN that turned out stale)."""
        self.clients.forget(key)

    def in_region(self, region: str) -> Context:
        """Return this context moved to another region (cards and shares are regional)."""
        if region == self.region:
            return self
        return Context(self.clients, region, self.retry)

    @property
    def session(self) -> boto3.Session:
        """A boto3 session with the account's credentials."""
        return self.clients.session

    @property
    def account_id(self) -> str:
        """The calling account's id (known from the topology, else one STS call, then kept)."""
        return self.clients.account_id

    @property
    def partition(self) -> str:
        """The AWS partition of this context's region."""
        return _ids.partition_of_region(self.region) or "aws"

    def call(
        self, service: str, operation: str, /, *, resource: str | None = None, **params: Any
    ) -> Any:
        """Call ``operation`` on ``service``, translating botocore errors into typed errors."""
        method: Callable[..., Any] = getattr(self.client(service), operation)
        try:
            return method(**params)
        except ClientError as err:
            raise translate_client_error(
                err, resource=resource, account_id=self.clients.known_account_id
            ) from err
        except BotoCoreError as err:
            raise translate_botocore_error(
                err, operation=_operation_name(operation), resource=resource
            ) from err

    def eventually(
        self,
        service: str,
        operation: str,
        /,
        *,
        what: str,
        resource: str | None = None,
        **params: Any,
    ) -> Any:
        """Like :meth:`call`, retried by the retry policy while AWS is eventually consistent."""
        return self.retry.eventually(
            self.call, service, operation, what=what, resource=resource, **params
        )

    def wait_for(
        self,
        check: Callable[[], T | None],
        *,
        what: str,
        timeout: float,
        progress: RetryHook | None = None,
    ) -> T:
        """Call ``check`` until it returns something other than ``None``; return that.

        Waiting is the retry policy's eventual-consistency layer with a budget of
        ``timeout`` seconds: backoff with jitter, a log line per retry, virtual time
        under instant policies, and eventual-consistency errors raised by ``check``
        retried too. ``progress`` hears about every wait.

        Raises:
            WaitTimeoutError: ``check`` still returned ``None`` when the budget ran out.
        """
        policy = self.retry.with_changes(eventual_budget_seconds=timeout)
        result = policy.eventually(
            check, what=what, until=lambda r: r is not None, on_retry=progress
        )
        return cast("T", result)

    def pages(
        self,
        service: str,
        operation: str,
        /,
        *,
        items: str,
        cursor: str = "nextToken",
        resource: str | None = None,
        **params: Any,
    ) -> Iterator[Any]:
        """Yield every item of a paginated call, page by page, lazily.

        Loops until the response has no next token (not until a page is empty:
        RAM may return an empty page with a token).
        """
        next_token: str | None = None
        while True:
            if next_token is not None:
                params[cursor] = next_token
            page = self.call(service, operation, resource=resource, **params)
            yield from page.get(items, ())
            next_token = page.get(cursor)
            if not next_token:
                return


def _operation_name(snake: str) -> str:
    return "".join(part.capitalize() for part in snake.split("_"))


def resolve_context(
    session: SessionLike | None,
    *,
    region: str | None = None,
    retry: RetryPolicy | None = None,
) -> Context:
    """Build a :class:`Context` from the user's optional session, region and retry policy.

    ``session`` may be a ``boto3.Session`` (one made by a ``SessionFactory`` uses the
    factory's clients), an :class:`~modelcard_share.aws.AccountClients`, or ``None`` for
    boto3's default session.

    Raises:
        ArgumentTypeError: ``session``, ``region`` or ``retry`` has the wrong type.
        ConfigurationError: No region, or a region botocore does not know.
    """
    if retry is not None and not isinstance(retry, RetryPolicy):
        raise ArgumentTypeError(f"retry must be a RetryPolicy, got {type(retry).__name__}")
    if region is not None and not isinstance(region, str):
        raise ArgumentTypeError(f"region must be a string, got {type(region).__name__}")
    clients = account_clients(session)
    return Context(
        clients, clients.resolve_region(region), retry if retry is not None else clients.retry
    )
