"""docs/how-to/automate.md runs as written, in order, and prints what it says it prints."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

PAGE = Path(__file__).resolve().parents[2] / "docs" / "how-to" / "automate.md"
_PRINT = re.compile(r"^print\(.*\)  # (?P<expected>.+)$", re.M)


def test_the_automation_how_to_runs_and_prints_what_it_claims() -> None:
    """Every python block runs; each ``print(...)  # X`` line prints X."""
    blocks = re.findall(r"^```python\n(.*?)^```", PAGE.read_text(encoding="utf-8"), re.S | re.M)
    assert len(blocks) >= 5
    namespace: dict[str, object] = {}
    printed: list[str] = []
    expected: list[str] = []
    for block in blocks:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(block, str(PAGE), "exec"), namespace)  # noqa: S102 - our own docs
        printed += out.getvalue().splitlines()
        expected += [m["expected"] for m in _PRINT.finditer(block)]
    assert printed == expected
