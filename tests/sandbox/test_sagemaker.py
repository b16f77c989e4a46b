"""SageMaker model cards in the sandbox: name or ARN, cross-account, versions and rules."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from modelcard_share.sandbox import Sandbox

from ._helpers import CONTENT, client, content, expect_error, make_card, share_card


def test_describe_by_arn_in_owner_account(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    sm = client(sandbox, "dev", "sagemaker")
    by_arn = sm.describe_model_card(ModelCardName=card)
    by_name = sm.describe_model_card(ModelCardName="churn-model")
    assert by_arn["ModelCardArn"] == by_name["ModelCardArn"] == card
    assert by_arn["Content"] == CONTENT


def test_unshared_foreign_card_is_not_found(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    with pytest.raises(ClientError) as exc:
        client(sandbox, "prod", "sagemaker").describe_model_card(ModelCardName=card)
    assert "not shared with account 444444444444" in expect_error(exc, "ResourceNotFound")


def test_shared_card_in_other_region_is_not_found(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    share_card(sandbox, card, "prod")
    sm = client(sandbox, "prod", "sagemaker", region="eu-west-1")
    with pytest.raises(ClientError) as exc:
        sm.describe_model_card(ModelCardName=card)
    expect_error(exc, "ResourceNotFound")


def test_bare_name_never_reaches_another_account(sandbox: Sandbox) -> None:
    share_card(sandbox, make_card(sandbox), "prod")
    with pytest.raises(ClientError) as exc:
        client(sandbox, "prod", "sagemaker").describe_model_card(ModelCardName="churn-model")
    expect_error(exc, "ResourceNotFound")


def test_list_model_cards_never_lists_shared_cards(sandbox: Sandbox) -> None:
    share_card(sandbox, make_card(sandbox), "prod")
    assert client(sandbox, "prod", "sagemaker").list_model_cards()["ModelCardSummaries"] == []


@pytest.mark.parametrize("name", ["-bad", "has_underscore", "x" * 64])
def test_card_name_is_validated(sandbox: Sandbox, name: str) -> None:
    with pytest.raises(ClientError) as exc:
        make_card(sandbox, name=name)
    assert "modelCardName" in expect_error(exc, "ValidationException")


def test_content_length_is_validated(sandbox: Sandbox) -> None:
    """Content is at most 100 000 characters (checked before the schema)."""
    sandbox.extend_schema({"": {"x_blob": {"type": "string"}}})
    overhead = len(json.dumps({"x_blob": ""}))
    with pytest.raises(ClientError) as exc:
        make_card(sandbox, content=json.dumps({"x_blob": "x" * (100_001 - overhead)}))
    assert "100000" in expect_error(exc, "ValidationException")
    make_card(sandbox, content=json.dumps({"x_blob": "x" * (100_000 - overhead)}))


def test_status_is_validated(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    with pytest.raises(ClientError) as exc:
        client(sandbox, "dev", "sagemaker").update_model_card(
            ModelCardName=card, ModelCardStatus="Retired"
        )
    expect_error(exc, "ValidationException")


def test_status_only_update_keeps_content_and_version(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    sm = client(sandbox, "dev", "sagemaker")
    sm.update_model_card(ModelCardName=card, ModelCardStatus="PendingReview")
    described = sm.describe_model_card(ModelCardName=card)
    assert (described["ModelCardVersion"], described["ModelCardStatus"]) == (1, "PendingReview")
    assert described["Content"] == CONTENT
    assert len(sm.list_model_card_versions(ModelCardName=card)["ModelCardVersionSummaryList"]) == 1


def test_content_update_adds_version_and_keeps_status(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    sm = client(sandbox, "dev", "sagemaker")
    sm.update_model_card(ModelCardName=card, ModelCardStatus="PendingReview")
    sm.update_model_card(ModelCardName=card, Content=content("v2"))
    described = sm.describe_model_card(ModelCardName=card)
    assert (described["ModelCardVersion"], described["ModelCardStatus"]) == (2, "PendingReview")
    assert sm.describe_model_card(ModelCardName=card, ModelCardVersion=1)["Content"] == CONTENT


def test_content_and_status_together_refused(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    with pytest.raises(ClientError) as exc:
        client(sandbox, "dev", "sagemaker").update_model_card(
            ModelCardName=card, Content="{}", ModelCardStatus="Approved"
        )
    expect_error(exc, "ValidationException")


def test_content_update_of_archived_card_conflicts(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    sm = client(sandbox, "dev", "sagemaker")
    sm.update_model_card(ModelCardName=card, ModelCardStatus="Archived")
    with pytest.raises(ClientError) as exc:
        sm.update_model_card(ModelCardName=card, Content="{}")
    assert expect_error(exc, "ConflictException") == "Model Card is in Archived state"


def test_missing_version_is_not_found(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    with pytest.raises(ClientError) as exc:
        client(sandbox, "dev", "sagemaker").describe_model_card(
            ModelCardName=card, ModelCardVersion=7
        )
    expect_error(exc, "ResourceNotFound")


def test_list_versions_pages_with_max_results(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    sm = client(sandbox, "dev", "sagemaker")
    for n in range(4):
        sm.update_model_card(ModelCardName=card, Content=content(f"n{n}"))
    versions: list[int] = []
    kw: dict[str, Any] = {}
    pages = 0
    while True:
        page = sm.list_model_card_versions(ModelCardName=card, MaxResults=2, **kw)
        pages += 1
        versions += [v["ModelCardVersion"] for v in page["ModelCardVersionSummaryList"]]
        if "NextToken" not in page:
            break
        kw = {"NextToken": page["NextToken"]}
    assert (versions, pages) == ([1, 2, 3, 4, 5], 3)
    descending = sm.list_model_card_versions(ModelCardName=card, SortOrder="Descending")
    assert [v["ModelCardVersion"] for v in descending["ModelCardVersionSummaryList"]] == [
        5,
        4,
        3,
        2,
        1,
    ]


def test_consumer_lists_versions_by_arn(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    client(sandbox, "dev", "sagemaker").update_model_card(ModelCardName=card, Content="{}")
    share_card(sandbox, card, "prod")
    listed = client(sandbox, "prod", "sagemaker").list_model_card_versions(ModelCardName=card)
    assert [v["ModelCardVersion"] for v in listed["ModelCardVersionSummaryList"]] == [1, 2]


def test_consumer_status_update_on_shared_card(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    share_card(sandbox, card, "prod")
    client(sandbox, "prod", "sagemaker").update_model_card(
        ModelCardName=card, ModelCardStatus="Approved"
    )
    described = client(sandbox, "dev", "sagemaker").describe_model_card(ModelCardName=card)
    assert (described["ModelCardStatus"], described["ModelCardVersion"]) == ("Approved", 1)


def test_consumer_cannot_delete_shared_card(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    share_card(sandbox, card, "prod")
    with pytest.raises(ClientError) as exc:
        client(sandbox, "prod", "sagemaker").delete_model_card(ModelCardName="churn-model")
    expect_error(exc, "ResourceNotFound")
