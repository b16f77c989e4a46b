"""RAM permissions for model cards: the two AWS managed ones and customer managed ones."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from typing import Any

from modelcard_share.sandbox import _constants as const
from modelcard_share.sandbox._backends import ram_state, ram_states
from modelcard_share.sandbox._errors import RamError
from modelcard_share.sandbox._world import CustomerPermission, World

__all__ = [
    "DEFAULT_PERMISSION_ARN",
    "customer_permission_arn",
    "customer_summary",
    "managed_permission_arn",
    "parse_policy_template",
    "permission_actions",
    "permission_detail",
    "permission_summary",
    "resolve_permission",
]

_MANAGED_CREATED = datetime(2023, 11, 1, tzinfo=timezone.utc)  # fixed; AWS does not publish it
_PERMISSION_ARN = re.compile(r"^arn:aws[a-z-]*:ram:[a-z0-9-]*:(aws|\d{12}):permission/(.+)$")


def managed_permission_arn(name: str) -> str:
    """The ARN of an AWS managed permission (format is an assumption, see _constants)."""
    return f"arn:aws:ram::aws:permission/{name}"


def customer_permission_arn(account_id: str, region: str, name: str) -> str:
    """The ARN of a customer managed permission."""
    return f"arn:aws:ram:{region}:{account_id}:permission/{name}"


DEFAULT_PERMISSION_ARN = managed_permission_arn(const.MANAGED_PERMISSION_DEFAULT)


def _policy(actions: tuple[str, ...]) -> str:
    return json.dumps({"Effect": const.PERMISSION_EFFECT, "Action": list(actions)})


def parse_policy_template(template: str) -> tuple[str, ...]:
    """Check a customer permission's policy template and return the actions it allows.

    Raises:
        RamError: MalformedPolicyTemplateException for a template that is not a JSON object
            with only Effect/Action/Condition, or InvalidPolicyException for a Deny or an action
            model cards do not support.
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
    unsupported = sorted(a for a in actions if a not in const.CUSTOMER_PERMISSION_ALLOWED_ACTIONS)
    if unsupported:
        raise RamError(
            "InvalidPolicyException",
            f"Actions {unsupported} are not supported for resource type "
            f"{const.MODEL_CARD_RESOURCE_TYPE}",
        )
    return tuple(dict.fromkeys(actions))


def _ts(value: datetime) -> float:
    return value.timestamp()


def permission_summary(
    world: World, arn: str, region: str, caller: str, *, for_share: bool = False
) -> dict[str, Any]:
    """A ResourceSharePermissionSummary for a model-card permission ARN (managed or customer)."""
    managed = _managed_name(arn)
    if managed is None:
        return customer_summary(_customer(world, arn, region, caller), for_share=for_share)
    return {
        "arn": arn,
        "version": "1",
        "defaultVersion": True,
        "name": managed,
        "resourceType": const.MODEL_CARD_RESOURCE_TYPE,
        "status": "ASSOCIATED" if for_share else "ATTACHABLE",
        "creationTime": _ts(_MANAGED_CREATED),
        "lastUpdatedTime": _ts(_MANAGED_CREATED),
        "isResourceTypeDefault": managed == const.MANAGED_PERMISSION_DEFAULT,
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


def permission_detail(world: World, arn: str, region: str, caller: str) -> dict[str, Any]:
    """A ResourceSharePermissionDetail (GetPermission) for a model-card permission."""
    detail = permission_summary(world, arn, region, caller)
    detail["permission"] = _policy(permission_actions(world, arn, region))
    return detail


def _managed_name(arn: str) -> str | None:
    for name in const.MANAGED_PERMISSION_ACTIONS:
        if arn == managed_permission_arn(name):
            return name
    return None


def _customer(world: World, arn: str, region: str, caller: str) -> CustomerPermission:
    """The customer permission, if the caller owns it or holds a share that uses it."""
    match = _PERMISSION_ARN.match(arn)
    if match is None:
        raise RamError("MalformedArnException", f"The permission ARN {arn} is not valid.")
    owner = match.group(1)
    permission = None if owner == "aws" else ram_state(world, owner, region).permissions.get(arn)
    if permission is None or (owner != caller and not _used_by_share_to(world, arn, caller)):
        raise RamError("UnknownResourceException", f"Permission {arn} could not be found.")
    return permission


def _used_by_share_to(world: World, arn: str, caller: str) -> bool:
    return any(
        share.permission_arn == arn
        and any(
            a.status == "ASSOCIATED" and world.covers(p, caller)
            for p, a in share.principals.items()
        )
        for owner, _region, state in ram_states(world)
        if owner != caller
        for share in state.shares.values()
    )


def resolve_permission(world: World, arn: str, region: str, caller: str) -> str:
    """Check that a permission ARN exists and is usable by the caller; return its ARN.

    Raises:
        RamError: MalformedArnException or UnknownResourceException.
    """
    if _managed_name(arn) is None:
        _customer(world, arn, region, caller)
    return arn


def permission_actions(world: World, arn: str, region: str) -> tuple[str, ...]:
    """The SageMaker actions a permission allows (empty if it cannot be found)."""
    managed = _managed_name(arn)
    if managed is not None:
        return const.MANAGED_PERMISSION_ACTIONS[managed]
    match = _PERMISSION_ARN.match(arn)
    if match is None or match.group(1) == "aws":
        return ()
    permission = ram_state(world, match.group(1), region).permissions.get(arn)
    return permission.actions if permission is not None else ()
