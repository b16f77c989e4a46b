"""Field declarations: each content field states its rule right where it is defined."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any

import attrs

from modelcard_share.content._composite import Node, Nodes, TextMap, Texts
from modelcard_share.content._node import freeze_map
from modelcard_share.content._rules import RULE, Choice, Number, Rule, Text


def text(
    max_len: int | None = None, *, min_len: int = 0, required: bool = False
) -> dict[str, Rule]:
    """Declare a string field of ``min_len``..``max_len`` characters."""
    return {RULE: Text(max_len=max_len, min_len=min_len, required=required)}


def name_text(max_len: int, *, min_len: int = 1, required: bool = True) -> dict[str, Rule]:
    """Declare a string field with a ``.{min,max}`` pattern, checked as a length range."""
    rule = Text(max_len=max_len, min_len=min_len, rule="pattern", required=required)
    return {RULE: rule}


def number(minimum: float | None = None, *, required: bool = False) -> dict[str, Rule]:
    """Declare a number field with an optional minimum."""
    return {RULE: Number(minimum=minimum, required=required)}


def choice(
    enum: type[Enum], *, listed: type[Enum] | None = None, required: bool = False
) -> dict[str, Rule]:
    """Declare an enumeration field."""
    return {RULE: Choice(enum, listed=listed, required=required)}


def texts(item_max: int, *, max_items: int | None = None) -> dict[str, Rule]:
    """Declare an array-of-strings field."""
    return {RULE: Texts(item_max=item_max, max_items=max_items)}


def text_map(value_max: int) -> dict[str, Rule]:
    """Declare an object-of-strings field."""
    return {RULE: TextMap(value_max=value_max)}


def node(cls: type[Any], *, required: bool = False) -> dict[str, Rule]:
    """Declare a nested-object field."""
    return {RULE: Node(cls, required=required)}


def nodes(
    *classes: type[Any], min_items: int = 0, max_items: int | None = None, required: bool = False
) -> dict[str, Rule]:
    """Declare an array-of-objects field."""
    return {RULE: Nodes(*classes, min_items=min_items, max_items=max_items, required=required)}


def rule_of(rule: Rule) -> dict[str, Rule]:
    """Declare a field with a rule object built by the caller."""
    return {RULE: rule}


# ------------------------------------------------------------------- converters
# Converters turn what a constructor accepts into the typed value; anything they do not
# recognise is kept as it is, and validation reports it with its path.


def to_tuple(value: list[Any] | tuple[Any, ...] | None) -> Any:
    """Turn a list given to a constructor into a tuple (JSON arrays are lists or tuples)."""
    return tuple(value) if type(value) is list else value


def to_rows(value: list[Any] | tuple[Any, ...] | None) -> Any:
    """Turn a list of lists given to a constructor into a tuple of tuples."""
    value = to_tuple(value)
    return tuple(map(to_tuple, value)) if type(value) is tuple else value


def to_map(value: Mapping[str, str] | None) -> Any:
    """Turn a mapping given to a constructor into a read-only copy (``None`` stays)."""
    return None if value is None else freeze_map(value)


def _to_member(value: Any, field: attrs.Attribute[Any]) -> Any:
    enum: type[Enum] = field.metadata[RULE].enum
    if isinstance(value, str) and not isinstance(value, enum):
        return enum._value2member_map_.get(value, value)
    return value


if TYPE_CHECKING:
    # mypy's attrs plugin reads a converter's argument type from a named function only.
    def to_member(value: Enum | str | None) -> Any:
        """Turn an enumeration field's AWS string into its member."""
else:
    to_member = attrs.Converter(_to_member, takes_field=True)
    """Turn an enumeration field's AWS string into its member (the enum is the field's rule's)."""
