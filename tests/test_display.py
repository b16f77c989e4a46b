"""The notebook HTML renderers: what they show, and that every text is escaped."""

from __future__ import annotations

import datetime as dt
from typing import Any

import boto3
import pytest

from modelcard_share.aws import Access
from modelcard_share.domain import (
    AssociationStatus,
    ModelCard,
    PrincipalAssociation,
    ResourceShare,
    SharedResource,
)
from modelcard_share.domain._context import Context, resolve_context
from modelcard_share.domain._display import card_html, share_html, shared_with_me_html, status_badge

NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.timezone.utc)
ARN = "arn:aws:sagemaker:us-east-1:111111111111:model-card/churn"


@pytest.fixture
def ctx() -> Context:
    # No call is ever made: the renderers only read what the objects hold.
    return resolve_context(boto3.Session(region_name="us-east-1"))


def _card(ctx: Context, content: str, status: str = "Approved") -> ModelCard:
    response: dict[str, Any] = {
        "ModelCardArn": ARN,
        "ModelCardName": "churn",
        "ModelCardVersion": 3,
        "ModelCardStatus": status,
        "Content": content,
        "CreationTime": NOW,
    }
    return ModelCard(ctx, response)


def _assoc(entity: str, access: Access, status: AssociationStatus) -> PrincipalAssociation:
    return PrincipalAssociation(
        entity=entity, share_arn="arn:s", share_name="s", access=access, status=status
    )


def test_card_summary(ctx: Context) -> None:
    content = (
        '{"model_overview": {"model_owner": "ml-team"}, "intended_uses": {"risk_rating": "Low"}}'
    )
    shared = [
        _assoc("222222222222", Access.READ_WRITE, AssociationStatus.ASSOCIATED),
        _assoc("444444444444", Access.READ_ONLY, AssociationStatus.ASSOCIATING),
    ]
    page = card_html(_card(ctx, content), shared)
    assert "Model card churn" in page
    assert status_badge("Approved") in page
    assert ">3</td>" in page
    assert ">111111111111</td>" in page
    assert ">ml-team</td>" in page
    assert ">Low</td>" in page
    assert "222222222222 (read-write)" in page
    assert "444444444444 (read-only)" in page
    assert status_badge("ASSOCIATING") in page


def test_card_sharing_row(ctx: Context) -> None:
    card = _card(ctx, "{}", status="Draft")
    assert "Shared with" not in card_html(card)
    assert "<em>not shared</em>" in card_html(card, [])
    assert "333333333333" in card_html(card, ["333333333333"])
    assert ">-</td>" in card_html(card)  # no owner, no risk rating


def test_card_text_is_escaped(ctx: Context) -> None:
    evil = '<script>alert("x")</script>'
    content = '{"model_overview": {"model_owner": "<script>alert(\\"x\\")</script>"}}'
    page = card_html(_card(ctx, content), [evil])
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_status_badges() -> None:
    assert status_badge(AssociationStatus.FAILED) == status_badge("FAILED")
    assert "#991b1b" in status_badge("FAILED")
    assert "#065f46" in status_badge("Approved")
    assert "&lt;b&gt;" in status_badge("<b>")


def test_share_summary(ctx: Context) -> None:
    share = ResourceShare(
        ctx,
        {
            "resourceShareArn": "arn:aws:ram:us-east-1:111111111111:resource-share/abc",
            "name": "modelcard-churn-<read-only>",
            "status": "ACTIVE",
            "owningAccountId": "111111111111",
            "allowExternalPrincipals": False,
            "tags": [
                {"key": "modelcard-share:card", "value": ARN},
                {"key": "modelcard-share:access", "value": "read-only"},
            ],
        },
    )
    principals = [_assoc("444444444444", Access.READ_ONLY, AssociationStatus.ASSOCIATED)]
    page = share_html(share, principals)
    assert "Resource share modelcard-churn-&lt;read-only&gt;" in page
    assert status_badge("ACTIVE") in page
    assert ">read-only</td>" in page
    assert ARN in page
    assert "not allowed" in page
    assert "444444444444 (read-only)" in page
    assert "<em>none</em>" in share_html(share, [])
    assert "Principals" not in share_html(share)


def test_shared_with_me_listing() -> None:
    resources = [
        SharedResource(
            arn=ARN,
            resource_type="sagemaker:ModelCard",
            owner_account_id="111111111111",
            last_shared=NOW,
            share_count=2,
            share_arns=("a", "b"),
        )
    ]
    page = shared_with_me_html(resources)
    assert "<table" in page
    assert ARN in page
    assert ">2</td>" in page
    assert "2026-11-25 09:30 UTC" in page
    assert "Nothing is shared with this account." in shared_with_me_html([])
    assert "<table" not in shared_with_me_html([])
