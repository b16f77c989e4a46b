"""``modelcard-share demo --automation``: the handler makes the shares from SageMaker's events."""

from __future__ import annotations

import json

import pytest

from modelcard_share.cli import main


def test_the_demo_shares_through_the_automation(capsys: pytest.CaptureFixture[str]) -> None:
    """Steps 2, 4 and 6 are the handler's, from events; consumers still accept invitations."""
    assert main(["demo", "--automation", "--invitations", "--output", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["passed"], report["automation"], report["organization"]) == (True, True, False)
    by_step = {
        s["number"]: [(a["account"], a["action"]) for a in s["actions"]] for s in report["steps"]
    }
    automated = {
        number: [text for account, text in actions if text.startswith("automation: ")]
        for number, actions in by_step.items()
    }
    assert {n for n, lines in automated.items() if lines} == {2, 4, 6}
    assert all(
        account == "shared-services"
        for n in (2, 4, 6)
        for account, text in by_step[n]
        if text.startswith("automation: ")
    )
    assert automated[2][0].endswith(
        "(reports Draft) -> shared customer-churn-model with dev (read-write) in share "
        "modelcard-customer-churn-model-read-write-external"
    )
    # dev's three changes are three events: the first (a Draft content update) shares with
    # test, because the card is PendingReview by then; the others find nothing to do
    assert "with test (read-write)" in automated[4][0]
    assert [line.split("-> ")[1] for line in automated[4][1:]] == [
        "unchanged, nothing to change",
        "unchanged, nothing to change",
    ]
    assert (
        "(reports Approved) -> shared customer-churn-model with prod (read-only)"
        in (automated[6][0])
    )
    assert not any(text.startswith("shared customer-churn-model") for _, text in by_step[2])
    accepted = [
        (n, account)
        for n, actions in by_step.items()
        for account, text in actions
        if text.startswith("accepted the invitation")
    ]
    assert accepted == [(2, "dev"), (4, "test"), (6, "prod")]
