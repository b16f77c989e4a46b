"""The consumer side of sharing: invitations and what is shared with me."""

from __future__ import annotations

import builtins
import datetime as dt
import enum
from collections.abc import Iterator, Mapping
from typing import Any

from attrs import frozen

from modelcard_share import _ids
from modelcard_share.aws import RetryPolicy, SessionLike, new_client_token
from modelcard_share.errors import (
    ArgumentTypeError,
    ConfigurationError,
    InvitationAlreadyAcceptedError,
    InvitationAlreadyRejectedError,
    InvitationError,
    InvitationExpiredError,
    ModelCardShareError,
)

from . import _args
from ._context import Context, resolve_context
from ._display import safe_html, shared_with_me_html
from ._kinds import MODEL_CARD
from ._share import ResourceShare

__all__ = [
    "Invitation",
    "InvitationStatus",
    "SharedResource",
    "SharedResources",
    "shared_with_me",
    "shares_with_me",
]


class InvitationStatus(str, enum.Enum):
    """The status of a resource share invitation (RAM ``ResourceShareInvitationStatus``)."""

    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    REJECTED = "REJECTED"
    EXPIRED = "EXPIRED"


class Invitation:
    """An invitation to a resource share, received by this account.

    Invitations exist only when the owner is outside this account's AWS
    Organization, or the organization has RAM sharing turned off.
    """

    def __init__(self, ctx: Context, data: Mapping[str, Any]) -> None:
        """Wrap a RAM ``ResourceShareInvitation``; use :meth:`list_pending` instead."""
        self._ctx = ctx
        self._data = dict(data)

    @classmethod
    def list(
        cls,
        session: SessionLike | None = None,
        *,
        region: str | None = None,
        retry: RetryPolicy | None = None,
    ) -> Iterator[Invitation]:
        """Yield every invitation this account received, lazily."""
        ctx = resolve_context(session, region=region, retry=retry)
        for item in ctx.pages(
            "ram", "get_resource_share_invitations", items="resourceShareInvitations"
        ):
            yield cls(ctx, item)

    @classmethod
    def list_pending(
        cls,
        session: SessionLike | None = None,
        *,
        region: str | None = None,
        retry: RetryPolicy | None = None,
    ) -> builtins.list[Invitation]:
        """Return the invitations that wait for this account to accept or reject them."""
        return [
            i
            for i in cls.list(session, region=region, retry=retry)
            if i.status is InvitationStatus.PENDING
        ]

    @property
    def arn(self) -> str:
        """The invitation ARN."""
        return str(self._data["resourceShareInvitationArn"])

    @property
    def share_arn(self) -> str:
        """The resource share the invitation is for."""
        return str(self._data["resourceShareArn"])

    @property
    def share_name(self) -> str | None:
        """The resource share's name."""
        return self._data.get("resourceShareName")

    @property
    def sender_account_id(self) -> str:
        """The account that shared (the card owner)."""
        return str(self._data["senderAccountId"])

    @property
    def receiver_account_id(self) -> str | None:
        """This account."""
        return self._data.get("receiverAccountId")

    @property
    def status(self) -> InvitationStatus:
        """The invitation status as last read."""
        return InvitationStatus(self._data["status"])

    @property
    def invited_at(self) -> dt.datetime | None:
        """When the invitation was sent."""
        return self._data.get("invitationTimestamp")

    def __repr__(self) -> str:
        return (
            f"Invitation(share={self.share_name!r}, from={self.sender_account_id}, "
            f"status={self.status.value})"
        )

    def _answer(self, operation: str) -> Invitation:
        # Expired, accepted and rejected are final: say so without a call.
        final = _FINAL.get(self.status)
        if final is not None:
            error, code, what = final
            raise error(
                f"the invitation to share {self.share_name or self.share_arn} {what}",
                code=code,
                operation="AcceptResourceShareInvitation"
                if operation.startswith("accept")
                else "RejectResourceShareInvitation",
                resource=self.arn,
            )
        response = self._ctx.call(
            "ram",
            operation,
            resource=self.arn,
            resourceShareInvitationArn=self.arn,
            clientToken=new_client_token(),
        )
        self._data = dict(response["resourceShareInvitation"])
        return self

    def accept(self) -> Invitation:
        """Accept the invitation; the share's cards become usable from this account.

        Raises:
            InvitationExpiredError: It expired (ask the owner to share again).
            InvitationAlreadyAcceptedError: It was accepted before.
            InvitationAlreadyRejectedError: It was rejected before.
        """
        return self._answer("accept_resource_share_invitation")

    def reject(self) -> Invitation:
        """Reject the invitation.

        Raises:
            InvitationExpiredError: It expired.
            InvitationAlreadyAcceptedError: It was accepted before.
            InvitationAlreadyRejectedError: It was rejected before.
        """
        return self._answer("reject_resource_share_invitation")

    def share(self) -> ResourceShare:
        """Return the resource share (readable once the invitation is accepted)."""
        return ResourceShare(
            self._ctx,
            {
                "resourceShareArn": self.share_arn,
                "name": self.share_name or self.share_arn,
                "owningAccountId": self.sender_account_id,
                "status": "ACTIVE",
            },
        ).refresh()


_FINAL: dict[InvitationStatus, tuple[type[InvitationError], str, str]] = {
    InvitationStatus.EXPIRED: (
        InvitationExpiredError,
        "ResourceShareInvitationExpiredException",
        "has expired",
    ),
    InvitationStatus.ACCEPTED: (
        InvitationAlreadyAcceptedError,
        "ResourceShareInvitationAlreadyAcceptedException",
        "was already accepted",
    ),
    InvitationStatus.REJECTED: (
        InvitationAlreadyRejectedError,
        "ResourceShareInvitationAlreadyRejectedException",
        "was already rejected",
    ),
}


@frozen
class SharedResource:
    """A resource another account shares with this one (the console's "Shared with me").

    Attributes:
        arn: The resource ARN (for a model card, load it with ``ModelCard.load(arn)``).
        resource_type: The RAM resource type, such as ``sagemaker:ModelCard``.
        owner_account_id: The account that owns the resource.
        last_shared: When a share of it last changed.
        share_count: How many resource shares give this account access to it.
        share_arns: Those resource shares.
    """

    arn: str
    resource_type: str
    owner_account_id: str
    last_shared: dt.datetime | None
    share_count: int
    share_arns: tuple[str, ...]


class SharedResources(builtins.list[SharedResource]):
    """The result of :func:`shared_with_me`: a list that renders as a table in notebooks."""

    def _repr_html_(self) -> str:
        """Render the listing as an HTML table; never raises."""
        return safe_html(lambda: shared_with_me_html(self), self)


def _bad(name: str, value: object, what: str) -> ModelCardShareError:
    kind = ConfigurationError if isinstance(value, (str, dt.datetime)) else ArgumentTypeError
    return kind(f"{name} must be {what}, got {type(value).__name__} {value!r}")


def _owner_of(arn: str) -> str:
    parts = arn.split(":")
    return parts[4] if len(parts) > 4 else ""


def _when(item: Mapping[str, Any]) -> dt.datetime | None:
    value = item.get("lastUpdatedTime") or item.get("creationTime")
    return value if isinstance(value, dt.datetime) else None


def shared_with_me(
    session: SessionLike | None = None,
    *,
    owner: str | None = None,
    resource_type: str | None = MODEL_CARD.resource_type,
    since: dt.datetime | None = None,
    region: str | None = None,
    retry: RetryPolicy | None = None,
) -> SharedResources:
    """List the resources shared with this account, one entry per resource.

    SageMaker's ListModelCards never shows cards shared with you; this asks RAM
    (ListResources with ``resourceOwner=OTHER-ACCOUNTS``).

    Args:
        session: The consumer account: a boto3 session or an AccountClients.
        owner: Only resources owned by this account id.
        resource_type: Only this RAM resource type (model cards by default; ``None`` for all).
        since: Only resources whose share changed at or after this time.
        region: The region (default: the session's).
        retry: The retry policy.
    """
    if owner is not None and not _ids.is_account_id(owner):
        raise _bad("owner", owner, "a 12-digit account id")
    _args.check_optional_str("resource_type", resource_type)
    if since is not None and (
        not isinstance(since, dt.datetime)  # type: ignore[redundant-expr] # checked at run time
        or since.tzinfo is None
    ):
        raise _bad("since", since, "a timezone-aware datetime")
    ctx = resolve_context(session, region=region, retry=retry)
    params: dict[str, Any] = {"resourceOwner": "OTHER-ACCOUNTS"}
    if resource_type:
        params["resourceType"] = resource_type
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for item in ctx.pages("ram", "list_resources", items="resources", **params):
        grouped.setdefault(item["arn"], []).append(item)
    result = SharedResources()
    for arn, items in grouped.items():
        owner_id = _owner_of(arn)
        if owner is not None and owner_id != owner:
            continue
        times = [t for t in map(_when, items) if t is not None]
        last = max(times) if times else None
        if since is not None and (last is None or last < since):
            continue
        shares = tuple(dict.fromkeys(str(i["resourceShareArn"]) for i in items))
        result.append(
            SharedResource(
                arn=arn,
                resource_type=str(items[0].get("type", resource_type or "")),
                owner_account_id=owner_id,
                last_shared=last,
                share_count=len(shares),
                share_arns=shares,
            )
        )
    return result


def shares_with_me(
    session: SessionLike | None = None,
    *,
    region: str | None = None,
    retry: RetryPolicy | None = None,
) -> builtins.list[ResourceShare]:
    """Return the resource shares other accounts share with this one (accepted ones)."""
    ctx = resolve_context(session, region=region, retry=retry)
    return [
        ResourceShare(ctx, item)
        for item in ctx.pages(
            "ram", "get_resource_shares", items="resourceShares", resourceOwner="OTHER-ACCOUNTS"
        )
    ]
