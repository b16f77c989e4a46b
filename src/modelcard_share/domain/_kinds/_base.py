"""What the sharing engine needs to know about one kind of shareable resource."""

from __future__ import annotations

import re
from collections.abc import Mapping

from attrs import frozen

from modelcard_share.aws import Access
from modelcard_share.errors import ArgumentTypeError, ConfigurationError

__all__ = ["CustomerPermission", "ResourceRef", "ShareableKind"]

#: Tag that records a share's access level (value: an :class:`Access` value).
TAG_ACCESS = "modelcard-share:access"
#: Tag on shares that allow principals outside the organization (value ``"true"``).
TAG_EXTERNAL = "modelcard-share:external"


@frozen
class CustomerPermission:
    """A customer managed RAM permission this SDK creates once per account and region.

    Attributes:
        name: The permission name (1-36 characters of ``[A-Za-z0-9_.-]``).
        actions: The only actions it allows.
    """

    name: str
    actions: tuple[str, ...]


@frozen
class ResourceRef:
    """A parsed ARN of a shareable resource.

    Attributes:
        kind: What kind of resource it is.
        arn: The ARN.
        partition: Its partition (``aws``...).
        region: Its region.
        account_id: The owner account.
        name: The resource name.
    """

    kind: ShareableKind
    arn: str
    partition: str
    region: str
    account_id: str
    name: str


@frozen
class ShareableKind:
    """One kind of resource the SDK shares through AWS RAM.

    Attributes:
        label: What to call it in messages (``"model card"``).
        resource_type: The RAM resource type (``sagemaker:ModelCard``).
        arn_pattern: The ARN pattern (from ``modelcard_share._ids``) with ``partition``,
            ``region``, ``account`` and ``name`` groups.
        tag_key: The tag whose value is the resource ARN on this SDK's shares of it.
        share_prefix: Share names are ``<share_prefix>-<name>-<access>[-external]``.
        managed_permissions: The AWS managed RAM permission name for each access level
            that has one.
        customer_permissions: The customer managed permission for each access level that
            AWS has no managed permission for (created once per account and region).
        actions: The actions each access level allows a consumer (for IAM policies).
        policy_arns: Templates of the resource ARNs a consumer's IAM policy must name,
            formatted with the fields of a :class:`ResourceRef` (``{arn}/*`` covers a
            card's export jobs, ``...:model-package/{name}/*`` a group's versions).
        arn_template: The resource's ARN, formatted with ``partition``, ``region``,
            ``account_id`` and ``name`` (what :attr:`arn_pattern` matches).
    """

    label: str
    resource_type: str
    arn_pattern: re.Pattern[str]
    tag_key: str
    share_prefix: str
    managed_permissions: Mapping[Access, str]
    customer_permissions: Mapping[Access, CustomerPermission]
    actions: Mapping[Access, tuple[str, ...]]
    policy_arns: tuple[str, ...] = ("{arn}",)
    arn_template: str = ""

    @property
    def access_levels(self) -> tuple[Access, ...]:
        """The access levels this kind can be shared with, least first."""
        return tuple(a for a in Access if a in self.actions)

    def access(self, value: object) -> Access:
        """Return ``value`` as one of this kind's access levels, or raise naming it.

        Raises:
            ArgumentTypeError: ``value`` is not an :class:`Access` or a string.
            ConfigurationError: ``value`` is not an access level of this kind.
        """
        if not isinstance(value, (Access, str)):
            raise ArgumentTypeError(
                f"access must be an Access or one of its values, got {type(value).__name__}"
            )
        allowed = ", ".join(a.value for a in self.access_levels)
        try:
            level = Access(value)
        except ValueError:
            raise ConfigurationError(
                f"unknown access level {value!r}; use one of {allowed}"
            ) from None
        if level not in self.actions:
            raise ConfigurationError(
                f"a {self.label} cannot be shared with access {level.value!r}; use one of {allowed}"
            )
        return level

    def parse(self, arn: object) -> ResourceRef:
        """Parse an ARN of this kind.

        Raises:
            ArgumentTypeError: ``arn`` is not a string.
            ConfigurationError: ``arn`` is not an ARN of this kind.
        """
        if not isinstance(arn, str):
            raise ArgumentTypeError(f"a {self.label} ARN must be a string, got {arn!r}")
        match = self.arn_pattern.fullmatch(arn)
        if match is None:
            raise ConfigurationError(f"{arn!r} is not a {self.label} ARN")
        return ResourceRef(
            kind=self,
            arn=arn,
            partition=match["partition"],
            region=match["region"],
            account_id=match["account"],
            name=match["name"],
        )

    def format_arn(self, *, partition: str, region: str, account_id: str, name: str) -> str:
        """Return the ARN of the resource ``name`` of this kind (no check of the parts).

        The parts may be placeholders, such as CloudFormation's ``${AWS::Region}`` or an
        IAM wildcard ``*``, to build policy resources for every resource of the kind.
        """
        return self.arn_template.format(
            partition=partition, region=region, account_id=account_id, name=name
        )

    def share_name(self, name: str, access: Access, *, external: bool) -> str:
        """Return the name of this SDK's share of resource ``name`` at ``access``."""
        suffix = "-external" if external else ""
        return f"{self.share_prefix}-{name}-{access.value}{suffix}"

    def share_tags(self, arn: str, access: Access, *, external: bool) -> list[dict[str, str]]:
        """Return the RAM tags that identify this SDK's share of ``arn`` at ``access``."""
        tags = [{"key": self.tag_key, "value": arn}, {"key": TAG_ACCESS, "value": access.value}]
        if external:
            tags.append({"key": TAG_EXTERNAL, "value": "true"})
        return tags

    def managed_permission_arn(self, access: Access, partition: str) -> str | None:
        """Return the ARN of the AWS managed permission for ``access``, if there is one.

        AWS managed permission ARNs are fixed per partition:
        ``arn:<partition>:ram::aws:permission/<Name>``.
        """
        name = self.managed_permissions.get(access)
        return None if name is None else f"arn:{partition}:ram::aws:permission/{name}"

    def policy_resources(self, ref: ResourceRef) -> list[str]:
        """Return the resource ARNs a consumer's IAM policy must name for ``ref``."""
        fields = {
            "arn": ref.arn,
            "partition": ref.partition,
            "region": ref.region,
            "account_id": ref.account_id,
            "name": ref.name,
        }
        return [template.format(**fields) for template in self.policy_arns]
