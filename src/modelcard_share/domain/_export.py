"""Model card export jobs: a PDF of the card written to S3."""

from __future__ import annotations

import datetime as dt
import enum
import secrets
from collections.abc import Mapping
from typing import Any

from modelcard_share import _ids
from modelcard_share.aws import RetryHook
from modelcard_share.errors import ConfigurationError, ExportFailedError

from . import _args
from ._context import Context

__all__ = ["ExportJob", "ExportStatus", "start_export"]


class ExportStatus(str, enum.Enum):
    """The status of a model card export job."""

    IN_PROGRESS = "InProgress"
    COMPLETED = "Completed"
    FAILED = "Failed"


class ExportJob:
    """A model card export job; the PDF lands at :attr:`output_location` when completed.

    The job belongs to the card's owner account even when a consumer started
    it, so a consumer finds it again only by its ARN (:attr:`arn`).
    """

    def __init__(self, ctx: Context, arn: str, response: Mapping[str, Any] | None = None) -> None:
        """Wrap an export job ARN; use :meth:`ModelCard.export_pdf` to start one."""
        self._ctx = ctx
        self._arn = arn
        self._data: Mapping[str, Any] = response or {}

    @classmethod
    def from_arn(cls, arn: str, ctx: Context) -> ExportJob:
        """Describe an export job by ARN (from the owner's or the consumer's account)."""
        return cls(ctx, arn).refresh()

    @property
    def arn(self) -> str:
        """The export job ARN."""
        return self._arn

    @property
    def name(self) -> str | None:
        """The export job name."""
        return self._data.get("ModelCardExportJobName")

    @property
    def status(self) -> ExportStatus | None:
        """The job status as last read (``None`` before the first read)."""
        value = self._data.get("Status")
        return ExportStatus(value) if value else None

    @property
    def card_name(self) -> str | None:
        """The exported card's name."""
        return self._data.get("ModelCardName")

    @property
    def card_version(self) -> int | None:
        """The exported card version."""
        value = self._data.get("ModelCardVersion")
        return int(value) if value is not None else None

    @property
    def output_location(self) -> str | None:
        """The S3 URI of the PDF, once the job has completed."""
        artifacts = self._data.get("ExportArtifacts") or {}
        value = artifacts.get("S3ExportArtifacts")
        return str(value) if value else None

    @property
    def failure_reason(self) -> str | None:
        """Why the job failed, when it did."""
        return self._data.get("FailureReason")

    @property
    def created_at(self) -> dt.datetime | None:
        """When the job was created."""
        return self._data.get("CreatedAt")

    def refresh(self) -> ExportJob:
        """Describe the job again and return ``self``."""
        self._data = self._ctx.eventually(
            "sagemaker",
            "describe_model_card_export_job",
            what="model card export job",
            resource=self._arn,
            ModelCardExportJobArn=self._arn,
        )
        return self

    def _read(self) -> None:
        """Describe the job once (the caller owns any retrying)."""
        self._data = self._ctx.call(
            "sagemaker",
            "describe_model_card_export_job",
            resource=self._arn,
            ModelCardExportJobArn=self._arn,
        )

    def wait(self, *, timeout: float = 900.0, progress: RetryHook | None = None) -> ExportJob:
        """Poll with backoff until the job completes; return ``self``.

        Args:
            timeout: Seconds to wait at most (checked before any call).
            progress: Hears about every wait (the job's last read status is on ``self``).

        Raises:
            ExportFailedError: The job failed.
            WaitTimeoutError: It did not finish within ``timeout`` seconds.
        """
        seconds = _args.check_timeout(timeout)
        _args.check_hook(progress)

        def finished() -> ExportJob | None:
            self._read()  # a not-found right after create is retried by wait_for
            return None if self.status is ExportStatus.IN_PROGRESS else self

        self._ctx.wait_for(
            finished, what=f"export job {self._arn}", timeout=seconds, progress=progress
        )
        if self.status is ExportStatus.FAILED:
            raise ExportFailedError(
                f"export job {self.name} failed: {self.failure_reason or 'no reason given'}",
                job_arn=self._arn,
                reason=self.failure_reason,
            )
        return self

    def __repr__(self) -> str:
        status = self.status.value if self.status else "unknown"
        return f"ExportJob(name={self.name!r}, status={status}, output={self.output_location!r})"


def _default_job_name(card_name: str) -> str:
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d%H%M%S")
    return f"{card_name[:36]}-{stamp}-{secrets.token_hex(3)}"


def start_export(
    ctx: Context,
    *,
    card_name_or_arn: str,
    card_name: str,
    s3_uri: str,
    job_name: str | None,
    version: int | None,
) -> ExportJob:
    """Validate the request, call CreateModelCardExportJob and return the job."""
    if _ids.S3_URI.fullmatch(_args.check_str("s3_uri", s3_uri)) is None:
        raise ConfigurationError(
            f"invalid S3 output path {s3_uri!r}: expected s3://<bucket>[/<prefix>]"
        )
    name = (
        _default_job_name(card_name) if job_name is None else _args.check_str("job_name", job_name)
    )
    if _ids.ENTITY_NAME.fullmatch(name) is None:
        raise ConfigurationError(
            f"invalid export job name {name!r}: use 1-63 letters, digits and hyphens"
        )
    params: dict[str, Any] = {
        "ModelCardName": card_name_or_arn,
        "ModelCardExportJobName": name,
        "OutputConfig": {"S3OutputPath": s3_uri},
    }
    if version is not None:
        params["ModelCardVersion"] = version
    response = ctx.call(
        "sagemaker", "create_model_card_export_job", resource=card_name_or_arn, **params
    )
    return ExportJob(ctx, response["ModelCardExportJobArn"])
