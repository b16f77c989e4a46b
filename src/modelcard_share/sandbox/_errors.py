"""Errors the emulated services return, with the HTTP status from the botocore service model."""

from __future__ import annotations

import functools
from typing import Any

from moto.core.exceptions import JsonRESTError

from modelcard_share.sandbox._models import service_model

__all__ = ["RamError", "SageMakerError", "ram_error_statuses"]


@functools.lru_cache(maxsize=1)
def ram_error_statuses() -> dict[str, int]:
    """Map every RAM error code to its HTTP status, read from botocore's RAM service model."""
    model = service_model("ram")
    statuses: dict[str, int] = {}
    for name in model.error_shapes:
        shape: Any = name
        statuses[shape.name] = int(shape.metadata.get("error", {}).get("httpStatusCode", 400))
    return statuses


class RamError(JsonRESTError):
    """A RAM error response; ``code`` must be an error shape of the RAM service model."""

    def __init__(self, error_code: str, message: str) -> None:
        statuses = ram_error_statuses()
        if error_code not in statuses:
            raise ValueError(f"RamError: {error_code!r} is not a RAM error code")
        super().__init__(error_code, message)
        self.code = statuses[error_code]
        self.error_code = error_code


class SageMakerError(JsonRESTError):
    """A SageMaker error response (every SageMaker error is HTTP 400)."""

    def __init__(self, error_code: str, message: str) -> None:
        super().__init__(error_code, message)
        self.code = 400
        self.error_code = error_code
