"""ResourceShare: one AWS RAM resource share and its associations."""

from __future__ import annotations

import builtins
import datetime as dt
import enum
import logging
from collections.abc import Iterator, Mapping
from typing import Any

from attrs import evolve, frozen

from modelcard_share.aws import Access, RetryHook, new_client_token
from modelcard_share.errors import (
    AssociationFailedError,
    AwsError,
    NotFoundError,
)

from . import _args
from ._context import Context
from ._display import safe_html, share_html, shares_html
from ._kinds import KINDS, ShareableKind
from ._kinds._base import TAG_ACCESS, TAG_EXTERNAL

__all__ = [
    "AccessChange",
    "AssociationStatus",
    "Grant",
    "LeaveResult",
    "PrincipalAssociation",
    "ResourceShare",
    "ResourceShares",
    "ShareStatus",
]

logger = logging.getLogger(__name__)


class ShareStatus(str, enum.Enum):
    """The status of a resource share (RAM ``ResourceShareStatus``)."""

    PENDING = "PENDING"
    ACTIVE = "ACTIVE"
    FAILED = "FAILED"
    DELETING = "DELETING"
    DELETED = "DELETED"


class AssociationStatus(str, enum.Enum):
    """The status of an association with a share (RAM ``ResourceShareAssociationStatus``)."""

    ASSOCIATING = "ASSOCIATING"
    ASSOCIATED = "ASSOCIATED"
    FAILED = "FAILED"
    DISASSOCIATING = "DISASSOCIATING"
    DISASSOCIATED = "DISASSOCIATED"
    SUSPENDED = "SUSPENDED"
    SUSPENDING = "SUSPENDING"
    RESTORING = "RESTORING"

    @property
    def is_live(self) -> bool:
        """Whether the association grants, or is about to grant, access."""
        return self in (AssociationStatus.ASSOCIATED, AssociationStatus.ASSOCIATING)


_LIVE_SHARE = (ShareStatus.PENDING, ShareStatus.ACTIVE)


@frozen
class PrincipalAssociation:
    """A principal (or resource) associated with a resource share.

    Attributes:
        entity: The account id, OU / organization ARN, or resource ARN.
        share_arn: The resource share.
        share_name: The resource share's name.
        access: The share's access level, when it is one of this project's shares.
        status: The association status.
        external: Whether the principal is outside the owner's organization
            (such principals must accept an invitation).
        status_message: RAM's explanation of the status, if any.
        updated_time: When the association last changed.
    """

    entity: str
    share_arn: str
    share_name: str | None
    access: Access | None
    status: AssociationStatus
    external: bool | None = None
    status_message: str | None = None
    updated_time: dt.datetime | None = None

    @classmethod
    def from_api(
        cls, item: Mapping[str, Any], access: Access | None = None
    ) -> PrincipalAssociation:
        """Build from a RAM ``ResourceShareAssociation``."""
        return cls(
            entity=item["associatedEntity"],
            share_arn=item["resourceShareArn"],
            share_name=item.get("resourceShareName"),
            access=access,
            status=AssociationStatus(item["status"]),
            external=item.get("external"),
            status_message=item.get("statusMessage"),
            updated_time=item.get("lastUpdatedTime"),
        )

    def failure(self) -> AssociationFailedError:
        """The error that says this (FAILED) association failed, with RAM's reason."""
        return AssociationFailedError(
            f"sharing {self.share_name or self.share_arn} with {self.entity} failed: "
            f"{self.status_message or 'no reason given'}",
            share_arn=self.share_arn,
            entity=self.entity,
            reason=self.status_message,
        )

    def evolve_share(self, share: ResourceShare) -> PrincipalAssociation:
        """Return this association as if it were with ``share`` (after a reconcile)."""
        return evolve(self, share_arn=share.arn, share_name=share.name)

    @property
    def awaits_invitation(self) -> bool:
        """Whether the principal must accept an invitation before it is associated."""
        return self.status is AssociationStatus.ASSOCIATING and bool(self.external)


@frozen
class Grant:
    """A grant a share now gives: a principal, at an access level, through a share.

    Attributes:
        principal: The account id, OU or organization ARN.
        access: Its access level.
        share_arn: The share that grants it.
        share_name: That share's name.
    """

    principal: str
    access: Access
    share_arn: str
    share_name: str | None = None


@frozen
class AccessChange:
    """A grant that :meth:`ModelCard.share_with` removed so that one access level remains.

    Attributes:
        principal: The account id, OU or organization ARN that lost the grant.
        removed: The access level it no longer has through this SDK's shares.
        share_arn: The share it was removed from.
        share_name: That share's name.
    """

    principal: str
    removed: Access | None
    share_arn: str
    share_name: str | None = None


@frozen
class LeaveResult:
    """What happened when a consumer asked to leave a share.

    Attributes:
        left: Whether this account is no longer a principal of the share.
        share_arn: The resource share.
        message: What happened and, when AWS refused, what to do instead.
    """

    left: bool
    share_arn: str
    message: str


def _access_of(tags: Mapping[str, str]) -> Access | None:
    try:
        return Access(tags[TAG_ACCESS])
    except (KeyError, ValueError):
        return None


class ResourceShare:
    """An AWS RAM resource share, seen from its owner's or a consumer's account."""

    def __init__(self, ctx: Context, data: Mapping[str, Any]) -> None:
        """Wrap a RAM ``ResourceShare``; get shares from :class:`ModelCard` instead."""
        self._ctx = ctx
        self._apply(data)

    _principals: list[PrincipalAssociation] | None = None

    #: The grants that the ``share_with`` call which returned this share removed from the
    #: principal's other shares of the same resource (an access level that is not the one
    #: asked for). Empty for shares obtained any other way.
    moved: tuple[AccessChange, ...] = ()

    def _apply(self, data: Mapping[str, Any]) -> None:
        self._data = dict(data)
        self._tags = {t["key"]: t.get("value", "") for t in data.get("tags") or ()}

    @property
    def arn(self) -> str:
        """The resource share ARN."""
        return str(self._data["resourceShareArn"])

    @property
    def name(self) -> str:
        """The resource share name."""
        return str(self._data["name"])

    @property
    def status(self) -> ShareStatus:
        """The share status as last read."""
        return ShareStatus(self._data["status"])

    @property
    def status_message(self) -> str | None:
        """RAM's explanation of the status (useful when FAILED)."""
        return self._data.get("statusMessage")

    @property
    def owner_account_id(self) -> str:
        """The account that owns the share."""
        return str(self._data["owningAccountId"])

    @property
    def allow_external_principals(self) -> bool:
        """Whether principals outside the organization may be added."""
        return bool(self._data.get("allowExternalPrincipals"))

    @property
    def tags(self) -> Mapping[str, str]:
        """The share's tags."""
        return dict(self._tags)

    @property
    def access(self) -> Access | None:
        """The access level, for shares made by this SDK."""
        return _access_of(self._tags)

    @property
    def kind(self) -> ShareableKind | None:
        """The kind of resource this SDK's share was made for (from its tags)."""
        return next((k for k in KINDS if k.tag_key in self._tags), None)

    @property
    def resource_arn(self) -> str | None:
        """The resource (model card, model package group) this SDK's share was made for."""
        kind = self.kind
        return None if kind is None else self._tags.get(kind.tag_key)

    @property
    def external(self) -> bool:
        """Whether the share may hold principals outside the organization."""
        return self._tags.get(TAG_EXTERNAL) == "true" or self.allow_external_principals

    @property
    def creation_time(self) -> dt.datetime | None:
        """When the share was created."""
        return self._data.get("creationTime")

    def __repr__(self) -> str:
        access = self.access.value if self.access else "?"
        return f"ResourceShare(name={self.name!r}, status={self.status.value}, access={access})"

    def _repr_html_(self) -> str:
        """Render a compact summary in a notebook (principals as last listed); never raises."""
        return safe_html(lambda: share_html(self, self._principals), self)

    # ------------------------------------------------------------------ reads

    def refresh(self) -> ResourceShare:
        """Read the share again and return ``self``."""
        owner = "SELF" if self._ctx.account_id == self.owner_account_id else "OTHER-ACCOUNTS"
        found = list(
            self._ctx.pages(
                "ram",
                "get_resource_shares",
                items="resourceShares",
                resource=self.arn,
                resourceOwner=owner,
                resourceShareArns=[self.arn],
            )
        )
        if not found:
            raise NotFoundError(
                f"resource share {self.name} no longer exists",
                code="UnknownResource",
                operation="GetResourceShares",
                resource=self.arn,
            )
        self._apply(found[0])
        return self

    def _associations(self, kind: str, entity: str | None = None) -> Iterator[Mapping[str, Any]]:
        params: dict[str, Any] = {"associationType": kind, "resourceShareArns": [self.arn]}
        if entity is not None:
            params["principal" if kind == "PRINCIPAL" else "resourceArn"] = entity
        yield from self._ctx.pages(
            "ram",
            "get_resource_share_associations",
            items="resourceShareAssociations",
            resource=self.arn,
            **params,
        )

    def principals(self) -> list[PrincipalAssociation]:
        """Return the share's principals with their association status."""
        self._principals = [
            PrincipalAssociation.from_api(item, self.access)
            for item in self._associations("PRINCIPAL")
        ]
        return self._principals

    def principal(self, entity: str) -> PrincipalAssociation | None:
        """Return one principal's association, or ``None`` when it was never associated."""
        items = [
            PrincipalAssociation.from_api(item, self.access)
            for item in self._associations("PRINCIPAL", entity)
        ]
        live = [a for a in items if a.status.is_live]
        chosen = live or items
        return chosen[0] if chosen else None

    def resources(self) -> list[PrincipalAssociation]:
        """Return the share's resources with their association status."""
        return [
            PrincipalAssociation.from_api(item, self.access)
            for item in self._associations("RESOURCE")
        ]

    def permission_arns(self) -> list[str]:
        """Return the ARNs of the RAM permissions attached to the share."""
        return [
            str(p["arn"])
            for p in self._ctx.pages(
                "ram",
                "list_resource_share_permissions",
                items="permissions",
                resource=self.arn,
                resourceShareArn=self.arn,
            )
        ]

    # ------------------------------------------------------------------ waits

    def wait_until_associated(
        self,
        principal: str | None = None,
        *,
        timeout: float = 300.0,
        progress: RetryHook | None = None,
    ) -> ResourceShare:
        """Wait until the principal (or every principal) is ASSOCIATED; return ``self``.

        Principals that must accept an invitation are not waited for when no
        ``principal`` is named: only the consumer can finish those.

        Raises:
            AssociationFailedError: RAM reports the association as FAILED.
            WaitTimeoutError: Not associated within ``timeout`` seconds.
            ConfigurationError: ``timeout`` is negative (checked before any call).
        """
        seconds = _args.check_timeout(timeout)
        _args.check_optional_str("principal", principal)
        _args.check_hook(progress)

        def done() -> bool | None:
            assocs = [self.principal(principal)] if principal else self.principals()
            for assoc in assocs:
                if assoc is None:
                    return None
                if assoc.status is AssociationStatus.FAILED:
                    raise assoc.failure()
                if assoc.status is not AssociationStatus.ASSOCIATED and not (
                    principal is None and assoc.awaits_invitation
                ):
                    return None
            return True

        self._ctx.wait_for(
            done,
            what=f"principals of {self.name} to be associated",
            timeout=seconds,
            progress=progress,
        )
        return self

    # ------------------------------------------------------------------ changes

    def delete(self, *, timeout: float = 300.0) -> None:
        """Delete the share; an already deleted share counts as deleted.

        Waits out principals that are still ASSOCIATING first, because RAM
        refuses to delete a share in that state.

        Raises:
            ConfigurationError: ``timeout`` is negative (checked before any call).
        """
        seconds = _args.check_timeout(timeout)

        def settled() -> bool | None:
            try:
                pending = [a for a in self.principals() if a.status in _TRANSIENT]
            except NotFoundError:
                return True
            return None if pending else True

        self._ctx.wait_for(settled, what=f"associations of {self.name} to settle", timeout=seconds)
        token = new_client_token()

        def attempt() -> bool | None:
            try:
                self._ctx.call(
                    "ram",
                    "delete_resource_share",
                    resource=self.arn,
                    resourceShareArn=self.arn,
                    clientToken=token,
                )
            except NotFoundError:
                pass
            except AwsError as err:
                if err.code != "InvalidStateTransitionException":
                    raise
                return None
            return True

        self._ctx.wait_for(attempt, what=f"deletion of {self.name}", timeout=seconds)
        logger.info("deleted resource share %s", self.name)

    def leave(self) -> LeaveResult:
        """Remove the calling (consumer) account from the share.

        AWS may refuse this for model cards, and always refuses it when access
        comes through the organization; the result then says to ask the owner.
        """
        me = self._ctx.account_id
        try:
            self._ctx.call(
                "ram",
                "disassociate_resource_share",
                resource=self.arn,
                resourceShareArn=self.arn,
                principals=[me],
                clientToken=new_client_token(),
            )
        except AwsError as err:
            if err.code not in _REFUSED_LEAVE:
                raise
            return LeaveResult(
                left=False,
                share_arn=self.arn,
                message=(
                    f"AWS did not let account {me} leave share {self.name} ({err.code}); "
                    f"ask the owner, account {self.owner_account_id}, to remove you"
                ),
            )
        return LeaveResult(left=True, share_arn=self.arn, message=f"account {me} left {self.name}")


_TRANSIENT = (AssociationStatus.ASSOCIATING, AssociationStatus.DISASSOCIATING)
_REFUSED_LEAVE = frozenset(
    {"OperationNotPermittedException", "AccessDeniedException", "InvalidParameterException"}
)


class ResourceShares(builtins.list[ResourceShare]):
    """The result of ``shares()``: a list of shares that renders as a table in notebooks."""

    def _repr_html_(self) -> str:
        """Render the shares as an HTML table; never raises."""
        return safe_html(lambda: shares_html(self), self)
