"""``modelcard-share demo``: the seven steps on an embedded sandbox, and a failing check."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest

from modelcard_share.cli import main
from modelcard_share.domain import ModelCard


def test_demo_runs_seven_steps(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    for number in range(1, 8):
        assert f"Step {number}/7: " in out
    assert out.count("... ok") == 7
    assert out.rstrip().endswith("demo passed: all 7 checks held")
    # Who did it, with account ids.
    assert "dev (222222222222): filled training details and a bias evaluation" in out
    assert "prod (444444444444): tried to update the card: refused (AccessDeniedError)" in out
    assert "shared-services (111111111111): exported a PDF to s3://" in out
    # What each account sees at the end.
    last_view = out.rsplit("what each account can see now:", 1)[1]
    assert "owns customer-churn-model [Approved]" in last_view
    assert "customer-churn-model shared read-only: describe ok (Approved, v3)" in last_view
    assert "accepted the invitation" not in out  # inside the organization: no invitations


def test_demo_with_invitations_json_report(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The user's AWS profile (here one that does not exist) plays no part in the demo.
    monkeypatch.setenv("AWS_PROFILE", "no-such-profile")
    assert main(["demo", "--invitations", "--output", "json"]) == 0
    assert os.environ["AWS_PROFILE"] == "no-such-profile"
    assert os.environ["AWS_CONFIG_FILE"] == "/dev/null"  # as the suite set it
    report = json.loads(capsys.readouterr().out)
    assert report["passed"] is True
    assert report["organization"] is False
    assert [s["number"] for s in report["steps"]] == [1, 2, 3, 4, 5, 6, 7]
    assert all(s["passed"] for s in report["steps"])
    step3 = report["steps"][2]
    assert {a["account"] for a in step3["actions"]} == {"dev"}
    assert step3["actions"][0]["account_id"] == "222222222222"
    assert set(report["steps"][0]["views"]) == {"shared-services", "dev", "test", "prod"}
    # Every consumer accepted its invitation, in steps 2, 4 and 6.
    accepted = [
        (s["number"], a["account"])
        for s in report["steps"]
        for a in s["actions"]
        if a["action"].startswith("accepted the invitation")
    ]
    assert accepted == [(2, "dev"), (4, "test"), (6, "prod")]
    assert report["steps"][6]["views"]["prod"].endswith(
        "describe ok (Approved, v3), may not update"
    )


def test_demo_exits_1_naming_the_failed_step(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def lost_update(self: ModelCard, content: Any, *, force: bool = False) -> ModelCard:
        return self  # the update silently goes nowhere

    monkeypatch.setattr(ModelCard, "update", lost_update)
    assert main(["demo"]) == 1
    out, err = capsys.readouterr()
    assert "Step 3/7" in out
    assert "Step 4/7" not in out
    assert "FAILED" in out
    [line] = err.splitlines()
    assert line.startswith("error: demo step 3 (dev fills the card from its training job")
    assert "owner sees version 1, expected 3" in line


def test_demo_names_the_step_an_unexpected_error_broke(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("RAM is down")

    monkeypatch.setattr("modelcard_share.domain.shared_with_me", broken)
    assert main(["demo", "--output", "json"]) == 1
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert report["passed"] is False
    assert [s["passed"] for s in report["steps"]] == [False]  # views of step 1 call it too
    assert report["steps"][0]["detail"] == "RuntimeError: RAM is down"
    title = "shared-services creates a Draft model card"
    assert err == f"error: demo step 1 ({title}) failed: RuntimeError: RAM is down\n"


def test_demo_passes_offline_whatever_the_aws_environment_says(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """AWS_ENDPOINT_URL, a missing profile and a bogus region do not reach the demo's sandbox."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("AWS_ENDPOINT_URL_SAGEMAKER", "http://127.0.0.1:9")
    monkeypatch.setenv("AWS_PROFILE", "no-such-profile")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "moon-1")
    monkeypatch.setenv("AWS_REGION", "moon-1")
    assert main(["demo"]) == 0
    out, err = capsys.readouterr()
    assert out.rstrip().endswith("demo passed: all 7 checks held")
    assert err == ""


def test_demo_into_a_closed_pipe_does_not_report_a_failure() -> None:
    """`modelcard-share demo | head -3`: the demo finishes quietly, exit 0, nothing on stderr."""
    import shutil
    import subprocess
    import sys

    bash = shutil.which("bash")
    assert bash is not None
    shell = f"{sys.executable} -m modelcard_share.cli demo | head -3"
    done = subprocess.run(
        [bash, "-o", "pipefail", "-c", shell],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("modelcard-share demo:")
    assert len(done.stdout.splitlines()) == 3
    assert done.stderr == ""
