"""Rules for arrays, string maps and nested objects, and the one validation walk."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, cast

import attrs

from modelcard_share.content._checks import (
    SEQ_TYPES,
    Problems,
    all_numbers,
    all_strings,
    is_number,
    is_object,
    items_problem,
    join,
    segment,
    type_problem,
)
from modelcard_share.content._json import copy_json
from modelcard_share.content._rules import RULE, Rule, Text
from modelcard_share.errors import ContentProblem


class Array(Rule):
    """An array (a tuple once typed) with an item-count range; subclasses check the items."""

    __slots__ = ("max_items", "min_items")

    def __init__(
        self, *, min_items: int = 0, max_items: int | None = None, required: bool = False
    ) -> None:
        super().__init__(required=required)
        self.min_items = min_items
        self.max_items = max_items

    def check_array(self, value: Any, path: str, out: Problems) -> bool:
        """Report a value that is not a tuple, or has too few or too many items.

        Returns:
            Whether the value is a tuple, so that its items can be checked.
        """
        if type(value) is not tuple:
            out.append(type_problem(path, self.what, value))
            return False
        n = len(value)
        if n < self.min_items or (self.max_items is not None and n > self.max_items):
            out.append(items_problem(path, n, self.min_items, self.max_items))  # type: ignore[arg-type]
        return True


class Texts(Array):
    """An array of strings, each with a length limit, with an item-count range."""

    __slots__ = ("item",)
    what = "an array of strings"

    def __init__(
        self,
        *,
        item_max: int,
        max_items: int | None = None,
        min_items: int = 0,
        required: bool = False,
    ) -> None:
        super().__init__(min_items=min_items, max_items=max_items, required=required)
        self.item = Text(max_len=item_max)

    def fits(self, raw: object) -> bool:
        return type(raw) in SEQ_TYPES and all_strings(raw)  # type: ignore[arg-type]

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        if not self.check_array(value, join(prefix, key), out):
            return
        item = self.item
        limit = item.max_len or 0
        for i, x in enumerate(value):
            if type(x) is not str or len(x) > limit:
                item.check(x, join(prefix, key), f"[{i}]", out)

    def misfit(self, raw: object, prefix: str, key: str, out: Problems) -> None:
        _misfit_items(raw, join(prefix, key), self.what, lambda x: type(x) is str, "a string", out)


class TextMap(Rule):
    """An object whose values are strings of at most ``value_max`` characters."""

    __slots__ = ("item",)
    what = "an object of strings"

    def __init__(self, *, value_max: int) -> None:
        super().__init__()
        self.item = Text(max_len=value_max)

    def fits(self, raw: object) -> bool:
        return is_object(raw) and all_strings(raw.values())  # type: ignore[attr-defined]

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        if not isinstance(value, Mapping):
            out.append(type_problem(join(prefix, key), self.what, value))
            return
        limit = self.item.max_len or 0
        path = join(prefix, key)
        for k, v in value.items():
            if type(k) is not str:
                out.append(type_problem(join(path, segment(k)), "a string key", k))
            elif type(v) is not str or len(v) > limit:
                self.item.check(v, path, segment(k), out)

    def misfit(self, raw: object, prefix: str, key: str, out: Problems) -> None:
        path = join(prefix, key)
        if not is_object(raw):
            out.append(type_problem(path, self.what, raw))
            return
        for k, v in raw.items():  # type: ignore[attr-defined]
            if type(v) is not str:
                out.append(type_problem(join(path, segment(k)), "a string", v))


class Node(Rule):
    """A nested content object of class ``cls``."""

    __slots__ = ("cls",)
    what = "an object"

    def __init__(self, cls: type[Any], *, required: bool = False) -> None:
        super().__init__(required=required)
        self.cls = cls

    def fits(self, raw: object) -> bool:
        return is_object(raw)

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        if not isinstance(value, self.cls):
            out.append(type_problem(join(prefix, key), f"a {self.cls.__name__}", value))
        else:
            validate_node(value, join(prefix, key), out)


class Nodes(Array):
    """An array of nested content objects, each an instance of one of ``classes``."""

    __slots__ = ("classes",)
    what = "an array of objects"

    def __init__(
        self,
        *classes: type[Any],
        max_items: int | None = None,
        min_items: int = 0,
        required: bool = False,
    ) -> None:
        super().__init__(min_items=min_items, max_items=max_items, required=required)
        self.classes = classes

    def fits(self, raw: object) -> bool:
        return type(raw) in SEQ_TYPES and all(is_object(x) for x in raw)  # type: ignore[attr-defined]

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        path = join(prefix, key)
        if not self.check_array(value, path, out):
            return
        classes = self.classes
        for i, x in enumerate(value):
            if isinstance(x, classes):
                validate_node(x, f"{path}[{i}]", out)
            else:
                names = " or ".join(c.__name__ for c in classes)
                out.append(type_problem(f"{path}[{i}]", f"a {names}", x))

    def misfit(self, raw: object, prefix: str, key: str, out: Problems) -> None:
        _misfit_items(raw, join(prefix, key), self.what, is_object, "an object", out)


class Numbers(Array):
    """An array of numbers with an item-count range (bar chart values, matrix rows)."""

    __slots__ = ()
    what = "an array of numbers"

    def fits(self, raw: object) -> bool:
        return type(raw) in SEQ_TYPES and all_numbers(raw)  # type: ignore[arg-type]

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        path = join(prefix, key)
        if not self.check_array(value, path, out):
            return
        for i, x in enumerate(value):
            if not is_number(x):
                out.append(type_problem(f"{path}[{i}]", "a finite number", x))

    def misfit(self, raw: object, prefix: str, key: str, out: Problems) -> None:
        _misfit_items(raw, join(prefix, key), self.what, is_number, "a number", out)


class NumberRows(Array):
    """An array of arrays of numbers (linear graph points, matrix rows)."""

    __slots__ = ("row",)
    what = "an array of arrays of numbers"

    def __init__(self, *, row: Numbers, min_items: int = 1, max_items: int | None = None) -> None:
        super().__init__(min_items=min_items, max_items=max_items, required=True)
        self.row = row

    def fits(self, raw: object) -> bool:
        if type(raw) not in SEQ_TYPES:
            return False
        return all(type(r) in SEQ_TYPES and all_numbers(r) for r in raw)  # type: ignore[attr-defined]

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        path = join(prefix, key)
        if not self.check_array(value, path, out):
            return
        row = self.row
        low, high = row.min_items, row.max_items
        for i, r in enumerate(value):
            if (
                type(r) is not tuple
                or not low <= len(r) <= (high or len(r))
                or not all(is_number(x) for x in r)
            ):
                row.check(r, path, f"[{i}]", out)

    def misfit(self, raw: object, prefix: str, key: str, out: Problems) -> None:
        path = join(prefix, key)
        if type(raw) not in SEQ_TYPES:
            out.append(type_problem(path, self.what, raw))
            return
        for i, r in enumerate(cast("list[Any]", raw)):
            if not self.row.fits(r):
                self.row.misfit(r, path, f"[{i}]", out)


def _misfit_items(  # noqa: PLR0917
    raw: object,
    path: str,
    what: str,
    ok: Callable[[object], bool],
    item_what: str,
    out: Problems,
) -> None:
    if type(raw) not in SEQ_TYPES:
        out.append(type_problem(path, what, raw))
        return
    for i, x in enumerate(cast("list[Any]", raw)):
        if not ok(x):
            out.append(type_problem(f"{path}[{i}]", item_what, x))


# ------------------------------------------------------------------- the walk

_TABLES: dict[type, tuple[tuple[str, Rule], ...]] = {}
_Entry = tuple[str, Rule, int, int]
_WALKS: dict[type, tuple[tuple[_Entry, ...], Callable[..., None] | None]] = {}
_UNLIMITED = 1 << 62


def rule_table(cls: type[Any]) -> tuple[tuple[str, Rule], ...]:
    """Return ``(name, rule)`` for every content field of a class, in declaration order."""
    table = _TABLES.get(cls)
    if table is None:
        table = tuple((f.name, f.metadata[RULE]) for f in attrs.fields(cls) if RULE in f.metadata)
        _TABLES[cls] = table
    return table


def _walk_plan(cls: type[Any]) -> tuple[tuple[_Entry, ...], Callable[..., None] | None]:
    """Return the precomputed validation plan of a class (string bounds inlined)."""
    plan = _WALKS.get(cls)
    if plan is None:
        entries: list[_Entry] = []
        for name, rule in rule_table(cls):
            if isinstance(rule, Text):
                entries.append((name, rule, rule.min_len, rule.max_len or _UNLIMITED))
            else:
                entries.append((name, rule, -1, -1))
        # The base class defines a no-op _more_checks; only call real overrides.
        definers = [c for c in cls.__mro__ if "_more_checks" in c.__dict__]
        plan = (tuple(entries), cls._more_checks if len(definers) > 1 else None)
        _WALKS[cls] = plan
    return plan


def _shadowed(rule: Rule, raw: object, prefix: str, name: str, out: Problems) -> None:
    """Report a value kept in ``extra`` under the name of an unset field."""
    if not rule.fits(raw):
        rule.misfit(raw, prefix, name, out)  # what lenient parsing puts there
        return
    msg = f"{name} is a field; set it as a field instead of in extra"
    out.append(ContentProblem(join(prefix, name), "extraKey", msg))


def validate_node(node: Any, prefix: str, out: Problems) -> None:
    """Append every problem of a content object and everything inside it to ``out``."""
    entries, more = _walk_plan(type(node))
    values = node.__dict__
    extra = values["extra"]
    if type(extra) is not MappingProxyType:  # a constructor was given something else
        out.append(type_problem(join(prefix, "extra"), "an object", extra))
        extra = None
    elif extra:
        copy_json(extra, prefix, out)  # only reports: values must be JSON
    for name, rule, low, high in entries:
        value = values[name]
        if value is None:
            if extra and name in extra:
                _shadowed(rule, extra[name], prefix, name, out)
            elif rule.required:
                msg = f"{name} is required"
                out.append(ContentProblem(join(prefix, name), "required", msg))
            continue
        if type(value) is not str or not low <= len(value) <= high:
            rule.check(value, prefix, name, out)
        if extra and name in extra:
            msg = f"{name} is set both as a field and in extra; remove it from extra"
            out.append(ContentProblem(join(prefix, name), "duplicateKey", msg))
    if more is not None:
        more(node, prefix, out)
