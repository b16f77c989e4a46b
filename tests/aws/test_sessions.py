"""SessionFactory against moto: right accounts, cached thread-safe clients, verify()."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import boto3
import pytest
from botocore.config import Config

from modelcard_share.aws import AccountTopology, RetryPolicy, SessionFactory
from modelcard_share.errors import (
    ArgumentTypeError,
    AwsConnectionError,
    ConfigurationError,
    CredentialsError,
    NoSourceCredentialsError,
    TopologyError,
)

from .conftest import MOTO_DEFAULT_ACCOUNT, TOPOLOGY, AssumeRoleLog


@pytest.mark.parametrize("name", ["shared-services", "dev", "test", "prod"])
def test_sessions_land_in_the_configured_account(factory: SessionFactory, name: str) -> None:
    account = factory.topology[name]
    session = factory.session(name)
    assert session.region_name == account.region
    identity = session.client("sts").get_caller_identity()
    assert identity["Account"] == account.account_id
    if account.assume_role:
        assert identity["Arn"].endswith(f"assumed-role/ModelCardShareRole/modelcard-share-{name}")


def test_current_credentials_account_makes_no_assume_role(
    factory: SessionFactory, assume_log: AssumeRoleLog
) -> None:
    identity = factory.client("shared-services", "sts").get_caller_identity()
    assert identity["Account"] == MOTO_DEFAULT_ACCOUNT
    assert assume_log.calls == []


def test_assume_role_sends_the_configured_parameters(
    factory: SessionFactory, assume_log: AssumeRoleLog
) -> None:
    factory.client("prod", "sts").get_caller_identity()
    factory.client("test", "sts").get_caller_identity()
    (prod,) = assume_log.for_role("444444444444")
    assert prod == {
        "RoleArn": "arn:aws:iam::444444444444:role/ModelCardShareRole",
        "RoleSessionName": "modelcard-share-prod",
        "DurationSeconds": 3600,
        "ExternalId": "prod-external-id-s3cr3t",
        "Tags": [{"Key": "stage", "Value": "prod"}],
    }
    (test,) = assume_log.for_role("333333333333")
    assert test["SourceIdentity"] == "ci-bot"


def test_sessions_of_one_account_share_credentials(
    factory: SessionFactory, assume_log: AssumeRoleLog
) -> None:
    first, second = factory.session("dev"), factory.session("dev")
    assert first is not second
    first.client("sts").get_caller_identity()
    second.client("sts").get_caller_identity()
    factory.client("dev", "sts").get_caller_identity()
    assert len(assume_log.for_role("222222222222")) == 1
    assert first.get_credentials() is second.get_credentials()


def test_session_clients_get_the_retry_policy(factory: SessionFactory) -> None:
    client = factory.session("dev").client("sagemaker")
    config: Any = client.meta.config
    assert config.retries == {"mode": "standard", "total_max_attempts": 3}


def test_accounts_can_be_named_by_id_or_object(factory: SessionFactory) -> None:
    by_name = factory.client("dev", "ram")
    assert factory.client("222222222222", "ram") is by_name
    assert factory.client(factory.topology["dev"], "ram") is by_name
    with pytest.raises(TopologyError, match="no such account"):
        factory.client("staging", "ram")


def test_clients_are_cached_per_account_region_service_and_config(
    factory: SessionFactory,
) -> None:
    ram = factory.client("dev", "ram")
    assert factory.client("dev", "ram") is ram
    assert ram.meta.region_name == "us-east-1"
    assert factory.client("prod", "ram").meta.region_name == "eu-west-1"
    assert factory.client("dev", "sagemaker") is not ram  # type: ignore[comparison-overlap]
    other_region = factory.client("dev", "ram", region="eu-central-1")
    assert other_region is not ram
    assert other_region.meta.region_name == "eu-central-1"
    tuned = factory.client("dev", "ram", config=Config(read_timeout=5))
    assert tuned is not ram
    assert tuned is factory.client("dev", "ram", config=Config(read_timeout=5))
    config: Any = tuned.meta.config
    assert config.read_timeout == 5
    assert config.retries == {"mode": "standard", "total_max_attempts": 3}


def test_sixteen_threads_share_one_client_per_key(
    factory: SessionFactory, assume_log: AssumeRoleLog
) -> None:
    names = ["dev", "test", "prod", "shared-services"]
    barrier = threading.Barrier(16)

    def work(i: int) -> tuple[str, int, str]:
        name = names[i % len(names)]
        barrier.wait()
        client = factory.client(name, "sts")
        account = client.get_caller_identity()["Account"]
        return name, id(client), account

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(work, range(16)))
    assert len(results) == 16
    for name in names:
        ids = {client_id for n, client_id, _ in results if n == name}
        assert len(ids) == 1, f"{name} got {len(ids)} clients"
        assert {acct for n, _, acct in results if n == name} == {factory.topology[name].account_id}
    for account_id in ("222222222222", "333333333333", "444444444444"):
        assert len(assume_log.for_role(account_id)) == 1


def test_verify_reports_every_account(factory: SessionFactory) -> None:
    report = factory.verify()
    assert report.ok
    assert [c.account for c in report] == ["shared-services", "dev", "test", "prod"]
    arns = report.caller_arns()
    assert (
        arns["dev"]
        == "arn:aws:sts::222222222222:assumed-role/ModelCardShareRole/modelcard-share-dev"
    )
    assert arns["shared-services"].startswith(f"arn:aws:sts::{MOTO_DEFAULT_ACCOUNT}:")
    report.raise_for_errors()


def test_verify_flags_credentials_that_land_in_another_account(
    moto: None, base_session: boto3.Session
) -> None:
    data = {**TOPOLOGY, "accounts": {**TOPOLOGY["accounts"]}}
    data["accounts"]["shared-services"] = {"account_id": "111111111111", "assume_role": False}
    factory = SessionFactory(AccountTopology.from_mapping(data), base_session)
    report = factory.verify(["shared-services", "dev"])
    assert not report.ok
    (failure,) = report.failures
    assert failure.account == "shared-services"
    assert isinstance(failure.error, CredentialsError)
    assert "not in the configured 111111111111" in str(failure.error)
    with pytest.raises(CredentialsError, match="land in account 123456789012"):
        report.raise_for_errors()


def test_no_source_credentials_is_a_typed_error(
    moto: None, monkeypatch: pytest.MonkeyPatch, topology: AccountTopology
) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    factory = SessionFactory(topology, boto3.Session(region_name="us-east-1"))
    with pytest.raises(NoSourceCredentialsError) as info:
        factory.session("dev")
    assert (info.value.account, info.value.account_id) == ("dev", "222222222222")
    assert "Configure credentials" in str(info.value)
    report = factory.verify(["dev"])
    assert isinstance(report.failures[0].error, NoSourceCredentialsError)


def test_close_forgets_clients(factory: SessionFactory) -> None:
    client = factory.client("dev", "ram")
    factory.close()
    assert factory.client("dev", "ram") is not client


def test_secrets_never_reach_repr_or_logs(
    factory: SessionFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="modelcard_share")
    session = factory.session("prod")
    session.client("sts").get_caller_identity()
    frozen = session.get_credentials().get_frozen_credentials()  # type: ignore[union-attr]
    secrets = [frozen.secret_key, frozen.token, "prod-external-id-s3cr3t"]
    texts = [
        repr(factory),
        repr(factory.topology),
        repr(session.get_credentials()),
        repr(factory.retry),
        *(r.getMessage() for r in caplog.records if r.name.startswith("modelcard_share")),
    ]
    assert any("assumed arn:aws:iam::444444444444" in t for t in texts)
    for secret in secrets:
        assert secret
        assert all(secret not in text for text in texts)


def test_default_retry_policy_and_base_session(moto: None, topology: AccountTopology) -> None:
    factory = SessionFactory(topology)
    assert factory.retry == RetryPolicy()
    assert factory.client("dev", "sts").get_caller_identity()["Account"] == "222222222222"


def test_bad_region_is_refused_before_any_call(factory: SessionFactory) -> None:
    with pytest.raises(ConfigurationError, match="'mars' is not an AWS region"):
        factory.client("dev", "ram", region="mars")


def test_verify_with_no_accounts_checks_none(factory: SessionFactory) -> None:
    assert len(factory.verify([])) == 0


def test_verify_checks_accounts_concurrently_and_reports_in_topology_order(
    factory: SessionFactory,
) -> None:
    """With max_workers > 1 the checks run on several threads; the report keeps the order."""
    threads: set[str] = set()
    barrier = threading.Barrier(2, timeout=10)

    def on_call(model: Any, **_: Any) -> None:
        if model.name == "GetCallerIdentity":
            threads.add(threading.current_thread().name)
            barrier.wait()  # two checks must be in flight at once to get past here

    factory.register("before-call.sts.GetCallerIdentity", on_call)
    report = factory.verify(["prod", "dev", "test", "shared-services"], max_workers=2)
    assert [c.account for c in report] == ["prod", "dev", "test", "shared-services"]
    assert report.ok
    assert len(threads) == 2


def test_verify_with_one_worker_checks_in_the_calling_thread(factory: SessionFactory) -> None:
    """max_workers=1 makes no thread: the accounts are checked one by one."""
    threads: set[str] = set()
    factory.register(
        "before-call.sts.GetCallerIdentity",
        lambda **_: threads.add(threading.current_thread().name),
    )
    assert [c.account for c in factory.verify(max_workers=1)] == list(factory.topology.names)
    assert threads == {threading.current_thread().name}


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "8"])
def test_verify_refuses_a_bad_worker_count(factory: SessionFactory, bad: Any) -> None:
    """max_workers must be an int of at least 1; the error names it and the value."""
    with pytest.raises(ArgumentTypeError, match=f"max_workers must be an int >= 1, got {bad!r}"):
        factory.verify(max_workers=bad)


def test_factory_hooks_reach_every_account_now_and_later_and_assume_role(
    factory: SessionFactory,
) -> None:
    """register() applies to clients made before and after it, and to the AssumeRole client."""
    calls: list[str] = []
    factory.client("dev", "sts").get_caller_identity()  # dev's clients exist before the hook
    factory.register("before-call.*.*", lambda model, **_: calls.append(model.name))
    factory.client("dev", "sts").get_caller_identity()
    factory.client("test", "ram").get_resource_shares(resourceOwner="SELF")
    # test's credentials are fetched when its first request is signed, after before-call
    assert calls == ["GetCallerIdentity", "GetResourceShares", "AssumeRole"]


def test_verify_reports_an_unreachable_endpoint_per_account(
    topology: AccountTopology, base_session: boto3.Session
) -> None:
    """A connection failure is each account's AwsConnectionError, not an exception."""
    factory = SessionFactory(
        topology, base_session, RetryPolicy.instant(), endpoint_url="http://127.0.0.1:9"
    )
    report = factory.verify(["shared-services", "dev"], max_workers=2)
    assert [c.account for c in report] == ["shared-services", "dev"]
    assert all(isinstance(c.error, AwsConnectionError) for c in report)


@pytest.mark.parametrize("bad", [None, 1, "yes"])
def test_clone_clients_must_be_a_bool(topology: AccountTopology, bad: Any) -> None:
    """clone_clients is True or False; anything else names the argument."""
    with pytest.raises(ArgumentTypeError, match="clone_clients must be True or False"):
        SessionFactory(topology, clone_clients=bad)


@pytest.mark.parametrize(("event", "handler"), [(None, print), ("before-call", "print")])
def test_register_refuses_a_bad_event_or_handler(
    factory: SessionFactory, event: Any, handler: Any
) -> None:
    """register() takes an event name string and a callable."""
    with pytest.raises(ArgumentTypeError, match="register takes an event name string"):
        factory.register(event, handler)
