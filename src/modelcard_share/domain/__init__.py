"""The domain: model cards, model package groups, shares, invitations, the lifecycle.

Everything in ``__all__`` is public API; the product's own names are also re-exported
from :mod:`modelcard_share`. The kinds (``MODEL_CARD``, ``MODEL_PACKAGE_GROUP``) are
here for sibling packages (the command line) and for users who need the RAM facts.
"""

from ._card import ModelCard
from ._consumer import (
    Invitation,
    InvitationStatus,
    SharedResource,
    SharedResources,
    shared_with_me,
    shares_with_me,
)
from ._diff import ChangeKind, ContentChange, ContentDiff
from ._export import ExportJob, ExportStatus
from ._kinds import KINDS, MODEL_CARD, MODEL_PACKAGE_GROUP, ResourceRef, ShareableKind
from ._lifecycle import (
    DEFAULT_STAGES,
    AccountView,
    CardReconciliation,
    Lifecycle,
    LifecycleReport,
    Promotion,
    ReconcileOutcome,
    ReconcileReport,
    RegistrySync,
    SyncResult,
    sync_to_hub,
)
from ._package_group import ModelPackageGroup, ModelPackageSummary
from ._policy import consumer_identity_policy, kms_key_policy_statement
from ._progress import NotebookProgress
from ._records import Actor, CardRecord, CardSummary, CardVersion, CardVersions, FillResult
from ._registry import GroupLink, OnApprove, RegistryPolicy
from ._share import (
    AccessChange,
    AssociationStatus,
    Grant,
    LeaveResult,
    PrincipalAssociation,
    ResourceShare,
    ResourceShares,
    ShareStatus,
)
from ._sources import (
    ContentSource,
    ModelPackageSource,
    ModelSource,
    ReportSource,
    TrainingJobSource,
    TuningJobSource,
)

__all__ = [
    "DEFAULT_STAGES",
    "KINDS",
    "MODEL_CARD",
    "MODEL_PACKAGE_GROUP",
    "AccessChange",
    "AccountView",
    "Actor",
    "AssociationStatus",
    "CardReconciliation",
    "CardRecord",
    "CardSummary",
    "CardVersion",
    "CardVersions",
    "ChangeKind",
    "ContentChange",
    "ContentDiff",
    "ContentSource",
    "ExportJob",
    "ExportStatus",
    "FillResult",
    "Grant",
    "GroupLink",
    "Invitation",
    "InvitationStatus",
    "LeaveResult",
    "Lifecycle",
    "LifecycleReport",
    "ModelCard",
    "ModelPackageGroup",
    "ModelPackageSource",
    "ModelPackageSummary",
    "ModelSource",
    "NotebookProgress",
    "OnApprove",
    "PrincipalAssociation",
    "Promotion",
    "ReconcileOutcome",
    "ReconcileReport",
    "RegistryPolicy",
    "RegistrySync",
    "ReportSource",
    "ResourceRef",
    "ResourceShare",
    "ResourceShares",
    "ShareStatus",
    "ShareableKind",
    "SharedResource",
    "SharedResources",
    "SyncResult",
    "TrainingJobSource",
    "TuningJobSource",
    "consumer_identity_policy",
    "kms_key_policy_statement",
    "shared_with_me",
    "shares_with_me",
    "sync_to_hub",
]
