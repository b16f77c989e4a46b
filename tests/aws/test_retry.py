"""RetryPolicy: botocore owns throttling / 5xx, ``eventually`` owns eventual consistency only."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError, EndpointConnectionError

from modelcard_share.aws import (
    AccountTopology,
    RetryPolicy,
    SessionFactory,
    translate_client_error,
)
from modelcard_share.aws._idempotency import with_client_token
from modelcard_share.errors import (
    ConcurrentModificationError,
    ConfigurationError,
    NotFoundError,
    ServiceUnavailableError,
    ThrottledError,
    WaitTimeoutError,
)

from ._responses import Recorder, json_error


def client_error(code: str, op: str = "DescribeModelCard") -> ClientError:
    response: Any = {"Error": {"Code": code, "Message": f"{code} happened"}}
    return ClientError(response, op)


class Flaky:
    """Raises the given errors in turn, then returns ``result``; records its kwargs."""

    def __init__(self, errors: list[BaseException], result: Any = "done") -> None:
        self.errors = list(errors)
        self.result = result
        self.calls: list[dict[str, Any]] = []

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append(kwargs)
        if self.errors:
            raise self.errors.pop(0)
        return self.result


# ---------------------------------------------------------------- botocore layer


def test_botocore_config_sets_the_mode_and_total_attempts_explicitly() -> None:
    config: Any = RetryPolicy().botocore_config()
    assert config.retries == {"mode": "standard", "total_max_attempts": 3}
    config = RetryPolicy(mode="adaptive", total_max_attempts=5).botocore_config()
    assert config.retries == {"mode": "adaptive", "total_max_attempts": 5}
    instant = RetryPolicy.instant(mode="adaptive")
    assert instant.effective_mode == "standard"
    config = instant.botocore_config()
    assert config.retries == {"mode": "standard", "total_max_attempts": 3}


@pytest.mark.parametrize(
    "changes",
    [
        {"mode": "legacy"},
        {"total_max_attempts": 0},
        {"total_max_attempts": 21},
        {"total_max_attempts": True},
        {"total_max_attempts": "3"},
        {"eventual_budget_seconds": -1},
        {"eventual_initial_wait": "0.5"},
    ],
)
def test_invalid_policies_are_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(ConfigurationError, match=next(iter(changes))):
        RetryPolicy(**changes)


def test_policies_are_frozen_values() -> None:
    policy = RetryPolicy()
    assert policy.with_changes(total_max_attempts=5).total_max_attempts == 5
    assert policy.total_max_attempts == 3
    with pytest.raises(AttributeError):
        policy.mode = "adaptive"  # type: ignore[misc]


@pytest.fixture
def throttled_client(
    moto: None, topology: AccountTopology, base_session: boto3.Session, clone_clients: bool
) -> Callable[..., Any]:
    def make(policy: RetryPolicy, service: str = "sagemaker") -> Any:
        factory = SessionFactory(topology, base_session, policy, clone_clients=clone_clients)
        return factory.client("dev", service)

    return make


def throttling() -> Any:
    return json_error("ThrottlingException", "Rate exceeded", 400)


@pytest.mark.parametrize(
    ("total", "throttles", "attempts", "succeeds"),
    [(3, 10, 3, False), (3, 2, 3, True), (5, 10, 5, False), (1, 10, 1, False), (3, 0, 1, True)],
)
def test_http_attempts_under_throttling_are_exactly_the_policy_even_inside_eventually(
    throttled_client: Callable[..., Any], total: int, throttles: int, attempts: int, succeeds: bool
) -> None:
    policy = RetryPolicy.instant(total_max_attempts=total)
    client = throttled_client(policy)
    counter = Recorder.failing(throttling, throttles)
    client.meta.events.register_first("before-send.sagemaker.ListModelCards", counter)
    if succeeds:
        result = policy.eventually(client.list_model_cards, what="list cards")
        assert result["ModelCardSummaries"] == []
        assert result["ResponseMetadata"]["RetryAttempts"] == attempts - 1
    else:
        with pytest.raises(ClientError) as info:
            policy.eventually(client.list_model_cards, what="list cards")
        assert isinstance(translate_client_error(info.value), ThrottledError)
    assert counter.attempts == attempts


def test_ram_429_and_sagemaker_503_are_retried_by_botocore_only(
    throttled_client: Callable[..., Any],
) -> None:
    policy = RetryPolicy.instant(total_max_attempts=4)
    ram = throttled_client(policy, "ram")
    counter = Recorder.failing(lambda: json_error("ThrottlingException", "slow down", 429), 10)
    ram.meta.events.register_first("before-send.ram.GetResourceShares", counter)
    with pytest.raises(ClientError) as info:
        policy.eventually(ram.get_resource_shares, resourceOwner="SELF", what="list shares")
    assert counter.attempts == 4
    assert type(translate_client_error(info.value)) is ThrottledError

    sagemaker = throttled_client(policy)
    unavailable = Recorder.failing(lambda: json_error("ServiceUnavailable", "try again", 503), 10)
    sagemaker.meta.events.register_first("before-send.sagemaker.ListModelCards", unavailable)
    with pytest.raises(ClientError) as info:
        policy.eventually(sagemaker.list_model_cards, what="list cards")
    assert unavailable.attempts == 4
    assert type(translate_client_error(info.value)) is ServiceUnavailableError


def test_access_denied_is_not_retried_by_either_layer(
    throttled_client: Callable[..., Any],
) -> None:
    policy = RetryPolicy.instant()
    client = throttled_client(policy)
    counter = Recorder.failing(lambda: json_error("AccessDeniedException", "no", 400), 10)
    client.meta.events.register_first("before-send.sagemaker.ListModelCards", counter)
    with pytest.raises(ClientError):
        policy.eventually(client.list_model_cards, what="list cards")
    assert counter.attempts == 1


def test_instant_botocore_retries_are_logged(
    throttled_client: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="modelcard_share")
    client = throttled_client(RetryPolicy.instant())
    client.meta.events.register_first(
        "before-send.sagemaker.ListModelCards", Recorder.failing(throttling, 1)
    )
    client.list_model_cards()
    assert "botocore retry 2/3 of ListModelCards" in caplog.text
    assert "ThrottlingException" in caplog.text


# ---------------------------------------------------------------- eventually


def test_eventually_retries_not_found_right_after_create_and_logs_why(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="modelcard_share")
    fn = Flaky([client_error("ResourceNotFound")] * 3)
    assert RetryPolicy.instant().eventually(fn, "x", what="describe card x") == "done"
    assert len(fn.calls) == 4
    lines = [r.getMessage() for r in caplog.records if "retrying describe card x" in r.getMessage()]
    assert len(lines) == 3
    assert all("ResourceNotFound" in line for line in lines)


@pytest.mark.parametrize(
    "code",
    [
        "UnknownResourceException",
        "ResourceArnNotFoundException",
        "ResourceShareArnNotFoundException",
        "ResourceNotFoundException",
        "ConflictException",
    ],
)
def test_eventually_retries_each_eventual_consistency_code(code: str) -> None:
    fn = Flaky([client_error(code)])
    assert RetryPolicy.instant().eventually(fn, what="x") == "done"
    assert len(fn.calls) == 2


@pytest.mark.parametrize(
    "error",
    [
        client_error("ThrottlingException"),
        client_error("Throttling"),
        client_error("AccessDeniedException"),
        client_error("ValidationException"),
        client_error("ResourceLimitExceeded"),
        client_error("ExpiredTokenException"),
        client_error("ServiceUnavailable"),
        ValueError("not AWS at all"),
    ],
    ids=lambda e: e.response["Error"]["Code"] if isinstance(e, ClientError) else type(e).__name__,
)
def test_eventually_never_retries_other_failures(error: BaseException) -> None:
    fn = Flaky([error, error])
    with pytest.raises(type(error)) as info:
        RetryPolicy.instant().eventually(fn, what="x")
    assert info.value is error
    assert len(fn.calls) == 1


def test_eventually_retries_translated_errors_but_not_concurrent_modification() -> None:
    not_found = translate_client_error(client_error("ResourceNotFound"))
    assert isinstance(not_found, NotFoundError)
    fn = Flaky([not_found])
    assert RetryPolicy.instant().eventually(fn, what="x") == "done"
    assert len(fn.calls) == 2
    stale = ConcurrentModificationError("card changed", code="ConflictException")
    fn = Flaky([stale])
    with pytest.raises(ConcurrentModificationError):
        RetryPolicy.instant().eventually(fn, what="x")
    assert len(fn.calls) == 1


def test_eventually_waits_out_associating_with_until() -> None:
    statuses = iter(["ASSOCIATING", "ASSOCIATING", "ASSOCIATED"])
    calls: list[str] = []

    def status() -> str:
        calls.append("call")
        return next(statuses)

    result = RetryPolicy.instant().eventually(
        status, what="associate 222222222222", until=lambda s: s != "ASSOCIATING"
    )
    assert result == "ASSOCIATED"
    assert len(calls) == 3


def test_budget_is_honoured_in_virtual_time_and_the_last_error_is_raised() -> None:
    # waits without jitter: 0.5 1 2 4 8 (15.5s); the next, 10s, would pass the 20s budget
    policy = RetryPolicy.instant(eventual_budget_seconds=20)
    fn = Flaky([client_error("ResourceNotFound")] * 100)
    with pytest.raises(ClientError) as info:
        policy.eventually(fn, what="x")
    assert info.value.response["Error"]["Code"] == "ResourceNotFound"
    assert len(fn.calls) == 6


def test_unmet_condition_raises_wait_timeout_naming_what() -> None:
    policy = RetryPolicy.instant(eventual_budget_seconds=20)
    with pytest.raises(WaitTimeoutError, match="associate prod: still not done after 6 attempts"):
        policy.eventually(lambda: "ASSOCIATING", what="associate prod", until=lambda s: False)


def test_zero_budget_means_one_attempt() -> None:
    fn = Flaky([client_error("ResourceNotFound")] * 3)
    with pytest.raises(ClientError):
        RetryPolicy.instant(eventual_budget_seconds=0).eventually(fn, what="x")
    assert len(fn.calls) == 1


def test_jittered_waits_stay_within_the_budget() -> None:
    policy = RetryPolicy.instant(jitter=True, eventual_budget_seconds=30)
    fn = Flaky([client_error("ResourceNotFound")] * 1000)
    with pytest.raises(ClientError):
        policy.eventually(fn, what="x")
    # full jitter waits are at most the un-jittered ones, so at least as many attempts
    assert len(fn.calls) >= 7


def test_real_waits_with_a_tiny_budget() -> None:
    policy = RetryPolicy(
        eventual_budget_seconds=0.5, eventual_initial_wait=0.001, eventual_max_wait=0.002
    )
    fn = Flaky([client_error("ConflictException")] * 2)
    assert policy.eventually(fn, what="x") == "done"
    assert len(fn.calls) == 3


def test_the_same_client_token_is_sent_on_every_attempt() -> None:
    fn = Flaky([client_error("UnknownResourceException")] * 3, result={"ok": True})
    params = with_client_token({"name": "cards", "resourceArns": ["arn:x"]})
    RetryPolicy.instant().eventually(fn, what="create share", **params)
    tokens = {call["clientToken"] for call in fn.calls}
    assert len(fn.calls) == 4
    assert tokens == {params["clientToken"]}


def test_custom_eventual_codes() -> None:
    policy = RetryPolicy.instant(eventual_codes={"InvalidStateTransitionException"})
    assert policy.is_eventual(client_error("InvalidStateTransitionException"))
    assert not policy.is_eventual(client_error("ResourceNotFound"))


def test_connection_errors_are_retried_by_botocore_only(
    throttled_client: Callable[..., Any],
) -> None:
    policy = RetryPolicy.instant(total_max_attempts=3)
    client = throttled_client(policy)
    attempts: list[int] = []

    def unreachable(**kwargs: Any) -> Any:
        attempts.append(1)
        raise EndpointConnectionError(endpoint_url="https://api.sagemaker.invalid")

    client.meta.events.register_first("before-send.sagemaker.ListModelCards", unreachable)
    with pytest.raises(EndpointConnectionError):
        policy.eventually(client.list_model_cards, what="list cards")
    assert len(attempts) == 3


# ---------------------------------------------------------------- sleep hook


def test_pause_waits_really_virtually_or_through_the_hook() -> None:
    slept: list[float] = []
    RetryPolicy.instant().pause(5)  # returns at once
    RetryPolicy.instant(sleep=slept.append).pause(5)
    RetryPolicy(sleep=slept.append).pause(0.25)
    assert slept == [5, 0.25]
    assert RetryPolicy(sleep=slept.append) == RetryPolicy()  # the hook is not part of eq


def test_eventually_hands_its_waits_to_the_sleep_hook() -> None:
    slept: list[float] = []
    fn = Flaky([client_error("ResourceNotFound")] * 3)
    RetryPolicy.instant(sleep=slept.append).eventually(fn, what="x")
    assert slept == [0.5, 1.0, 2.0]


def test_instant_botocore_retries_hand_their_backoff_to_the_sleep_hook(
    throttled_client: Callable[..., Any],
) -> None:
    slept: list[float] = []
    client = throttled_client(RetryPolicy.instant(sleep=slept.append))
    client.meta.events.register_first(
        "before-send.sagemaker.ListModelCards", Recorder.failing(throttling, 2)
    )
    client.list_model_cards()
    assert slept == [1.0, 2.0]  # botocore's throttling backoff without jitter: 1 s, 2 s
    slept.clear()
    client.meta.events.register_first(
        "before-send.sagemaker.ListModelCards",
        Recorder.failing(lambda: json_error("InternalFailure", "oops", 500), 2),
    )
    client.list_model_cards()
    assert slept == pytest.approx([0.05, 0.1])  # 50 ms base for other transient errors
