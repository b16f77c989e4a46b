"""Every assumption the sandbox makes about AWS, in one place.

Each constant says whether it is a fact (and where it comes from) or an
**assumption** that could not be confirmed offline. Correct an assumption
here and the whole emulation follows.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Final

#: RAM resource type of a SageMaker model card. Fact [doc]: RAM shareable resources list.
MODEL_CARD_RESOURCE_TYPE: Final = "sagemaker:ModelCard"

#: Service name reported by ListResourceTypes for model cards. Fact [doc].
MODEL_CARD_SERVICE_NAME: Final = "sagemaker"

#: Path segment of model card ARNs, used by moto's ``SHAREABLE_RESOURCES`` check. Fact [model].
MODEL_CARD_ARN_SEGMENT: Final = "model-card"

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
#: ASSUMPTION: SageMaker hides unshared cross-account resources behind "not found" rather than
#: revealing them with AccessDeniedException.
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
#: actions are fact [doc]; the ARN format ``arn:aws:ram::aws:permission/<Name>`` is an
#: ASSUMPTION (the format other managed permissions use).
MANAGED_PERMISSION_DEFAULT: Final = "AWSRAMPermissionSageMakerModelCards"
MANAGED_PERMISSION_ALLOW_EXPORT: Final = "AWSRAMPermissionSageMakerModelCardsAllowExport"
MANAGED_PERMISSION_ACTIONS: Final[dict[str, tuple[str, ...]]] = {
    MANAGED_PERMISSION_DEFAULT: (
        "sagemaker:DescribeModelCard",
        "sagemaker:ListModelCardVersions",
        "sagemaker:UpdateModelCard",
    ),
    MANAGED_PERMISSION_ALLOW_EXPORT: (
        "sagemaker:DescribeModelCard",
        "sagemaker:ListModelCardVersions",
        "sagemaker:UpdateModelCard",
        "sagemaker:CreateModelCardExportJob",
        "sagemaker:DescribeModelCardExportJob",
    ),
}

#: Actions a customer managed permission for model cards may grant. ASSUMPTION: that customer
#: managed permissions support ``sagemaker:ModelCard`` at all, and that their allowed actions
#: are those of the most permissive managed permission.
CUSTOMER_PERMISSION_ALLOWED_ACTIONS: Final = frozenset(
    MANAGED_PERMISSION_ACTIONS[MANAGED_PERMISSION_ALLOW_EXPORT]
)

#: Customer managed permission names: 1-36 chars ``[\w.-]*``. Fact [model].
PERMISSION_NAME_PATTERN: Final = r"^[\w.-]{1,36}$"

#: Model card and export job names. Fact [model] (EntityName).
ENTITY_NAME_PATTERN: Final = r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$"

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
#: its own account). ASSUMPTION following aws-semantics.md section 2: refused for this type.
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
