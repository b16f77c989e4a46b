"""The kinds of resource this SDK shares through AWS RAM, one module each.

A :class:`ShareableKind` says everything the sharing engine needs to know about one
kind: its RAM resource type, ARN format, the RAM permission behind each access level,
and how this SDK names and tags its shares. Adding a kind is one new module here (and
its tests) plus one line in :data:`KINDS`.
"""

from modelcard_share.domain._kinds._base import CustomerPermission, ResourceRef, ShareableKind
from modelcard_share.domain._kinds.model_card import MODEL_CARD
from modelcard_share.domain._kinds.model_package_group import MODEL_PACKAGE_GROUP

__all__ = [
    "KINDS",
    "MODEL_CARD",
    "MODEL_PACKAGE_GROUP",
    "CustomerPermission",
    "ResourceRef",
    "ShareableKind",
    "kind_of",
]

#: Every kind the SDK can share.
KINDS: tuple[ShareableKind, ...] = (MODEL_CARD, MODEL_PACKAGE_GROUP)


def kind_of(resource_type: str) -> ShareableKind | None:
    """Return the kind with this RAM resource type (``sagemaker:ModelCard``...), if any."""
    return next((k for k in KINDS if k.resource_type == resource_type), None)
