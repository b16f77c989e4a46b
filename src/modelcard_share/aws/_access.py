"""The access levels an account can have to shared model cards."""

from __future__ import annotations

import enum

__all__ = ["Access"]


class Access(str, enum.Enum):
    """The access level an account has to shared model cards.

    ``READ_WRITE`` may describe and update, ``READ_ONLY`` may only describe and list
    versions, ``EXPORT`` may also run export jobs.
    """

    READ_WRITE = "read-write"
    READ_ONLY = "read-only"
    EXPORT = "export"
