"""ModelCard: one SageMaker model card, from its owner's or a consumer's account."""

from __future__ import annotations

import builtins
import datetime as dt
import logging
import time
from collections.abc import Iterator, Mapping
from typing import Any, Generic, TypeVar, overload

import boto3
from attrs import evolve

from modelcard_share.aws import AccountTopology, RetryHook, RetryPolicy, SessionLike
from modelcard_share.content import CardContent, CardStatus
from modelcard_share.errors import (
    AccessDeniedError,
    ArchivedCardError,
    ArgumentTypeError,
    ConcurrentModificationError,
    ConfigurationError,
    ContentProblem,
    ContentValidationError,
    NotFoundError,
)
from modelcard_share.fill import Overflow
from modelcard_share.fill import apply as apply_fills

from . import _args
from ._arn import CardRef, parse_card_ref, validate_card_name
from ._context import Context, resolve_context
from ._diff import ContentDiff, diff_content
from ._display import card_html, safe_html
from ._export import ExportJob, start_export
from ._kinds import MODEL_CARD, ResourceRef
from ._records import Actor, CardRecord, CardSummary, CardVersion, CardVersions, FillResult
from ._share import PrincipalAssociation
from ._sharing import Shareable, revoke_resource
from ._sources import ContentSource, read_all
from ._status import check_transition, to_status

__all__ = ["ModelCard", "coerce_content"]

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: A snapshot read less than this many seconds ago is not read again before a write: the
#: concurrent-modification check would only narrow a race window that is already this small
#: (SageMaker has no conditional update, so some window always remains).
FRESH_SECONDS = 1.0


def coerce_content(content: object, *, argument: str = "content") -> CardContent:
    """Return validated content from a CardContent, a mapping, JSON text or UTF-8 bytes.

    Raises:
        ArgumentTypeError: ``content`` is none of these.
        ContentValidationError: The content breaks the schema.
    """
    if isinstance(content, CardContent):
        problems = content.validate()
        if problems:
            raise ContentValidationError(problems)
        return content
    if not isinstance(content, (Mapping, str, bytes)):
        raise ArgumentTypeError(
            f"{argument} must be CardContent, a mapping, JSON text or UTF-8 bytes, "
            f"got {type(content).__name__}"
        )
    return CardContent.from_json(content)


def _tags(tags: object) -> list[dict[str, str]]:
    if not isinstance(tags, Mapping):
        raise ArgumentTypeError(f"tags must be a mapping of str to str, got {type(tags).__name__}")
    result = []
    for key, value in tags.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise ArgumentTypeError(f"tags must map str to str, got {key!r}: {value!r}")
        result.append({"Key": key, "Value": value})
    return result


class _Record(Generic[T]):
    """A read-only attribute of :class:`ModelCard` served from its :class:`CardRecord`.

    ``server`` fields (times and actors) are known only after a read: after a create or a
    write they are read again on first access.
    """

    def __init__(self, field: str, *, server: bool = False) -> None:
        self._field = field
        self._server = server

    @overload
    def __get__(self, card: None, owner: type[ModelCard]) -> _Record[T]: ...
    @overload
    def __get__(self, card: ModelCard, owner: type[ModelCard]) -> T: ...
    def __get__(self, card: ModelCard | None, owner: type[ModelCard]) -> _Record[T] | T:
        if card is None:
            return self
        if self._server and card._stale:
            card.refresh()
        value: T = getattr(card._record, self._field)
        return value


class ModelCard(Shareable):
    """A SageMaker model card and the operations on it.

    Get one with :meth:`create`, :meth:`load` or :meth:`list`. The object holds a
    snapshot of the card as last read or written; operations refresh it. The same class
    serves the owner account and the consumer accounts the card is shared with (load it
    by ARN there).
    """

    def __init__(
        self,
        ctx: Context,
        response: Mapping[str, Any] | CardRecord,
        *,
        topology: AccountTopology | None = None,
    ) -> None:
        """Wrap a DescribeModelCard response; use :meth:`create` or :meth:`load` instead."""
        record = response if isinstance(response, CardRecord) else CardRecord.from_api(response)
        ref = parse_card_ref(record.arn)
        self._ctx = ctx.in_region(ref.region) if ref.region else ctx
        self._topology = topology if topology is not None else ctx.clients.topology
        self._ref = ref
        self._record = record
        self._stale = not isinstance(response, Mapping)  # a record built locally
        self._read_at = time.monotonic() if not self._stale else float("-inf")
        self._deleted = False
        self._principals: builtins.list[PrincipalAssociation] | None = None

    # ------------------------------------------------------------------ attributes

    name: _Record[str] = _Record("name")
    """The card name."""
    arn: _Record[str] = _Record("arn")
    """The card ARN; use it to load the card from a consumer account."""
    version: _Record[int] = _Record("version")
    """The content version as last read or written."""
    status: _Record[CardStatus] = _Record("status")
    """The card status as last read or written."""
    content: _Record[CardContent] = _Record("content")
    """The card content as last read or written."""
    content_problems: _Record[tuple[ContentProblem, ...]] = _Record("content_problems")
    """Schema problems found when the stored content was read (empty when valid)."""
    kms_key_id: _Record[str | None] = _Record("kms_key_id")
    """The KMS key the content is encrypted with, if any."""
    created_time: _Record[dt.datetime] = _Record("created_time", server=True)
    """When the card was created."""
    created_by: _Record[Actor | None] = _Record("created_by", server=True)
    """Who created the card."""
    modified_time: _Record[dt.datetime | None] = _Record("modified_time", server=True)
    """When the card was last modified."""
    modified_by: _Record[Actor | None] = _Record("modified_by", server=True)
    """Who last modified the card."""

    @property
    def record(self) -> CardRecord:
        """The snapshot itself, as a frozen record."""
        return self._record

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
    def resource(self) -> ResourceRef:
        """The card as a shareable resource."""
        return MODEL_CARD.parse(self._record.arn)

    @property
    def session(self) -> boto3.Session:
        """A boto3 session with the credentials this card's calls use."""
        return self._ctx.session

    @property
    def context(self) -> Context:
        """The account clients, region and retry policy this card's calls use."""
        return self._ctx

    @property
    def topology(self) -> AccountTopology | None:
        """The account topology used to resolve account names, if any."""
        return self._topology

    @property
    def deleted(self) -> bool:
        """Whether :meth:`delete` deleted the card through this object."""
        return self._deleted

    def __repr__(self) -> str:
        record = self._record
        return (
            f"ModelCard(name={record.name!r}, status={record.status.value}, "
            f"version={record.version}, owner={self.owner_account_id})"
        )

    # ------------------------------------------------------------------ construction

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
        body = coerce_content(content if content is not None else CardContent())
        initial = to_status(status)
        params: dict[str, Any] = {
            "ModelCardName": name,
            "Content": body.to_json(),
            "ModelCardStatus": initial.value,
        }
        if kms_key_id is not None:
            params["SecurityConfig"] = {"KmsKeyId": _args.check_str("kms_key_id", kms_key_id)}
        if tags:
            params["Tags"] = _tags(tags)
        ctx = resolve_context(session, region=region, retry=retry)
        response = ctx.call("sagemaker", "create_model_card", resource=name, **params)
        arn = str(response["ModelCardArn"])
        created = parse_card_ref(arn)
        if created.account_id is not None:  # the ARN of what we created names our account
            ctx.clients.learn_account_id(created.account_id)
        logger.info("created model card %s", name)
        record = CardRecord(
            name=name, arn=arn, version=1, status=initial, content=body, kms_key_id=kms_key_id
        )
        return cls(ctx, record, topology=topology)

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
            NotFoundError: No such card, or it is not shared with this account. SageMaker
                may answer ``ResourceNotFound`` or ``AccessDeniedException`` for another
                account's card that is not shared with the caller; both raise this error
                (its ``code`` keeps what AWS said).
        """
        ref = parse_card_ref(name_or_arn)
        if version is not None:
            _args.check_version(version)
        _args.check_optional_str("region", region)
        ctx = resolve_context(session, region=ref.region or region, retry=retry)
        try:
            response = cls._fetch(ctx, ref, version)
        except AccessDeniedError as err:
            if ref.arn is None:  # the caller's own card: a real permission problem
                raise
            raise NotFoundError(
                f"model card {ref.arn} does not exist or is not shared with this account "
                f"(AWS answered {err.code})",
                code=err.code,
                operation=err.operation,
                http_status=err.http_status,
                request_id=err.request_id,
                resource=ref.arn,
            ) from err
        card = cls(ctx, response, topology=topology)
        if ref.arn is None:  # found by name, so it is in the caller's account
            ctx.clients.learn_account_id(card.owner_account_id)
        return card

    @staticmethod
    def _fetch(ctx: Context, ref: CardRef, version: int | None) -> Mapping[str, Any]:
        params: dict[str, Any] = {"ModelCardName": ref.name_or_arn}
        if version is not None:
            params["ModelCardVersion"] = version
        response: Mapping[str, Any] = ctx.call(
            "sagemaker", "describe_model_card", resource=ref.name_or_arn, **params
        )
        return response

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
        params: dict[str, Any] = {}
        if status is not None:
            params["ModelCardStatus"] = to_status(status).value
        if name_contains is not None:
            params["NameContains"] = _args.check_str("name_contains", name_contains)
        ctx = resolve_context(session, region=region, retry=retry)
        return cls._summaries(ctx, params)

    @staticmethod
    def _summaries(ctx: Context, params: dict[str, Any]) -> Iterator[CardSummary]:
        for item in ctx.pages(
            "sagemaker",
            "list_model_cards",
            items="ModelCardSummaries",
            cursor="NextToken",
            **params,
        ):
            yield CardSummary.from_api(item, ctx)

    # ------------------------------------------------------------------ changes

    def _apply(self, response: Mapping[str, Any]) -> None:
        self._record = CardRecord.from_api(response)
        self._stale = False
        self._read_at = time.monotonic()

    def _require_live(self, operation: str) -> None:
        if self._deleted:
            raise NotFoundError(
                f"model card {self._record.name} was deleted",
                code="ResourceNotFound",
                operation=operation,
                resource=self._record.arn,
            )

    def refresh(self) -> ModelCard:
        """Read the card again and return ``self``.

        After this object wrote the card (create, update, status), a not-found answer is
        eventual consistency and is retried within the retry policy's budget.
        """
        self._require_live("DescribeModelCard")
        ref = self._ref_by_arn
        if self._stale:
            response = self._ctx.eventually(
                "sagemaker",
                "describe_model_card",
                what=f"describe model card {ref.name} after writing it",
                resource=ref.name_or_arn,
                ModelCardName=ref.name_or_arn,
            )
        else:
            response = self._fetch(self._ctx, ref, None)
        self._apply(response)
        return self

    @property
    def _ref_by_arn(self) -> CardRef:
        return parse_card_ref(self._record.arn)

    def _check_unchanged(self, force: bool, operation: str) -> None:
        """Raise ConcurrentModificationError if the card changed since it was read.

        A snapshot younger than :data:`FRESH_SECONDS` is trusted without a read.
        """
        if time.monotonic() - self._read_at < FRESH_SECONDS:
            return
        current = self._ctx.call(
            "sagemaker",
            "describe_model_card",
            resource=self._record.arn,
            ModelCardName=self._record.arn,
        )
        version, status = int(current["ModelCardVersion"]), current["ModelCardStatus"]
        known = (self._record.version, self._record.status.value)
        if (version, status) != known:
            if not force:
                raise ConcurrentModificationError(
                    f"model card {self._record.name} changed since it was read "
                    f"(read version {known[0]} {known[1]}, now version {version} {status})",
                    code="ConcurrentModification",
                    operation=operation,
                    resource=self._record.arn,
                )
            logger.warning(
                "overwriting concurrent change to model card %s (force=True)", self._record.name
            )
        self._apply(current)

    def update(
        self,
        content: CardContent | Mapping[str, Any] | str | bytes,
        *,
        force: bool = False,
    ) -> ModelCard:
        """Replace the card content (a new version) and return ``self``.

        Keys the SDK does not model are written back as they were read. Status changes
        are separate calls (see :meth:`set_status`).

        The concurrent-modification check reads the card just before writing, unless the
        snapshot is younger than a second. SageMaker has no conditional update, so a change
        that lands between that read and the write is not detected.

        Args:
            content: The new content; validated before any call.
            force: Overwrite even if someone else changed the card since it was read.

        Raises:
            ArchivedCardError: The card is Archived (raised before any AWS call).
            ContentValidationError: The content breaks the schema.
            ConcurrentModificationError: The card changed since it was read.
            AccessDeniedError: This account's share does not allow updates.
            NotFoundError: The card was deleted through this object.
        """
        self._require_live("UpdateModelCard")
        _args.check_bool("force", force)
        body = coerce_content(content)
        if self._record.status is CardStatus.ARCHIVED:
            raise ArchivedCardError(
                f"model card {self._record.name} is Archived; its content can no longer change",
                current=self._record.status.value,
            )
        self._check_unchanged(force, "UpdateModelCard")
        self._ctx.call(
            "sagemaker",
            "update_model_card",
            resource=self._record.arn,
            ModelCardName=self._record.arn,
            Content=body.to_json(),
        )
        logger.info("updated content of model card %s", self._record.name)
        self._record = evolve(
            self._record, version=self._record.version + 1, content=body, content_problems=()
        )
        self._stale = True
        return self

    def set_status(self, status: CardStatus | str, *, force: bool = False) -> ModelCard:
        """Move the card to ``status`` if the lifecycle allows it, and return ``self``.

        Setting the status the card already has changes nothing and makes no write.

        Raises:
            InvalidTransitionError: The lifecycle does not allow this change.
            ConcurrentModificationError: The card changed since it was read.
            NotFoundError: The card was deleted through this object.
        """
        self._require_live("UpdateModelCard")
        _args.check_bool("force", force)
        target = to_status(status)
        if target is self._record.status:
            return self
        check_transition(self._record.name, self._record.status, target)
        self._check_unchanged(force, "UpdateModelCard")
        check_transition(self._record.name, self._record.status, target)  # as read now
        if target is self._record.status:
            return self
        self._ctx.call(
            "sagemaker",
            "update_model_card",
            resource=self._record.arn,
            ModelCardName=self._record.arn,
            ModelCardStatus=target.value,
        )
        logger.info("model card %s is now %s", self._record.name, target.value)
        self._record = evolve(self._record, status=target)
        self._stale = True
        return self

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
        """Revoke every share of the card, then delete it (owner account only).

        The card is first taken out of every share this SDK made for it (shares left
        empty are deleted), so a new card with the same name, which has the same ARN, is
        not visible to the old consumers. Afterwards, changes through this object raise
        :class:`NotFoundError` without a call.

        Raises:
            NotOwnerError: Called from a consumer account (before any write).
        """
        self._require_live("DeleteModelCard")
        self._require_owner("DeleteModelCard", "delete it")
        revoke_resource(self._ctx, self.resource)
        try:
            self._ctx.call(
                "sagemaker",
                "delete_model_card",
                resource=self._record.arn,
                ModelCardName=self._record.name,
            )
        except NotFoundError:
            logger.info("model card %s was already deleted", self._record.name)
        self._deleted = True
        logger.info("deleted model card %s", self._record.name)

    # ---------------------------------------------------------------- content sources

    def fill_from(
        self,
        *sources: ContentSource,
        overflow: Overflow | str = Overflow.REFUSE,
        dry_run: bool = False,
        force: bool = False,
    ) -> FillResult:
        """Fill the card from SageMaker resources and evaluation reports, keeping the rest.

        Each source (:class:`TrainingJobSource`, :class:`TuningJobSource`,
        :class:`ModelSource`, :class:`ModelPackageSource`, :class:`ReportSource`) is read
        from its account and refreshes only the fields it owns; everything a person wrote,
        and keys this SDK does not model, stay as they are. Filling again from the same
        sources changes nothing and writes no new version.

        Args:
            *sources: Where to read from, in order.
            overflow: ``"refuse"`` (default): a value over a card limit raises
                :class:`~modelcard_share.fill.FillLimitError`; ``"trim"``: cut to fit,
                each cut listed in the result's notes. A card over 100,000 characters is
                always refused.
            dry_run: Read and merge, return the diff, write nothing.
            force: Overwrite even if someone else changed the card since it was read.

        Returns:
            The sources read, the diff, and whether a version was written.

        Raises:
            ArgumentTypeError: A source is not one of the source classes.
            FillLimitError: A value does not fit and ``overflow`` is refuse.
            FillTooLargeError: The card would be over 100,000 characters.
            SourceFormatError: A report or response is not in its documented format.
            ArchivedCardError: The card is Archived and the fill changes it.
        """
        self._require_live("UpdateModelCard")
        if not sources:
            raise ConfigurationError(
                "fill_from needs at least one source, such as TrainingJobSource(...)"
            )
        _args.check_bool("dry_run", dry_run)
        _args.check_bool("force", force)
        policy = _args.check_enum("overflow", overflow, Overflow)
        fills = read_all(self, sources, policy)
        before = self._record.content
        after = apply_fills(before, *fills)
        diff = diff_content(
            before, after, old_version=self._record.version, new_version=self._record.version + 1
        )
        written = False
        if after is not before and not dry_run:
            self.update(after, force=force)
            written = True
        return FillResult(
            sources=tuple(s.label for s in sources),
            diff=diff,
            content=after,
            written=written,
            version=self._record.version,
            notes=tuple(note for fill in fills for note in fill.notes),
        )

    # ---------------------------------------------------------------- history

    def versions(self) -> CardVersions:
        """Return every version of the card, oldest first (a list; a table in notebooks)."""
        self._require_live("ListModelCardVersions")
        return CardVersions(self._versions())

    def _versions(self) -> Iterator[CardVersion]:
        for item in self._ctx.pages(
            "sagemaker",
            "list_model_card_versions",
            items="ModelCardVersionSummaryList",
            cursor="NextToken",
            resource=self._record.arn,
            ModelCardName=self._record.arn,
            SortBy="Version",
            SortOrder="Ascending",
        ):
            yield CardVersion.from_api(item)

    def at_version(self, version: int) -> ModelCard:
        """Return the card as it was at ``version``."""
        self._require_live("DescribeModelCard")
        _args.check_version(version)
        response = self._fetch(self._ctx, self._ref_by_arn, version)
        return ModelCard(self._ctx, response, topology=self._topology)

    def diff(self, other_version: int, *, base: int | None = None) -> ContentDiff:
        """Compare the content of ``other_version`` with this card's (or ``base``'s).

        Returns the changes from the older to the newer of the two versions.
        """
        _args.check_version(other_version, "other_version")
        mine = self if base is None else self.at_version(_args.check_version(base, "base"))
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
        progress: RetryHook | None = None,
    ) -> ExportJob:
        """Export the card to a PDF under ``s3_uri`` and return the export job.

        Works from a consumer account whose share allows export; keep the returned job
        (its ARN), since consumers cannot list the owner's jobs.

        Args:
            s3_uri: ``s3://bucket/prefix`` where SageMaker writes the PDF.
            wait: Poll until the job completes or fails.
            timeout: Seconds to wait at most.
            job_name: The export job name (default: derived from the card name and time).
            version: The card version to export (default: the current one).
            progress: Hears about every pause of the wait (a ``NotebookProgress``...).

        Raises:
            WaitTimeoutError: The job did not finish within ``timeout``.
            ExportFailedError: The job failed.
        """
        self._require_live("CreateModelCardExportJob")
        _args.check_bool("wait", wait)
        seconds = _args.check_timeout(timeout)
        _args.check_hook(progress)
        job = start_export(
            self._ctx,
            card_name_or_arn=self._record.arn,
            card_name=self._record.name,
            s3_uri=s3_uri,
            job_name=job_name,
            version=None if version is None else _args.check_version(version),
        )
        return job.wait(timeout=seconds, progress=progress) if wait else job

    def _repr_html_(self) -> str:
        """Render a compact card in a notebook; never raises, whatever the network does."""
        if not self._deleted:
            try:
                self.modified_time  # noqa: B018 - reads the server's times once after a write
                if self._principals is None and self.is_owned:
                    self.principals()
            except Exception:  # display only: a failing network must not break the cell
                logger.debug("could not read %s for display", self._record.name, exc_info=True)
        return safe_html(lambda: card_html(self, self._principals), self)
