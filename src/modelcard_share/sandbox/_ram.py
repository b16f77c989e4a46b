"""The RAM service of the sandbox: every RAM operation, served from the sandbox's share state.

One class, :class:`SandboxRamResponse`, subclasses moto's RAM response class and implements
each operation as a method named after it (moto finds methods by snake_case operation name).
The state logic lives in :mod:`._ram_state` (shares, associations, invitations, the index) and
:mod:`._permissions` (managed and customer managed permissions); this module parses requests,
applies RAM's parameter rules and shapes the answers.
"""

from __future__ import annotations

import functools
import json
import re
import uuid
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import parse_qs

from moto.ram.responses import ResourceAccessManagerResponse

from modelcard_share._ids import INVITATION_ARN
from modelcard_share.sandbox import _constants as const
from modelcard_share.sandbox._backends import ram_state
from modelcard_share.sandbox._errors import RamError
from modelcard_share.sandbox._models import service_model
from modelcard_share.sandbox._paging import paginate
from modelcard_share.sandbox._permissions import (
    customer_permission,
    customer_permission_arn,
    customer_summary,
    managed_permission_arn,
    parse_policy_template,
    permission_detail,
    permission_summary,
    permission_type,
)
from modelcard_share.sandbox._ram_state import (
    LIVE,
    add_principal,
    add_resource,
    association_dict,
    find_owned_share,
    granting_shares,
    invitation_dict,
    invitations_for,
    resource_dict,
    resource_type_of,
    share_dict,
    share_permissions,
    shares_naming,
)
from modelcard_share.sandbox._transitions import tick
from modelcard_share.sandbox._world import (
    CustomerPermission,
    Invitation,
    Share,
    World,
    active_world,
)

__all__ = ["OPERATIONS", "SandboxRamResponse"]

_OWNERS = ("SELF", "OTHER-ACCOUNTS")

#: RAM's error for acting on an invitation in a final status.
_FINAL_STATUS_ERRORS = {
    "ACCEPTED": "ResourceShareInvitationAlreadyAcceptedException",
    "REJECTED": "ResourceShareInvitationAlreadyRejectedException",
    "EXPIRED": "ResourceShareInvitationExpiredException",
}

_Action = Callable[[World, str, dict[str, Any]], dict[str, Any]]


@functools.lru_cache(maxsize=1)
def _operation_names() -> tuple[str, ...]:
    model = service_model("ram")
    return tuple(sorted(model.operation_names))


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


#: Every RAM operation of the service model, as its lower-case request path; each is routed
#: to the sandbox (operations it does not emulate answer a JSON error, never an HTML 404).
OPERATIONS: tuple[str, ...] = tuple(name.lower() for name in _operation_names())


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

    def _run(self, operation: str, action: _Action) -> str:
        """Run ``action`` under the world's lock, with RAM's clientToken idempotency."""
        world = active_world()
        caller = self.current_account
        params = self._params()
        with world.lock:
            tick(world)
            token = params.get("clientToken")
            if token is None:
                if not operation.startswith(("Get", "List")):
                    world.index.changed()
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
            if not operation.startswith(("Get", "List")):
                world.index.changed()
            result = action(world, caller, params)
            result["clientToken"] = token
            body = json.dumps(result)
            state.tokens[token] = (operation, fingerprint, body)
            return body

    def _page(
        self,
        items: Sequence[Any],
        params: dict[str, Any],
        key: str,
        scope: str,
        render: Callable[[Any], dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """One page of ``items``; only the page is rendered, so pages cost the same at any size."""
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
        result: dict[str, Any] = {key: [render(i) for i in page] if render else page}
        if token:
            result["nextToken"] = token
        return result

    def _selection(
        self, world: World, scope: str, p: dict[str, Any], build: Callable[[], list[Any]]
    ) -> list[Any]:
        """The items of a listing, computed once per set of filters until the shares change."""
        filters = {k: v for k, v in p.items() if k not in ("nextToken", "maxResults")}
        key = (scope, self.current_account, self.region, json.dumps(filters, sort_keys=True))
        cache = world.index.cache
        if key not in cache:
            cache[key] = build()
        return cache[key]

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

    def _known_types(self) -> set[str]:
        types = {t.resource_type.lower() for t in self.ram_backend.resource_types}
        return types | {kind.lower() for kind in const.SHARED_TYPES.values()}

    def _own_shares(self, world: World, caller: str) -> list[Share]:
        return list(ram_state(world, caller, self.region).shares.values())

    def _shares_for(self, world: World, caller: str, p: dict[str, Any]) -> tuple[str, list[Share]]:
        """Return ``resourceOwner`` and its shares: the caller's own, or those granting it."""
        owner = self._owner(p)
        if owner == "SELF":
            return owner, self._own_shares(world, caller)
        return owner, granting_shares(world, caller, self.region)

    # ------------------------------------------------------------- resource shares

    def create_resource_share(self) -> str:
        """CreateResourceShare (at most one permission per resource type)."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            if not p.get("name"):
                raise RamError("MissingRequiredParameterException", "name is required.")
            permissions: dict[str, str] = {}
            for arn in p.get("permissionArns") or []:
                kind = permission_type(world, arn, self.region, caller)
                if kind in permissions and permissions[kind] != arn:
                    raise RamError(
                        const.DUPLICATE_PERMISSION_ERROR,
                        f"You can associate only one permission with each resource type; "
                        f"{permissions[kind]} and {arn} are both for {kind}.",
                    )
                permissions[kind] = arn
            now = world.clock.now()
            share = Share(
                arn=f"arn:{self.partition}:ram:{self.region}:{caller}:resource-share/{uuid.uuid4()}",
                name=p["name"],
                owner=caller,
                region=self.region,
                allow_external=bool(p.get("allowExternalPrincipals", True)),
                created=now,
                updated=now,
                seq=world.index.next_seq(),
                permissions=permissions,
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
        """DisassociateResourceShare; a consumer cannot leave a share of the SageMaker types."""

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

    def get_resource_shares(self) -> str:
        """GetResourceShares with owner, ARN, name, status, tag and permission filters."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            _, shares = self._shares_for(world, caller, p)
            arns = p.get("resourceShareArns")
            status = p.get("resourceShareStatus")
            name = p.get("name")
            permission = p.get("permissionArn")
            filters = p.get("tagFilters") or []
            selected = self._selection(
                world,
                "shares",
                p,
                lambda: [
                    s
                    for s in shares
                    if (not arns or s.arn in arns)
                    and (status is None or s.status == status)
                    and (name is None or s.name == name)
                    and (permission is None or permission in share_permissions(s).values())
                    and all(_tag_filter_matches(f, s.tags) for f in filters)
                ],
            )
            return self._page(selected, p, "resourceShares", "shares", share_dict)

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
            shares = self._own_shares(world, caller)
            if kind == "PRINCIPAL" and p.get("principal") == caller:
                shares += [
                    s
                    for s in shares_naming(world, "by_principal", self.region, [caller])
                    if s.owner != caller
                ]
            arns = p.get("resourceShareArns")
            status = p.get("associationStatus")
            entity = p.get("principal") if kind == "PRINCIPAL" else p.get("resourceArn")
            out = [
                (share, assoc)
                for share in sorted(shares, key=lambda s: s.seq)
                if not arns or share.arn in arns
                for assoc in (share.principals if kind == "PRINCIPAL" else share.resources).values()
                if (not entity or assoc.entity == entity) and (not status or assoc.status == status)
            ]
            return self._page(
                out, p, "resourceShareAssociations", "associations", _render_association
            )

        return self._run("GetResourceShareAssociations", action)

    def tag_resource(self) -> str:
        """TagResource on one of the caller's resource shares (what the SDK and Terraform do)."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            if p.get("resourceArn") and not p.get("resourceShareArn"):
                raise RamError(
                    "InvalidParameterException",
                    "The sandbox tags resource shares only; pass resourceShareArn.",
                )
            share = find_owned_share(world, caller, self.region, p.get("resourceShareArn"))
            tags = p.get("tags") or []
            if not tags:
                raise RamError("InvalidParameterException", "tags must not be empty.")
            share.tags.update({t["key"]: t.get("value", "") for t in tags})
            share.updated = world.clock.now()
            return {}

        return self._run("TagResource", action)

    def untag_resource(self) -> str:
        """UntagResource on one of the caller's resource shares."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            share = find_owned_share(world, caller, self.region, p.get("resourceShareArn"))
            for key in p.get("tagKeys") or []:
                share.tags.pop(key, None)
            share.updated = world.clock.now()
            return {}

        return self._run("UntagResource", action)

    # ------------------------------------------------------------------ invitations

    def _invitation(
        self, world: World, caller: str, arn: str, refused: tuple[str, ...]
    ) -> tuple[Share, Invitation]:
        """Find the caller's invitation by ARN; RAM's error if its status is in ``refused``."""
        if INVITATION_ARN.fullmatch(arn) is None:
            raise RamError("MalformedArnException", f"The invitation ARN {arn} is not valid.")
        found = [(s, i) for s, i in invitations_for(world, caller, self.region) if i.arn == arn]
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
                if INVITATION_ARN.fullmatch(arn) is None:
                    raise RamError(
                        "MalformedArnException", f"The invitation ARN {arn} is not valid."
                    )
            out = [
                inv
                for _share, inv in invitations_for(world, caller, self.region)
                if (not wanted or inv.arn in wanted) and (not shares or inv.share_arn in shares)
            ]
            return self._page(out, p, "resourceShareInvitations", "invitations", invitation_dict)

        return self._run("GetResourceShareInvitations", action)

    def list_pending_invitation_resources(self) -> str:
        """ListPendingInvitationResources: what a pending invitation would share."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            arn = p.get("resourceShareInvitationArn") or ""
            share, _ = self._invitation(world, caller, arn, ("REJECTED", "EXPIRED"))
            out = [(share, a) for a in share.resources.values() if a.status in LIVE]
            return self._page(out, p, "resources", "pending-resources", _render_resource)

        return self._run("ListPendingInvitationResources", action)

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

    # -------------------------------------------------------- resources and principals

    def list_resources(self) -> str:
        """ListResources for SELF and OTHER-ACCOUNTS."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            owner = self._owner(p)
            rtype = p.get("resourceType")
            if rtype is not None and rtype.lower() not in self._known_types():
                raise RamError("InvalidResourceTypeException", f"Invalid resource type: {rtype}")
            if owner == "SELF":
                shares = self._own_shares(world, caller)
                live = LIVE
            else:
                shares = granting_shares(world, caller, self.region)
                live = frozenset({"ASSOCIATED"})
            principal = p.get("principal")
            arns = p.get("resourceArns")
            share_arns = p.get("resourceShareArns")

            def build() -> list[Any]:
                out = []
                for share in shares:
                    if share.status != "ACTIVE" or (share_arns and share.arn not in share_arns):
                        continue
                    if principal and not any(
                        a.status in live
                        and (a.entity == principal or world.covers(a.entity, principal))
                        for a in share.principals.values()
                    ):
                        continue
                    out += [
                        (share, assoc)
                        for assoc in share.resources.values()
                        if assoc.status in live
                        and (not arns or assoc.entity in arns)
                        and (
                            rtype is None or resource_type_of(assoc.entity).lower() == rtype.lower()
                        )
                    ]
                return out

            out = self._selection(world, f"resources:{owner}", p, build)
            return self._page(out, p, "resources", "resources", _render_resource)

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
            for share in shares:
                if share.status != "ACTIVE" or (share_arns and share.arn not in share_arns):
                    continue
                live = [a for a in share.resources.values() if a.status != "DISASSOCIATED"]
                if resource and all(a.entity != resource for a in live):
                    continue
                if rtype and all(resource_type_of(a.entity).lower() != rtype.lower() for a in live):
                    continue
                out += [
                    (share, assoc)
                    for assoc in share.principals.values()
                    if assoc.status in LIVE
                    and (owner == "SELF" or world.covers(assoc.entity, caller))
                    and (not wanted or assoc.entity in wanted)
                ]
            return self._page(out, p, "principals", "principals", _render_principal)

        return self._run("ListPrincipals", action)

    # ---------------------------------------------------------------- permissions

    def list_resource_types(self) -> str:
        """ListResourceTypes, including the SageMaker types the sandbox shares."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            scope = p.get("resourceRegionScope", "ALL")
            if scope not in ("ALL", "REGIONAL", "GLOBAL"):
                raise RamError(
                    "InvalidParameterException", f"{scope} is not a valid resource region scope."
                )
            types = [t.describe() for t in self.ram_backend.resource_types]
            known = {t["resourceType"] for t in types}
            types += [
                {
                    "resourceType": kind,
                    "serviceName": const.MODEL_CARD_SERVICE_NAME,
                    "resourceRegionScope": "REGIONAL",
                }
                for kind in const.SHARED_TYPES.values()
                if kind not in known
            ]
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
            ours = set(const.SHARED_TYPES.values())
            items = [
                perm.describe()
                for perm in self.ram_backend.managed_permissions
                if perm.resource_type not in ours
            ]
            items += [
                permission_summary(world, managed_permission_arn(n, self.region), self.region)
                for n in const.MANAGED_PERMISSIONS
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
        """GetPermission: a managed permission, the caller's own, or one a share to it uses."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            arn = p.get("permissionArn") or ""
            try:
                permission_type(world, arn, self.region, caller)
            except RamError as exc:
                if exc.error_code != "UnknownResourceException" or not _used_by_share_to(
                    world, arn, caller, self.region
                ):
                    raise
            return {"permission": permission_detail(world, arn, self.region)}

        return self._run("GetPermission", action)

    def create_permission(self) -> str:
        """CreatePermission (customer managed, for the SageMaker types)."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            name = p.get("name") or ""
            if const.PERMISSION_NAME.fullmatch(name) is None:
                raise RamError(
                    "InvalidParameterException",
                    f"Permission name {name!r} must be 1-36 characters of letters, digits, "
                    "'_', '.' or '-'.",
                )
            resource_type = str(p.get("resourceType"))
            if resource_type not in const.CUSTOMER_PERMISSION_ALLOWED_ACTIONS:
                raise RamError(
                    "InvalidParameterException",
                    f"resourceType {resource_type!r}: the sandbox supports customer managed "
                    f"permissions only for {sorted(const.CUSTOMER_PERMISSION_ALLOWED_ACTIONS)}.",
                )
            actions = parse_policy_template(p.get("policyTemplate") or "", resource_type)
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
                resource_type=resource_type,
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
        """AssociateResourceSharePermission: one permission per type; ``replace`` to change it."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            share = find_owned_share(world, caller, self.region, p.get("resourceShareArn"))
            arn = p.get("permissionArn") or ""
            kind = permission_type(world, arn, self.region, caller)
            current = share_permissions(share).get(kind)
            replace = p.get("replace") in (True, "true", "True")
            if current is not None and current != arn and not replace:
                raise RamError(
                    const.REPLACE_REQUIRED_ERROR,
                    f"ResourceShare {share.arn} already has the permission {current} for "
                    f"{kind}; pass replace=true to replace it.",
                )
            share.permissions[kind] = arn
            share.updated = world.clock.now()
            return {"returnValue": True}

        return self._run("AssociateResourceSharePermission", action)

    def list_resource_share_permissions(self) -> str:
        """ListResourceSharePermissions: the permission in effect for each type of the share."""

        def action(world: World, caller: str, p: dict[str, Any]) -> dict[str, Any]:
            share = find_owned_share(world, caller, self.region, p.get("resourceShareArn"))
            items = [
                permission_summary(world, arn, self.region, for_share=True)
                for _kind, arn in sorted(share_permissions(share).items())
            ]
            return self._page(items, p, "permissions", "share-permissions")

        return self._run("ListResourceSharePermissions", action)


def _tag_filter_matches(tag_filter: dict[str, Any], tags: dict[str, str]) -> bool:
    key, values = tag_filter.get("tagKey"), tag_filter.get("tagValues")
    if key:
        return key in tags and (not values or tags[key] in values)
    return not values or bool(set(tags.values()) & set(values))


def _used_by_share_to(world: World, arn: str, caller: str, region: str) -> bool:
    """Whether a share granting ``caller`` uses the customer permission ``arn``."""
    if customer_permission(world, arn, region) is None:
        return False
    return any(arn in share_permissions(s).values() for s in granting_shares(world, caller, region))


def _render_association(pair: tuple[Share, Any]) -> dict[str, Any]:
    return association_dict(*pair)


def _render_resource(pair: tuple[Share, Any]) -> dict[str, Any]:
    return resource_dict(*pair)


def _render_principal(pair: tuple[Share, Any]) -> dict[str, Any]:
    share, assoc = pair
    return {
        "id": assoc.entity,
        "resourceShareArn": share.arn,
        "creationTime": assoc.created.timestamp(),
        "lastUpdatedTime": assoc.updated.timestamp(),
        "external": assoc.external,
    }


def _unserved(operation: str) -> Callable[[SandboxRamResponse], str]:
    def method(self: SandboxRamResponse) -> str:
        raise RamError(
            "OperationNotPermittedException",
            f"The modelcard-share sandbox does not emulate RAM {operation}.",
        )

    method.__name__ = _snake(operation)
    method.__doc__ = f"{operation}: not emulated; answers OperationNotPermittedException."
    return method


for _name in _operation_names():
    if _snake(_name) not in vars(SandboxRamResponse):
        setattr(SandboxRamResponse, _snake(_name), _unserved(_name))
