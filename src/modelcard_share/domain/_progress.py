"""A progress line for long operations in notebooks, and a log line everywhere else.

:class:`NotebookProgress` is a :class:`~modelcard_share.aws.RetryHook`: pass it as
``progress=`` to a wait (``ExportJob.wait``, ``Context.wait_for``). In a running IPython
(Jupyter, SageMaker Studio, VS Code notebooks) it draws one output line and updates it
in place through IPython's ``display(..., display_id=True)``; without IPython it logs one
plain line per update. IPython is imported only when a notebook is running, so it is
never a dependency (the ``notebook`` extra installs it for those who want it).
"""

from __future__ import annotations

import html
import importlib
import logging
import sys
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from modelcard_share.aws import RetryDetails

__all__ = ["NotebookProgress"]

logger = logging.getLogger(__name__)

_LINE = (
    "font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;"
    "padding:2px 8px;border-left:3px solid rgba(59,130,246,0.85);"
    "background:rgba(59,130,246,0.1);color:inherit;overflow-wrap:anywhere"
)


class _Line:
    """One progress line as IPython displays it: HTML in a notebook, text in a terminal."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return f'<div class="mcs-progress" style="{_LINE}">{html.escape(self.text)}</div>'


def _running_ipython() -> Any:
    """The running IPython shell, or ``None`` (IPython missing, or not running)."""
    module = sys.modules.get("IPython")
    if module is None:
        # Importing IPython where no notebook runs is wasted time: only look when a
        # kernel could be running (ipykernel is imported by every Jupyter kernel).
        if "ipykernel" not in sys.modules:
            return None
        try:
            module = importlib.import_module("IPython")
        except ImportError:
            return None
    get = getattr(module, "get_ipython", None)
    return get() if get is not None else None


class NotebookProgress:
    """Show what a long operation is doing on one live line of a notebook cell.

    It is a retry hook (:class:`~modelcard_share.aws.RetryHook`): every wait of the
    operation updates the line with what it waits for, why, and the time spent. Count
    finished items of a fan-out with :meth:`advance`. Use it as a context manager, or
    call :meth:`close` at the end, to turn the line into its final state.

    Outside a notebook (no running IPython) every update is one plain INFO log line on
    the ``modelcard_share.domain._progress`` logger instead.

    Args:
        label: What is being done, such as ``"export churn"``.
        total: The number of items, for a ``3/10`` counter; ``None`` for none.
        notebook: Force the notebook line on or off; ``None`` uses it when IPython runs.

    Example:
        >>> job.wait(progress=NotebookProgress("export churn"))  # doctest: +SKIP
    """

    def __init__(self, label: str, *, total: int | None = None, notebook: bool | None = None):
        self.label = str(label)
        self.total = total
        self.done = 0
        self.last = ""
        self._shell = _running_ipython() if notebook is not False else None
        if notebook and self._shell is None:
            logger.debug("no running IPython: progress of %r goes to the log", self.label)
        self._handle: Any = None

    @property
    def in_notebook(self) -> bool:
        """Whether updates go to a live notebook line (else to the log)."""
        return self._shell is not None

    def __enter__(self) -> NotebookProgress:
        self._show("started")
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close(failed=exc is not None)

    def __call__(self, details: RetryDetails, /) -> None:
        """Show one wait of a domain operation (what, why, seconds waited of the budget)."""
        self._show(
            f"{details.what}: {details.reason} "
            f"({details.waited:.0f} s of {details.budget:.0f} s, attempt {details.attempt})"
        )

    def advance(self, detail: str = "") -> None:
        """Count one finished item (of ``total``) and show ``detail``."""
        self.done += 1
        self._show(detail or "done")

    def close(self, *, failed: bool = False) -> None:
        """Show the final state of the line ("done" or "failed")."""
        self._show("failed" if failed else "done", final=True)

    def _text(self, detail: str, *, final: bool = False) -> str:
        mark = "\u2717" if final and detail == "failed" else ("\u2713" if final else "\u2026")
        count = f" {self.done}/{self.total}" if self.total is not None else ""
        return f"{mark} {self.label}{count}: {detail}"

    def _show(self, detail: str, *, final: bool = False) -> None:
        text = self._text(detail, final=final)
        self.last = text
        if self._shell is None:
            logger.info("%s", text)
            return
        try:
            display: Any = importlib.import_module("IPython.display").display
            if self._handle is None:
                self._handle = display(_Line(text), display_id=True)
            else:
                self._handle.update(_Line(text))
        except Exception:  # a hook must never stop the work it reports on
            logger.debug("could not update the notebook progress line", exc_info=True)
            logger.info("%s", text)
