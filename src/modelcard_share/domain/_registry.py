"""The central model registry in the lifecycle: the topology's ``[lifecycle.registry]``.

A card names its model package group, in its content (the default) or in a tag::

    [lifecycle.registry]
    link = "content"        # model_package_details.model_package_group_name (or the
                            # group of model_package_details.model_package_arn)
    # link = "tag"          # the card's tag below names the group (name or ARN)
    tag_key = "modelcard-share:model-package-group"
    share_group = true      # share the group alongside the card, same accounts and access
    on_approve = "none"     # or "approve-package", or "require-approved-package"

With ``share_group`` the group is shared with exactly the accounts that see the card, at
the card's access level (a group has no export level: export becomes read-write, which
lets the account register model versions). ``on_approve`` ties the card's approval to the
card's model package: the version ``model_package_details.model_package_arn`` names, or
else the group's newest version.

- ``"approve-package"``: when the card is Approved, its model package is set to Approved
  too (no write when it is already).
- ``"require-approved-package"``: the card cannot be approved while its model package is
  not: :meth:`Lifecycle.promote` raises :class:`~modelcard_share.errors.RegistryPolicyError`
  before any write, and a card approved by other means is shared as if it were still
  PendingReview until its package is approved.

The group records its card in the tag ``modelcard-share:card`` (the card's ARN, the same
key this SDK's shares of a card carry), so a model package event finds its card in one
call.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from attrs import evolve, frozen

from modelcard_share import _ids
from modelcard_share.content import CardStatus
from modelcard_share.errors import (
    NotFoundError,
    RegistryPolicyError,
    TopologyError,
)

from ._card import ModelCard
from ._kinds import MODEL_CARD, MODEL_PACKAGE_GROUP
from ._package_group import ModelPackageGroup, ModelPackageSummary, resource_tags
from ._status import FORWARD

__all__ = [
    "GroupLink",
    "OnApprove",
    "RegistryLink",
    "RegistryPolicy",
    "after_approval",
    "refusal",
    "resolve_link",
]

_FIELD = "lifecycle.registry"
_CONTENT_FIELD = "model_package_details.model_package_group_name"


class OnApprove(str, enum.Enum):
    """What the card's approval means for its model package (``on_approve``)."""

    NONE = "none"
    APPROVE_PACKAGE = "approve-package"
    REQUIRE_APPROVED_PACKAGE = "require-approved-package"


class GroupLink(str, enum.Enum):
    """Where a card names its model package group (``link``)."""

    CONTENT = "content"
    TAG = "tag"


def _enum(enum_type: type[enum.Enum], table: Mapping[str, Any], key: str, default: Any) -> Any:
    value = table.get(key, default.value)
    try:
        return enum_type(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in enum_type)
        raise TopologyError(f"{value!r} is not one of {allowed}", field=f"{_FIELD}.{key}") from None


@frozen(kw_only=True)
class RegistryPolicy:
    """How the lifecycle treats each card's model package group (``[lifecycle.registry]``).

    Attributes:
        link: Where a card names its group.
        tag_key: The card tag that names the group, with ``link = "tag"``.
        share_group: Share the group with the accounts that see the card, at their access.
        on_approve: What the card's approval means for its model package.
    """

    link: GroupLink = GroupLink.CONTENT
    tag_key: str = MODEL_PACKAGE_GROUP.tag_key
    share_group: bool = True
    on_approve: OnApprove = OnApprove.NONE

    @classmethod
    def from_table(cls, table: object) -> RegistryPolicy:
        """Read the ``[lifecycle.registry]`` table of a topology file.

        Raises:
            TopologyError: The table is not a table, has an unknown key, or a value is
                invalid; the message names the field (``lifecycle.registry.on_approve``).
        """
        if not isinstance(table, Mapping):
            raise TopologyError(f"must be a table, got {table!r}", field=_FIELD)
        known = {"link", "tag_key", "share_group", "on_approve"}
        unknown = sorted(map(str, set(table) - known))
        if unknown:
            raise TopologyError(
                f"unknown keys {unknown}; allowed: {', '.join(sorted(known))}", field=_FIELD
            )
        tag_key = table.get("tag_key", MODEL_PACKAGE_GROUP.tag_key)
        if not isinstance(tag_key, str) or not 1 <= len(tag_key) <= 128:
            raise TopologyError(
                f"must be a tag key of 1-128 characters, got {tag_key!r}",
                field=f"{_FIELD}.tag_key",
            )
        share_group = table.get("share_group", True)
        if not isinstance(share_group, bool):
            raise TopologyError(
                f"must be true or false, got {share_group!r}", field=f"{_FIELD}.share_group"
            )
        link = _enum(GroupLink, table, "link", GroupLink.CONTENT)
        if "tag_key" in table and link is not GroupLink.TAG:
            raise TopologyError('is only used with link = "tag"', field=f"{_FIELD}.tag_key")
        return cls(
            link=link,
            tag_key=tag_key,
            share_group=share_group,
            on_approve=_enum(OnApprove, table, "on_approve", OnApprove.NONE),
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the policy as the TOML table's keys and values."""
        data: dict[str, Any] = {"link": self.link.value}
        if self.link is GroupLink.TAG:
            data["tag_key"] = self.tag_key
        data.update(share_group=self.share_group, on_approve=self.on_approve.value)
        return data


@frozen(kw_only=True)
class RegistryLink:
    """What the registry policy found for one card.

    Attributes:
        card: The card's name.
        source: Where the card names its group (a content path or ``tag <key>``).
        group_ref: The group's name or ARN as the card names it, if it does.
        group: The group, when it exists in the card's account.
        package: The card's model package, when the policy needed it and it exists.
        problem: Why there is no group (or package) to act on, if so.
    """

    card: str
    source: str
    group_ref: str | None = None
    group: ModelPackageGroup | None = None
    package: ModelPackageSummary | None = None
    problem: str | None = None


def after_approval(status: CardStatus) -> bool:
    """Whether ``status`` is Approved or a later step of the lifecycle."""
    return FORWARD.index(status) >= FORWARD.index(CardStatus.APPROVED)


def _group_ref(policy: RegistryPolicy, card: ModelCard) -> tuple[str, str | None, str | None]:
    """Return (source, group name or ARN, package ARN) as the card names them."""
    details = card.content.model_package_details
    package_arn = details.model_package_arn if details is not None else None
    if policy.link is GroupLink.TAG:
        source = f"tag {policy.tag_key}"
        return source, resource_tags(card.context, card.arn).get(policy.tag_key), package_arn
    name = details.model_package_group_name if details is not None else None
    if name is None and package_arn is not None:
        match = _ids.MODEL_PACKAGE_ARN.fullmatch(package_arn)
        if match is not None and match["version"] is not None:
            return "model_package_details.model_package_arn", match["name"], package_arn
    return _CONTENT_FIELD, name, package_arn


def resolve_link(policy: RegistryPolicy, card: ModelCard, *, package: bool) -> RegistryLink:
    """Find the card's model package group (and, with ``package``, its model package).

    Only groups of the card's own account and region are acted on; anything else is a
    :attr:`RegistryLink.problem`, not an error.
    """
    source, ref, package_arn = _group_ref(policy, card)
    link = RegistryLink(card=card.name, source=source, group_ref=ref)
    if ref is None:
        return evolve(link, problem=f"model card {card.name} names no model package group")
    found = _find_group(card, ref, source)
    if isinstance(found, str):
        return evolve(link, problem=found)
    link = evolve(link, group=found)
    if not package:
        return link
    try:
        if package_arn is not None and found.owns_package(package_arn):
            return evolve(link, package=found.package(package_arn))
        return evolve(link, package=found.latest())
    except NotFoundError as err:
        return evolve(link, problem=str(err.base_message))


def _find_group(card: ModelCard, ref: str, source: str) -> ModelPackageGroup | str:
    """Load the group ``ref`` of the card's account and region, or say why not."""
    owner = MODEL_CARD.parse(card.arn)
    match = MODEL_PACKAGE_GROUP.arn_pattern.fullmatch(ref)
    if match is None and _ids.ENTITY_NAME.fullmatch(ref) is None:
        return f"{ref!r} ({source}) is not a model package group name"
    if match is not None and (match["account"], match["region"]) != (
        owner.account_id,
        owner.region,
    ):
        return (
            f"model package group {ref} is not in the card's account {owner.account_id} "
            f"and region {owner.region}; only those groups are shared and checked"
        )
    try:
        return ModelPackageGroup.load(
            ref,
            session=card.context.clients,
            region=owner.region,
            retry=card.context.retry,
            topology=card.topology,
        )
    except NotFoundError:
        return f"model package group {ref} does not exist in account {owner.account_id}"


def refusal(link: RegistryLink, current: CardStatus) -> RegistryPolicyError | None:
    """Return why ``require-approved-package`` refuses the card's approval, or ``None``."""
    package = link.package
    if package is not None and package.approved:
        return None
    rule = '[lifecycle.registry] on_approve = "require-approved-package"'
    if package is None:
        reason = link.problem or f"model card {link.card} has no model package"
        message = (
            f"model card {link.card} cannot be Approved: {reason} ({link.source}), and {rule} "
            "requires an Approved model package"
        )
    else:
        message = (
            f"model card {link.card} cannot be Approved: its model package {package.arn} is "
            f"{package.approval_status or 'without an approval status'}, not Approved; "
            f"approve the package first ({rule})"
        )
    return RegistryPolicyError(
        message,
        card=link.card,
        group=link.group.name if link.group is not None else link.group_ref,
        package_arn=package.arn if package is not None else None,
        approval_status=package.approval_status if package is not None else None,
        current=current.value,
        requested=CardStatus.APPROVED.value,
    )
