"""moto's RAM response class, extended with every operation model-card sharing needs."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

from moto.ram.responses import ResourceAccessManagerResponse

from modelcard_share.sandbox import _constants as const
from modelcard_share.sandbox._backends import ram_state, ram_states
from modelcard_share.sandbox._errors import RamError
from modelcard_share.sandbox._paging import paginate
from modelcard_share.sandbox._permissions import (
    DEFAULT_PERMISSION_ARN,
    customer_permission_arn,
    customer_summary,
    managed_permission_arn,
    parse_policy_template,
    permission_detail,
    permission_summary,
    resolve_permission,
)
from modelcard_share.sandbox._ram_shares import (
    add_principal,
    add_resource,
    association_dict,
    find_owned_share,
    granting_shares,
    invitation_dict,
    resource_type_of,
    share_dict,
)
from modelcard_share.sandbox._transitions import tick
from modelcard_share.sandbox._world import CustomerPermission, Share, World, active_world

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
    "listpermissions",
    "listprincipals",
    "listresources",
    "listresourcesharepermissions",
    "listresourcetypes",
    "rejectresourceshareinvitation",
    "updateresourceshare",
)
_INVITATION_ARN = re.compile(r"^arn:aws[a-z-]*:ram:[a-z0-9-]+:\d{12}:resource-share-invitation/.+$")
_OWNERS = ("SELF", "OTHER-ACCOUNTS")


class SandboxRamResponse(ResourceAccessManagerResponse):
    """RAM served from the sandbox world; state lives on moto's RAM backends."""

    # ------------------------------------------------------------------ plumbing

    def _params(self) -> dict[str, Any]:
        try:
            body = json.loads(self.body) if self.body else {}
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        query = parse_qs(self.parsed_url.query) if hasattr(self, "parsed_url") else {}
        for key, values in query.items():
            body.setdefault(key, values[0])
        return body

    def _run(
        self, operation: str, action: Callable[[World, str, dict[str, Any]], dict[str, Any]]
    ) -> str:
        world = active_world()
        caller = self.current_account
        params = self._params()
        with world.lock:
            tick(world)
            token = params.get("clientToken")
            if token is None:
                return json.dumps(action(world, caller, params))
            state = ram_state(world, caller, self.region)
            fingerprint = json.dumps(
                {k: v for k, v in params.items() if k != "clientToken"}, sort_keys=True
            )
            seen = state.tokens.get(token)
            if seen is not None:
                if seen[0] != operation or seen[1] != fingerprint:
                    raise RamError(
                        "IdempotentParameterMismatchException",
                        f"The client token {token} was already used with different parameters.",
                    )
                return seen[2]
            result = action(world, caller, params)
            result["clientToken"] = token
            body = json.dumps(result)
            state.tokens[token] = (operation, fingerprint, body)
            return body

    def _page(
        self, items: list[Any], params: dict[str, Any], key: str, scope: str
    ) -> dict[str, Any]:
        max_results = params.get("maxResults")
        if max_results is not None and not 1 <= int(max_results) <= const.RAM_MAX_RESULTS:
            raise RamError(
                "InvalidMaxResultsException",
                f"maxResults must be between 1 and {const.RAM_MAX_RESULTS}, got {max_results}.",
            )
        filters = {k: v for k, v in params.items() if k not in ("nextToken", "maxResults")}
        page, token = paginate(
            items,
            max_results=None if max_results is None else int(max_results),
            next_token=params.get("nextToken"),
            scope=f"{self.current_account}:{scope}:{json.dumps(filters, sort_keys=True)}",
            default_size=const.RAM_DEFAULT_PAGE_SIZE,
            on_bad_token=lambda m: RamError("InvalidNextTokenException", m),
        )
        result: dict[str, Any] = {key: page}
        if token:
            result["nextToken"] = token
        return result

    @staticmethod
    def _owner(params: dict[str, Any]) -> str:
        owner = params.get("resourceOwner")
        if owner not in _OWNERS:
            raise RamError(
                "InvalidParameterException",
                f"{owner} is not a valid resource owner. Specify either SELF or OTHER-ACCOUNTS "
                "and try again.",
            )
        return str(owner)

    # ------------------------------------------------------------------ shares

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

    def get_resource_shares(self) -> str:
        """GetResourceShares with owner, ARN, name, status, tag and permission filters."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            owner = self._owner(p)
            if owner == "SELF":
                shares = list(ram_state(world, caller, self.region).shares.values())
            else:
                shares = granting_shares(world, caller, self.region)
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

    # ------------------------------------------------------------ associations

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

    # ------------------------------------------------------------- invitations

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

    def get_resource_share_invitations(self) -> str:
        """GetResourceShareInvitations for the calling (receiving) account."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            wanted = p.get("resourceShareInvitationArns")
            shares = p.get("resourceShareArns")
            for arn in wanted or []:
                if not _INVITATION_ARN.match(arn):
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

    def _answer(self, operation: str, accept: bool) -> str:
        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            arn = p.get("resourceShareInvitationArn") or ""
            if not _INVITATION_ARN.match(arn):
                raise RamError("MalformedArnException", f"The invitation ARN {arn} is not valid.")
            match = [(s, i) for s, i in self._invitations(world, caller) if i.arn == arn]
            if not match:
                raise RamError(
                    "ResourceShareInvitationArnNotFoundException",
                    f"ResourceShareInvitation {arn} could not be found.",
                )
            share, invitation = match[0]
            errors = {
                "ACCEPTED": "ResourceShareInvitationAlreadyAcceptedException",
                "REJECTED": "ResourceShareInvitationAlreadyRejectedException",
                "EXPIRED": "ResourceShareInvitationExpiredException",
            }
            if invitation.status in errors:
                raise RamError(
                    errors[invitation.status],
                    f"ResourceShareInvitation {arn} is {invitation.status.lower()}.",
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

    # ------------------------------------------------------- resources/principals

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
            owner = self._owner(p)
            if owner == "SELF":
                shares = list(ram_state(world, caller, self.region).shares.values())
            else:
                shares = granting_shares(world, caller, self.region)
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

    # --------------------------------------------------------------- permissions

    def _known_types(self) -> set[str]:
        types = {t.resource_type.lower() for t in self.ram_backend.resource_types}
        return types | {const.MODEL_CARD_RESOURCE_TYPE.lower()}

    def list_resource_types(self) -> str:
        """ListResourceTypes, including ``sagemaker:ModelCard``."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            scope = p.get("resourceRegionScope", "ALL")
            if scope not in ("ALL", "REGIONAL", "GLOBAL"):
                raise RamError(
                    "InvalidParameterException", f"{scope} is not a valid resource region scope."
                )
            types = [t.describe() for t in self.ram_backend.resource_types]
            if all(t["resourceType"] != const.MODEL_CARD_RESOURCE_TYPE for t in types):
                types.append(
                    {
                        "resourceType": const.MODEL_CARD_RESOURCE_TYPE,
                        "serviceName": const.MODEL_CARD_SERVICE_NAME,
                        "resourceRegionScope": "REGIONAL",
                    }
                )
            types = [t for t in types if scope in ("ALL", t["resourceRegionScope"])]
            types.sort(key=lambda t: str(t["resourceType"]))
            return self._page(types, p, "resourceTypes", "types")

        return self._run("ListResourceTypes", action)

    def list_permissions(self) -> str:
        """ListPermissions filtered by resourceType and permissionType."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            kind = p.get("permissionType", "ALL")
            if kind not in ("ALL", "AWS_MANAGED", "CUSTOMER_MANAGED"):
                raise RamError(
                    "InvalidParameterException",
                    f"{kind} is not a valid permission type. Must be one of: ALL, AWS_MANAGED, "
                    "CUSTOMER_MANAGED.",
                )
            rtype = p.get("resourceType")
            if rtype is not None and rtype.lower() not in self._known_types():
                raise RamError("InvalidParameterException", f"Invalid resource type: {rtype}")
            items = [
                perm.describe()
                for perm in self.ram_backend.managed_permissions
                if perm.resource_type != const.MODEL_CARD_RESOURCE_TYPE
            ]
            items += [
                permission_summary(world, managed_permission_arn(n), self.region, caller)
                for n in const.MANAGED_PERMISSION_ACTIONS
            ]
            items += [
                customer_summary(perm)
                for perm in ram_state(world, caller, self.region).permissions.values()
            ]
            items = [
                i
                for i in items
                if (kind == "ALL" or i["permissionType"] == kind)
                and (rtype is None or str(i["resourceType"]).lower() == rtype.lower())
            ]
            return self._page(items, p, "permissions", "permissions")

        return self._run("ListPermissions", action)

    def get_permission(self) -> str:
        """GetPermission for a managed or customer managed model-card permission."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            arn = p.get("permissionArn") or ""
            resolve_permission(world, arn, self.region, caller)
            return {"permission": permission_detail(world, arn, self.region, caller)}

        return self._run("GetPermission", action)

    def create_permission(self) -> str:
        """CreatePermission (customer managed, for ``sagemaker:ModelCard``)."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            name = p.get("name") or ""
            if not re.match(const.PERMISSION_NAME_PATTERN, name):
                raise RamError(
                    "InvalidParameterException",
                    f"Permission name {name!r} must be 1-36 characters of letters, digits, "
                    "'_', '.' or '-'.",
                )
            if p.get("resourceType") != const.MODEL_CARD_RESOURCE_TYPE:
                raise RamError(
                    "InvalidParameterException",
                    f"resourceType {p.get('resourceType')!r}: the sandbox supports customer "
                    f"managed permissions only for {const.MODEL_CARD_RESOURCE_TYPE}.",
                )
            actions = parse_policy_template(p.get("policyTemplate") or "")
            state = ram_state(world, caller, self.region)
            arn = customer_permission_arn(caller, self.region, name)
            if arn in state.permissions:
                raise RamError(
                    "PermissionAlreadyExistsException",
                    f"Permission {name} already exists in {self.region}.",
                )
            now = world.clock.now()
            permission = CustomerPermission(
                arn=arn,
                name=name,
                resource_type=const.MODEL_CARD_RESOURCE_TYPE,
                actions=actions,
                policy_template=p["policyTemplate"],
                created=now,
                updated=now,
                tags={t["key"]: t.get("value", "") for t in p.get("tags") or []},
            )
            state.permissions[arn] = permission
            return {"permission": customer_summary(permission)}

        return self._run("CreatePermission", action)

    def associate_resource_share_permission(self) -> str:
        """AssociateResourceSharePermission (one permission per type; ``replace`` to change)."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            share = find_owned_share(world, caller, self.region, p.get("resourceShareArn"))
            arn = resolve_permission(world, p.get("permissionArn") or "", self.region, caller)
            holds_cards = any(
                a.status != "DISASSOCIATED"
                and resource_type_of(a.entity) == const.MODEL_CARD_RESOURCE_TYPE
                for a in share.resources.values()
            )
            if holds_cards and arn != share.permission_arn and not p.get("replace"):
                raise RamError(
                    const.REPLACE_REQUIRED_ERROR,
                    f"ResourceShare {share.arn} already has a permission for "
                    f"{const.MODEL_CARD_RESOURCE_TYPE}; pass replace=true to replace it.",
                )
            share.permission_arn = arn
            share.updated = world.clock.now()
            return {"returnValue": True}

        return self._run("AssociateResourceSharePermission", action)

    def list_resource_share_permissions(self) -> str:
        """ListResourceSharePermissions."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            share = find_owned_share(world, caller, self.region, p.get("resourceShareArn"))
            items = [
                permission_summary(world, share.permission_arn, self.region, caller, for_share=True)
            ]
            return self._page(items, p, "permissions", "share-permissions")

        return self._run("ListResourceSharePermissions", action)

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
