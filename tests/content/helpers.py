"""Comparisons shared by the content tests."""

from __future__ import annotations

import json
from typing import Any

import pytest

from modelcard_share.errors import ContentValidationError


def same(a: Any, b: Any) -> bool:
    """Equal as data AND in key order at every level (json.dumps keeps both)."""
    return bool(a == b) and json.dumps(a) == json.dumps(b)


def paths_rules(build: Any) -> list[tuple[str, str]]:
    """Call ``build``, which must raise ContentValidationError; return its (path, rule) pairs."""
    with pytest.raises(ContentValidationError) as caught:
        build()
    return [(p.path, p.rule) for p in caught.value.problems]
