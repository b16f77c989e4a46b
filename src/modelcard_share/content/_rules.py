"""Constraint declarations for content fields, and the one validation walk.

Each field of a content class carries its rule in ``metadata[RULE]`` (see the
helpers at the bottom, used right next to each field). A rule knows three things:

* ``fits(raw)``: whether a JSON value has the right *type* for the typed field
  (used by the converter; a value that does not fit is kept verbatim in ``extra``);
* ``check(value, ...)``: every constraint of a typed value (type, length, items, ...);
* ``misfit(raw, ...)``: why a raw JSON value kept in ``extra`` does not fit.

Nominal contract (where the published schema's quirks differ, see model-card-content.md):

* ``maxContains``/``minContains`` and ``maxItems`` placed inside ``items`` are enforced as
  ``maxItems``/``minItems`` of the array (15 artifacts/images/datasets, 50 metrics,
  100 hyper-parameters, source_algorithms exactly 1, inference containers 1..15).
* Unanchored patterns ``.{1,63}``/``.{1,255}``/``.{0,255}`` are enforced as a length range
  (rule ``pattern``); newlines are allowed.
* ``objective_function`` follows its real (SDK v2 / CloudFormation) shape.
* ``problem_type`` is limited to 1024 characters (CloudFormation), like its siblings.
* A simple metric's value must match its declared ``type``.
* Non-finite floats (NaN, Infinity) are not JSON numbers and are rejected (rule ``type``).
* Matrix rows need not have equal lengths, and axis names need not match the value's shape
  (the schema does not ask for either).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import Any, cast

import attrs

from modelcard_share.errors import ContentProblem

RULE = "modelcard_share.content.rule"
"""The ``attrs`` metadata key under which a field's rule is stored."""

Problems = list[ContentProblem]

_NUMBER_TYPES = (int, float)
_SEQ_TYPES = (list, tuple)


# ------------------------------------------------------------------------- helpers


def join(prefix: str, key: str) -> str:
    """Return the JSON path of ``key`` (a field name or a ``[...]`` segment) under ``prefix``."""
    if key[:1] == "[":
        return prefix + key
    return f"{prefix}.{key}" if prefix else key


def segment(key: str) -> str:
    """Return the path segment for an arbitrary object key (quoted unless an identifier)."""
    return key if key.isidentifier() else f"[{json.dumps(key, ensure_ascii=False)}]"


def short(value: object) -> str:
    """Return a short printable form of a value for messages."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def json_type(value: object) -> str:  # noqa: PLR0911
    """Return the JSON type name of a Python value (``null``, ``string``, ...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, _NUMBER_TYPES):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, _SEQ_TYPES):
        return "array"
    return type(value).__name__


def is_number(value: object) -> bool:
    """Return whether a value is a finite JSON number (booleans are not numbers)."""
    kind = type(value)
    if kind is int:
        return True
    return kind is float and math.isfinite(value)  # type: ignore[arg-type]


_STR_ONLY = frozenset({str})
_NUMBER_KINDS = frozenset({int, float})


def all_strings(values: Iterable[object]) -> bool:
    """Return whether every item is a string."""
    return set(map(type, values)) <= _STR_ONLY


def all_numbers(values: Iterable[object]) -> bool:
    """Return whether every item is a finite JSON number (no booleans)."""
    kinds = set(map(type, values))
    if not kinds <= _NUMBER_KINDS:
        return False
    return float not in kinds or all(math.isfinite(x) for x in values if type(x) is float)


def is_object(value: object) -> bool:
    """Return whether a value is a JSON object (a mapping)."""
    return type(value) is dict or isinstance(value, Mapping)


def _type_problem(path: str, what: str, value: object) -> ContentProblem:
    name = path.rsplit(".", 1)[-1] or "document"
    return ContentProblem(
        path, "type", f"{name} must be {what}, got {json_type(value)} {short(value)}"
    )


def _items_problem(path: str, n: int, low: int, high: int | None) -> ContentProblem | None:
    name = path.rsplit(".", 1)[-1]
    if n < low:
        noun = "item" if low == 1 else "items"
        return ContentProblem(
            path, "minItems", f"{name} has {n} items; at least {low} {noun} needed"
        )
    if high is not None and n > high:
        return ContentProblem(path, "maxItems", f"{name} has {n} items; at most {high} allowed")
    return None


# --------------------------------------------------------------------------- rules


class Rule:
    """The constraints of one field; subclasses implement one JSON shape."""

    __slots__ = ("required",)
    what = "a value"

    def __init__(self, *, required: bool = False) -> None:
        self.required = required

    def fits(self, raw: object) -> bool:
        """Return whether a JSON value has the type of the typed field."""
        raise NotImplementedError

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        """Append every problem of a typed value to ``out``."""
        raise NotImplementedError

    def misfit(self, raw: object, prefix: str, key: str, out: Problems) -> None:
        """Append why a raw value (kept in ``extra``) does not fit the field."""
        out.append(_type_problem(join(prefix, key), self.what, raw))


class Text(Rule):
    """A string with a length range; ``rule`` names the schema keyword for the range."""

    __slots__ = ("max_len", "min_len", "rule")
    what = "a string"

    def __init__(
        self,
        *,
        max_len: int | None = None,
        min_len: int = 0,
        rule: str = "maxLength",
        required: bool = False,
    ) -> None:
        super().__init__(required=required)
        self.max_len = max_len
        self.min_len = min_len
        self.rule = rule

    def fits(self, raw: object) -> bool:
        return type(raw) is str

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        if type(value) is not str:
            out.append(_type_problem(join(prefix, key), self.what, value))
            return
        n = len(value)
        if n < self.min_len or (self.max_len is not None and n > self.max_len):
            out.append(self.length_problem(join(prefix, key), value))

    def length_problem(self, path: str, value: str) -> ContentProblem:
        """Return the problem for a string whose length is out of range."""
        n = len(value)
        name = path.rsplit(".", 1)[-1]
        if self.rule == "pattern":
            bounds = f"{self.min_len} to {self.max_len} characters"
            msg = f"{name} must be {bounds}, got {n}: {short(value)}"
            return ContentProblem(path, "pattern", msg)
        if n < self.min_len:
            msg = f"{name} must be at least {self.min_len} characters, got {n}: {short(value)}"
            return ContentProblem(path, "minLength", msg)
        msg = f"{name} must be at most {self.max_len} characters, got {n}: {short(value)}"
        return ContentProblem(path, "maxLength", msg)


class Number(Rule):
    """A JSON number (int or float, never a boolean) with an optional minimum."""

    __slots__ = ("minimum",)
    what = "a number"

    def __init__(self, *, minimum: float | None = None, required: bool = False) -> None:
        super().__init__(required=required)
        self.minimum = minimum

    def fits(self, raw: object) -> bool:
        return is_number(raw)

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        if not is_number(value):
            out.append(_type_problem(join(prefix, key), "a finite number", value))
        elif self.minimum is not None and value < self.minimum:
            msg = f"{key} must be at least {self.minimum:g}, got {value!r}"
            out.append(ContentProblem(join(prefix, key), "minimum", msg))


class Choice(Rule):
    """A string from an enumeration; the typed field holds the enum member."""

    __slots__ = ("enum", "listed", "values")
    what = "a string"

    def __init__(
        self, enum: type[Enum], *, listed: type[Enum] | None = None, required: bool = False
    ) -> None:
        super().__init__(required=required)
        self.enum = enum
        self.values = frozenset(m.value for m in enum)
        self.listed = ", ".join(m.value for m in (listed or enum))

    def fits(self, raw: object) -> bool:
        return type(raw) is str and raw in self.values

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        if not isinstance(value, self.enum):
            self.misfit(value, prefix, key, out)

    def misfit(self, raw: object, prefix: str, key: str, out: Problems) -> None:
        if isinstance(raw, str):
            msg = f"{key} must be one of {self.listed}, got {short(raw)}"
            out.append(ContentProblem(join(prefix, key), "enum", msg))
        else:
            super().misfit(raw, prefix, key, out)


class Const(Rule):
    """A fixed string (the ``type`` of a graph metric)."""

    __slots__ = ("value",)
    what = "a string"

    def __init__(self, value: Enum) -> None:
        super().__init__(required=True)
        self.value = value

    def fits(self, raw: object) -> bool:
        return bool(raw == self.value.value)

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        if value != self.value:
            msg = f"{key} must be {self.value.value!r}, got {short(value)}"
            out.append(ContentProblem(join(prefix, key), "enum", msg))


class Scalar(Rule):
    """A simple metric value: a number, a string of at most ``max_len``, or a boolean."""

    __slots__ = ("max_len",)
    what = "a number, string or boolean"

    def __init__(self, *, max_len: int, required: bool = False) -> None:
        super().__init__(required=required)
        self.max_len = max_len

    def fits(self, raw: object) -> bool:
        return type(raw) in (str, bool) or is_number(raw)

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        if type(value) is str:
            if len(value) > self.max_len:
                msg = (
                    f"{key} must be at most {self.max_len} characters, "
                    f"got {len(value)}: {short(value)}"
                )
                out.append(ContentProblem(join(prefix, key), "maxLength", msg))
        elif type(value) is not bool and not is_number(value):
            out.append(_type_problem(join(prefix, key), self.what, value))


class Texts(Rule):
    """An array of strings, each with a length limit, with an item-count range."""

    __slots__ = ("item", "max_items", "min_items")
    what = "an array of strings"

    def __init__(
        self,
        *,
        item_max: int,
        max_items: int | None = None,
        min_items: int = 0,
        required: bool = False,
    ) -> None:
        super().__init__(required=required)
        self.item = Text(max_len=item_max)
        self.max_items = max_items
        self.min_items = min_items

    def fits(self, raw: object) -> bool:
        return type(raw) in _SEQ_TYPES and all_strings(raw)  # type: ignore[arg-type]

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        if type(value) is not tuple:
            out.append(_type_problem(join(prefix, key), self.what, value))
            return
        problem = _items_problem(join(prefix, key), len(value), self.min_items, self.max_items)
        if problem:
            out.append(problem)
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
            out.append(_type_problem(join(prefix, key), self.what, value))
            return
        limit = self.item.max_len or 0
        for k, v in value.items():
            if type(v) is not str or len(v) > limit:
                self.item.check(v, join(prefix, key), segment(str(k)), out)

    def misfit(self, raw: object, prefix: str, key: str, out: Problems) -> None:
        path = join(prefix, key)
        if not is_object(raw):
            out.append(_type_problem(path, self.what, raw))
            return
        for k, v in raw.items():  # type: ignore[attr-defined]
            if type(v) is not str:
                out.append(_type_problem(join(path, segment(str(k))), "a string", v))


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
            out.append(_type_problem(join(prefix, key), f"a {self.cls.__name__}", value))
        else:
            validate_node(value, join(prefix, key), out)


class Nodes(Rule):
    """An array of nested content objects, each an instance of one of ``classes``."""

    __slots__ = ("classes", "max_items", "min_items")
    what = "an array of objects"

    def __init__(
        self,
        *classes: type[Any],
        max_items: int | None = None,
        min_items: int = 0,
        required: bool = False,
    ) -> None:
        super().__init__(required=required)
        self.classes = classes
        self.max_items = max_items
        self.min_items = min_items

    def fits(self, raw: object) -> bool:
        return type(raw) in _SEQ_TYPES and all(is_object(x) for x in raw)  # type: ignore[attr-defined]

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        path = join(prefix, key)
        if type(value) is not tuple:
            out.append(_type_problem(path, self.what, value))
            return
        n = len(value)
        if n < self.min_items or (self.max_items is not None and n > self.max_items):
            out.append(_items_problem(path, n, self.min_items, self.max_items))  # type: ignore[arg-type]
        classes = self.classes
        for i, x in enumerate(value):
            if isinstance(x, classes):
                validate_node(x, f"{path}[{i}]", out)
            else:
                names = " or ".join(c.__name__ for c in classes)
                out.append(_type_problem(f"{path}[{i}]", f"a {names}", x))

    def misfit(self, raw: object, prefix: str, key: str, out: Problems) -> None:
        _misfit_items(raw, join(prefix, key), self.what, is_object, "an object", out)


class Numbers(Rule):
    """An array of numbers with an item-count range (bar chart values, matrix rows)."""

    __slots__ = ("max_items", "min_items")
    what = "an array of numbers"

    def __init__(
        self, *, min_items: int = 0, max_items: int | None = None, required: bool = False
    ) -> None:
        super().__init__(required=required)
        self.min_items = min_items
        self.max_items = max_items

    def fits(self, raw: object) -> bool:
        return type(raw) in _SEQ_TYPES and all_numbers(raw)  # type: ignore[arg-type]

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        path = join(prefix, key)
        if type(value) is not tuple:
            out.append(_type_problem(path, self.what, value))
            return
        problem = _items_problem(path, len(value), self.min_items, self.max_items)
        if problem:
            out.append(problem)
        for i, x in enumerate(value):
            if not is_number(x):
                out.append(_type_problem(f"{path}[{i}]", "a finite number", x))

    def misfit(self, raw: object, prefix: str, key: str, out: Problems) -> None:
        _misfit_items(raw, join(prefix, key), self.what, is_number, "a number", out)


class NumberRows(Rule):
    """An array of arrays of numbers (linear graph points, matrix rows)."""

    __slots__ = ("max_items", "min_items", "row")
    what = "an array of arrays of numbers"

    def __init__(self, *, row: Numbers, min_items: int = 1, max_items: int | None = None) -> None:
        super().__init__(required=True)
        self.row = row
        self.min_items = min_items
        self.max_items = max_items

    def fits(self, raw: object) -> bool:
        if type(raw) not in _SEQ_TYPES:
            return False
        return all(type(r) in _SEQ_TYPES and all_numbers(r) for r in raw)  # type: ignore[attr-defined]

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        path = join(prefix, key)
        if type(value) is not tuple:
            out.append(_type_problem(path, self.what, value))
            return
        problem = _items_problem(path, len(value), self.min_items, self.max_items)
        if problem:
            out.append(problem)
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
        if type(raw) not in _SEQ_TYPES:
            out.append(_type_problem(path, self.what, raw))
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
    if type(raw) not in _SEQ_TYPES:
        out.append(_type_problem(path, what, raw))
        return
    for i, x in enumerate(cast("list[Any]", raw)):
        if not ok(x):
            out.append(_type_problem(f"{path}[{i}]", item_what, x))


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


def validate_node(node: Any, prefix: str, out: Problems) -> None:
    """Append every problem of a content object and everything inside it to ``out``."""
    entries, more = _walk_plan(type(node))
    values = node.__dict__
    extra = values["extra"]
    for name, rule, low, high in entries:
        value = values[name]
        if value is None:
            if extra and name in extra:
                rule.misfit(extra[name], prefix, name, out)
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


# ------------------------------------------------------------ field declarations


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
