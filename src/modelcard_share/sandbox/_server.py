"""Serve a sandbox world over HTTP for the AWS CLI and other AWS clients."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

from modelcard_share.sandbox._sandbox import Organization, Sandbox
from modelcard_share.sandbox._topology import DEFAULT_ACCOUNTS

__all__ = ["describe", "serve"]


def describe(sandbox: Sandbox, profile_file: Path | None = None) -> str:
    """Return the endpoint, profile file and per-account credentials of a served sandbox.

    This is the banner ``sandbox serve`` prints (a CLI calls :func:`serve`, which prints it).
    """
    lines = [f"# modelcard-share sandbox on {sandbox.endpoint_url} (region {sandbox.region})"]
    if profile_file is not None:
        first = next(iter(sandbox.accounts))
        lines += [
            f"# AWS CLI profiles (one per account, with endpoint_url): {profile_file}",
            f"#   export AWS_CONFIG_FILE={profile_file}; aws --profile {first} "
            "sagemaker list-model-cards",
            f"# from Python: Sandbox.connect({sandbox.endpoint_url!r}).session({first!r})",
        ]
    if sandbox.organization_id:
        lines.append(f"# organization {sandbox.organization_id} ({sandbox.organization_arn})")
    for name, account_id in sandbox.accounts.items():
        creds = sandbox.credentials(name)
        lines += [
            f"# account {name} ({account_id}), role {sandbox.role_arn(name)}",
            f"#   AWS_ACCESS_KEY_ID={creds['AccessKeyId']}",
            f"#   AWS_SECRET_ACCESS_KEY={creds['SecretAccessKey']}",
            f"#   AWS_SESSION_TOKEN={creds['SessionToken']}",
        ]
    lines.append(
        f"# e.g. aws --endpoint-url {sandbox.endpoint_url} ram get-resource-shares "
        "--resource-owner SELF"
    )
    return "\n".join(lines)


def serve(
    port: int = 5000,
    host: str = "127.0.0.1",
    *,
    accounts: Mapping[str, str] | None = None,
    organization: bool | Organization = True,
    region: str = "us-east-1",
    stop: threading.Event | None = None,
    out: Callable[[str], None] = print,
    profile_file: str | os.PathLike[str] | None = None,
) -> None:
    """Run a sandbox world over HTTP until interrupted (or until ``stop`` is set).

    Prints the endpoint and every account's credentials, so that
    ``aws --endpoint-url http://HOST:PORT ...`` works with them.

    Args:
        port: TCP port to listen on (0 picks a free one).
        host: Address to bind; keep the default to stay local.
        accounts: Account name -> id; defaults to shared-services/dev/test/prod.
        organization: As for :class:`Sandbox`.
        region: Region of the printed examples and of the setup.
        stop: An event that ends the server when set (for embedding and tests).
        out: Where to print the banner.
        profile_file: Where to write the AWS CLI profile file (default: a new temporary file,
            removed when the server stops).
    """
    sandbox = Sandbox(
        accounts=dict(accounts or DEFAULT_ACCOUNTS),
        organization=organization,
        region=region,
        server=True,
        host=host,
        port=port,
    )
    event = stop or threading.Event()
    with sandbox:
        written = sandbox.profile_file(profile_file)
        try:
            out(describe(sandbox, written))
            try:
                while not event.wait(0.5):
                    pass
            except KeyboardInterrupt:
                out("# stopping")
        finally:
            if profile_file is None:
                written.unlink(missing_ok=True)
