"""ModelCard: one SageMaker model card, from its owner's or a consumer's account."""

from __future__ import annotations

import builtins
import datetime as dt
import logging
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import boto3

from modelcard_share._display import card_html
from modelcard_share.aws import Access, AccountTopology, RetryPolicy, SessionLike
from modelcard_share.content import CardContent, CardStatus
from modelcard_share.errors import (
    ArchivedCardError,
    ConcurrentModificationError,
    ConfigurationError,
    ContentProblem,
    ContentValidationError,
    InvalidTransitionError,
    ModelCardShareError,
    NotOwnerError,
)

from ._arn import CardRef, parse_card_ref, validate_card_name
from ._context import Context, resolve_context
from ._diff import ContentDiff, diff_content
from ._export import ExportJob, start_export
from ._records import Actor, CardSummary, CardVersion
from ._share import PrincipalAssociation, ResourceShare
from ._sharing import card_principals, card_shares, share_card, unshare_card

__all__ = ["TRANSITIONS", "Actor", "CardSummary", "CardVersion", "ModelCard"]

_log = logging.getLogger("modelcard_share")

#: The status changes the lifecycle allows: forward one step, or back to Draft for rework.
TRANSITIONS: Mapping[CardStatus, frozenset[CardStatus]] = {
    CardStatus.DRAFT: frozenset({CardStatus.PENDING_REVIEW}),
    CardStatus.PENDING_REVIEW: frozenset({CardStatus.APPROVED, CardStatus.DRAFT}),
    CardStatus.APPROVED: frozenset({CardStatus.ARCHIVED, CardStatus.DRAFT}),
    CardStatus.ARCHIVED: frozenset(),
}


def _status(value: CardStatus | str) -> CardStatus:
    try:
        return CardStatus(value)
    except ValueError:
        allowed = ", ".join(s.value for s in CardStatus)
        raise ConfigurationError(
            f"unknown model card status {value!r}; use one of {allowed}"
        ) from None


def _coerce_content(content: CardContent | Mapping[str, Any] | str | bytes) -> CardContent:
    if isinstance(content, CardContent):
        problems = content.validate()
        if problems:
            raise ContentValidationError(problems)
        return content
    return CardContent.from_json(content)


class ModelCard:
    """A SageMaker model card and the operations on it.

    Get one with :meth:`create`, :meth:`load` or :meth:`list`. The object holds
    a snapshot of the card as last read; operations refresh it. The same class
    serves the owner account and consumer accounts that the card is shared
    with (load it by ARN there).
    """

    def __init__(
        self,
        ctx: Context,
        response: Mapping[str, Any],
        *,
        topology: AccountTopology | None = None,
    ) -> None:
        """Wrap a DescribeModelCard response; use :meth:`create` or :meth:`load` instead."""
        self._ctx = ctx
        self._topology = topology if topology is not None else ctx.clients.topology
        self._principals: builtins.list[PrincipalAssociation] | None = None
        self._apply(response)

    # ------------------------------------------------------------------ construction

    def _apply(self, response: Mapping[str, Any]) -> None:
        ref = parse_card_ref(response["ModelCardArn"])
        parsed = CardContent.from_json_lenient(response.get("Content") or "{}")
        self._ref = ref
        self._name: str = response["ModelCardName"]
        self._arn: str = response["ModelCardArn"]
        self._version: int = int(response["ModelCardVersion"])
        self._status = CardStatus(response["ModelCardStatus"])
        self._content = parsed.content
        self._problems = parsed.problems
        self._kms_key_id: str | None = (response.get("SecurityConfig") or {}).get("KmsKeyId")
        self._created_time: dt.datetime = response["CreationTime"]
        self._created_by = Actor.from_api(response.get("CreatedBy"))
        self._modified_time: dt.datetime | None = response.get("LastModifiedTime")
        self._modified_by = Actor.from_api(response.get("LastModifiedBy"))

    @staticmethod
    def _fetch(
        ctx: Context, ref: CardRef, version: int | None, *, just_created: bool = False
    ) -> Mapping[str, Any]:
        params: dict[str, Any] = {"ModelCardName": ref.name_or_arn}
        if version is not None:
            params["ModelCardVersion"] = version
        response: Mapping[str, Any]
        if just_created:  # reads right after a create may not see it yet
            response = ctx.eventually(
                "sagemaker",
                "describe_model_card",
                what=f"describe new model card {ref.name}",
                resource=ref.name_or_arn,
                **params,
            )
        else:
            response = ctx.call(
                "sagemaker", "describe_model_card", resource=ref.name_or_arn, **params
            )
        return response

    @classmethod
    def _describe(
        cls,
        ctx: Context,
        ref: CardRef,
        version: int | None,
        topology: AccountTopology | None = None,
        *,
        just_created: bool = False,
    ) -> ModelCard:
        if ref.region:
            ctx = ctx.in_region(ref.region)
        response = cls._fetch(ctx, ref, version, just_created=just_created)
        return cls(ctx, response, topology=topology)

    @classmethod
    def create(
        cls,
        name: str,
        *,
        content: CardContent | Mapping[str, Any] | str | bytes | None = None,
        status: CardStatus | str = CardStatus.DRAFT,
        kms_key_id: str | None = None,
        tags: Mapping[str, str] | None = None,
        session: SessionLike | None = None,
        region: str | None = None,
        retry: RetryPolicy | None = None,
        topology: AccountTopology | None = None,
    ) -> ModelCard:
        """Create a model card in the session's account and return it.

        Args:
            name: 1-63 letters, digits and hyphens.
            content: The card content; validated before the call.
            status: The initial status (Draft by default).
            kms_key_id: A KMS key to encrypt the content with; fixed for the card's life.
            tags: Tags to put on the card.
            session: The owner account: a boto3 session (one from a SessionFactory uses the
                factory's clients) or an AccountClients; default: boto3's default session.
            region: The region (default: the session's).
            retry: The retry policy for the calls.
            topology: The account topology, so that :meth:`share_with` accepts account names
                (default: the topology of the factory the session comes from, if any).

        Raises:
            ContentValidationError: The content breaks the schema.
            ConflictError: A card with this name exists.
        """
        validate_card_name(name)
        body = _coerce_content(content if content is not None else CardContent())
        ctx = resolve_context(session, region=region, retry=retry)
        params: dict[str, Any] = {
            "ModelCardName": name,
            "Content": body.to_json(),
            "ModelCardStatus": _status(status).value,
        }
        if kms_key_id:
            params["SecurityConfig"] = {"KmsKeyId": kms_key_id}
        if tags:
            params["Tags"] = [{"Key": k, "Value": v} for k, v in tags.items()]
        response = ctx.call("sagemaker", "create_model_card", resource=name, **params)
        created = parse_card_ref(str(response["ModelCardArn"]))
        if created.account_id is not None:  # the ARN of what we created names our account
            ctx.clients.learn_account_id(created.account_id)
        _log.info("created model card %s", name)
        return cls._describe(ctx, CardRef(name=name), None, topology, just_created=True)

    @classmethod
    def load(
        cls,
        name_or_arn: str,
        *,
        version: int | None = None,
        session: SessionLike | None = None,
        region: str | None = None,
        retry: RetryPolicy | None = None,
        topology: AccountTopology | None = None,
    ) -> ModelCard:
        """Load a card by name (own account) or by ARN (own or shared with this account).

        Content written by other tools is read leniently: problems are kept in
        :attr:`content_problems` and nothing is lost.

        Raises:
            NotFoundError: No such card, or it is not shared with this account.
        """
        ref = parse_card_ref(name_or_arn)
        if version is not None and (isinstance(version, bool) or version < 1):
            raise ConfigurationError(f"version must be a positive integer, got {version!r}")
        ctx = resolve_context(session, region=ref.region or region, retry=retry)
        return cls._describe(ctx, ref, version, topology)

    @classmethod
    def list(
        cls,
        *,
        session: SessionLike | None = None,
        region: str | None = None,
        status: CardStatus | str | None = None,
        name_contains: str | None = None,
        retry: RetryPolicy | None = None,
    ) -> Iterator[CardSummary]:
        """Yield the cards this account owns, lazily, page by page.

        Cards shared with this account are not listed by SageMaker; use
        :func:`shared_with_me` for those.
        """
        ctx = resolve_context(session, region=region, retry=retry)
        params: dict[str, Any] = {}
        if status is not None:
            params["ModelCardStatus"] = _status(status).value
        if name_contains:
            params["NameContains"] = name_contains
        for item in ctx.pages(
            "sagemaker",
            "list_model_cards",
            items="ModelCardSummaries",
            cursor="NextToken",
            **params,
        ):
            yield CardSummary(
                name=item["ModelCardName"],
                arn=item["ModelCardArn"],
                status=CardStatus(item["ModelCardStatus"]),
                created_time=item["CreationTime"],
                modified_time=item.get("LastModifiedTime"),
                ctx=ctx,
            )

    # ---------------------------------------------------------------- attributes

    @property
    def name(self) -> str:
        """The card name."""
        return self._name

    @property
    def arn(self) -> str:
        """The card ARN; use it to load the card from a consumer account."""
        return self._arn

    @property
    def owner_account_id(self) -> str:
        """The id of the account that owns the card."""
        return self._ref.account_id or ""

    @property
    def partition(self) -> str:
        """The AWS partition of the card (``aws``, ``aws-cn``, ``aws-us-gov``...)."""
        return self._ref.partition or self._ctx.partition

    @property
    def region(self) -> str:
        """The region the card lives in."""
        return self._ref.region or self._ctx.region

    @property
    def status(self) -> CardStatus:
        """The card status as last read."""
        return self._status

    @property
    def version(self) -> int:
        """The content version as last read."""
        return self._version

    @property
    def content(self) -> CardContent:
        """The card content as last read."""
        return self._content

    @property
    def content_problems(self) -> tuple[ContentProblem, ...]:
        """Schema problems found when the stored content was read (empty when valid)."""
        return self._problems

    @property
    def kms_key_id(self) -> str | None:
        """The KMS key the content is encrypted with, if any."""
        return self._kms_key_id

    @property
    def created_time(self) -> dt.datetime:
        """When the card was created."""
        return self._created_time

    @property
    def created_by(self) -> Actor | None:
        """Who created the card."""
        return self._created_by

    @property
    def modified_time(self) -> dt.datetime | None:
        """When the card was last modified."""
        return self._modified_time

    @property
    def modified_by(self) -> Actor | None:
        """Who last modified the card."""
        return self._modified_by

    @property
    def session(self) -> boto3.Session:
        """The boto3 session this card's calls use."""
        return self._ctx.session

    @property
    def is_owned(self) -> bool:
        """Whether the calling account owns the card (one STS call the first time)."""
        return self._ctx.account_id == self.owner_account_id

    def __repr__(self) -> str:
        return (
            f"ModelCard(name={self._name!r}, status={self._status.value}, "
            f"version={self._version}, owner={self.owner_account_id})"
        )

    # ------------------------------------------------------------------ changes

    def refresh(self) -> ModelCard:
        """Read the card again and return ``self``."""
        self._apply(self._fetch(self._ctx, self._ref, None))
        return self

    def _check_unchanged(self, force: bool) -> None:
        """Raise ConcurrentModificationError if the card changed since it was read."""
        current = self._ctx.call(
            "sagemaker", "describe_model_card", resource=self._arn, ModelCardName=self._arn
        )
        version, status = int(current["ModelCardVersion"]), current["ModelCardStatus"]
        if (version, status) != (self._version, self._status.value):
            if not force:
                raise ConcurrentModificationError(
                    f"model card {self._name} changed since it was read "
                    f"(read version {self._version} {self._status.value}, now version "
                    f"{version} {status})",
                    code="ConcurrentModification",
                    operation="UpdateModelCard",
                    resource=self._arn,
                )
            _log.warning("overwriting concurrent change to model card %s (force=True)", self._name)
            self._version, self._status = version, CardStatus(status)

    def update(
        self,
        content: CardContent | Mapping[str, Any] | str | bytes,
        *,
        force: bool = False,
    ) -> ModelCard:
        """Replace the card content (a new version) and return ``self``.

        Keys the SDK does not model are written back as they were read. Status
        changes are separate calls (see :meth:`set_status`).

        The concurrent-modification check reads the card just before writing.
        SageMaker has no conditional update, so a change that lands between that
        read and the write is not detected.

        Args:
            content: The new content; validated before any call.
            force: Overwrite even if someone else changed the card since it was read.

        Raises:
            ArchivedCardError: The card is Archived (raised before any AWS call).
            ContentValidationError: The content breaks the schema.
            ConcurrentModificationError: The card changed since it was read.
            AccessDeniedError: This account's share does not allow updates.
        """
        if self._status is CardStatus.ARCHIVED:
            raise ArchivedCardError(
                f"model card {self._name} is Archived; its content can no longer change",
                current=self._status.value,
            )
        body = _coerce_content(content)
        self._check_unchanged(force)
        self._ctx.call(
            "sagemaker",
            "update_model_card",
            resource=self._arn,
            ModelCardName=self._arn,
            Content=body.to_json(),
        )
        _log.info("updated content of model card %s", self._name)
        return self.refresh()

    def set_status(self, status: CardStatus | str, *, force: bool = False) -> ModelCard:
        """Move the card to ``status`` if the lifecycle allows it, and return ``self``.

        Setting the status the card already has changes nothing and makes no write.

        Raises:
            InvalidTransitionError: The lifecycle does not allow this change.
            ConcurrentModificationError: The card changed since it was read.
        """
        target = _status(status)
        if target is self._status:
            return self
        if target not in TRANSITIONS[self._status]:
            allowed = ", ".join(sorted(s.value for s in TRANSITIONS[self._status])) or "none"
            raise InvalidTransitionError(
                f"model card {self._name} cannot go from {self._status.value} to "
                f"{target.value} (allowed from {self._status.value}: {allowed})",
                current=self._status.value,
                requested=target.value,
            )
        self._check_unchanged(force)
        self._ctx.call(
            "sagemaker",
            "update_model_card",
            resource=self._arn,
            ModelCardName=self._arn,
            ModelCardStatus=target.value,
        )
        _log.info("model card %s is now %s", self._name, target.value)
        return self.refresh()

    def submit_for_review(self) -> ModelCard:
        """Move a Draft card to PendingReview."""
        return self.set_status(CardStatus.PENDING_REVIEW)

    def approve(self) -> ModelCard:
        """Move a PendingReview card to Approved."""
        return self.set_status(CardStatus.APPROVED)

    def archive(self) -> ModelCard:
        """Move an Approved card to Archived; its content can no longer change."""
        return self.set_status(CardStatus.ARCHIVED)

    def return_to_draft(self) -> ModelCard:
        """Send a PendingReview or Approved card back to Draft for rework."""
        return self.set_status(CardStatus.DRAFT)

    def delete(self) -> None:
        """Delete the card (owner account only).

        Raises:
            NotOwnerError: Called from a consumer account (before any write).
        """
        if not self.is_owned:
            raise NotOwnerError(
                f"model card {self._name} belongs to account {self.owner_account_id}; "
                "a consumer cannot delete it",
                operation="DeleteModelCard",
                resource=self._arn,
                account_id=self._ctx.account_id,
            )
        self._ctx.call(
            "sagemaker", "delete_model_card", resource=self._arn, ModelCardName=self._name
        )
        _log.info("deleted model card %s", self._name)

    # ---------------------------------------------------------------- history

    def versions(self) -> Iterator[CardVersion]:
        """Yield every version of the card, oldest first, lazily."""
        for item in self._ctx.pages(
            "sagemaker",
            "list_model_card_versions",
            items="ModelCardVersionSummaryList",
            cursor="NextToken",
            resource=self._arn,
            ModelCardName=self._arn,
            SortBy="Version",
            SortOrder="Ascending",
        ):
            yield CardVersion(
                name=item["ModelCardName"],
                arn=item["ModelCardArn"],
                version=int(item["ModelCardVersion"]),
                status=CardStatus(item["ModelCardStatus"]),
                created_time=item["CreationTime"],
                modified_time=item.get("LastModifiedTime"),
            )

    def at_version(self, version: int) -> ModelCard:
        """Return the card as it was at ``version``."""
        return self._describe(self._ctx, self._ref, version, self._topology)

    def diff(self, other_version: int, *, base: int | None = None) -> ContentDiff:
        """Compare the content of ``other_version`` with this card's (or ``base``'s).

        Returns the changes from the older to the newer of the two versions.
        """
        mine = self if base is None else self.at_version(base)
        other = self.at_version(other_version)
        old, new = (other, mine) if other.version <= mine.version else (mine, other)
        return diff_content(
            old.content, new.content, old_version=old.version, new_version=new.version
        )

    # ------------------------------------------------------------------ export

    def export_pdf(
        self,
        s3_uri: str,
        *,
        wait: bool = True,
        timeout: float = 900.0,
        job_name: str | None = None,
        version: int | None = None,
    ) -> ExportJob:
        """Export the card to a PDF under ``s3_uri`` and return the export job.

        Works from a consumer account whose share allows export; keep the
        returned job (its ARN), since consumers cannot list the owner's jobs.

        Args:
            s3_uri: ``s3://bucket/prefix`` where SageMaker writes the PDF.
            wait: Poll until the job completes or fails.
            timeout: Seconds to wait at most.
            job_name: The export job name (default: derived from the card name and time).
            version: The card version to export (default: the current one).

        Raises:
            WaitTimeoutError: The job did not finish within ``timeout``.
            ExportFailedError: The job failed.
        """
        job = start_export(
            self._ctx,
            card_name_or_arn=self._arn,
            card_name=self._name,
            s3_uri=s3_uri,
            job_name=job_name,
            version=version,
        )
        return job.wait(timeout=timeout) if wait else job

    # ------------------------------------------------------------------ sharing

    def share_with(
        self,
        principal: str | Sequence[str],
        *,
        access: Access | str = Access.READ_WRITE,
        allow_external: bool = False,
        wait: bool = False,
        timeout: float = 300.0,
    ) -> ResourceShare:
        """Share the card with accounts, OUs or the organization; idempotent.

        Finds this project's share for the card and access level (by tag),
        creates it when missing, and associates only a missing principal. Running
        it again changes nothing. Read-only access uses a customer managed
        permission in a separate share.

        Args:
            principal: A 12-digit account id, an account name from the topology,
                an OU ARN or the organization ARN, or a list of them (shared in one
                call).
            access: ``Access.READ_WRITE`` (default), ``Access.READ_ONLY`` or ``Access.EXPORT``.
            allow_external: Allow principals outside the organization (they get an invitation).
            wait: Wait until the principal is ASSOCIATED, unless an invitation must be accepted.
            timeout: Seconds to wait at most when ``wait`` is true.

        Raises:
            NotOwnerError: The calling account does not own the card.
            ExternalSharingError: The principal is outside the organization and
                ``allow_external`` is false.
        """
        return share_card(
            self,
            [principal] if isinstance(principal, str) else list(principal),
            access=access,
            allow_external=allow_external,
            wait=wait,
            timeout=timeout,
        )

    def unshare(
        self, principal: str, *, access: Access | str | None = None
    ) -> builtins.list[ResourceShare]:
        """Remove a principal from this card's shares (all access levels, or one).

        Returns the shares it was removed from; an empty list when it was in none.
        """
        return unshare_card(self, principal, access=access)

    def shares(self) -> builtins.list[ResourceShare]:
        """Return this project's resource shares of the card, one per access level."""
        return card_shares(self)

    def principals(self) -> builtins.list[PrincipalAssociation]:
        """Return every principal the card is shared with, with access level and status."""
        self._principals = card_principals(self)
        return self._principals

    def _repr_html_(self) -> str:
        """Render a compact summary in a notebook (who it is shared with: owner only)."""
        if self._principals is None:
            try:
                if self.is_owned:
                    self.principals()
            except ModelCardShareError:  # the display must never fail
                _log.debug("could not list principals of %s for display", self._name)
        return card_html(self, self._principals)

    @property
    def topology(self) -> AccountTopology | None:
        """The account topology used to resolve account names, if any."""
        return self._topology

    @property
    def context(self) -> Context:
        """The session, region and retry policy this card's calls use."""
        return self._ctx
