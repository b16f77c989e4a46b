"""Idempotency tokens: one ``clientToken`` per logical RAM operation, reused on every retry.

boto3 does not fill in RAM's ``clientToken``. Generate one token per logical operation
(one "share this card with that account"), then pass the same parameters -- token
included -- to every attempt, so a retried CreateResourceShare cannot create a second
share. A token reused with *different* parameters fails with
``IdempotentParameterMismatchException``.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

__all__ = ["CLIENT_TOKEN", "new_client_token", "with_client_token"]

#: The name RAM gives the idempotency parameter.
CLIENT_TOKEN = "clientToken"  # noqa: S105 - a parameter name, not a secret


def new_client_token() -> str:
    """Return a fresh idempotency token (a random UUID) for one logical RAM operation."""
    return str(uuid.uuid4())


def with_client_token(params: Mapping[str, Any], token: str | None = None) -> dict[str, Any]:
    """Return RAM call parameters that carry a ``clientToken``, fixed once for all retries.

    Build the parameters once with this function, then pass the same dict to every
    attempt (for example through ``RetryPolicy.eventually``)::

        params = with_client_token({"name": "cards", "resourceArns": [arn]})
        retry.eventually(ram.create_resource_share, what="create share", **params)

    Args:
        params: The call's parameters. A ``clientToken`` already present is kept.
        token: The token to use; a new one when omitted.

    Returns:
        A new dict with every parameter of ``params`` and a ``clientToken``.
    """
    result = dict(params)
    if result.get(CLIENT_TOKEN) is None:
        result[CLIENT_TOKEN] = token if token is not None else new_client_token()
    return result
