"""Parsing of card names, ARNs and principals (pure; fails before any AWS call)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from modelcard_share import ConfigurationError
from modelcard_share.domain._arn import parse_card_ref, parse_principal, validate_card_name

NAMES = st.from_regex(r"\A[a-zA-Z0-9](-*[a-zA-Z0-9]){0,20}\Z")


@given(name=NAMES, account=st.from_regex(r"\A[0-9]{12}\Z"))
def test_arn_round_trip(name: str, account: str) -> None:
    arn = f"arn:aws:sagemaker:eu-west-1:{account}:model-card/{name}"
    ref = parse_card_ref(arn)
    assert (ref.name, ref.account_id, ref.region, ref.partition) == (
        name,
        account,
        "eu-west-1",
        "aws",
    )
    assert ref.name_or_arn == arn
    assert parse_card_ref(name).name_or_arn == name


@pytest.mark.parametrize(
    "bad",
    [
        "arn:aws:sagemaker:us-east-1:12345678901:model-card/x",  # 11 digits
        "arn:aws:sagemaker:us-east-1:1234567890123:model-card/x",  # 13 digits
        "arn:aws:sagemaker:us-east-1:111111111111:model/x",  # not a card
        "arn:aws:s3:::bucket",
        "arn:aws:sagemaker:us-east-1:111111111111:model-card/bad_name",
        "x" * 257,
        "",
    ],
)
def test_bad_card_refs(bad: str) -> None:
    with pytest.raises(ConfigurationError):
        parse_card_ref(bad)


def test_other_partitions_are_parsed() -> None:
    ref = parse_card_ref("arn:aws-cn:sagemaker:cn-north-1:111111111111:model-card/x")
    assert (ref.partition, ref.region) == ("aws-cn", "cn-north-1")


def test_name_errors_name_the_value() -> None:
    with pytest.raises(ConfigurationError, match="'a_b'"):
        validate_card_name("a_b")


def test_principals() -> None:
    assert parse_principal("111111111111").kind == "account"
    org = "arn:aws:organizations::111111111111:organization/o-abcdefghij"
    assert parse_principal(org).kind == "organization"
    ou = "arn:aws:organizations::111111111111:ou/o-abcdefghij/ou-ab12-abcdefgh"
    assert parse_principal(ou).kind == "ou"
    named = parse_principal("dev", names={"dev": "222222222222"})
    assert (named.value, named.label, str(named)) == ("222222222222", "dev", "dev (222222222222)")
    with pytest.raises(ConfigurationError, match="exactly 12 digits"):
        parse_principal("12345")
    with pytest.raises(ConfigurationError, match="known accounts: dev"):
        parse_principal("prod", names={"dev": "222222222222"})


def test_principals_of_another_partition_are_refused() -> None:
    org = "arn:aws-cn:organizations::111111111111:organization/o-abcdefghij"
    assert parse_principal(org, partition="aws-cn").kind == "organization"
    with pytest.raises(ConfigurationError, match="partition 'aws-cn'"):
        parse_principal(org, partition="aws")
