"""RAM permissions for model cards: managed, customer managed, per-share permission."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from modelcard_share.sandbox import Sandbox

from ._helpers import client, expect_error, make_card, share_card

DEFAULT = "arn:aws:ram::aws:permission/AWSRAMPermissionSageMakerModelCards"
EXPORT = "arn:aws:ram::aws:permission/AWSRAMPermissionSageMakerModelCardsAllowExport"
READ_ONLY = json.dumps(
    {
        "Effect": "Allow",
        "Action": ["sagemaker:DescribeModelCard", "sagemaker:ListModelCardVersions"],
    }
)


def _read_only(sb: Sandbox, account: str = "dev") -> str:
    response = client(sb, account, "ram").create_permission(
        name="ModelCardReadOnly", resourceType="sagemaker:ModelCard", policyTemplate=READ_ONLY
    )
    return str(response["permission"]["arn"])


def test_list_resource_types_includes_model_cards(sandbox: Sandbox) -> None:
    types = client(sandbox, "dev", "ram").list_resource_types()["resourceTypes"]
    assert {
        "resourceType": "sagemaker:ModelCard",
        "serviceName": "sagemaker",
        "resourceRegionScope": "REGIONAL",
    } in types


def test_list_managed_model_card_permissions(sandbox: Sandbox) -> None:
    permissions = client(sandbox, "dev", "ram").list_permissions(
        resourceType="sagemaker:ModelCard", permissionType="AWS_MANAGED"
    )["permissions"]
    assert {(p["name"], p["arn"], p["isResourceTypeDefault"]) for p in permissions} == {
        ("AWSRAMPermissionSageMakerModelCards", DEFAULT, True),
        ("AWSRAMPermissionSageMakerModelCardsAllowExport", EXPORT, False),
    }


def test_get_managed_permission_lists_actions(sandbox: Sandbox) -> None:
    ram = client(sandbox, "dev", "ram")
    default = json.loads(ram.get_permission(permissionArn=DEFAULT)["permission"]["permission"])
    assert sorted(default["Action"]) == [
        "sagemaker:DescribeModelCard",
        "sagemaker:ListModelCardVersions",
        "sagemaker:UpdateModelCard",
    ]
    export = json.loads(ram.get_permission(permissionArn=EXPORT)["permission"]["permission"])
    assert {"sagemaker:CreateModelCardExportJob", "sagemaker:DescribeModelCardExportJob"} <= set(
        export["Action"]
    )


def test_get_permission_errors(sandbox: Sandbox) -> None:
    ram = client(sandbox, "dev", "ram")
    with pytest.raises(ClientError) as exc:
        ram.get_permission(permissionArn="nope")
    expect_error(exc, "MalformedArnException")
    with pytest.raises(ClientError) as exc:
        ram.get_permission(permissionArn="arn:aws:ram:us-east-1:222222222222:permission/missing")
    expect_error(exc, "UnknownResourceException")


def test_create_customer_permission(sandbox: Sandbox) -> None:
    arn = _read_only(sandbox)
    assert arn == "arn:aws:ram:us-east-1:222222222222:permission/ModelCardReadOnly"
    ram = client(sandbox, "dev", "ram")
    listed = ram.list_permissions(permissionType="CUSTOMER_MANAGED")["permissions"]
    assert [(p["arn"], p["permissionType"]) for p in listed] == [(arn, "CUSTOMER_MANAGED")]
    detail = ram.get_permission(permissionArn=arn)["permission"]
    assert json.loads(detail["permission"])["Action"] == [
        "sagemaker:DescribeModelCard",
        "sagemaker:ListModelCardVersions",
    ]
    assert (
        client(sandbox, "prod", "ram").list_permissions(permissionType="CUSTOMER_MANAGED")[
            "permissions"
        ]
        == []
    )


def test_create_permission_twice_is_409(sandbox: Sandbox) -> None:
    _read_only(sandbox)
    with pytest.raises(ClientError) as exc:
        _read_only(sandbox)
    expect_error(exc, "PermissionAlreadyExistsException", 409)


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"name": "bad name!"}, "InvalidParameterException"),
        ({"name": "x" * 37}, "InvalidParameterException"),
        ({"resourceType": "ec2:Subnet"}, "InvalidParameterException"),
        ({"policyTemplate": "{not json"}, "MalformedPolicyTemplateException"),
        (
            {"policyTemplate": json.dumps({"Effect": "Allow", "Action": ["x"], "Resource": "*"})},
            "MalformedPolicyTemplateException",
        ),
        (
            {"policyTemplate": json.dumps({"Effect": "Allow", "Action": ["s3:GetObject"]})},
            "InvalidPolicyException",
        ),
        (
            {
                "policyTemplate": json.dumps(
                    {"Effect": "Deny", "Action": "sagemaker:DescribeModelCard"}
                )
            },
            "InvalidPolicyException",
        ),
    ],
)
def test_create_permission_validation(sandbox: Sandbox, kw: dict[str, Any], code: str) -> None:
    args = {
        "name": "ok",
        "resourceType": "sagemaker:ModelCard",
        "policyTemplate": READ_ONLY,
        **kw,
    }
    with pytest.raises(ClientError) as exc:
        client(sandbox, "dev", "ram").create_permission(**args)
    expect_error(exc, code)


def test_read_only_share_denies_update(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    share_card(sandbox, card, "prod", permissionArns=[_read_only(sandbox)])
    sm = client(sandbox, "prod", "sagemaker")
    assert sm.describe_model_card(ModelCardName=card)["ModelCardVersion"] == 1
    assert len(sm.list_model_card_versions(ModelCardName=card)["ModelCardVersionSummaryList"]) == 1
    with pytest.raises(ClientError) as exc:
        sm.update_model_card(ModelCardName=card, ModelCardStatus="Approved")
    assert "sagemaker:UpdateModelCard" in expect_error(exc, "AccessDeniedException")


def test_default_share_allows_update(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    share_card(sandbox, card, "prod")
    sm = client(sandbox, "prod", "sagemaker")
    assert sm.update_model_card(ModelCardName=card, Content="{}")["ModelCardArn"] == card
    owner = client(sandbox, "dev", "sagemaker")
    assert owner.describe_model_card(ModelCardName="churn-model")["ModelCardVersion"] == 2


def test_share_permission_listed_and_filtered(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    share = share_card(sandbox, card, "prod", permissionArns=[EXPORT])
    ram = client(sandbox, "dev", "ram")
    [permission] = ram.list_resource_share_permissions(resourceShareArn=share["resourceShareArn"])[
        "permissions"
    ]
    assert (permission["arn"], permission["status"]) == (EXPORT, "ASSOCIATED")
    shares = ram.get_resource_shares(resourceOwner="SELF", permissionArn=EXPORT)["resourceShares"]
    assert [s["resourceShareArn"] for s in shares] == [share["resourceShareArn"]]
    assert (
        ram.get_resource_shares(resourceOwner="SELF", permissionArn=DEFAULT)["resourceShares"] == []
    )


def test_associate_permission_needs_replace(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    share = share_card(sandbox, card, "prod")
    read_only = _read_only(sandbox)
    ram = client(sandbox, "dev", "ram")
    arn = share["resourceShareArn"]
    with pytest.raises(ClientError) as exc:
        ram.associate_resource_share_permission(resourceShareArn=arn, permissionArn=read_only)
    assert "replace" in expect_error(exc, "InvalidParameterException")
    assert ram.associate_resource_share_permission(
        resourceShareArn=arn, permissionArn=read_only, replace=True
    )["returnValue"]
    [permission] = ram.list_resource_share_permissions(resourceShareArn=arn)["permissions"]
    assert permission["arn"] == read_only
    with pytest.raises(ClientError) as exc:
        client(sandbox, "prod", "sagemaker").update_model_card(ModelCardName=card, Content="{}")
    expect_error(exc, "AccessDeniedException")


def test_consumer_can_read_the_customer_permission_of_its_share(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    read_only = _read_only(sandbox)
    share_card(sandbox, card, "prod", permissionArns=[read_only])
    detail = client(sandbox, "prod", "ram").get_permission(permissionArn=read_only)
    assert detail["permission"]["name"] == "ModelCardReadOnly"
    with pytest.raises(ClientError) as exc:
        client(sandbox, "test", "ram").get_permission(permissionArn=read_only)
    expect_error(exc, "UnknownResourceException")


def test_list_permissions_rejects_bad_type(sandbox: Sandbox) -> None:
    ram = client(sandbox, "dev", "ram")
    with pytest.raises(ClientError) as exc:
        ram.list_permissions(resourceType="sagemaker:Nope")
    expect_error(exc, "InvalidParameterException")
