"""How domain objects talk to AWS: cached clients, error translation, pagination.

A :class:`Context` binds a boto3 session, a region and a retry policy. Clients
are cached per (session, region, service) for the life of the session, because
boto3 client creation is slow and the retry quota and adaptive rate state live
on the client object. Every call goes through :meth:`Context.call`, the one
place where a botocore ``ClientError`` becomes a typed error.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable, Hashable, Iterator
from typing import Any, TypeVar, cast

import boto3
from attrs import define, field
from botocore.exceptions import ClientError

from modelcard_share.aws import RetryPolicy, translate_client_error
from modelcard_share.errors import ConfigurationError

__all__ = ["Context", "resolve_context"]

T = TypeVar("T")

_log = logging.getLogger("modelcard_share")

# Re-entrant: a memoised factory may itself need a cached client. Factories run under
# the lock because boto3 sessions are not thread-safe when creating clients.
_CACHE_LOCK = threading.RLock()
#: Per boto3 session: cached clients and memoised lookups (permission ARNs, account id).
_PER_SESSION: weakref.WeakKeyDictionary[boto3.Session, dict[Hashable, Any]] = (
    weakref.WeakKeyDictionary()
)


@define(eq=False)
class Context:
    """A session, a region and a retry policy, and the clients made from them."""

    session: boto3.Session
    region: str
    retry: RetryPolicy = field(factory=RetryPolicy)
    _account_id: str | None = field(default=None, alias="account_id")

    def client(self, service: str) -> Any:
        """Return the cached client for ``service`` in this context's region."""
        # Keyed by the policy's value (equal policies share a client) and its sleep hook,
        # which the client's instant-retry handler calls; the key keeps both alive.
        key = ("client", service, self.region, self.retry, self.retry.sleep)
        return self.memo(key, lambda: self._make(service))

    def _make(self, service: str) -> Any:
        client = self.session.client(
            service,  # type: ignore[call-overload]
            region_name=self.region,
            config=self.retry.botocore_config(),
        )
        self.retry.apply(client)  # instant policies: botocore retries without real backoff
        return client

    def memo(self, key: Hashable, factory: Callable[[], T]) -> T:
        """Return the value cached for ``key`` on this session, computing it once."""
        with _CACHE_LOCK:
            store = _PER_SESSION.setdefault(self.session, {})
            if key not in store:
                store[key] = factory()
            return cast("T", store[key])

    def forget(self, key: Hashable) -> None:
        """Drop a memoised value (for example a permission ARN that turned out stale)."""
        with _CACHE_LOCK:
            _PER_SESSION.get(self.session, {}).pop(key, None)

    def in_region(self, region: str) -> Context:
        """Return this context moved to another region (cards and shares are regional)."""
        if region == self.region:
            return self
        return Context(self.session, region, self.retry, account_id=self._account_id)

    @property
    def account_id(self) -> str:
        """The account id of the caller (one STS GetCallerIdentity call, then cached)."""
        if self._account_id is None:
            self._account_id = self.memo(
                "account_id", lambda: str(self.call("sts", "get_caller_identity")["Account"])
            )
        return self._account_id

    @property
    def partition(self) -> str:
        """The AWS partition of this context's region."""
        return self.session.get_partition_for_region(self.region)

    def call(
        self, service: str, operation: str, /, *, resource: str | None = None, **params: Any
    ) -> Any:
        """Call ``operation`` on ``service``, translating a ClientError into a typed error."""
        method: Callable[..., Any] = getattr(self.client(service), operation)
        try:
            return method(**params)
        except ClientError as err:
            raise translate_client_error(
                err, resource=resource, account_id=self._account_id
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

    def wait_for(self, check: Callable[[], T | None], *, what: str, timeout: float) -> T:
        """Call ``check`` until it returns something other than ``None``; return that.

        Waiting is the retry policy's eventual-consistency layer with a budget of
        ``timeout`` seconds: backoff with jitter, a log line per retry, virtual time
        under instant policies, and eventual-consistency errors raised by ``check``
        retried too.

        Raises:
            WaitTimeoutError: ``check`` still returned ``None`` when the budget ran out.
        """
        policy = self.retry.with_changes(eventual_budget_seconds=timeout)
        return cast("T", policy.eventually(check, what=what, until=lambda r: r is not None))

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


def resolve_context(
    session: boto3.Session | None,
    *,
    region: str | None = None,
    retry: RetryPolicy | None = None,
) -> Context:
    """Build a :class:`Context` from the user's optional session, region and retry policy."""
    session = session if session is not None else boto3.Session()
    region = region or session.region_name
    if not region:
        raise ConfigurationError(
            "no AWS region: pass region=..., or use a boto3.Session with region_name set"
        )
    return Context(session, region, retry if retry is not None else RetryPolicy())
