"""Field declarations: each content field states its rule right where it is defined."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any, TypeVar

from modelcard_share.content._composite import Node, Nodes, TextMap, Texts
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


def to_tuple(value: Iterable[Any] | None) -> Any:
    """Turn a list given to a constructor into a tuple (strings and None stay as they are)."""
    if value is None or type(value) is tuple or isinstance(value, (str, bytes, Mapping)):
        return value
    try:
        return tuple(value)
    except TypeError:
        return value


E = TypeVar("E", bound=Enum)


def as_enum(enum: type[E], value: object) -> Any:
    """Return the member of ``enum`` whose value is ``value``; anything else is kept as is."""
    if value is None or isinstance(value, enum):
        return value
    return enum._value2member_map_.get(value, value) if isinstance(value, str) else value
