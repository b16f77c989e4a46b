"""moto's SageMaker response class, extended for shared model cards, the model registry and events.

Model cards: by name or ARN, across accounts through RAM, content validated against the model
card schema, timestamps from the sandbox clock, ``CreatedBy`` / ``LastModifiedBy`` from the
caller, export jobs. Model package groups: shared through RAM, so a consumer can describe the
group and its packages and register packages into it (the cross-account model registry).
Every card and package state change is recorded as the EventBridge event SageMaker sends.
"""

from __future__ import annotations

import copy
import functools
import heapq
import json
import re
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from moto.core.responses import ActionResult
from moto.sagemaker.responses import SageMakerResponse
from moto.sts.models import sts_backends

from modelcard_share._ids import (
    CARD_ARN,
    ENTITY_NAME,
    EXPORT_JOB_ARN,
    MODEL_PACKAGE_ARN,
    MODEL_PACKAGE_GROUP_ARN,
)
from modelcard_share.sandbox import _constants as const
from modelcard_share.sandbox._backends import export_jobs, sagemaker_backend
from modelcard_share.sandbox._errors import SageMakerError
from modelcard_share.sandbox._events import iso
from modelcard_share.sandbox._models import service_model
from modelcard_share.sandbox._paging import paginate
from modelcard_share.sandbox._ram_state import drop_resource, resource_actions
from modelcard_share.sandbox._transitions import tick
from modelcard_share.sandbox._world import ExportJob, World, active_world, partition

__all__ = ["BEST_TRAINING_JOB", "TUNING_JOB_ARN", "SandboxSageMakerResponse"]

_S3_URI = re.compile(r"(https|s3)://([^/]+)/?(.*)", re.ASCII)

#: Attributes the sandbox adds to moto's model card versions.
_VERSION_CREATED = "_sandbox_version_created"
_CREATED_BY = "_sandbox_created_by"
_MODIFIED_BY = "_sandbox_last_modified_by"
#: Attribute of a tuning job holding the BestTrainingJob a test set.
BEST_TRAINING_JOB = _BEST_TRAINING_JOB = "_sandbox_best_training_job"
#: Attribute of a training job holding the ARN of the tuning job that launched it.
TUNING_JOB_ARN = "_sandbox_tuning_job_arn"


def _validation(message: str) -> SageMakerError:
    return SageMakerError("ValidationException", message)


def _not_found(message: str) -> SageMakerError:
    return SageMakerError("ResourceNotFound", message)


def _naive(value: datetime) -> datetime:
    """Moto keeps naive UTC datetimes; the sandbox clock is timezone-aware."""
    return value.astimezone(timezone.utc).replace(tzinfo=None)


def _aware(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return datetime.fromtimestamp(float(value), tz=timezone.utc)


@functools.cache
def _max_results(operation: str) -> int | None:
    """The service model's maximum of an operation's MaxResults, if it has one."""
    model = service_model("sagemaker")
    if operation not in model.operation_names:
        return None
    shape_in = model.operation_model(operation).input_shape
    shape = shape_in.members.get("MaxResults") if shape_in is not None else None
    maximum = shape.metadata.get("max") if shape is not None else None
    return int(maximum) if maximum is not None else None


def _check_name(name: str, field: str) -> None:
    if len(name) > 63 or ENTITY_NAME.fullmatch(name) is None:
        raise _validation(
            f"Value '{name}' at '{field}' failed to satisfy constraint: Member must satisfy "
            f"regular expression pattern: {ENTITY_NAME.pattern}"
        )


class SandboxSageMakerResponse(SageMakerResponse):
    """SageMaker served from the sandbox world (cards, export jobs, registry, events)."""

    def call_action(self) -> Any:
        """Refuse a MaxResults above the service model's maximum, as SageMaker does."""
        maximum = _max_results(self._get_action())
        raw = self._get_param("MaxResults")
        if maximum is not None and raw is not None and int(raw) > maximum:
            error = _validation(
                f"1 validation error detected: Value '{raw}' at 'maxResults' failed to satisfy "
                f"constraint: Member must have value less than or equal to {maximum}"
            )
            return error.code, dict(error.get_headers()), error.get_body()
        return super().call_action()

    def _locked(self, action: Callable[[World], ActionResult]) -> ActionResult:
        world = active_world()
        with world.lock:
            tick(world)
            return action(world)

    def _caller(self) -> dict[str, Any]:
        """The UserContext of the caller: its IAM identity (see USER_CONTEXT_FIELDS)."""
        match = re.search(r"Credential=([A-Z0-9]+)/", str(self.headers.get("Authorization") or ""))
        account = self.current_account
        arn = f"arn:{partition(self.region)}:iam::{account}:root"
        principal = account
        if match is not None:
            role = sts_backends[account][partition(self.region)].get_assumed_role_from_access_key(
                match.group(1)
            )
            if role is not None:
                arn, principal = role.arn, f"{role.user_id}"
        return {"IamIdentity": {"Arn": arn, "PrincipalId": principal}}

    def _check_access(self, world: World, owner: str, arn: str, action: str, kind: str) -> None:
        """Raise SageMaker's error unless ``owner`` is the caller or a share grants ``action``."""
        caller = self.current_account
        if owner == caller:
            return
        allowed = resource_actions(world, caller, arn, self.region)
        if allowed is None:
            raise SageMakerError(
                const.UNSHARED_FOREIGN_CARD_ERROR,
                f"{kind} {arn} does not exist or is not shared with account {caller}.",
            )
        if f"sagemaker:{action}" not in allowed:
            raise SageMakerError(
                const.ACTION_NOT_PERMITTED_ERROR,
                f"User: account {caller} is not authorized to perform: sagemaker:{action} "
                f"on resource: {arn} because the RAM permission of the share does not allow it",
            )

    # --------------------------------------------------------------- tags

    def _tagged(self) -> Any:
        """The caller's resource named by ResourceArn, with a tag list (moto may keep None)."""
        backend: Any = self.sagemaker_backend
        resource = backend._get_resource_from_arn(self._get_param("ResourceArn") or "")
        if getattr(resource, "tags", None) is None:
            resource.tags = []
        return resource

    def list_tags(self) -> ActionResult:
        """ListTags; a resource created without tags has none (not an error)."""

        def action(world: World) -> ActionResult:
            self._tagged()
            result: ActionResult = super(SandboxSageMakerResponse, self).list_tags()
            return result

        return self._locked(action)

    def add_tags(self) -> ActionResult:
        """AddTags "adds or overwrites" tags: an existing key takes the new value.

        Fact [doc] (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_AddTags.html);
        moto appends a second tag with the same key instead.
        """

        def action(world: World) -> ActionResult:
            resource = self._tagged()
            keys = {tag["Key"] for tag in self._get_param("Tags") or []}
            resource.tags[:] = [tag for tag in resource.tags if tag["Key"] not in keys]
            result: ActionResult = super(SandboxSageMakerResponse, self).add_tags()
            return result

        return self._locked(action)

    # --------------------------------------------------------------- model cards

    def _resolve(self, world: World, name_or_arn: str | None, action: str) -> tuple[Any, str]:
        """Return (owner's SageMaker backend, bare card name) after the RAM permission check."""
        caller = self.current_account
        if not name_or_arn:
            raise _validation("ModelCardName is required.")
        match = CARD_ARN.fullmatch(name_or_arn)
        if match is None:
            _check_name(name_or_arn, "modelCardName")
            owner, region, name = caller, self.region, name_or_arn
        else:
            region, owner, name = match.group("region", "account", "name")
            if region != self.region:
                raise _not_found(f"Modelcard {name_or_arn} does not exist in region {self.region}.")
        arn = f"arn:{partition(region)}:sagemaker:{region}:{owner}:model-card/{name}"
        self._check_access(world, owner, arn, action, "Modelcard")
        backend = sagemaker_backend(owner, region)
        if name not in backend.model_cards:
            raise _not_found(f"Modelcard {name} does not exist.")
        return backend, name

    def _check_content(self, world: World, content: Any) -> None:
        if content is None:
            return
        if len(content) > const.MAX_CONTENT_LENGTH:
            raise _validation(
                f"Value at 'content' failed to satisfy constraint: Member must have length less "
                f"than or equal to {const.MAX_CONTENT_LENGTH} (got {len(content)})"
            )
        problems = world.schema.problems(content) if world.schema is not None else []
        if problems:
            shown = "; ".join(problems[:3])
            more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
            raise _validation(f"Invalid model card content: {shown}{more}")

    @staticmethod
    def _check_status(status: Any) -> None:
        if status is not None and status not in const.MODEL_CARD_STATUSES:
            raise _validation(
                f"Value '{status}' at 'modelCardStatus' failed to satisfy constraint: Member must "
                f"satisfy enum value set: {list(const.MODEL_CARD_STATUSES)}"
            )

    def _stamp(self, world: World, card: Any, *, new_version: bool) -> None:
        """Set a card version's times (sandbox clock) and who changed it."""
        now = _naive(world.clock.now())
        caller = self._caller()
        card.last_modified_time = now
        setattr(card, _MODIFIED_BY, caller)
        if new_version:
            setattr(card, _VERSION_CREATED, now)
        if not hasattr(card, _CREATED_BY):
            setattr(card, _CREATED_BY, caller)

    @staticmethod
    def _card_event(world: World, backend: Any, card: Any, *, deleted: bool = False) -> None:
        detail: dict[str, Any] = {
            "ModelCardVersion": card.model_card_version,
            "LastModifiedTime": iso(_aware(card.last_modified_time)),
            "LastModifiedBy": getattr(card, _MODIFIED_BY, {}),
            "CreationTime": iso(_aware(card.creation_time)),
            "CreatedBy": getattr(card, _CREATED_BY, {}),
            "ModelCardName": card.model_card_name,
            "ModelCardStatus": card.model_card_status,
            "AccountId": backend.account_id,
            "SecurityConfig": card.security_config or {},
        }
        try:
            model_id = json.loads(card.content or "{}").get("model_overview", {}).get("model_id")
        except (ValueError, AttributeError):
            model_id = None
        if model_id:
            detail["ModelId"] = model_id
        if deleted:
            detail[const.EVENT_DELETED_FLAG] = True
        world.events.emit(
            const.MODEL_CARD_EVENT,
            account=backend.account_id,
            region=backend.region_name,
            resources=[card.arn],
            detail=detail,
        )

    def create_model_card(self) -> ActionResult:
        """CreateModelCard with the service's name, content and status validation."""
        name = self._get_param("ModelCardName") or ""
        _check_name(name, "modelCardName")
        self._check_status(self._get_param("ModelCardStatus"))

        def action(world: World) -> ActionResult:
            self._check_content(world, self._get_param("Content"))
            result = super(SandboxSageMakerResponse, self).create_model_card()
            backend = self.sagemaker_backend
            card = backend.model_cards[name][-1]
            now = _naive(world.clock.now())
            card.creation_time = now
            self._stamp(world, card, new_version=True)
            self._card_event(world, backend, card)
            return result

        return self._locked(action)

    def describe_model_card(self) -> ActionResult:
        """DescribeModelCard by name or ARN; ``IncludedData=MetadataOnly`` leaves Content out."""

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
            result["CreationTime"] = versions[0].creation_time
            result["LastModifiedTime"] = card.last_modified_time
            result["CreatedBy"] = getattr(versions[0], _CREATED_BY, {})
            result["LastModifiedBy"] = getattr(card, _MODIFIED_BY, {})
            if result.get("SecurityConfig") is None:
                result.pop("SecurityConfig", None)
            if self._get_param("IncludedData") == "MetadataOnly":
                result.pop("Content", None)
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
        self._check_status(status)

        def action(world: World) -> ActionResult:
            self._check_content(world, content)
            backend, name = self._resolve(
                world, self._get_param("ModelCardName"), "UpdateModelCard"
            )
            latest = backend.model_cards[name][-1]
            if status is not None:
                latest.model_card_status = status
                self._stamp(world, latest, new_version=False)
                self._card_event(world, backend, latest)
                return ActionResult({"ModelCardArn": latest.arn})
            if latest.model_card_status == "Archived":
                raise SageMakerError(const.ARCHIVED_UPDATE_ERROR, const.ARCHIVED_UPDATE_MESSAGE)
            arn = backend.update_model_card(name, content, latest.model_card_status)
            new = backend.model_cards[name][-1]
            setattr(new, _CREATED_BY, getattr(latest, _CREATED_BY, {}))
            self._stamp(world, new, new_version=True)
            self._card_event(world, backend, new)
            return ActionResult({"ModelCardArn": arn})

        return self._locked(action)

    def delete_model_card(self) -> ActionResult:
        """DeleteModelCard (bare name, owner only); the card leaves every RAM share."""

        def action(world: World) -> ActionResult:
            name = self._get_param("ModelCardName") or ""
            backend = self.sagemaker_backend
            versions = backend.model_cards.get(name)
            result = super(SandboxSageMakerResponse, self).delete_model_card()
            if versions:
                drop_resource(world, versions[-1].arn, self.region)
                self._card_event(world, backend, versions[-1], deleted=True)
            return result

        return self._locked(action)

    def list_model_card_versions(self) -> ActionResult:
        """ListModelCardVersions by name or ARN, filtering on each version's creation time."""

        def action(world: World) -> ActionResult:
            name_or_arn = self._get_param("ModelCardName")
            backend, name = self._resolve(world, name_or_arn, "ListModelCardVersions")
            versions = list(backend.model_cards[name])
            after = self._get_param("CreationTimeAfter")
            before = self._get_param("CreationTimeBefore")
            status = self._get_param("ModelCardStatus")

            def created(version: Any) -> datetime:
                return _aware(getattr(version, _VERSION_CREATED, version.creation_time))

            if status:
                versions = [v for v in versions if v.model_card_status == status]
            if after is not None:
                versions = [v for v in versions if created(v) > _aware(after)]
            if before is not None:
                versions = [v for v in versions if created(v) < _aware(before)]
            versions.sort(
                key=lambda v: v.model_card_version,
                reverse=self._get_param("SortOrder") == "Descending",
            )
            page, token = paginate(
                versions,
                max_results=self._get_int_param("MaxResults"),
                next_token=self._get_param("NextToken"),
                scope=f"versions:{backend.account_id}:{name}:{status}:{after}:{before}:"
                f"{self._get_param('SortOrder')}",
                default_size=100,
                on_bad_token=_validation,
            )
            summaries = []
            for version in page:
                summary = version.version_summary()
                summary["CreationTime"] = getattr(version, _VERSION_CREATED, version.creation_time)
                summaries.append(summary)
            result: dict[str, Any] = {"ModelCardVersionSummaryList": summaries}
            if token:
                result["NextToken"] = token
            return ActionResult(result)

        return self._locked(action)

    # --------------------------------------------------------------- export jobs

    def create_model_card_export_job(self) -> ActionResult:
        """CreateModelCardExportJob; the job belongs to the card's owner."""

        def action(world: World) -> ActionResult:
            job_name = self._get_param("ModelCardExportJobName") or ""
            _check_name(job_name, "modelCardExportJobName")
            output = (self._get_param("OutputConfig") or {}).get("S3OutputPath") or ""
            if not _S3_URI.fullmatch(output):
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
            arn = (
                f"arn:{partition(region)}:sagemaker:{region}:{owner}:model-card/{name}"
                f"/export-job/{job_name}"
            )
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
            heapq.heappush(
                world.exports_due, (jobs[arn].complete_at, world.index.next_seq(), jobs[arn])
            )
            tick(world)
            return ActionResult({"ModelCardExportJobArn": arn})

        return self._locked(action)

    def describe_model_card_export_job(self) -> ActionResult:
        """DescribeModelCardExportJob by job ARN (a consumer needs the export permission)."""

        def action(world: World) -> ActionResult:
            arn = self._get_param("ModelCardExportJobArn") or ""
            match = EXPORT_JOB_ARN.fullmatch(arn)
            if match is None:
                raise _validation(f"Value '{arn}' at 'modelCardExportJobArn' is not a valid ARN.")
            region, owner, card = match.group("region", "account", "card")
            card_arn = f"arn:{partition(region)}:sagemaker:{region}:{owner}:model-card/{card}"
            self._check_access(world, owner, card_arn, "DescribeModelCardExportJob", "Modelcard")
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

    # ------------------------------------------------------------ training jobs

    def create_training_job(self) -> ActionResult:
        """CreateTrainingJob, keeping the caller's MetricDefinitions and the sandbox clock.

        moto replaces MetricDefinitions with a placeholder and reports a made-up metric; the
        sandbox keeps what was asked for and reports no final metric unless a test sets them
        (``Sandbox.create_training_job(metrics=...)``).
        """

        def action(world: World) -> ActionResult:
            spec = copy.deepcopy(self._get_param("AlgorithmSpecification") or {})
            result = super(SandboxSageMakerResponse, self).create_training_job()
            job = self.sagemaker_backend.training_jobs[self._get_param("TrainingJobName")]
            job.algorithm_specification = spec
            now = _naive(world.clock.now())
            job.creation_time = job.last_modified_time = now
            job.training_start_time = job.training_end_time = now
            job.final_metric_data_list = []
            for transition in job.secondary_status_transitions:
                transition["StartTime"] = transition["EndTime"] = now
            return result

        return self._locked(action)

    def describe_training_job(self) -> ActionResult:
        """DescribeTrainingJob, with ``TuningJobArn`` for a tuning job's best training job.

        A training job a tuning job launched names it in ``TuningJobArn`` [model]; the
        sandbox records that when ``Sandbox.create_tuning_job`` adopts a training job.
        """

        def action(world: World) -> ActionResult:
            name = self._get_param("TrainingJobName")
            backend = self.sagemaker_backend
            result = dict(backend.describe_training_job(name))
            tuning = getattr(backend.training_jobs[name], TUNING_JOB_ARN, None)
            if tuning is not None:
                result["TuningJobArn"] = tuning
            return ActionResult(result)

        return self._locked(action)

    def describe_hyper_parameter_tuning_job(self) -> ActionResult:
        """DescribeHyperParameterTuningJob without moto's placeholder best training job.

        ``BestTrainingJob`` appears only when a test set one
        (``Sandbox.create_tuning_job``): the sandbox runs no training.
        """

        def action(world: World) -> ActionResult:
            name = self._get_param("HyperParameterTuningJobName")
            backend = self.sagemaker_backend
            result = dict(backend.describe_hyper_parameter_tuning_job(name))
            job = backend.hyper_parameter_tuning_jobs[name]
            result.pop("BestTrainingJob", None)
            result.pop("OverallBestTrainingJob", None)
            best = getattr(job, _BEST_TRAINING_JOB, None)
            if best is not None:
                result["BestTrainingJob"] = copy.deepcopy(best)
            return ActionResult(result)

        return self._locked(action)

    # ------------------------------------------------------------ model registry

    def _group(self, world: World, name_or_arn: str | None, action: str) -> tuple[Any, str]:
        """(owner's backend, bare group name) of a group named by name or ARN, access checked."""
        if not name_or_arn:
            raise _validation("ModelPackageGroupName is required.")
        match = MODEL_PACKAGE_GROUP_ARN.fullmatch(name_or_arn)
        if match is None:
            return self.sagemaker_backend, name_or_arn
        region, owner, name = match.group("region", "account", "name")
        if region != self.region:
            raise _not_found(f"ModelPackageGroup {name_or_arn} does not exist in {self.region}.")
        self._check_access(world, owner, name_or_arn, action, "ModelPackageGroup")
        return sagemaker_backend(owner, region), name

    def _as(self, backend: Any, call: Callable[[], ActionResult]) -> ActionResult:
        """Run one of moto's handlers against ``backend`` (the owner's) instead of the caller's."""
        if backend is self.sagemaker_backend:
            return call()
        original = self.current_account
        try:
            self.current_account = backend.account_id
            return call()
        finally:
            self.current_account = original

    def _rewrite(self, **values: Any) -> None:
        """Replace request parameters before handing the request to moto's handler."""
        self.params.update(values)

    def describe_model_package_group(self) -> ActionResult:
        """DescribeModelPackageGroup by name or ARN (a shared group from a consumer)."""

        def action(world: World) -> ActionResult:
            backend, name = self._group(
                world, self._get_param("ModelPackageGroupName"), "DescribeModelPackageGroup"
            )
            self._rewrite(ModelPackageGroupName=name)
            parent: Any = super(SandboxSageMakerResponse, self)
            return self._as(backend, parent.describe_model_package_group)

        return self._locked(action)

    def list_model_packages(self) -> ActionResult:
        """ListModelPackages; a group given by ARN lists the packages of a shared group."""

        def action(world: World) -> ActionResult:
            group = self._get_param("ModelPackageGroupName")
            parent: Any = super(SandboxSageMakerResponse, self)
            if group is None:
                result: ActionResult = parent.list_model_packages()
                return result
            backend, name = self._group(world, group, "ListModelPackages")
            self._rewrite(ModelPackageGroupName=name)
            return self._as(backend, parent.list_model_packages)

        return self._locked(action)

    def _package_owner(self, world: World, name_or_arn: str, action: str) -> Any:
        match = MODEL_PACKAGE_ARN.fullmatch(name_or_arn)
        if match is None:
            return self.sagemaker_backend
        region, owner, name = match.group("region", "account", "name")
        if owner == self.current_account:
            return self.sagemaker_backend
        group = f"arn:{partition(region)}:sagemaker:{region}:{owner}:model-package-group/{name}"
        if match.group("version") is None:
            raise _not_found(f"Model package {name_or_arn} does not exist.")
        self._check_access(world, owner, group, action, "ModelPackageGroup")
        return sagemaker_backend(owner, region)

    def describe_model_package(self) -> ActionResult:
        """DescribeModelPackage, with the fields the output shape has that moto leaves out."""

        def action(world: World) -> ActionResult:
            name = self._get_param("ModelPackageName") or ""
            backend = self._package_owner(world, name, "DescribeModelPackage")
            package = backend.describe_model_package(name)
            result = package.gen_response_object()
            extra = getattr(package, "_sandbox_extra", {})
            result.update(copy.deepcopy(extra))
            # ModelPackageName is required in the output shape [model]; moto leaves it out.
            # For a versioned package it is the group's name [assumption, const].
            result.setdefault(
                "ModelPackageName",
                getattr(package, "model_package_name", None) or result.get("ModelPackageGroupName"),
            )
            return ActionResult(result)

        return self._locked(action)

    def create_model_package(self) -> ActionResult:
        """CreateModelPackage; into a shared group (by ARN) it registers in the group's account.

        See ``REGISTERED_PACKAGE_ACCOUNT`` in ``_constants``.
        """

        def action(world: World) -> ActionResult:
            group = self._get_param("ModelPackageGroupName")
            parent: Any = super(SandboxSageMakerResponse, self)
            caller = self._caller()
            if group is not None:
                backend, name = self._group(world, group, "CreateModelPackage")
                self._rewrite(ModelPackageGroupName=name)
            else:
                backend = self.sagemaker_backend
            result = self._as(backend, parent.create_model_package)
            arn = _result_field(result, "ModelPackageArn")
            package = backend.describe_model_package(arn)
            package.creation_time = _naive(world.clock.now())
            source = self._get_param("SourceAlgorithmSpecification")
            extra: dict[str, Any] = {"CreatedBy": caller, "LastModifiedTime": package.creation_time}
            if source:
                extra["SourceAlgorithmSpecification"] = source
            package._sandbox_extra = extra
            self._package_event(world, backend, package, updated=None)
            return result

        return self._locked(action)

    def update_model_package(self) -> ActionResult:
        """UpdateModelPackage (owner): approval status and the rest; records the event."""

        def action(world: World) -> ActionResult:
            arn = self._get_param("ModelPackageArn") or ""
            backend = self._package_owner(world, arn, "UpdateModelPackage")
            fields = [
                f
                for f in (
                    "ModelApprovalStatus",
                    "ApprovalDescription",
                    "CustomerMetadataProperties",
                    "AdditionalInferenceSpecificationsToAdd",
                )
                if self._get_param(f) is not None
            ]
            parent: Any = super(SandboxSageMakerResponse, self)
            result = self._as(backend, parent.update_model_package)
            package = backend.describe_model_package(arn)
            extra = getattr(package, "_sandbox_extra", {})
            extra["LastModifiedTime"] = _naive(world.clock.now())
            extra["LastModifiedBy"] = self._caller()
            package._sandbox_extra = extra
            self._package_event(world, backend, package, updated=fields)
            return result

        return self._locked(action)

    def _package_event(
        self, world: World, backend: Any, package: Any, *, updated: list[str] | None
    ) -> None:
        described = package.gen_response_object()
        described.update(getattr(package, "_sandbox_extra", {}))
        keep = (
            "ModelPackageGroupName",
            "ModelPackageVersion",
            "ModelPackageArn",
            "ModelPackageName",
            "ModelPackageDescription",
            "InferenceSpecification",
            "ModelPackageStatus",
            "ModelPackageStatusDetails",
            "CertifyForMarketplace",
            "ModelApprovalStatus",
            "ApprovalDescription",
            "MetadataProperties",
            "ModelMetrics",
            "ModelLifeCycle",
            "CustomerMetadataProperties",
        )
        detail = {k: described[k] for k in keep if described.get(k) is not None}
        detail["CreationTime"] = iso(_aware(package.creation_time))
        detail["LastModifiedTime"] = iso(
            _aware(described.get("LastModifiedTime", package.creation_time))
        )
        if updated is not None:
            detail["UpdatedModelPackageFields"] = updated
        world.events.emit(
            const.MODEL_PACKAGE_EVENT,
            account=backend.account_id,
            region=backend.region_name,
            resources=[package.arn],
            detail=json.loads(json.dumps(detail, default=str)),
        )


def _result_field(result: ActionResult, field: str) -> str:
    data: Any = result.result
    return str(data[field])


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
