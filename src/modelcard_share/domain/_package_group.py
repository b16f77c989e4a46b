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

from attrs import frozen

from modelcard_share import _ids
from modelcard_share.aws import AccountTopology, RetryPolicy, SessionLike
from modelcard_share.errors import ArgumentTypeError, ConfigurationError, NotFoundError

from ._context import Context, resolve_context
from ._kinds import MODEL_PACKAGE_GROUP, ResourceRef
from ._share import PrincipalAssociation
from ._sharing import Shareable

__all__ = ["ModelPackageGroup", "ModelPackageSummary"]

logger = logging.getLogger(__name__)


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
        response = ctx.call(
            "sagemaker",
            "describe_model_package_group",
            resource=name_or_arn,
            ModelPackageGroupName=name_or_arn,
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
        """Return the newest model version of the group.

        Raises:
            NotFoundError: The group has no version.
        """
        found = self.packages()
        if not found:
            raise NotFoundError(
                f"model package group {self.name} has no model version",
                operation="ListModelPackages",
                resource=self.arn,
            )
        return found[-1]

    def __repr__(self) -> str:
        return f"ModelPackageGroup(name={self.name!r}, owner={self.owner_account_id})"
