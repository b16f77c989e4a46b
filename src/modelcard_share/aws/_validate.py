"""Validators for the account topology: STS and IAM limits, checked before any AWS call.

Every check raises :class:`~modelcard_share.errors.TopologyError` naming the account and
the field at fault, so a typo in a topology file is reported at load time rather than deep
inside request signing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from modelcard_share.errors import TopologyError

ACCOUNT_NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,62}", re.ASCII)
ACCOUNT_ID_PATTERN = re.compile(r"[0-9]{12}", re.ASCII)
REGION_PATTERN = re.compile(r"[a-z]{2}(-[a-z]+)+-[0-9]{1,2}", re.ASCII)
PARTITION_PATTERN = re.compile(r"aws(-[a-z]+)*", re.ASCII)
ROLE_NAME_PATTERN = re.compile(r"[\w+=,.@-]{1,64}", re.ASCII)
ROLE_PATH_PATTERN = re.compile(r"/([\x21-\x2e\x30-\x7e]+/)*", re.ASCII)
ROLE_ARN_PATTERN = re.compile(
    r"arn:(?P<partition>aws(?:-[a-z]+)*):iam::(?P<account>[0-9]{12}):role"
    r"(?P<path>/(?:[\x21-\x2e\x30-\x7e]+/)*)(?P<name>[\w+=,.@-]{1,64})",
    re.ASCII,
)
SESSION_NAME_PATTERN = re.compile(r"[\w+=,.@-]{2,64}", re.ASCII)
EXTERNAL_ID_PATTERN = re.compile(r"[\w+=,.@:/-]{2,1224}", re.ASCII)
TAG_KEY_PATTERN = re.compile(r"[\w\s.:/=+@-]{1,128}")
TAG_VALUE_PATTERN = re.compile(r"[\w\s.:/=+@-]{0,256}")
STAGE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", re.ASCII)

MIN_DURATION_SECONDS = 900
MAX_DURATION_SECONDS = 43200
MAX_SESSION_TAGS = 50


def _fail(account: str | None, field: str, message: str) -> TopologyError:
    return TopologyError(message, account=account, field=field)


def check_str(account: str | None, field: str, value: object) -> str:
    """Return ``value`` if it is a string, else raise naming the field."""
    if not isinstance(value, str):
        raise _fail(account, field, f"must be a string, got {type(value).__name__} {value!r}")
    return value


def check_pattern(
    account: str | None, field: str, value: object, pattern: re.Pattern[str], what: str
) -> str:
    """Return ``value`` if it fully matches ``pattern``, else raise describing ``what``."""
    text = check_str(account, field, value)
    if pattern.fullmatch(text) is None:
        raise _fail(account, field, f"{text!r} is not {what}")
    return text


def check_account_id(account: str | None, value: object) -> str:
    """Return a 12-digit account id; integers are refused because leading zeros matter."""
    if isinstance(value, int) and not isinstance(value, bool):
        raise _fail(
            account,
            "account_id",
            f"must be a string of 12 digits, got the number {value}; quote it "
            "(leading zeros matter)",
        )
    return check_pattern(account, "account_id", value, ACCOUNT_ID_PATTERN, "12 digits")


def check_duration(account: str | None, value: object) -> int:
    """Return a session duration within STS limits (900..43200 seconds)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(account, "duration_seconds", f"must be an integer, got {value!r}")
    if not MIN_DURATION_SECONDS <= value <= MAX_DURATION_SECONDS:
        raise _fail(
            account,
            "duration_seconds",
            f"{value} is outside {MIN_DURATION_SECONDS}..{MAX_DURATION_SECONDS} seconds",
        )
    return value


def check_session_tags(account: str | None, value: object) -> tuple[tuple[str, str], ...]:
    """Return session tags as sorted ``(key, value)`` pairs within STS limits."""
    pairs: Iterable[Any]
    if isinstance(value, Mapping):
        pairs = value.items()
    elif isinstance(value, (list, tuple)):
        pairs = value
    else:
        raise _fail(account, "session_tags", f"must be a table of key = value, got {value!r}")
    result: list[tuple[str, str]] = []
    seen: set[str] = set()
    for pair in pairs:
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise _fail(account, "session_tags", f"{pair!r} is not a (key, value) pair")
        key, val = pair
        field = f"session_tags.{key}"
        check_pattern(account, field, key, TAG_KEY_PATTERN, "a valid tag key (1-128 chars)")
        if key.lower().startswith("aws:"):
            raise _fail(account, field, "tag keys must not start with 'aws:'")
        check_pattern(account, field, val, TAG_VALUE_PATTERN, "a valid tag value (0-256 chars)")
        if key.lower() in seen:
            raise _fail(account, field, "duplicate tag key (keys are case-insensitive)")
        seen.add(key.lower())
        result.append((key, val))
    if len(result) > MAX_SESSION_TAGS:
        raise _fail(
            account, "session_tags", f"{len(result)} tags given; STS allows {MAX_SESSION_TAGS}"
        )
    return tuple(sorted(result))


def partition_for_region(region: str) -> str:
    """Return the AWS partition a region belongs to (``aws``, ``aws-cn``, ``aws-us-gov``...)."""
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    if region.startswith("us-isob-"):
        return "aws-iso-b"
    if region.startswith("us-iso-"):
        return "aws-iso"
    return "aws"


def role_arn_from_name(partition: str, account_id: str, role_name: str, path: str) -> str:
    """Build a role ARN from its parts, e.g. ``arn:aws:iam::111111111111:role/x``."""
    return f"arn:{partition}:iam::{account_id}:role{path}{role_name}"
