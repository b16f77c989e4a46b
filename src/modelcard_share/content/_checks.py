"""Small shared checks: JSON paths, JSON types and problem messages."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping

from modelcard_share.errors import ContentProblem

Problems = list[ContentProblem]
"""Where a validation walk collects problems."""

_NUMBER_TYPES = (int, float)
SEQ_TYPES = (list, tuple)


# ------------------------------------------------------------------------- helpers


def join(prefix: str, key: str) -> str:
    """Return the JSON path of ``key`` (a field name or a ``[...]`` segment) under ``prefix``."""
    if key[:1] == "[":
        return prefix + key
    return f"{prefix}.{key}" if prefix else key


def segment(key: object) -> str:
    """Return the path segment for an object key: bare if an identifier, else in brackets.

    A string is quoted as JSON (``["a b"]``); a key that is not a string, which JSON
    does not allow, is shown as Python writes it (``[(1, 2)]``).
    """
    if type(key) is not str:
        return f"[{short(key)}]"
    return key if key.isidentifier() else f"[{json.dumps(key, ensure_ascii=False)}]"


def short(value: object) -> str:
    """Return a short printable form of a value for messages (never raises)."""
    try:
        text = repr(value)
    except Exception:  # a message must not fail because of a broken __repr__
        text = f"<{type(value).__name__} object>"
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
    if isinstance(value, SEQ_TYPES):
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


def type_problem(path: str, what: str, value: object) -> ContentProblem:
    """Return the problem for a value of the wrong JSON type."""
    name = path.rsplit(".", 1)[-1] or "document"
    return ContentProblem(
        path, "type", f"{name} must be {what}, got {json_type(value)} {short(value)}"
    )


def items_problem(path: str, n: int, low: int, high: int | None) -> ContentProblem | None:
    """Return the problem for an array with too few or too many items, if any."""
    name = path.rsplit(".", 1)[-1]
    if n < low:
        noun = "item" if low == 1 else "items"
        return ContentProblem(
            path, "minItems", f"{name} has {n} items; at least {low} {noun} needed"
        )
    if high is not None and n > high:
        return ContentProblem(path, "maxItems", f"{name} has {n} items; at most {high} allowed")
    return None
