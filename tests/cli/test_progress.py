"""The stderr progress line: silent off a terminal, self-erasing on one."""

from __future__ import annotations

import io

from modelcard_share.cli._progress import Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    with Progress("sharing", total=3, stream=stream) as progress:
        progress.advance("dev")
        progress.tick("waiting")
    assert progress.done == 1
    assert not progress.enabled
    assert stream.getvalue() == ""


def test_counter_on_a_terminal_is_erased_at_the_end() -> None:
    stream = _Terminal()
    with Progress("sharing churn", total=2, stream=stream) as progress:
        progress.advance("dev")
        progress.advance("test")
        drawn = stream.getvalue()
    assert "sharing churn 0/2" in drawn
    assert "sharing churn 1/2: dev" in drawn
    assert "sharing churn 2/2: test" in drawn
    assert "\n" not in drawn  # one self-overwriting line
    final = stream.getvalue()[len(drawn) :]
    assert final.strip() == ""
    assert final.startswith("\r")
    assert final.endswith("\r")


def test_spinner_pads_over_a_longer_previous_line() -> None:
    stream = _Terminal()
    progress = Progress("export", stream=stream)
    progress.tick("InProgress (15 s)")
    progress.tick("x")
    last = stream.getvalue().rsplit("\r", 1)[-1]
    assert last.startswith("- export: x")
    assert len(last) == len("/ export: InProgress (15 s)")
    progress.close()


def test_forced_off_on_a_terminal() -> None:
    stream = _Terminal()
    with Progress("x", stream=stream, enabled=False) as progress:
        progress.tick()
    assert stream.getvalue() == ""
