"""moto's RAM response class, extended with every operation model-card sharing needs."""

from __future__ import annotations

import uuid
from typing import Any

from modelcard_share.sandbox import _constants as const
from modelcard_share.sandbox._backends import ram_state
from modelcard_share.sandbox._errors import RamError
from modelcard_share.sandbox._permissions import (
    DEFAULT_PERMISSION_ARN,
    resolve_permission,
)
from modelcard_share.sandbox._ram_queries import RamQueryOperations
from modelcard_share.sandbox._ram_shares import (
    add_principal,
    add_resource,
    association_dict,
    find_owned_share,
    granting_shares,
    invitation_dict,
    share_dict,
)
from modelcard_share.sandbox._world import Share, World

__all__ = ["OPERATIONS", "SandboxRamResponse"]

#: Every RAM operation the sandbox serves (lower-case request URI without the slash).
OPERATIONS = (
    "acceptresourceshareinvitation",
    "associateresourceshare",
    "associateresourcesharepermission",
    "createpermission",
    "createresourceshare",
    "deleteresourceshare",
    "disassociateresourceshare",
    "enablesharingwithawsorganization",
    "getpermission",
    "getresourceshareassociations",
    "getresourceshareinvitations",
    "getresourceshares",
    "listpendinginvitationresources",
    "listpermissions",
    "listprincipals",
    "listresources",
    "listresourcesharepermissions",
    "listresourcetypes",
    "rejectresourceshareinvitation",
    "updateresourceshare",
)


class SandboxRamResponse(RamQueryOperations):
    """RAM served from the sandbox world; state lives on moto's RAM backends."""

    def create_resource_share(self) -> str:
        """CreateResourceShare."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            if not p.get("name"):
                raise RamError("MissingRequiredParameterException", "name is required.")
            permission = DEFAULT_PERMISSION_ARN
            for arn in p.get("permissionArns") or []:
                permission = resolve_permission(world, arn, self.region, caller)
            now = world.clock.now()
            share = Share(
                arn=f"arn:aws:ram:{self.region}:{caller}:resource-share/{uuid.uuid4()}",
                name=p["name"],
                owner=caller,
                region=self.region,
                allow_external=bool(p.get("allowExternalPrincipals", True)),
                created=now,
                updated=now,
                permission_arn=permission,
                tags={t["key"]: t.get("value", "") for t in p.get("tags") or []},
            )
            for arn in p.get("resourceArns") or []:
                add_resource(world, share, arn)
            for principal in p.get("principals") or []:
                add_principal(world, share, principal)
            ram_state(world, caller, self.region).shares[share.arn] = share
            return {"resourceShare": share_dict(share)}

        return self._run("CreateResourceShare", action)

    def update_resource_share(self) -> str:
        """UpdateResourceShare (changes only the fields given)."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            share = find_owned_share(world, caller, self.region, p.get("resourceShareArn"))
            if "name" in p:
                share.name = p["name"]
            if "allowExternalPrincipals" in p:
                share.allow_external = bool(p["allowExternalPrincipals"])
            share.updated = world.clock.now()
            return {"resourceShare": share_dict(share)}

        return self._run("UpdateResourceShare", action)

    def delete_resource_share(self) -> str:
        """DeleteResourceShare."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            share = find_owned_share(world, caller, self.region, p.get("resourceShareArn"))
            if share.status == "DELETED":
                raise RamError(
                    "UnknownResourceException", f"ResourceShare {share.arn} could not be found."
                )
            if any(
                a.status == "ASSOCIATING" and a.ready_at is not None
                for a in [*share.resources.values(), *share.principals.values()]
            ):
                raise RamError(
                    "InvalidStateTransitionException",
                    f"ResourceShare {share.arn} has associations in ASSOCIATING state.",
                )
            now = world.clock.now()
            share.status = "DELETED"
            share.updated = now
            for assoc in [*share.resources.values(), *share.principals.values()]:
                assoc.status = "DISASSOCIATED"
                assoc.updated = now
            for invitation in share.invitations.values():
                if invitation.status == "PENDING":
                    invitation.status = "EXPIRED"
            return {"returnValue": True}

        return self._run("DeleteResourceShare", action)

    def associate_resource_share(self) -> str:
        """AssociateResourceShare (resources and principals)."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            share = find_owned_share(world, caller, self.region, p.get("resourceShareArn"))
            if share.status != "ACTIVE":
                raise RamError(
                    "InvalidStateTransitionException",
                    f"ResourceShare {share.arn} is {share.status}.",
                )
            result = [
                association_dict(share, add_resource(world, share, arn))
                for arn in p.get("resourceArns") or []
            ]
            result += [
                association_dict(share, add_principal(world, share, principal))
                for principal in p.get("principals") or []
            ]
            share.updated = world.clock.now()
            return {"resourceShareAssociations": result}

        return self._run("AssociateResourceShare", action)

    def disassociate_resource_share(self) -> str:
        """DisassociateResourceShare; a consumer cannot leave a model-card share."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            arn = p.get("resourceShareArn")
            own = ram_state(world, caller, self.region).shares.get(arn or "")
            if own is None and any(
                s.arn == arn for s in granting_shares(world, caller, self.region)
            ):
                raise RamError(
                    const.LEAVE_SHARE_ERROR,
                    f"Account {caller} cannot leave resource share {arn}; ask its owner "
                    "to remove the account.",
                )
            share = find_owned_share(world, caller, self.region, arn)
            now = world.clock.now()
            result = []
            for kind, table, entities in (
                ("resource", share.resources, p.get("resourceArns") or []),
                ("principal", share.principals, p.get("principals") or []),
            ):
                for entity in entities:
                    assoc = table.get(entity)
                    if assoc is None or assoc.status == "DISASSOCIATED":
                        raise RamError(
                            "UnknownResourceException",
                            f"The {kind} {entity} is not associated with {share.arn}.",
                        )
                    assoc.status = "DISASSOCIATED"
                    assoc.updated = now
                    result.append(association_dict(share, assoc, status="DISASSOCIATING"))
                    if kind == "principal":
                        for account, invitation in share.invitations.items():
                            if invitation.status == "PENDING" and world.covers(entity, account):
                                invitation.status = "EXPIRED"
            share.updated = now
            return {"resourceShareAssociations": result}

        return self._run("DisassociateResourceShare", action)

    def _answer(self, operation: str, accept: bool) -> str:
        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            arn = p.get("resourceShareInvitationArn") or ""
            share, invitation = self._invitation(
                world, caller, arn, ("ACCEPTED", "REJECTED", "EXPIRED")
            )
            now = world.clock.now()
            invitation.status = "ACCEPTED" if accept else "REJECTED"
            for principal, assoc in share.principals.items():
                if assoc.status == "ASSOCIATING" and world.covers(principal, caller):
                    assoc.status = "ASSOCIATED" if accept else "DISASSOCIATED"
                    assoc.updated = now
            return {"resourceShareInvitation": invitation_dict(invitation)}

        return self._run(operation, action)

    def accept_resource_share_invitation(self) -> str:
        """AcceptResourceShareInvitation."""
        return self._answer("AcceptResourceShareInvitation", accept=True)

    def reject_resource_share_invitation(self) -> str:
        """RejectResourceShareInvitation."""
        return self._answer("RejectResourceShareInvitation", accept=False)

    def enable_sharing_with_aws_organization(self) -> str:
        """EnableSharingWithAwsOrganization (management account only)."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            if world.organization_id is None or caller != world.management_account_id:
                raise RamError(
                    "OperationNotPermittedException",
                    "Unable to enable sharing with AWS Organizations: only the management "
                    "account of an organization can do this.",
                )
            world.sharing_enabled = True
            return {"returnValue": True}

        return self._run("EnableSharingWithAwsOrganization", action)
