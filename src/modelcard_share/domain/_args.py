"""Checks of public arguments, run before any AWS call.

Each raises :class:`~modelcard_share.errors.ArgumentTypeError` (also a ``TypeError``) for
a value of the wrong type and :class:`~modelcard_share.errors.ConfigurationError` (a
``ValueError``) for a value out of range, naming the argument and the value.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from typing import TypeVar

from modelcard_share.errors import ArgumentTypeError, ConfigurationError

__all__ = [
    "check_bool",
    "check_counter",
    "check_enum",
    "check_hook",
    "check_optional_str",
    "check_str",
    "check_strings",
    "check_timeout",
    "check_version",
]


E = TypeVar("E", bound=enum.Enum)


def _type_name(value: object) -> str:
    return type(value).__name__


def check_bool(name: str, value: object) -> bool:
    """Return ``value`` if it is a bool (not merely truthy)."""
    if not isinstance(value, bool):
        raise ArgumentTypeError(f"{name} must be True or False, got {_type_name(value)} {value!r}")
    return value


def check_str(name: str, value: object) -> str:
    """Return ``value`` if it is a non-empty string."""
    if not isinstance(value, str):
        raise ArgumentTypeError(f"{name} must be a string, got {_type_name(value)} {value!r}")
    if not value:
        raise ConfigurationError(f"{name} must not be empty")
    return value


def check_optional_str(name: str, value: object) -> str | None:
    """Return ``value`` if it is ``None`` or a non-empty string."""
    return None if value is None else check_str(name, value)


def check_strings(name: str, value: object) -> list[str]:
    """Return a string, or a list/tuple of strings, as a non-empty list."""
    if isinstance(value, str):
        return [value]
    if not isinstance(value, Sequence) or isinstance(value, (bytes, bytearray)):
        raise ArgumentTypeError(
            f"{name} must be a string or a list of strings, got {_type_name(value)} {value!r}"
        )
    items = list(value)
    for index, item in enumerate(items):
        if not isinstance(item, str):
            raise ArgumentTypeError(
                f"{name}[{index}] must be a string, got {_type_name(item)} {item!r}"
            )
    if not items:
        raise ConfigurationError(f"{name} must name at least one principal")
    return items


def check_timeout(value: object, name: str = "timeout") -> float:
    """Return a finite, non-negative number of seconds."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ArgumentTypeError(
            f"{name} must be a number of seconds, got {_type_name(value)} {value!r}"
        )
    if not math.isfinite(value) or value < 0:
        raise ConfigurationError(f"{name} must be a finite number of seconds >= 0, got {value!r}")
    return float(value)


def check_version(value: object, name: str = "version") -> int:
    """Return a card version: an integer >= 1."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentTypeError(f"{name} must be an integer, got {_type_name(value)} {value!r}")
    if value < 1:
        raise ConfigurationError(f"{name} must be a positive integer, got {value!r}")
    return value


def check_enum(name: str, value: object, kind: type[E]) -> E:
    """Return ``value`` as a member of ``kind`` (a member or one of its values)."""
    if isinstance(value, kind):
        return value
    allowed = ", ".join(repr(m.value) for m in kind)
    if not isinstance(value, str):
        raise ArgumentTypeError(
            f"{name} must be one of {allowed}, got {_type_name(value)} {value!r}"
        )
    try:
        return kind(value)
    except ValueError:
        raise ConfigurationError(f"{name}={value!r} is not one of {allowed}") from None


def check_hook(value: object, name: str = "progress") -> None:
    """Check an optional retry hook (anything callable with a ``RetryDetails``)."""
    if value is not None and not callable(value):
        raise ArgumentTypeError(
            f"{name} must be a RetryHook (callable with RetryDetails) or None, "
            f"got {_type_name(value)} {value!r}"
        )


def check_counter(value: object, name: str = "progress") -> None:
    """Check an optional progress hook that counts items (``advance`` and ``total``)."""
    check_hook(value, name)
    if value is not None and not callable(getattr(value, "advance", None)):
        raise ArgumentTypeError(
            f"{name} must be a ProgressHook (with advance() and total), got {_type_name(value)}"
        )
