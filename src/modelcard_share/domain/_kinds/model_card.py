"""SageMaker model cards as a shareable kind (RAM type ``sagemaker:ModelCard``).

Facts (aws-semantics.md section 2): two AWS managed permissions exist,
``AWSRAMPermissionSageMakerModelCards`` (Describe, ListModelCardVersions, Update) and
``AWSRAMPermissionSageMakerModelCardsAllowExport`` (those plus the export job calls)
[doc]. No AWS managed read-only permission exists, so read-only is a customer managed
permission with Describe and ListModelCardVersions only [doc]; that customer managed
permissions support model cards is an assumption.
"""

from __future__ import annotations

from modelcard_share import _ids
from modelcard_share.aws import Access
from modelcard_share.domain._kinds._base import CustomerPermission, ShareableKind

__all__ = ["MODEL_CARD"]

_READ = ("sagemaker:DescribeModelCard", "sagemaker:ListModelCardVersions")
_WRITE = (*_READ, "sagemaker:UpdateModelCard")
_EXPORT = (*_WRITE, "sagemaker:CreateModelCardExportJob", "sagemaker:DescribeModelCardExportJob")

MODEL_CARD = ShareableKind(
    label="model card",
    resource_type="sagemaker:ModelCard",
    arn_pattern=_ids.CARD_ARN,
    tag_key="modelcard-share:card",
    share_prefix="modelcard",
    managed_permissions={
        Access.READ_WRITE: "AWSRAMPermissionSageMakerModelCards",
        Access.EXPORT: "AWSRAMPermissionSageMakerModelCardsAllowExport",
    },
    customer_permissions={Access.READ_ONLY: CustomerPermission("ModelCardShareReadOnly", _READ)},
    actions={Access.READ_ONLY: _READ, Access.READ_WRITE: _WRITE, Access.EXPORT: _EXPORT},
    policy_arns=("{arn}", "{arn}/*"),  # export jobs live under the card's ARN
    arn_template="arn:{partition}:sagemaker:{region}:{account_id}:model-card/{name}",
)
