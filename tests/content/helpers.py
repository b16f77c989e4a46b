"""Comparisons shared by the content tests."""

from __future__ import annotations

import json
from typing import Any


def same(a: Any, b: Any) -> bool:
    """Equal as data AND in key order at every level (json.dumps keeps both)."""
    return bool(a == b) and json.dumps(a) == json.dumps(b)
