"""Read-only RAM operations: shares, associations, invitations, resources, principals."""

from __future__ import annotations

from typing import Any

from modelcard_share.sandbox._backends import ram_state, ram_states
from modelcard_share.sandbox._errors import RamError
from modelcard_share.sandbox._ram_permissions_api import RamPermissionOperations
from modelcard_share.sandbox._ram_shares import (
    INVITATION_ARN,
    association_dict,
    granting_shares,
    invitation_dict,
    resource_type_of,
    share_dict,
)
from modelcard_share.sandbox._world import Share, World

__all__ = ["RamQueryOperations"]


#: RAM's error for acting on an invitation in a final status.
_FINAL_STATUS_ERRORS = {
    "ACCEPTED": "ResourceShareInvitationAlreadyAcceptedException",
    "REJECTED": "ResourceShareInvitationAlreadyRejectedException",
    "EXPIRED": "ResourceShareInvitationExpiredException",
}


class RamQueryOperations(RamPermissionOperations):
    """Read shares, associations, invitations, resources and principals."""

    def _shares_for(self, world: World, caller: str, p: dict[str, Any]) -> tuple[str, list[Share]]:
        """Return ``resourceOwner`` and its shares: the caller's own, or those granting it."""
        owner = self._owner(p)
        if owner == "SELF":
            return owner, list(ram_state(world, caller, self.region).shares.values())
        return owner, granting_shares(world, caller, self.region)

    def get_resource_shares(self) -> str:
        """GetResourceShares with owner, ARN, name, status, tag and permission filters."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            _, shares = self._shares_for(world, caller, p)
            arns = p.get("resourceShareArns")
            status = p.get("resourceShareStatus")
            name = p.get("name")
            permission = p.get("permissionArn")
            filters = p.get("tagFilters") or []
            selected = [
                s
                for s in shares
                if (not arns or s.arn in arns)
                and (status is None or s.status == status)
                and (name is None or s.name == name)
                and (permission is None or s.permission_arn == permission)
                and all(
                    f.get("tagKey") in s.tags
                    and (not f.get("tagValues") or s.tags[f["tagKey"]] in f["tagValues"])
                    if f.get("tagKey")
                    else (not f.get("tagValues") or set(s.tags.values()) & set(f["tagValues"]))
                    for f in filters
                )
            ]
            selected.sort(key=lambda s: (s.created, s.arn))
            return self._page([share_dict(s) for s in selected], p, "resourceShares", "shares")

        return self._run("GetResourceShares", action)

    def get_resource_share_associations(self) -> str:
        """GetResourceShareAssociations (owner view; a consumer may ask about itself)."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            kind = p.get("associationType")
            if kind not in ("PRINCIPAL", "RESOURCE"):
                raise RamError(
                    "InvalidParameterException",
                    f"{kind} is not a valid association type. Specify either PRINCIPAL or "
                    "RESOURCE and try again.",
                )
            if kind == "PRINCIPAL" and p.get("resourceArn"):
                raise RamError(
                    "InvalidParameterException",
                    "You cannot specify a resource ARN when the association type is PRINCIPAL.",
                )
            if kind == "RESOURCE" and p.get("principal"):
                raise RamError(
                    "InvalidParameterException",
                    "You cannot specify a principal when the association type is RESOURCE.",
                )
            shares = list(ram_state(world, caller, self.region).shares.values())
            if kind == "PRINCIPAL" and p.get("principal") == caller:
                for _owner, region, state in ram_states(world):
                    if region == self.region and _owner != caller:
                        shares += list(state.shares.values())
            arns = p.get("resourceShareArns")
            status = p.get("associationStatus")
            entity = p.get("principal") if kind == "PRINCIPAL" else p.get("resourceArn")
            out = []
            for share in sorted(shares, key=lambda s: (s.created, s.arn)):
                if arns and share.arn not in arns:
                    continue
                table = share.principals if kind == "PRINCIPAL" else share.resources
                for assoc in table.values():
                    if entity and assoc.entity != entity:
                        continue
                    if status and assoc.status != status:
                        continue
                    out.append(association_dict(share, assoc))
            return self._page(out, p, "resourceShareAssociations", "associations")

        return self._run("GetResourceShareAssociations", action)

    def _invitations(self, world: World, caller: str) -> list[tuple[Share, Any]]:
        found = []
        for _owner, region, state in ram_states(world):
            if region != self.region:
                continue
            for share in state.shares.values():
                invitation = share.invitations.get(caller)
                if invitation is not None:
                    found.append((share, invitation))
        found.sort(key=lambda pair: (pair[1].created, pair[1].arn))
        return found

    def _invitation(
        self, world: World, caller: str, arn: str, refused: tuple[str, ...]
    ) -> tuple[Share, Any]:
        """Find the caller's invitation by ARN; RAM's error if its status is in ``refused``."""
        if not INVITATION_ARN.match(arn):
            raise RamError("MalformedArnException", f"The invitation ARN {arn} is not valid.")
        found = [(s, i) for s, i in self._invitations(world, caller) if i.arn == arn]
        if not found:
            raise RamError(
                "ResourceShareInvitationArnNotFoundException",
                f"ResourceShareInvitation {arn} could not be found.",
            )
        share, invitation = found[0]
        if invitation.status in refused:
            raise RamError(
                _FINAL_STATUS_ERRORS[invitation.status],
                f"ResourceShareInvitation {arn} is {invitation.status.lower()}.",
            )
        return share, invitation

    def get_resource_share_invitations(self) -> str:
        """GetResourceShareInvitations for the calling (receiving) account."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            wanted = p.get("resourceShareInvitationArns")
            shares = p.get("resourceShareArns")
            for arn in wanted or []:
                if not INVITATION_ARN.match(arn):
                    raise RamError(
                        "MalformedArnException", f"The invitation ARN {arn} is not valid."
                    )
            out = [
                invitation_dict(inv)
                for _share, inv in self._invitations(world, caller)
                if (not wanted or inv.arn in wanted) and (not shares or inv.share_arn in shares)
            ]
            return self._page(out, p, "resourceShareInvitations", "invitations")

        return self._run("GetResourceShareInvitations", action)

    def list_pending_invitation_resources(self) -> str:
        """ListPendingInvitationResources: what a pending invitation would share."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            arn = p.get("resourceShareInvitationArn") or ""
            share, _ = self._invitation(world, caller, arn, ("REJECTED", "EXPIRED"))
            out = [
                {
                    "arn": assoc.entity,
                    "type": resource_type_of(assoc.entity),
                    "resourceShareArn": share.arn,
                    "status": "AVAILABLE",
                    "creationTime": assoc.created.timestamp(),
                    "lastUpdatedTime": assoc.updated.timestamp(),
                    "resourceRegionScope": "REGIONAL",
                }
                for assoc in share.resources.values()
                if assoc.status in {"ASSOCIATED", "ASSOCIATING"}
            ]
            return self._page(out, p, "resources", "pending-resources")

        return self._run("ListPendingInvitationResources", action)

    def list_resources(self) -> str:
        """ListResources for SELF and OTHER-ACCOUNTS."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            owner = self._owner(p)
            rtype = p.get("resourceType")
            if rtype is not None and rtype.lower() not in self._known_types():
                raise RamError("InvalidResourceTypeException", f"Invalid resource type: {rtype}")
            if owner == "SELF":
                shares = list(ram_state(world, caller, self.region).shares.values())
                live = {"ASSOCIATED", "ASSOCIATING"}
            else:
                shares = granting_shares(world, caller, self.region)
                live = {"ASSOCIATED"}
            principal = p.get("principal")
            arns = p.get("resourceArns")
            share_arns = p.get("resourceShareArns")
            out = []
            for share in sorted(shares, key=lambda s: (s.created, s.arn)):
                if share.status != "ACTIVE" or (share_arns and share.arn not in share_arns):
                    continue
                if principal and not any(
                    a.status in live
                    and (a.entity == principal or world.covers(a.entity, principal))
                    for a in share.principals.values()
                ):
                    continue
                for assoc in share.resources.values():
                    kind = resource_type_of(assoc.entity)
                    if assoc.status not in live or (arns and assoc.entity not in arns):
                        continue
                    if rtype is not None and kind.lower() != rtype.lower():
                        continue
                    out.append(
                        {
                            "arn": assoc.entity,
                            "type": kind,
                            "resourceShareArn": share.arn,
                            "status": "AVAILABLE",
                            "creationTime": assoc.created.timestamp(),
                            "lastUpdatedTime": assoc.updated.timestamp(),
                            "resourceRegionScope": "REGIONAL",
                        }
                    )
            return self._page(out, p, "resources", "resources")

        return self._run("ListResources", action)

    def list_principals(self) -> str:
        """ListPrincipals for SELF and OTHER-ACCOUNTS."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            owner, shares = self._shares_for(world, caller, p)
            resource = p.get("resourceArn")
            wanted = p.get("principals")
            rtype = p.get("resourceType")
            share_arns = p.get("resourceShareArns")
            out = []
            for share in sorted(shares, key=lambda s: (s.created, s.arn)):
                if share.status != "ACTIVE" or (share_arns and share.arn not in share_arns):
                    continue
                live = [a for a in share.resources.values() if a.status != "DISASSOCIATED"]
                if resource and all(a.entity != resource for a in live):
                    continue
                if rtype and all(resource_type_of(a.entity).lower() != rtype.lower() for a in live):
                    continue
                for assoc in share.principals.values():
                    if assoc.status not in {"ASSOCIATED", "ASSOCIATING"}:
                        continue
                    if owner == "OTHER-ACCOUNTS" and not world.covers(assoc.entity, caller):
                        continue
                    if wanted and assoc.entity not in wanted:
                        continue
                    out.append(
                        {
                            "id": assoc.entity,
                            "resourceShareArn": share.arn,
                            "creationTime": assoc.created.timestamp(),
                            "lastUpdatedTime": assoc.updated.timestamp(),
                            "external": assoc.external,
                        }
                    )
            return self._page(out, p, "principals", "principals")

        return self._run("ListPrincipals", action)
