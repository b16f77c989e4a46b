"""Fixtures of the aws tests: plain moto with several accounts, reached through STS AssumeRole."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from modelcard_share.aws import AccountTopology, RetryPolicy, SessionFactory

#: moto's account for the environment's credentials; the home account uses them directly.
MOTO_DEFAULT_ACCOUNT = "123456789012"

TOPOLOGY: dict[str, Any] = {
    "home": "shared-services",
    "region": "us-east-1",
    "role_name": "ModelCardShareRole",
    "accounts": {
        "shared-services": {"account_id": MOTO_DEFAULT_ACCOUNT, "assume_role": False},
        "dev": {"account_id": "222222222222", "stage": "dev"},
        "test": {"account_id": "333333333333", "stage": "test", "source_identity": "ci-bot"},
        "prod": {
            "account_id": "444444444444",
            "region": "eu-west-1",
            "stage": "prod",
            "access": "read-only",
            "external_id": "prod-external-id-s3cr3t",
            "session_tags": {"stage": "prod"},
        },
    },
}


class AssumeRoleLog:
    """Counts AssumeRole calls made through a session and records their parameters."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def __call__(self, params: dict[str, Any], **kwargs: Any) -> None:
        self.calls.append(dict(params))

    def for_role(self, account_id: str) -> list[dict[str, Any]]:
        return [c for c in self.calls if f"::{account_id}:" in c["RoleArn"]]


@pytest.fixture
def moto() -> Iterator[None]:
    with mock_aws():
        yield


@pytest.fixture
def topology() -> AccountTopology:
    return AccountTopology.from_mapping(TOPOLOGY)


@pytest.fixture
def base_session() -> boto3.Session:
    return boto3.Session(region_name="us-east-1")


@pytest.fixture
def assume_log(base_session: boto3.Session) -> AssumeRoleLog:
    log = AssumeRoleLog()
    base_session.events.register("provide-client-params.sts.AssumeRole", log)
    return log


@pytest.fixture(params=[True, False], ids=["cloned", "public"])
def clone_clients(request: pytest.FixtureRequest) -> bool:
    """Both ways a factory makes clients: cloned from templates, or a session per account."""
    return bool(request.param)


@pytest.fixture
def factory(
    moto: None,
    topology: AccountTopology,
    base_session: boto3.Session,
    assume_log: AssumeRoleLog,
    clone_clients: bool,
) -> SessionFactory:
    return SessionFactory(
        topology, base_session, RetryPolicy.instant(), clone_clients=clone_clients
    )
