"""The sandbox's fault-injection switch: what each fault answers, to whom, and for how long."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from modelcard_share import AccountTopology, RetryPolicy, SandboxError, SessionFactory
from modelcard_share.sandbox import DEFAULT_ACCOUNTS, Sandbox

from ._helpers import CONTENT, expect_error, make_card, share_card

ACCOUNTS = {name: DEFAULT_ACCOUNTS[name] for name in ("dev", "test")}
ONCE = Config(retries={"mode": "standard", "total_max_attempts": 1})


@pytest.fixture
def sb() -> Iterator[Sandbox]:
    """Two accounts in one organization (one sandbox per test: the HTTP test needs its own)."""
    with Sandbox(accounts=ACCOUNTS, organization=True) as world:
        yield world


@pytest.fixture
def world(sb: Sandbox) -> Sandbox:
    """The same sandbox, for tests that do not reset it."""
    return sb


def _raw(sb: Sandbox, account: str, service: str, **config: Any) -> Any:
    """A client that does not retry (or retries as ``config`` says)."""
    retries: Any = {"mode": "standard", "total_max_attempts": 1, **config}
    session: Any = sb.session(account)
    return session.client(service, config=Config(retries=retries))


def _succeeds(call: Any) -> bool:
    try:
        call()
    except ClientError:
        return False
    return True


def _ram_call(sb: Sandbox, **config: Any) -> Any:
    return _raw(sb, "dev", "ram", **config).get_resource_shares(resourceOwner="SELF")


def _sm_call(sb: Sandbox, **config: Any) -> Any:
    return _raw(sb, "dev", "sagemaker", **config).list_model_cards()


def test_counts_start_at_zero_and_count_every_attempt(world: Sandbox) -> None:
    world.faults.reset_counts()
    assert world.faults.counts.attempts == 0  # the sandbox's own setup is not counted
    _ram_call(world)
    _sm_call(world)
    counts = world.faults.counts
    assert counts.attempts == 2
    assert dict(counts.by_operation) == {"GetResourceShares": 1, "ListModelCards": 1}
    assert counts.faults == 0


def test_throttling_answers_as_each_service_does(sb: Sandbox) -> None:
    sb.faults.set(throttle=1.0)
    with pytest.raises(ClientError) as ram_error:
        _ram_call(sb)
    expect_error(ram_error, "ThrottlingException", 429)
    with pytest.raises(ClientError) as sm_error:
        _sm_call(sb)
    expect_error(sm_error, "ThrottlingException", 400)
    assert sb.faults.counts.injected == {"throttle": 2}


def test_botocore_retries_injected_faults_to_its_attempt_limit(sb: Sandbox) -> None:
    sb.faults.set(throttle=0.5, server_error=0.5)
    client = _raw(sb, "dev", "sagemaker", total_max_attempts=3)
    # botocore's standard mode would back off for real here; make the retries instant
    RetryPolicy.instant(total_max_attempts=3).apply(client)
    with pytest.raises(ClientError):
        client.list_model_cards()
    assert sb.faults.counts.attempts == 3


def test_server_errors_are_500_or_503(sb: Sandbox) -> None:
    sb.faults.set(server_error=1.0, seed=11)
    seen: set[tuple[str, int]] = set()
    ram, sm = _raw(sb, "dev", "ram"), _raw(sb, "dev", "sagemaker")
    calls = (lambda: ram.get_resource_shares(resourceOwner="SELF"), sm.list_model_cards)
    for _ in range(20):
        for call in calls:
            with pytest.raises(ClientError) as err:
                call()
            response = err.value.response
            seen.add((response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]))
    assert seen == {
        ("ServerInternalException", 500),
        ("ServiceUnavailableException", 503),
        ("InternalFailure", 500),
        ("ServiceUnavailable", 503),
    }


def test_fraction_and_seed_make_reproducible_draws(sb: Sandbox) -> None:
    outcomes = []
    client = _raw(sb, "dev", "sagemaker")
    for _ in range(2):
        sb.faults.set(throttle=0.3, seed=5)
        outcomes.append([_succeeds(client.list_model_cards) for _ in range(100)])
    assert outcomes[0] == outcomes[1]
    assert 15 <= outcomes[0].count(False) <= 45  # 30 % of 100, give or take


def test_services_limit_throttling_and_5xx(sb: Sandbox) -> None:
    sb.faults.set(throttle=1.0, services=["ram"])
    _sm_call(sb)  # SageMaker untouched
    with pytest.raises(ClientError):
        _ram_call(sb)


def test_new_card_is_not_found_for_a_while_by_anyone(sb: Sandbox) -> None:
    sb.faults.set(not_found_after_create=timedelta(seconds=20))
    arn = make_card(sb, "dev", "lagging")
    share_card(sb, arn, ACCOUNTS["test"], owner="dev")
    dev = _raw(sb, "dev", "sagemaker")
    test = _raw(sb, "test", "sagemaker")
    for client, ref in ((dev, "lagging"), (dev, arn), (test, arn)):
        with pytest.raises(ClientError) as err:
            client.describe_model_card(ModelCardName=ref)
        assert "lagging" in expect_error(err, "ResourceNotFound")
    assert [c["ModelCardName"] for c in dev.list_model_cards()["ModelCardSummaries"]] == ["lagging"]
    sb.clock.advance(seconds=21)
    assert dev.describe_model_card(ModelCardName="lagging")["ModelCardArn"] == arn
    assert test.describe_model_card(ModelCardName=arn)["ModelCardArn"] == arn
    assert sb.faults.counts.injected == {"not_found": 3}


def test_associations_stay_associating_then_the_delay_is_restored(sb: Sandbox) -> None:
    sb.faults.set(associating_for=timedelta(seconds=30))
    arn = make_card(sb, "dev", "slow")
    share = share_card(sb, arn, ACCOUNTS["test"], owner="dev")
    ram = _raw(sb, "dev", "ram")

    def status(share_arn: str) -> str:
        [assoc] = ram.get_resource_share_associations(
            associationType="PRINCIPAL", resourceShareArns=[share_arn]
        )["resourceShareAssociations"]
        return str(assoc["status"])

    assert status(share["resourceShareArn"]) == "ASSOCIATING"
    sb.clock.advance(seconds=31)
    assert status(share["resourceShareArn"]) == "ASSOCIATED"
    sb.faults.clear()
    other = share_card(sb, make_card(sb, "dev", "fast"), ACCOUNTS["test"], owner="dev")
    assert status(other["resourceShareArn"]) == "ASSOCIATED"


def test_expired_credentials_are_refreshed_once_by_session_factory(sb: Sandbox) -> None:
    topology = AccountTopology.from_mapping(
        {
            "home": "dev",
            "region": sb.region,
            "role_name": sb.role_name,
            "accounts": {name: {"account_id": i} for name, i in ACCOUNTS.items()},
        }
    )
    factory = SessionFactory(topology, base_session=sb.base_session(), retry=RetryPolicy.instant())
    sm = factory.client("dev", "sagemaker")
    sb.faults.set(expire_credentials_every=timedelta(minutes=10))
    sm.list_model_cards()
    sb.clock.advance(minutes=11)
    sm.list_model_cards()  # expired, refreshed, retried: the caller sees success
    assert sb.faults.counts.injected == {"expired_token": 1}
    assert sb.faults.counts.attempts == 3
    # the sandbox's own credentials never expire: nothing could refresh them
    _sm_call(sb)
    sb.clock.advance(hours=1)
    _sm_call(sb)


def test_expired_credentials_answer_expired_token(sb: Sandbox) -> None:
    topology = AccountTopology.from_mapping(
        {
            "home": "dev",
            "region": sb.region,
            "role_name": sb.role_name,
            "accounts": {"dev": {"account_id": ACCOUNTS["dev"]}},
        }
    )
    factory = SessionFactory(topology, base_session=sb.base_session(), retry=RetryPolicy.instant())
    frozen = factory.credentials("dev").get_frozen_credentials()
    # a plain client on those credentials: nothing refreshes them
    plain: Any = boto3.Session(
        aws_access_key_id=frozen.access_key,
        aws_secret_access_key=frozen.secret_key,
        aws_session_token=frozen.token,
        region_name=sb.region,
    )
    sm = plain.client("sagemaker", config=ONCE)
    sb.faults.set(expire_credentials_every=timedelta(minutes=10))
    sm.list_model_cards()
    sb.clock.advance(minutes=9, seconds=59)
    sm.list_model_cards()
    sb.clock.advance(seconds=1)
    with pytest.raises(ClientError) as err:
        sm.list_model_cards()
    assert "expired" in expect_error(err, "ExpiredTokenException", 403)
    sb.faults.clear()
    sm.list_model_cards()  # expiry is a fault: clear() lifts it


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"throttle": 1.5}, "throttle"),
        ({"server_error": -0.1}, "server_error"),
        ({"throttle": True}, "throttle"),
        ({"throttle": 0.6, "server_error": 0.6}, "throttle + server_error"),
        ({"not_found_after_create": timedelta(seconds=-1)}, "not_found_after_create"),
        ({"associating_for": 30}, "associating_for"),
        ({"expire_credentials_every": timedelta(0)}, "expire_credentials_every"),
        ({"services": ["s3"]}, "services"),
    ],
)
def test_bad_settings_name_the_argument(world: Sandbox, changes: Any, named: str) -> None:
    before = world.faults.settings
    with pytest.raises(SandboxError, match=named.replace("+", r"\+")):
        world.faults.set(**changes)
    assert world.faults.settings == before


def test_settings_survive_reset_and_clear_switches_off(sb: Sandbox) -> None:
    settings = sb.faults.set(throttle=1.0, seed=3)
    active = [sb.faults.active]
    sb.reset()
    assert sb.faults.settings == settings
    sb.faults.clear()
    active.append(sb.faults.active)
    assert active == [True, False]
    _sm_call(sb)
    assert "throttle=1.0" in repr(settings)


def test_faults_reach_clients_over_http() -> None:
    with Sandbox(accounts=ACCOUNTS, organization=False, server=True) as sb:
        client = sb.session("dev").client("sagemaker", endpoint_url=sb.endpoint_url, config=ONCE)
        client.create_model_card(ModelCardName="served", Content=CONTENT, ModelCardStatus="Draft")
        sb.faults.set(throttle=1.0)
        with pytest.raises(ClientError) as err:
            client.list_model_cards()
        expect_error(err, "ThrottlingException", 400)
        sb.faults.clear()
        assert client.list_model_cards()["ModelCardSummaries"]
        assert sb.faults.counts.attempts == 3
