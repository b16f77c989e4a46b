"""Read an account topology from a mapping or a TOML file.

The TOML format (a Python mapping uses the same shape)::

    # Defaults for every account (all optional).
    home = "shared-services"          # required: the account that owns the cards
    region = "us-east-1"              # required here or in every account
    partition = "aws"                 # default: derived from the region
    role_name = "ModelCardShareRole"  # role assumed in each account ...
    role_path = "/"                   # ... at this IAM path (default "/")
    duration_seconds = 3600           # AssumeRole DurationSeconds, 900..43200
    external_id = "shared-external-id"  # AssumeRole ExternalId, 2..1224 chars
    source_identity = "alice"         # AssumeRole SourceIdentity, 2..64 chars
    session_tags = { team = "ml" }    # merged under each account's own tags

    [accounts.shared-services]
    account_id = "111111111111"       # a quoted string of 12 digits
    assume_role = false               # use the current credentials (notebook case)

    [accounts.dev]
    account_id = "222222222222"
    stage = "dev"
    access = "read-write"             # read-write | read-only | export
    external = false                  # true: outside the organization (invitations)

    [accounts.prod]
    account_id = "444444444444"
    role_arn = "arn:aws:iam::444444444444:role/ops/CardReader"  # instead of role_name
    region = "eu-west-1"
    stage = "prod"
    access = "read-only"
    external_id = "prod-external-id"
    role_session_name = "cards-prod"  # default: modelcard-share-<account name>
    session_tags = { stage = "prod" }

    [lifecycle.stages]                # any other table is kept in topology.extra
    Approved = "prod"                 # (the lifecycle reads this one)

Each account entry accepts ``account_id``, ``role_arn``, ``role_name``, ``role_path``,
``partition``, ``assume_role``, ``region``, ``external_id``, ``duration_seconds``,
``session_tags``, ``source_identity``, ``role_session_name``, ``stage``, ``access`` and
``external``.
An unknown key inside an account entry or an unknown top-level key that is not a table
is an error that names it (typos must not pass silently); an unknown top-level *table*
is kept in :attr:`AccountTopology.extra`.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Mapping
from typing import Any

from modelcard_share.aws import _validate as v
from modelcard_share.aws._access import Access
from modelcard_share.errors import TopologyError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

# Keys that may be set at the top level as defaults for every account.
DEFAULT_KEYS = frozenset(
    {
        "region",
        "partition",
        "role_name",
        "role_path",
        "duration_seconds",
        "external_id",
        "source_identity",
        "session_tags",
    }
)
ACCOUNT_KEYS = DEFAULT_KEYS | {
    "account_id",
    "role_arn",
    "assume_role",
    "role_session_name",
    "stage",
    "access",
    "external",
}
TOP_LEVEL_KEYS = DEFAULT_KEYS | {"home", "accounts"}
DEFAULT_ROLE_PATH = "/"


def load_toml(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Parse a TOML file into a mapping, raising :class:`TopologyError` on bad syntax."""
    try:
        with open(path, "rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
    except tomllib.TOMLDecodeError as err:
        raise TopologyError(f"{os.fspath(path)} is not valid TOML: {err}") from err
    except OSError as err:
        raise TopologyError(f"cannot read topology file {os.fspath(path)}: {err}") from err
    return data


def _unknown(key: str, allowed: frozenset[str], *, account: str | None) -> TopologyError:
    close = difflib.get_close_matches(key, sorted(allowed), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; allowed: {', '.join(sorted(allowed))}"
    return TopologyError(f"unknown key{hint}", account=account, field=key)


def _role_arn(
    name: str, own: Mapping[str, Any], entry: Mapping[str, Any], account_id: str
) -> str | None:
    assume = own.get("assume_role", True)
    if not isinstance(assume, bool):
        raise TopologyError(
            f"must be true or false, got {assume!r}", account=name, field="assume_role"
        )
    if not assume:
        for key in ("role_arn", "role_name"):
            if own.get(key) is not None:
                raise TopologyError(
                    "conflicts with assume_role = false (the current credentials are used)",
                    account=name,
                    field=key,
                )
        return None
    if entry.get("role_arn") is not None:
        for key in ("role_name", "role_path"):
            if own.get(key) is not None:
                raise TopologyError(
                    "conflicts with role_arn (give one or the other)", account=name, field=key
                )
        return v.check_str(name, "role_arn", entry["role_arn"])
    role_name = entry.get("role_name")
    if role_name is None:
        raise TopologyError(
            "no role: set role_arn or role_name (here or at the top level), or "
            "assume_role = false to use the current credentials",
            account=name,
            field="role_name",
        )
    v.check_pattern(name, "role_name", role_name, v.ROLE_NAME_PATTERN, "a valid IAM role name")
    path = entry.get("role_path", DEFAULT_ROLE_PATH)
    v.check_pattern(name, "role_path", path, v.ROLE_PATH_PATTERN, "an IAM path like /a/b/")
    region = entry.get("region")
    partition = entry.get("partition")
    if partition is None:
        partition = v.partition_for_region(region) if isinstance(region, str) else "aws"
    v.check_pattern(name, "partition", partition, v.PARTITION_PATTERN, "an AWS partition")
    return v.role_arn_from_name(partition, account_id, role_name, path)


def _account(name: str, entry: Mapping[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    """Return the ``Account`` keyword arguments of one account entry."""
    if not isinstance(entry, Mapping):
        raise TopologyError(f"must be a table, got {entry!r}", account=name)
    for key in entry:
        if key not in ACCOUNT_KEYS:
            raise _unknown(key, frozenset(ACCOUNT_KEYS), account=name)
    merged: dict[str, Any] = {**defaults, **entry}
    tags = dict(v.check_session_tags(name, defaults.get("session_tags", {})))
    tags.update(v.check_session_tags(name, entry.get("session_tags", {})))
    if "account_id" not in entry:
        raise TopologyError("is required", account=name, field="account_id")
    account_id = v.check_account_id(name, entry["account_id"])
    if "region" not in merged:
        raise TopologyError(
            "is required (set it here or at the top level)", account=name, field="region"
        )
    access = merged.get("access", Access.READ_WRITE.value)
    if access not in {a.value for a in Access}:
        allowed = ", ".join(a.value for a in Access)
        raise TopologyError(f"{access!r} is not one of {allowed}", account=name, field="access")
    kwargs: dict[str, Any] = {
        "name": name,
        "account_id": account_id,
        "role_arn": _role_arn(name, entry, merged, account_id),
        "region": merged["region"],
        "session_tags": tuple(tags.items()),
        "access": Access(access),
    }
    for key in ("external_id", "duration_seconds", "source_identity", "role_session_name"):
        if merged.get(key) is not None:
            kwargs[key] = merged[key]
    if entry.get("stage") is not None:
        kwargs["stage"] = entry["stage"]
    if "external" in entry:
        external = entry["external"]
        if not isinstance(external, bool):
            raise TopologyError(
                f"must be true or false, got {external!r}", account=name, field="external"
            )
        kwargs["external"] = external
    return kwargs


def parse_topology(
    data: Mapping[str, Any],
) -> tuple[list[dict[str, Any]], str, dict[str, Any]]:
    """Check a topology mapping; return the accounts' keyword arguments, home and extras."""
    if not isinstance(data, Mapping):
        raise TopologyError(f"a topology must be a mapping, got {type(data).__name__}")
    extra: dict[str, Any] = {}
    for key, value in data.items():
        if key in TOP_LEVEL_KEYS:
            continue
        if isinstance(value, Mapping):
            extra[key] = value
        else:
            raise _unknown(key, frozenset(TOP_LEVEL_KEYS), account=None)
    accounts = data.get("accounts")
    if not isinstance(accounts, Mapping) or not accounts:
        raise TopologyError("at least one [accounts.<name>] table is required", field="accounts")
    home = data.get("home")
    if home is None and len(accounts) == 1:
        home = next(iter(accounts))
    if not isinstance(home, str):
        raise TopologyError("must name the account that owns the model cards", field="home")
    defaults = {k: data[k] for k in DEFAULT_KEYS if k in data}
    return [_account(str(name), entry, defaults) for name, entry in accounts.items()], home, extra
