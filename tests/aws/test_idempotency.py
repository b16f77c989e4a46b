"""Idempotency tokens for RAM's clientToken."""

from __future__ import annotations

import uuid

from modelcard_share.aws import new_client_token
from modelcard_share.aws._idempotency import CLIENT_TOKEN, with_client_token


def test_new_client_token_is_a_fresh_uuid4() -> None:
    tokens = {new_client_token() for _ in range(100)}
    assert len(tokens) == 100
    assert all(uuid.UUID(t).version == 4 for t in tokens)


def test_with_client_token_adds_one_without_touching_the_input() -> None:
    params = {"name": "cards"}
    result = with_client_token(params)
    assert params == {"name": "cards"}
    assert set(result) == {"name", CLIENT_TOKEN}
    assert uuid.UUID(result[CLIENT_TOKEN]).version == 4


def test_with_client_token_keeps_a_given_or_existing_token() -> None:
    assert with_client_token({}, "tok-1") == {"clientToken": "tok-1"}
    assert with_client_token({"clientToken": "tok-0"}, "tok-1") == {"clientToken": "tok-0"}
