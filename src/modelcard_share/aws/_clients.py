"""The one owner of AWS clients: :class:`AccountClients`, one per account identity.

Every client the SDK uses is made and cached here, whether the account comes from a
:class:`~modelcard_share.aws.SessionFactory` (its endpoint, retry policy and refreshing
credentials apply) or from a plain ``boto3.Session``. Clients are cached per (service,
region, retry policy, extra config) for the life of the object, because making a client
is slow and botocore keeps the retry quota and adaptive rate state on the client.

Domain objects never call ``session.client`` themselves: they ask :func:`account_clients`
for the :class:`AccountClients` of what the user passed (a session made by a factory is
recognised as the factory's account).
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from modelcard_share import _ids
from modelcard_share.aws._errors import translate_botocore_error, translate_client_error
from modelcard_share.aws._models import new_botocore_session
from modelcard_share.aws._retry import RetryPolicy
from modelcard_share.errors import ArgumentTypeError, ConfigurationError

if TYPE_CHECKING:
    from typing import TypeAlias

    from modelcard_share.aws._topology import AccountTopology

__all__ = ["AccountClients", "ClientMaker", "SessionLike", "account_clients", "config_key"]

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: Makes one client: ``(service, region, config) -> client``; called under the owner's lock.
ClientMaker = Callable[[str, str, Config], Any]

#: What the domain's ``session=`` arguments accept.
SessionLike: TypeAlias = "boto3.Session | AccountClients"


def config_key(config: Config | None) -> tuple[tuple[str, str], ...]:
    """Return a hashable key for a botocore ``Config`` (its options, by value)."""
    if config is None:
        return ()
    return tuple((name, repr(getattr(config, name, None))) for name in Config.OPTION_DEFAULTS)


class AccountClients:
    """The cached clients of one account, and what is known about the account.

    Get one from :meth:`SessionFactory.clients` or :meth:`from_session`; domain calls such
    as ``ModelCard.load(arn, session=...)`` accept it wherever they accept a
    ``boto3.Session``. Thread-safe: clients are made under a lock and shared.

    Args:
        maker: Makes a client for ``(service, region, config)``.
        region: The account's default region.
        retry: The default retry policy of the clients.
        account_id: The 12-digit account id, when known (otherwise STS is asked once).
        label: A name for messages and logs (the topology name, for factory accounts).
        session: A boto3 session for the same credentials, or a callable making one.
        topology: The account topology the account belongs to (factory accounts), so that
            domain calls can resolve account names.
        peers: Returns the clients of another account of the same topology, by name
            (factory accounts).
    """

    def __init__(
        self,
        maker: ClientMaker,
        *,
        region: str | None,
        retry: RetryPolicy | None = None,
        account_id: str | None = None,
        label: str | None = None,
        session: boto3.Session | Callable[[], boto3.Session] | None = None,
        topology: AccountTopology | None = None,
        peers: Callable[[str], AccountClients] | None = None,
    ) -> None:
        if account_id is not None and not _ids.is_account_id(account_id):
            raise ConfigurationError(f"account_id must be 12 digits, got {account_id!r}")
        self._maker = maker
        self._region = region
        self._retry = retry if retry is not None else RetryPolicy()
        self._account_id = account_id
        self._label = label
        self._session = session
        self._topology = topology
        self._peers = peers
        self._lock = threading.RLock()
        self._clients: dict[Hashable, Any] = {}
        self._memo: dict[Hashable, Any] = {}
        self._handlers: list[tuple[str, Callable[..., Any]]] = []

    @classmethod
    def from_session(cls, session: boto3.Session) -> AccountClients:
        """Return the clients of a boto3 session (the same object for the same session).

        Raises:
            ArgumentTypeError: ``session`` is not a ``boto3.Session``.
        """
        return account_clients(session)

    # ----------------------------------------------------------------- facts

    @property
    def region(self) -> str | None:
        """The default region of the account's clients."""
        return self._region

    def resolve_region(self, region: str | None = None) -> str:
        """Return ``region``, or the account's default region, checked against botocore.

        Raises:
            ConfigurationError: No region, or a region botocore does not know.
        """
        name = region or self._region
        if not name:
            raise ConfigurationError(
                "no AWS region: pass region=..., or use a session with region_name set"
            )
        if _ids.partition_of_region(name) is None:
            raise ConfigurationError(f"region {name!r} is not an AWS region known to botocore")
        return name

    @property
    def retry(self) -> RetryPolicy:
        """The default retry policy of the account's clients."""
        return self._retry

    @property
    def label(self) -> str | None:
        """The account's name in messages, if it has one."""
        return self._label

    @property
    def topology(self) -> AccountTopology | None:
        """The topology of the factory that made this object, if any."""
        return self._topology

    def peer(self, account: str) -> AccountClients:
        """Return the clients of another account of this account's topology, by name or id.

        Raises:
            ConfigurationError: This account does not come from a ``SessionFactory``.
            TopologyError: The topology has no such account.
        """
        if self._peers is None:
            raise ConfigurationError(
                f"account {account!r} can be named only with clients from a SessionFactory; "
                "pass session= for the other account instead"
            )
        return self._peers(account)

    @property
    def known_account_id(self) -> str | None:
        """The account id if it is known without a call, else ``None``."""
        return self._account_id

    @property
    def account_id(self) -> str:
        """The 12-digit account id (one STS GetCallerIdentity the first time, if unknown)."""
        if self._account_id is None:
            region = self._region or "us-east-1"
            sts = self.client("sts", region=region)
            try:
                identity = sts.get_caller_identity()
            except ClientError as err:
                raise translate_client_error(err) from err
            except BotoCoreError as err:
                raise translate_botocore_error(err, operation="GetCallerIdentity") from err
            self.learn_account_id(str(identity["Account"]))
        assert self._account_id is not None  # noqa: S101 - set just above
        return self._account_id

    def learn_account_id(self, account_id: str) -> None:
        """Record the account id read from a response (for example a created resource's ARN)."""
        if _ids.is_account_id(account_id) and self._account_id is None:
            with self._lock:
                if self._account_id is None:
                    self._account_id = account_id

    @property
    def session(self) -> boto3.Session:
        """A boto3 session with the same credentials (made on first use for factory accounts)."""
        with self._lock:
            if callable(self._session) and not isinstance(self._session, boto3.Session):
                self._session = self._session()
            if self._session is None:
                raise ConfigurationError(f"{self!r} has no boto3 session")
            return self._session

    def __repr__(self) -> str:
        who = self._label or self._account_id or "unknown account"
        return f"AccountClients({who}, region={self._region!r})"

    # ----------------------------------------------------------------- clients

    def client(
        self,
        service: str,
        *,
        region: str | None = None,
        retry: RetryPolicy | None = None,
        config: Config | None = None,
    ) -> Any:
        """Return the cached client of ``service`` in ``region`` (thread-safe).

        Args:
            service: The boto3 service name, such as ``"sagemaker"`` or ``"ram"``.
            region: The region; the account's default when omitted.
            retry: The retry policy (its botocore config and test hooks); the default
                policy when omitted.
            config: Extra botocore ``Config``, merged over the retry policy's.

        Raises:
            ConfigurationError: No region, or a region botocore does not know.
        """
        region_name = self.resolve_region(region)
        policy = retry if retry is not None else self._retry
        # The sleep hook is not part of the policy's equality but the client calls it.
        key = (service, region_name, policy, policy.sleep, config_key(config))
        client = self._clients.get(key)
        if client is not None:
            return client
        with self._lock:
            client = self._clients.get(key)
            if client is None:
                merged = policy.botocore_config()
                if config is not None:
                    merged = merged.merge(config)
                client = self._maker(service, region_name, merged)
                policy.apply(client)
                for event_name, handler in self._handlers:
                    client.meta.events.register(event_name, handler)
                self._clients[key] = client
            return client

    def register(self, event_name: str, handler: Callable[..., Any]) -> None:
        """Register a botocore event handler on every client of the account, now and later.

        For example ``clients.register("before-call.*.*", count)`` sees every API call
        the SDK makes for this account (once per operation, before retries).
        """
        with self._lock:
            self._handlers.append((event_name, handler))
            for client in self._clients.values():
                client.meta.events.register(event_name, handler)

    def memo(self, key: Hashable, factory: Callable[[], T]) -> T:
        """Return the value remembered for ``key`` on this account, computing it once."""
        with self._lock:
            if key not in self._memo:
                self._memo[key] = factory()
            return cast("T", self._memo[key])

    def forget(self, key: Hashable) -> None:
        """Drop a remembered value (for example a permission ARN that turned out stale)."""
        with self._lock:
            self._memo.pop(key, None)

    def close(self) -> None:
        """Close every cached client (new ones are made on demand)."""
        with self._lock:
            clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            client.close()


# ------------------------------------------------------------------ resolution

_LOCK = threading.Lock()
#: boto3 session -> its AccountClients (sessions made by a SessionFactory are registered).
_BY_SESSION: weakref.WeakKeyDictionary[boto3.Session, AccountClients] = weakref.WeakKeyDictionary()


def register_session(session: boto3.Session, clients: AccountClients) -> None:
    """Make ``account_clients(session)`` return ``clients`` (used by SessionFactory)."""
    with _LOCK:
        _BY_SESSION[session] = clients


def _session_maker(session: boto3.Session) -> ClientMaker:
    lock = threading.Lock()  # boto3 sessions are not thread-safe when making clients

    def make(service: str, region: str, config: Config) -> Any:
        with lock:
            return session.client(
                service,  # type: ignore[call-overload]
                region_name=region,
                config=config,
            )

    return make


def account_clients(session: SessionLike | None) -> AccountClients:
    """Return the :class:`AccountClients` for what a caller passed as ``session``.

    An :class:`AccountClients` is returned as is; a session made by a ``SessionFactory``
    gives that factory's account; any other ``boto3.Session`` gets its own cached
    clients; ``None`` means a new default ``boto3.Session`` (with this SDK's shared
    service models).

    Raises:
        ArgumentTypeError: ``session`` is none of these.
    """
    if isinstance(session, AccountClients):
        return session
    if session is None:
        session = boto3.Session(botocore_session=new_botocore_session())
    if not isinstance(session, boto3.Session):
        raise ArgumentTypeError(
            f"session must be a boto3.Session or AccountClients, got {type(session).__name__}"
        )
    with _LOCK:
        found = _BY_SESSION.get(session)
        if found is None:
            found = AccountClients(
                _session_maker(session),
                region=session.region_name,
                session=session,
            )
            _BY_SESSION[session] = found
    return found
