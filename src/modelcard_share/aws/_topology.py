"""The accounts a model card travels through: typed, frozen and validated at load time."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

from attrs import Attribute, Factory, define, field

from modelcard_share.aws import _validate as v
from modelcard_share.aws._access import Access
from modelcard_share.aws._config import load_toml, parse_topology
from modelcard_share.errors import TopologyError

__all__ = ["Account", "AccountTopology"]

SESSION_NAME_PREFIX = "modelcard-share-"


def _to_access(value: Access | str) -> Access:
    if isinstance(value, Access):
        return value
    try:
        return Access(value)
    except ValueError:
        allowed = ", ".join(a.value for a in Access)
        raise TopologyError(f"{value!r} is not one of {allowed}", field="access") from None


def _hidden(value: object) -> str:
    return "None" if value is None else "'***'"


def _name_check(inst: Account, attr: Attribute[str], value: str) -> None:
    name = v.check_str(None, "name", value)
    v.check_pattern(
        name, "name", name, v.ACCOUNT_NAME_PATTERN, "a valid account name ([A-Za-z0-9_.-])"
    )


def _id_check(inst: Account, attr: Attribute[str], value: str) -> None:
    v.check_account_id(inst.name, value)


def _region_check(inst: Account, attr: Attribute[str], value: str) -> None:
    v.check_pattern(inst.name, "region", value, v.REGION_PATTERN, "an AWS region name")


def _role_arn_check(inst: Account, attr: Attribute[str | None], value: str | None) -> None:
    if value is None:
        return
    text = v.check_str(inst.name, "role_arn", value)
    match = v.ROLE_ARN_PATTERN.fullmatch(text)
    if match is None:
        raise TopologyError(
            f"{text!r} is not an IAM role ARN (arn:<partition>:iam::<account>:role/<path><name>)",
            account=inst.name,
            field="role_arn",
        )
    if match["account"] != inst.account_id:
        raise TopologyError(
            f"role {text!r} is in account {match['account']}, not in {inst.account_id}",
            account=inst.name,
            field="role_arn",
        )


def _optional(field_name: str, pattern: Any, what: str) -> Any:
    def check(inst: Account, attr: Attribute[str | None], value: str | None) -> None:
        if value is not None:
            v.check_pattern(inst.name, field_name, value, pattern, what)

    return check


def _bool_check(field_name: str) -> Any:
    def check(inst: Account, attr: Attribute[bool], value: bool) -> None:
        if not isinstance(value, bool):
            raise TopologyError(
                f"must be true or false, got {value!r}", account=inst.name, field=field_name
            )

    return check


def _duration_check(inst: Account, attr: Attribute[int], value: int) -> None:
    v.check_duration(inst.name, value)


def _tags_converter(value: Any) -> tuple[tuple[str, str], ...]:
    return v.check_session_tags(None, value)


def _default_session_name(inst: Account) -> str:
    return (SESSION_NAME_PREFIX + str(inst.name))[:64]


@define(frozen=True, kw_only=True)
class Account:
    """One AWS account of the topology and how to get credentials for it.

    Attributes:
        name: The topology name, such as ``dev`` or ``prod``.
        account_id: The 12-digit account id, as a string (leading zeros matter).
        role_arn: The role to assume in the account, or ``None`` to use the base
            session's own credentials (the notebook case; only one account may do this).
        region: The region of the account's SageMaker and RAM calls.
        external_id: The ``ExternalId`` sent with AssumeRole (2-1224 chars). Hidden in repr.
        duration_seconds: The AssumeRole ``DurationSeconds`` (900-43200; at most 3600
            when the base credentials are themselves a role session).
        session_tags: Session tags sent with AssumeRole, as sorted ``(key, value)`` pairs.
        source_identity: The ``SourceIdentity`` sent with AssumeRole, if any.
        role_session_name: The ``RoleSessionName``; stable across refreshes so CloudTrail
            entries correlate. Defaults to ``modelcard-share-<name>``.
        stage: The lifecycle stage the account serves (``dev``, ``prod``...), if any.
        access: The access level the account gets to shared cards.
        external: Whether the account is outside the owner's AWS Organization (or the
            organization does not share through RAM): shares to it then need
            ``allow_external`` and an invitation the account accepts.
    """

    name: str = field(validator=_name_check)
    account_id: str = field(validator=_id_check)
    role_arn: str | None = field(validator=_role_arn_check)
    region: str = field(validator=_region_check)
    external_id: str | None = field(
        default=None,
        repr=_hidden,
        validator=_optional("external_id", v.EXTERNAL_ID_PATTERN, "a valid ExternalId"),
    )
    duration_seconds: int = field(default=3600, validator=_duration_check)
    session_tags: tuple[tuple[str, str], ...] = field(default=(), converter=_tags_converter)
    source_identity: str | None = field(
        default=None,
        validator=_optional(
            "source_identity", v.SESSION_NAME_PATTERN, "a valid SourceIdentity (2-64 chars)"
        ),
    )
    role_session_name: str = field(default=Factory(_default_session_name, takes_self=True))
    stage: str | None = field(
        default=None, validator=_optional("stage", v.STAGE_PATTERN, "a valid stage name")
    )
    access: Access = field(default=Access.READ_WRITE, converter=_to_access)
    external: bool = field(default=False, validator=_bool_check("external"))

    def __attrs_post_init__(self) -> None:
        v.check_pattern(
            self.name,
            "role_session_name",
            self.role_session_name,
            v.SESSION_NAME_PATTERN,
            "a valid RoleSessionName (2-64 chars of [A-Za-z0-9_+=,.@-])",
        )

    @property
    def assume_role(self) -> bool:
        """Whether credentials come from AssumeRole (``False``: the base session's own)."""
        return self.role_arn is not None

    @property
    def partition(self) -> str:
        """The AWS partition of the account (``aws``, ``aws-cn``, ``aws-us-gov``...)."""
        if self.role_arn is not None:
            return self.role_arn.split(":", 2)[1]
        return v.partition_for_region(self.region)

    def assume_role_args(self) -> dict[str, Any]:
        """Return the AssumeRole parameters (except ``RoleArn``), as STS names them."""
        args: dict[str, Any] = {
            "RoleSessionName": self.role_session_name,
            "DurationSeconds": self.duration_seconds,
        }
        if self.external_id is not None:
            args["ExternalId"] = self.external_id
        if self.source_identity is not None:
            args["SourceIdentity"] = self.source_identity
        if self.session_tags:
            args["Tags"] = [{"Key": k, "Value": val} for k, val in self.session_tags]
        return args


def _accounts_check(
    inst: AccountTopology, attr: Attribute[tuple[Account, ...]], value: tuple[Account, ...]
) -> None:
    if not value:
        raise TopologyError("the topology has no accounts", field="accounts")
    names: set[str] = set()
    ids: dict[str, str] = {}
    current: str | None = None
    for account in value:
        if account.name in names:
            raise TopologyError("duplicate account name", account=account.name, field="name")
        names.add(account.name)
        if account.account_id in ids:
            raise TopologyError(
                f"account id {account.account_id} is also used by {ids[account.account_id]!r}",
                account=account.name,
                field="account_id",
            )
        ids[account.account_id] = account.name
        if not account.assume_role:
            if current is not None:
                raise TopologyError(
                    f"only one account may use the current credentials; {current!r} does already",
                    account=account.name,
                    field="assume_role",
                )
            current = account.name
    if inst.home_name not in names:
        raise TopologyError(
            f"home account {inst.home_name!r} is not one of the accounts ({', '.join(names)})",
            field="home",
        )


def _to_accounts(value: Iterable[Account]) -> tuple[Account, ...]:
    return tuple(value)


def _frozen_mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(value))


@define(frozen=True, kw_only=True)
class AccountTopology:
    """The validated set of accounts, with the model card's home account.

    Build one with :meth:`from_mapping` or :meth:`from_toml`. Look accounts up by name
    (``topology["dev"]``) or by id (``topology.by_id("222222222222")``); iterating yields
    the accounts in their configured order.

    Attributes:
        accounts: The accounts, in configured order.
        home_name: The name of the account that owns the model cards.
        extra: Top-level tables of the topology file this module does not interpret
            (for example ``[lifecycle]``), kept for other parts of the SDK.
    """

    accounts: tuple[Account, ...] = field(converter=_to_accounts, validator=_accounts_check)
    home_name: str
    extra: Mapping[str, Any] = field(factory=dict, converter=_frozen_mapping, hash=False)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> AccountTopology:
        """Build a topology from a mapping shaped like the TOML file.

        The shape is documented in :mod:`modelcard_share.aws._config`.

        Raises:
            TopologyError: A field is missing, unknown or invalid; the message names the
                account and field.
        """
        accounts, home, extra = parse_topology(data)
        built = tuple(Account(**kwargs) for kwargs in accounts)
        return cls(accounts=built, home_name=home, extra=extra)

    @classmethod
    def from_toml(cls, path: str | os.PathLike[str]) -> AccountTopology:
        """Load a topology from a TOML file.

        Raises:
            TopologyError: The file is not valid TOML or describes an invalid topology.
        """
        return cls.from_mapping(load_toml(path))

    @property
    def home(self) -> Account:
        """The account that owns the model cards."""
        return self[self.home_name]

    @property
    def names(self) -> tuple[str, ...]:
        """The account names, in configured order."""
        return tuple(a.name for a in self.accounts)

    def __getitem__(self, name: str) -> Account:
        for account in self.accounts:
            if account.name == name:
                return account
        raise TopologyError(
            f"no such account in the topology (known: {', '.join(self.names)})", account=name
        )

    def by_id(self, account_id: str) -> Account:
        """Return the account with this 12-digit id.

        Raises:
            TopologyError: No account has this id.
        """
        for account in self.accounts:
            if account.account_id == account_id:
                return account
        raise TopologyError(f"no account has id {account_id!r}", field="account_id")

    def resolve(self, account: str | Account) -> Account:
        """Return the topology's account for a name, a 12-digit id or an :class:`Account`."""
        if isinstance(account, Account):
            return self[account.name]
        if v.ACCOUNT_ID_PATTERN.fullmatch(account) and account not in self.names:
            return self.by_id(account)
        return self[account]

    def by_stage(self, stage: str) -> tuple[Account, ...]:
        """Return the accounts that serve a lifecycle stage, in configured order."""
        return tuple(a for a in self.accounts if a.stage == stage)

    def __contains__(self, name: object) -> bool:
        return any(a.name == name for a in self.accounts)

    def __iter__(self) -> Iterator[Account]:
        return iter(self.accounts)

    def __len__(self) -> int:
        return len(self.accounts)
