"""A small stderr spinner and counter for long operations, silent when not on a terminal."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from modelcard_share.aws import RetryDetails

__all__ = ["Progress"]

_FRAMES = "|/-\\"


class Progress:
    """Show what a long operation is doing on one self-overwriting stderr line.

    Nothing is written when the stream is not a terminal (pipes, CI logs, tests),
    so scripted output stays clean. Use it as a context manager; the line is
    erased on exit. It is also a retry hook (:class:`~modelcard_share.aws.RetryHook`):
    pass it as ``progress=`` to a domain wait, such as ``ExportJob.wait``.

    Args:
        label: What is being done, such as ``"sharing customer-churn"``.
        total: The number of items for a counter (``3/10``), or ``None`` for a spinner.
        stream: Where to draw (standard error by default).
        enabled: Force drawing on or off; ``None`` draws only when ``stream`` is a TTY.
    """

    def __init__(
        self,
        label: str,
        *,
        total: int | None = None,
        stream: TextIO | None = None,
        enabled: bool | None = None,
    ) -> None:
        self._label = label
        self.total = total
        self._stream = stream if stream is not None else sys.stderr
        isatty = getattr(self._stream, "isatty", None)
        self.enabled = bool(isatty and isatty()) if enabled is None else enabled
        self._done = 0
        self._frame = 0
        self._width = 0

    def __enter__(self) -> Progress:
        self._draw("")
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def done(self) -> int:
        """How many items :meth:`advance` has counted."""
        return self._done

    def tick(self, detail: str = "") -> None:
        """Turn the spinner one step and show ``detail``."""
        self._frame += 1
        self._draw(detail)

    def __call__(self, details: RetryDetails) -> None:
        """Show one wait of a domain operation (``what``, time waited, why)."""
        self.tick(f"{details.reason} ({details.waited:.0f} s of {details.budget:.0f} s)")

    def advance(self, detail: str = "") -> None:
        """Count one finished item and show ``detail``."""
        self._done += 1
        self.tick(detail)

    def close(self) -> None:
        """Erase the progress line."""
        if self.enabled and self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()
            self._width = 0

    def _draw(self, detail: str) -> None:
        if not self.enabled:
            return
        count = f" {self._done}/{self.total}" if self.total is not None else ""
        line = f"{_FRAMES[self._frame % len(_FRAMES)]} {self._label}{count}"
        if detail:
            line = f"{line}: {detail}"
        pad = max(self._width - len(line), 0)
        self._stream.write("\r" + line + " " * pad)
        self._stream.flush()
        self._width = len(line)
