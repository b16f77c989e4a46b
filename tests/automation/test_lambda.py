"""The Lambda entry point: topology from the environment, routing, report, retry on AWS errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from modelcard_share import AccountTopology, ConfigurationError, TopologyError
from modelcard_share.automation import (
    TOPOLOGY_ENV,
    InvocationFailedError,
    LambdaFunction,
    function_topology,
    lambda_handler,
    topology_path,
)
from modelcard_share.sandbox import Sandbox

from .conftest import HOME, World, instant_retry, topology_mapping

TOPOLOGY = """\
home = "shared-services"
region = "us-east-1"
role_name = "ModelCardShareRole"

[accounts.shared-services]
account_id = "111111111111"

[accounts.dev]
account_id = "222222222222"

[accounts.test]
account_id = "333333333333"

[accounts.prod]
account_id = "444444444444"
access = "read-only"
"""


@pytest.fixture
def deployed(sb: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The function's environment: its code directory, topology file and role credentials."""
    (tmp_path / "topology.toml").write_text(TOPOLOGY, encoding="utf-8")
    credentials = sb.credentials(HOME)  # the function's execution role, in the home account
    env = {
        TOPOLOGY_ENV: "topology.toml",
        "LAMBDA_TASK_ROOT": str(tmp_path),
        "AWS_ACCESS_KEY_ID": credentials["AccessKeyId"],
        "AWS_SECRET_ACCESS_KEY": credentials["SecretAccessKey"],
        "AWS_SESSION_TOKEN": credentials["SessionToken"],
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


def test_the_handler_shares_from_events_and_returns_a_json_report(
    world: World, deployed: dict[str, str]
) -> None:
    """Events in, JSON report out: the function acts as the home account with its own role."""
    card = world.create_card("lambda")
    events = world.sb.events.drain()
    report = lambda_handler(events[0], None)
    assert json.loads(json.dumps(report)) == report
    assert report["kind"] == "events"
    assert report["counts"]["changed"] == 1
    [event] = report["events"]
    assert event["actions"][0]["action"] == "share"
    assert world.consumer("dev", card.arn).arn == card.arn
    again = lambda_handler([*events, {"source": "aws.ec2"}], None)  # a batch, warm
    assert (again["counts"]["unchanged"], again["counts"]["skipped"]) == (1, 1)


def test_the_schedule_reconciles(world: World, deployed: dict[str, str]) -> None:
    """The template's input, and a plain Scheduled Event, reconcile every card."""
    card = world.create_card("scheduled")
    world.sb.events.drain()  # lost
    report = lambda_handler({"action": "reconcile", "max_workers": 2}, None)
    assert (report["kind"], report["counts"]["changed"]) == ("reconcile", 1)
    scheduled = {"source": "aws.events", "detail-type": "Scheduled Event", "detail": {}}
    assert lambda_handler(scheduled, None)["counts"]["unchanged"] == 1
    plan = lambda_handler({"action": "reconcile", "dry_run": True}, None)
    assert plan["dry_run"] is True
    assert world.lifecycle.status(card).converged
    with pytest.raises(ConfigurationError, match=r"unknown keys \['prefix'\]"):
        lambda_handler({"action": "reconcile", "prefix": "x"}, None)


def test_an_aws_error_after_retries_fails_the_invocation_with_its_report(
    world: World, deployed: dict[str, str]
) -> None:
    """SageMaker failing: everything is handled, then the invocation raises for a retry."""
    function = LambdaFunction.from_environment(retry=instant_retry(world.sb, 2))
    world.create_card("retry-me")
    events = [*world.sb.events.drain(), {"source": "not-sagemaker"}]
    world.sb.faults.set(server_error=1.0, services=["sagemaker"])
    with pytest.raises(InvocationFailedError, match=r"1 card\(s\) met an AWS error") as caught:
        function.invoke(events)
    world.sb.faults.clear()
    assert caught.value.report["counts"]["failed"] == 1
    assert caught.value.report["counts"]["skipped"] == 1
    assert function.invoke(events)["counts"]["changed"] == 1, "the retry converges"


def test_the_environment_must_name_the_topology(tmp_path: Path) -> None:
    """Without the variable the error names it; a relative path is read from the code root."""
    with pytest.raises(ConfigurationError, match=TOPOLOGY_ENV):
        LambdaFunction.from_environment({})
    assert topology_path({TOPOLOGY_ENV: "t.toml", "LAMBDA_TASK_ROOT": "/var/task"}) == Path(
        "/var/task/t.toml"
    )
    assert topology_path({TOPOLOGY_ENV: "/opt/t.toml", "LAMBDA_TASK_ROOT": "/x"}) == Path(
        "/opt/t.toml"
    )
    with pytest.raises(TopologyError, match="cannot read topology file"):
        LambdaFunction.from_environment({TOPOLOGY_ENV: str(tmp_path / "missing.toml")})


def test_the_function_acts_as_the_home_account_itself(sb: Sandbox) -> None:
    """The home account's role is dropped (the function is already there); others keep theirs."""
    topology = function_topology(AccountTopology.from_mapping(topology_mapping(sb)))
    assert topology.home.role_arn is None
    assert topology["dev"].role_arn == sb.role_arn("dev")
    data: dict[str, Any] = topology_mapping(sb)
    data["accounts"]["dev"] = {"account_id": sb.account_id("dev"), "assume_role": False}
    with pytest.raises(TopologyError, match="no other account may set assume_role = false"):
        function_topology(AccountTopology.from_mapping(data))
