"""Where a card's content can come from: SageMaker resources and evaluation reports.

Each source names one resource (a model, a training or tuning job, a model package, a
report file or S3 object) and the account to read it from. :meth:`ModelCard.fill_from`
reads every source, builds a :class:`~modelcard_share.fill.Fill` with the pure builders
of :mod:`modelcard_share.fill`, and merges them into the card.

The account to read from: ``session=`` (a boto3 session or an ``AccountClients``), or
``account=`` naming an account of the card's topology (cards loaded through a
``SessionFactory``), or by default the card's own account.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from modelcard_share import _ids
from modelcard_share.aws import AccountClients, SessionLike, account_clients
from modelcard_share.errors import ArgumentTypeError
from modelcard_share.fill import Fill, Overflow, ReportKind, TuningJob

from . import _args
from ._context import Context

if TYPE_CHECKING:
    from ._card import ModelCard

__all__ = [
    "ContentSource",
    "ModelPackageSource",
    "ModelSource",
    "ReportSource",
    "TrainingJobSource",
    "TuningJobSource",
]


def _name(value: object) -> str:
    return _args.check_str("name_or_arn", value)


def _account(value: object) -> str | None:
    return _args.check_optional_str("account", value)


def _tuning_job(value: object) -> str | None:
    return _args.check_optional_str("tuning_job", value)


def _entry_name(value: object) -> str | None:
    return _args.check_optional_str("name", value)


def _job_arn(value: object) -> str | None:
    return _args.check_optional_str("evaluation_job_arn", value)


def _session(value: object) -> SessionLike | None:
    if value is None:
        return None
    return account_clients(value)  # type: ignore[arg-type] # checks the type


@frozen(kw_only=True)
class ContentSource:
    """What every source has: where to read it from.

    Attributes:
        session: The account to read from (a boto3 session or ``AccountClients``).
        account: Or the name of an account of the card's topology.
    """

    session: AccountClients | None = field(default=None, converter=_session)
    account: str | None = field(default=None, converter=_account)

    def _context(self, card: ModelCard, region: str | None) -> Context:
        """The context to read this source in: its account, the resource's region."""
        if self.session is not None:
            clients = self.session
        elif self.account is not None:
            clients = card.context.clients.peer(self.account)
        else:
            clients = card.context.clients
        return Context(clients, region or card.region, card.context.retry)

    def read(self, card: ModelCard, overflow: Overflow) -> Fill:
        """Read the source and build its fill (one or two Describe calls)."""
        raise NotImplementedError

    @property
    def label(self) -> str:
        """What the source is, for messages."""
        raise NotImplementedError


def _region_of(name_or_arn: str) -> str | None:
    parts = name_or_arn.split(":")
    return parts[3] if name_or_arn.startswith("arn:") and len(parts) > 3 else None


@frozen(kw_only=True)
class ModelSource(ContentSource):
    """A SageMaker model (DescribeModel) -> ``model_overview``.

    Attributes:
        name_or_arn: The model's name (in the source account) or ARN.
    """

    name_or_arn: str = field(converter=_name)

    @property
    def label(self) -> str:
        """``model <name>``."""
        return f"model {self.name_or_arn}"

    def read(self, card: ModelCard, overflow: Overflow) -> Fill:
        """Describe the model and build the ``model_overview`` fill."""
        ctx = self._context(card, _region_of(self.name_or_arn))
        name = self.name_or_arn.rsplit("/", 1)[-1]
        response = ctx.call(
            "sagemaker", "describe_model", resource=self.name_or_arn, ModelName=name
        )
        return Fill.from_model(response, overflow=overflow)


@frozen(kw_only=True)
class TrainingJobSource(ContentSource):
    """A training job (DescribeTrainingJob) -> ``training_details``.

    Attributes:
        name_or_arn: The training job's name (in the source account) or ARN.
        tuning_job: The tuning job that launched it, to record the objective function.
    """

    name_or_arn: str = field(converter=_name)
    tuning_job: str | None = field(default=None, converter=_tuning_job)

    @property
    def label(self) -> str:
        """``training job <name>``."""
        return f"training job {self.name_or_arn}"

    def read(self, card: ModelCard, overflow: Overflow) -> Fill:
        """Describe the training job (and its tuning job) and build the fill."""
        ctx = self._context(card, _region_of(self.name_or_arn))
        name = self.name_or_arn.rsplit("/", 1)[-1]
        response = ctx.call(
            "sagemaker", "describe_training_job", resource=self.name_or_arn, TrainingJobName=name
        )
        tuning = None
        if self.tuning_job is not None:
            tuning = _describe_tuning_job(ctx, self.tuning_job)
        return Fill.from_training_job(response, tuning_job=tuning, overflow=overflow)


def _describe_tuning_job(ctx: Context, name_or_arn: str) -> TuningJob:
    name = name_or_arn.rsplit("/", 1)[-1]
    response = ctx.call(
        "sagemaker",
        "describe_hyper_parameter_tuning_job",
        resource=name_or_arn,
        HyperParameterTuningJobName=name,
    )
    return TuningJob.from_api(response)


@frozen(kw_only=True)
class TuningJobSource(ContentSource):
    """A tuning job's best training job -> ``training_details`` with the objective.

    Attributes:
        name_or_arn: The hyper-parameter tuning job's name or ARN.
    """

    name_or_arn: str = field(converter=_name)

    @property
    def label(self) -> str:
        """``tuning job <name>``."""
        return f"tuning job {self.name_or_arn}"

    def read(self, card: ModelCard, overflow: Overflow) -> Fill:
        """Describe the tuning job, then its best training job, and build the fill.

        Raises:
            NotFoundError: The tuning job has no best training job yet.
        """
        from modelcard_share.errors import NotFoundError  # noqa: PLC0415

        ctx = self._context(card, _region_of(self.name_or_arn))
        tuning = _describe_tuning_job(ctx, self.name_or_arn)
        if tuning.best_training_job_name is None:
            raise NotFoundError(
                f"tuning job {tuning.name} has no best training job yet",
                operation="DescribeHyperParameterTuningJob",
                resource=tuning.arn,
            )
        response = ctx.call(
            "sagemaker",
            "describe_training_job",
            resource=tuning.best_training_job_arn,
            TrainingJobName=tuning.best_training_job_name,
        )
        return Fill.from_training_job(response, tuning_job=tuning, overflow=overflow)


@frozen(kw_only=True)
class ModelPackageSource(ContentSource):
    """A model package version (DescribeModelPackage) -> ``model_package_details``.

    Attributes:
        name_or_arn: The model package ARN (``.../model-package/<group>/<version>``).
    """

    name_or_arn: str = field(converter=_name)

    @property
    def label(self) -> str:
        """``model package <arn>``."""
        return f"model package {self.name_or_arn}"

    def read(self, card: ModelCard, overflow: Overflow) -> Fill:
        """Describe the model package and build the fill."""
        ctx = self._context(card, _region_of(self.name_or_arn))
        response = ctx.call(
            "sagemaker",
            "describe_model_package",
            resource=self.name_or_arn,
            ModelPackageName=self.name_or_arn,
        )
        return Fill.from_model_package(response, overflow=overflow)


def _report(value: object) -> Mapping[str, Any] | str | bytes | Path:
    if isinstance(value, (Mapping, bytes)):
        return value
    if isinstance(value, (str, os.PathLike)):
        return value if isinstance(value, str) and value.startswith("s3://") else Path(value)
    raise ArgumentTypeError(
        "report must be a path, an s3:// URI, a mapping or bytes, got " + type(value).__name__
    )


def _kind(value: object) -> ReportKind | None:
    return None if value is None else _args.check_enum("kind", value, ReportKind)


def _datasets(value: object) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(_args.check_strings("datasets", value))


@frozen(kw_only=True)
class ReportSource(ContentSource):
    """An evaluation report -> one ``evaluation_details`` entry.

    Attributes:
        report: A local path, an ``s3://bucket/key`` URI (read with S3 GetObject in the
            source account), parsed JSON, or raw bytes.
        kind: The report format (``clarify-bias``, ``clarify-explainability``,
            ``model-quality``, ``model-card-metrics``); detected when omitted.
        name: The evaluation entry's name (default: the kind).
        evaluation_job_arn: The ARN of the job that wrote the report.
        datasets: The evaluation datasets' locations.
    """

    report: Mapping[str, Any] | str | bytes | Path = field(converter=_report)
    kind: ReportKind | None = field(default=None, converter=_kind)
    name: str | None = field(default=None, converter=_entry_name)
    evaluation_job_arn: str | None = field(default=None, converter=_job_arn)
    datasets: tuple[str, ...] | None = field(default=None, converter=_datasets)

    @property
    def label(self) -> str:
        """``report <location>``."""
        where = self.report if isinstance(self.report, (str, Path)) else "(data)"
        return f"report {where}"

    def read(self, card: ModelCard, overflow: Overflow) -> Fill:
        """Read the report (from S3 when it is an ``s3://`` URI) and build the fill."""
        report: Mapping[str, Any] | bytes | Path | str = self.report
        location: str | None = None
        if isinstance(report, str):
            match = _ids.S3_URI.fullmatch(report)
            if match is None or not match["key"]:
                raise ArgumentTypeError(f"report {report!r} is not an s3://bucket/key URI")
            ctx = self._context(card, None)
            body = ctx.call(
                "s3", "get_object", resource=report, Bucket=match["bucket"], Key=match["key"]
            )["Body"]
            try:
                report = body.read()
            finally:
                body.close()
            location = self.report  # type: ignore[assignment]
        return Fill.from_report(
            report,
            kind=self.kind,
            name=self.name,
            location=location,
            evaluation_job_arn=self.evaluation_job_arn,
            datasets=self.datasets,
            overflow=overflow,
        )


def read_all(card: ModelCard, sources: Iterable[ContentSource], overflow: Overflow) -> list[Fill]:
    """Read every source (in order) and return their fills."""
    fills = []
    for source in sources:
        if not isinstance(source, ContentSource):
            raise ArgumentTypeError(
                "fill_from takes sources such as TrainingJobSource(...) or ReportSource(...), "
                f"got {type(source).__name__}"
            )
        fills.append(source.read(card, overflow))
    return fills
