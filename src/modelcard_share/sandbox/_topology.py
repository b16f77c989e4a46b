"""The topology of a sandbox: accounts and the emulated AWS Organization."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from attrs import define, field

from modelcard_share.errors import TopologyError

__all__ = ["Organization", "check_accounts", "check_org"]

_ACCOUNT_ID = re.compile(r"^\d{12}$")


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


def check_accounts(accounts: Mapping[str, str]) -> dict[str, str]:
    """Validate account names and ids; return a copy.

    Raises:
        TopologyError: For no accounts, a malformed id or an id used twice.
    """
    if not accounts:
        raise TopologyError("at least one account is needed", field="accounts")
    seen: dict[str, str] = {}
    for name, account_id in accounts.items():
        if not _ACCOUNT_ID.match(str(account_id)):
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
