"""Refreshing credentials under a fake clock, STS failures as typed errors, expired tokens."""

from __future__ import annotations

import datetime
import logging
from typing import Any

import boto3
import botocore.session
import pytest
from botocore.credentials import CredentialResolver, Credentials
from botocore.exceptions import ClientError

from modelcard_share.aws import AccountTopology, RetryPolicy, SessionFactory
from modelcard_share.aws._credentials import FixedProvider
from modelcard_share.errors import (
    AssumeRoleDeniedError,
    CredentialsError,
    ExpiredSourceCredentialsError,
    RegionDisabledError,
    RoleChainingDurationError,
)

from ._responses import Recorder, assume_role_ok, json_error, sts_error
from .conftest import TOPOLOGY, AssumeRoleLog

START = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.timezone.utc)


class FakeClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += datetime.timedelta(**delta)


class FakeSts:
    """Answers AssumeRole with fresh one-hour credentials dated by the fake clock."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.issued: list[tuple[str, datetime.datetime]] = []
        self.fail_with: tuple[str, str, int] | None = None

    def __call__(self, **kwargs: Any) -> Any:
        if self.fail_with is not None:
            return sts_error(*self.fail_with)
        key = f"ASIAFAKE{len(self.issued):04d}"
        expiry = self.clock.now + datetime.timedelta(hours=1)
        self.issued.append((key, expiry))
        return assume_role_ok(
            key_id=key,
            secret=f"secret-{key}",
            token=f"token-{key}",
            expiration=expiry,
            account_id="222222222222",
        )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fake_sts(moto: None, base_session: boto3.Session, clock: FakeClock) -> FakeSts:
    sts = FakeSts(clock)
    base_session.events.register_first("before-send.sts.AssumeRole", sts)
    return sts


@pytest.fixture
def clocked(
    fake_sts: FakeSts,
    topology: AccountTopology,
    base_session: boto3.Session,
    clock: FakeClock,
    *,
    assume_log: AssumeRoleLog,
    clone_clients: bool,
) -> SessionFactory:
    return SessionFactory(
        topology,
        base_session,
        RetryPolicy.instant(),
        time_fetcher=clock,
        clone_clients=clone_clients,
    )


def test_refresh_happens_before_expiry_not_earlier(
    clocked: SessionFactory, fake_sts: FakeSts, clock: FakeClock
) -> None:
    creds = clocked.session("dev").get_credentials()
    assert creds is not None
    assert fake_sts.issued == []  # deferred: nothing is called before first use
    assert creds.get_frozen_credentials().access_key == "ASIAFAKE0000"
    clock.advance(minutes=44)  # 16 minutes left: no refresh yet
    assert creds.get_frozen_credentials().access_key == "ASIAFAKE0000"
    assert len(fake_sts.issued) == 1
    clock.advance(minutes=2)  # 14 minutes left: inside the 15-minute advisory window
    assert creds.get_frozen_credentials().access_key == "ASIAFAKE0001"
    assert len(fake_sts.issued) == 2


def test_a_day_long_notebook_never_signs_with_expired_credentials(
    clocked: SessionFactory, fake_sts: FakeSts, clock: FakeClock, assume_log: AssumeRoleLog
) -> None:
    creds = clocked.session("dev").get_credentials()
    assert creds is not None
    expiry_of: dict[str | None, datetime.datetime] = {}
    for _ in range(24 * 6):  # one call every 10 minutes for 24 hours
        key = creds.get_frozen_credentials().access_key
        expiry_of.update(fake_sts.issued)
        assert expiry_of[key] - clock.now >= datetime.timedelta(minutes=10)
        clock.advance(minutes=10)
    # a refresh every 50 minutes (the first call inside the 15-minute window)
    assert 27 <= len(fake_sts.issued) <= 30
    names = {call["RoleSessionName"] for call in assume_log.calls}
    assert names == {"modelcard-share-dev"}  # stable across refreshes (CloudTrail)


def test_failed_refresh_keeps_old_credentials_until_mandatory_window(
    clocked: SessionFactory,
    fake_sts: FakeSts,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    creds = clocked.session("dev").get_credentials()
    assert creds is not None
    assert creds.get_frozen_credentials().access_key == "ASIAFAKE0000"
    fake_sts.fail_with = ("AccessDenied", "not authorized to perform sts:AssumeRole", 403)
    clock.advance(minutes=46)  # advisory window: the failure is logged, old keys still used
    assert creds.get_frozen_credentials().access_key == "ASIAFAKE0000"
    assert "advisory refresh" in caplog.text
    clock.advance(minutes=6)  # 8 minutes left: mandatory window, the typed error surfaces
    with pytest.raises(AssumeRoleDeniedError) as info:
        creds.get_frozen_credentials()
    assert info.value.account == "dev"


STS_FAILURES: list[tuple[tuple[str, str, int], type[CredentialsError]]] = [
    (("AccessDenied", "User x is not authorized to perform: sts:AssumeRole", 403),
     AssumeRoleDeniedError),
    (("ExpiredToken", "The security token included in the request is expired", 400),
     ExpiredSourceCredentialsError),
    (("RegionDisabledException", "STS is not activated in this region for account", 403),
     RegionDisabledError),
    (("ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for "
      "roles assumed by role chaining.", 400), RoleChainingDurationError),
]  # fmt: skip


@pytest.mark.parametrize(
    ("failure", "cls"), STS_FAILURES, ids=[failure[0] for failure, _ in STS_FAILURES]
)
def test_sts_failures_surface_as_typed_errors_with_account_context(
    clocked: SessionFactory,
    fake_sts: FakeSts,
    failure: tuple[str, str, int],
    cls: type[CredentialsError],
) -> None:
    code = failure[0]
    fake_sts.fail_with = failure
    with pytest.raises(cls) as info:
        clocked.client("prod", "sagemaker").list_model_cards()
    err = info.value
    assert (err.account, err.account_id, err.role_arn) == (
        "prod",
        "444444444444",
        "arn:aws:iam::444444444444:role/ModelCardShareRole",
    )
    assert isinstance(err.__cause__, ClientError)
    assert err.__cause__.response["Error"]["Code"] == code
    assert "prod-external-id-s3cr3t" not in str(err)
    report = clocked.verify(["dev"])
    assert type(report.failures[0].error) is cls


def role_session_base() -> boto3.Session:
    """A base session whose credentials are themselves an assumed-role session."""
    creds = Credentials("ASIASOURCE", "source-secret", "source-token", method="assume-role")
    core = botocore.session.Session()
    core.register_component("credential_provider", CredentialResolver([FixedProvider(creds)]))
    return boto3.Session(botocore_session=core, region_name="us-east-1")


def test_role_chaining_over_an_hour_is_refused_before_any_call(moto: None) -> None:
    data = {**TOPOLOGY, "duration_seconds": 7200}
    base = role_session_base()
    calls = Recorder([])
    base.events.register_first("before-send", calls)
    factory = SessionFactory(AccountTopology.from_mapping(data), base)
    with pytest.raises(RoleChainingDurationError, match="at most 3600") as info:
        factory.session("dev")
    assert info.value.account == "dev"
    assert calls.attempts == 0
    # one hour is fine when chaining
    ok = SessionFactory(AccountTopology.from_mapping(TOPOLOGY), base)
    assert ok.session("dev").region_name == "us-east-1"


def test_expired_token_refreshes_credentials_and_retries_once(
    factory: SessionFactory, assume_log: AssumeRoleLog, caplog: pytest.LogCaptureFixture
) -> None:
    client = factory.client("dev", "sts")
    client.get_caller_identity()
    assert len(assume_log.for_role("222222222222")) == 1
    expired = Recorder.failing(lambda: sts_error("ExpiredToken", "token expired", 400), 1)
    client.meta.events.register_first("before-send.sts.GetCallerIdentity", expired)
    assert client.get_caller_identity()["Account"] == "222222222222"
    assert expired.attempts == 2
    assert len(assume_log.for_role("222222222222")) == 2
    assert "refreshing credentials and retrying once" in caplog.text


def test_expired_token_is_retried_only_once(
    factory: SessionFactory, assume_log: AssumeRoleLog
) -> None:
    client = factory.client("dev", "sagemaker")
    expired = Recorder.failing(lambda: json_error("ExpiredTokenException", "token expired", 400), 5)
    client.meta.events.register_first("before-send.sagemaker.ListModelCards", expired)
    with pytest.raises(ClientError) as info:
        client.list_model_cards()
    assert info.value.response["Error"]["Code"] == "ExpiredTokenException"
    assert expired.attempts == 2
    assert len(assume_log.for_role("222222222222")) == 2


def test_expired_token_retry_is_at_most_one_attempt_over_the_policy(
    factory: SessionFactory,
) -> None:
    client = factory.client("dev", "sagemaker")

    def throttled() -> Any:
        return json_error("ThrottlingException", "Rate exceeded", 400)

    def expired() -> Any:
        return json_error("ExpiredTokenException", "token expired", 400)

    script = Recorder([throttled, throttled, expired])
    client.meta.events.register_first("before-send.sagemaker.ListModelCards", script)
    assert client.list_model_cards()["ModelCardSummaries"] == []
    assert script.attempts == 4  # total_max_attempts (3) + the one expired-token retry


def test_expired_token_with_current_credentials_is_not_retried(factory: SessionFactory) -> None:
    client = factory.client("shared-services", "sts")
    expired = Recorder.failing(lambda: sts_error("ExpiredToken", "token expired", 400), 5)
    client.meta.events.register_first("before-send.sts.GetCallerIdentity", expired)
    with pytest.raises(ClientError):
        client.get_caller_identity()
    assert expired.attempts == 1


def test_refresh_is_logged_without_secrets(
    clocked: SessionFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="modelcard_share")
    creds = clocked.session("dev").get_credentials()
    assert creds is not None
    frozen = creds.get_frozen_credentials()
    secret, token = frozen.secret_key, frozen.token
    assert secret
    assert token
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("modelcard_share")]
    assert any("assumed arn:aws:iam::222222222222:role/ModelCardShareRole" in m for m in ours)
    assert any("valid until" in m for m in ours)
    for message in ours:
        assert secret not in message
        assert token not in message
