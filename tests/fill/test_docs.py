"""The how-to page's code blocks run, in order, as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PAGE = Path(__file__).parents[2] / "docs" / "how-to" / "fill.md"


def test_fill_how_to_runs_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    """The pure layer's python blocks of docs/how-to/fill.md run; printed paths match the page.

    The first section (``fill_from`` against AWS) runs in the docs suite's sandbox
    (tests/test_docs.py); this test runs the pure sections, which need no AWS at all.
    """
    text = PAGE.read_text(encoding="utf-8")
    text = text[text.index("## From a training job") :]
    blocks = re.findall(r"^```python\n(.*?)^```", text, re.S | re.M)
    assert len(blocks) >= 5
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, str(PAGE), "exec"), namespace)  # noqa: S102 - our own docs
    printed = capsys.readouterr().out
    listed = re.search(r"^```text\n(.*?)^```", text, re.S | re.M)
    assert listed is not None
    assert printed.startswith(listed.group(1))
