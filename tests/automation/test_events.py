"""Reading SageMaker's event envelopes: the documented examples, missing and extra fields."""

from __future__ import annotations

import contextlib
import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from modelcard_share.automation import EventError, EventKind, SageMakerEvent

# The examples of the SageMaker guide, "Model card state change" and "Model package state
# change" (https://docs.aws.amazon.com/sagemaker/latest/dg/automating-sagemaker-with-eventbridge.html),
# with the example's duplicate "source" key left out.
CARD_EVENT: dict[str, Any] = {
    "version": "0",
    "id": "aa7a9c4f-2caa-4d04-a6de-e67227ba4302",
    "detail-type": "SageMaker Model Card State Change",
    "source": "aws.sagemaker",
    "account": "123456789012",
    "time": "2022-11-30T00:00:00Z",
    "region": "us-east-1",
    "resources": ["arn:aws:sagemaker:us-east-1:123456789012:model-card/example-card"],
    "detail": {
        "ModelCardVersion": 2,
        "LastModifiedTime": "2022-12-03T00:09:44.893854735Z",
        "LastModifiedBy": {
            "DomainId": "us-east-1",
            "UserProfileArn": "arn:aws:sagemaker:us-east-1:123456789012:user-profile/user",
            "UserProfileName": "user",
        },
        "CreationTime": "2022-12-03T00:09:33.084Z",
        "CreatedBy": {
            "DomainId": "us-east-1",
            "UserProfileArn": "arn:aws:sagemaker:us-east-1:123456789012:user-profile/user",
            "UserProfileName": "user",
        },
        "ModelCardName": "example-card",
        "ModelId": "example-model",
        "ModelCardStatus": "Draft",
        "AccountId": "123456789012",
        "SecurityConfig": {},
    },
}
PACKAGE_EVENT: dict[str, Any] = {
    "version": "0",
    "id": "844e2571-85d4-695f-b930-0153b71dcb42",
    "detail-type": "SageMaker Model Package State Change",
    "source": "aws.sagemaker",
    "account": "123456789012",
    "time": "2021-02-24T17:00:14Z",
    "region": "us-east-2",
    "resources": [
        "arn:aws:sagemaker:us-east-2:123456789012:model-package/versionedmp-p-idy6c3e1fiqj/2"
    ],
    "detail": {
        "ModelPackageGroupName": "versionedmp-p-idy6c3e1fiqj",
        "ModelPackageVersion": 2,
        "ModelPackageArn": (
            "arn:aws:sagemaker:us-east-2:123456789012:model-package/versionedmp-p-idy6c3e1fiqj/2"
        ),
        "CreationTime": "2021-02-24T17:00:14Z",
        "ModelPackageStatus": "Completed",
        "ModelApprovalStatus": "Rejected",
        "LastModifiedTime": "2021-02-24T17:00:14Z",
    },
}
CARD_ARN = "arn:aws:sagemaker:us-east-1:123456789012:model-card/example-card"
GROUP_ARN = (
    "arn:aws:sagemaker:us-east-2:123456789012:model-package-group/versionedmp-p-idy6c3e1fiqj"
)


def _without(event: dict[str, Any], *keys: str, detail: tuple[str, ...] = ()) -> dict[str, Any]:
    changed = copy.deepcopy(event)
    for key in keys:
        changed.pop(key)
    for key in detail:
        changed["detail"].pop(key)
    return changed


def test_the_documented_card_event_names_its_card() -> None:
    """The guide's example: the card from resources, the status kept for the log only."""
    event = SageMakerEvent.parse(CARD_EVENT, home_account_id="123456789012")
    assert event == SageMakerEvent(
        kind=EventKind.MODEL_CARD,
        event_id="aa7a9c4f-2caa-4d04-a6de-e67227ba4302",
        account="123456789012",
        region="us-east-1",
        resource_arn=CARD_ARN,
        card_arn=CARD_ARN,
        reported_status="Draft",
    )


def test_the_documented_package_event_names_its_group() -> None:
    """The guide's example: the versioned package from resources, its group from the ARN."""
    event = SageMakerEvent.parse(PACKAGE_EVENT)
    assert event.kind is EventKind.MODEL_PACKAGE
    assert event.resource_arn == PACKAGE_EVENT["resources"][0]
    assert event.group_arn == GROUP_ARN
    assert (event.card_arn, event.reported_status) == (None, "Rejected")


def test_missing_fields_fall_back_to_the_detail() -> None:
    """No resources: the card (or group) comes from the detail's name, account and region."""
    card = SageMakerEvent.parse(_without(CARD_EVENT, "resources", "id"))
    assert (card.card_arn, card.event_id) == (CARD_ARN, None)
    no_detail = SageMakerEvent.parse(_without(CARD_EVENT, "detail"))
    assert no_detail.card_arn == CARD_ARN
    assert no_detail.reported_status is None
    package = SageMakerEvent.parse(_without(PACKAGE_EVENT, "resources"))
    assert package.resource_arn == PACKAGE_EVENT["detail"]["ModelPackageArn"]
    group_only = SageMakerEvent.parse(
        _without(PACKAGE_EVENT, "resources", detail=("ModelPackageArn",))
    )
    assert (group_only.group_arn, group_only.resource_arn) == (GROUP_ARN, GROUP_ARN)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"source": "aws.ec2"}, "source", "not a SageMaker event"),
        ({"detail-type": "SageMaker Training Job State Change"}, "detail-type", "acts on"),
        (
            {"resources": ["arn:aws:sagemaker:us-east-1:1:model-card/x"], "detail": {}},
            "resources",
            "names no model card",
        ),
        (
            {"resources": [], "detail": {"ModelCardName": "bad_name!"}},
            "resources",
            "names no model card",
        ),
        ({"resources": [], "account": "12345"}, "account", "12-digit"),
        ({"resources": [], "region": "moon-1"}, "region", "not an AWS region"),
    ],
)
def test_a_malformed_event_names_the_field(
    change: dict[str, Any], field: str, message: str
) -> None:
    """Every refusal is an EventError (a ValueError) naming the envelope field and value."""
    event = {**copy.deepcopy(CARD_EVENT), **change}
    with pytest.raises(EventError, match=message) as caught:
        SageMakerEvent.parse(event)
    assert caught.value.field == field
    assert isinstance(caught.value, ValueError)


def test_a_package_outside_any_group_names_nothing() -> None:
    """An unversioned package (in no group) gives no group to find a card by."""
    event = copy.deepcopy(PACKAGE_EVENT)
    event["resources"] = ["arn:aws:sagemaker:us-east-2:123456789012:model-package/loose"]
    event["detail"] = {"ModelPackageArn": event["resources"][0]}
    with pytest.raises(EventError, match="names no versioned model package"):
        SageMakerEvent.parse(event)


def test_a_resource_of_another_account_is_refused() -> None:
    """The handler acts only on the topology's home account."""
    with pytest.raises(EventError, match="not to the topology's home account 111111111111"):
        SageMakerEvent.parse(CARD_EVENT, home_account_id="111111111111")
    with pytest.raises(EventError, match=r"^\$: an event must be a JSON object"):
        SageMakerEvent.parse(["not", "a", "mapping"])


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(extra=st.dictionaries(st.text(max_size=12), _JSON, max_size=4))
def test_extra_detail_fields_change_nothing(extra: dict[str, Any]) -> None:
    """Fields SageMaker may add later are ignored (the documented ones still win)."""
    event = copy.deepcopy(CARD_EVENT)
    event["detail"] = {**extra, **event["detail"]}
    event["new-top-level"] = extra
    assert SageMakerEvent.parse(event) == SageMakerEvent.parse(CARD_EVENT)


@given(
    event=st.dictionaries(
        st.sampled_from(
            ["source", "detail-type", "resources", "detail", "account", "region", "id"]
        ),
        _JSON,
    )
)
def test_any_json_is_parsed_or_refused_with_an_event_error(event: dict[str, Any]) -> None:
    """Whatever arrives, parsing either succeeds or raises EventError, nothing else."""
    event.setdefault("source", "aws.sagemaker")
    event.setdefault("detail-type", "SageMaker Model Card State Change")
    with contextlib.suppress(EventError):
        SageMakerEvent.parse(event)
