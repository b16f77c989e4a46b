"""The same scenario in-process and over HTTP (moto's ThreadedMotoServer), and `serve`."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import boto3
import pytest
from botocore.exceptions import ClientError

from modelcard_share.sandbox import DEFAULT_ACCOUNTS, Sandbox, serve
from modelcard_share.sandbox.__main__ import main

ACCOUNTS = {"owner": "111111111111", "consumer": "222222222222"}
V2 = '{"model_overview": {"model_description": "v2"}}'
MakeClient = Callable[[str, str], Any]


def scenario(make: MakeClient) -> dict[str, Any]:
    """Share a card with an invitation, accept it, read and update it from the consumer."""
    owner_sm = make("owner", "sagemaker")
    card = owner_sm.create_model_card(ModelCardName="m", Content="{}", ModelCardStatus="Draft")[
        "ModelCardArn"
    ]
    consumer_sm = make("consumer", "sagemaker")
    with pytest.raises(ClientError) as exc:
        consumer_sm.describe_model_card(ModelCardName=card)
    denied = exc.value.response["Error"]["Code"]
    make("owner", "ram").create_resource_share(
        name="s", resourceArns=[card], principals=["222222222222"]
    )
    ram = make("consumer", "ram")
    [invitation] = ram.get_resource_share_invitations()["resourceShareInvitations"]
    ram.accept_resource_share_invitation(
        resourceShareInvitationArn=invitation["resourceShareInvitationArn"]
    )
    consumer_sm.update_model_card(ModelCardName=card, Content=V2)
    described = consumer_sm.describe_model_card(ModelCardName=card)
    resources = ram.list_resources(resourceOwner="OTHER-ACCOUNTS")["resources"]
    return {
        "denied": denied,
        "invitation": invitation["status"],
        "version": described["ModelCardVersion"],
        "content": described["Content"],
        "resources": [r["arn"] for r in resources],
        "who": make("consumer", "sts").get_caller_identity()["Account"],
    }


EXPECTED = {
    "denied": "ResourceNotFound",
    "invitation": "PENDING",
    "version": 2,
    "content": V2,
    "resources": ["arn:aws:sagemaker:us-east-1:111111111111:model-card/m"],
    "who": "222222222222",
}


def test_scenario_in_process() -> None:
    with Sandbox(accounts=ACCOUNTS, organization=False) as sb:
        assert sb.endpoint_url is None
        assert scenario(lambda a, s: cast("Any", sb.session(a)).client(s)) == EXPECTED


def test_scenario_over_http() -> None:
    with Sandbox(accounts=ACCOUNTS, organization=False, server=True, port=0) as sb:
        endpoint = sb.endpoint_url
        assert endpoint is not None
        assert re.match(r"^http://127\.0\.0\.1:\d+$", endpoint)

        def make(account: str, service: str) -> Any:
            creds = sb.credentials(account)
            return cast("Any", boto3).client(
                service,
                region_name="us-east-1",
                endpoint_url=endpoint,
                aws_access_key_id=creds["AccessKeyId"],
                aws_secret_access_key=creds["SecretAccessKey"],
                aws_session_token=creds["SessionToken"],
            )

        assert scenario(make) == EXPECTED


def test_serve_prints_endpoint_and_credentials() -> None:
    lines: list[str] = []
    printed = threading.Event()
    stop = threading.Event()

    def out(text: str) -> None:
        lines.append(text)
        printed.set()

    thread = threading.Thread(
        target=serve, kwargs={"port": 0, "stop": stop, "out": out, "organization": False}
    )
    thread.start()
    try:
        assert printed.wait(30)
    finally:
        stop.set()
        thread.join(30)
    banner = lines[0]
    assert re.search(r"sandbox on http://127\.0\.0\.1:\d+ ", banner)
    for account_id in DEFAULT_ACCOUNTS.values():
        assert f"({account_id})" in banner
    assert banner.count("AWS_ACCESS_KEY_ID=") == 4
    assert "--endpoint-url" in banner


def test_main_requires_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([])
    assert exc.value.code == 2
    assert "serve" in capsys.readouterr().err


def test_python_m_serve_end_to_end() -> None:
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "modelcard_share.sandbox", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        banner: list[str] = []
        while not banner or ("--endpoint-url" not in banner[-1] and banner[-1]):
            banner.append(process.stdout.readline())
        text = "".join(banner)
        endpoint = re.search(r"sandbox on (http://127\.0\.0\.1:\d+)", text)
        assert endpoint is not None, text
        dev = text[text.index("account dev (222222222222)") :]
        key = re.search(r"AWS_ACCESS_KEY_ID=(\S+)", dev)
        secret = re.search(r"AWS_SECRET_ACCESS_KEY=(\S+)", dev)
        token = re.search(r"AWS_SESSION_TOKEN=(\S+)", dev)
        assert key is not None
        assert secret is not None
        assert token is not None
        sts = cast("Any", boto3).client(
            "sts",
            region_name="us-east-1",
            endpoint_url=endpoint.group(1),
            aws_access_key_id=key.group(1),
            aws_secret_access_key=secret.group(1),
            aws_session_token=token.group(1),
        )
        assert sts.get_caller_identity()["Account"] == "222222222222"
    finally:
        process.terminate()
        process.wait(30)
        if process.stdout is not None:
            process.stdout.close()


def test_serve_prints_the_profile_file_and_removes_it() -> None:
    """serve() writes a profile file, prints its path and removes it when it stops."""
    lines: list[str] = []
    printed, stop = threading.Event(), threading.Event()

    def out(text: str) -> None:
        lines.append(text)
        printed.set()

    thread = threading.Thread(target=serve, kwargs={"port": 0, "stop": stop, "out": out})
    thread.start()
    try:
        assert printed.wait(60)
        banner = lines[0]
        path = Path(
            banner.split("AWS CLI profiles (one per account, with endpoint_url): ")[1].split()[0]
        )
        assert path.exists()
        assert "export AWS_CONFIG_FILE=" in banner
        assert "Sandbox.connect(" in banner
    finally:
        stop.set()
        thread.join(60)
    assert not path.exists()
