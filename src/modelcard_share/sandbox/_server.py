"""Serve a sandbox world over HTTP for the AWS CLI and other AWS clients."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping

from modelcard_share.sandbox._sandbox import Organization, Sandbox

__all__ = ["DEFAULT_ACCOUNTS", "describe", "serve"]

#: The four accounts of the default sandbox.
DEFAULT_ACCOUNTS: Mapping[str, str] = {
    "shared-services": "111111111111",
    "dev": "222222222222",
    "test": "333333333333",
    "prod": "444444444444",
}


def describe(sandbox: Sandbox) -> str:
    """Return the endpoint and per-account credentials of a running sandbox as shell text."""
    lines = [f"# modelcard-share sandbox on {sandbox.endpoint_url} (region {sandbox.region})"]
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
        out(describe(sandbox))
        try:
            while not event.wait(0.5):
                pass
        except KeyboardInterrupt:
            out("# stopping")
