"""The base of every content class: unknown keys, key order, validation on construction."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from types import MappingProxyType
from typing import Any

from attrs import define, field

from modelcard_share.content._checks import Problems
from modelcard_share.content._composite import rule_table, validate_node
from modelcard_share.content._rules import Const
from modelcard_share.errors import ContentProblem, ContentValidationError

EMPTY: Mapping[str, Any] = MappingProxyType({})


def freeze_map(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """Return a read-only copy of a mapping given to a constructor."""
    if value is None or value is EMPTY:
        return EMPTY
    if type(value) is MappingProxyType:
        return value
    return MappingProxyType(dict(value))


@define(frozen=True, kw_only=True, repr=False, slots=False)
class ContentObject:
    """Behaviour shared by every part of model card content.

    Attributes:
        extra: Keys this SDK does not model, with their JSON values, written back
            unchanged and in their original position. Treat the values as read-only.
    """

    extra: Mapping[str, Any] = field(default=EMPTY, converter=freeze_map, hash=False)
    _key_order: tuple[str, ...] | None = field(
        default=None, eq=False, repr=False, alias="_key_order"
    )

    def __attrs_post_init__(self) -> None:
        problems: Problems = []
        validate_node(self, "", problems)
        if problems:
            raise ContentValidationError(problems)

    def validate(self) -> tuple[ContentProblem, ...]:
        """Check this object and everything in it against the schema.

        Returns:
            Every problem found, with JSON paths relative to this object; empty if valid.
        """
        problems: Problems = []
        validate_node(self, "", problems)
        return tuple(problems)

    def _more_checks(self, prefix: str, out: Problems) -> None:
        """Append problems that involve more than one field (overridden where needed)."""

    def __repr__(self) -> str:
        parts = []
        for name, rule in rule_table(type(self)):
            value = getattr(self, name)
            if value is None or isinstance(rule, Const):
                continue
            if isinstance(value, MappingProxyType):
                value = dict(value)
            text = (
                f"{type(value).__name__}.{value.name}" if isinstance(value, Enum) else repr(value)
            )
            parts.append(f"{name}={text}")
        if self.extra:
            parts.append(f"extra={dict(self.extra)!r}")
        return f"{type(self).__name__}({', '.join(parts)})"
