"""``promote``: one lifecycle step and the next stage's share, through ``Lifecycle``."""

from __future__ import annotations

from typing import Any

from .conftest import ACCOUNTS, Cli


def test_promote_walks_the_lifecycle(cli: Cli, card: dict[str, Any]) -> None:
    """Each promote moves one step and shares exactly with the stages that now see the card."""
    first = cli("promote", "churn", "--output", "json")
    assert first.code == 0, first.err
    step = first.json()
    assert (step["previous_status"], step["status"]) == ("Draft", "PendingReview")
    assert step["stages"] == ["dev", "test"]
    access = {a["name"]: a["access"] for a in step["accounts"]}
    assert access == {"dev": "read-write", "test": "read-write", "prod": None}

    second = cli("promote", "churn")
    assert second.code == 0, second.err
    head, *rows = second.out.splitlines()
    assert head == "churn: PendingReview -> Approved (visible to stages: dev, test, prod)"
    assert rows[0].split() == ["ACCOUNT", "ID", "STAGE", "EXPECTED", "HOLDS"]
    prod = next(r for r in rows if r.startswith("prod"))
    assert prod.split() == [
        "prod",
        ACCOUNTS["prod"],
        "prod",
        "read-only",
        "read-only",
        "(ASSOCIATED)",
        "ok",
    ]

    again = cli("promote", "churn", "--to", "Approved", "--output", "json").json()
    assert (again["previous_status"], again["status"]) == ("Approved", "Approved")
    assert len(cli("shares", "churn", "--output", "json").json()["shares"]) == 2


def test_promote_past_the_end_exits_1(cli: Cli, card: dict[str, Any]) -> None:
    for _ in range(3):
        assert cli("promote", "churn").code == 0
    result = cli("promote", "churn")
    assert result.code == 1
    assert "end of the lifecycle" in result.err


def test_promote_needs_a_topology(cli: Cli) -> None:
    result = cli("promote", "churn", topo=False)
    assert result.code == 2
    assert "promote needs --topology FILE" in result.err
