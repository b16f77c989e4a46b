"""Least-privilege IAM policy documents for consumers of a shared resource.

AWS's documentation shows these policies as templates (one of them not valid JSON);
here they are generated as dictionaries that ``json.dumps`` turns into valid policy
documents. The actions come from the resource's kind (the same table the sharing
engine uses), so a policy never allows more than the share grants.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from modelcard_share import _ids
from modelcard_share.aws import Access
from modelcard_share.errors import ArgumentTypeError, ConfigurationError

from . import _args
from ._kinds import KINDS, MODEL_CARD, ResourceRef

__all__ = ["consumer_identity_policy", "kms_key_policy_statement", "parse_resource_arn"]

_VERSION = "2012-10-17"
_INVITATION_ACTIONS = ("ram:GetResourceShareInvitations", "ram:AcceptResourceShareInvitation")
_KMS_ACTIONS = ("kms:Decrypt", "kms:GenerateDataKey")


def parse_resource_arn(arn: object, *, argument: str = "resource_arn") -> ResourceRef:
    """Parse the ARN of any shareable resource (model card, model package group).

    Raises:
        ArgumentTypeError: ``arn`` is not a string.
        ConfigurationError: It is not the ARN of a kind this SDK shares.
    """
    text = _args.check_str(argument, arn)
    for kind in KINDS:
        if kind.arn_pattern.fullmatch(text):
            return kind.parse(text)
    labels = " or ".join(k.label for k in KINDS)
    raise ConfigurationError(f"{argument}={text!r} is not the ARN of a {labels}")


def _s3_prefix_arn(s3_uri: object, partition: str) -> str:
    text = _args.check_str("export_location", s3_uri)
    match = _ids.S3_URI.fullmatch(text)
    if match is None or not (match["key"] or "").strip("/"):
        raise ConfigurationError(
            f"export_location={text!r} is not an S3 location; expected s3://bucket/prefix"
        )
    return f"arn:{partition}:s3:::{match['bucket']}/{match['key'].strip('/')}/*"


def consumer_identity_policy(
    resource_arn: str,
    *,
    access: Access | str = Access.READ_WRITE,
    export_location: str | None = None,
    kms_key_arn: str | None = None,
    accept_invitations: bool = True,
) -> dict[str, Any]:
    """Return the IAM identity policy a consumer role needs to use a shared resource.

    Args:
        resource_arn: The shared model card's (or model package group's) ARN.
        access: The access level it is shared with.
        export_location: ``s3://bucket/prefix`` the consumer exports card PDFs to
            (required for ``Access.EXPORT``, refused otherwise).
        kms_key_arn: The owner's KMS key, for cards encrypted with one.
        accept_invitations: Include the RAM invitation actions (needed outside an
            organization with RAM sharing on).

    Raises:
        ArgumentTypeError: An argument has the wrong type.
        ConfigurationError: A bad ARN or S3 location, an access level the resource does
            not have, or export without a location.
    """
    ref = parse_resource_arn(resource_arn)
    level = ref.kind.access(access)
    _args.check_bool("accept_invitations", accept_invitations)
    statements: list[dict[str, Any]] = [
        {
            "Sid": "UseSharedResource" if ref.kind is not MODEL_CARD else "UseSharedModelCard",
            "Effect": "Allow",
            "Action": list(ref.kind.actions[level]),
            "Resource": ref.kind.policy_resources(ref),
        }
    ]
    if level is Access.EXPORT:
        if export_location is None:
            raise ConfigurationError("export access needs export_location='s3://bucket/prefix'")
        statements.append(
            {
                "Sid": "WriteModelCardExports",
                "Effect": "Allow",
                "Action": ["s3:PutObject"],
                "Resource": [_s3_prefix_arn(export_location, ref.partition)],
            }
        )
    elif export_location is not None:
        raise ConfigurationError(
            f"export_location is only used with access='export', not {level.value!r}"
        )
    if kms_key_arn is not None:
        statements.append(
            {
                "Sid": "UseOwnersModelCardKey",
                "Effect": "Allow",
                "Action": list(_KMS_ACTIONS),
                "Resource": [_kms_key(kms_key_arn, ref)],
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


def _kms_key(value: object, ref: ResourceRef) -> str:
    text = _args.check_str("kms_key_arn", value)
    match = _ids.KMS_KEY_ARN.fullmatch(text)
    if match is None:
        raise ConfigurationError(f"kms_key_arn={text!r} is not a KMS key ARN")
    if match["partition"] != ref.partition:
        raise ConfigurationError(
            f"kms_key_arn={text!r} is in partition {match['partition']!r}, "
            f"the resource in {ref.partition!r}"
        )
    return text


def kms_key_policy_statement(card_arn: str, consumer_role_arns: Sequence[str]) -> dict[str, Any]:
    """Return the statement the owner adds to the card's KMS key policy for consumers.

    It lets the consumer roles decrypt and generate data keys only through SageMaker and
    S3 in the card's region, and only for this card.

    Args:
        card_arn: The encrypted model card's ARN.
        consumer_role_arns: A list (or tuple) of IAM role ARNs; a single string is refused,
            because it would be read as a list of characters.

    Raises:
        ArgumentTypeError: ``consumer_role_arns`` is a string or not a list of strings.
        ConfigurationError: A bad card ARN, an empty list, or a value that is not an IAM
            role ARN of the card's partition.
    """
    ref = MODEL_CARD.parse(_args.check_str("card_arn", card_arn))
    if isinstance(consumer_role_arns, str) or not isinstance(consumer_role_arns, Sequence):
        raise ArgumentTypeError(
            "consumer_role_arns must be a list of IAM role ARNs, got "
            f"{type(consumer_role_arns).__name__} {consumer_role_arns!r}"
        )
    roles = list(consumer_role_arns)
    if not roles:
        raise ConfigurationError("consumer_role_arns must name at least one consumer role")
    for index, role in enumerate(roles):
        text = _args.check_str(f"consumer_role_arns[{index}]", role)
        match = _ids.IAM_PRINCIPAL_ARN.fullmatch(text)
        if match is None or match["kind"] != "role" or match["partition"] != ref.partition:
            raise ConfigurationError(
                f"consumer_role_arns[{index}]={text!r} is not an IAM role ARN in partition "
                f"{ref.partition!r}"
            )
    return {
        "Sid": "AllowModelCardConsumers",
        "Effect": "Allow",
        "Principal": {"AWS": roles},
        "Action": list(_KMS_ACTIONS),
        "Resource": "*",
        "Condition": {
            "StringEquals": {
                "kms:ViaService": [
                    f"sagemaker.{ref.region}.amazonaws.com",
                    f"s3.{ref.region}.amazonaws.com",
                ],
                "kms:EncryptionContext:aws:sagemaker:model-card-arn": ref.arn,
            }
        },
    }
