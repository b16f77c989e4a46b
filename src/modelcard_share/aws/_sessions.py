"""Per-account boto3 sessions with self-refreshing credentials, and cached clients.

Credentials come from ``_credentials`` (botocore's AssumeRole fetcher and refreshable
credentials). Secrets never appear in a repr, str or log line.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Literal, overload

import boto3
from botocore.config import Config
from botocore.credentials import CredentialResolver, Credentials
from botocore.exceptions import BotoCoreError, ClientError

from modelcard_share.aws._clients import AccountClients, config_key, register_session
from modelcard_share.aws._clone import shared_templates
from modelcard_share.aws._credentials import (
    FixedProvider,
    TimeFetcher,
    assume_role_credentials,
    expired_token_handler,
)
from modelcard_share.aws._errors import translate_botocore_error, translate_client_error
from modelcard_share.aws._models import new_botocore_session
from modelcard_share.aws._retry import RetryPolicy
from modelcard_share.aws._topology import Account, AccountTopology
from modelcard_share.aws._verify import AccountCheck, VerifyReport
from modelcard_share.errors import (
    ArgumentTypeError,
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

#: How many accounts :meth:`SessionFactory.verify` checks at once by default.
DEFAULT_VERIFY_WORKERS = 8


def _check_arguments(
    topology: object,
    base_session: object,
    retry: object,
    *,
    time_fetcher: object,
    endpoint_url: object,
    clone_clients: object,
) -> None:
    """Refuse arguments of the wrong type before anything is made from them."""
    checks = (
        ("topology", topology, AccountTopology, False, "an AccountTopology"),
        ("base_session", base_session, boto3.Session, True, "a boto3.Session"),
        ("retry", retry, RetryPolicy, True, "a RetryPolicy"),
        ("endpoint_url", endpoint_url, str, True, "a URL string"),
        ("clone_clients", clone_clients, bool, False, "True or False"),
    )
    for name, value, kind, optional, what in checks:
        if not (isinstance(value, kind) or (optional and value is None)):
            raise ArgumentTypeError(f"{name} must be {what}, got {type(value).__name__}")
    if time_fetcher is not None and not callable(time_fetcher):
        raise ArgumentTypeError(f"time_fetcher must be callable, got {type(time_fetcher).__name__}")


class SessionFactory:
    """Hand out boto3 sessions and cached clients for every account of a topology.

    Args:
        topology: The accounts.
        base_session: The session whose credentials call AssumeRole (and that an account
            with ``assume_role = false`` uses as is). Defaults to ``boto3.Session()``.
        retry: The retry policy every client is configured with.
        time_fetcher: Returns "now" (timezone-aware) for credential expiry checks;
            inject a fake clock in tests. Defaults to botocore's clock.
        endpoint_url: Send every call of this factory's accounts to this endpoint, e.g. a
            running ``modelcard-share sandbox serve``: AssumeRole, :meth:`client` clients,
            and every domain call given a session or :class:`AccountClients` of this
            factory. (Clients you make yourself with ``session(...).client(...)`` still
            use the AWS endpoints.) ``None`` uses AWS endpoints.
        clone_clients: Make each account's SageMaker, RAM, STS and Organizations
            clients by cloning one template client per (service, region, config) with
            the account's credentials: about 0.2 ms of CPU and 20 KiB per client
            instead of about 10 ms and 1 MB (see docs/performance.md). ``False`` makes a
            botocore session per account, botocore's public path, which is also used
            whenever the installed botocore cannot be cloned from (logged once).

    Each account's clients are owned by its :class:`AccountClients` (:meth:`clients`),
    cached per (region, service, retry policy, config) and safe to share across threads.
    Sessions from :meth:`session` are not thread-safe: get one per thread; domain calls
    given such a session use the account's shared clients.
    """

    def __init__(
        self,
        topology: AccountTopology,
        base_session: boto3.Session | None = None,
        retry: RetryPolicy | None = None,
        *,
        time_fetcher: TimeFetcher | None = None,
        endpoint_url: str | None = None,
        clone_clients: bool = True,
    ) -> None:
        _check_arguments(
            topology,
            base_session,
            retry,
            time_fetcher=time_fetcher,
            endpoint_url=endpoint_url,
            clone_clients=clone_clients,
        )
        self._topology = topology
        self._base = base_session if base_session is not None else boto3.Session()
        self._retry = retry if retry is not None else RetryPolicy()
        self._time_fetcher = time_fetcher
        self._endpoint_url = endpoint_url
        self._lock = threading.RLock()
        self._sts_lock = threading.Lock()
        self._source: Credentials | None = None
        self._credentials: dict[str, Credentials] = {}
        self._accounts: dict[str, AccountClients] = {}
        self._sts: dict[str, Any] = {}
        self._templates = shared_templates() if clone_clients else None
        self._handlers: list[tuple[str, Callable[..., Any]]] = []

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
        """Return the client creator AssumeRole uses: one STS client per region for all roles.

        botocore's fetcher passes the source credentials as static keys; the STS client
        made from the base session signs with the same (refreshing) credentials, so it can
        serve every account's AssumeRole without being made again.
        """

        def create(service_name: str, **_source_keys: Any) -> Any:
            with self._lock, self._sts_lock:  # always _lock before _sts_lock
                client = self._sts.get(account.region)
                if client is None:
                    client = self._base.client(
                        service_name,  # type: ignore[call-overload]
                        region_name=account.region,
                        config=self._retry.botocore_config(),
                        endpoint_url=self._endpoint_url,
                    )
                    self._retry.apply(client)
                    for event_name, handler in self._handlers:
                        client.meta.events.register(event_name, handler)
                    self._sts[account.region] = client
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
        session = self._new_session(acct)
        register_session(session, self.clients(acct))
        return session

    def _new_session(self, acct: Account) -> boto3.Session:
        creds = self.credentials(acct)
        core = new_botocore_session()  # service models are parsed once per process
        core.register_component("credential_provider", CredentialResolver([FixedProvider(creds)]))
        core.set_default_client_config(self._retry.botocore_config())
        core.register("needs-retry", expired_token_handler(acct, creds))
        return boto3.Session(botocore_session=core, region_name=acct.region)

    def clients(self, account: str | Account) -> AccountClients:
        """Return the account's :class:`AccountClients`: the one owner of its clients.

        Pass it (or a session from :meth:`session`) as ``session=`` to domain calls; they
        then use this factory's endpoint, retry policy and cached clients.

        Raises:
            TopologyError: The account is not in the topology.
        """
        acct = self._topology.resolve(account)
        found = self._accounts.get(acct.name)
        if found is not None:
            return found
        with self._lock:
            found = self._accounts.get(acct.name)
            if found is None:
                found = AccountClients(
                    self._client_maker(acct),
                    region=acct.region,
                    retry=self._retry,
                    account_id=acct.account_id,
                    label=acct.name,
                    session=lambda: self._registered_session(acct),
                    topology=self._topology,
                    peers=self.clients,
                )
                for event_name, handler in self._handlers:
                    found.register(event_name, handler)
                self._accounts[acct.name] = found
            return found

    def register(self, event_name: str, handler: Callable[..., Any]) -> None:
        """Register a botocore event handler on every client of the factory, now and later.

        That is every account's clients (see :meth:`AccountClients.register`) and the STS
        clients that call AssumeRole for them; for example
        ``factory.register("before-call.*.*", count)`` sees every API call the factory's
        accounts make. Sessions from :meth:`session` are not included: register on them.

        Raises:
            ArgumentTypeError: ``event_name`` is not a string or ``handler`` not callable.
        """
        given: object = event_name
        if not isinstance(given, str) or not callable(handler):
            raise ArgumentTypeError(
                "register takes an event name string and a callable, got "
                f"{type(event_name).__name__} and {type(handler).__name__}"
            )
        # Clients made after the append get the handler from the list; the ones taken
        # here were made before it. Registering happens outside the factory's lock, which
        # an account's lock may be waiting for (lock order: account, then factory).
        with self._lock, self._sts_lock:
            self._handlers.append((event_name, handler))
            accounts = list(self._accounts.values())
            sts = list(self._sts.values())
        for clients in accounts:
            clients.register(event_name, handler)
        for client in sts:
            client.meta.events.register(event_name, handler)

    def _registered_session(self, acct: Account) -> boto3.Session:
        session = self._new_session(acct)
        register_session(session, self._accounts[acct.name])
        return session

    def _client_maker(self, acct: Account) -> Callable[[str, str, Config], Any]:
        holder: list[boto3.Session] = []

        def make(service: str, region: str, config: Config) -> Any:
            if self._templates is not None:
                creds = self.credentials(acct)
                client = self._templates.clone(
                    service,
                    region,
                    config,
                    creds,
                    key=config_key(config),
                    endpoint_url=self._endpoint_url,
                )
                if client is not None:
                    client.meta.events.register("needs-retry", expired_token_handler(acct, creds))
                    return client
            if not holder:
                holder.append(self._new_session(acct))
            return holder[0].client(
                service,  # type: ignore[call-overload]
                region_name=region,
                config=config,
                endpoint_url=self._endpoint_url,
            )

        return make

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
            ConfigurationError: ``region`` is not a known region.
        """
        return self.clients(account).client(service, region=region, config=config)

    def close(self) -> None:
        """Close every cached client and forget them (new ones are made on demand)."""
        with self._lock:
            accounts = list(self._accounts.values())
        for clients in accounts:
            clients.close()

    # ---------------------------------------------------------------- verify

    def verify(
        self,
        accounts: Iterable[str | Account] | None = None,
        *,
        max_workers: int = DEFAULT_VERIFY_WORKERS,
    ) -> VerifyReport:
        """Get credentials for each account and check GetCallerIdentity lands in it.

        Accounts are checked concurrently, by up to ``max_workers`` threads (each account
        costs an AssumeRole and a GetCallerIdentity, both waiting on the network).

        Args:
            accounts: The accounts to check; all of the topology by default.
            max_workers: The most accounts checked at once; 1 checks them one by one.
                The default stays within botocore's 10 pooled connections per client
                (the AssumeRole client is shared by every account of a region).

        Returns:
            One check per account, in the order given (topology order by default);
            nothing is raised for a failing account (see
            :meth:`VerifyReport.raise_for_errors`).

        Raises:
            ArgumentTypeError: ``max_workers`` is not an integer of at least 1.
            TopologyError: An account is not in the topology.
        """
        if type(max_workers) is not int or max_workers < 1:
            raise ArgumentTypeError(f"max_workers must be an int >= 1, got {max_workers!r}")
        chosen = self._topology if accounts is None else accounts
        targets = [self._topology.resolve(a) for a in chosen]
        workers = min(max_workers, len(targets))
        if workers <= 1:
            return VerifyReport(checks=tuple(self._check(acct) for acct in targets))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="verify") as pool:
            return VerifyReport(checks=tuple(pool.map(self._check, targets)))

    def _check(self, acct: Account) -> AccountCheck:
        """Check one account's credentials; never raises for an AWS or credentials failure."""
        error: ModelCardShareError | None = None
        arn: str | None = None
        try:
            identity = self.client(acct, "sts").get_caller_identity()
        except ModelCardShareError as err:
            error = err
        except ClientError as err:
            error = translate_client_error(err, account_id=acct.account_id)
            error.__cause__ = err
        except BotoCoreError as err:
            error = translate_botocore_error(err, operation="GetCallerIdentity")
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
        return AccountCheck(
            account=acct.name, account_id=acct.account_id, caller_arn=arn, error=error
        )
