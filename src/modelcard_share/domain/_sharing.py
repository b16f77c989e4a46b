"""Idempotent, convergent sharing of one model card through AWS RAM.

The invariant: for each (card, access level) at most one of this project's
shares exists, found by its tags. ``share_card`` reads before it writes, so
running it again changes nothing. When two processes race to create the
share, both creates may succeed; every caller then reconciles: the oldest
share (ties broken by ARN) wins, the principals of the others are moved onto
it, and the others are deleted. All callers pick the same winner, so the
outcome converges whichever process gets there first.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from modelcard_share.aws import Access, new_client_token
from modelcard_share.errors import (
    AwsError,
    ConfigurationError,
    ExternalSharingError,
    NotFoundError,
    NotOwnerError,
)

from ._arn import Principal, parse_principal
from ._context import Context
from ._share import (
    TAG_ACCESS,
    TAG_CARD,
    AssociationStatus,
    PrincipalAssociation,
    ResourceShare,
    ShareStatus,
)

if TYPE_CHECKING:
    from ._card import ModelCard

__all__ = [
    "MODEL_CARD_RESOURCE_TYPE",
    "PERMISSION_NAMES",
    "READ_ONLY_ACTIONS",
    "card_principals",
    "card_shares",
    "find_shares",
    "permission_arn",
    "share_card",
    "unshare_card",
]

_log = logging.getLogger("modelcard_share")

#: The RAM resource type of SageMaker model cards.
MODEL_CARD_RESOURCE_TYPE = "sagemaker:ModelCard"

#: The RAM permission used for each access level. The first two are AWS managed;
#: AWS has no managed read-only permission for model cards, so read-only uses a
#: customer managed permission that this SDK creates once per region.
PERMISSION_NAMES: Mapping[Access, str] = {
    Access.READ_WRITE: "AWSRAMPermissionSageMakerModelCards",
    Access.EXPORT: "AWSRAMPermissionSageMakerModelCardsAllowExport",
    Access.READ_ONLY: "ModelCardShareReadOnly",
}

#: The actions of the read-only customer managed permission.
READ_ONLY_ACTIONS = ("sagemaker:DescribeModelCard", "sagemaker:ListModelCardVersions")


def _access(access: Access | str) -> Access:
    try:
        return Access(access)
    except ValueError:
        allowed = ", ".join(a.value for a in Access)
        raise ConfigurationError(f"unknown access level {access!r}; use one of {allowed}") from None


def _principal(card: ModelCard, principal: str) -> Principal:
    names = {a.name: a.account_id for a in card.topology} if card.topology else None
    return parse_principal(principal, names=names, partition=card.partition)


def _require_owner(card: ModelCard, operation: str) -> None:
    if not card.is_owned:
        raise NotOwnerError(
            f"model card {card.name} belongs to account {card.owner_account_id}; only its "
            "owner can share it (you can share only what you own, not what was shared with you)",
            operation=operation,
            resource=card.arn,
            account_id=card.context.account_id,
        )


# ------------------------------------------------------------------ permissions


def permission_arn(ctx: Context, access: Access) -> str:
    """Return the ARN of the RAM permission for ``access``, creating read-only once.

    Looked up with ListPermissions (never hard-coded) and remembered per session
    and region.
    """
    return ctx.memo(("permission", ctx.region, access), lambda: _resolve_permission(ctx, access))


def _find_permission(ctx: Context, name: str) -> str | None:
    for item in ctx.pages(
        "ram",
        "list_permissions",
        items="permissions",
        resourceType=MODEL_CARD_RESOURCE_TYPE,
        permissionType="ALL",
    ):
        if item.get("name") == name:
            return str(item["arn"])
    return None


def _resolve_permission(ctx: Context, access: Access) -> str:
    name = PERMISSION_NAMES[access]
    found = _find_permission(ctx, name)
    if found:
        return found
    if access is not Access.READ_ONLY:
        raise NotFoundError(
            f"AWS managed RAM permission {name} is not available in {ctx.region}",
            operation="ListPermissions",
            resource=name,
        )
    template = {"Effect": "Allow", "Action": list(READ_ONLY_ACTIONS)}
    try:
        response = ctx.call(
            "ram",
            "create_permission",
            resource=name,
            name=name,
            resourceType=MODEL_CARD_RESOURCE_TYPE,
            policyTemplate=json.dumps(template),
            clientToken=new_client_token(),
        )
    except AwsError as err:
        if err.code != "PermissionAlreadyExistsException":
            raise
        found = _find_permission(ctx, name)  # another process created it first
        if found:
            return found
        raise
    _log.info("created customer managed RAM permission %s", name)
    return str(response["permission"]["arn"])


# ------------------------------------------------------------------ shares


def find_shares(ctx: Context, card_arn: str, access: Access | None = None) -> list[ResourceShare]:
    """Return this project's live shares of a card, oldest first (one GetResourceShares call)."""
    filters = [{"tagKey": TAG_CARD, "tagValues": [card_arn]}]
    shares = [
        ResourceShare(ctx, item)
        for item in ctx.pages(
            "ram",
            "get_resource_shares",
            items="resourceShares",
            resource=card_arn,
            resourceOwner="SELF",
            tagFilters=filters,
        )
    ]
    live = [
        s
        for s in shares
        if s.card_arn == card_arn
        and s.status in (ShareStatus.PENDING, ShareStatus.ACTIVE)
        and (access is None or s.access is access)
    ]
    return sorted(live, key=lambda s: (s.creation_time is None, s.creation_time, s.arn))


def _share_name(card: ModelCard, access: Access) -> str:
    return f"modelcard-{card.name}-{access.value}"


def _create_share(
    card: ModelCard, access: Access, principals: Sequence[Principal], allow_external: bool
) -> ResourceShare:
    ctx = card.context
    response = ctx.call(
        "ram",
        "create_resource_share",
        resource=card.arn,
        name=_share_name(card, access),
        resourceArns=[card.arn],
        principals=[p.value for p in principals],
        permissionArns=[permission_arn(ctx, access)],
        allowExternalPrincipals=allow_external,
        tags=[
            {"key": TAG_CARD, "value": card.arn},
            {"key": TAG_ACCESS, "value": access.value},
        ],
        clientToken=new_client_token(),
    )
    _log.info("created %s share of %s with %s", access.value, card.name, _names(principals))
    return ResourceShare(ctx, response["resourceShare"])


def _names(principals: Sequence[Principal]) -> str:
    return ", ".join(str(p) for p in principals)


def _reconcile(ctx: Context, shares: list[ResourceShare]) -> ResourceShare:
    """Keep the oldest share, move the others' principals onto it, delete the others."""
    winner, losers = shares[0], shares[1:]
    for loser in losers:
        moved = [a.entity for a in loser.principals() if a.status.is_live]
        if moved:
            _associate(ctx, winner, moved, allow_external=loser.allow_external_principals)
        _log.warning("removing duplicate share %s of %s", loser.arn, winner.card_arn)
        loser.delete()
    return winner


def _associate(
    ctx: Context, share: ResourceShare, principals: Sequence[str], *, allow_external: bool
) -> None:
    """Add principals (account ids, OU or organization ARNs) to an existing share."""
    if allow_external and not share.allow_external_principals:
        ctx.call(
            "ram",
            "update_resource_share",
            resource=share.arn,
            resourceShareArn=share.arn,
            allowExternalPrincipals=True,
            clientToken=new_client_token(),
        )
    ctx.call(
        "ram",
        "associate_resource_share",
        resource=share.arn,
        resourceShareArn=share.arn,
        principals=list(principals),
        clientToken=new_client_token(),
    )
    _log.info("shared %s with %s", share.name, ", ".join(principals))


def _live_principals(
    share: ResourceShare, targets: Sequence[Principal]
) -> dict[str, PrincipalAssociation]:
    """Return the live associations of ``targets`` (one call for one target, else one listing)."""
    if len(targets) == 1:
        found = share.principal(targets[0].value)
        associations = [found] if found is not None else []
    else:
        associations = share.principals()
    return {a.entity: a for a in associations if a.status.is_live}


def share_card(
    card: ModelCard,
    principals: Sequence[str],
    *,
    access: Access | str,
    allow_external: bool,
    wait: bool,
    timeout: float,
) -> ResourceShare:
    """Share ``card`` with ``principals`` at ``access``; see :meth:`ModelCard.share_with`."""
    level = _access(access)
    targets = list({t.value: t for t in (_principal(card, p) for p in principals)}.values())
    if not targets:
        raise ConfigurationError("share_with needs at least one principal")
    _require_owner(card, "CreateResourceShare")
    ctx = card.context
    try:
        shares = find_shares(ctx, card.arn, level)
        if not shares:
            _create_share(card, level, targets, allow_external)
            shares = find_shares(ctx, card.arn, level)  # a racing process may have created one too
            share = _reconcile(ctx, shares) if len(shares) > 1 else shares[0]
        else:
            share = _reconcile(ctx, shares) if len(shares) > 1 else shares[0]
            live = _live_principals(share, targets)
            missing = [t for t in targets if t.value not in live]
            if missing:
                _associate(ctx, share, [m.value for m in missing], allow_external=allow_external)
    except AwsError as err:
        raise _external_error(err, targets, allow_external) from err.__cause__
    if wait:
        live = _live_principals(share, targets)
        for target in targets:
            association = live.get(target.value)
            if association is None or not association.awaits_invitation:
                share.wait_until_associated(target.value, timeout=timeout)
    return share


def _external_error(
    err: AwsError, principals: Sequence[Principal], allow_external: bool
) -> AwsError:
    """Say clearly when RAM refused a principal because it is outside the organization."""
    if err.code == "OperationNotPermittedException" and not allow_external:
        return ExternalSharingError(
            f"RAM refused to share with {_names(principals)}: {err.args[0]}",
            code=err.code,
            operation=err.operation,
            http_status=err.http_status,
            request_id=err.request_id,
            resource=err.resource,
        )
    return err


def unshare_card(
    card: ModelCard, principal: str, *, access: Access | str | None
) -> list[ResourceShare]:
    """Remove ``principal`` from the card's shares; see :meth:`ModelCard.unshare`."""
    level = _access(access) if access is not None else None
    target = _principal(card, principal)
    _require_owner(card, "DisassociateResourceShare")
    ctx = card.context
    removed = []
    for share in find_shares(ctx, card.arn, level):
        association = share.principal(target.value)
        if association is None or not association.status.is_live:
            continue
        ctx.call(
            "ram",
            "disassociate_resource_share",
            resource=share.arn,
            resourceShareArn=share.arn,
            principals=[target.value],
            clientToken=new_client_token(),
        )
        _log.info("removed %s from %s", target, share.name)
        removed.append(share)
    return removed


def card_shares(card: ModelCard) -> list[ResourceShare]:
    """Return the project's live shares of ``card``, oldest first."""
    return find_shares(card.context, card.arn)


def card_principals(card: ModelCard) -> list[PrincipalAssociation]:
    """Return every principal of the card's shares (one call for all shares)."""
    shares = {s.arn: s for s in card_shares(card)}
    if not shares:
        return []
    params: dict[str, Any] = {
        "associationType": "PRINCIPAL",
        "resourceShareArns": list(shares),
    }
    return [
        PrincipalAssociation.from_api(item, shares[item["resourceShareArn"]].access)
        for item in card.context.pages(
            "ram",
            "get_resource_share_associations",
            items="resourceShareAssociations",
            resource=card.arn,
            **params,
        )
        if AssociationStatus(item["status"]) is not AssociationStatus.DISASSOCIATED
    ]
