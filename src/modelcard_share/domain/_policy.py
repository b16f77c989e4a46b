"""Least-privilege IAM policy documents for consumers of a shared model card.

AWS's documentation shows these policies as templates (one of them not valid
JSON); here they are generated as dictionaries that ``json.dumps`` turns into
valid policy documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from modelcard_share.aws import Access
from modelcard_share.errors import ConfigurationError

from ._arn import parse_card_ref

__all__ = ["CARD_ACTIONS", "consumer_identity_policy", "kms_key_policy_statement"]

_VERSION = "2012-10-17"

#: SageMaker actions a consumer needs for each access level (mirrors the RAM permissions).
CARD_ACTIONS: Mapping[Access, tuple[str, ...]] = {
    Access.READ_ONLY: ("sagemaker:DescribeModelCard", "sagemaker:ListModelCardVersions"),
    Access.READ_WRITE: (
        "sagemaker:DescribeModelCard",
        "sagemaker:ListModelCardVersions",
        "sagemaker:UpdateModelCard",
    ),
    Access.EXPORT: (
        "sagemaker:DescribeModelCard",
        "sagemaker:ListModelCardVersions",
        "sagemaker:UpdateModelCard",
        "sagemaker:CreateModelCardExportJob",
        "sagemaker:DescribeModelCardExportJob",
    ),
}

_INVITATION_ACTIONS = ("ram:GetResourceShareInvitations", "ram:AcceptResourceShareInvitation")
_KMS_ACTIONS = ("kms:Decrypt", "kms:GenerateDataKey")


def _card_arn(card_arn: str) -> str:
    ref = parse_card_ref(card_arn)
    if ref.arn is None:
        raise ConfigurationError(f"a model card ARN is required, got the name {card_arn!r}")
    return ref.arn


def _s3_prefix_arn(s3_uri: str, partition: str) -> str:
    if not s3_uri.startswith("s3://") or len(s3_uri) <= len("s3://"):
        raise ConfigurationError(
            f"invalid S3 export location {s3_uri!r}: expected s3://bucket/prefix"
        )
    path = s3_uri.removeprefix("s3://").rstrip("/")
    return f"arn:{partition}:s3:::{path}/*"


def consumer_identity_policy(
    card_arn: str,
    *,
    access: Access | str = Access.READ_WRITE,
    export_location: str | None = None,
    kms_key_arn: str | None = None,
    accept_invitations: bool = True,
) -> dict[str, Any]:
    """Return the IAM identity policy a consumer role needs to use a shared card.

    Args:
        card_arn: The shared card's ARN.
        access: The access level the card is shared with.
        export_location: ``s3://bucket/prefix`` the consumer exports PDFs to
            (required for ``Access.EXPORT``, ignored otherwise).
        kms_key_arn: The owner's KMS key, for cards encrypted with one.
        accept_invitations: Include the RAM invitation actions (needed outside an
            organization with RAM sharing on).

    Raises:
        ConfigurationError: A bad ARN or S3 location, or export without a location.
    """
    arn = _card_arn(card_arn)
    level = Access(access)
    partition = arn.split(":")[1]
    statements: list[dict[str, Any]] = [
        {
            "Sid": "UseSharedModelCard",
            "Effect": "Allow",
            "Action": list(CARD_ACTIONS[level]),
            "Resource": [arn, f"{arn}/*"],
        }
    ]
    if level is Access.EXPORT:
        if not export_location:
            raise ConfigurationError("export access needs export_location='s3://bucket/prefix'")
        statements.append(
            {
                "Sid": "WriteModelCardExports",
                "Effect": "Allow",
                "Action": ["s3:PutObject"],
                "Resource": [_s3_prefix_arn(export_location, partition)],
            }
        )
    if kms_key_arn:
        statements.append(
            {
                "Sid": "UseOwnersModelCardKey",
                "Effect": "Allow",
                "Action": list(_KMS_ACTIONS),
                "Resource": [kms_key_arn],
            }
        )
    if accept_invitations:
        statements.append(
            {
                "Sid": "AcceptModelCardShares",
                "Effect": "Allow",
                "Action": list(_INVITATION_ACTIONS),
                "Resource": "*",
            }
        )
    return {"Version": _VERSION, "Statement": statements}


def kms_key_policy_statement(card_arn: str, consumer_role_arns: list[str]) -> dict[str, Any]:
    """Return the statement the owner adds to the card's KMS key policy for consumers.

    It lets the consumer roles decrypt and generate data keys only through
    SageMaker and S3 in the card's region, and only for this card.
    """
    arn = _card_arn(card_arn)
    if not consumer_role_arns:
        raise ConfigurationError("at least one consumer role ARN is required")
    region = arn.split(":")[3]
    return {
        "Sid": "AllowModelCardConsumers",
        "Effect": "Allow",
        "Principal": {"AWS": list(consumer_role_arns)},
        "Action": list(_KMS_ACTIONS),
        "Resource": "*",
        "Condition": {
            "StringEquals": {
                "kms:ViaService": [
                    f"sagemaker.{region}.amazonaws.com",
                    f"s3.{region}.amazonaws.com",
                ],
                "kms:EncryptionContext:aws:sagemaker:model-card-arn": arn,
            }
        },
    }
