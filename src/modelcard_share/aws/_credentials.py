"""Refreshing AssumeRole credentials on botocore's own machinery, and the expired-token retry.

An ``AssumeRoleCredentialFetcher`` wrapped in ``DeferredRefreshableCredentials``
refreshes the credentials 15 minutes before they expire (mandatory at 10), under a lock.
The AssumeRole parameters (RoleSessionName, SourceIdentity, ExternalId, tags) are fixed
per account, so every refresh looks the same in CloudTrail. Nothing here logs or
represents a secret: only account names, ids, role ARNs and expiry times.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from typing import Any

from botocore.credentials import (
    AssumeRoleCredentialFetcher,
    CredentialProvider,
    Credentials,
    DeferredRefreshableCredentials,
)
from botocore.exceptions import ClientError, NoCredentialsError

from modelcard_share.aws._errors import EXPIRED_TOKEN_CODES, translate_sts_error
from modelcard_share.aws._topology import Account
from modelcard_share.errors import NoSourceCredentialsError, RoleChainingDurationError

logger = logging.getLogger("modelcard_share.aws.sessions")

METHOD = "modelcard-share-assume-role"
ROLE_CHAINING_MAX_SECONDS = 3600
# Credential sources whose credentials are themselves a role session.
ROLE_SESSION_METHODS = frozenset(
    {"assume-role", "assume-role-with-web-identity", "sso", "login", METHOD}
)
_REFRESHED_FLAG = "modelcard_share_refreshed_expired_token"

TimeFetcher = Callable[[], datetime.datetime]


class RefreshingCredentials(DeferredRefreshableCredentials):
    """Deferred refreshable credentials that can also be refreshed on demand."""

    def __init__(self, fetch: Callable[[], Any], time_fetcher: TimeFetcher | None) -> None:
        self._fetch = fetch
        self._force = False
        if time_fetcher is None:
            super().__init__(refresh_using=self._refresh_now, method=METHOD)
        else:
            super().__init__(
                refresh_using=self._refresh_now, method=METHOD, time_fetcher=time_fetcher
            )

    def _refresh_now(self) -> Any:
        data = self._fetch()
        self._force = False
        return data

    def refresh_needed(self, refresh_in: int | None = None) -> bool:
        """Return whether a refresh is due (always, after :meth:`force_refresh`)."""
        return self._force or super().refresh_needed(refresh_in)

    def force_refresh(self) -> None:
        """Fetch new credentials now, whatever the expiry time says."""
        self._force = True
        self.get_frozen_credentials()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} method={self.method!r}>"


class FixedProvider(CredentialProvider):
    """A botocore credential provider that hands out one prepared credentials object."""

    METHOD = METHOD
    CANONICAL_NAME = "ModelCardShare"

    def __init__(self, credentials: Credentials) -> None:
        super().__init__()
        self._credentials = credentials

    def load(self) -> Credentials:
        """Return the prepared credentials."""
        return self._credentials


def assume_role_credentials(
    account: Account,
    source: Credentials,
    client_creator: Callable[..., Any],
    time_fetcher: TimeFetcher | None,
) -> RefreshingCredentials:
    """Return credentials for the account's role that refresh themselves before expiry.

    Nothing is called yet: the first AssumeRole happens on first use.

    Raises:
        RoleChainingDurationError: ``source`` is a role session and the account asks for
            more than 3600 seconds.
    """
    assert account.role_arn is not None  # noqa: S101 - callers check assume_role
    role_arn = account.role_arn
    method = getattr(source, "method", None)
    if method in ROLE_SESSION_METHODS and account.duration_seconds > ROLE_CHAINING_MAX_SECONDS:
        raise RoleChainingDurationError(
            f"duration_seconds={account.duration_seconds} but the base credentials are a "
            f"role session ({method}), so STS allows at most {ROLE_CHAINING_MAX_SECONDS}",
            account=account.name,
            account_id=account.account_id,
            role_arn=role_arn,
        )
    cache: dict[str, Any] = {}
    fetcher = AssumeRoleCredentialFetcher(
        client_creator=client_creator,
        source_credentials=source,
        role_arn=role_arn,
        extra_args=account.assume_role_args(),
        cache=cache,
    )

    def fetch() -> Any:
        cache.clear()  # the refreshable credentials decide when to refresh, not a cache
        try:
            data = fetcher.fetch_credentials()
        except ClientError as err:
            raise translate_sts_error(err, account) from err
        except NoCredentialsError as err:
            raise NoSourceCredentialsError(
                "no credentials to call AssumeRole with",
                account=account.name,
                account_id=account.account_id,
                role_arn=role_arn,
            ) from err
        logger.info(
            "assumed %s for account %s (%s) as session %s; valid until %s",
            role_arn,
            account.name,
            account.account_id,
            account.role_session_name,
            data.get("expiry_time"),
        )
        return data

    return RefreshingCredentials(fetch, time_fetcher)


def expired_token_handler(account: Account, creds: Credentials) -> Callable[..., Any]:
    """Return a ``needs-retry`` handler: on an expired token, refresh and retry once.

    Only credentials this module made can be refreshed on demand; for an account that
    uses the base session's own credentials the handler does nothing.

    Registered on the generic ``needs-retry`` event, it runs after botocore's own retry
    handler (which does not retry these codes). It marks the request so a second
    expired-token error on the same call is not retried again.
    """

    def on_needs_retry(response: Any = None, request_dict: Any = None, **kwargs: Any) -> int | None:
        if response is None or request_dict is None or not isinstance(creds, RefreshingCredentials):
            return None
        code = (response[1].get("Error") or {}).get("Code")
        context = request_dict.setdefault("context", {})
        if code not in EXPIRED_TOKEN_CODES or context.get(_REFRESHED_FLAG):
            return None
        context[_REFRESHED_FLAG] = True
        logger.warning(
            "%s in account %s (%s) failed with %s; refreshing credentials and retrying once",
            getattr(kwargs.get("operation"), "name", "a call"),
            account.name,
            account.account_id,
            code,
        )
        creds.force_refresh()
        return 0

    return on_needs_retry
