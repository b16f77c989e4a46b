"""The domain: model cards, resource shares, invitations and what is shared with me."""

from ._card import TRANSITIONS, ModelCard
from ._consumer import (
    Invitation,
    InvitationStatus,
    SharedResource,
    SharedResources,
    shared_with_me,
    shares_with_me,
)
from ._context import Context
from ._diff import ChangeKind, ContentChange, ContentDiff, diff_content
from ._export import ExportJob, ExportStatus
from ._lifecycle import (
    DEFAULT_STAGES,
    FORWARD,
    AccountView,
    Lifecycle,
    LifecycleReport,
    Promotion,
    sync_to_hub,
)
from ._policy import CARD_ACTIONS, consumer_identity_policy, kms_key_policy_statement
from ._records import Actor, CardSummary, CardVersion
from ._share import (
    TAG_ACCESS,
    TAG_CARD,
    AssociationStatus,
    LeaveResult,
    PrincipalAssociation,
    ResourceShare,
    ShareStatus,
)
from ._sharing import MODEL_CARD_RESOURCE_TYPE, PERMISSION_NAMES, READ_ONLY_ACTIONS

__all__ = [
    "CARD_ACTIONS",
    "DEFAULT_STAGES",
    "FORWARD",
    "MODEL_CARD_RESOURCE_TYPE",
    "PERMISSION_NAMES",
    "READ_ONLY_ACTIONS",
    "TAG_ACCESS",
    "TAG_CARD",
    "TRANSITIONS",
    "AccountView",
    "Actor",
    "AssociationStatus",
    "CardSummary",
    "CardVersion",
    "ChangeKind",
    "ContentChange",
    "ContentDiff",
    "Context",
    "ExportJob",
    "ExportStatus",
    "Invitation",
    "InvitationStatus",
    "LeaveResult",
    "Lifecycle",
    "LifecycleReport",
    "ModelCard",
    "PrincipalAssociation",
    "Promotion",
    "ResourceShare",
    "ShareStatus",
    "SharedResource",
    "SharedResources",
    "consumer_identity_policy",
    "diff_content",
    "kms_key_policy_statement",
    "shared_with_me",
    "shares_with_me",
    "sync_to_hub",
]
