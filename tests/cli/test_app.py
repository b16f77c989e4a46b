"""Global options, exit codes and error reporting of ``modelcard-share``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelcard_share.cli import main
from modelcard_share.sandbox import Sandbox

from .conftest import Cli, Run


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return Run(code, out, err)


def test_help_documents_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    result = _run(capsys, "--help")
    assert result.code == 0
    for line in (
        "0    ok",
        "2    usage or configuration error",
        "3    AWS error",
        "4    model card content",
        "130  interrupted",
    ):
        assert line in result.out
    for command in ("create", "show", "shared-with-me", "promote", "policy", "sandbox", "demo"):
        assert command in result.out
    assert main.__module__ == "modelcard_share.cli"
    import modelcard_share.cli as cli_package

    assert "130: interrupted" in (cli_package.__doc__ or "")


def test_usage_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["bogus"], [], ["show"], ["share", "card"], ["--output", "xml", "show", "x"]):
        result = _run(capsys, *argv)
        assert result.code == 2, argv
        [line] = result.err.splitlines()
        assert line.startswith("error: "), argv
        assert "--help" in line
        assert result.out == ""


def test_account_without_topology_is_a_configuration_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = _run(capsys, "show", "churn", "--account", "dev")
    assert result.code == 2
    assert (
        result.err
        == "error: --account dev needs --topology FILE (the account names come from the topology)\n"
    )


def test_bad_topology_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = _run(capsys, "--topology", str(tmp_path / "none.toml"), "show", "x")
    assert missing.code == 2
    assert missing.err.startswith("error: ")
    bad = tmp_path / "bad.toml"
    bad.write_text('home = "a"\n[accounts.a]\naccount_id = "123"\n', encoding="utf-8")
    invalid = _run(capsys, "--topology", str(bad), "show", "x")
    assert invalid.code == 2
    [line] = invalid.err.splitlines()
    assert "accounts.a" in line


def test_unknown_topology_account(cli: Cli) -> None:
    result = cli("show", "x", account="staging")
    assert result.code == 2
    assert "staging" in result.err
    assert "known: shared-services, dev, test, prod" in result.err


def test_global_options_before_or_after_the_command(cli: Cli, card: dict[str, Any]) -> None:
    before = cli("--output", "json", "status", "churn")
    after = cli("status", "churn", "--output", "json")
    assert before.code == after.code == 0
    assert before.json() == after.json() == {"name": "churn", "arn": card["arn"], "status": "Draft"}


def test_default_session_without_topology(
    sb: Sandbox, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    creds = sb.credentials("dev")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", creds["AccessKeyId"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", creds["SecretAccessKey"])
    monkeypatch.setenv("AWS_SESSION_TOKEN", creds["SessionToken"])
    result = _run(capsys, "create", "mine", "--region", "us-east-1", "--output", "json")
    assert result.code == 0, result.err
    assert result.json()["owner_account_id"] == sb.account_id("dev")


def test_errors_never_show_a_traceback_or_secrets(
    cli: Cli, sb: Sandbox, card: dict[str, Any]
) -> None:
    result = cli("status", "churn", "Archived")
    assert result.code == 1
    assert "Traceback" not in result.err
    debug = cli("status", "churn", "Archived", "--debug")
    assert debug.code == 1
    assert "Traceback (most recent call last)" in debug.err
    assert "debug: modelcard_share.aws.sessions: assumed " in debug.err  # the SDK's own log
    assert debug.err.splitlines()[-1].startswith("error: model card churn cannot go from Draft")
    secrets = [v for name in sb.accounts for v in sb.credentials(name).values()]
    for run in (result, debug, cli("show", "churn", "--debug", "--content")):
        for secret in secrets:
            assert secret not in run.out
            assert secret not in run.err


def test_unexpected_errors_exit_1_with_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("something broke")

    monkeypatch.setattr("modelcard_share.domain.consumer_identity_policy", boom)
    result = _run(capsys, "policy", "arn:aws:sagemaker:us-east-1:111111111111:model-card/x")
    assert result.code == 1
    assert result.err == (
        "error: unexpected RuntimeError: something broke (run with --debug for details)\n"
    )


def test_interrupt_exits_130(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(**kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("modelcard_share.sandbox.serve", interrupted)
    result = _run(capsys, "sandbox", "serve")
    assert result.code == 130
    assert result.err == "error: interrupted\n"


def test_sandbox_serve_passes_the_options(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def fake_serve(**kwargs: Any) -> None:
        seen.update(kwargs)
        kwargs["out"]("# modelcard-share sandbox on http://127.0.0.1:5001")

    monkeypatch.setattr("modelcard_share.sandbox.serve", fake_serve)
    result = _run(capsys, "sandbox", "serve", "--port", "5001", "--no-organization")
    assert result.code == 0
    assert result.out == "# modelcard-share sandbox on http://127.0.0.1:5001\n"
    assert (seen["port"], seen["host"], seen["organization"], seen["region"]) == (
        5001,
        "127.0.0.1",
        False,
        "us-east-1",
    )
    assert _run(capsys, "sandbox").code == 2


def test_closed_pipe_exits_quietly(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def reader_gone(*args: Any, **kwargs: Any) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("modelcard_share.domain.consumer_identity_policy", reader_gone)
    result = _run(capsys, "policy", "arn:aws:sagemaker:us-east-1:111111111111:model-card/x")
    assert result.code == 1
    assert result.err == ""


COMMAND_WORDS = [
    "create",
    "show",
    "update",
    "status",
    "versions",
    "diff",
    "export",
    "promote",
    "share",
    "unshare",
    "shares",
    "invitations",
    "shared-with-me",
    "policy",
    "lifecycle",
    "content",
    "from-training-job",
    "add-evaluation",
    "sync",
    "list",
    "accept",
]
JUNK_WORDS = [
    "churn",
    "dev",
    "prod",
    "111111111111",
    "111111111111\n",
    "--access",
    "read-only",
    "nope",
    "--card",
    "--version",
    "-1",
    "0",
    "nan",
    "--timeout",
    "--to",
    "Approved",
    "--content",
    "/nonexistent",
    "s3://",
    "arn:aws:sagemaker:us-east-1:111111111111:model-card/churn",
    "--output",
    "json",
    "--allow-external",
    "--kind",
    "--dry-run",
    "\u0661" * 12,
    "",
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    argv=st.lists(
        st.sampled_from(COMMAND_WORDS + JUNK_WORDS) | st.text(max_size=5), min_size=1, max_size=6
    )
)
def test_junk_command_lines_exit_with_a_documented_code(cli: Cli, argv: list[str]) -> None:
    """Any command line ends with a documented exit code and a one-line error, never a crash."""
    result = cli(*argv)
    assert result.code in (0, 1, 2, 3, 4), result
    assert "unexpected" not in result.err, result.err
    assert "Traceback" not in result.err
    if result.code:
        assert result.err.startswith(("error: ", "usage: ")), result.err
