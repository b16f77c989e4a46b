"""``modelcard-share sandbox serve`` starts a real sandbox server (no other sandbox may run)."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from modelcard_share.cli import main


def test_sandbox_serve_really_serves(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import modelcard_share.sandbox as sandbox_package

    real_serve = sandbox_package.serve
    stop = threading.Event()
    banner: list[str] = []

    def serve_briefly(**kwargs: Any) -> None:
        def out(text: str) -> None:
            banner.append(text)
            stop.set()  # the world is up: stop at once

        real_serve(**{**kwargs, "out": out, "stop": stop})

    monkeypatch.setattr(sandbox_package, "serve", serve_briefly)
    assert main(["sandbox", "serve", "--port", "0"]) == 0
    assert capsys.readouterr().err == ""
    assert banner[0].startswith("# modelcard-share sandbox on http://127.0.0.1:")
