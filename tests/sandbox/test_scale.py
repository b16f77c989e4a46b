"""Issue 13 item 3: the RAM emulation's work per listed page does not grow with the share count."""

from __future__ import annotations

from typing import Any

import pytest

from modelcard_share.sandbox import Sandbox, _ram_state

from ._helpers import client, make_card


def _count(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    calls = [0]
    original = getattr(_ram_state, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(_ram_state, name, counted)
    return calls


def _page_work(sb: Sandbox, monkeypatch: pytest.MonkeyPatch, shares: int) -> tuple[int, int]:
    card = make_card(sb, name=f"c{shares}")
    ram = client(sb, "dev", "ram")
    for n in range(shares):
        ram.create_resource_share(name=f"s{n}", resourceArns=[card], principals=["444444444444"])
    settled = _count(monkeypatch, "_settle")
    checked = _count(monkeypatch, "_current")
    prod = client(sb, "prod", "ram")
    page = prod.get_resource_shares(resourceOwner="OTHER-ACCOUNTS", maxResults=10)
    assert len(page["resourceShares"]) == 10
    page = ram.get_resource_shares(resourceOwner="SELF", maxResults=10)
    assert len(page["resourceShares"]) == 10
    monkeypatch.undo()
    return settled[0], checked[0]


def test_listing_does_no_work_for_unrelated_or_settled_shares(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No transition is re-examined per request, and only shares naming the caller are touched."""
    small = _page_work(sandbox, monkeypatch, 20)
    sandbox.reset()
    large = _page_work(sandbox, monkeypatch, 200)
    assert small[0] == large[0] == 0  # nothing due: tick settles no share
    # shares touched = those naming prod (all of them here); the other accounts cost nothing
    assert large[1] == 200
    other = client(sandbox, "test", "ram")
    checked = _count(monkeypatch, "_current")
    assert other.get_resource_shares(resourceOwner="OTHER-ACCOUNTS")["resourceShares"] == []
    assert checked[0] == 0
