"""Opaque nextToken pagination shared by the sandbox's RAM and SageMaker operations."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["paginate"]

T = TypeVar("T")


def paginate(
    items: Sequence[T],
    *,
    max_results: int | None,
    next_token: str | None,
    scope: str,
    default_size: int,
    on_bad_token: Callable[[str], Exception],
) -> tuple[list[T], str | None]:
    """Return one page of ``items`` and the token of the next page (None on the last page).

    Args:
        items: Every item, in a stable order.
        max_results: Page size asked for, or None for ``default_size``.
        next_token: Token from the previous page, or None for the first page.
        scope: A string naming the request (operation + filters); a token is valid only for the
            same scope.
        default_size: Page size when ``max_results`` is None.
        on_bad_token: Builds the exception to raise for an invalid token.
    """
    offset = 0
    if next_token:
        try:
            decoded = json.loads(base64.urlsafe_b64decode(next_token.encode()).decode())
            offset = int(decoded["o"])
            token_scope = str(decoded["s"])
        except (ValueError, KeyError, TypeError) as exc:
            raise on_bad_token(
                f"The specified value for nextToken is not valid: {next_token}"
            ) from exc
        if token_scope != scope or offset < 0 or offset > len(items):
            raise on_bad_token(f"The specified value for nextToken is not valid: {next_token}")
    size = max_results if max_results is not None else default_size
    page = list(items[offset : offset + size])
    end = offset + size
    if end >= len(items):
        return page, None
    token = base64.urlsafe_b64encode(json.dumps({"o": end, "s": scope}).encode()).decode()
    return page, token
