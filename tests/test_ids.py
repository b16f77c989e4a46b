"""The one definition of each AWS identifier: full matches, ASCII only, known regions."""

from __future__ import annotations

import pytest

from modelcard_share import _ids


@pytest.mark.parametrize(
    "value",
    ["111111111111", "000000000001"],
)
def test_account_ids_are_twelve_ascii_digits(value: str) -> None:
    """Twelve ASCII digits are an account id."""
    assert _ids.is_account_id(value)


@pytest.mark.parametrize(
    "value",
    [
        "11111111111",
        "1111111111111",
        "111111111111\n",
        "\u0661" * 12,
        " 111111111111",
        111111111111,
    ],
)
def test_near_account_ids_are_refused(value: object) -> None:
    """A trailing newline, non-ASCII digits, a wrong length or an int are not account ids."""
    assert not _ids.is_account_id(value)


def test_regions_must_be_known_to_botocore() -> None:
    """Known regions map to their partition; typos, newlines and non-strings do not."""
    assert _ids.partition_of_region("us-east-1") == "aws"
    assert _ids.partition_of_region("cn-north-1") == "aws-cn"
    assert _ids.partition_of_region("us-gov-west-1") == "aws-us-gov"
    for bad in ("us-east-l", "moon-1", "us-east-1\n", "US-EAST-1", "", None, 1):
        assert _ids.partition_of_region(bad) is None


def test_card_arn_parts_and_refusals() -> None:
    """A card ARN yields its parts; a newline or an invalid name does not match."""
    match = _ids.CARD_ARN.fullmatch("arn:aws:sagemaker:eu-west-1:123456789012:model-card/a-b1")
    assert match is not None
    assert match.group("partition", "region", "account", "name") == (
        "aws",
        "eu-west-1",
        "123456789012",
        "a-b1",
    )
    for bad in (
        "arn:aws:sagemaker:eu-west-1:123456789012:model-card/a-b1\n",
        "arn:aws:sagemaker:eu-west-1:123456789012:model-card/-a",
        "arn:aws:sagemaker:eu-west-1:12345678901:model-card/a",
    ):
        assert _ids.CARD_ARN.fullmatch(bad) is None


def test_permission_and_package_arns() -> None:
    """Managed permission ARNs have no region; model package ARNs may carry a version."""
    managed = _ids.PERMISSION_ARN.fullmatch(
        "arn:aws:ram::aws:permission/AWSRAMPermissionSageMakerModelCards"
    )
    assert managed is not None
    assert managed["owner"] == "aws"
    package = _ids.MODEL_PACKAGE_ARN.fullmatch(
        "arn:aws:sagemaker:us-east-1:111111111111:model-package/churn/3"
    )
    assert package is not None
    assert (package["name"], package["version"]) == ("churn", "3")
