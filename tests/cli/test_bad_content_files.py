"""Content files the CLI refuses with exit 4 and one line (issue 11, section 5)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import Cli


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (b'\xef\xbb\xbf{"model_overview": {}}', "byte order mark"),
        (b'{"model_overview": {"model_owner": "caf\xe9"}}', "not UTF-8"),
        (
            b'{"evaluation_details": [{"name": "e", "metric_groups": [{"name": "g", '
            b'"metric_data": [{"name": "m", "type": "number", "value": NaN}]}]}]}',
            "NaN",
        ),
        (b'{"model_overview": {"model_version": Infinity}}', "Infinity"),
        (b"[1, 2]", "object"),
        (b"{", "json"),
    ],
)
def test_bad_content_file_exits_4_with_one_line(
    cli: Cli, card: dict[str, Any], tmp_path: Path, raw: bytes, says: str
) -> None:
    """A BOM, non-UTF-8 bytes, NaN/Infinity or non-JSON: exit 4, one line naming the problem."""
    path = tmp_path / "content.json"
    path.write_bytes(raw)
    for argv in (
        ("update", "churn", "--content", str(path)),
        ("create", "x", "--content", str(path)),
    ):
        result = cli(*argv)
        assert result.code == 4, result
        [line] = result.err.splitlines()
        assert line.startswith("error: model card content has")
        assert says.lower() in line.lower(), line
        assert "unexpected" not in line
