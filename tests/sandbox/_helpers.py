"""Helpers for the sandbox tests: plain boto3 clients and exact error assertions."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from modelcard_share.sandbox import Sandbox

CONTENT = json.dumps({"model_overview": {"model_description": "demo"}})
#: A resource share / invitation id that is well formed but exists nowhere.
MISSING_ID = "00000000-0000-0000-0000-000000000000"


def content(description: str) -> str:
    """Schema-valid model card content with this model description."""
    return json.dumps({"model_overview": {"model_description": description}})


def client(sb: Sandbox, account: str, service: str, region: str | None = None) -> Any:
    """A plain boto3 client of ``service`` acting as ``account``."""
    return sb.client(account, service, region=region)


def expect_error(exc: pytest.ExceptionInfo[ClientError], code: str, status: int = 400) -> str:
    """Assert the AWS error code and HTTP status of a ClientError; return its message."""
    error = exc.value.response["Error"]
    assert error["Code"] == code, error
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    return str(error.get("Message", ""))


def make_card(sb: Sandbox, account: str = "dev", name: str = "churn-model", **kw: Any) -> str:
    """Create a Draft model card in ``account``; return its ARN."""
    sm = client(sb, account, "sagemaker")
    response = sm.create_model_card(
        ModelCardName=name, Content=kw.pop("content", CONTENT), ModelCardStatus="Draft", **kw
    )
    return str(response["ModelCardArn"])


def share_card(
    sb: Sandbox, card_arn: str, *principals: str, owner: str = "dev", **kw: Any
) -> dict[str, Any]:
    """Share a card from ``owner`` with account names or raw principals; return the share."""
    ids = [sb.account_id(p) if p in sb.accounts else p for p in principals]
    response = client(sb, owner, "ram").create_resource_share(
        name=kw.pop("name", "cards"), resourceArns=[card_arn], principals=ids, **kw
    )
    share: dict[str, Any] = response["resourceShare"]
    return share
