"""share / unshare / shares / shared-with-me / policy through ``main`` (organization mode)."""

from __future__ import annotations

import json
from typing import Any

from .conftest import ACCOUNTS, Cli

DEV, TEST, PROD = ACCOUNTS["dev"], ACCOUNTS["test"], ACCOUNTS["prod"]


def test_share_by_name_and_id_fans_out(cli: Cli, card: dict[str, Any]) -> None:
    result = cli("share", "churn", "dev", TEST, "--output", "json")
    assert result.code == 0, result.err
    rows = result.json()["shares"]
    assert [r["principal"] for r in rows] == ["dev", TEST]
    assert {r["access"] for r in rows} == {"read-write"}
    assert {r["status"] for r in rows} == {"ASSOCIATED"}
    assert len({r["share_arn"] for r in rows}) == 1  # one share per access level
    assert result.err == ""  # progress is silent off a terminal


def test_share_is_idempotent(cli: Cli, card: dict[str, Any]) -> None:
    first = cli("share", "churn", "dev", "--output", "json").json()
    again = cli("share", "churn", "dev", "--output", "json").json()
    assert first["shares"][0]["share_arn"] == again["shares"][0]["share_arn"]
    shares = cli("shares", "churn", "--output", "json").json()["shares"]
    assert len(shares) == 1
    assert [p["principal"] for p in shares[0]["principals"]] == [DEV]


def test_read_only_goes_to_a_separate_share(cli: Cli, card: dict[str, Any]) -> None:
    assert cli("share", "churn", "dev").code == 0
    assert cli("share", "churn", "prod", "--access", "read-only").code == 0
    shares = cli("shares", "churn", "--output", "json").json()["shares"]
    by_access = {s["access"]: [p["principal"] for p in s["principals"]] for s in shares}
    assert by_access == {"read-write": [DEV], "read-only": [PROD]}
    table = cli("shares", "churn").out.splitlines()
    assert table[0].split() == ["SHARE", "ACCESS", "SHARE", "STATUS", "PRINCIPAL", "ASSOCIATION"]
    assert any(PROD in line and "read-only" in line for line in table[1:])


def test_shares_of_an_unshared_card(cli: Cli, card: dict[str, Any]) -> None:
    result = cli("shares", "churn")
    assert result.code == 0
    assert result.out.strip() == "churn is not shared"


def test_unshare(cli: Cli, card: dict[str, Any]) -> None:
    assert cli("share", "churn", "dev", "test").code == 0
    removed = cli("unshare", "churn", "dev", "prod", "--output", "json").json()["unshared"]
    assert removed[0]["principal"] == "dev"
    assert removed[0]["removed_from"] == ["modelcard-churn-read-write"]
    assert removed[1] == {"principal": "prod", "removed_from": []}
    shares = cli("shares", "churn", "--output", "json").json()["shares"]
    live = {p["principal"] for s in shares for p in s["principals"] if p["status"] == "ASSOCIATED"}
    assert live == {TEST}
    assert "(was not shared)" in cli("unshare", "churn", "prod").out


def test_share_unknown_principal_is_a_usage_error(cli: Cli, card: dict[str, Any]) -> None:
    result = cli("share", "churn", "staging")
    assert result.code == 2
    [line] = result.err.splitlines()
    assert "unknown principal 'staging'" in line
    assert "known accounts: dev, prod, shared-services, test" in line


def test_consumer_cannot_share(cli: Cli, card: dict[str, Any]) -> None:
    assert cli("share", "churn", "dev").code == 0
    result = cli("share", card["arn"], "test", account="dev")
    assert result.code == 3
    assert "only its owner can share it" in result.err


def test_shared_with_me(cli: Cli, card: dict[str, Any]) -> None:
    assert cli("shared-with-me", account="dev").out.strip() == (
        "nothing is shared with this account"
    )
    assert cli("share", "churn", "dev").code == 0
    listed = cli("shared-with-me", "--output", "json", account="dev").json()
    assert [r["arn"] for r in listed] == [card["arn"]]
    assert listed[0]["owner_account_id"] == ACCOUNTS["shared-services"]
    assert listed[0]["share_count"] == 1
    other = cli("shared-with-me", "--owner", "999999999999", "--output", "json", account="dev")
    assert other.json() == []


def test_invitations_list_is_empty_inside_the_organization(cli: Cli, card: dict[str, Any]) -> None:
    assert cli("share", "churn", "dev").code == 0
    assert cli("invitations", "list", "--output", "json", account="dev").json() == []
    assert cli("invitations", "list", account="dev").out.strip() == "no pending invitations"


def test_policy_identity_document(cli: Cli) -> None:
    arn = "arn:aws:sagemaker:us-east-1:111111111111:model-card/churn"
    result = cli("policy", arn, "--access", "read-only", topo=False)
    assert result.code == 0, result.err
    doc = json.loads(result.out)  # table output is the JSON document too
    assert doc["Version"] == "2012-10-17"
    first = doc["Statement"][0]
    assert first["Action"] == ["sagemaker:DescribeModelCard", "sagemaker:ListModelCardVersions"]
    assert first["Resource"] == [arn, f"{arn}/*"]
    assert doc["Statement"][-1]["Action"] == [
        "ram:GetResourceShareInvitations",
        "ram:AcceptResourceShareInvitation",
    ]


def test_policy_export_with_kms_and_no_invitations(cli: Cli) -> None:
    arn = "arn:aws:sagemaker:us-east-1:111111111111:model-card/churn"
    key = "arn:aws:kms:us-east-1:111111111111:key/1234"
    doc = cli(
        "policy",
        arn,
        "--access",
        "export",
        "--export-location",
        "s3://dev-exports/cards",
        "--kms-key-arn",
        key,
        "--no-invitations",
        "--output",
        "json",
        topo=False,
    ).json()
    sids = [s["Sid"] for s in doc["Statement"]]
    assert sids == ["UseSharedModelCard", "WriteModelCardExports", "UseOwnersModelCardKey"]
    assert doc["Statement"][1]["Resource"] == ["arn:aws:s3:::dev-exports/cards/*"]
    assert doc["Statement"][2]["Resource"] == [key]


def test_policy_key_statement(cli: Cli) -> None:
    arn = "arn:aws:sagemaker:eu-west-1:111111111111:model-card/churn"
    role = "arn:aws:iam::222222222222:role/reader"
    doc = cli("policy", arn, "--key-policy", "--consumer-role", role, topo=False)
    statement = json.loads(doc.out)
    assert statement["Principal"] == {"AWS": [role]}
    assert (
        statement["Condition"]["StringEquals"]["kms:EncryptionContext:aws:sagemaker:model-card-arn"]
        == arn
    )
    assert (
        "sagemaker.eu-west-1.amazonaws.com"
        in statement["Condition"]["StringEquals"]["kms:ViaService"]
    )


def test_policy_errors_are_usage_errors(cli: Cli) -> None:
    arn = "arn:aws:sagemaker:us-east-1:111111111111:model-card/churn"
    no_location = cli("policy", arn, "--access", "export", topo=False)
    assert no_location.code == 2
    assert "export_location" in no_location.err
    assert cli("policy", arn, "--key-policy", topo=False).code == 2
    assert cli("policy", arn, "--consumer-role", "arn:aws:iam::2:role/x", topo=False).code == 2
    by_name = cli("policy", "churn", topo=False)
    assert by_name.code == 2
    assert "'churn' is not the ARN of a model card or model package group" in by_name.err


def test_share_and_wait(cli: Cli, card: dict[str, Any]) -> None:
    result = cli("share", "churn", "dev", "--wait", "--timeout", "5", "--output", "json")
    assert result.code == 0, result.err
    assert result.json()["shares"][0]["status"] == "ASSOCIATED"


def test_consumer_cannot_list_the_shares(cli: Cli, card: dict[str, Any]) -> None:
    assert cli("share", "churn", "dev").code == 0
    result = cli("shares", card["arn"], account="dev")
    assert result.code == 3
    assert "only its owner can list its shares" in result.err
    assert "shared-with-me" in result.err
