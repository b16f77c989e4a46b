"""The sandbox world: accounts, organization, and the state kept on moto's backends."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from typing import Any

from attrs import define, field

from modelcard_share._ids import IAM_PRINCIPAL_ARN, partition_of_region
from modelcard_share.errors import SandboxError
from modelcard_share.sandbox import _constants as const
from modelcard_share.sandbox._clock import SandboxClock

__all__ = [
    "Association",
    "CustomerPermission",
    "ExportJob",
    "Invitation",
    "RamIndex",
    "RamState",
    "Share",
    "World",
    "activate",
    "active_world",
    "deactivate",
    "partition",
]


@define(kw_only=True)
class Association:
    """A principal or resource associated with a resource share (mutable state)."""

    entity: str
    association_type: str
    status: str
    created: datetime
    updated: datetime
    external: bool = False
    ready_at: datetime | None = None
    status_message: str | None = None


@define(kw_only=True)
class Invitation:
    """An invitation sent to an account outside the organization (mutable state)."""

    arn: str
    share_arn: str
    share_name: str
    sender: str
    receiver: str
    created: datetime
    expires_at: datetime
    status: str = "PENDING"


@define(kw_only=True)
class Share:
    """A RAM resource share owned by one account in one region (mutable state)."""

    arn: str
    name: str
    owner: str
    region: str
    allow_external: bool
    created: datetime
    updated: datetime
    seq: int = 0
    permissions: dict[str, str] = field(factory=dict)
    status: str = "ACTIVE"
    tags: dict[str, str] = field(factory=dict)
    resources: dict[str, Association] = field(factory=dict)
    principals: dict[str, Association] = field(factory=dict)
    invitations: dict[str, Invitation] = field(factory=dict)


@define(kw_only=True)
class CustomerPermission:
    """A customer managed RAM permission (mutable state)."""

    arn: str
    name: str
    resource_type: str
    actions: tuple[str, ...]
    policy_template: str
    created: datetime
    updated: datetime
    tags: dict[str, str] = field(factory=dict)


@define(kw_only=True)
class ExportJob:
    """A model card export job, kept in the card owner's SageMaker backend (mutable state)."""

    arn: str
    name: str
    card_name: str
    card_version: int
    owner: str
    region: str
    output_path: str
    created: datetime
    updated: datetime
    complete_at: datetime
    status: str = "InProgress"
    failure_reason: str | None = None
    artifact: str | None = None


@define(kw_only=True)
class RamState:
    """The sandbox's RAM state for one account and region, stored on moto's RAM backend."""

    shares: dict[str, Share] = field(factory=dict)
    permissions: dict[str, CustomerPermission] = field(factory=dict)
    tokens: dict[str, tuple[str, str, str]] = field(factory=dict)


@define(kw_only=True)
class RamIndex:
    """What the RAM emulation looks up across accounts, kept so that no lookup scans every share.

    Derived data: every entry points at a :class:`Share` that is checked to still be the one its
    owner's :class:`RamState` holds before use, so an index that outlives a moto reset only
    costs a miss. Keys are ``(region, key)``; ``key`` is an account id (for account and IAM
    principals), an organization ARN, an OU ARN or a resource ARN.
    """

    by_principal: dict[tuple[str, str], dict[str, Share]] = field(factory=dict)
    by_resource: dict[tuple[str, str], dict[str, Share]] = field(factory=dict)
    by_receiver: dict[tuple[str, str], dict[str, Share]] = field(factory=dict)
    due: list[tuple[datetime, int, str, Share]] = field(factory=list)
    cache: dict[tuple[str, ...], list[Any]] = field(factory=dict)
    seq: int = 0

    def changed(self) -> None:
        """Note that shares changed: forget every cached listing."""
        self.cache.clear()

    def next_seq(self) -> int:
        """A number that orders shares and due transitions by creation."""
        self.seq += 1
        return self.seq

    def clear(self) -> None:
        """Forget everything (after :meth:`Sandbox.reset`)."""
        self.by_principal.clear()
        self.by_resource.clear()
        self.by_receiver.clear()
        self.due.clear()
        self.cache.clear()


@define(kw_only=True)
class World:
    """Configuration of the running sandbox, shared by the moto extensions."""

    accounts: dict[str, str]
    region: str
    clock: SandboxClock
    organization_id: str | None = None
    organization_arn: str | None = None
    management_account_id: str | None = None
    org_members: frozenset[str] = frozenset()
    ous: dict[str, tuple[str, frozenset[str]]] = field(factory=dict)
    sharing_enabled: bool = False
    association_delay: timedelta = const.DEFAULT_ASSOCIATION_DELAY
    export_job_duration: timedelta = const.DEFAULT_EXPORT_JOB_DURATION
    lock: threading.RLock = field(factory=threading.RLock)
    index: RamIndex = field(factory=RamIndex)
    #: Export jobs in progress, by completion time: ticks cost the due jobs, not all jobs.
    exports_due: list[tuple[datetime, int, ExportJob]] = field(factory=list)
    schema: Any = None
    events: Any = None

    # ----------------------------------------------------------------- organization

    def in_org(self, account_id: str) -> bool:
        """Whether the account belongs to the emulated organization."""
        return self.organization_id is not None and account_id in self.org_members

    def org_sharing(self, owner: str, principal_account: str) -> bool:
        """Whether a share from ``owner`` reaches ``principal_account`` without an invitation."""
        return self.sharing_enabled and self.in_org(owner) and self.in_org(principal_account)

    def ou_members(self, ou_arn: str) -> frozenset[str] | None:
        """The member account ids of an OU given by ARN, or None if the OU is unknown."""
        for arn, members in self.ous.values():
            if arn == ou_arn:
                return members
        return None

    def principal_keys(self, account_id: str) -> list[str]:
        """The index keys of every principal that can cover ``account_id``."""
        keys = [account_id]
        if self.organization_arn is not None and account_id in self.org_members:
            keys.append(self.organization_arn)
        keys += [arn for arn, members in self.ous.values() if account_id in members]
        return keys

    def covers(self, principal: str, account_id: str) -> bool:
        """Whether a share principal (account, organization, OU, IAM ARN) includes an account."""
        if principal == account_id:
            return True
        if self.organization_arn is not None and principal == self.organization_arn:
            return account_id in self.org_members
        members = self.ou_members(principal)
        if members is not None:
            return account_id in members
        iam = IAM_PRINCIPAL_ARN.fullmatch(principal)
        return iam is not None and iam.group("account") == account_id


_ACTIVE: World | None = None
_ACTIVE_LOCK = threading.Lock()


def activate(world: World) -> None:
    """Make ``world`` the one the moto extensions serve; only one may run at a time."""
    global _ACTIVE  # noqa: PLW0603 - moto's routes are process-wide, so is the world
    with _ACTIVE_LOCK:
        if _ACTIVE is not None:
            raise SandboxError(
                "another Sandbox is already running in this process; stop it first "
                "(moto's mock is process-wide)"
            )
        _ACTIVE = world


def deactivate(world: World) -> None:
    """Forget ``world`` if it is the active one."""
    global _ACTIVE  # noqa: PLW0603
    with _ACTIVE_LOCK:
        if _ACTIVE is world:
            _ACTIVE = None


def active_world() -> World:
    """The running world; raises SandboxError if no sandbox is running."""
    world = _ACTIVE
    if world is None:
        raise SandboxError("no Sandbox is running")
    return world


def partition(region: str) -> str:
    """The partition of a region, for the ARNs the sandbox builds (``aws`` if unknown)."""
    return partition_of_region(region) or "aws"
