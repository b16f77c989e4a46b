"""Reading source documents (API responses and reports) with a JSON path at every step.

A :class:`Reader` checks the type of each value it hands out. A value of the wrong type
is recorded as a problem at its path and read as ``None``, so one pass finds every
problem; :meth:`Reader.check` then raises them all as one ``SourceFormatError``.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping, Sequence
from typing import Any

from modelcard_share.errors import ContentProblem
from modelcard_share.fill._errors import SourceFormatError

__all__ = ["NON_FINITE", "Reader", "child", "is_number", "item", "load_json", "scalar_text"]

NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}
"""How reports spell numbers that JSON cannot hold (Model Monitor writes ``"NaN"``)."""


def child(path: str, key: str) -> str:
    """Return the JSON path of ``key`` under ``path`` (quoted unless an identifier)."""
    if not key.isidentifier():
        return f"{path}[{json.dumps(key, ensure_ascii=False)}]"
    return f"{path}.{key}" if path else key


def item(path: str, index: int) -> str:
    """Return the JSON path of item ``index`` of the array at ``path``."""
    return f"{path}[{index}]"


def is_number(value: object) -> bool:
    """Return whether a value is a finite JSON number (booleans are not numbers)."""
    kind = type(value)
    return kind is int or (kind is float and math.isfinite(value))  # type: ignore[arg-type]


def scalar_text(value: object) -> str:
    """Return a JSON scalar as text: strings as they are, other scalars as JSON."""
    return value if isinstance(value, str) else json.dumps(value)


def _json_type(value: object) -> str:  # noqa: PLR0911 - one return per JSON type
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, (list, tuple)):
        return "array"
    return type(value).__name__


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class Reader:
    """Hands out typed values of a source document and collects every format problem.

    Args:
        source: How error messages name the document (a location, kind or operation).
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[ContentProblem] = []

    def fail(self, path: str, rule: str, message: str) -> None:
        """Record a problem at ``path`` of the source."""
        self.problems.append(ContentProblem(path, rule, message))

    def check(self) -> None:
        """Raise every recorded problem at once.

        Raises:
            SourceFormatError: At least one problem was recorded.
        """
        if self.problems:
            raise SourceFormatError(self.source, self.problems)

    def _wrong(self, path: str, what: str, value: object) -> None:
        self.fail(path, "type", f"expected {what}, got {_json_type(value)} {_short(value)}")

    def _get(self, parent: Mapping[str, Any], key: str, path: str, required: bool) -> Any:
        value = parent.get(key)
        if value is None and required:
            self.fail(child(path, key), "required", f"{key!r} is required")
        return value

    def _typed(
        self,
        parent: Mapping[str, Any],
        key: str,
        path: str,
        *,
        required: bool,
        kind: type | tuple[type, ...],
        what: str,
    ) -> Any:
        value = self._get(parent, key, path, required)
        if value is None or isinstance(value, kind):
            return value
        self._wrong(child(path, key), what, value)
        return None

    def obj(
        self, parent: Mapping[str, Any], key: str, path: str, *, required: bool = False
    ) -> Mapping[str, Any] | None:
        """Return the object under ``key``, or ``None`` when absent or not an object."""
        value: Mapping[str, Any] | None = self._typed(
            parent, key, path, required=required, kind=Mapping, what="an object"
        )
        return value

    def array(
        self, parent: Mapping[str, Any], key: str, path: str, *, required: bool = False
    ) -> Sequence[Any] | None:
        """Return the array under ``key``, or ``None`` when absent or not an array."""
        value: Sequence[Any] | None = self._typed(
            parent, key, path, required=required, kind=(list, tuple), what="an array"
        )
        return value

    def text(
        self, parent: Mapping[str, Any], key: str, path: str, *, required: bool = False
    ) -> str | None:
        """Return the string under ``key``, or ``None`` when absent or not a string."""
        value: str | None = self._typed(
            parent, key, path, required=required, kind=str, what="a string"
        )
        return value

    def label(
        self, parent: Mapping[str, Any], key: str, path: str, *, required: bool = False
    ) -> str | None:
        """Return a string or number under ``key`` as text (labels and thresholds)."""
        value = self._get(parent, key, path, required)
        if value is None or isinstance(value, str) or is_number(value):
            return None if value is None else scalar_text(value)
        self._wrong(child(path, key), "a string or a number", value)
        return None

    def number(
        self, parent: Mapping[str, Any], key: str, path: str, *, required: bool = False
    ) -> float | None:
        """Return the finite number under ``key``, or ``None`` when absent or not one."""
        value = self._get(parent, key, path, required)
        if value is None or is_number(value):
            return value  # type: ignore[no-any-return]
        self._wrong(child(path, key), "a finite number", value)
        return None

    def numbers(self, values: Sequence[Any], path: str) -> list[float] | None:
        """Return an array's items if every one is a finite number, else ``None``."""
        for i, value in enumerate(values):
            if not is_number(value):
                self._wrong(item(path, i), "a finite number", value)
                return None
        return list(values)

    def each_object(self, values: Sequence[Any], path: str) -> list[tuple[str, Mapping[str, Any]]]:
        """Return ``(path, object)`` for each item of an array, recording non-objects."""
        out = []
        for i, value in enumerate(values):
            if isinstance(value, Mapping):
                out.append((item(path, i), value))
            else:
                self._wrong(item(path, i), "an object", value)
        return out

    def is_object(self, value: object, path: str) -> bool:
        """Return whether ``value`` is an object, recording a problem if it is not."""
        if isinstance(value, Mapping):
            return True
        self._wrong(path, "an object", value)
        return False


def load_json(data: object, source: str) -> Mapping[str, Any]:
    """Return a report given as a mapping, JSON text or bytes, or a file path, as an object.

    Raises:
        SourceFormatError: The data is not JSON, or not a JSON object, or of no
            supported type.
        OSError: A path could not be read.
    """
    if isinstance(data, Mapping):
        return data
    if isinstance(data, os.PathLike):
        with open(data, "rb") as handle:
            data = handle.read()
    if isinstance(data, (str, bytes, bytearray)):
        try:
            parsed = json.loads(data)
        except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
            hint = " (to read a file, pass a pathlib.Path)" if isinstance(data, str) else ""
            problem = ContentProblem("", "json", f"not valid JSON: {exc}{hint}")
            raise SourceFormatError(source, [problem]) from exc
        if isinstance(parsed, Mapping):
            return parsed
        what = f"a JSON object, got {_json_type(parsed)}"
    else:
        what = f"a mapping, JSON text or bytes, or a path, got {type(data).__name__}"
    raise SourceFormatError(source, [ContentProblem("", "type", f"expected {what}")])
