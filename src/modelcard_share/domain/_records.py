"""Plain records about model cards: who changed them, their versions, list entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from attrs import frozen

from modelcard_share.content import CardStatus

from ._context import Context

if TYPE_CHECKING:
    from ._card import ModelCard

__all__ = ["Actor", "CardSummary", "CardVersion"]


@frozen
class Actor:
    """Who created or last modified a card, as SageMaker reports it.

    Attributes:
        user_profile_name: The SageMaker Studio user profile, if the change came from Studio.
        user_profile_arn: The ARN of that user profile.
        domain_id: The Studio domain id.
        iam_arn: The IAM identity (role session or user) that made the call.
    """

    user_profile_name: str | None = None
    user_profile_arn: str | None = None
    domain_id: str | None = None
    iam_arn: str | None = None

    @classmethod
    def from_api(cls, data: Mapping[str, Any] | None) -> Actor | None:
        """Build an Actor from a SageMaker ``UserContext``; ``None`` when absent or empty."""
        if not data:
            return None
        return cls(
            user_profile_name=data.get("UserProfileName"),
            user_profile_arn=data.get("UserProfileArn"),
            domain_id=data.get("DomainId"),
            iam_arn=(data.get("IamIdentity") or {}).get("Arn"),
        )

    def __str__(self) -> str:
        return self.user_profile_name or self.iam_arn or self.user_profile_arn or "unknown"


@frozen
class CardVersion:
    """One version of a model card, as listed by ListModelCardVersions.

    Attributes:
        name: The card name.
        arn: The card ARN.
        version: The version number.
        status: The card's status in that version.
        created_time: When the card was created.
        modified_time: When this version was written.
    """

    name: str
    arn: str
    version: int
    status: CardStatus
    created_time: dt.datetime
    modified_time: dt.datetime | None


@frozen
class CardSummary:
    """A card as ListModelCards returns it; call :meth:`load` for the content.

    Attributes:
        name: The card name.
        arn: The card ARN.
        status: The card status.
        created_time: When the card was created.
        modified_time: When the card was last modified.
    """

    name: str
    arn: str
    status: CardStatus
    created_time: dt.datetime
    modified_time: dt.datetime | None
    _ctx: Context

    def load(self) -> ModelCard:
        """Describe the card and return the full :class:`ModelCard`."""
        from ._card import ModelCard  # noqa: PLC0415 (ModelCard imports this module)

        return ModelCard.load(self.arn, session=self._ctx.clients, retry=self._ctx.retry)
