"""Hand-made AWS HTTP responses, returned from ``before-send`` handlers in tests.

Returning an ``AWSResponse`` from ``before-send`` skips the network (and moto) but runs
botocore's real parsing, retry handlers and error raising on it.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator
from typing import Any, cast

from botocore.awsrequest import AWSResponse

STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/"


class _Raw:
    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **kwargs: Any) -> Iterator[bytes]:
        yield self._body


def response(status: int, body: bytes, headers: dict[str, str] | None = None) -> AWSResponse:
    return AWSResponse("https://example.invalid/", status, cast("Any", headers or {}), _Raw(body))


def sts_error(code: str, message: str, status: int = 403) -> AWSResponse:
    body = (
        f'<ErrorResponse xmlns="{STS_NS}"><Error><Type>Sender</Type><Code>{code}</Code>'
        f"<Message>{message}</Message></Error><RequestId>req-{code}</RequestId></ErrorResponse>"
    )
    return response(status, body.encode(), {"x-amzn-RequestId": f"req-{code}"})


def json_error(code: str, message: str, status: int) -> AWSResponse:
    body = json.dumps({"__type": code, "message": message}).encode()
    return response(
        status,
        body,
        {"x-amzn-RequestId": "req-json", "Content-Type": "application/x-amz-json-1.1"},
    )


def assume_role_ok(
    *, key_id: str, secret: str, token: str, expiration: datetime.datetime, account_id: str
) -> AWSResponse:
    expires = expiration.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = (
        f'<AssumeRoleResponse xmlns="{STS_NS}"><AssumeRoleResult><Credentials>'
        f"<AccessKeyId>{key_id}</AccessKeyId><SecretAccessKey>{secret}</SecretAccessKey>"
        f"<SessionToken>{token}</SessionToken><Expiration>{expires}</Expiration>"
        f"</Credentials><AssumedRoleUser>"
        f"<Arn>arn:aws:sts::{account_id}:assumed-role/R/s</Arn>"
        f"<AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId></AssumedRoleUser>"
        f"</AssumeRoleResult><ResponseMetadata><RequestId>req-ok</RequestId>"
        f"</ResponseMetadata></AssumeRoleResponse>"
    )
    return response(200, body.encode())


class Recorder:
    """A ``before-send`` handler that answers some attempts itself and counts them all.

    ``script[i]`` makes the response of attempt ``i + 1``; ``None`` (or running past the
    script) lets the attempt go on to the next handler, such as moto.
    """

    def __init__(self, script: list[Callable[[], AWSResponse] | None]) -> None:
        self._script = script
        self.attempts = 0

    @classmethod
    def failing(cls, make: Callable[[], AWSResponse], times: int) -> Recorder:
        return cls([make] * times)

    def __call__(self, **kwargs: Any) -> Any:  # botocore's stubs expect a None handler
        self.attempts += 1
        index = self.attempts - 1
        make = self._script[index] if index < len(self._script) else None
        return make() if make is not None else None
