"""Invitations through ``main`` when the accounts are outside any organization."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import ACCOUNTS, SEED_CONTENT, Cli


def _card(cli: Cli, tmp_path: Path) -> str:
    content = tmp_path / "c.json"
    content.write_text(json.dumps(SEED_CONTENT), encoding="utf-8")
    created = cli("create", "churn", "--content", str(content), "--output", "json")
    assert created.code == 0, created.err
    arn: str = created.json()["arn"]
    return arn


def test_external_share_needs_allow_external(cli_invitations: Cli, tmp_path: Path) -> None:
    _card(cli_invitations, tmp_path)
    """The CLI names its own flag, --allow-external, once, not the Python argument."""
    refused = cli_invitations("share", "churn", "dev")
    assert refused.code == 3
    assert refused.err.count("--allow-external") == 1
    assert "allow_external=" not in refused.err


def test_accept_invitation_then_read(cli_invitations: Cli, tmp_path: Path) -> None:
    cli = cli_invitations
    arn = _card(cli, tmp_path)
    shared = cli("share", "churn", "dev", "--allow-external", "--output", "json").json()
    assert shared["shares"][0]["awaits_invitation"] is True
    assert "(invitation sent)" in cli("share", "churn", "dev", "--allow-external").out
    pending = cli("invitations", "list", "--output", "json", account="dev").json()
    assert len(pending) == 1
    assert pending[0]["sender_account_id"] == ACCOUNTS["shared-services"]
    assert pending[0]["status"] == "PENDING"
    assert cli("show", arn, account="dev").code == 3  # not accepted yet
    accepted = cli("invitations", "accept", "--all", "--output", "json", account="dev").json()
    assert [i["status"] for i in accepted] == ["ACCEPTED"]
    assert cli("show", arn, account="dev").code == 0
    assert cli("invitations", "list", account="dev").out.strip() == "no pending invitations"
    everything = cli("invitations", "list", "--all", "--output", "json", account="dev").json()
    assert [i["status"] for i in everything] == ["ACCEPTED"]
    again = cli("invitations", "accept", pending[0]["arn"], account="dev")
    assert again.code == 3
    assert len(again.err.splitlines()) == 1


def test_reject_invitation_by_arn(cli_invitations: Cli, tmp_path: Path) -> None:
    cli = cli_invitations
    arn = _card(cli, tmp_path)
    assert cli("share", "churn", "test", "--allow-external").code == 0
    [invitation] = cli("invitations", "list", "--output", "json", account="test").json()
    rejected = cli("invitations", "reject", invitation["arn"], "--output", "json", account="test")
    assert rejected.code == 0, rejected.err
    assert rejected.json()[0]["status"] == "REJECTED"
    assert cli("show", arn, account="test").code == 3


def test_accept_needs_arns_or_all(cli_invitations: Cli) -> None:
    result = cli_invitations("invitations", "accept", account="dev")
    assert result.code == 2
    assert "give invitation ARNs or --all" in result.err
    unknown = "arn:aws:ram:us-east-1:111111111111:resource-share-invitation/nope"
    missing = cli_invitations("invitations", "reject", unknown, account="dev")
    assert missing.code == 3
    assert unknown in missing.err
