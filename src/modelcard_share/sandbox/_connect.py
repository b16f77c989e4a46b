"""Reach a sandbox served over HTTP: sessions that carry the endpoint, and AWS CLI profiles."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import boto3

from modelcard_share.sandbox import _constants as const
from modelcard_share.sandbox._exceptions import SandboxArgumentError, require_str

__all__ = ["EndpointSession", "SandboxConnection", "write_profiles"]

Credentials = Mapping[str, str]


class EndpointSession(boto3.Session):
    """A boto3 Session whose clients and resources go to one endpoint unless told otherwise.

    Code that only receives a session (``session.client("sagemaker")``) then talks to the
    sandbox server without ``AWS_ENDPOINT_URL``.
    """

    def __init__(self, *, endpoint_url: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.endpoint_url = endpoint_url

    def client(self, *args: Any, **kwargs: Any) -> Any:
        """Create a client; ``endpoint_url`` defaults to the sandbox endpoint."""
        kwargs.setdefault("endpoint_url", self.endpoint_url)
        return super().client(*args, **kwargs)

    def resource(self, *args: Any, **kwargs: Any) -> Any:
        """Create a resource; ``endpoint_url`` defaults to the sandbox endpoint."""
        kwargs.setdefault("endpoint_url", self.endpoint_url)
        return super().resource(*args, **kwargs)


def make_session(credentials: Credentials, region: str, endpoint_url: str | None) -> boto3.Session:
    """An offline session with ``credentials``; it carries ``endpoint_url`` when one is given."""
    from modelcard_share.sandbox._sandbox import offline_botocore_session  # noqa: PLC0415

    kwargs: dict[str, Any] = {
        "aws_access_key_id": credentials["AccessKeyId"],
        "aws_secret_access_key": credentials["SecretAccessKey"],
        "aws_session_token": credentials["SessionToken"],
        "region_name": region,
        "botocore_session": offline_botocore_session(),
    }
    if endpoint_url is None:
        return boto3.Session(**kwargs)
    return EndpointSession(endpoint_url=endpoint_url, **kwargs)


def write_profiles(
    path: str | os.PathLike[str] | None,
    *,
    endpoint_url: str,
    region: str,
    credentials: Mapping[str, Credentials],
) -> Path:
    """Write an AWS config file with one profile per account (credentials, region, endpoint).

    Use it with ``AWS_CONFIG_FILE=<path> aws --profile dev ...`` (the AWS CLI reads
    credentials and ``endpoint_url`` from the config file). The file is readable by its owner
    only; ``path=None`` writes a new temporary file.

    Returns:
        The path written.
    """
    if path is None:
        handle, name = tempfile.mkstemp(prefix="modelcard-share-sandbox-", suffix=".ini")
        os.close(handle)
        target = Path(name)
    else:
        target = Path(path)
    lines = [f"# modelcard-share sandbox at {endpoint_url}"]
    for account, creds in credentials.items():
        lines += [
            f"[profile {account}]",
            f"region = {region}",
            f"endpoint_url = {endpoint_url}",
            f"aws_access_key_id = {creds['AccessKeyId']}",
            f"aws_secret_access_key = {creds['SecretAccessKey']}",
            f"aws_session_token = {creds['SessionToken']}",
            "",
        ]
    target.write_text("\n".join(lines), encoding="utf-8")
    target.chmod(0o600)
    return target


class SandboxConnection:
    """Sessions and clients for a sandbox that runs elsewhere (``sandbox serve``).

    Made by :meth:`Sandbox.connect`. Each account's credentials come from STS AssumeRole at the
    sandbox endpoint (the server maps the role's account to the account), so only the account
    ids and the role name need to be known. Sessions carry the endpoint, so code that takes a
    ``boto3.Session`` works unchanged; nothing from the environment or ``~/.aws`` is used.

    Attributes:
        endpoint_url: The sandbox server, e.g. ``http://127.0.0.1:5000``.
        region: Default region of sessions and clients.
        role_name: The role assumed in every account.
    """

    def __init__(
        self,
        endpoint_url: str,
        *,
        accounts: Mapping[str, str],
        region: str,
        role_name: str = const.DEFAULT_ROLE_NAME,
    ) -> None:
        from modelcard_share.sandbox._sandbox import check_region  # noqa: PLC0415
        from modelcard_share.sandbox._topology import check_accounts  # noqa: PLC0415

        url: object = endpoint_url
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise SandboxArgumentError(f"endpoint_url must be an http(s) URL, got {endpoint_url!r}")
        self.endpoint_url = endpoint_url.rstrip("/")
        self._accounts = check_accounts(accounts)
        self.region = check_region(region)
        self.role_name = require_str(role_name, "role_name")
        self._lock = threading.Lock()
        self._creds: dict[str, dict[str, str]] = {}
        self._clients: dict[tuple[str, str, str], Any] = {}

    def __repr__(self) -> str:
        return f"SandboxConnection({self.endpoint_url!r}, accounts={sorted(self._accounts)})"

    @property
    def accounts(self) -> dict[str, str]:
        """Account name -> account id."""
        return dict(self._accounts)

    def account_id(self, name: str) -> str:
        """Return the 12-digit id of the account called ``name``."""
        if name not in self._accounts:
            raise SandboxArgumentError(f"unknown account {name!r}; known: {sorted(self._accounts)}")
        return self._accounts[name]

    def credentials(self, name: str) -> dict[str, str]:
        """An account's STS credentials (AccessKeyId, SecretAccessKey, SessionToken)."""
        account_id = self.account_id(name)
        with self._lock:
            cached = self._creds.get(name)
        if cached is not None:
            return dict(cached)
        fake = {"AccessKeyId": "testing", "SecretAccessKey": "testing", "SessionToken": "testing"}
        sts = make_session(fake, self.region, self.endpoint_url).client("sts")
        response = sts.assume_role(
            RoleArn=f"arn:aws:iam::{account_id}:role/{self.role_name}",
            RoleSessionName=f"sandbox-{name}",
            DurationSeconds=const.SESSION_DURATION_SECONDS,
        )
        c = response["Credentials"]
        creds = {k: c[k] for k in ("AccessKeyId", "SecretAccessKey", "SessionToken")}
        with self._lock:
            return dict(self._creds.setdefault(name, creds))

    def session(self, name: str, region: str | None = None) -> boto3.Session:
        """A new boto3 Session of account ``name`` whose clients go to the sandbox endpoint."""
        from modelcard_share.sandbox._sandbox import check_region  # noqa: PLC0415

        chosen = self.region if region is None else check_region(region)
        return make_session(self.credentials(name), chosen, self.endpoint_url)

    def client(self, name: str, service: str, region: str | None = None) -> Any:
        """A cached client of ``service`` acting as account ``name`` at the sandbox endpoint."""
        key = (name, service, region or self.region)
        with self._lock:
            cached = self._clients.get(key)
        if cached is not None:
            return cached
        session: Any = self.session(name, region)
        created = session.client(service)
        with self._lock:
            return self._clients.setdefault(key, created)

    def profile_file(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write an AWS CLI config file with a profile per account; return its path."""
        return write_profiles(
            path,
            endpoint_url=self.endpoint_url,
            region=self.region,
            credentials={name: self.credentials(name) for name in self._accounts},
        )
