"""The errors of the automation, under :class:`~modelcard_share.errors.ModelCardShareError`.

The tree::

    ModelCardShareError
    └── AutomationError
        ├── EventError (ValueError)
        └── InvocationFailedError
"""

from __future__ import annotations

from typing import Any

from modelcard_share.errors import ModelCardShareError

__all__ = ["AutomationError", "EventError", "InvocationFailedError"]


class AutomationError(ModelCardShareError):
    """Root of the errors the event handler and the Lambda function raise."""


class EventError(AutomationError, ValueError):
    """An event the handler does not act on: not SageMaker's, of another kind, malformed.

    The handler reports such an event as skipped; it never fails the invocation.

    Attributes:
        field: Where in the event envelope the problem is (``detail-type``,
            ``resources``, ``detail.ModelCardName``; ``$`` for the event itself).
        value: The value found there.
    """

    def __init__(self, message: str, *, field: str, value: object = None) -> None:
        self.field = field
        self.value = value
        super().__init__(f"{field}: {message}")


class InvocationFailedError(AutomationError):
    """Some card met an AWS error after retries; raised so that Lambda retries the event.

    Every event and card of the invocation was still handled; the report says which
    failed. Handling is idempotent, so the retry redoes only what is missing.

    Attributes:
        report: The invocation's JSON-ready report.
    """

    def __init__(self, message: str, *, report: dict[str, Any]) -> None:
        self.report = report
        super().__init__(message)
