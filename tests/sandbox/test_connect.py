"""Issue 12 item 9: reach a served sandbox from Python and from the AWS CLI, by profile file."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from modelcard_share.sandbox import DEFAULT_ACCOUNTS, Sandbox, SandboxArgumentError

from ._helpers import CONTENT


@pytest.fixture(scope="module")
def served() -> Iterator[Sandbox]:
    """The default sandbox served over HTTP."""
    with Sandbox(accounts=DEFAULT_ACCOUNTS, server=True) as sb:
        yield sb


def test_connect_gives_sessions_that_carry_the_endpoint(served: Sandbox) -> None:
    """Sandbox.connect(endpoint).session(name) acts as the account at the sandbox endpoint."""
    assert served.endpoint_url is not None
    remote = Sandbox.connect(served.endpoint_url)
    assert remote.account_id("dev") == "222222222222"
    session = remote.session("dev")
    assert session.client("sts").get_caller_identity()["Account"] == "222222222222"
    sm = remote.client("dev", "sagemaker")
    arn = sm.create_model_card(ModelCardName="remote", Content=CONTENT, ModelCardStatus="Draft")[
        "ModelCardArn"
    ]
    local = served.client("dev", "sagemaker").describe_model_card(ModelCardName=arn)
    assert local["ModelCardName"] == "remote"
    assert set(remote.credentials("prod")) == {"AccessKeyId", "SecretAccessKey", "SessionToken"}
    with pytest.raises(SandboxArgumentError, match="unknown account 'nope'"):
        remote.session("nope")


def test_server_mode_sessions_carry_the_endpoint(served: Sandbox) -> None:
    """sandbox.session(name).client(...) goes to the HTTP endpoint without endpoint_url."""
    client = served.session("test").client("sagemaker")
    assert client.meta.endpoint_url == served.endpoint_url


def test_profile_file_has_one_profile_per_account(served: Sandbox, tmp_path: Path) -> None:
    """The profile file holds credentials, region and endpoint_url for every account."""
    path = served.profile_file(tmp_path / "config")
    parser = configparser.ConfigParser()
    parser.read(path)
    assert parser.sections() == [f"profile {name}" for name in DEFAULT_ACCOUNTS]
    dev = parser["profile dev"]
    assert (dev["endpoint_url"], dev["region"]) == (served.endpoint_url, "us-east-1")
    assert dev["aws_access_key_id"] == served.credentials("dev")["AccessKeyId"]
    assert oct(path.stat().st_mode & 0o777) == "0o600"


@pytest.mark.skipif(
    shutil.which("aws") is None, reason="the AWS CLI is not installed (pip install awscli)"
)
def test_aws_cli_with_the_profile_file(served: Sandbox, tmp_path: Path) -> None:
    """The AWS CLI, given only AWS_CONFIG_FILE and --profile, reaches the sandbox as the account."""
    path = served.profile_file(tmp_path / "config")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("AWS_") and k not in ("HTTP_PROXY", "HTTPS_PROXY")
    }
    env |= {"AWS_CONFIG_FILE": str(path), "AWS_SHARED_CREDENTIALS_FILE": os.devnull}
    aws = shutil.which("aws")
    assert aws is not None

    def run(*args: str) -> str:
        done = subprocess.run(
            [aws, "--profile", "prod", *args, "--output", "text"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        return done.stdout.strip()

    assert run("sts", "get-caller-identity", "--query", "Account") == "444444444444"
    card = served.client("dev", "sagemaker").create_model_card(
        ModelCardName="cli", Content=CONTENT, ModelCardStatus="Draft"
    )["ModelCardArn"]
    served.client("dev", "ram").create_resource_share(
        name="cli", resourceArns=[card], principals=["444444444444"]
    )
    assert (
        run(
            "ram",
            "list-resources",
            "--resource-owner",
            "OTHER-ACCOUNTS",
            "--query",
            "resources[0].arn",
        )
        == card
    )
    assert (
        run(
            "sagemaker",
            "describe-model-card",
            "--model-card-name",
            card,
            "--query",
            "ModelCardStatus",
        )
        == "Draft"
    )
