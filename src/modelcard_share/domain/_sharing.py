"""Exact, idempotent, convergent sharing of one resource through AWS RAM.

The engine works for any :class:`~modelcard_share.domain._kinds.ShareableKind` (model
cards, model package groups). Its invariants:

* **One share per key.** For each (resource, access level, external) at most one of this
  SDK's shares exists, found by its tags. When two processes race to create it, both
  creates may succeed; the next read reconciles: the oldest share (ties broken by ARN)
  wins, the others' principals move onto it, and the others are deleted. Every caller
  picks the same winner, so the outcome converges whoever gets there first.
* **One access level per principal.** After ``share(principal, access=X)``, X is the
  principal's only access level to the resource through this SDK's shares: a grant at
  another level is removed first (so the principal never holds more than asked for),
  and the change is returned as :class:`AccessChange` records.
* **Outside the organization is opt-in per call.** Principals shared with
  ``allow_external=True`` go into a separate *external* share
  (``allowExternalPrincipals=true``, tag ``modelcard-share:external=true``); every other
  share is created with ``allowExternalPrincipals=false`` and never changed, so RAM
  itself refuses an outside account there. A principal already known to be outside the
  organization is refused without any write when the call does not opt in.

Reads: one GetResourceShares (by tag) and, when shares exist, one
GetResourceShareAssociations over all of them. Writes: only what differs.
"""

from __future__ import annotations

import builtins
import json
import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from attrs import frozen
from botocore.exceptions import ClientError

from modelcard_share.aws import Access, RetryHook, new_client_token
from modelcard_share.errors import (
    AwsError,
    ConfigurationError,
    ExternalSharingError,
    NotFoundError,
    NotOwnerError,
)

from . import _args
from ._arn import Principal, parse_principal
from ._kinds import ResourceRef, ShareableKind
from ._share import (
    AccessChange,
    AssociationStatus,
    Grant,
    PrincipalAssociation,
    ResourceShare,
    ResourceShares,
    ShareStatus,
)

if TYPE_CHECKING:
    from modelcard_share.aws import AccountTopology

    from ._context import Context

__all__ = [
    "ShareKey",
    "ShareOutcome",
    "Shareable",
    "converge",
    "find_shares",
    "permission_arn",
    "principals_of",
    "revoke_resource",
]

logger = logging.getLogger(__name__)

#: A share's key: its access level and whether it admits outside principals.
ShareKey = tuple[Access, bool]
_Key = ShareKey

#: RAM's largest page (maxResults 1-500 [model]): fewer calls for big organizations.
RAM_PAGE = 500
#: How often a write that met a share deleted under it is retried from a fresh read.
_RACE_ATTEMPTS = 3
#: Errors that mean a principal is not (or no longer) associated with a share.
_GONE_CODES = frozenset({"UnknownResourceException", "ResourceArnNotFoundException"})
#: Errors that mean a share changed under us (deleted, or deleting) between read and write.
_RACE_CODES = frozenset(
    {"UnknownResourceException", "InvalidStateTransitionException", "ResourceArnNotFoundException"}
)


@frozen
class ShareOutcome:
    """What :func:`converge` did.

    Attributes:
        shares: The share of each key that now holds principals, by key.
        added: Grants made: each principal and the share it was added to.
        moved: Grants removed so that each principal keeps one access level.
        removed: Grants removed because they were asked to go (``unshare``).
    """

    shares: Mapping[_Key, ResourceShare]
    added: tuple[Grant, ...]
    moved: tuple[AccessChange, ...]
    removed: tuple[AccessChange, ...]

    @property
    def changed(self) -> bool:
        """Whether any grant was added or removed."""
        return bool(self.added or self.moved or self.removed)


# ------------------------------------------------------------------ permissions


def permission_arn(ctx: Context, kind: ShareableKind, access: Access) -> str:
    """Return the ARN of the RAM permission behind ``access`` for ``kind``.

    AWS managed permissions have a fixed ARN per partition (no call). A customer managed
    permission is created once per account and region; when it exists already, its
    actions are checked, so a permission someone widened never grants more than the
    access level says.
    """
    managed = kind.managed_permission_arn(access, ctx.partition)
    if managed is not None:
        return managed
    key = ("permission", ctx.region, kind.resource_type, access)
    return ctx.memo(key, lambda: _customer_permission(ctx, kind, access))


def _customer_permission(ctx: Context, kind: ShareableKind, access: Access) -> str:
    spec = kind.customer_permissions[access]
    template = {"Effect": "Allow", "Action": list(spec.actions)}
    try:
        response = ctx.call(
            "ram",
            "create_permission",
            resource=spec.name,
            name=spec.name,
            resourceType=kind.resource_type,
            policyTemplate=json.dumps(template),
            clientToken=new_client_token(),
        )
    except AwsError as err:
        if err.code != "PermissionAlreadyExistsException":
            raise
        return _existing_permission(ctx, kind, spec.name, spec.actions)
    logger.info("created customer managed RAM permission %s in %s", spec.name, ctx.region)
    return str(response["permission"]["arn"])


def _existing_permission(
    ctx: Context, kind: ShareableKind, name: str, actions: Sequence[str]
) -> str:
    """Find the customer managed permission ``name`` and check it allows only ``actions``."""
    found = next(
        (
            item
            for item in ctx.pages(
                "ram",
                "list_permissions",
                items="permissions",
                resourceType=kind.resource_type,
                permissionType="CUSTOMER_MANAGED",
            )
            if item.get("name") == name
        ),
        None,
    )
    if found is None:
        raise NotFoundError(
            f"RAM says permission {name} exists but ListPermissions does not show it",
            operation="ListPermissions",
            resource=name,
        )
    arn = str(found["arn"])
    detail = ctx.call("ram", "get_permission", resource=arn, permissionArn=arn)
    allowed = _allowed_actions(detail["permission"].get("permission"))
    if allowed != set(actions):
        raise ConfigurationError(
            f"customer managed RAM permission {name} ({arn}) allows {sorted(allowed)}, but "
            f"this SDK uses it to grant exactly {sorted(actions)}; fix or delete it"
        )
    return arn


def _allowed_actions(document: Any) -> set[str]:
    """The actions a permission's policy text allows (template or full policy)."""
    try:
        policy = json.loads(document) if isinstance(document, str) else document
    except ValueError:
        return set()
    statements = policy.get("Statement", [policy]) if isinstance(policy, dict) else []
    if isinstance(statements, dict):
        statements = [statements]
    allowed: set[str] = set()
    for statement in statements:
        if isinstance(statement, dict) and statement.get("Effect") == "Allow":
            raw = statement.get("Action", [])
            allowed.update([raw] if isinstance(raw, str) else raw)
    return allowed


# ------------------------------------------------------------------ reads


def find_shares(ctx: Context, ref: ResourceRef) -> list[ResourceShare]:
    """Return this SDK's live shares of a resource, oldest first (one GetResourceShares)."""
    kind = ref.kind
    shares = [
        ResourceShare(ctx, item)
        for item in ctx.pages(
            "ram",
            "get_resource_shares",
            items="resourceShares",
            resource=ref.arn,
            resourceOwner="SELF",
            tagFilters=[{"tagKey": kind.tag_key, "tagValues": [ref.arn]}],
            maxResults=RAM_PAGE,
        )
    ]
    live = [
        s
        for s in shares
        if s.resource_arn == ref.arn
        and s.access in ref.kind.actions
        and s.status in (ShareStatus.PENDING, ShareStatus.ACTIVE)
    ]
    return sorted(live, key=lambda s: (s.creation_time is None, s.creation_time, s.arn))


def _key(share: ResourceShare) -> _Key:
    assert share.access is not None  # noqa: S101 - find_shares keeps only shares with one
    return (share.access, share.external)


def principals_of(
    ctx: Context, shares: Sequence[ResourceShare], principal: str | None = None
) -> list[PrincipalAssociation]:
    """Return the principal associations of ``shares`` (one call), optionally of one principal.

    Disassociated entries are left out; each carries its share's access level.
    """
    if not shares:
        return []
    by_arn = {s.arn: s for s in shares}
    params: dict[str, Any] = {
        "associationType": "PRINCIPAL",
        "resourceShareArns": list(by_arn),
        "maxResults": RAM_PAGE,
    }
    if principal is not None:
        params["principal"] = principal
    return [
        PrincipalAssociation.from_api(item, by_arn[item["resourceShareArn"]].access)
        for item in ctx.pages(
            "ram",
            "get_resource_share_associations",
            items="resourceShareAssociations",
            **params,
        )
        if item["resourceShareArn"] in by_arn
        and AssociationStatus(item["status"]) is not AssociationStatus.DISASSOCIATED
    ]


class _State:
    """One read of a resource's shares and principals, after reconciling duplicates."""

    def __init__(
        self, ctx: Context, ref: ResourceRef, principal: str | None, *, reconcile: bool = True
    ) -> None:
        shares = find_shares(ctx, ref)
        self.associations = principals_of(ctx, shares, principal)
        self.shares: dict[_Key, ResourceShare] = {}
        duplicates: list[ResourceShare] = []
        for share in shares:  # oldest first: the first of each key wins
            if _key(share) in self.shares:
                duplicates.append(share)
            else:
                self.shares[_key(share)] = share
        if duplicates and reconcile:  # a dry run leaves duplicates for the next real run
            if principal is not None:  # a filtered read does not show the losers' others
                self.associations = principals_of(ctx, shares)
            self._reconcile(ctx, duplicates)

    def _reconcile(self, ctx: Context, losers: list[ResourceShare]) -> None:
        """Move the principals of duplicate shares onto the winner and delete them."""
        for loser in losers:
            winner = self.shares[_key(loser)]
            moved = [a for a in self.associations if a.share_arn == loser.arn and a.status.is_live]
            missing = [a.entity for a in moved if not self.holds(winner, a.entity)]
            if missing:
                _associate(ctx, winner, missing)
            logger.warning("removing duplicate share %s of %s", loser.arn, winner.resource_arn)
            loser.delete()
            self.associations = [
                a.evolve_share(winner) if a.share_arn == loser.arn else a for a in self.associations
            ]

    def holds(self, share: ResourceShare, principal: str) -> bool:
        """Whether ``principal`` has a live association with ``share``."""
        return any(
            a.share_arn == share.arn and a.entity == principal and a.status.is_live
            for a in self.associations
        )

    def grants(self, principal: str) -> list[PrincipalAssociation]:
        """The principal's live associations with any of the resource's shares."""
        return [a for a in self.associations if a.entity == principal and a.status.is_live]


# ------------------------------------------------------------------ writes


def _associate(ctx: Context, share: ResourceShare, principals: Sequence[str]) -> None:
    ctx.call(
        "ram",
        "associate_resource_share",
        resource=share.arn,
        resourceShareArn=share.arn,
        principals=list(principals),
        clientToken=new_client_token(),
    )
    logger.info("shared %s with %s", share.name, ", ".join(principals))


def _disassociate(ctx: Context, share: ResourceShare, principals: Sequence[str]) -> None:
    """Remove principals from a share; ones already gone (a concurrent unshare) count as done.

    One call for all of them; if RAM refuses it because one is gone already, one call each.
    """
    batches = [list(principals)]
    while batches:
        batch = batches.pop()
        try:
            ctx.call(
                "ram",
                "disassociate_resource_share",
                resource=share.arn,
                resourceShareArn=share.arn,
                principals=batch,
                clientToken=new_client_token(),
            )
        except AwsError as err:
            if err.code not in _GONE_CODES:
                raise
            if len(batch) > 1:
                batches.extend([p] for p in batch)
            else:
                logger.info("%s had already left %s", batch[0], share.name)
        else:
            logger.info("removed %s from %s", ", ".join(batch), share.name)


def _create(ctx: Context, ref: ResourceRef, key: _Key, principals: Sequence[str]) -> ResourceShare:
    access, external = key
    kind = ref.kind
    response = ctx.call(
        "ram",
        "create_resource_share",
        resource=ref.arn,
        name=kind.share_name(ref.name, access, external=external),
        resourceArns=[ref.arn],
        principals=list(principals),
        permissionArns=[permission_arn(ctx, kind, access)],
        allowExternalPrincipals=external,
        tags=kind.share_tags(ref.arn, access, external=external),
        clientToken=new_client_token(),
    )
    share = ResourceShare(ctx, response["resourceShare"])
    logger.info(
        "created %s%s share of %s with %s",
        access.value,
        " external" if external else "",
        ref.name,
        ", ".join(principals),
    )
    return share


def _change(assoc: PrincipalAssociation) -> AccessChange:
    return AccessChange(
        principal=assoc.entity,
        removed=assoc.access,
        share_arn=assoc.share_arn,
        share_name=assoc.share_name,
    )


def converge(
    ctx: Context,
    ref: ResourceRef,
    *,
    grant: Mapping[Principal, ShareKey] | None = None,
    revoke: Mapping[Principal, Access | None] | None = None,
    dry_run: bool = False,
) -> ShareOutcome:
    """Make the resource's shares give each principal exactly what is asked.

    Args:
        ctx: The owner's context.
        ref: The resource.
        grant: Principals that must end with exactly this access level, each with whether
            it may be outside the organization (then it goes into the external share).
        revoke: Principals that must lose this access level (``None``: every level).
        dry_run: Read and plan only: return what a real run would change, and write
            nothing (a grant into a share that does not exist yet has an empty
            ``share_arn``). Real runs execute the same plan.

    Raises:
        ExternalSharingError: A principal of ``grant`` is known to be outside the
            organization but not allowed to be (before any write), or RAM refused it.
    """
    grant = dict(grant or {})
    revoke = dict(revoke or {})
    principal = next(iter(grant or revoke)).value if len(grant) + len(revoke) == 1 else None
    if dry_run:
        state = _State(ctx, ref, principal, reconcile=False)
        return _plan(ref, state, grant, revoke).outcome(ref, state)
    last: AwsError | None = None
    for attempt in range(_RACE_ATTEMPTS):
        state = _State(ctx, ref, principal)
        try:
            return _execute(ctx, ref, state, _plan(ref, state, grant, revoke))
        except AwsError as err:
            if err.code not in _RACE_CODES or attempt + 1 == _RACE_ATTEMPTS:
                raise _external_error(err, grant) from err.__cause__
            logger.info(
                "a share of %s changed during the update (%s); reading again", ref.name, err
            )
            last = err
    raise AssertionError("unreachable") from last  # pragma: no cover


class _Plan:
    """The writes that make one read of a resource's shares match what is asked."""

    def __init__(self) -> None:
        self.removals: dict[str, list[PrincipalAssociation]] = {}
        self.moved: list[AccessChange] = []
        self.removed: list[AccessChange] = []
        self.additions: dict[_Key, list[str]] = {}

    def outcome(self, ref: ResourceRef, state: _State) -> ShareOutcome:
        """What executing the plan would change, without executing it."""
        added = [
            Grant(
                p,
                key[0],
                share.arn if share is not None else "",
                share.name
                if share is not None
                else ref.kind.share_name(ref.name, key[0], external=key[1]),
            )
            for key, principals in self.additions.items()
            for share in [state.shares.get(key)]
            for p in principals
        ]
        return ShareOutcome(
            shares=dict(state.shares),
            added=tuple(added),
            moved=tuple(self.moved),
            removed=tuple(self.removed),
        )


def _plan(
    ref: ResourceRef,
    state: _State,
    grant: Mapping[Principal, _Key],
    revoke: Mapping[Principal, Access | None],
) -> _Plan:
    _refuse_known_outsiders(ref, state, grant)
    plan = _Plan()
    for target, key in grant.items():
        for assoc in state.grants(target.value):
            if (assoc.access, _share_external(state, assoc)) != key:
                plan.removals.setdefault(assoc.share_arn, []).append(assoc)
                plan.moved.append(_change(assoc))
        share = state.shares.get(key)
        if share is None or not state.holds(share, target.value):
            plan.additions.setdefault(key, []).append(target.value)
    for target, level in revoke.items():
        for assoc in state.grants(target.value):
            if level is None or assoc.access is level:
                plan.removals.setdefault(assoc.share_arn, []).append(assoc)
                plan.removed.append(_change(assoc))
    return plan


def _execute(ctx: Context, ref: ResourceRef, state: _State, plan: _Plan) -> ShareOutcome:
    by_arn = {s.arn: s for s in state.shares.values()}
    for share_arn, assocs in plan.removals.items():  # remove first: never more than asked for
        _disassociate(ctx, by_arn[share_arn], [a.entity for a in assocs])
    _log_moves(ref, plan.moved)
    shares = dict(state.shares)
    added: list[Grant] = []
    for key, principals in plan.additions.items():
        existing = shares.get(key)
        if existing is None:
            existing = shares[key] = _create(ctx, ref, key, principals)
        else:
            _associate(ctx, existing, principals)
        added += [Grant(p, key[0], existing.arn, existing.name) for p in principals]
    return ShareOutcome(
        shares=shares, added=tuple(added), moved=tuple(plan.moved), removed=tuple(plan.removed)
    )


def _log_moves(ref: ResourceRef, moved: Sequence[AccessChange]) -> None:
    for change in moved:
        logger.info(
            "moved %s off %s access to %s (%s)",
            change.principal,
            change.removed.value if change.removed else "unknown",
            ref.name,
            change.share_name,
        )


def _refuse_known_outsiders(
    ref: ResourceRef, state: _State, grant: Mapping[Principal, _Key]
) -> None:
    """Refuse, before any write, an outside principal where the call did not allow one."""
    for target, (_, allow_external) in grant.items():
        outside = [a for a in state.grants(target.value) if a.external]
        if outside and not allow_external:
            raise ExternalSharingError(
                f"{target} is outside the organization (it holds {ref.kind.label} "
                f"{ref.name} through share {outside[0].share_name}), and this call does not "
                "allow external principals",
                code="ExternalPrincipal",
                operation="AssociateResourceShare",
                resource=ref.arn,
            )


def _share_external(state: _State, assoc: PrincipalAssociation) -> bool:
    share = next((s for s in state.shares.values() if s.arn == assoc.share_arn), None)
    return share.external if share is not None else False


def _external_error(err: AwsError, grant: Mapping[Principal, _Key]) -> AwsError:
    """Say clearly when RAM refused a principal because it is outside the organization."""
    internal = [p for p, (_, external) in grant.items() if not external]
    if err.code == "OperationNotPermittedException" and internal:
        names = ", ".join(str(p) for p in internal)
        cause = err.__cause__
        said = (
            str(cause.response.get("Error", {}).get("Message", "")).strip()
            if isinstance(cause, ClientError)
            else ""
        )
        return ExternalSharingError(
            f"RAM refused to share with {names}" + (f": {said}" if said else ""),
            code=err.code,
            operation=err.operation,
            http_status=err.http_status,
            request_id=err.request_id,
            resource=err.resource,
        )
    return err


def _wait_associated(
    ctx: Context,
    ref: ResourceRef,
    key: _Key,
    principals: Sequence[str],
    *,
    timeout: float,
    progress: RetryHook | None = None,
) -> ResourceShare:
    """Wait until each principal is ASSOCIATED (or awaits its invitation) at ``key``.

    Every check reads the resource's shares, so duplicates that a race created are merged
    while waiting, and the share returned is the one that holds the principals in the end.
    """

    def check() -> ResourceShare | None:
        state = _State(ctx, ref, principals[0] if len(principals) == 1 else None)
        share = state.shares.get(key)
        if share is None:
            return None
        for principal in principals:
            found = [
                a for a in state.associations if a.share_arn == share.arn and a.entity == principal
            ]
            failed = [a for a in found if a.status is AssociationStatus.FAILED]
            if failed and not any(a.status.is_live for a in found):
                raise failed[0].failure()
            ready = any(
                a.status is AssociationStatus.ASSOCIATED or a.awaits_invitation for a in found
            )
            if not ready:
                return None
        return share

    return ctx.wait_for(
        check,
        what=f"{ref.kind.label} {ref.name} to be shared with {', '.join(principals)}",
        timeout=timeout,
        progress=progress,
    )


def revoke_resource(ctx: Context, ref: ResourceRef) -> list[ResourceShare]:
    """Take the resource out of every share this SDK made for it, and delete those shares.

    The resource is disassociated first, so access ends even when a share cannot be
    deleted yet (a principal still ASSOCIATING); such a share is left empty and logged.
    """
    shares = find_shares(ctx, ref)
    for share in shares:
        try:
            ctx.call(
                "ram",
                "disassociate_resource_share",
                resource=share.arn,
                resourceShareArn=share.arn,
                resourceArns=[ref.arn],
                clientToken=new_client_token(),
            )
        except AwsError as err:
            if err.code not in _RACE_CODES:
                raise
        try:  # no waiting: a pending invitation may keep a principal ASSOCIATING for hours
            ctx.call(
                "ram",
                "delete_resource_share",
                resource=share.arn,
                resourceShareArn=share.arn,
                clientToken=new_client_token(),
            )
        except AwsError as err:
            if err.code not in _RACE_CODES:
                raise
            logger.warning("left the empty share %s in place: %s", share.name, err)
        else:
            logger.info("deleted share %s of %s", share.name, ref.name)
    return shares


class Shareable:
    """The owner's sharing operations, for any domain class of a shareable resource.

    A subclass provides ``_ctx`` (its :class:`Context`), ``_topology``, :attr:`resource`,
    :attr:`owner_account_id` and ``_require_live``.
    """

    _ctx: Context
    _topology: AccountTopology | None
    _principals: builtins.list[PrincipalAssociation] | None

    @property
    def resource(self) -> ResourceRef:
        """The resource as a shareable reference (kind, ARN, owner, region)."""
        raise NotImplementedError

    @property
    def owner_account_id(self) -> str:
        """The id of the account that owns the resource."""
        raise NotImplementedError

    def _require_live(self, operation: str) -> None:
        raise NotImplementedError

    @property
    def is_owned(self) -> bool:
        """Whether the calling account owns the resource (one STS call if its id is unknown)."""
        return self._ctx.account_id == self.owner_account_id

    def _require_owner(self, operation: str, action: str = "share it") -> None:
        if not self.is_owned:
            ref = self.resource
            raise NotOwnerError(
                f"{ref.kind.label} {ref.name} belongs to account {ref.account_id}; only its "
                f"owner can {action} (you can share only what you own, not what was shared "
                "with you)",
                operation=operation,
                resource=ref.arn,
                account_id=self._ctx.account_id,
            )

    def _principal(self, value: object) -> Principal:
        names = {a.name: a.account_id for a in self._topology} if self._topology else None
        return parse_principal(value, names=names, partition=self.resource.partition)

    def share_with(
        self,
        principal: str | Sequence[str],
        *,
        access: Access | str = Access.READ_WRITE,
        allow_external: bool = False,
        wait: bool = False,
        timeout: float = 300.0,
        progress: RetryHook | None = None,
    ) -> ResourceShare:
        """Share with accounts, OUs or the organization, at exactly ``access``.

        Idempotent and exact: ``access`` becomes each principal's only access level to the
        resource through this SDK's shares. A grant at another level is removed first
        (logged at INFO, and listed in the returned share's :attr:`ResourceShare.moved`).
        Running it again changes nothing. An access level without an AWS managed RAM
        permission (read-only for model cards) uses a customer managed permission.

        Sharing outside the organization is opt-in on every call: principals shared with
        ``allow_external=True`` go into a separate share that allows external principals;
        all other shares never do, so an outside account is refused there.

        Args:
            principal: A 12-digit account id, an account name from the topology, an OU ARN
                or the organization ARN, or a list of them (shared in one go).
            access: ``Access.READ_WRITE`` (default), ``Access.READ_ONLY`` or (model cards)
                ``Access.EXPORT``.
            allow_external: Allow principals outside the organization (they get an invitation).
            wait: Wait until each principal is ASSOCIATED, unless an invitation must be accepted.
            timeout: Seconds to wait at most when ``wait`` is true.
            progress: Hears about every pause of the wait (a ``NotebookProgress``, the
                command line's progress line, or any ``RetryHook``).

        Returns:
            The share that now holds the principals at ``access``.

        Raises:
            NotOwnerError: The calling account does not own the resource.
            ExternalSharingError: A principal is outside the organization and
                ``allow_external`` is false.
            NotFoundError: The resource was deleted through this object.
        """
        ref = self.resource
        targets = [self._principal(p) for p in _args.check_strings("principal", principal)]
        level = ref.kind.access(access)
        _args.check_bool("allow_external", allow_external)
        _args.check_bool("wait", wait)
        seconds = _args.check_timeout(timeout)
        _args.check_hook(progress)
        self._require_live("CreateResourceShare")
        self._require_owner("CreateResourceShare")
        unique = {t.value: t for t in targets}
        key = (level, allow_external)
        outcome = converge(self._ctx, ref, grant=dict.fromkeys(unique.values(), key))
        share = outcome.shares[key]
        if wait:
            share = _wait_associated(
                self._ctx, ref, key, list(unique), timeout=seconds, progress=progress
            )
        share.moved = outcome.moved
        return share

    def unshare(
        self, principal: str, *, access: Access | str | None = None
    ) -> builtins.list[ResourceShare]:
        """Remove a principal from this resource's shares (every access level, or one).

        Idempotent, also when another process removes the same principal at the same time.

        Returns:
            The shares it was removed from; an empty list when it was in none.
        """
        ref = self.resource
        target = self._principal(principal)
        level = None if access is None else ref.kind.access(access)
        self._require_live("DisassociateResourceShare")
        self._require_owner("DisassociateResourceShare", "unshare it")
        outcome = converge(self._ctx, ref, revoke={target: level})
        arns = {change.share_arn for change in outcome.removed}
        return [s for s in outcome.shares.values() if s.arn in arns]

    def shares(self) -> ResourceShares:
        """Return this SDK's shares of the resource, oldest first (a table in notebooks)."""
        self._require_live("GetResourceShares")
        return ResourceShares(find_shares(self._ctx, self.resource))

    def principals(self) -> builtins.list[PrincipalAssociation]:
        """Return every association of the resource's shares, with access level and status.

        A principal in two shares (two access levels) appears twice.
        """
        self._require_live("GetResourceShareAssociations")
        self._principals = principals_of(self._ctx, find_shares(self._ctx, self.resource))
        return self._principals
