"""Every assumption the sandbox makes about AWS, in one place.

Each constant says whether it is a fact (and where it comes from) or an
**assumption** that could not be confirmed offline. Correct an assumption
here and the whole emulation follows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import timedelta
from types import MappingProxyType
from typing import Final

#: RAM resource type of a SageMaker model card. Fact [doc]: RAM shareable resources list.
MODEL_CARD_RESOURCE_TYPE: Final = "sagemaker:ModelCard"

#: RAM resource type of a SageMaker model package group. Fact [doc]: model registry
#: cross-account sharing (https://docs.aws.amazon.com/sagemaker/latest/dg/model-registry-ram.html).
MODEL_PACKAGE_GROUP_RESOURCE_TYPE: Final = "sagemaker:ModelPackageGroup"

#: Service name reported by ListResourceTypes for the SageMaker types. Fact [doc].
MODEL_CARD_SERVICE_NAME: Final = "sagemaker"

#: Path segment of model card ARNs, used by moto's ``SHAREABLE_RESOURCES`` check. Fact [model].
MODEL_CARD_ARN_SEGMENT: Final = "model-card"

#: ARN resource segment -> RAM resource type of every type the sandbox shares itself. Fact [model]
#: for the ARN layouts (``model-card/<name>``, ``model-package-group/<name>``).
SHARED_TYPES: Final[Mapping[str, str]] = MappingProxyType(
    {
        MODEL_CARD_ARN_SEGMENT: MODEL_CARD_RESOURCE_TYPE,
        "model-package-group": MODEL_PACKAGE_GROUP_RESOURCE_TYPE,
    }
)

#: Principals that are IAM roles or users. The RAM API accepts them, but "not all resource types
#: can be shared with IAM roles and users" (column "Can share with IAM roles and users" of
#: https://docs.aws.amazon.com/ram/latest/userguide/shareable.html, quoted by the RAM API and
#: CloudFormation docs) and the SageMaker guides for model cards and model package groups only
#: ever share with accounts, OUs and organizations. ASSUMPTION: neither SageMaker type supports
#: IAM principals, so the sandbox refuses them (rather than granting the whole account). The
#: code follows RAM's answer to a principal a SageMaker share does not accept
#: (InvalidParameterException "Principal ID ... ", seen in
#: https://github.com/aws/amazon-sagemaker-examples/pull/3047); for IAM ARNs it is an ASSUMPTION.
IAM_PRINCIPAL_TYPES_REFUSED: Final = frozenset(SHARED_TYPES.values())
IAM_PRINCIPAL_ERROR: Final = "InvalidParameterException"

#: Invitations to model-card shares expire after 12 hours. ASSUMPTION: AWS documents 7 days
#: only for a list of older resource types and 12 hours for the rest; model cards are not on
#: the 7-day list (aws-semantics.md section 2).
INVITATION_EXPIRY: Final = timedelta(hours=12)

#: Time a principal or resource association stays ASSOCIATING when no invitation is involved.
#: ASSUMPTION: AWS gives no figure (Terraform waits up to minutes); zero keeps tests simple.
#: ``Sandbox(association_delay=...)`` overrides it.
DEFAULT_ASSOCIATION_DELAY: Final = timedelta(0)

#: Time an export job stays InProgress before it becomes Completed. ASSUMPTION: AWS gives no
#: figure; ``Sandbox(export_job_duration=...)`` overrides it.
DEFAULT_EXPORT_JOB_DURATION: Final = timedelta(seconds=30)

#: Error for DescribeModelCard & co. on a foreign card ARN that no share grants to the caller.
#: Evidence: DescribeModelCard and ListModelCardVersions declare only ResourceNotFound [model]
#: (botocore's error shapes; AccessDeniedException is only the generic common error), and
#: nothing in the SageMaker or RAM guides, nor in the issue threads searched, shows an
#: AccessDeniedException for another account's unshared card. ASSUMPTION: the service answers
#: ResourceNotFound, so an account cannot probe which card names exist elsewhere. The SDK maps
#: both codes to one typed error, so the choice changes no user-visible result.
UNSHARED_FOREIGN_CARD_ERROR: Final = "ResourceNotFound"

#: Error for an action on a shared card that the share's permission does not allow. Fact [doc]
#: (the issue contract: a read-only customer permission makes UpdateModelCard fail so).
ACTION_NOT_PERMITTED_ERROR: Final = "AccessDeniedException"

#: Error code and exception for a content update of an Archived card. ASSUMPTION: the docs say
#: "Model Card is in Archived state" without naming the code; ConflictException is the code
#: UpdateModelCard declares for state conflicts in the service model.
ARCHIVED_UPDATE_ERROR: Final = "ConflictException"
ARCHIVED_UPDATE_MESSAGE: Final = "Model Card is in Archived state"

#: Content and status together in one UpdateModelCard. Fact [doc]; the code ValidationException
#: is an ASSUMPTION (generic SageMaker validation error).
CONTENT_AND_STATUS_ERROR: Final = "ValidationException"

#: Names, partition and ARNs of the two AWS managed permissions for model cards. Names and
#: actions are fact [doc] (https://docs.aws.amazon.com/sagemaker/latest/dg/model-cards-xaccount.html);
#: the ARN format ``arn:aws:ram::aws:permission/<Name>`` is an ASSUMPTION (the format other
#: managed permissions use).
MANAGED_PERMISSION_DEFAULT: Final = "AWSRAMPermissionSageMakerModelCards"
MANAGED_PERMISSION_ALLOW_EXPORT: Final = "AWSRAMPermissionSageMakerModelCardsAllowExport"
_CARD_ACTIONS = (
    "sagemaker:DescribeModelCard",
    "sagemaker:ListModelCardVersions",
    "sagemaker:UpdateModelCard",
)
_GROUP_READ = (
    "sagemaker:DescribeModelPackageGroup",
    "sagemaker:DescribeModelPackage",
    "sagemaker:ListModelPackages",
)

#: The managed permissions for model package groups. Names: the three names used with
#: ``sagemaker:ModelPackageGroup`` shares in public AWS samples and CDK code (not a doc page)
#: (``AWSRAMPermissionSageMakerModelPackageGroup``, ``...AllowDeploy``, ``...AllowRegister``).
#: Actions: ASSUMPTION built from the model registry guide's resource policy example
#: (DescribeModelPackageGroup, DescribeModelPackage, ListModelPackages:
#: https://docs.aws.amazon.com/sagemaker/latest/dg/model-registry-ram-discover.html) plus
#: CreateModelPackage for "register a model version from a different account" and CreateModel
#: for "deploy a model version from a different account".
MANAGED_GROUP_PERMISSION_DEFAULT: Final = "AWSRAMPermissionSageMakerModelPackageGroup"
MANAGED_GROUP_PERMISSION_ALLOW_DEPLOY: Final = (
    "AWSRAMPermissionSageMakerModelPackageGroupAllowDeploy"
)
MANAGED_GROUP_PERMISSION_ALLOW_REGISTER: Final = (
    "AWSRAMPermissionSageMakerModelPackageGroupAllowRegister"
)

#: Every AWS managed permission the sandbox knows: name -> (resource type, actions, is the
#: type's default). One table, so a new shareable type is one more block of lines.
MANAGED_PERMISSIONS: Final[Mapping[str, tuple[str, tuple[str, ...], bool]]] = MappingProxyType(
    {
        MANAGED_PERMISSION_DEFAULT: (MODEL_CARD_RESOURCE_TYPE, _CARD_ACTIONS, True),
        MANAGED_PERMISSION_ALLOW_EXPORT: (
            MODEL_CARD_RESOURCE_TYPE,
            (
                *_CARD_ACTIONS,
                "sagemaker:CreateModelCardExportJob",
                "sagemaker:DescribeModelCardExportJob",
            ),
            False,
        ),
        MANAGED_GROUP_PERMISSION_DEFAULT: (MODEL_PACKAGE_GROUP_RESOURCE_TYPE, _GROUP_READ, True),
        MANAGED_GROUP_PERMISSION_ALLOW_DEPLOY: (
            MODEL_PACKAGE_GROUP_RESOURCE_TYPE,
            (*_GROUP_READ, "sagemaker:CreateModel"),
            False,
        ),
        MANAGED_GROUP_PERMISSION_ALLOW_REGISTER: (
            MODEL_PACKAGE_GROUP_RESOURCE_TYPE,
            (*_GROUP_READ, "sagemaker:CreateModelPackage"),
            False,
        ),
    }
)

#: Actions a customer managed permission may grant, per resource type. ASSUMPTION: that
#: customer managed permissions support these types at all, and that their allowed actions are
#: those of the type's managed permissions together.
CUSTOMER_PERMISSION_ALLOWED_ACTIONS: Final[Mapping[str, frozenset[str]]] = MappingProxyType(
    {
        kind: frozenset(
            a for t, actions, _ in MANAGED_PERMISSIONS.values() if t == kind for a in actions
        )
        for kind in SHARED_TYPES.values()
    }
)

#: Customer managed permission names: 1-36 chars ``[\w.-]*``. Fact [model].
PERMISSION_NAME: Final = re.compile(r"[\w.-]{1,36}", re.ASCII)

#: Maximum characters of model card content. Fact [model] (ModelCardContent max 100000).
MAX_CONTENT_LENGTH: Final = 100_000

#: Valid model card statuses. Fact [model].
MODEL_CARD_STATUSES: Final = ("Draft", "PendingReview", "Approved", "Archived")

#: RAM maxResults bounds. Fact [model] (1..500). The error code for a value above 500 is an
#: ASSUMPTION (InvalidMaxResultsException is only declared by some operations).
RAM_MAX_RESULTS: Final = 500
RAM_DEFAULT_PAGE_SIZE: Final = 50

#: Name of the role created in every account for the SDK; the base session assumes it.
DEFAULT_ROLE_NAME: Final = "ModelCardShareRole"

#: Role the sandbox assumes in the home account to build the base session (sandbox choice).
BASE_ROLE_NAME: Final = "SandboxAdministrator"

#: Duration of the STS sessions the sandbox hands out. moto does not expire them [probe].
SESSION_DURATION_SECONDS: Final = 43_200

#: Attribute names under which the sandbox keeps its state on moto backend objects, so that
#: moto's reset clears it.
RAM_STATE_ATTRIBUTE: Final = "_modelcard_share_ram_state"
EXPORT_JOBS_ATTRIBUTE: Final = "_modelcard_share_export_jobs"

#: RAM error when a share names a model card the caller does not own (or that does not exist).
#: ASSUMPTION: RAM reports resources it cannot find in the caller's account as unknown.
NOT_OWNED_RESOURCE_ERROR: Final = "UnknownResourceException"

#: RAM error when a consumer tries to leave a model-card share (DisassociateResourceShare with
#: its own account). Fact [doc]: "the following are the only resource types that support
#: leaving a resource share" lists no SageMaker type
#: (https://docs.aws.amazon.com/ram/latest/userguide/working-with-shared-leave.html); the
#: code OperationNotPermittedException is an ASSUMPTION.
LEAVE_SHARE_ERROR: Final = "OperationNotPermittedException"

#: RAM error for AssociateResourceSharePermission without ``replace=true`` on a share that already
#: holds model cards. ASSUMPTION: the API reference says "fails" without naming the code.
REPLACE_REQUIRED_ERROR: Final = "InvalidParameterException"

#: Text of the ``permission`` field of GetPermission. ASSUMPTION: RAM returns the policy template
#: (Effect/Action) as a JSON string; the exact layout of managed permissions is not published.
PERMISSION_EFFECT: Final = "Allow"

#: Fault injection (``sandbox.faults``). Throttling: RAM declares ThrottlingException with HTTP
#: 429 and SageMaker answers ThrottlingException with HTTP 400; fact [model] for RAM, and
#: botocore's standard retry mode treats the code as throttling whatever the status [botocore].
FAULT_THROTTLE_STATUS: Final[dict[str, int]] = {"ram": 429, "sagemaker": 400}

#: Fault injection: the 5xx answers, (HTTP 500, HTTP 503) per service. RAM's codes are fact
#: [model]; SageMaker declares no 5xx shapes, so InternalFailure / ServiceUnavailable (the
#: common AWS JSON-protocol codes) are an ASSUMPTION. botocore retries any 500/502/503/504.
FAULT_SERVER_ERRORS: Final[dict[str, tuple[tuple[int, str], tuple[int, str]]]] = {
    "ram": ((500, "ServerInternalException"), (503, "ServiceUnavailableException")),
    "sagemaker": ((500, "InternalFailure"), (503, "ServiceUnavailable")),
}

#: Fault injection: an expired session token. ASSUMPTION: SigV4 JSON services answer HTTP 403
#: ExpiredTokenException (STS itself says ExpiredToken); the SDK refreshes on either code.
FAULT_EXPIRED_TOKEN_STATUS: Final = 403
FAULT_EXPIRED_TOKEN_CODE: Final = "ExpiredTokenException"  # noqa: S105 - an error code

#: CreateResourceShare with two permissions for one resource type. Fact [model]: "You can
#: associate only one permission with each resource type included in the resource share"; the
#: code InvalidParameterException is an ASSUMPTION (the operation declares it for bad input).
DUPLICATE_PERMISSION_ERROR: Final = "InvalidParameterException"

#: A shared card (or group) that its owner deletes leaves every share: its resource association
#: becomes DISASSOCIATED with this message, so ListResources, ListPendingInvitationResources and
#: the consumers stop seeing it, and a new resource with the same name is not shared.
#: ASSUMPTION: the RAM user guide does not say what becomes of the association of a deleted
#: resource (searched: "Update a resource share", "Viewing your shared resources"); the
#: consumer losing access is certain, the DISASSOCIATED status and its message are not.
DELETED_RESOURCE_MESSAGE: Final = "The resource was deleted by its owner."

#: EventBridge events SageMaker sends. Fact [doc] for source, detail-types and the detail fields
#: the examples show (https://docs.aws.amazon.com/sagemaker/latest/dg/automating-sagemaker-with-eventbridge.html,
#: https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-sagemaker.html).
EVENT_SOURCE: Final = "aws.sagemaker"
EVENT_VERSION: Final = "0"
MODEL_CARD_EVENT: Final = "SageMaker Model Card State Change"
MODEL_PACKAGE_EVENT: Final = "SageMaker Model Package State Change"

#: ASSUMPTION: one event per CreateModelCard, UpdateModelCard (content or status) and
#: DeleteModelCard, and per CreateModelPackage, UpdateModelPackage and DeleteModelPackage
#: (the docs warn SageMaker "may send multiple events for each state change"; the sandbox sends
#: exactly one). A delete event carries the last known detail with ``ModelCardStatus`` /
#: ``ModelPackageStatus`` unchanged plus ``"Deleted": true`` (undocumented: ASSUMPTION).
EVENT_DELETED_FLAG: Final = "Deleted"

#: Model card content is validated against the model card JSON schema shipped as package data
#: (draft-07). Fact [doc]: CreateModelCard's Content is "the content of the model card ... in
#: model card JSON schema"; the ValidationException message layout is an ASSUMPTION.
CONTENT_SCHEMA_RESOURCE: Final = "model-card-content.schema.json"

#: CreatedBy / LastModifiedBy of cards: the UserContext shape [model] filled with the caller's
#: IAM identity (``IamIdentity.Arn``, ``PrincipalId``). ASSUMPTION: sandbox callers are never
#: SageMaker Studio users, so ``UserProfileArn``/``UserProfileName``/``DomainId`` stay absent.
USER_CONTEXT_FIELDS: Final = ("IamIdentity",)

#: A model package that a consumer registers into a shared group (CreateModelPackage with the
#: group's ARN) is created in the group owner's account, as the group's next version.
#: ASSUMPTION: the model registry guide says consumers "register a model version from a
#: different account" into the shared group without naming the package's account.
REGISTERED_PACKAGE_ACCOUNT: Final = "group owner"
