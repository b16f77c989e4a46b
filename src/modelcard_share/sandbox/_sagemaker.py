"""moto's SageMaker response class, extended for shared model cards and export jobs."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.sagemaker.models import sagemaker_backends
from moto.sagemaker.responses import SageMakerResponse

from modelcard_share.sandbox import _constants as const
from modelcard_share.sandbox._backends import export_jobs
from modelcard_share.sandbox._errors import SageMakerError
from modelcard_share.sandbox._paging import paginate
from modelcard_share.sandbox._ram_shares import card_actions
from modelcard_share.sandbox._transitions import tick
from modelcard_share.sandbox._world import ExportJob, World, active_world

__all__ = ["SandboxSageMakerResponse"]

_CARD_ARN = re.compile(r"^arn:aws[a-z-]*:sagemaker:([a-z0-9-]*):(\d{12}):model-card/(.+)$")
_JOB_ARN = re.compile(
    r"^arn:aws[a-z-]*:sagemaker:([a-z0-9-]+):(\d{12}):model-card/([^/]+)/export-job/([^/]+)$"
)
_S3_URI = re.compile(r"^(https|s3)://([^/]+)/?(.*)$")


def _validation(message: str) -> SageMakerError:
    return SageMakerError("ValidationException", message)


def _not_found(message: str) -> SageMakerError:
    return SageMakerError("ResourceNotFound", message)


class SandboxSageMakerResponse(SageMakerResponse):
    """SageMaker model cards by name or ARN, across accounts through RAM, plus export jobs."""

    def _locked(self, action: Callable[[World], ActionResult]) -> ActionResult:
        world = active_world()
        with world.lock:
            tick(world)
            return action(world)

    def _resolve(self, world: World, name_or_arn: str | None, action: str) -> tuple[Any, str]:
        """Return (owner's SageMaker backend, bare card name) after the RAM permission check."""
        caller = self.current_account
        if not name_or_arn:
            raise _validation("ModelCardName is required.")
        match = _CARD_ARN.match(name_or_arn)
        if match is None:
            owner, region, name = caller, self.region, name_or_arn
            if len(name) > 63 or not re.match(const.ENTITY_NAME_PATTERN, name):
                raise _validation(
                    f"Value '{name}' at 'modelCardName' failed to satisfy constraint: Member "
                    f"must satisfy regular expression pattern: {const.ENTITY_NAME_PATTERN}"
                )
        else:
            region, owner, name = match.groups()
            if region != self.region:
                raise _not_found(f"Modelcard {name_or_arn} does not exist in region {self.region}.")
        if owner != caller:
            arn = f"arn:aws:sagemaker:{region}:{owner}:model-card/{name}"
            allowed = card_actions(world, caller, arn, region)
            if allowed is None:
                raise SageMakerError(
                    const.UNSHARED_FOREIGN_CARD_ERROR,
                    f"Modelcard {arn} does not exist or is not shared with account {caller}.",
                )
            if f"sagemaker:{action}" not in allowed:
                raise SageMakerError(
                    const.ACTION_NOT_PERMITTED_ERROR,
                    f"User: account {caller} is not authorized to perform: sagemaker:{action} "
                    f"on resource: {arn} because the RAM permission of the share does not "
                    "allow it",
                )
        backend = sagemaker_backends[owner][region]
        if name not in backend.model_cards:
            raise _not_found(f"Modelcard {name} does not exist.")
        return backend, name

    # --------------------------------------------------------------- model cards

    def create_model_card(self) -> ActionResult:
        """CreateModelCard with the service's name, content and status validation."""
        name = self._get_param("ModelCardName") or ""
        if len(name) > 63 or not re.match(const.ENTITY_NAME_PATTERN, name):
            raise _validation(
                f"Value '{name}' at 'modelCardName' failed to satisfy constraint: Member must "
                f"satisfy regular expression pattern: {const.ENTITY_NAME_PATTERN}"
            )
        self._check_content(self._get_param("Content"))
        self._check_status(self._get_param("ModelCardStatus"))
        return self._locked(lambda world: super(SandboxSageMakerResponse, self).create_model_card())

    @staticmethod
    def _check_content(content: Any) -> None:
        if content is not None and len(content) > const.MAX_CONTENT_LENGTH:
            raise _validation(
                f"Value at 'content' failed to satisfy constraint: Member must have length less "
                f"than or equal to {const.MAX_CONTENT_LENGTH} (got {len(content)})"
            )

    @staticmethod
    def _check_status(status: Any) -> None:
        if status is not None and status not in const.MODEL_CARD_STATUSES:
            raise _validation(
                f"Value '{status}' at 'modelCardStatus' failed to satisfy constraint: Member must "
                f"satisfy enum value set: {list(const.MODEL_CARD_STATUSES)}"
            )

    def describe_model_card(self) -> ActionResult:
        """DescribeModelCard by name or ARN."""

        def action(world: World) -> ActionResult:
            backend, name = self._resolve(
                world, self._get_param("ModelCardName"), "DescribeModelCard"
            )
            version = self._get_param("ModelCardVersion")
            versions = backend.model_cards[name]
            card = versions[-1]
            if version is not None:
                card = next((v for v in versions if v.model_card_version == int(version)), None)
                if card is None:
                    raise _not_found(
                        f"Modelcard with name {name} and version: {version} does not exist"
                    )
            result = card.describe()
            result["LastModifiedTime"] = card.last_modified_time
            if result.get("SecurityConfig") is None:
                result.pop("SecurityConfig", None)
            return ActionResult(result)

        return self._locked(action)

    def update_model_card(self) -> ActionResult:
        """UpdateModelCard: status-only keeps content and version; content adds a version."""
        content = self._get_param("Content")
        status = self._get_param("ModelCardStatus")
        if content is not None and status is not None:
            raise SageMakerError(
                const.CONTENT_AND_STATUS_ERROR,
                "Content and ModelCardStatus cannot be updated in the same request.",
            )
        if content is None and status is None:
            raise _validation("Specify Content or ModelCardStatus to update.")
        self._check_content(content)
        self._check_status(status)

        def action(world: World) -> ActionResult:
            backend, name = self._resolve(
                world, self._get_param("ModelCardName"), "UpdateModelCard"
            )
            latest = backend.model_cards[name][-1]
            if status is not None:
                latest.model_card_status = status
                latest.last_modified_time = utcnow()
                return ActionResult({"ModelCardArn": latest.arn})
            if latest.model_card_status == "Archived":
                raise SageMakerError(const.ARCHIVED_UPDATE_ERROR, const.ARCHIVED_UPDATE_MESSAGE)
            arn = backend.update_model_card(name, content, latest.model_card_status)
            return ActionResult({"ModelCardArn": arn})

        return self._locked(action)

    def list_model_card_versions(self) -> ActionResult:
        """ListModelCardVersions by name or ARN, with working MaxResults/NextToken."""

        def action(world: World) -> ActionResult:
            name_or_arn = self._get_param("ModelCardName")
            backend, name = self._resolve(world, name_or_arn, "ListModelCardVersions")
            versions = list(backend.model_cards[name])
            after = self._get_param("CreationTimeAfter")
            before = self._get_param("CreationTimeBefore")
            status = self._get_param("ModelCardStatus")
            if status:
                versions = [v for v in versions if v.model_card_status == status]
            if after is not None:
                versions = [v for v in versions if v.last_modified_time.timestamp() > float(after)]
            if before is not None:
                versions = [v for v in versions if v.last_modified_time.timestamp() < float(before)]
            key: Callable[[Any], Any] = lambda v: v.model_card_version  # noqa: E731
            versions.sort(key=key, reverse=self._get_param("SortOrder") == "Descending")
            page, token = paginate(
                versions,
                max_results=self._get_int_param("MaxResults"),
                next_token=self._get_param("NextToken"),
                scope=f"versions:{backend.account_id}:{name}:{status}:{self._get_param('SortOrder')}",
                default_size=100,
                on_bad_token=_validation,
            )
            result: dict[str, Any] = {
                "ModelCardVersionSummaryList": [v.version_summary() for v in page]
            }
            if token:
                result["NextToken"] = token
            return ActionResult(result)

        return self._locked(action)

    # --------------------------------------------------------------- export jobs

    def create_model_card_export_job(self) -> ActionResult:
        """CreateModelCardExportJob; the job belongs to the card's owner."""

        def action(world: World) -> ActionResult:
            job_name = self._get_param("ModelCardExportJobName") or ""
            if len(job_name) > 63 or not re.match(const.ENTITY_NAME_PATTERN, job_name):
                raise _validation(
                    f"Value '{job_name}' at 'modelCardExportJobName' failed to satisfy "
                    f"constraint: Member must satisfy regular expression pattern: "
                    f"{const.ENTITY_NAME_PATTERN}"
                )
            output = (self._get_param("OutputConfig") or {}).get("S3OutputPath") or ""
            if not _S3_URI.match(output):
                raise _validation(
                    f"Value '{output}' at 'outputConfig.s3OutputPath' failed to satisfy "
                    "constraint: Member must satisfy regular expression pattern: "
                    "(https|s3)://([^/]+)/?(.*)"
                )
            backend, name = self._resolve(
                world, self._get_param("ModelCardName"), "CreateModelCardExportJob"
            )
            versions = backend.model_cards[name]
            version = self._get_param("ModelCardVersion")
            number = versions[-1].model_card_version if version is None else int(version)
            if all(v.model_card_version != number for v in versions):
                raise _not_found(f"Modelcard with name {name} and version: {number} does not exist")
            owner, region = backend.account_id, backend.region_name
            jobs = export_jobs(world, owner, region)
            arn = f"arn:aws:sagemaker:{region}:{owner}:model-card/{name}/export-job/{job_name}"
            if arn in jobs:
                raise SageMakerError(
                    "ConflictException", f"Model card export job {job_name} already exists."
                )
            now = world.clock.now()
            jobs[arn] = ExportJob(
                arn=arn,
                name=job_name,
                card_name=name,
                card_version=number,
                owner=owner,
                region=region,
                output_path=output,
                created=now,
                updated=now,
                complete_at=now + world.export_job_duration,
            )
            tick(world)
            return ActionResult({"ModelCardExportJobArn": arn})

        return self._locked(action)

    def describe_model_card_export_job(self) -> ActionResult:
        """DescribeModelCardExportJob by job ARN (a consumer needs the export permission)."""

        def action(world: World) -> ActionResult:
            arn = self._get_param("ModelCardExportJobArn") or ""
            match = _JOB_ARN.match(arn)
            if match is None:
                raise _validation(f"Value '{arn}' at 'modelCardExportJobArn' is not a valid ARN.")
            region, owner, card, _job = match.groups()
            caller = self.current_account
            if owner != caller:
                card_arn = f"arn:aws:sagemaker:{region}:{owner}:model-card/{card}"
                allowed = card_actions(world, caller, card_arn, region)
                if allowed is None:
                    raise SageMakerError(
                        const.UNSHARED_FOREIGN_CARD_ERROR,
                        f"Model card export job {arn} does not exist or is not shared with "
                        f"account {caller}.",
                    )
                if "sagemaker:DescribeModelCardExportJob" not in allowed:
                    raise SageMakerError(
                        const.ACTION_NOT_PERMITTED_ERROR,
                        f"User: account {caller} is not authorized to perform: "
                        f"sagemaker:DescribeModelCardExportJob on resource: {arn}",
                    )
            job = export_jobs(world, owner, region).get(arn) if region == self.region else None
            if job is None:
                raise _not_found(f"Model card export job {arn} does not exist.")
            result: dict[str, Any] = {
                **_summary(job),
                "OutputConfig": {"S3OutputPath": job.output_path},
            }
            if job.failure_reason:
                result["FailureReason"] = job.failure_reason
            if job.artifact:
                result["ExportArtifacts"] = {"S3ExportArtifacts": job.artifact}
            return ActionResult(result)

        return self._locked(action)

    def list_model_card_export_jobs(self) -> ActionResult:
        """ListModelCardExportJobs for one of the caller's own cards (bare name)."""

        def action(world: World) -> ActionResult:
            name = self._get_param("ModelCardName")
            version = self._get_param("ModelCardVersion")
            contains = self._get_param("ModelCardExportJobNameContains")
            status = self._get_param("StatusEquals")
            jobs = [
                j
                for j in export_jobs(world, self.current_account, self.region).values()
                if j.card_name == name
                and (version is None or j.card_version == int(version))
                and (not contains or contains in j.name)
                and (not status or j.status == status)
            ]
            sort_by = self._get_param("SortBy") or "CreationTime"
            keys: dict[str, Callable[[ExportJob], Any]] = {
                "Name": lambda j: j.name,
                "CreationTime": lambda j: j.created,
                "Status": lambda j: j.status,
            }
            jobs.sort(key=keys.get(sort_by, keys["CreationTime"]))
            if self._get_param("SortOrder", "Descending") == "Descending":
                jobs.reverse()
            page, token = paginate(
                jobs,
                max_results=self._get_int_param("MaxResults"),
                next_token=self._get_param("NextToken"),
                scope=f"jobs:{self.current_account}:{name}:{sort_by}",
                default_size=100,
                on_bad_token=_validation,
            )
            result: dict[str, Any] = {"ModelCardExportJobSummaries": [_summary(j) for j in page]}
            if token:
                result["NextToken"] = token
            return ActionResult(result)

        return self._locked(action)


def _summary(job: ExportJob) -> dict[str, Any]:
    return {
        "ModelCardExportJobName": job.name,
        "ModelCardExportJobArn": job.arn,
        "Status": job.status,
        "ModelCardName": job.card_name,
        "ModelCardVersion": job.card_version,
        "CreatedAt": job.created,
        "LastModifiedAt": job.updated,
    }
