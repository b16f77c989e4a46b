"""ModelPackageGroup: a group of the central model registry, shared like a model card.

Sharing a model package group with a stage account lets that account read the group's
model versions (read-only) or also register new versions into it (read-write), the
cross-account model registry of SageMaker's guide.
"""

from __future__ import annotations

import builtins
import datetime as dt
import logging
from collections.abc import Mapping
from typing import Any

from attrs import evolve, frozen

from modelcard_share import _ids
from modelcard_share.aws import AccountTopology, RetryPolicy, SessionLike
from modelcard_share.errors import (
    ArgumentTypeError,
    AwsValidationError,
    ConfigurationError,
    NotFoundError,
)

from . import _args
from ._context import Context, resolve_context
from ._kinds import MODEL_PACKAGE_GROUP, ResourceRef
from ._share import PrincipalAssociation
from ._sharing import Shareable

__all__ = ["APPROVED", "ModelPackageGroup", "ModelPackageSummary", "add_tags", "resource_tags"]

logger = logging.getLogger(__name__)

#: The ``ModelApprovalStatus`` of an approved model package (the SageMaker API's enum:
#: Approved, Rejected, PendingManualApproval).
APPROVED = "Approved"


def resource_tags(ctx: Context, arn: str) -> dict[str, str]:
    """Return a SageMaker resource's tags (ListTags, every page) as a mapping.

    A key listed twice keeps its last value.
    """
    return {
        str(tag["Key"]): str(tag["Value"])
        for tag in ctx.pages(
            "sagemaker",
            "list_tags",
            items="Tags",
            cursor="NextToken",
            resource=arn,
            ResourceArn=arn,
        )
    }


def _describe(ctx: Context, operation: str, resource: str, **params: Any) -> Any:
    """A SageMaker describe call whose "does not exist" answer is a :class:`NotFoundError`.

    SageMaker answers DescribeModelPackageGroup and DescribeModelPackage of a missing
    resource with ``ValidationException`` ("... does not exist."), as the sandbox (moto)
    does; ASSUMPTION: the message text, which moto copies from the service.
    """
    try:
        return ctx.call("sagemaker", operation, resource=resource, **params)
    except AwsValidationError as err:
        if "does not exist" not in str(err):
            raise
        raise NotFoundError(
            err.base_message,
            code=err.code,
            operation=err.operation,
            http_status=err.http_status,
            request_id=err.request_id,
            resource=resource,
            account_id=err.account_id,
        ) from err


def add_tags(ctx: Context, arn: str, tags: Mapping[str, str]) -> None:
    """Add or overwrite tags of a SageMaker resource (AddTags)."""
    ctx.call(
        "sagemaker",
        "add_tags",
        resource=arn,
        ResourceArn=arn,
        Tags=[{"Key": k, "Value": v} for k, v in tags.items()],
    )


@frozen
class ModelPackageSummary:
    """One model version of a group, as ListModelPackages returns it.

    Attributes:
        arn: The model package ARN.
        group: The group name.
        version: The version number.
        approval_status: ``Approved``, ``Rejected`` or ``PendingManualApproval``.
        status: The package status (``Completed``...).
        created_time: When it was registered.
    """

    arn: str
    group: str | None
    version: int | None
    approval_status: str | None
    status: str | None
    created_time: dt.datetime | None

    @classmethod
    def from_api(cls, item: Mapping[str, Any]) -> ModelPackageSummary:
        """Build from a ``ModelPackageSummary`` of ListModelPackages."""
        version = item.get("ModelPackageVersion")
        return cls(
            arn=str(item["ModelPackageArn"]),
            group=item.get("ModelPackageGroupName"),
            version=int(version) if version is not None else None,
            approval_status=item.get("ModelApprovalStatus"),
            status=item.get("ModelPackageStatus"),
            created_time=item.get("CreationTime"),
        )

    @property
    def approved(self) -> bool:
        """Whether the model version's ``ModelApprovalStatus`` is Approved."""
        return self.approval_status == APPROVED


class ModelPackageGroup(Shareable):
    """A SageMaker model package group of the owner's registry, and its sharing.

    Get one with :meth:`load` (by name in the owner account, or by ARN anywhere).
    """

    def __init__(
        self,
        ctx: Context,
        response: Mapping[str, Any],
        *,
        topology: AccountTopology | None = None,
    ) -> None:
        """Wrap a DescribeModelPackageGroup response; use :meth:`load` instead."""
        self._ctx = ctx
        self._data = dict(response)
        self._topology = topology if topology is not None else ctx.clients.topology
        self._principals: builtins.list[PrincipalAssociation] | None = None

    @classmethod
    def load(
        cls,
        name_or_arn: str,
        *,
        session: SessionLike | None = None,
        region: str | None = None,
        retry: RetryPolicy | None = None,
        topology: AccountTopology | None = None,
    ) -> ModelPackageGroup:
        """Describe a model package group by name (own account) or ARN.

        Raises:
            NotFoundError: No such group, or it is not shared with this account.
        """
        if not isinstance(name_or_arn, str):
            raise ArgumentTypeError(
                f"name_or_arn must be a string, got {type(name_or_arn).__name__}"
            )
        match = _ids.MODEL_PACKAGE_GROUP_ARN.fullmatch(name_or_arn)
        if match is None and _ids.ENTITY_NAME.fullmatch(name_or_arn) is None:
            raise ConfigurationError(
                f"{name_or_arn!r} is neither a model package group name nor its ARN"
            )
        ctx = resolve_context(session, region=match["region"] if match else region, retry=retry)
        response = _describe(
            ctx, "describe_model_package_group", name_or_arn, ModelPackageGroupName=name_or_arn
        )
        return cls(ctx, response, topology=topology)

    @property
    def name(self) -> str:
        """The group name."""
        return str(self._data["ModelPackageGroupName"])

    @property
    def arn(self) -> str:
        """The group ARN."""
        return str(self._data["ModelPackageGroupArn"])

    @property
    def resource(self) -> ResourceRef:
        """The group as a shareable reference."""
        return MODEL_PACKAGE_GROUP.parse(self.arn)

    @property
    def owner_account_id(self) -> str:
        """The account that owns the group."""
        return self.resource.account_id

    @property
    def context(self) -> Context:
        """The account clients, region and retry policy of the group's calls."""
        return self._ctx

    def _require_live(self, operation: str) -> None:
        del operation  # a group object has no local deleted state

    def packages(self) -> builtins.list[ModelPackageSummary]:
        """Return the group's model versions, oldest first."""
        return [
            ModelPackageSummary.from_api(item)
            for item in self._ctx.pages(
                "sagemaker",
                "list_model_packages",
                items="ModelPackageSummaryList",
                cursor="NextToken",
                resource=self.arn,
                ModelPackageGroupName=self.arn,
                SortBy="CreationTime",
                SortOrder="Ascending",
            )
        ]

    def latest(self) -> ModelPackageSummary:
        """Return the newest model version of the group (one ListModelPackages call).

        Raises:
            NotFoundError: The group has no version.
        """
        response = self._ctx.call(
            "sagemaker",
            "list_model_packages",
            resource=self.arn,
            ModelPackageGroupName=self.arn,
            SortBy="CreationTime",
            SortOrder="Descending",
            MaxResults=1,
        )
        found = response.get("ModelPackageSummaryList", [])
        if not found:
            raise NotFoundError(
                f"model package group {self.name} has no model version",
                operation="ListModelPackages",
                resource=self.arn,
            )
        return ModelPackageSummary.from_api(found[0])

    def package(self, arn: str) -> ModelPackageSummary:
        """Describe one model version of the group by its ARN (DescribeModelPackage).

        Raises:
            ArgumentTypeError: ``arn`` is not a string.
            ConfigurationError: ``arn`` is not a versioned model package ARN of this group.
            NotFoundError: No such model version.
        """
        self._check_package_arn(arn)
        response = _describe(self._ctx, "describe_model_package", arn, ModelPackageName=arn)
        return ModelPackageSummary.from_api(response)

    def owns_package(self, arn: object) -> bool:
        """Whether ``arn`` is the ARN of a model version of this group (no call)."""
        if not isinstance(arn, str):
            return False
        match = _ids.MODEL_PACKAGE_ARN.fullmatch(arn)
        ref = self.resource
        return (
            match is not None
            and match["version"] is not None
            and (match["account"], match["region"], match["name"])
            == (ref.account_id, ref.region, ref.name)
        )

    def _check_package_arn(self, arn: object) -> str:
        if not isinstance(arn, str):
            raise ArgumentTypeError(f"a model package ARN must be a string, got {arn!r}")
        if not self.owns_package(arn):
            ref = self.resource
            raise ConfigurationError(
                f"{arn!r} is not the ARN of a model version of group {self.name} "
                f"(arn:{ref.partition}:sagemaker:{ref.region}:{ref.account_id}:"
                f"model-package/{ref.name}/<version>)"
            )
        return arn

    def approve(
        self, package: ModelPackageSummary | str | None = None, *, description: str | None = None
    ) -> ModelPackageSummary:
        """Set a model version's ``ModelApprovalStatus`` to Approved; idempotent.

        Args:
            package: The model version (a summary or its ARN); default: the newest.
            description: The ``ApprovalDescription`` to record with the approval.

        Returns:
            The model version as approved. No write when it was Approved already.

        Raises:
            NotFoundError: The group has no version (or no such version).
            ConfigurationError: ``package`` is not a model version of this group.
        """
        if package is None:
            current = self.latest()
        elif isinstance(package, ModelPackageSummary):
            current = self.package(package.arn)
        else:
            current = self.package(package)
        if current.approved:
            return current
        params: dict[str, Any] = {
            "ModelPackageArn": current.arn,
            "ModelApprovalStatus": APPROVED,
        }
        if description is not None:
            params["ApprovalDescription"] = _args.check_str("description", description)
        self._ctx.call("sagemaker", "update_model_package", resource=current.arn, **params)
        logger.info("approved model package %s", current.arn)
        return evolve(current, approval_status=APPROVED)

    def tags(self) -> dict[str, str]:
        """Return the group's tags."""
        return resource_tags(self._ctx, self.arn)

    def __repr__(self) -> str:
        return f"ModelPackageGroup(name={self.name!r}, owner={self.owner_account_id})"
