"""The topology of a sandbox: accounts and the emulated AWS Organization."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from attrs import define, field

from modelcard_share._ids import is_account_id
from modelcard_share.errors import TopologyError

__all__ = ["DEFAULT_ACCOUNTS", "Organization", "check_accounts", "check_org"]

#: The four accounts of the default sandbox (the ``sandbox`` fixture, ``sandbox serve``):
#: account name -> 12-digit account id. Read-only.
DEFAULT_ACCOUNTS: Mapping[str, str] = MappingProxyType(
    {
        "shared-services": "111111111111",
        "dev": "222222222222",
        "test": "333333333333",
        "prod": "444444444444",
    }
)


def _optional_names(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


def _ou_names(value: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    return {name: tuple(members) for name, members in dict(value).items()}


@define(frozen=True, kw_only=True)
class Organization:
    """Describe the emulated AWS Organization of a sandbox.

    Attributes:
        members: Names of the accounts inside the organization; None means every account.
        sharing_enabled: Whether RAM sharing with the organization is enabled (then shares
            inside the organization need no invitation).
        management: Name of the management account; None means the first member.
        ous: Organizational units: OU name -> names of the member accounts in it.
    """

    members: tuple[str, ...] | None = field(default=None, converter=_optional_names)
    sharing_enabled: bool = True
    management: str | None = None
    ous: Mapping[str, tuple[str, ...]] = field(factory=dict, converter=_ou_names)


def _is_name(value: object) -> bool:
    return isinstance(value, str) and bool(value)


def check_accounts(accounts: Mapping[str, str]) -> dict[str, str]:
    """Validate account names and ids; return a copy.

    Raises:
        TopologyError: For no accounts, a malformed id or an id used twice.
    """
    if not isinstance(accounts, Mapping):
        raise TopologyError(
            f"accounts must be a mapping of account name -> 12-digit id, got {accounts!r}",
            field="accounts",
        )
    if not accounts:
        raise TopologyError("at least one account is needed", field="accounts")
    seen: dict[str, str] = {}
    for name, account_id in accounts.items():
        if not _is_name(name):
            raise TopologyError(f"account names must be non-empty strings, got {name!r}")
        if not is_account_id(account_id):
            raise TopologyError(
                f"account id must be a string of 12 digits, got {account_id!r}",
                account=name,
                field="id",
            )
        if account_id in seen:
            raise TopologyError(
                f"account id {account_id} is also used by {seen[account_id]!r}",
                account=name,
                field="id",
            )
        seen[account_id] = name
    return dict(accounts)


def check_org(value: bool | Organization, accounts: Mapping[str, str]) -> Organization | None:
    """Resolve ``organization=`` into a complete Organization (or None for no organization).

    Raises:
        TopologyError: For members, management account or OU members that do not fit.
    """
    if value is False:
        return None
    if value is not True and not isinstance(value, Organization):
        raise TopologyError(
            f"organization must be True, False or an Organization, got {value!r}",
            field="organization",
        )
    org = Organization() if value is True else value
    members = org.members if org.members is not None else tuple(accounts)
    for name in [*members, *(m for ms in org.ous.values() for m in ms)]:
        if name not in accounts:
            raise TopologyError(f"organization member {name!r} is not an account", account=name)
    if not members:
        raise TopologyError("an organization needs at least one member", field="organization")
    management = org.management or members[0]
    if management not in members:
        raise TopologyError(
            "the management account must be an organization member",
            account=management,
            field="management",
        )
    for ou_name, ou_members in org.ous.items():
        for name in ou_members:
            if name not in members:
                raise TopologyError(
                    f"OU {ou_name!r} member is not in the organization", account=name, field="ous"
                )
    return Organization(
        members=members, sharing_enabled=org.sharing_enabled, management=management, ous=org.ous
    )
