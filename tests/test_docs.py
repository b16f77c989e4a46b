"""The tutorial's code blocks run, in order, against the sandbox (docs that lie fail here)."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _python_blocks(page: Path) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", page.read_text(encoding="utf-8"), re.S | re.M)


def test_tutorial_runs_as_written() -> None:
    blocks = _python_blocks(DOCS / "tutorial.md")
    assert len(blocks) >= 8
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, "docs/tutorial.md", "exec"), namespace)  # noqa: S102 - our own docs
    card = namespace["card"]
    assert getattr(card, "version", None) == 2
