r"""One definition of every AWS identifier the SDK and its sandbox check.

Each pattern is compiled with ``re.ASCII`` and meant for ``fullmatch``: ``\\d`` would
accept non-ASCII digits and ``$`` would accept a trailing newline, so neither is used.
Named groups give the parts of an ARN. Regions are checked against the partitions
botocore knows (``botocore/data/partitions.json``), loaded on first use, so importing
this module stays free of botocore.

This is the ground layer, next to :mod:`modelcard_share.errors`: ``aws``, ``domain``,
``content``, ``cli`` and ``sandbox`` all import it, and it imports nothing of theirs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

__all__ = [
    "ACCOUNT_ID",
    "CARD_ARN",
    "ENTITY_NAME",
    "EXPORT_JOB_ARN",
    "IAM_PRINCIPAL_ARN",
    "INVITATION_ARN",
    "KMS_KEY_ARN",
    "MODEL_PACKAGE_ARN",
    "MODEL_PACKAGE_GROUP_ARN",
    "ORGANIZATION_ARN",
    "OU_ARN",
    "PARTITION",
    "PERMISSION_ARN",
    "REGION_SHAPE",
    "RESOURCE_SHARE_ARN",
    "S3_URI",
    "is_account_id",
    "known_regions",
    "partition_of_region",
]

_P = r"(?P<partition>aws(?:-[a-z]+)*)"
_R = r"(?P<region>[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2})"
_A = r"(?P<account>[0-9]{12})"
_ENTITY = r"[a-zA-Z0-9](?:-*[a-zA-Z0-9]){0,62}"

#: A 12-digit AWS account id (a string; leading zeros matter).
ACCOUNT_ID = re.compile(r"[0-9]{12}", re.ASCII)
#: An AWS partition: ``aws``, ``aws-cn``, ``aws-us-gov``...
PARTITION = re.compile(r"aws(?:-[a-z]+)*", re.ASCII)
#: The shape of a region name; :func:`partition_of_region` also checks that it exists.
REGION_SHAPE = re.compile(r"[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}", re.ASCII)
#: botocore ``EntityName``: model card, export job and model package group names (1-63).
ENTITY_NAME = re.compile(_ENTITY, re.ASCII)

#: A model card ARN.
CARD_ARN = re.compile(rf"arn:{_P}:sagemaker:{_R}:{_A}:model-card/(?P<name>{_ENTITY})", re.ASCII)
#: A model card export job ARN.
EXPORT_JOB_ARN = re.compile(
    rf"arn:{_P}:sagemaker:{_R}:{_A}:model-card/(?P<card>{_ENTITY})/export-job/(?P<name>{_ENTITY})",
    re.ASCII,
)
#: A model package group ARN.
MODEL_PACKAGE_GROUP_ARN = re.compile(
    rf"arn:{_P}:sagemaker:{_R}:{_A}:model-package-group/(?P<name>{_ENTITY})", re.ASCII
)
#: A model package ARN: versioned (``group/3``) or unversioned (``name``).
MODEL_PACKAGE_ARN = re.compile(
    rf"arn:{_P}:sagemaker:{_R}:{_A}:model-package/(?P<name>{_ENTITY})(?:/(?P<version>[0-9]+))?",
    re.ASCII,
)
#: An AWS Organizations organization ARN.
ORGANIZATION_ARN = re.compile(
    rf"arn:{_P}:organizations::{_A}:organization/(?P<org>o-[a-z0-9]{{10,32}})", re.ASCII
)
#: An AWS Organizations organizational unit ARN.
OU_ARN = re.compile(
    rf"arn:{_P}:organizations::{_A}:ou/(?P<org>o-[a-z0-9]{{10,32}})"
    r"/(?P<ou>ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})",
    re.ASCII,
)
#: An IAM role or user ARN (as a RAM principal).
IAM_PRINCIPAL_ARN = re.compile(
    rf"arn:{_P}:iam::{_A}:(?P<kind>role|user)(?P<path>/(?:[\x21-\x2e\x30-\x7e]+/)*)"
    r"(?P<name>[\w+=,.@-]{1,64})",
    re.ASCII,
)
#: A KMS key (or alias) ARN.
KMS_KEY_ARN = re.compile(
    rf"arn:{_P}:kms:{_R}:{_A}:(?P<kind>key|alias)/(?P<id>[A-Za-z0-9/_+=,.@-]{{1,256}})",
    re.ASCII,
)
#: An S3 location ``s3://bucket[/prefix]`` (bucket names: 3-63 of ``[a-z0-9.-]``).
S3_URI = re.compile(
    r"s3://(?P<bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/(?P<key>[\x21-\x7e ]*))?", re.ASCII
)
#: A RAM resource share ARN.
RESOURCE_SHARE_ARN = re.compile(
    rf"arn:{_P}:ram:{_R}:{_A}:resource-share/(?P<id>[0-9a-f-]{{1,64}})", re.ASCII
)
#: A RAM resource share invitation ARN.
INVITATION_ARN = re.compile(
    rf"arn:{_P}:ram:{_R}:{_A}:resource-share-invitation/(?P<id>[0-9a-f-]{{1,64}})", re.ASCII
)
#: A RAM permission ARN: AWS managed (``arn:aws:ram::aws:permission/Name``) or customer managed.
PERMISSION_ARN = re.compile(
    rf"arn:{_P}:ram:(?P<region>(?:{REGION_SHAPE.pattern})?):(?P<owner>aws|[0-9]{{12}})"
    r":permission/(?P<name>[\w.-]{1,64})",
    re.ASCII,
)


def is_account_id(value: object) -> bool:
    """Return whether ``value`` is a string of exactly 12 ASCII digits."""
    return isinstance(value, str) and ACCOUNT_ID.fullmatch(value) is not None


@functools.cache
def _partitions() -> Mapping[str, str]:
    """Region -> partition for every region botocore knows (read once)."""
    import botocore.loaders  # noqa: PLC0415 - keep ``import modelcard_share`` free of botocore

    data = botocore.loaders.create_loader().load_data("partitions")
    return {
        region: partition["id"]
        for partition in data["partitions"]
        for region in partition.get("regions", {})
        if REGION_SHAPE.fullmatch(region)
    }


def known_regions() -> frozenset[str]:
    """Every region name botocore knows, in every partition."""
    return frozenset(_partitions())


def partition_of_region(region: object) -> str | None:
    """Return the partition of a known region, or ``None`` for anything else.

    A region that AWS opened after the installed botocore was released is unknown here:
    upgrade botocore to use it (this SDK refuses names it cannot check, so that a typo
    such as ``us-east-l`` fails before any call).
    """
    if not isinstance(region, str) or REGION_SHAPE.fullmatch(region) is None:
        return None
    return _partitions().get(region)
