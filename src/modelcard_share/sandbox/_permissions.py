"""RAM permissions for the SageMaker types: the AWS managed ones and customer managed ones."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from modelcard_share._ids import PERMISSION_ARN
from modelcard_share.sandbox import _constants as const
from modelcard_share.sandbox._backends import ram_state
from modelcard_share.sandbox._errors import RamError
from modelcard_share.sandbox._world import CustomerPermission, World, partition

__all__ = [
    "customer_permission",
    "customer_permission_arn",
    "customer_summary",
    "default_permission",
    "managed_name",
    "managed_permission_arn",
    "parse_policy_template",
    "permission_actions",
    "permission_detail",
    "permission_summary",
    "permission_type",
]

_MANAGED_CREATED = datetime(2023, 11, 1, tzinfo=timezone.utc)  # fixed; AWS does not publish it


def managed_permission_arn(name: str, region: str) -> str:
    """The ARN of an AWS managed permission (format is an assumption, see _constants)."""
    return f"arn:{partition(region)}:ram::aws:permission/{name}"


def customer_permission_arn(account_id: str, region: str, name: str) -> str:
    """The ARN of a customer managed permission."""
    return f"arn:{partition(region)}:ram:{region}:{account_id}:permission/{name}"


def default_permission(resource_type: str, region: str) -> str | None:
    """The ARN of the default managed permission of a resource type, if the sandbox knows one."""
    for name, (kind, _actions, is_default) in const.MANAGED_PERMISSIONS.items():
        if kind == resource_type and is_default:
            return managed_permission_arn(name, region)
    return None


def managed_name(arn: str) -> str | None:
    """The name of the managed permission ``arn`` names, or None."""
    match = PERMISSION_ARN.fullmatch(arn)
    if match is None or match.group("owner") != "aws" or match.group("region"):
        return None
    name = match.group("name")
    return name if name in const.MANAGED_PERMISSIONS else None


def customer_permission(world: World, arn: str, region: str) -> CustomerPermission | None:
    """The customer managed permission ``arn`` names, wherever it lives (no access check)."""
    match = PERMISSION_ARN.fullmatch(arn)
    if match is None or match.group("owner") == "aws":
        return None
    return ram_state(world, match.group("owner"), region).permissions.get(arn)


def permission_type(world: World, arn: str, region: str, caller: str) -> str:
    """Check that a permission ARN is usable by the caller (managed or its own); return its type.

    Raises:
        RamError: MalformedArnException or UnknownResourceException.
    """
    match = PERMISSION_ARN.fullmatch(arn)
    if match is None:
        raise RamError("MalformedArnException", f"The permission ARN {arn} is not valid.")
    name = managed_name(arn)
    if name is not None:
        return const.MANAGED_PERMISSIONS[name][0]
    permission = customer_permission(world, arn, region)
    if permission is None or match.group("owner") != caller:
        raise RamError("UnknownResourceException", f"Permission {arn} could not be found.")
    return permission.resource_type


def permission_actions(world: World, arn: str, region: str) -> tuple[str, ...]:
    """The SageMaker actions a permission allows (empty if it cannot be found)."""
    name = managed_name(arn)
    if name is not None:
        return const.MANAGED_PERMISSIONS[name][1]
    permission = customer_permission(world, arn, region)
    return permission.actions if permission is not None else ()


def _policy(actions: tuple[str, ...]) -> str:
    return json.dumps({"Effect": const.PERMISSION_EFFECT, "Action": list(actions)})


def parse_policy_template(template: str, resource_type: str) -> tuple[str, ...]:
    """Check a customer permission's policy template and return the actions it allows.

    Raises:
        RamError: MalformedPolicyTemplateException for a template that is not a JSON object
            with only Effect/Action/Condition, or InvalidPolicyException for a Deny or an action
            the resource type does not support.
    """
    try:
        document = json.loads(template)
    except ValueError as exc:
        raise RamError(
            "MalformedPolicyTemplateException", f"policyTemplate is not valid JSON: {exc}"
        ) from exc
    if not isinstance(document, dict):
        raise RamError("MalformedPolicyTemplateException", "policyTemplate must be a JSON object")
    extra = sorted(set(document) - {"Effect", "Action", "Condition"})
    if extra:
        raise RamError(
            "MalformedPolicyTemplateException",
            f"policyTemplate may contain only Effect, Action and Condition, not {extra}",
        )
    if document.get("Effect") != "Allow":
        raise RamError("InvalidPolicyException", "policyTemplate Effect must be Allow")
    raw = document.get("Action")
    actions = [raw] if isinstance(raw, str) else raw
    if not isinstance(actions, list) or not actions or not all(isinstance(a, str) for a in actions):
        raise RamError(
            "MalformedPolicyTemplateException", "policyTemplate Action must list actions"
        )
    allowed = const.CUSTOMER_PERMISSION_ALLOWED_ACTIONS[resource_type]
    unsupported = sorted(a for a in actions if a not in allowed)
    if unsupported:
        raise RamError(
            "InvalidPolicyException",
            f"Actions {unsupported} are not supported for resource type {resource_type}",
        )
    return tuple(dict.fromkeys(actions))


def _ts(value: datetime) -> float:
    return value.timestamp()


def permission_summary(
    world: World, arn: str, region: str, *, for_share: bool = False
) -> dict[str, Any]:
    """A ResourceSharePermissionSummary for a permission ARN (managed or customer)."""
    name = managed_name(arn)
    if name is None:
        permission = customer_permission(world, arn, region)
        if permission is None:
            raise RamError("UnknownResourceException", f"Permission {arn} could not be found.")
        return customer_summary(permission, for_share=for_share)
    kind, _actions, is_default = const.MANAGED_PERMISSIONS[name]
    return {
        "arn": arn,
        "version": "1",
        "defaultVersion": True,
        "name": name,
        "resourceType": kind,
        "status": "ASSOCIATED" if for_share else "ATTACHABLE",
        "creationTime": _ts(_MANAGED_CREATED),
        "lastUpdatedTime": _ts(_MANAGED_CREATED),
        "isResourceTypeDefault": is_default,
        "permissionType": "AWS_MANAGED",
        "featureSet": "STANDARD",
    }


def customer_summary(permission: CustomerPermission, *, for_share: bool = False) -> dict[str, Any]:
    """A ResourceSharePermissionSummary for a customer managed permission."""
    return {
        "arn": permission.arn,
        "version": "1",
        "defaultVersion": True,
        "name": permission.name,
        "resourceType": permission.resource_type,
        "status": "ASSOCIATED" if for_share else "ATTACHABLE",
        "creationTime": _ts(permission.created),
        "lastUpdatedTime": _ts(permission.updated),
        "isResourceTypeDefault": False,
        "permissionType": "CUSTOMER_MANAGED",
        "featureSet": "STANDARD",
        "tags": [{"key": k, "value": v} for k, v in permission.tags.items()],
    }


def permission_detail(world: World, arn: str, region: str) -> dict[str, Any]:
    """A ResourceSharePermissionDetail (GetPermission) for a permission."""
    detail = permission_summary(world, arn, region)
    detail["permission"] = _policy(permission_actions(world, arn, region))
    return detail
