"""RAM operations on permissions and resource types."""

from __future__ import annotations

import re
from typing import Any

from modelcard_share.sandbox import _constants as const
from modelcard_share.sandbox._backends import ram_state
from modelcard_share.sandbox._errors import RamError
from modelcard_share.sandbox._permissions import (
    customer_permission_arn,
    customer_summary,
    managed_permission_arn,
    parse_policy_template,
    permission_detail,
    permission_summary,
    resolve_permission,
)
from modelcard_share.sandbox._ram_base import RamResponseBase
from modelcard_share.sandbox._ram_shares import (
    find_owned_share,
    resource_type_of,
)
from modelcard_share.sandbox._world import CustomerPermission, World

__all__ = ["RamPermissionOperations"]


class RamPermissionOperations(RamResponseBase):
    """ListResourceTypes, ListPermissions, GetPermission, CreatePermission and share permissions."""

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
