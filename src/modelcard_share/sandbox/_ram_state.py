"""RAM share state: principals, resources, invitations, what a share grants, and the index.

Everything here works on :class:`~._world.Share` objects kept on moto's RAM backends (through
:mod:`._backends`) and on the world's :class:`~._world.RamIndex`, which answers "which shares
name this principal / this resource / this receiver" without scanning every share.
"""

from __future__ import annotations

import heapq
import re
import uuid
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from moto.ram.models import ResourceShare

from modelcard_share._ids import (
    ACCOUNT_ID,
    CARD_ARN,
    IAM_PRINCIPAL_ARN,
    MODEL_PACKAGE_GROUP_ARN,
    ORGANIZATION_ARN,
    OU_ARN,
    PARTITION,
    RESOURCE_SHARE_ARN,
)
from modelcard_share.sandbox import _constants as const
from modelcard_share.sandbox._backends import ram_state, sagemaker_backend
from modelcard_share.sandbox._errors import RamError
from modelcard_share.sandbox._permissions import default_permission, permission_actions
from modelcard_share.sandbox._world import Association, Invitation, Share, World, partition

__all__ = [
    "LIVE",
    "add_principal",
    "add_resource",
    "association_dict",
    "drop_resource",
    "find_owned_share",
    "granting_shares",
    "invitation_dict",
    "invitations_for",
    "parse_resource_arn",
    "resource_actions",
    "resource_dict",
    "resource_type_of",
    "share_dict",
    "share_permissions",
    "shares_naming",
    "tick_ram",
]

#: Association statuses that still count.
LIVE = frozenset({"ASSOCIATED", "ASSOCIATING"})

_SERVICE = re.compile(r"[a-z0-9-]+\.amazonaws\.com", re.ASCII)
_RESOURCE = re.compile(r"(?P<segment>[a-z0-9-]+)[/:](?P<rest>\S+)", re.ASCII)


def _ts(value: datetime) -> float:
    return value.timestamp()


# ----------------------------------------------------------------------------- resources


def parse_resource_arn(arn: str) -> tuple[str, str, str, str, str] | None:
    """Split a resource ARN into (service, region, account, resource segment, rest), or None."""
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn" or PARTITION.fullmatch(parts[1]) is None:
        return None
    _, _, service, region, account, resource = parts
    match = _RESOURCE.fullmatch(resource)
    if not service or ACCOUNT_ID.fullmatch(account) is None or match is None:
        return None
    return service, region, account, match.group("segment"), match.group("rest")


def resource_type_of(arn: str) -> str:
    """The RAM resource type of an ARN (``sagemaker:ModelCard`` for model cards)."""
    parsed = parse_resource_arn(arn)
    if parsed is None:
        return "unknown"
    service, _, _, segment, _ = parsed
    if service == "sagemaker" and segment in const.SHARED_TYPES:
        return const.SHARED_TYPES[segment]
    return f"{service}:{segment}"


def _owned_resource_exists(share: Share, arn: str) -> bool | None:
    """Whether a SageMaker resource the sandbox shares exists in the owner's account.

    None for a resource type the sandbox does not check.
    """
    for pattern, table in (
        (CARD_ARN, "model_cards"),
        (MODEL_PACKAGE_GROUP_ARN, "model_package_groups"),
    ):
        match = pattern.fullmatch(arn)
        if match is None:
            continue
        if match.group("region") != share.region or match.group("account") != share.owner:
            return False
        backend = sagemaker_backend(share.owner, share.region)
        return match.group("name") in getattr(backend, table)
    return None


def add_resource(world: World, share: Share, arn: str) -> Association:
    """Associate a resource with the share after checking it exists and the owner owns it."""
    parsed = parse_resource_arn(arn)
    if parsed is None:
        raise RamError(
            "MalformedArnException",
            f"The specified resource ARN {arn} is not valid. Verify the ARN and try again.",
        )
    if parsed[3] not in ResourceShare.SHAREABLE_RESOURCES:
        raise RamError("MalformedArnException", "You cannot share the selected resource type.")
    if _owned_resource_exists(share, arn) is False:
        raise RamError(
            const.NOT_OWNED_RESOURCE_ERROR,
            f"The resource {arn} could not be found in account {share.owner} "
            f"region {share.region}; you can share only resources you own.",
        )
    kind = resource_type_of(arn)
    if kind in const.IAM_PRINCIPAL_TYPES_REFUSED and any(
        a.status in LIVE and IAM_PRINCIPAL_ARN.fullmatch(p) for p, a in share.principals.items()
    ):
        raise _iam_refused(kind)
    existing = share.resources.get(arn)
    if existing is not None and existing.status in LIVE:
        return existing
    assoc = _new_assoc(world, share, arn, "RESOURCE")
    share.resources[arn] = assoc
    world.index.changed()
    world.index.by_resource.setdefault((share.region, arn), {})[share.arn] = share
    return assoc


def drop_resource(world: World, arn: str, region: str) -> None:
    """A resource was deleted by its owner: take it out of every share that holds it."""
    now = world.clock.now()
    for share in shares_naming(world, "by_resource", region, [arn]):
        assoc = share.resources.get(arn)
        if assoc is not None and assoc.status in LIVE:
            assoc.status = "DISASSOCIATED"
            assoc.updated = now
            assoc.ready_at = None
            assoc.status_message = const.DELETED_RESOURCE_MESSAGE
            share.updated = now
            world.index.changed()


def share_permissions(share: Share) -> dict[str, str]:
    """Resource type -> permission ARN in effect: the explicit ones, else each type's default."""
    effective = dict(share.permissions)
    for assoc in share.resources.values():
        kind = resource_type_of(assoc.entity)
        if assoc.status in LIVE and kind not in effective:
            default = default_permission(kind, share.region)
            if default is not None:
                effective[kind] = default
    return effective


# ---------------------------------------------------------------------------- principals


def _iam_refused(kind: str) -> RamError:
    return RamError(
        const.IAM_PRINCIPAL_ERROR,
        f"The resource type {kind} cannot be shared with IAM roles or users; share it with an "
        "account, an organizational unit or the organization.",
    )


def _principal_account(world: World, share: Share, principal: str) -> tuple[str | None, bool]:
    """Validate a principal; return (account id, or None for org/OU; external)."""
    if ORGANIZATION_ARN.fullmatch(principal) or OU_ARN.fullmatch(principal):
        if world.organization_arn is None or not world.in_org(share.owner):
            raise RamError(
                "OperationNotPermittedException",
                f"Principal {principal}: the account {share.owner} is not in an organization.",
            )
        if not world.sharing_enabled:
            raise RamError(
                "OperationNotPermittedException",
                "Sharing with AWS Organizations is not enabled; call "
                "EnableSharingWithAwsOrganization from the management account.",
            )
        known = principal == world.organization_arn or world.ou_members(principal) is not None
        if not known:
            raise RamError("UnknownResourceException", f"Principal {principal} could not be found.")
        return None, False
    iam = IAM_PRINCIPAL_ARN.fullmatch(principal)
    if ACCOUNT_ID.fullmatch(principal):
        account = principal
    elif iam is not None:
        refused = sorted(
            {resource_type_of(a.entity) for a in share.resources.values() if a.status in LIVE}
            & const.IAM_PRINCIPAL_TYPES_REFUSED
        )
        if refused:
            raise _iam_refused(refused[0])
        account = iam.group("account")
    elif _SERVICE.fullmatch(principal):
        raise RamError(
            "InvalidParameterException",
            f"Principal {principal}: {const.MODEL_CARD_RESOURCE_TYPE} cannot be shared with "
            "service principals.",
        )
    else:
        raise RamError(
            "InvalidParameterException",
            f"Principal ID {principal} is malformed. Verify the ID and try again.",
        )
    if account == share.owner:
        raise RamError(
            "InvalidParameterException",
            f"Principal {principal} is the owner of resource share {share.arn}.",
        )
    external = not (world.in_org(share.owner) and world.in_org(account))
    if external and not share.allow_external:
        raise RamError(
            "OperationNotPermittedException",
            f"The resource share {share.arn} does not allow external principals and "
            f"{principal} is not in your organization.",
        )
    return account, external


def _principal_key(principal: str) -> str:
    """The index key of a principal: its account for accounts and IAM ARNs, else itself."""
    iam = IAM_PRINCIPAL_ARN.fullmatch(principal)
    return iam.group("account") if iam is not None else principal


def add_principal(world: World, share: Share, principal: str) -> Association:
    """Associate a principal; send an invitation where AWS would."""
    account, external = _principal_account(world, share, principal)
    existing = share.principals.get(principal)
    if existing is not None and existing.status in LIVE:
        return existing
    index = world.index
    if account is None or world.org_sharing(share.owner, account):
        assoc = _new_assoc(world, share, principal, "PRINCIPAL", external=external)
    else:
        now = world.clock.now()
        assoc = Association(
            entity=principal,
            association_type="PRINCIPAL",
            status="ASSOCIATING",
            created=now,
            updated=now,
            external=external,
        )
        if account not in share.invitations or share.invitations[account].status != "PENDING":
            invitation = Invitation(
                arn=f"arn:{partition(share.region)}:ram:{share.region}:{share.owner}:"
                f"resource-share-invitation/{uuid.uuid4()}",
                share_arn=share.arn,
                share_name=share.name,
                sender=share.owner,
                receiver=account,
                created=now,
                expires_at=now + const.INVITATION_EXPIRY,
            )
            share.invitations[account] = invitation
            index.by_receiver.setdefault((share.region, account), {})[share.arn] = share
            heapq.heappush(index.due, (invitation.expires_at, index.next_seq(), "invite", share))
    share.principals[principal] = assoc
    index.changed()
    index.by_principal.setdefault((share.region, _principal_key(principal)), {})[share.arn] = share
    return assoc


def _new_assoc(
    world: World, share: Share, entity: str, kind: str, *, external: bool = False
) -> Association:
    now = world.clock.now()
    delay = world.association_delay
    assoc = Association(
        entity=entity,
        association_type=kind,
        status="ASSOCIATED" if not delay else "ASSOCIATING",
        created=now,
        updated=now,
        external=external,
        ready_at=now + delay if delay else None,
    )
    if assoc.ready_at is not None:
        index = world.index
        heapq.heappush(index.due, (assoc.ready_at, index.next_seq(), "assoc", share))
    return assoc


# ------------------------------------------------------------------------------ lookups


def find_owned_share(world: World, caller: str, region: str, arn: str | None) -> Share:
    """The caller's share with this ARN, or UnknownResourceException / MalformedArnException."""
    if not arn:
        raise RamError("MissingRequiredParameterException", "resourceShareArn is required.")
    if RESOURCE_SHARE_ARN.fullmatch(arn) is None:
        raise RamError("MalformedArnException", f"The resource share ARN {arn} is not valid.")
    share = ram_state(world, caller, region).shares.get(arn)
    if share is None:
        raise RamError("UnknownResourceException", f"ResourceShare {arn} could not be found.")
    return share


def _current(world: World, share: Share, owners: dict[str, dict[str, Share]]) -> bool:
    """Whether the index entry still is the share its owner holds (not dropped by a reset)."""
    held = owners.get(share.owner)
    if held is None:
        held = owners[share.owner] = ram_state(world, share.owner, share.region).shares
    return held.get(share.arn) is share


def shares_naming(world: World, table: str, region: str, keys: Iterable[str]) -> Iterator[Share]:
    """Shares the index lists under any of ``keys`` in ``region``, each once, in creation order."""
    entries: dict[tuple[str, str], dict[str, Share]] = getattr(world.index, table)
    found: dict[str, Share] = {}
    for key in keys:
        bucket = entries.get((region, key))
        if bucket:
            found.update(bucket)
    owners: dict[str, dict[str, Share]] = {}
    for share in sorted(found.values(), key=lambda s: s.seq):
        if _current(world, share, owners):
            yield share


def granting_shares(world: World, caller: str, region: str) -> list[Share]:
    """Active shares of other accounts in ``region`` whose ASSOCIATED principals cover caller.

    Cached until the shares change (:meth:`RamIndex.changed`), so paging through them costs
    one computation, not one per page.
    """
    key = ("granting", caller, region)
    cached = world.index.cache.get(key)
    if cached is None:
        cached = world.index.cache[key] = _granting(world, caller, region)
    return list(cached)


def _granting(world: World, caller: str, region: str) -> list[Share]:
    return [
        share
        for share in shares_naming(world, "by_principal", region, world.principal_keys(caller))
        if share.owner != caller
        and share.status == "ACTIVE"
        and any(
            a.status == "ASSOCIATED" and world.covers(p, caller)
            for p, a in share.principals.items()
        )
    ]


def resource_actions(world: World, caller: str, arn: str, region: str) -> set[str] | None:
    """The actions the caller may perform on a foreign resource, or None if nothing shares it."""
    actions: set[str] | None = None
    keys = set(world.principal_keys(caller))
    for share in shares_naming(world, "by_resource", region, [arn]):
        assoc = share.resources.get(arn)
        if assoc is None or assoc.status != "ASSOCIATED" or share.status != "ACTIVE":
            continue
        if share.owner == caller or not any(
            a.status == "ASSOCIATED" and _principal_key(p) in keys and world.covers(p, caller)
            for p, a in share.principals.items()
        ):
            continue
        permission = share_permissions(share).get(resource_type_of(arn))
        allowed = permission_actions(world, permission, region) if permission else ()
        actions = (actions or set()) | set(allowed)
    return actions


def invitations_for(world: World, caller: str, region: str) -> list[tuple[Share, Invitation]]:
    """The invitations sent to ``caller`` in ``region``, oldest first."""
    found = [
        (share, share.invitations[caller])
        for share in shares_naming(world, "by_receiver", region, [caller])
        if caller in share.invitations
    ]
    found.sort(key=lambda pair: (pair[1].created, pair[1].arn))
    return found


# ---------------------------------------------------------------------------- transitions


def tick_ram(world: World) -> None:
    """Apply due transitions (ASSOCIATING -> ASSOCIATED, invitation expiry); cost: due ones."""
    now = world.clock.now()
    due = world.index.due
    while due and due[0][0] <= now:
        _when, _seq, _kind, share = heapq.heappop(due)
        _settle(world, share, now)
        world.index.changed()


def _settle(world: World, share: Share, now: datetime) -> None:
    for assoc in [*share.resources.values(), *share.principals.values()]:
        if assoc.status == "ASSOCIATING" and assoc.ready_at and assoc.ready_at <= now:
            assoc.status = "ASSOCIATED"
            assoc.updated = assoc.ready_at
            assoc.ready_at = None
    for account, invitation in share.invitations.items():
        if invitation.status == "PENDING" and invitation.expires_at <= now:
            invitation.status = "EXPIRED"
            for principal, assoc in share.principals.items():
                if assoc.status == "ASSOCIATING" and world.covers(principal, account):
                    assoc.status = "DISASSOCIATED"
                    assoc.updated = invitation.expires_at
                    assoc.status_message = "The invitation expired."


# ------------------------------------------------------------------------------- shapes


def share_dict(share: Share) -> dict[str, Any]:
    """The ResourceShare shape of a share."""
    return {
        "resourceShareArn": share.arn,
        "name": share.name,
        "owningAccountId": share.owner,
        "allowExternalPrincipals": share.allow_external,
        "status": share.status,
        "tags": [{"key": k, "value": v} for k, v in share.tags.items()],
        "creationTime": _ts(share.created),
        "lastUpdatedTime": _ts(share.updated),
        "featureSet": "STANDARD",
    }


def association_dict(
    share: Share, assoc: Association, *, status: str | None = None
) -> dict[str, Any]:
    """The ResourceShareAssociation shape of a principal or resource association."""
    result: dict[str, Any] = {
        "resourceShareArn": share.arn,
        "resourceShareName": share.name,
        "associatedEntity": assoc.entity,
        "associationType": assoc.association_type,
        "status": status or assoc.status,
        "creationTime": _ts(assoc.created),
        "lastUpdatedTime": _ts(assoc.updated),
        "external": assoc.external,
    }
    if assoc.status_message:
        result["statusMessage"] = assoc.status_message
    return result


def invitation_dict(invitation: Invitation) -> dict[str, Any]:
    """The ResourceShareInvitation shape of an invitation."""
    return {
        "resourceShareInvitationArn": invitation.arn,
        "resourceShareName": invitation.share_name,
        "resourceShareArn": invitation.share_arn,
        "senderAccountId": invitation.sender,
        "receiverAccountId": invitation.receiver,
        "invitationTimestamp": _ts(invitation.created),
        "status": invitation.status,
    }


def resource_dict(share: Share, assoc: Association) -> dict[str, Any]:
    """The Resource shape (ListResources, ListPendingInvitationResources)."""
    return {
        "arn": assoc.entity,
        "type": resource_type_of(assoc.entity),
        "resourceShareArn": share.arn,
        "status": "AVAILABLE",
        "creationTime": _ts(assoc.created),
        "lastUpdatedTime": _ts(assoc.updated),
        "resourceRegionScope": "REGIONAL",
    }
