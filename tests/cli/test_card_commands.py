"""create / show / update / status / versions / diff / export through ``main``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from modelcard_share.sandbox import Sandbox

from .conftest import ACCOUNTS, SEED_CONTENT, Cli


def _write(path: Path, data: Any) -> str:
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_create_prints_the_card(card: dict[str, Any]) -> None:
    assert card["name"] == "churn"
    assert card["status"] == "Draft"
    assert card["version"] == 1
    assert card["owner_account_id"] == ACCOUNTS["shared-services"]
    assert card["model_owner"] == "model-owner"
    assert card["arn"] == "arn:aws:sagemaker:us-east-1:111111111111:model-card/churn"


def test_create_table_output(cli: Cli) -> None:
    result = cli("create", "plain", "--tag", "team=ml")
    assert result.code == 0
    assert result.out.splitlines()[0] == "created model card plain"
    assert "status:" in result.out
    assert "Draft" in result.out
    assert result.err == ""


def test_create_twice_is_an_aws_error(cli: Cli, card: dict[str, Any]) -> None:
    result = cli("create", "churn")
    assert result.code == 3
    assert result.err.startswith("error: ")
    assert len(result.err.splitlines()) == 1


def test_create_with_invalid_content_exits_4_before_any_call(cli: Cli, tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.json", {"intended_uses": {"risk_rating": "Extreme"}})
    result = cli("create", "broken", "--content", bad)
    assert result.code == 4
    assert result.out == ""
    [line] = result.err.splitlines()
    assert line.startswith("error: model card content has 1 problem: intended_uses.risk_rating")
    assert cli("show", "broken").code == 3  # nothing was created


def test_create_with_missing_content_file_exits_2(cli: Cli, tmp_path: Path) -> None:
    result = cli("create", "x", "--content", str(tmp_path / "nope.json"))
    assert result.code == 2
    assert "cannot read content file" in result.err
    assert "nope.json" in result.err


def test_create_with_bad_name_exits_2(cli: Cli) -> None:
    result = cli("create", "not_a_valid_name!")
    assert result.code == 2
    assert "invalid model card name 'not_a_valid_name!'" in result.err


def test_show_by_name_and_by_arn_from_a_consumer(cli: Cli, card: dict[str, Any]) -> None:
    own = cli("show", "churn", "--content", "--output", "json").json()
    assert own["content"] == SEED_CONTENT
    assert own["content_problems"] == []
    assert cli("share", "churn", "dev").code == 0
    shared = cli("show", card["arn"], "--output", "json", account="dev").json()
    assert shared["arn"] == card["arn"]
    assert shared["owner_account_id"] == ACCOUNTS["shared-services"]
    # The consumer cannot see the card by bare name: it is not in its account.
    missing = cli("show", "churn", account="dev")
    assert missing.code == 3
    assert "churn" in missing.err


def test_show_table_includes_content(cli: Cli, card: dict[str, Any]) -> None:
    result = cli("show", "churn", "--content")
    assert result.code == 0
    assert '"problem_type": "Customer Churn Model"' in result.out


def test_update_makes_a_new_version(cli: Cli, card: dict[str, Any], tmp_path: Path) -> None:
    new = SEED_CONTENT | {"intended_uses": {"risk_rating": "Low"}}
    result = cli("update", "churn", "--content", _write(tmp_path / "v2.json", new))
    assert result.code == 0, result.err
    assert "version 1 -> 2" in result.out
    shown = cli("show", "churn", "--output", "json").json()
    assert (shown["version"], shown["risk_rating"]) == (2, "Low")


def test_update_from_stdin(cli: Cli, card: dict[str, Any], monkeypatch: Any) -> None:
    import io

    monkeypatch.setattr(
        "sys.stdin", io.StringIO(json.dumps(SEED_CONTENT | {"business_details": {}}))
    )
    result = cli("update", "churn", "--content", "-", "--output", "json")
    assert result.code == 0, result.err
    assert result.json()["version"] == 2


def test_update_from_read_only_consumer_is_refused(
    cli: Cli, card: dict[str, Any], content_file: Path
) -> None:
    assert cli("share", "churn", "prod", "--access", "read-only").code == 0
    result = cli("update", card["arn"], "--content", str(content_file), account="prod")
    assert result.code == 3
    [line] = result.err.splitlines()
    assert line.startswith("error: ")
    assert "AccessDenied" in line
    assert "Traceback" not in result.err


def test_status_show_and_change(cli: Cli, card: dict[str, Any]) -> None:
    assert cli("status", "churn").out.strip() == "churn: Draft"
    moved = cli("status", "churn", "PendingReview", "--output", "json")
    assert moved.code == 0
    assert moved.json()["previous_status"] == "Draft"
    assert moved.json()["status"] == "PendingReview"
    assert cli("status", "churn", "Approved").out.strip() == "churn: PendingReview -> Approved"


def test_status_transition_not_allowed_exits_1(cli: Cli, card: dict[str, Any]) -> None:
    result = cli("status", "churn", "Archived")
    assert result.code == 1
    assert "cannot go from Draft to Archived" in result.err
    assert cli("status", "churn", "Bogus").code == 2


def test_versions_and_diff(cli: Cli, card: dict[str, Any], tmp_path: Path) -> None:
    new = SEED_CONTENT | {"intended_uses": {"purpose_of_model": "churn"}}
    assert cli("update", "churn", "--content", _write(tmp_path / "v2.json", new)).code == 0
    versions = cli("versions", "churn", "--output", "json").json()
    assert [v["version"] for v in versions["versions"]] == [1, 2]
    table = cli("versions", "churn").out.splitlines()
    assert table[0].split() == ["VERSION", "STATUS", "MODIFIED"]
    diff = cli("diff", "churn", "1", "--output", "json").json()
    assert (diff["old_version"], diff["new_version"]) == (1, 2)
    assert diff["changes"] == [
        {
            "path": "intended_uses",
            "kind": "added",
            "old": None,
            "new": {"purpose_of_model": "churn"},
        }
    ]
    text = cli("diff", "churn", "2", "--to", "1").out
    assert text.startswith("diff v1 -> v2")
    assert "+ intended_uses" in text


def test_diff_with_bad_version_is_a_usage_error(cli: Cli, card: dict[str, Any]) -> None:
    result = cli("diff", "churn", "0")
    assert result.code == 2
    assert "'0' must be 1 or more" in result.err


def test_export_waits_for_the_pdf(cli: Cli, sb: Sandbox, card: dict[str, Any]) -> None:
    sb.session("shared-services").client("s3").create_bucket(Bucket="exports")
    result = cli("export", "churn", "s3://exports/cards", "--output", "json")
    assert result.code == 0, result.err
    job = result.json()
    assert job["status"] == "Completed"
    assert job["output_location"].startswith("s3://exports/cards/")
    assert job["output_location"].endswith("churn-v1.pdf")
    assert result.err == ""  # no progress line when stderr is not a terminal


def test_export_to_a_missing_bucket_fails_with_exit_1(cli: Cli, card: dict[str, Any]) -> None:
    result = cli("export", "churn", "s3://no-such-bucket/x")
    assert result.code == 1
    assert "failed" in result.err
    assert "no-such-bucket" in result.err


def test_export_bad_uri_is_a_usage_error(cli: Cli, card: dict[str, Any]) -> None:
    result = cli("export", "churn", "https://bucket/key")
    assert result.code == 2
    assert "https://bucket/key" in result.err


def test_export_without_waiting_returns_the_job(
    cli: Cli, sb: Sandbox, card: dict[str, Any]
) -> None:
    sb.session("shared-services").client("s3").create_bucket(Bucket="exports")
    result = cli("export", "churn", "s3://exports", "--no-wait", "--job-name", "job-1")
    assert result.code == 0, result.err
    assert (
        "arn:aws:sagemaker:us-east-1:111111111111:model-card/churn/export-job/job-1" in result.out
    )
    assert "name:" in result.out


def test_content_from_training_job_dry_run_then_fill(
    cli: Cli, card: dict[str, Any], sb: Sandbox
) -> None:
    """`content from-training-job` shows the diff with --dry-run, then writes one version."""
    sb.create_training_job("dev", name="churn-job")
    dry = cli(
        "content",
        "from-training-job",
        "churn-job",
        "--card",
        "churn",
        "--source-account",
        "dev",
        "--dry-run",
    )
    assert dry.code == 0, dry.err
    assert dry.out.startswith("churn: dry run, training job churn-job would change 1 path(s)")
    assert "+ training_details" in dry.out
    done = cli(
        "content",
        "from-training-job",
        "churn-job",
        "--card",
        "churn",
        "--source-account",
        "dev",
        "--output",
        "json",
    )
    assert done.code == 0, done.err
    assert (done.json()["written"], done.json()["version"]) == (True, 2)
    again = cli(
        "content", "from-training-job", "churn-job", "--card", "churn", "--source-account", "dev"
    )
    assert "changes nothing (version 2)" in again.out


def test_content_add_evaluation_from_a_report_file(cli: Cli, card: dict[str, Any]) -> None:
    """`content add-evaluation FILE --kind` adds one evaluation entry; a bad kind exits 2."""
    report = Path(__file__).resolve().parent.parent / "fill" / "data" / "clarify_bias_analysis.json"
    result = cli(
        "content", "add-evaluation", str(report), "--card", "churn", "--kind", "clarify-bias"
    )
    assert result.code == 0, result.err
    assert "now version 2" in result.out
    bad = cli("content", "add-evaluation", str(report), "--card", "churn", "--kind", "nope")
    assert bad.code == 2
