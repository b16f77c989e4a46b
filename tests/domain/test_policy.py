"""Consumer IAM and KMS policy generation (pure; no sandbox needed)."""

from __future__ import annotations

import json

import pytest

from modelcard_share import Access, ConfigurationError
from modelcard_share.domain import consumer_identity_policy, kms_key_policy_statement

ARN = "arn:aws:sagemaker:us-east-1:111111111111:model-card/churn"


def _actions(policy: dict[str, object]) -> set[str]:
    statements = policy["Statement"]
    assert isinstance(statements, list)
    return {a for s in statements for a in s["Action"]}


@pytest.mark.parametrize(
    ("access", "expected"),
    [
        (Access.READ_ONLY, {"sagemaker:DescribeModelCard", "sagemaker:ListModelCardVersions"}),
        (
            Access.READ_WRITE,
            {
                "sagemaker:DescribeModelCard",
                "sagemaker:ListModelCardVersions",
                "sagemaker:UpdateModelCard",
            },
        ),
    ],
)
def test_identity_policy_per_access_level(access: Access, expected: set[str]) -> None:
    policy = json.loads(json.dumps(consumer_identity_policy(ARN, access=access)))
    assert policy["Version"] == "2012-10-17"
    card = policy["Statement"][0]
    assert set(card["Action"]) == expected
    assert card["Resource"] == [ARN, f"{ARN}/*"]
    assert _actions(policy) - expected == {
        "ram:GetResourceShareInvitations",
        "ram:AcceptResourceShareInvitation",
    }


def test_export_policy_writes_only_the_export_prefix() -> None:
    policy = consumer_identity_policy(
        ARN, access="export", export_location="s3://dev-exports/cards/", accept_invitations=False
    )
    assert "sagemaker:CreateModelCardExportJob" in _actions(policy)
    assert "sagemaker:DescribeModelCardExportJob" in _actions(policy)
    [s3] = [s for s in policy["Statement"] if s["Action"] == ["s3:PutObject"]]
    assert s3["Resource"] == ["arn:aws:s3:::dev-exports/cards/*"]
    with pytest.raises(ConfigurationError, match="export_location"):
        consumer_identity_policy(ARN, access=Access.EXPORT)


def test_kms_key_policy_statement() -> None:
    role = "arn:aws:iam::222222222222:role/Consumer"
    statement = json.loads(json.dumps(kms_key_policy_statement(ARN, [role])))
    assert statement["Principal"] == {"AWS": [role]}
    assert sorted(statement["Action"]) == ["kms:Decrypt", "kms:GenerateDataKey"]
    condition = statement["Condition"]["StringEquals"]
    assert condition["kms:EncryptionContext:aws:sagemaker:model-card-arn"] == ARN
    assert condition["kms:ViaService"] == [
        "sagemaker.us-east-1.amazonaws.com",
        "s3.us-east-1.amazonaws.com",
    ]
    with_key = consumer_identity_policy(ARN, kms_key_arn="arn:aws:kms:us-east-1:111111111111:key/k")
    assert {"kms:Decrypt", "kms:GenerateDataKey"} <= _actions(with_key)


def test_policy_needs_an_arn() -> None:
    with pytest.raises(ConfigurationError, match="ARN"):
        consumer_identity_policy("churn")
