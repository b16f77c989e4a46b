"""Plain records about model cards: who changed them, their versions, list entries."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from attrs import frozen

from modelcard_share.content import CardContent, CardStatus
from modelcard_share.errors import ContentProblem
from modelcard_share.fill import FillNote

from ._context import Context
from ._diff import ContentDiff
from ._display import safe_html, versions_html

if TYPE_CHECKING:
    from ._card import ModelCard

__all__ = ["Actor", "CardRecord", "CardSummary", "CardVersion", "CardVersions", "FillResult"]


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
class CardRecord:
    """A model card as one DescribeModelCard returned it (or as a write left it).

    Attributes:
        name: The card name.
        arn: The card ARN.
        version: The content version.
        status: The card status.
        content: The content, read leniently (nothing is lost).
        content_problems: Schema problems found in the stored content.
        kms_key_id: The KMS key the content is encrypted with, if any.
        created_time: When the card was created (``None`` until read from AWS).
        created_by: Who created it.
        modified_time: When it last changed.
        modified_by: Who last changed it.
    """

    name: str
    arn: str
    version: int
    status: CardStatus
    content: CardContent
    content_problems: tuple[ContentProblem, ...] = ()
    kms_key_id: str | None = None
    created_time: dt.datetime | None = None
    created_by: Actor | None = None
    modified_time: dt.datetime | None = None
    modified_by: Actor | None = None

    @classmethod
    def from_api(cls, response: Mapping[str, Any]) -> CardRecord:
        """Build from a DescribeModelCard response."""
        parsed = CardContent.from_json_lenient(response.get("Content") or "{}")
        return cls(
            name=response["ModelCardName"],
            arn=response["ModelCardArn"],
            version=int(response["ModelCardVersion"]),
            status=CardStatus(response["ModelCardStatus"]),
            content=parsed.content,
            content_problems=parsed.problems,
            kms_key_id=(response.get("SecurityConfig") or {}).get("KmsKeyId"),
            created_time=response.get("CreationTime"),
            created_by=Actor.from_api(response.get("CreatedBy")),
            modified_time=response.get("LastModifiedTime"),
            modified_by=Actor.from_api(response.get("LastModifiedBy")),
        )


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

    @classmethod
    def from_api(cls, item: Mapping[str, Any]) -> CardVersion:
        """Build from a ListModelCardVersions ``ModelCardVersionSummary``."""
        return cls(
            name=item["ModelCardName"],
            arn=item["ModelCardArn"],
            version=int(item["ModelCardVersion"]),
            status=CardStatus(item["ModelCardStatus"]),
            created_time=item["CreationTime"],
            modified_time=item.get("LastModifiedTime"),
        )


class CardVersions(builtins.list[CardVersion]):
    """The result of :meth:`ModelCard.versions`: a list that renders as a table in notebooks."""

    def _repr_html_(self) -> str:
        """Render the versions as an HTML table; never raises."""
        return safe_html(lambda: versions_html(self), self)


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

    @classmethod
    def from_api(cls, item: Mapping[str, Any], ctx: Context) -> CardSummary:
        """Build from a ListModelCards ``ModelCardSummary`` (``ctx`` loads it later)."""
        return cls(
            name=item["ModelCardName"],
            arn=item["ModelCardArn"],
            status=CardStatus(item["ModelCardStatus"]),
            created_time=item["CreationTime"],
            modified_time=item.get("LastModifiedTime"),
            ctx=ctx,
        )

    def load(self) -> ModelCard:
        """Describe the card and return the full :class:`ModelCard`."""
        from ._card import ModelCard  # noqa: PLC0415 (ModelCard imports this module)

        return ModelCard.load(self.arn, session=self._ctx.clients, retry=self._ctx.retry)


@frozen
class FillResult:
    """What :meth:`ModelCard.fill_from` found and did.

    Attributes:
        sources: What was read, in order (``training job churn-xgboost``...).
        diff: The content changes the fill makes (empty when nothing changed).
        content: The content after the fill (the card's content when nothing changed).
        written: Whether a new card version was written (false for a dry run and when
            nothing changed).
        version: The card's version afterwards.
        notes: What the builders trimmed or left out, path by path.
    """

    sources: tuple[str, ...]
    diff: ContentDiff
    content: CardContent
    written: bool
    version: int
    notes: tuple[FillNote, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether the sources change the card's content."""
        return bool(self.diff)
