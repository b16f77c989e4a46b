"""Parsing and validation of model card names, ARNs and RAM principals.

All checks run before any AWS call, so bad input fails fast with a
:class:`~modelcard_share.errors.ConfigurationError` that names the value.
"""

from __future__ import annotations

from typing import Literal

from attrs import frozen

from modelcard_share import _ids
from modelcard_share.errors import ArgumentTypeError, ConfigurationError

__all__ = [
    "CardRef",
    "Principal",
    "parse_card_ref",
    "parse_principal",
    "validate_card_name",
]

_MAX_NAME_OR_ARN = 256


def validate_card_name(name: object, *, argument: str = "name") -> str:
    """Return ``name`` if it is a valid model card name, else raise naming the argument.

    Raises:
        ArgumentTypeError: ``name`` is not a string.
        ConfigurationError: ``name`` is not 1-63 letters, digits and hyphens.
    """
    if not isinstance(name, str):
        raise ArgumentTypeError(
            f"{argument} must be a model card name (a string), got {type(name).__name__}"
        )
    if _ids.ENTITY_NAME.fullmatch(name) is None:
        raise ConfigurationError(
            f"invalid model card name {name!r}: use 1-63 letters, digits and hyphens, "
            "starting and ending with a letter or digit"
        )
    return name


@frozen
class CardRef:
    """A reference to a model card, by name (in the caller's account) or by ARN.

    Attributes:
        name: The card name.
        arn: The card ARN when the reference was an ARN, else ``None``.
        region: The region from the ARN, else ``None``.
        account_id: The owner account id from the ARN, else ``None``.
        partition: The partition from the ARN, else ``None``.
    """

    name: str
    arn: str | None = None
    region: str | None = None
    account_id: str | None = None
    partition: str | None = None

    @property
    def name_or_arn(self) -> str:
        """What to send as ``ModelCardName``: the ARN when there is one, else the name."""
        return self.arn or self.name


def parse_card_ref(name_or_arn: object) -> CardRef:
    """Parse a model card name or ARN, raising ConfigurationError when it is neither.

    Raises:
        ArgumentTypeError: ``name_or_arn`` is not a string.
        ConfigurationError: It is neither a valid name nor a model card ARN.
    """
    if not isinstance(name_or_arn, str):
        raise ArgumentTypeError(
            f"a model card name or ARN must be a string, got {type(name_or_arn).__name__}"
        )
    if not name_or_arn:
        raise ConfigurationError(f"a model card name or ARN is required, got {name_or_arn!r}")
    if len(name_or_arn) > _MAX_NAME_OR_ARN:
        raise ConfigurationError(
            f"model card name or ARN is {len(name_or_arn)} characters; at most 256 are allowed"
        )
    if name_or_arn.startswith("arn:"):
        match = _ids.CARD_ARN.fullmatch(name_or_arn)
        if not match:
            raise ConfigurationError(
                f"invalid model card ARN {name_or_arn!r}: expected "
                "arn:<partition>:sagemaker:<region>:<12-digit account>:model-card/<name>"
            )
        name = match["name"]
        if _ids.partition_of_region(match["region"]) is None:
            raise ConfigurationError(f"unknown region {match['region']!r} in ARN {name_or_arn!r}")
        return CardRef(
            name=name,
            arn=name_or_arn,
            region=match["region"],
            account_id=match["account"],
            partition=match["partition"],
        )
    return CardRef(name=validate_card_name(name_or_arn))


@frozen
class Principal:
    """A RAM principal: an account id, an organizational unit ARN or an organization ARN.

    Attributes:
        value: What RAM receives in ``principals``.
        kind: ``"account"``, ``"ou"`` or ``"organization"``.
        label: The topology name the principal was given as, if any.
    """

    value: str
    kind: Literal["account", "ou", "organization"]
    label: str | None = None

    def __str__(self) -> str:
        return f"{self.label} ({self.value})" if self.label else self.value


def parse_principal(
    principal: object, *, names: dict[str, str] | None = None, partition: str | None = None
) -> Principal:
    """Resolve an account id, OU ARN, organization ARN or topology account name.

    Args:
        principal: What the user passed.
        names: Topology account names mapped to account ids, for name lookup.
        partition: The card's partition; an OU or organization ARN must be in it.

    Raises:
        ConfigurationError: When the value is none of the accepted forms, or an ARN
            of another partition.
    """
    if not isinstance(principal, str):
        raise ArgumentTypeError(
            f"a principal must be a string (account id, name, OU or organization ARN), "
            f"got {type(principal).__name__} {principal!r}"
        )
    if not principal:
        raise ConfigurationError(f"a principal is required, got {principal!r}")
    if _ids.is_account_id(principal):
        return Principal(principal, "account")
    if principal.startswith("arn:"):
        theirs = principal.split(":")[1]
        if partition is not None and theirs != partition:
            raise ConfigurationError(
                f"principal {principal!r} is in partition {theirs!r}, but the card is in "
                f"{partition!r}: RAM shares only within one partition"
            )
        if _ids.ORGANIZATION_ARN.fullmatch(principal):
            return Principal(principal, "organization")
        if _ids.OU_ARN.fullmatch(principal):
            return Principal(principal, "ou")
        raise ConfigurationError(
            f"invalid principal ARN {principal!r}: expected an AWS Organizations "
            "organization or organizational unit ARN"
        )
    if names and principal in names:
        return Principal(names[principal], "account", label=principal)
    if principal.isascii() and principal.isdigit():
        raise ConfigurationError(
            f"invalid account id {principal!r}: an AWS account id has exactly 12 digits "
            f"(got {len(principal)})"
        )
    known = f"; known accounts: {', '.join(sorted(names))}" if names else ""
    raise ConfigurationError(
        f"unknown principal {principal!r}: give a 12-digit account id, an OU or "
        f"organization ARN, or the name of an account in the topology{known}"
    )
