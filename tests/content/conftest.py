"""Fixtures for the content tests: the reference documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REFERENCE = Path("/work/shared/reference")
_HERE = Path(__file__).parent


def reference_path(name: str) -> Path:
    """Return the path of a reference document (the shared folder, else the copy here)."""
    # The shared reference folder is the source of truth; a copy beside the tests keeps a
    # clean clone runnable.
    path = REFERENCE / name
    return path if path.exists() else _HERE / "data" / name


@pytest.fixture
def full_example_text() -> str:
    """The reference document that uses every section and field."""
    return reference_path("model-card-example-full.json").read_text(encoding="utf-8")


@pytest.fixture
def full_example(full_example_text: str) -> dict[str, Any]:
    """The reference document, parsed."""
    data: dict[str, Any] = json.loads(full_example_text)
    return data


@pytest.fixture(scope="session")
def schema() -> dict[str, Any]:
    """The reference JSON schema of model card content."""
    data: dict[str, Any] = json.loads(
        reference_path("model-card-content.schema.json").read_text(encoding="utf-8")
    )
    return data
