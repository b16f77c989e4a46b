"""Issue 11 section 4 and issue 12 item 1: the sandbox stays offline and checks its inputs."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError

from modelcard_share.errors import ModelCardShareError, SandboxError, TopologyError
from modelcard_share.sandbox import (
    DEFAULT_ACCOUNTS,
    Sandbox,
    SandboxArgumentError,
    SandboxTypeError,
)

from ._helpers import client, expect_error, make_card

ACCOUNTS = {"a": "111111111111", "b": "222222222222"}


def test_default_accounts_is_one_read_only_mapping() -> None:
    """DEFAULT_ACCOUNTS is the single read-only source of the four default accounts."""
    from modelcard_share.sandbox import pytest_plugin

    assert pytest_plugin.DEFAULT_ACCOUNTS is DEFAULT_ACCOUNTS
    assert dict(DEFAULT_ACCOUNTS) == {
        "shared-services": "111111111111",
        "dev": "222222222222",
        "test": "333333333333",
        "prod": "444444444444",
    }
    with pytest.raises(TypeError):
        DEFAULT_ACCOUNTS["x"] = "555555555555"  # type: ignore[index]


def test_outside_aws_settings_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    """A dead AWS_ENDPOINT_URL, a missing profile and a bogus region change nothing."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("AWS_ENDPOINT_URL_SAGEMAKER", "http://127.0.0.1:9")
    monkeypatch.setenv("AWS_PROFILE", "nonexistent")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "moon-1")
    monkeypatch.setenv("AWS_REGION", "moon-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent/config")
    monkeypatch.setenv("AWS_USE_FIPS_ENDPOINT", "true")
    with Sandbox(accounts=ACCOUNTS) as sb:
        assert client(sb, "b", "sts").get_caller_identity()["Account"] == "222222222222"
        card = make_card(sb, "a")
        session: Any = sb.session("b")
        assert session.region_name == "us-east-1"
        client(sb, "a", "ram").create_resource_share(
            name="s", resourceArns=[card], principals=["222222222222"]
        )
        sm = session.client("sagemaker")
        assert sm.describe_model_card(ModelCardName=card)["ModelCardArn"] == card


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"accounts": {"a": 111111111111}}, TopologyError, "12 digits"),
        ({"accounts": {"a": "11111111111\n"}}, TopologyError, "12 digits"),
        ({"accounts": ["a"]}, TopologyError, "mapping"),
        ({"region": "moon-1"}, SandboxArgumentError, "unknown AWS region 'moon-1'"),
        ({"region": 5}, SandboxTypeError, "region"),
        ({"organization": "yes"}, TopologyError, "organization"),
        ({"association_delay": timedelta(seconds=-1)}, SandboxArgumentError, "association_delay"),
        ({"export_job_duration": 30}, SandboxTypeError, "export_job_duration"),
        ({"port": 70000}, SandboxArgumentError, "port"),
        ({"server": "yes"}, SandboxTypeError, "server"),
        ({"role_name": ""}, SandboxTypeError, "role_name"),
        ({"schema_extensions": {"nowhere": {"x": {}}}}, SandboxArgumentError, "nowhere"),
        ({"schema_extensions": {"": {"x": "string"}}}, SandboxArgumentError, "JSON schema"),
    ],
)
def test_bad_arguments_raise_typed_errors(
    kwargs: dict[str, Any], error: type[Exception], match: str
) -> None:
    """Every bad constructor argument raises a SandboxError/ConfigurationError naming it."""
    with pytest.raises(error, match=match) as exc:
        Sandbox(**{"accounts": ACCOUNTS, **kwargs})
    assert isinstance(exc.value, ModelCardShareError)
    assert isinstance(exc.value, (TypeError, ValueError))


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"seconds": -1}, SandboxArgumentError),
        ({"hours": float("nan")}, SandboxArgumentError),
        ({"minutes": "5"}, SandboxTypeError),
        ({"days": True}, SandboxTypeError),
    ],
)
def test_bad_clock_advances_are_refused(kwargs: dict[str, Any], error: type[Exception]) -> None:
    """sandbox.clock.advance refuses negative, non-finite and non-numeric values."""
    sb = Sandbox(accounts=ACCOUNTS)
    with pytest.raises(error):
        sb.clock.advance(**kwargs)
    assert sb.clock.offset == timedelta(0)


def test_bad_fault_settings_are_refused(sandbox: Sandbox) -> None:
    """faults.set names the bad argument in a SandboxError."""
    with pytest.raises(SandboxError, match="throttle"):
        sandbox.faults.set(throttle=2)


def test_bad_session_arguments(sandbox: Sandbox) -> None:
    """Unknown regions and non-string names are refused before any call."""
    with pytest.raises(SandboxArgumentError, match="moon-1"):
        sandbox.session("dev", region="moon-1")
    with pytest.raises(SandboxTypeError):
        sandbox.account_id(3)  # type: ignore[arg-type]
    with pytest.raises(SandboxTypeError):
        sandbox.client("dev", "")


# ------------------------------------------------------------------ content schema (item 1)


@pytest.mark.parametrize(
    ("document", "path"),
    [
        ("not json", "$"),
        (json.dumps({"x_unknown": 1}), "$"),
        (json.dumps({"intended_uses": {"risk_rating": "Critical"}}), "$.intended_uses.risk_rating"),
        (json.dumps({"model_overview": {"model_description": 5}}), "$.model_overview"),
    ],
)
def test_content_breaking_the_schema_is_refused(sandbox: Sandbox, document: str, path: str) -> None:
    """Content that is not JSON, has unknown keys or bad values is a ValidationException."""
    with pytest.raises(ClientError) as exc:
        make_card(sandbox, content=document)
    message = expect_error(exc, "ValidationException")
    assert f"Invalid model card content: {path}" in message


def test_update_content_is_validated_too(sandbox: Sandbox) -> None:
    """UpdateModelCard checks its content as CreateModelCard does."""
    card = make_card(sandbox)
    with pytest.raises(ClientError) as exc:
        client(sandbox, "dev", "sagemaker").update_model_card(
            ModelCardName=card, Content=json.dumps({"x_unknown": 1})
        )
    expect_error(exc, "ValidationException")


def test_schema_extensions_let_newer_fields_through(sandbox_factory: Any) -> None:
    """Fields declared as known to a newer service are stored and returned unchanged."""
    sb = sandbox_factory(schema_extensions={"model_overview": {"new_field": {"type": "string"}}})
    document = json.dumps({"model_overview": {"model_owner": "o", "new_field": "kept"}})
    card = make_card(sb, content=document)
    assert (
        client(sb, "dev", "sagemaker").describe_model_card(ModelCardName=card)["Content"]
        == document
    )
    with pytest.raises(ClientError):
        make_card(sb, name="other", content=json.dumps({"model_overview": {"new_field": 1}}))
    sb.extend_schema({"": {"x_extra": {}}})
    make_card(sb, name="third", content=json.dumps({"x_extra": [1, {"a": None}]}))
    assert sb.schema.extensions == {
        "model_overview": {"new_field": {"type": "string"}},
        "": {"x_extra": {}},
    }
