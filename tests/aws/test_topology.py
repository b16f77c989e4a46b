"""AccountTopology and Account: loading, lookups, and a typed error for every bad field."""

from __future__ import annotations

import copy
import string
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from modelcard_share.aws import Access, Account, AccountTopology
from modelcard_share.errors import ConfigurationError, TopologyError

from .conftest import TOPOLOGY


def with_changes(account: str | None = None, **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(TOPOLOGY)
    target = data["accounts"][account] if account else data
    for key, value in changes.items():
        if value is ...:
            target.pop(key, None)
        else:
            target[key] = value
    return data


def account(**changes: Any) -> Account:
    kwargs: dict[str, Any] = {
        "name": "dev",
        "account_id": "222222222222",
        "role_arn": "arn:aws:iam::222222222222:role/R",
        "region": "us-east-1",
    }
    kwargs.update(changes)
    return Account(**kwargs)


def test_from_mapping_derives_role_arns_and_keeps_order(topology: AccountTopology) -> None:
    assert topology.names == ("shared-services", "dev", "test", "prod")
    assert len(topology) == 4
    assert [a.name for a in topology] == list(topology.names)
    assert topology["dev"].role_arn == "arn:aws:iam::222222222222:role/ModelCardShareRole"
    assert topology["prod"].region == "eu-west-1"
    assert topology["dev"].region == "us-east-1"
    assert topology["prod"].access is Access.READ_ONLY
    assert topology["dev"].access is Access.READ_WRITE
    assert topology["prod"].session_tags == (("stage", "prod"),)
    assert topology["test"].source_identity == "ci-bot"
    assert topology["dev"].role_session_name == "modelcard-share-dev"
    assert topology["dev"].duration_seconds == 3600


def test_home_and_current_credentials(topology: AccountTopology) -> None:
    assert topology.home.name == "shared-services"
    assert topology.home.role_arn is None
    assert topology.home.assume_role is False
    assert topology["dev"].assume_role is True


def test_lookup_by_name_id_and_stage(topology: AccountTopology) -> None:
    assert topology.by_id("444444444444").name == "prod"
    assert topology.resolve("444444444444").name == "prod"
    assert topology.resolve("prod") is topology["prod"]
    assert topology.resolve(topology["dev"]) is topology["dev"]
    assert topology.by_stage("prod") == (topology["prod"],)
    assert "dev" in topology
    assert "nope" not in topology
    with pytest.raises(TopologyError, match=r"accounts\.nope: no such account.*dev"):
        topology["nope"]
    with pytest.raises(TopologyError, match="555555555555"):
        topology.by_id("555555555555")


def test_access_enum_values() -> None:
    assert [a.value for a in Access] == ["read-write", "read-only", "export"]
    assert Access("export") is Access.EXPORT
    assert Access.READ_ONLY.value == "read-only"
    assert isinstance(Access.READ_ONLY, str)


def test_assume_role_args_mirror_sts_names(topology: AccountTopology) -> None:
    assert topology["prod"].assume_role_args() == {
        "RoleSessionName": "modelcard-share-prod",
        "DurationSeconds": 3600,
        "ExternalId": "prod-external-id-s3cr3t",
        "Tags": [{"Key": "stage", "Value": "prod"}],
    }
    assert topology["test"].assume_role_args()["SourceIdentity"] == "ci-bot"
    assert "ExternalId" not in topology["dev"].assume_role_args()


def test_external_id_is_hidden_from_repr_and_str(topology: AccountTopology) -> None:
    assert "prod-external-id-s3cr3t" not in repr(topology)
    assert "prod-external-id-s3cr3t" not in str(topology["prod"])
    assert "external_id='***'" in repr(topology["prod"])


def test_role_path_partition_and_explicit_arn() -> None:
    topo = AccountTopology.from_mapping(
        {
            "home": "a",
            "region": "cn-north-1",
            "role_name": "R",
            "role_path": "/team/cards/",
            "accounts": {
                "a": {"account_id": "011111111111"},
                "b": {
                    "account_id": "022222222222",
                    "role_arn": "arn:aws-cn:iam::022222222222:role/x/Other",
                },
                "c": {"account_id": "033333333333", "region": "us-gov-west-1"},
            },
        }
    )
    assert topo["a"].role_arn == "arn:aws-cn:iam::011111111111:role/team/cards/R"
    assert topo["a"].account_id == "011111111111"  # leading zero kept
    assert topo["b"].role_arn == "arn:aws-cn:iam::022222222222:role/x/Other"
    assert topo["b"].partition == "aws-cn"
    assert topo["c"].role_arn == "arn:aws-us-gov:iam::033333333333:role/team/cards/R"


def test_account_defaults_are_merged_and_overridden() -> None:
    data = with_changes(
        duration_seconds=1800, external_id="default-ext", session_tags={"team": "ml"}
    )
    data["accounts"]["prod"]["duration_seconds"] = 900
    topo = AccountTopology.from_mapping(data)
    assert topo["dev"].duration_seconds == 1800
    assert topo["prod"].duration_seconds == 900
    assert topo["dev"].external_id == "default-ext"
    assert topo["prod"].external_id == "prod-external-id-s3cr3t"
    assert topo["prod"].session_tags == (("stage", "prod"), ("team", "ml"))


def test_unknown_top_level_tables_are_kept_in_extra() -> None:
    data = with_changes(lifecycle={"prod": {"access": "read-only"}})
    topo = AccountTopology.from_mapping(data)
    assert topo.extra["lifecycle"] == {"prod": {"access": "read-only"}}
    with pytest.raises(TypeError):
        topo.extra["x"] = 1  # type: ignore[index]


def test_single_account_is_home_by_default() -> None:
    topo = AccountTopology.from_mapping(
        {"region": "us-east-1", "accounts": {"only": {"account_id": "1" * 12, "role_name": "R"}}}
    )
    assert topo.home.name == "only"


TOML = """
home = "shared-services"
region = "us-east-1"
role_name = "ModelCardShareRole"

[accounts.shared-services]
account_id = "111111111111"

[accounts.prod]
account_id = "444444444444"
stage = "prod"
access = "read-only"
external_id = "abc-123"
session_tags = { stage = "prod" }

[lifecycle]
promote = ["dev", "prod"]
"""


def test_from_toml(tmp_path: Path) -> None:
    path = tmp_path / "accounts.toml"
    path.write_text(TOML)
    topo = AccountTopology.from_toml(path)
    assert topo.home.account_id == "111111111111"
    assert topo["prod"].access is Access.READ_ONLY
    assert topo["prod"].external_id == "abc-123"
    assert topo.extra == {"lifecycle": {"promote": ["dev", "prod"]}}


def test_from_toml_bad_syntax_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("home = \n")
    with pytest.raises(TopologyError, match="not valid TOML"):
        AccountTopology.from_toml(path)
    with pytest.raises(TopologyError, match="cannot read"):
        AccountTopology.from_toml(tmp_path / "missing.toml")


def test_integer_account_id_in_toml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "accounts.toml"
    path.write_text(TOML.replace('"444444444444"', "444444444444"))
    with pytest.raises(TopologyError, match=r"accounts\.prod\.account_id: .*quote it") as info:
        AccountTopology.from_toml(path)
    assert (info.value.account, info.value.field) == ("prod", "account_id")


BAD_FIELDS: list[tuple[str, str | None, dict[str, Any], str | None, str, str]] = [
    # (id, account, changes, expected account, expected field, message fragment)
    ("id-11-digits", "dev", {"account_id": "22222222222"}, "dev", "account_id", "12 digits"),
    ("id-13-digits", "dev", {"account_id": "2222222222222"}, "dev", "account_id", "12 digits"),
    ("id-letters", "dev", {"account_id": "22222222222a"}, "dev", "account_id", "12 digits"),
    ("id-int", "dev", {"account_id": 222222222222}, "dev", "account_id", "quote it"),
    ("id-missing", "dev", {"account_id": ...}, "dev", "account_id", "required"),
    ("id-duplicate", "dev", {"account_id": "333333333333"}, "test", "account_id", "also used"),
    (
        "arn-malformed",
        "dev",
        {"role_arn": "arn:aws:iam::222222222222:user/x"},
        "dev",
        "role_arn",
        "not an IAM role ARN",
    ),
    (
        "arn-no-name",
        "dev",
        {"role_arn": "arn:aws:iam::222222222222:role/"},
        "dev",
        "role_arn",
        "not an IAM role ARN",
    ),
    (
        "arn-other-account",
        "dev",
        {"role_arn": "arn:aws:iam::999999999999:role/R"},
        "dev",
        "role_arn",
        "is in account 999999999999",
    ),
    ("arn-int", "dev", {"role_arn": 5}, "dev", "role_arn", "must be a string"),
    ("role-name-bad", "dev", {"role_name": "bad name"}, "dev", "role_name", "role name"),
    ("role-path-bad", "dev", {"role_path": "nopath"}, "dev", "role_path", "IAM path"),
    ("ext-id-short", "prod", {"external_id": "a"}, "prod", "external_id", "ExternalId"),
    ("ext-id-long", "prod", {"external_id": "a" * 1225}, "prod", "external_id", "ExternalId"),
    ("ext-id-chars", "prod", {"external_id": "has space"}, "prod", "external_id", "ExternalId"),
    ("duration-low", "dev", {"duration_seconds": 899}, "dev", "duration_seconds", "900..43200"),
    ("duration-high", "dev", {"duration_seconds": 43201}, "dev", "duration_seconds", "900..43200"),
    ("duration-str", "dev", {"duration_seconds": "3600"}, "dev", "duration_seconds", "integer"),
    ("duration-bool", "dev", {"duration_seconds": True}, "dev", "duration_seconds", "integer"),
    (
        "tags-too-many",
        "dev",
        {"session_tags": {f"k{i}": "v" for i in range(51)}},
        "dev",
        "session_tags",
        "STS allows 50",
    ),
    (
        "tags-aws-prefix",
        "dev",
        {"session_tags": {"aws:x": "v"}},
        "dev",
        "session_tags.aws:x",
        "aws:",
    ),
    (
        "tags-long-value",
        "dev",
        {"session_tags": {"k": "v" * 257}},
        "dev",
        "session_tags.k",
        "tag value",
    ),
    ("tags-not-table", "dev", {"session_tags": "a=b"}, "dev", "session_tags", "table"),
    (
        "session-name-short",
        "dev",
        {"role_session_name": "a"},
        "dev",
        "role_session_name",
        "RoleSessionName",
    ),
    (
        "session-name-long",
        "dev",
        {"role_session_name": "a" * 65},
        "dev",
        "role_session_name",
        "RoleSessionName",
    ),
    (
        "session-name-space",
        "dev",
        {"role_session_name": "a b"},
        "dev",
        "role_session_name",
        "RoleSessionName",
    ),
    (
        "source-identity-bad",
        "dev",
        {"source_identity": "x"},
        "dev",
        "source_identity",
        "SourceIdentity",
    ),
    ("region-bad", "dev", {"region": "mars-1"}, "dev", "region", "AWS region"),
    ("stage-bad", "dev", {"stage": "has space"}, "dev", "stage", "stage"),
    ("access-bad", "dev", {"access": "admin"}, "dev", "access", "read-write"),
    ("assume-role-not-bool", "dev", {"assume_role": "no"}, "dev", "assume_role", "true or false"),
    ("unknown-key-typo", "dev", {"regoin": "us-east-1"}, "dev", "regoin", "did you mean 'region'"),
    (
        "two-current-credentials",
        "dev",
        {"assume_role": False},
        "dev",
        "assume_role",
        "only one account",
    ),
    (
        "role-name-and-arn",
        "dev",
        {"role_arn": "arn:aws:iam::222222222222:role/R", "role_name": "Other"},
        "dev",
        "role_name",
        "conflicts with role_arn",
    ),
    (
        "role-with-assume-false",
        "shared-services",
        {"role_name": "R"},
        "shared-services",
        "role_name",
        "conflicts",
    ),
    ("unknown-top-level-key", None, {"regoin": "x"}, None, "regoin", "did you mean"),
    ("home-unknown", None, {"home": "nope"}, None, "home", "not one of the accounts"),
    ("home-missing", None, {"home": ...}, None, "home", "must name"),
    ("no-accounts", None, {"accounts": {}}, None, "accounts", "at least one"),
]


@pytest.mark.parametrize(
    ("target", "changes", "account_name", "field_name", "fragment"),
    [pytest.param(*case[1:], id=case[0]) for case in BAD_FIELDS],
)
def test_every_bad_field_is_named_at_load_time(
    target: str | None,
    changes: dict[str, Any],
    account_name: str | None,
    field_name: str,
    fragment: str,
) -> None:
    with pytest.raises(TopologyError) as info:
        AccountTopology.from_mapping(with_changes(target, **changes))
    err = info.value
    assert (err.account, err.field) == (account_name, field_name)
    assert fragment in str(err)
    assert isinstance(err, ConfigurationError)
    assert isinstance(err, ValueError)


def test_missing_region_and_missing_role() -> None:
    data = with_changes(region=...)
    with pytest.raises(TopologyError, match=r"accounts\.shared-services\.region: is required"):
        AccountTopology.from_mapping(data)
    data = with_changes(role_name=...)
    with pytest.raises(TopologyError, match=r"accounts\.dev\.role_name: no role"):
        AccountTopology.from_mapping(data)


def test_duplicate_names_when_built_directly() -> None:
    with pytest.raises(TopologyError, match="duplicate account name") as info:
        AccountTopology(
            accounts=[account(), account(account_id="3" * 12, role_arn=None)], home_name="dev"
        )
    assert (info.value.account, info.value.field) == ("dev", "name")


def test_duplicate_tag_keys_are_case_insensitive() -> None:
    with pytest.raises(TopologyError, match="duplicate tag key"):
        account(session_tags={"Team": "a", "team": "b"})


def test_account_is_frozen_and_hashable() -> None:
    acct = account(session_tags={"b": "2", "a": "1"})
    assert acct.session_tags == (("a", "1"), ("b", "2"))
    assert hash(acct) == hash(account(session_tags=[("a", "1"), ("b", "2")]))
    with pytest.raises(AttributeError):
        acct.region = "eu-west-1"  # type: ignore[misc]


@given(st.text(alphabet=string.digits, min_size=12, max_size=12))
def test_any_twelve_digit_id_is_accepted(account_id: str) -> None:
    acct = account(account_id=account_id, role_arn=f"arn:aws:iam::{account_id}:role/R")
    assert acct.account_id == account_id


@given(st.text(max_size=20).filter(lambda s: not (len(s) == 12 and s.isascii() and s.isdigit())))
def test_any_other_id_is_refused(account_id: str) -> None:
    with pytest.raises(TopologyError) as info:
        account(account_id=account_id)
    assert info.value.field == "account_id"


SESSION_CHARS = string.ascii_letters + string.digits + "_+=,.@-"


@given(st.text(alphabet=SESSION_CHARS, min_size=2, max_size=64))
def test_valid_session_names_are_accepted(name: str) -> None:
    assert account(role_session_name=name, source_identity=name).role_session_name == name


@given(st.text(min_size=2, max_size=64).filter(lambda s: any(c not in SESSION_CHARS for c in s)))
def test_session_names_with_other_characters_are_refused(name: str) -> None:
    with pytest.raises(TopologyError) as info:
        account(role_session_name=name)
    assert info.value.field == "role_session_name"


@given(st.text(alphabet=string.ascii_lowercase + string.digits + "-", min_size=1, max_size=40))
def test_default_session_name_is_derived_from_valid_account_names(suffix: str) -> None:
    name = "a" + suffix
    acct = account(name=name)
    assert acct.role_session_name == ("modelcard-share-" + name)[:64]


def test_the_documented_toml_example_loads(tmp_path: Path) -> None:
    from modelcard_share.aws import _config

    doc = _config.__doc__ or ""
    paragraphs = doc.split("::\n\n", 1)[1].split("\n\n")
    example = textwrap.dedent("\n\n".join(p for p in paragraphs if p.startswith("    ")))
    assert "[accounts.prod]" in example
    path = tmp_path / "example.toml"
    path.write_text(example)
    topo = AccountTopology.from_toml(path)
    assert topo.names == ("shared-services", "dev", "prod")
    assert topo.home.assume_role is False
    assert topo["dev"].role_arn == "arn:aws:iam::222222222222:role/ModelCardShareRole"
    assert topo["prod"].role_arn == "arn:aws:iam::444444444444:role/ops/CardReader"
    assert topo["prod"].external_id == "prod-external-id"
    assert topo["dev"].external_id == "shared-external-id"
    assert topo["prod"].session_tags == (("stage", "prod"), ("team", "ml"))
    assert topo["dev"].source_identity == "alice"
    assert topo.extra == {"lifecycle": {"stages": {"Approved": "prod"}}}


@pytest.mark.parametrize("name", [5, "", "has space", "-leading-dash", "x" * 64])
def test_bad_account_names_are_refused(name: Any) -> None:
    with pytest.raises(TopologyError) as info:
        account(name=name)
    assert info.value.field == "name"
