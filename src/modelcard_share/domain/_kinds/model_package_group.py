"""SageMaker model package groups as a shareable kind (RAM type ``sagemaker:ModelPackageGroup``).

Shared from the central account so that stage accounts can read, and (read-write)
register, model versions in the central model registry. SageMaker's guide describes the
cross-account model registry through RAM
(https://docs.aws.amazon.com/sagemaker/latest/dg/model-registry-ram.html).

ASSUMPTION: the AWS managed permission names below are the ones public AWS samples and
CDK code use with ``sagemaker:ModelPackageGroup`` shares
(``AWSRAMPermissionSageMakerModelPackageGroup`` for reading,
``AWSRAMPermissionSageMakerModelPackageGroupAllowRegister`` for registering versions; a
third, ``...AllowDeploy``, is not used here); the RAM managed permission list could not
be read offline. Their actions are those the
SageMaker guide's resource policy example grants (DescribeModelPackageGroup,
DescribeModelPackage, ListModelPackages) plus CreateModelPackage for registering.
"""

from __future__ import annotations

from modelcard_share import _ids
from modelcard_share.aws import Access
from modelcard_share.domain._kinds._base import ShareableKind

__all__ = ["MODEL_PACKAGE_GROUP"]

_READ = (
    "sagemaker:DescribeModelPackageGroup",
    "sagemaker:DescribeModelPackage",
    "sagemaker:ListModelPackages",
)
_REGISTER = (*_READ, "sagemaker:CreateModelPackage")

MODEL_PACKAGE_GROUP = ShareableKind(
    label="model package group",
    resource_type="sagemaker:ModelPackageGroup",
    arn_pattern=_ids.MODEL_PACKAGE_GROUP_ARN,
    tag_key="modelcard-share:model-package-group",
    share_prefix="modelpackagegroup",
    managed_permissions={
        Access.READ_ONLY: "AWSRAMPermissionSageMakerModelPackageGroup",
        Access.READ_WRITE: "AWSRAMPermissionSageMakerModelPackageGroupAllowRegister",
    },
    customer_permissions={},
    actions={Access.READ_ONLY: _READ, Access.READ_WRITE: _REGISTER},
    # the group's versions are model packages named after it
    policy_arns=("{arn}", "arn:{partition}:sagemaker:{region}:{account_id}:model-package/{name}/*"),
    arn_template="arn:{partition}:sagemaker:{region}:{account_id}:model-package-group/{name}",
)
