"""The sandbox's own argument errors (typed, and also the matching built-in)."""

from __future__ import annotations

from modelcard_share.errors import SandboxError

__all__ = ["SandboxArgumentError", "SandboxTypeError", "require_str"]


class SandboxArgumentError(SandboxError, ValueError):
    """A sandbox argument has a wrong value (the message names the argument and the value)."""


class SandboxTypeError(SandboxError, TypeError):
    """A sandbox argument has a wrong type (the message names the argument and the value)."""


def require_str(value: object, argument: str) -> str:
    """Return ``value`` if it is a non-empty string, else raise an error naming ``argument``."""
    if not isinstance(value, str) or not value:
        raise SandboxTypeError(f"{argument} must be a non-empty string, got {value!r}")
    return value
