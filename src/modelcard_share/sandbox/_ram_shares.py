"""RAM share logic: principals, resources, invitations and what a share grants."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any

from moto.ram.models import ResourceShare
from moto.sagemaker.models import sagemaker_backends

from modelcard_share.sandbox import _constants as const
from modelcard_share.sandbox._backends import ram_state, ram_states
from modelcard_share.sandbox._errors import RamError
from modelcard_share.sandbox._permissions import permission_actions
from modelcard_share.sandbox._world import Association, Invitation, Share, World

__all__ = [
    "INVITATION_ARN",
    "add_principal",
    "add_resource",
    "association_dict",
    "card_actions",
    "find_owned_share",
    "granting_shares",
    "invitation_dict",
    "resource_type_of",
    "share_dict",
    "tick_ram",
]

INVITATION_ARN = re.compile(r"^arn:aws[a-z-]*:ram:[a-z0-9-]+:\d{12}:resource-share-invitation/.+$")
_ACCOUNT = re.compile(r"^\d{12}$")
_IAM = re.compile(r"^arn:aws(-cn|-us-gov)?:iam::(\d{12}):(role|user)/.+$")
_ORG = re.compile(r"^arn:aws:organizations::\d{12}:organization/(o-\w+)$")
_OU = re.compile(r"^arn:aws:organizations::\d{12}:ou/(o-\w+)/(ou-[\w-]+)$")
_SERVICE = re.compile(r"^[a-z0-9-]+\.amazonaws\.com$")
_RESOURCE_ARN = re.compile(r"^arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):(\d{12}):([a-z-]+)[/:](.+)$")
_CARD_ARN = re.compile(r"^arn:aws[a-z-]*:sagemaker:([a-z0-9-]+):(\d{12}):model-card/(.+)$")


def _ts(value: datetime) -> float:
    return value.timestamp()


def resource_type_of(arn: str) -> str:
    """The RAM resource type of an ARN (``sagemaker:ModelCard`` for model cards)."""
    match = _RESOURCE_ARN.match(arn)
    if match is None:
        return "unknown"
    if match.group(1) == "sagemaker" and match.group(4) == const.MODEL_CARD_ARN_SEGMENT:
        return const.MODEL_CARD_RESOURCE_TYPE
    return f"{match.group(1)}:{match.group(4)}"


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


def find_owned_share(world: World, caller: str, region: str, arn: str | None) -> Share:
    """The caller's share with this ARN, or UnknownResourceException / MalformedArnException."""
    if not arn:
        raise RamError("MissingRequiredParameterException", "resourceShareArn is required.")
    if not arn.startswith("arn:") or ":resource-share/" not in arn:
        raise RamError("MalformedArnException", f"The resource share ARN {arn} is not valid.")
    share = ram_state(world, caller, region).shares.get(arn)
    if share is None:
        raise RamError("UnknownResourceException", f"ResourceShare {arn} could not be found.")
    return share


def _new_assoc(world: World, entity: str, kind: str, *, external: bool = False) -> Association:
    now = world.clock.now()
    delay = world.association_delay
    return Association(
        entity=entity,
        association_type=kind,
        status="ASSOCIATED" if not delay else "ASSOCIATING",
        created=now,
        updated=now,
        external=external,
        ready_at=now + delay if delay else None,
    )


def add_resource(world: World, share: Share, arn: str) -> Association:
    """Associate a resource with the share after checking it exists and the owner owns it."""
    match = _RESOURCE_ARN.match(arn)
    if match is None:
        raise RamError(
            "MalformedArnException",
            f"The specified resource ARN {arn} is not valid. Verify the ARN and try again.",
        )
    if match.group(4) not in ResourceShare.SHAREABLE_RESOURCES:
        raise RamError("MalformedArnException", "You cannot share the selected resource type.")
    card = _CARD_ARN.match(arn)
    if card is not None:
        _check_card_owned(share, arn, card.group(1), card.group(2), card.group(3))
    existing = share.resources.get(arn)
    if existing is not None and existing.status in {"ASSOCIATED", "ASSOCIATING"}:
        return existing
    assoc = _new_assoc(world, arn, "RESOURCE")
    share.resources[arn] = assoc
    return assoc


def _check_card_owned(share: Share, arn: str, region: str, account: str, name: str) -> None:
    exists = (
        region == share.region
        and account == share.owner
        and name in sagemaker_backends[account][region].model_cards
    )
    if not exists:
        raise RamError(
            const.NOT_OWNED_RESOURCE_ERROR,
            f"The resource {arn} could not be found in account {share.owner} "
            f"region {share.region}; you can share only model cards you own.",
        )


def _principal_accounts(world: World, share: Share, principal: str) -> tuple[str | None, bool]:
    """Validate a principal; return (account id or None for org/OU, external)."""
    if _ORG.match(principal) or _OU.match(principal):
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
    iam = _IAM.match(principal)
    if _ACCOUNT.match(principal):
        account = principal
    elif iam is not None:
        account = iam.group(2)
    elif _SERVICE.match(principal):
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


def add_principal(world: World, share: Share, principal: str) -> Association:
    """Associate a principal; send an invitation where AWS would."""
    account, external = _principal_accounts(world, share, principal)
    existing = share.principals.get(principal)
    if existing is not None and existing.status in {"ASSOCIATED", "ASSOCIATING"}:
        return existing
    if account is None or world.org_sharing(share.owner, account):
        assoc = _new_assoc(world, principal, "PRINCIPAL", external=external)
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
            share.invitations[account] = Invitation(
                arn=f"arn:aws:ram:{share.region}:{share.owner}:resource-share-invitation/"
                f"{uuid.uuid4()}",
                share_arn=share.arn,
                share_name=share.name,
                sender=share.owner,
                receiver=account,
                created=now,
                expires_at=now + const.INVITATION_EXPIRY,
            )
    share.principals[principal] = assoc
    return assoc


def granting_shares(world: World, caller: str, region: str) -> list[Share]:
    """Active shares of other accounts in ``region`` whose ASSOCIATED principals cover caller."""
    found: list[Share] = []
    for owner, share_region, state in ram_states(world):
        if owner == caller or share_region != region:
            continue
        found.extend(
            share
            for share in state.shares.values()
            if share.status == "ACTIVE"
            and any(
                a.status == "ASSOCIATED" and world.covers(p, caller)
                for p, a in share.principals.items()
            )
        )
    return found


def card_actions(world: World, caller: str, card_arn: str, region: str) -> set[str] | None:
    """The actions the caller may perform on a foreign card, or None if nothing is shared."""
    actions: set[str] | None = None
    for share in granting_shares(world, caller, region):
        assoc = share.resources.get(card_arn)
        if assoc is None or assoc.status != "ASSOCIATED":
            continue
        actions = (actions or set()) | set(permission_actions(world, share.permission_arn, region))
    return actions


def tick_ram(world: World) -> None:
    """Apply due transitions: ASSOCIATING -> ASSOCIATED, invitation expiry."""
    now = world.clock.now()
    for _owner, _region, state in ram_states(world):
        for share in state.shares.values():
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
