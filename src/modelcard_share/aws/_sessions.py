"""Per-account boto3 sessions with self-refreshing credentials, and cached clients.

Credentials come from ``_credentials`` (botocore's AssumeRole fetcher and refreshable
credentials). Secrets never appear in a repr, str or log line.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal, overload

import boto3
from botocore.config import Config
from botocore.credentials import CredentialResolver, Credentials
from botocore.exceptions import ClientError

from modelcard_share.aws._credentials import (
    FixedProvider,
    TimeFetcher,
    assume_role_credentials,
    expired_token_handler,
)
from modelcard_share.aws._errors import translate_client_error
from modelcard_share.aws._models import new_botocore_session
from modelcard_share.aws._retry import RetryPolicy
from modelcard_share.aws._topology import Account, AccountTopology
from modelcard_share.aws._validate import REGION_PATTERN
from modelcard_share.aws._verify import AccountCheck, VerifyReport
from modelcard_share.errors import (
    ConfigurationError,
    CredentialsError,
    ModelCardShareError,
    NoSourceCredentialsError,
)

if TYPE_CHECKING:
    from mypy_boto3_organizations import OrganizationsClient
    from mypy_boto3_ram import RAMClient
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_sagemaker import SageMakerClient
    from mypy_boto3_sts import STSClient

__all__ = ["SessionFactory"]

logger = logging.getLogger("modelcard_share.aws.sessions")


def _config_key(config: Config | None) -> tuple[tuple[str, str], ...]:
    if config is None:
        return ()
    return tuple((name, repr(getattr(config, name, None))) for name in Config.OPTION_DEFAULTS)


class SessionFactory:
    """Hand out boto3 sessions and cached clients for every account of a topology.

    Args:
        topology: The accounts.
        base_session: The session whose credentials call AssumeRole (and that an account
            with ``assume_role = false`` uses as is). Defaults to ``boto3.Session()``.
        retry: The retry policy every client is configured with.
        time_fetcher: Returns "now" (timezone-aware) for credential expiry checks;
            inject a fake clock in tests. Defaults to botocore's clock.
        endpoint_url: Send the calls of :meth:`client` clients and AssumeRole to this
            endpoint, e.g. a local moto server (clients you make yourself from
            :meth:`session` still use the AWS endpoints). ``None`` uses AWS endpoints.

    Sessions are cheap and not thread-safe: get one per thread. Clients from
    :meth:`client` are cached per (account, region, service, config) and safe to share
    across threads.
    """

    def __init__(
        self,
        topology: AccountTopology,
        base_session: boto3.Session | None = None,
        retry: RetryPolicy | None = None,
        *,
        time_fetcher: TimeFetcher | None = None,
        endpoint_url: str | None = None,
    ) -> None:
        self._topology = topology
        self._base = base_session if base_session is not None else boto3.Session()
        self._retry = retry if retry is not None else RetryPolicy()
        self._time_fetcher = time_fetcher
        self._endpoint_url = endpoint_url
        self._lock = threading.RLock()
        self._sts_lock = threading.Lock()
        self._source: Credentials | None = None
        self._credentials: dict[str, Credentials] = {}
        self._sessions: dict[str, boto3.Session] = {}
        self._clients: dict[tuple[Any, ...], Any] = {}

    @property
    def topology(self) -> AccountTopology:
        """The accounts this factory serves."""
        return self._topology

    @property
    def retry(self) -> RetryPolicy:
        """The retry policy every client is configured with."""
        return self._retry

    def __repr__(self) -> str:
        return f"SessionFactory(accounts={list(self._topology.names)!r}, retry={self._retry!r})"

    # ---------------------------------------------------------------- credentials

    def _source_credentials(self, account: Account) -> Credentials:
        with self._lock:
            if self._source is None:
                self._source = self._base.get_credentials()
            if self._source is None:
                raise NoSourceCredentialsError(
                    "the base session has no credentials",
                    account=account.name,
                    account_id=account.account_id,
                    role_arn=account.role_arn,
                )
            return self._source

    def _sts_client_creator(self, account: Account) -> Callable[..., Any]:
        def create(service_name: str, **kwargs: Any) -> Any:
            with self._sts_lock:
                client = self._base.client(
                    service_name,  # type: ignore[call-overload]
                    region_name=account.region,
                    config=self._retry.botocore_config(),
                    endpoint_url=self._endpoint_url,
                    **kwargs,
                )
            self._retry.apply(client)
            return client

        return create

    def credentials(self, account: str | Account) -> Credentials:
        """Return the account's botocore credentials (refreshable, shared by its sessions).

        Raises:
            NoSourceCredentialsError: The base session has no credentials.
            RoleChainingDurationError: The base credentials are a role session and the
                account asks for more than 3600 seconds.
            TopologyError: The account is not in the topology.
        """
        acct = self._topology.resolve(account)
        with self._lock:
            if acct.name not in self._credentials:
                source = self._source_credentials(acct)
                self._credentials[acct.name] = (
                    assume_role_credentials(
                        acct, source, self._sts_client_creator(acct), self._time_fetcher
                    )
                    if acct.assume_role
                    else source
                )
            return self._credentials[acct.name]

    # ---------------------------------------------------------------- sessions

    def session(self, account: str | Account) -> boto3.Session:
        """Return a new boto3 session for the account, in the account's region.

        Its credentials come from AssumeRole on the account's role and refresh
        themselves; all sessions of one account share them. An account with
        ``assume_role = false`` gets the base session's credentials. Clients made from
        the session use the factory's retry policy and refresh credentials once on an
        expired-token error.

        Raises:
            NoSourceCredentialsError: The base session has no credentials.
            RoleChainingDurationError: Chaining roles with more than 3600 seconds.
            TopologyError: The account is not in the topology.
        """
        acct = self._topology.resolve(account)
        creds = self.credentials(acct)
        core = new_botocore_session()  # service models are parsed once per process
        core.register_component("credential_provider", CredentialResolver([FixedProvider(creds)]))
        core.set_default_client_config(self._retry.botocore_config())
        core.register("needs-retry", expired_token_handler(acct, creds))
        return boto3.Session(botocore_session=core, region_name=acct.region)

    # ---------------------------------------------------------------- clients

    @overload
    def client(
        self,
        account: str | Account,
        service: Literal["sagemaker"],
        *,
        region: str | None = ...,
        config: Config | None = ...,
    ) -> SageMakerClient: ...
    @overload
    def client(
        self,
        account: str | Account,
        service: Literal["ram"],
        *,
        region: str | None = ...,
        config: Config | None = ...,
    ) -> RAMClient: ...
    @overload
    def client(
        self,
        account: str | Account,
        service: Literal["sts"],
        *,
        region: str | None = ...,
        config: Config | None = ...,
    ) -> STSClient: ...
    @overload
    def client(
        self,
        account: str | Account,
        service: Literal["s3"],
        *,
        region: str | None = ...,
        config: Config | None = ...,
    ) -> S3Client: ...
    @overload
    def client(
        self,
        account: str | Account,
        service: Literal["organizations"],
        *,
        region: str | None = ...,
        config: Config | None = ...,
    ) -> OrganizationsClient: ...
    @overload
    def client(
        self,
        account: str | Account,
        service: str,
        *,
        region: str | None = ...,
        config: Config | None = ...,
    ) -> Any: ...
    def client(
        self,
        account: str | Account,
        service: str,
        *,
        region: str | None = None,
        config: Config | None = None,
    ) -> Any:
        """Return the cached client for a service in an account (thread-safe).

        Args:
            account: The account's name, its 12-digit id, or the :class:`Account`.
            service: The boto3 service name, such as ``"sagemaker"`` or ``"ram"``.
            region: The region; defaults to the account's.
            config: Extra botocore ``Config``, merged over the retry policy's.

        Raises:
            NoSourceCredentialsError: The base session has no credentials.
            RoleChainingDurationError: Chaining roles with more than 3600 seconds.
            TopologyError: The account is not in the topology.
            ConfigurationError: ``region`` is not a region name.
        """
        acct = self._topology.resolve(account)
        region_name = region or acct.region
        if REGION_PATTERN.fullmatch(region_name) is None:
            raise ConfigurationError(f"{region_name!r} is not an AWS region name")
        key = (acct.name, region_name, service, _config_key(config))
        client = self._clients.get(key)
        if client is not None:
            return client
        with self._lock:
            client = self._clients.get(key)
            if client is None:
                session = self._sessions.get(acct.name)
                if session is None:
                    session = self._sessions[acct.name] = self.session(acct)
                merged = self._retry.botocore_config()
                if config is not None:
                    merged = merged.merge(config)
                client = session.client(
                    service,  # type: ignore[call-overload]
                    region_name=region_name,
                    config=merged,
                    endpoint_url=self._endpoint_url,
                )
                self._retry.apply(client)
                self._clients[key] = client
            return client

    def close(self) -> None:
        """Close every cached client and forget them (new ones are made on demand)."""
        with self._lock:
            clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            client.close()

    # ---------------------------------------------------------------- verify

    def verify(self, accounts: Iterable[str | Account] | None = None) -> VerifyReport:
        """Get credentials for each account and check GetCallerIdentity lands in it.

        Args:
            accounts: The accounts to check; all of the topology by default.

        Returns:
            One check per account; nothing is raised for a failing account (see
            :meth:`VerifyReport.raise_for_errors`).
        """
        chosen = self._topology if accounts is None else accounts
        targets = [self._topology.resolve(a) for a in chosen]
        checks: list[AccountCheck] = []
        for acct in targets:
            error: ModelCardShareError | None = None
            arn: str | None = None
            try:
                identity = self.client(acct, "sts").get_caller_identity()
            except ModelCardShareError as err:
                error = err
            except ClientError as err:
                error = translate_client_error(err, account_id=acct.account_id)
                error.__cause__ = err
            else:
                arn = identity["Arn"]
                if identity["Account"] != acct.account_id:
                    error = CredentialsError(
                        f"credentials land in account {identity['Account']} ({arn}), "
                        f"not in the configured {acct.account_id}",
                        account=acct.name,
                        account_id=acct.account_id,
                        role_arn=acct.role_arn,
                    )
            if error is None:
                logger.info("verified account %s (%s) as %s", acct.name, acct.account_id, arn)
            else:
                logger.warning("account %s (%s) failed: %s", acct.name, acct.account_id, error)
            checks.append(
                AccountCheck(
                    account=acct.name, account_id=acct.account_id, caller_arn=arn, error=error
                )
            )
        return VerifyReport(checks=tuple(checks))
