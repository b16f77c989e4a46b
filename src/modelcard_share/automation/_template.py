"""The CloudFormation template that deploys the automation, generated from the SDK's tables.

The function's role is least privilege and comes from the same tables the rest of the
SDK uses: the read actions of each shareable kind (``MODEL_CARD.actions``,
``MODEL_PACKAGE_GROUP.actions``, the tables :func:`consumer_identity_policy` reads), on
the resources each kind's ``policy_arns`` name, plus the RAM actions of the sharing
engine (:data:`OWNER_RAM_ACTIONS`) and the registry's writes. ``deploy/automation.yaml``
is this module's output; a test keeps the two equal, so regenerate it with
``python -m modelcard_share.automation.template --output deploy/automation.yaml``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from modelcard_share.aws import Access
from modelcard_share.domain import MODEL_CARD, MODEL_PACKAGE_GROUP, ResourceRef, ShareableKind

from . import _constants as const

__all__ = [
    "OWNER_RAM_ACTIONS",
    "POLICY_VERSION",
    "deployment_template",
    "function_policy",
    "render_yaml",
]

POLICY_VERSION = "2012-10-17"

#: Every RAM action the sharing engine (``domain._sharing``) calls as a resource's owner:
#: reading its shares and principals, creating, growing, shrinking and deleting its shares,
#: and the customer managed read-only permission of model cards. [ours] The test of the
#: recorded calls keeps this list complete.
OWNER_RAM_ACTIONS: tuple[str, ...] = (
    "ram:GetResourceShares",
    "ram:GetResourceShareAssociations",
    "ram:CreateResourceShare",
    "ram:AssociateResourceShare",
    "ram:DisassociateResourceShare",
    "ram:DeleteResourceShare",
    "ram:CreatePermission",
    "ram:ListPermissions",
    "ram:GetPermission",
)
#: [assumption] Creating a share with tags (this SDK finds its shares by tag) also needs
#: ``ram:TagResource``, as tagging on create does for many services; it is granted only
#: with the RAM writes' condition below.
_RAM_TAG_ACTION = "ram:TagResource"
#: The RAM writes that name a resource; they are limited to cards and groups of the account.
#: [doc] ``ram:ResourceArn`` with an ``...IfExists`` operator is the documented way
#: (https://docs.aws.amazon.com/ram/latest/userguide/security-iam-policies-examples.html).
_RAM_RESOURCE_WRITES = ("ram:CreateResourceShare", "ram:AssociateResourceShare")

_CFN = {
    "partition": "${AWS::Partition}",
    "region": "${AWS::Region}",
    "account_id": "${AWS::AccountId}",
}
_ROLE = "FunctionRole"
_FUNCTION = "Function"
_LOG_GROUP = "FunctionLogs"
_FAILED = "FailedEvents"
_APPROVES = "ApprovesPackages"


def _sub(text: str) -> dict[str, str]:
    return {"Fn::Sub": text}


def _every(kind: ShareableKind) -> list[str]:
    """The ARN patterns of every resource of ``kind`` in the stack's account and region."""
    arn = kind.format_arn(name="*", **_CFN)
    ref = ResourceRef(kind=kind, arn=arn, name="*", **_CFN)
    return kind.policy_resources(ref)


def _statement(sid: str, actions: Sequence[str], resources: Any, **extra: Any) -> dict[str, Any]:
    if isinstance(resources, list):
        resources = [_sub(r) if "${" in r else r for r in resources]
    return {"Sid": sid, "Effect": "Allow", "Action": list(actions), "Resource": resources, **extra}


def function_policy() -> dict[str, Any]:
    """Return the function role's IAM policy (with CloudFormation ``Fn::Sub`` resources).

    The package approval statement is present only when the stack's ``ApprovePackages``
    parameter is ``"true"`` (``Fn::If``).
    """
    cards, groups = _every(MODEL_CARD), _every(MODEL_PACKAGE_GROUP)
    card_arn, group_arn = cards[0], groups[0]
    package_arn = "arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:model-package/*"
    approve = _statement("ApproveModelPackages", ["sagemaker:UpdateModelPackage"], [package_arn])
    statements: list[Any] = [
        _statement("ReadModelCards", MODEL_CARD.actions[Access.READ_ONLY], cards),
        # [assumption] ListModelCards names no resource, so it needs "*"
        _statement("ListModelCards", ["sagemaker:ListModelCards"], "*"),
        _statement("ReadModelPackageGroups", MODEL_PACKAGE_GROUP.actions[Access.READ_ONLY], groups),
        _statement("ReadTags", ["sagemaker:ListTags"], [card_arn, group_arn]),
        _statement("LinkModelPackageGroups", ["sagemaker:AddTags"], [group_arn]),
        {"Fn::If": [_APPROVES, approve, {"Ref": "AWS::NoValue"}]},
        _statement(
            "ShareCardsAndGroups",
            [*_RAM_RESOURCE_WRITES, _RAM_TAG_ACTION],
            "*",
            Condition={
                "StringLikeIfExists": {"ram:ResourceArn": [_sub(card_arn), _sub(group_arn)]}
            },
        ),
        # [assumption] the other RAM calls act on shares found by tag, or on the account's
        # permissions; they are not limited further
        _statement(
            "ManageOwnShares",
            [a for a in OWNER_RAM_ACTIONS if a not in _RAM_RESOURCE_WRITES],
            "*",
        ),
        _statement(
            "WriteLogs",
            ["logs:CreateLogStream", "logs:PutLogEvents"],
            [{"Fn::GetAtt": [_LOG_GROUP, "Arn"]}],
        ),
        _statement("RecordFailedEvents", ["sqs:SendMessage"], [{"Fn::GetAtt": [_FAILED, "Arn"]}]),
    ]
    return {"Version": POLICY_VERSION, "Statement": statements}


def _rule(description: str, pattern: Mapping[str, Any] | None, **extra: Any) -> dict[str, Any]:
    target: dict[str, Any] = {"Arn": {"Fn::GetAtt": [_FUNCTION, "Arn"]}, "Id": "modelcard-share"}
    props: dict[str, Any] = {"Description": description, "State": "ENABLED"}
    if pattern is not None:
        props["EventPattern"] = dict(pattern)
    if "Input" in extra:
        target["Input"] = extra.pop("Input")
    props.update(extra)
    props["Targets"] = [target]
    return {"Type": "AWS::Events::Rule", "Properties": props}


def _permission(rule: str) -> dict[str, Any]:
    return {
        "Type": "AWS::Lambda::Permission",
        "Properties": {
            "Action": "lambda:InvokeFunction",
            "FunctionName": {"Ref": _FUNCTION},
            "Principal": "events.amazonaws.com",
            "SourceArn": {"Fn::GetAtt": [rule, "Arn"]},
        },
    }


def deployment_template() -> dict[str, Any]:
    """Return the CloudFormation template as a mapping (see :func:`render_yaml`)."""
    function_name = "${AWS::StackName}-handler"
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": (
            "modelcard-share automation: shares model cards (and their model package "
            "groups) with the lifecycle's stages on SageMaker's events, with a scheduled "
            "reconcile. Generated by python -m modelcard_share.automation.template; do not "
            "edit by hand."
        ),
        "Parameters": {
            "CodeBucket": {
                "Type": "String",
                "Description": "S3 bucket of the function's zip (modelcard-share and topology)",
            },
            "CodeKey": {"Type": "String", "Description": "S3 key of the function's zip"},
            "TopologyFile": {
                "Type": "String",
                "Default": "topology.toml",
                "Description": f"Path of the topology file in the zip ({const.TOPOLOGY_ENV})",
            },
            "ReconcileSchedule": {
                "Type": "String",
                "Default": const.DEFAULT_SCHEDULE,
                "Description": "How often every card is reconciled (the safety net)",
            },
            "ApprovePackages": {
                "Type": "String",
                "Default": "false",
                "AllowedValues": ["true", "false"],
                "Description": (
                    'Allow UpdateModelPackage (needed by on_approve = "approve-package")'
                ),
            },
            "TimeoutSeconds": {
                "Type": "Number",
                "Default": 300,
                "MinValue": 30,
                "MaxValue": 900,
                "Description": "The function's timeout (a reconcile of many cards takes longest)",
            },
        },
        "Conditions": {_APPROVES: {"Fn::Equals": [{"Ref": "ApprovePackages"}, "true"]}},
        "Resources": {
            _FAILED: {
                "Type": "AWS::SQS::Queue",
                "Properties": {"MessageRetentionPeriod": 1209600, "SqsManagedSseEnabled": True},
            },
            _LOG_GROUP: {
                "Type": "AWS::Logs::LogGroup",
                "Properties": {
                    "LogGroupName": _sub(f"/aws/lambda/{function_name}"),
                    "RetentionInDays": 90,
                },
            },
            _ROLE: {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "AssumeRolePolicyDocument": {
                        "Version": POLICY_VERSION,
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Principal": {"Service": "lambda.amazonaws.com"},
                                "Action": "sts:AssumeRole",
                            }
                        ],
                    },
                    "Policies": [
                        {
                            "PolicyName": "modelcard-share-automation",
                            "PolicyDocument": function_policy(),
                        }
                    ],
                },
            },
            _FUNCTION: {
                "Type": "AWS::Lambda::Function",
                "DependsOn": [_LOG_GROUP],
                "Properties": {
                    "FunctionName": _sub(function_name),
                    "Description": "modelcard-share lifecycle automation",
                    "Handler": const.FUNCTION_HANDLER,
                    "Runtime": const.FUNCTION_RUNTIME,
                    "Role": {"Fn::GetAtt": [_ROLE, "Arn"]},
                    "Code": {"S3Bucket": {"Ref": "CodeBucket"}, "S3Key": {"Ref": "CodeKey"}},
                    "MemorySize": 512,
                    "Timeout": {"Ref": "TimeoutSeconds"},
                    "Environment": {"Variables": {const.TOPOLOGY_ENV: {"Ref": "TopologyFile"}}},
                },
            },
            "FunctionRetries": {
                "Type": "AWS::Lambda::EventInvokeConfig",
                "Properties": {
                    "FunctionName": {"Ref": _FUNCTION},
                    "Qualifier": "$LATEST",
                    "MaximumRetryAttempts": 2,
                    "DestinationConfig": {
                        "OnFailure": {"Destination": {"Fn::GetAtt": [_FAILED, "Arn"]}}
                    },
                },
            },
            "ModelCardEvents": _rule(
                "SageMaker model card state changes",
                {"source": [const.EVENT_SOURCE], "detail-type": [const.MODEL_CARD_EVENT]},
            ),
            "ModelPackageEvents": _rule(
                "SageMaker model package state changes",
                {"source": [const.EVENT_SOURCE], "detail-type": [const.MODEL_PACKAGE_EVENT]},
            ),
            "Reconcile": _rule(
                "Reconcile every model card (the safety net for lost events)",
                None,
                ScheduleExpression={"Ref": "ReconcileSchedule"},
                Input=json.dumps({"action": const.RECONCILE_ACTION}),
            ),
            "ModelCardEventsPermission": _permission("ModelCardEvents"),
            "ModelPackageEventsPermission": _permission("ModelPackageEvents"),
            "ReconcilePermission": _permission("Reconcile"),
        },
        "Outputs": {
            "FunctionArn": {"Value": {"Fn::GetAtt": [_FUNCTION, "Arn"]}},
            "FailedEventsQueue": {"Value": {"Ref": _FAILED}},
        },
    }


# ------------------------------------------------------------------ YAML

_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+(?:::[A-Za-z0-9_-]+)*", re.ASCII)


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a valid double-quoted YAML scalar
    raise TypeError(f"cannot render {type(value).__name__} as YAML")


def _key(key: object) -> str:
    text = str(key)
    return text if _PLAIN_KEY.fullmatch(text) else json.dumps(text)


def _lines(value: object, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, Mapping):
        if not value:
            return [pad + "{}"]
        out: list[str] = []
        for key, item in value.items():
            if isinstance(item, (Mapping, list)) and item:
                out.append(f"{pad}{_key(key)}:")
                out += _lines(item, indent + 2)
            else:
                out.append(f"{pad}{_key(key)}: {_flat(item)}")
        return out
    if isinstance(value, list):
        if not value:
            return [pad + "[]"]
        out = []
        for item in value:
            nested = _lines(item, indent + 2)
            out.append(f"{pad}- {nested[0].lstrip()}")
            out += nested[1:]
        return out
    return [pad + _scalar(value)]


def _flat(value: object) -> str:
    if isinstance(value, Mapping):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return _scalar(value)


def render_yaml(document: Mapping[str, Any]) -> str:
    """Render a JSON-like mapping as block-style YAML (strings double-quoted)."""
    header = "# Generated by `python -m modelcard_share.automation.template`; do not edit.\n"
    return header + "\n".join(_lines(document, 0)) + "\n"
