"""modelcard-share: share Amazon SageMaker Model Cards across AWS accounts with AWS RAM.

The public API is re-exported here; the names load lazily, so ``import
modelcard_share`` stays cheap and boto3 is imported only when a name that
needs it is first used.

- Content: :class:`CardContent` and its sections, typed and lossless.
- Accounts: :class:`AccountTopology`, :class:`SessionFactory`, :class:`AccountClients`,
  :class:`RetryPolicy`.
- Domain: :class:`ModelCard`, :class:`ResourceShare`, :class:`Invitation`,
  :func:`shared_with_me`.
- Errors: :class:`ModelCardShareError` and its subclasses.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from modelcard_share.aws import (
        Access,
        Account,
        AccountClients,
        AccountTopology,
        RetryPolicy,
        SessionFactory,
    )
    from modelcard_share.content import (
        AdditionalInformation,
        BarChartMetric,
        BusinessDetails,
        CardContent,
        CardStatus,
        EvaluationJob,
        HyperParameter,
        InferenceContainer,
        InferenceEnvironment,
        InferenceSpecification,
        IntendedUses,
        LenientParse,
        LinearGraphMetric,
        MatrixMetric,
        Metric,
        MetricGroup,
        MetricType,
        ModelApprovalStatus,
        ModelOverview,
        ModelPackageCreator,
        ModelPackageDetails,
        ModelPackageStatus,
        ObjectiveFunction,
        ObjectiveFunctionDirection,
        ObjectiveFunctionSpec,
        RiskRating,
        SimpleMetric,
        SimpleMetricType,
        SourceAlgorithm,
        TrainingDetails,
        TrainingEnvironment,
        TrainingJobDetails,
        TrainingMetric,
    )
    from modelcard_share.domain import (
        Actor,
        AssociationStatus,
        CardSummary,
        CardVersion,
        ChangeKind,
        ContentChange,
        ContentDiff,
        ExportJob,
        ExportStatus,
        Invitation,
        InvitationStatus,
        LeaveResult,
        Lifecycle,
        LifecycleReport,
        ModelCard,
        PrincipalAssociation,
        Promotion,
        ResourceShare,
        SharedResource,
        ShareStatus,
        consumer_identity_policy,
        kms_key_policy_statement,
        shared_with_me,
        shares_with_me,
        sync_to_hub,
    )
    from modelcard_share.errors import (
        AccessDeniedError,
        ArchivedCardError,
        ArgumentTypeError,
        AssociationFailedError,
        AssumeRoleDeniedError,
        AwsConnectionError,
        AwsError,
        AwsValidationError,
        ConcurrentModificationError,
        ConfigurationError,
        ConflictError,
        ContentProblem,
        ContentValidationError,
        CredentialsError,
        ExpiredSourceCredentialsError,
        ExportFailedError,
        ExternalSharingError,
        InvalidTransitionError,
        InvitationAlreadyAcceptedError,
        InvitationAlreadyRejectedError,
        InvitationError,
        InvitationExpiredError,
        LimitExceededError,
        ModelCardShareError,
        NoSourceCredentialsError,
        NotFoundError,
        NotOwnerError,
        RegionDisabledError,
        RoleChainingDurationError,
        SandboxError,
        ServiceUnavailableError,
        ShareLimitError,
        ThrottledError,
        TopologyError,
        WaitTimeoutError,
    )

__version__ = "0.1.0.dev0"

# Where each public name lives; the first module whose __all__ has it wins.
_SOURCES = (
    "modelcard_share.errors",
    "modelcard_share.content",
    "modelcard_share.aws",
    "modelcard_share.domain",
)

__all__ = [
    "Access",
    "AccessDeniedError",
    "Account",
    "AccountClients",
    "AccountTopology",
    "Actor",
    "AdditionalInformation",
    "ArchivedCardError",
    "ArgumentTypeError",
    "AssociationFailedError",
    "AssociationStatus",
    "AssumeRoleDeniedError",
    "AwsConnectionError",
    "AwsError",
    "AwsValidationError",
    "BarChartMetric",
    "BusinessDetails",
    "CardContent",
    "CardStatus",
    "CardSummary",
    "CardVersion",
    "ChangeKind",
    "ConcurrentModificationError",
    "ConfigurationError",
    "ConflictError",
    "ContentChange",
    "ContentDiff",
    "ContentProblem",
    "ContentValidationError",
    "CredentialsError",
    "EvaluationJob",
    "ExpiredSourceCredentialsError",
    "ExportFailedError",
    "ExportJob",
    "ExportStatus",
    "ExternalSharingError",
    "HyperParameter",
    "InferenceContainer",
    "InferenceEnvironment",
    "InferenceSpecification",
    "IntendedUses",
    "InvalidTransitionError",
    "Invitation",
    "InvitationAlreadyAcceptedError",
    "InvitationAlreadyRejectedError",
    "InvitationError",
    "InvitationExpiredError",
    "InvitationStatus",
    "LeaveResult",
    "LenientParse",
    "Lifecycle",
    "LifecycleReport",
    "LimitExceededError",
    "LinearGraphMetric",
    "MatrixMetric",
    "Metric",
    "MetricGroup",
    "MetricType",
    "ModelApprovalStatus",
    "ModelCard",
    "ModelCardShareError",
    "ModelOverview",
    "ModelPackageCreator",
    "ModelPackageDetails",
    "ModelPackageStatus",
    "NoSourceCredentialsError",
    "NotFoundError",
    "NotOwnerError",
    "ObjectiveFunction",
    "ObjectiveFunctionDirection",
    "ObjectiveFunctionSpec",
    "PrincipalAssociation",
    "Promotion",
    "RegionDisabledError",
    "ResourceShare",
    "RetryPolicy",
    "RiskRating",
    "RoleChainingDurationError",
    "SandboxError",
    "ServiceUnavailableError",
    "SessionFactory",
    "ShareLimitError",
    "ShareStatus",
    "SharedResource",
    "SimpleMetric",
    "SimpleMetricType",
    "SourceAlgorithm",
    "ThrottledError",
    "TopologyError",
    "TrainingDetails",
    "TrainingEnvironment",
    "TrainingJobDetails",
    "TrainingMetric",
    "WaitTimeoutError",
    "__version__",
    "consumer_identity_policy",
    "kms_key_policy_statement",
    "shared_with_me",
    "shares_with_me",
    "sync_to_hub",
]


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562)."""
    if name in __all__:
        for source in _SOURCES:
            module = importlib.import_module(source)
            if name in getattr(module, "__all__", ()):
                value = getattr(module, name)
                globals()[name] = value
                return value
    raise AttributeError(f"module 'modelcard_share' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
