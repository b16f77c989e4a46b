"""Strict JSON: reading content text, checking JSON data, and exact JSON equality.

Content is JSON as RFC 8259 defines it, and nothing else:

* objects (any ``Mapping`` with ``str`` keys), arrays (``list`` or ``tuple``), strings
  (``str``), numbers (``int`` and finite ``float``), ``true``/``false`` (``bool``) and
  ``null`` (``None``); subclasses such as ``IntEnum``, ``Decimal`` or ``numpy.float64``
  are not JSON values and are refused, as are NaN and the infinities;
* text is UTF-8 without a byte order mark (RFC 8259 section 8.1: "Implementations MUST
  NOT add a byte order mark"; parsers MAY ignore one, this one refuses it so that the
  problem is named and the bytes sent to AWS are the bytes read);
* two values are equal when they are the same JSON: of the same JSON type (``1``,
  ``1.0`` and ``true`` are three different values, although Python's ``==`` says they
  are equal), arrays item by item, objects key by key in any order.

Every refusal is a :class:`~modelcard_share.errors.ContentProblem` with rule ``json`` and
the JSON path of the bad value.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any, NoReturn

from modelcard_share.content._checks import SEQ_TYPES, Problems, join, segment, short
from modelcard_share.errors import ContentProblem, ContentValidationError

__all__ = ["MAX_DEPTH", "NotJsonError", "copy_json", "hash_key", "json_equal", "loads", "same"]

MAX_DEPTH = 256
"""The deepest nesting of arrays and objects accepted (the schema itself is 8 deep)."""

_BOM = "\ufeff"
_UTF8_BOM = b"\xef\xbb\xbf"
_SCALARS = frozenset({str, int, bool, type(None)})
_MISSING: Any = object()


class NotJsonError(ValueError):
    """Raised inside the package when data turns out not to be JSON (never escapes)."""


class _Refused:
    """A value the decoder read that JSON cannot hold (NaN, Infinity, 1e400)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _refuse(text: str) -> NoReturn:
    raise NotJsonError(text)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise NotJsonError(text)
    return value


def _finite_or_mark(text: str) -> float | _Refused:
    value = float(text)
    return value if math.isfinite(value) else _Refused(text)


_DECODER = json.JSONDecoder(parse_constant=_refuse, parse_float=_finite)
_MARKING_DECODER = json.JSONDecoder(parse_constant=_Refused, parse_float=_finite_or_mark)


def _fail(message: str) -> ContentValidationError:
    return ContentValidationError([ContentProblem("", "json", message)])


def loads(data: str | bytes | bytearray) -> Any:
    """Decode content text: strict JSON, UTF-8 without a byte order mark.

    Raises:
        ContentValidationError: Rule ``json``: the bytes are not UTF-8, the text starts
            with a byte order mark, is not JSON, or holds NaN, Infinity or a number out of
            the range of a double (each such value is named by its JSON path).
    """
    if isinstance(data, str):
        text = data
    else:
        if data[:3] == _UTF8_BOM:
            raise _fail("content starts with a UTF-8 byte order mark (BOM); save it without one")
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError as exc:
            msg = f"content is not UTF-8: byte {exc.start} ({data[exc.start]:#04x}) {exc.reason}"
            raise _fail(msg) from None
    if text[:1] == _BOM:
        raise _fail("content starts with a byte order mark (U+FEFF); save it without one")
    try:
        return _DECODER.decode(text)
    except NotJsonError:
        problems: Problems = []
        copy_json(_MARKING_DECODER.decode(text), "", problems)
        raise ContentValidationError(problems) from None
    except RecursionError:
        raise _fail("content is nested too deeply to be read") from None
    except ValueError as exc:  # JSONDecodeError, and ints longer than Python reads
        raise _fail(f"content is not valid JSON: {exc}") from None


def _not_json(value: object) -> str:
    if isinstance(value, _Refused):
        return f"{value.text} is not a JSON number (JSON has no NaN or infinities)"
    if type(value) is float:
        return f"{value!r} is not a JSON number (JSON has no NaN or infinities)"
    kind = type(value).__name__
    if kind == "Decimal":
        hint = "; convert it to int or float"
    elif isinstance(value, (str, int, float)):
        hint = "; use a plain str, int or float"
    else:
        hint = ""
    return f"a {kind} is not a JSON value, got {short(value)}{hint}"


def copy_json(value: Any, path: str, out: Problems, depth: int = 0) -> Any:
    """Return a copy of JSON data (plain dicts and lists), appending each non-JSON value to ``out``.

    Args:
        value: The data to copy.
        path: The JSON path of ``value``, used in problems.
        out: Where problems (rule ``json``) are appended.
        depth: How deep ``value`` is nested already.

    Returns:
        The copy; values that are not JSON are copied as they are (and reported).
    """
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is float:
        if not math.isfinite(value):
            out.append(ContentProblem(path, "json", _not_json(value)))
        return value
    if depth >= MAX_DEPTH:
        msg = f"nested more than {MAX_DEPTH} levels deep (or contains itself)"
        out.append(ContentProblem(path, "json", msg))
        return value
    if kind is dict or (kind not in SEQ_TYPES and isinstance(value, Mapping)):
        copied = {}
        for key, item in value.items():
            if type(key) is str:
                copied[key] = copy_json(item, join(path, segment(key)), out, depth + 1)
            else:
                where = join(path, segment(key))
                msg = f"object keys must be strings, got {type(key).__name__} {short(key)}"
                out.append(ContentProblem(where, "json", msg))
        return copied
    if kind in SEQ_TYPES:
        items = []
        for i, item in enumerate(value):  # a loop, not a comprehension: one frame a level
            items.append(copy_json(item, f"{path}[{i}]", out, depth + 1))
        return items
    out.append(ContentProblem(path, "json", _not_json(value)))
    return value


def same(a: Any, b: Any) -> bool:
    """Return whether two values are the same JSON (or the same typed content value).

    Unlike ``==``, values of different types differ (``1``, ``1.0`` and ``True``;
    ``0.0`` and ``-0.0``, which are written differently). Lists and tuples are both
    arrays, and any two mappings are both objects (key order does not matter). Other
    values, such as enum members and content objects, compare with their own ``==``.
    """
    kind = type(a)
    if kind is float:
        return type(b) is float and a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    if kind in SEQ_TYPES:
        return type(b) in SEQ_TYPES and len(a) == len(b) and all(map(same, a, b))
    if kind is not dict and not isinstance(a, Mapping):
        return kind is type(b) and bool(a == b)
    if not isinstance(b, Mapping) or len(a) != len(b):
        return False
    return all(same(v, b.get(k, _MISSING)) for k, v in a.items())


def hash_key(value: Any) -> Any:
    """Return a hashable stand-in of a value such that ``same(a, b)`` implies equal keys."""
    if type(value) in SEQ_TYPES:
        return tuple(map(hash_key, value))
    if isinstance(value, Mapping):
        return frozenset((k, hash_key(v)) for k, v in value.items())
    return value


def json_equal(a: object, b: object) -> bool:
    """Return whether two JSON values are the same JSON, with exact types.

    ``1``, ``1.0`` and ``True`` are three different values here (Python's ``==`` says
    they are equal), as are ``0.0`` and ``-0.0``. Arrays (lists or tuples) are equal
    item by item in order; objects (any mappings) are equal key by key in any order.
    Use it to compare ``CardContent.to_dict()`` results or parts of them.

    Args:
        a: A JSON value.
        b: Another JSON value.

    Returns:
        Whether ``a`` and ``b`` are the same JSON.

    Raises:
        ContentValidationError: ``a`` or ``b`` is not JSON (rule ``json``; paths start
            with ``a`` or ``b``, the argument).
    """
    problems: Problems = []
    copy_json(a, "a", problems)
    copy_json(b, "b", problems)
    if problems:
        raise ContentValidationError(problems)
    return same(a, b)
