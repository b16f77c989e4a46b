"""ModelCard against the sandbox: create, load, update, status, versions, export, delete."""

from __future__ import annotations

import json
from collections.abc import Callable

import attrs
import boto3
import pytest
from botocore.exceptions import ClientError

from modelcard_share import (
    Access,
    ArchivedCardError,
    CardContent,
    CardStatus,
    ConcurrentModificationError,
    ConfigurationError,
    ConflictError,
    ContentValidationError,
    ExportStatus,
    InvalidTransitionError,
    ModelCard,
    NotFoundError,
    NotOwnerError,
    shared_with_me,
)
from modelcard_share.sandbox import Sandbox

from .conftest import SEED_CONTENT, CallCounter, fast_retry

MakeCard = Callable[..., ModelCard]


def test_create_and_load_by_name_and_arn(make_card: MakeCard, owner: boto3.Session) -> None:
    card = make_card("churn", tags={"team": "risk"})
    assert card.name == "churn"
    assert card.arn.endswith(":model-card/churn")
    assert card.region == "us-east-1"
    assert card.version == 1
    assert card.content.to_dict() == SEED_CONTENT
    assert card.content_problems == ()
    by_name = ModelCard.load("churn", session=owner)
    by_arn = ModelCard.load(card.arn, session=owner)
    assert by_name.arn == by_arn.arn == card.arn
    assert by_arn.content == card.content
    assert "churn" in repr(card)
    assert "Draft" in repr(card)


def test_create_duplicate_is_a_typed_conflict(make_card: MakeCard) -> None:
    make_card("dup")
    with pytest.raises(ConflictError) as err:
        make_card("dup")
    assert isinstance(err.value.__cause__, ClientError)


@pytest.mark.parametrize("name", ["", "-lead", "trail-", "under_score", "x" * 64, "a b"])
def test_bad_names_fail_before_any_call(
    name: str, owner: boto3.Session, count_calls: Callable[[boto3.Session], CallCounter]
) -> None:
    counter = count_calls(owner)
    with pytest.raises(ConfigurationError, match="name"):
        ModelCard.create(name, session=owner)
    assert counter.calls == []


def test_invalid_content_fails_before_any_call(
    owner: boto3.Session, count_calls: Callable[[boto3.Session], CallCounter]
) -> None:
    counter = count_calls(owner)
    with pytest.raises(ContentValidationError) as err:
        ModelCard.create(
            "bad", content={"intended_uses": {"risk_rating": "Critical"}}, session=owner
        )
    assert err.value.paths == ("intended_uses.risk_rating",)
    assert counter.calls == []


def test_load_missing_card_is_not_found(owner: boto3.Session, org_world: Sandbox) -> None:
    with pytest.raises(NotFoundError) as err:
        ModelCard.load("nope", session=owner, retry=fast_retry(org_world))
    assert err.value.code == "ResourceNotFound"
    assert isinstance(err.value.__cause__, ClientError)


def test_list_is_lazy_and_filters(make_card: MakeCard, owner: boto3.Session) -> None:
    make_card("alpha")
    make_card("beta").submit_for_review()
    make_card("alpha-two")
    assert sorted(c.name for c in ModelCard.list(session=owner)) == ["alpha", "alpha-two", "beta"]
    assert sorted(c.name for c in ModelCard.list(session=owner, name_contains="alpha")) == [
        "alpha",
        "alpha-two",
    ]
    pending = list(ModelCard.list(session=owner, status="PendingReview"))
    assert [c.name for c in pending] == ["beta"]
    assert pending[0].load().status is CardStatus.PENDING_REVIEW


def test_status_transitions_follow_the_lifecycle(make_card: MakeCard) -> None:
    card = make_card()
    with pytest.raises(InvalidTransitionError) as err:
        card.approve()
    assert (err.value.current, err.value.requested) == ("Draft", "Approved")
    card.submit_for_review()
    card.return_to_draft()
    card.submit_for_review()
    card.approve()
    version = card.version
    card.archive()
    assert card.status is CardStatus.ARCHIVED
    assert card.version == version, "a status-only change adds no version"
    assert card.content.to_dict() == SEED_CONTENT, "a status-only change keeps the content"
    with pytest.raises(InvalidTransitionError):
        card.set_status(CardStatus.DRAFT)
    with pytest.raises(ConfigurationError, match="Retired"):
        card.set_status("Retired")


def test_archived_card_refuses_content_before_any_call(
    make_card: MakeCard, owner: boto3.Session, count_calls: Callable[[boto3.Session], CallCounter]
) -> None:
    card = make_card()
    for status in ("PendingReview", "Approved", "Archived"):
        card.set_status(status)
    counter = count_calls(owner)
    with pytest.raises(ArchivedCardError):
        card.update(CardContent())
    assert counter.calls == []


def test_update_detects_concurrent_modification(make_card: MakeCard, owner: boto3.Session) -> None:
    mine = make_card()
    theirs = ModelCard.load(mine.arn, session=owner)
    theirs.update({"model_overview": {"model_owner": "someone-else"}})
    with pytest.raises(ConcurrentModificationError):
        mine.update({"model_overview": {"model_owner": "me"}})
    mine.update({"model_overview": {"model_owner": "me"}}, force=True)
    assert mine.version == 3
    assert mine.content.to_dict() == {"model_overview": {"model_owner": "me"}}


def test_update_keeps_keys_the_sdk_does_not_model(org_world: Sandbox, owner: boto3.Session) -> None:
    stored = {
        "model_overview": {"model_owner": "o", "x_future_field": {"b": 2, "a": [1, 2.5]}},
        "x_new_section": {"kept": True},
    }
    # fields a newer SageMaker knows and this SDK does not: the sandbox must accept them too
    org_world.extend_schema({"": {"x_new_section": {}}, "model_overview": {"x_future_field": {}}})
    boto3_client = owner.client("sagemaker")
    boto3_client.create_model_card(
        ModelCardName="legacy", Content=json.dumps(stored), ModelCardStatus="Draft"
    )
    card = ModelCard.load("legacy", session=owner)
    assert card.content.to_dict() == stored
    overview = card.content.model_overview
    assert overview is not None
    new = attrs.evolve(card.content, model_overview=attrs.evolve(overview, model_owner="new-owner"))
    card.update(new)
    raw = json.loads(boto3_client.describe_model_card(ModelCardName="legacy")["Content"])
    assert raw["model_overview"]["x_future_field"] == {"b": 2, "a": [1, 2.5]}
    assert list(raw["model_overview"]) == ["model_owner", "x_future_field"]
    assert raw["x_new_section"] == {"kept": True}
    assert raw["model_overview"]["model_owner"] == "new-owner"


def test_invalid_stored_content_loads_leniently(org_world: Sandbox, owner: boto3.Session) -> None:
    stored = {"intended_uses": {"risk_rating": "Critical"}}
    # a newer SageMaker accepts a rating this SDK does not know; the sandbox is told so
    org_world.extend_schema({"intended_uses": {"risk_rating": {"type": "string"}}})
    owner.client("sagemaker").create_model_card(
        ModelCardName="odd", Content=json.dumps(stored), ModelCardStatus="Draft"
    )
    card = ModelCard.load("odd", session=owner)
    assert [p.path for p in card.content_problems] == ["intended_uses.risk_rating"]
    assert card.content.to_dict() == stored


def test_versions_and_diff(make_card: MakeCard) -> None:
    card = make_card()
    card.update({"model_overview": {"model_owner": "v2", "problem_type": "Customer Churn Model"}})
    card.update(
        {
            "model_overview": {"model_owner": "v3"},
            "intended_uses": {"risk_rating": "High"},
        }
    )
    versions = list(card.versions())
    assert [v.version for v in versions] == [1, 2, 3]
    diff = card.diff(1)
    assert (diff.old_version, diff.new_version) == (1, 3)
    assert set(diff.paths) == {
        "model_overview.model_owner",
        "model_overview.problem_type",
        "intended_uses",
    }
    assert not card.diff(3)
    assert card.at_version(2).content.model_overview is not None


def test_consumer_cannot_delete(make_card: MakeCard, org_world: Sandbox) -> None:
    card = make_card()
    card.share_with(org_world.account_id("dev"))
    dev_card = ModelCard.load(card.arn, session=org_world.session("dev"))
    with pytest.raises(NotOwnerError):
        dev_card.delete()
    assert ModelCard.load(card.arn, session=org_world.session("shared-services")).name == "churn"


def test_export_from_consumer_with_export_access(make_card: MakeCard, org_world: Sandbox) -> None:
    dev = org_world.session("dev")
    dev.client("s3").create_bucket(Bucket="dev-exports")
    card = make_card()
    card.share_with(org_world.account_id("dev"), access=Access.EXPORT)
    dev_card = ModelCard.load(card.arn, session=dev, retry=fast_retry(org_world))
    job = dev_card.export_pdf("s3://dev-exports/cards")
    assert job.status is ExportStatus.COMPLETED
    assert job.output_location is not None
    assert job.output_location.startswith("s3://dev-exports/cards")
    bucket, _, key = job.output_location.removeprefix("s3://").partition("/")
    body = dev.client("s3").get_object(Bucket=bucket, Key=key)["Body"].read()
    assert body.startswith(b"%PDF")


def test_export_bad_uri_fails_before_any_call(make_card: MakeCard) -> None:
    card = make_card()
    with pytest.raises(ConfigurationError, match="S3"):
        card.export_pdf("https://bucket/key")


def test_notebook_html_shows_status_and_principals(make_card: MakeCard, org_world: Sandbox) -> None:
    card = make_card()
    card.share_with(org_world.account_id("dev"))
    html = card._repr_html_()
    assert "churn" in html
    assert "Draft" in html
    assert org_world.account_id("dev") in html
    dev = org_world.session("dev")
    listing = shared_with_me(dev)
    assert card.arn in listing._repr_html_()
    [share] = card.shares()
    assert share.name in share._repr_html_()
    dev_card = ModelCard.load(card.arn, session=dev)
    assert "Draft" in dev_card._repr_html_(), "a consumer sees the card, without principals"


def test_loads_with_equal_retry_policies_reuse_one_client(
    make_card: MakeCard, owner: boto3.Session
) -> None:
    card = make_card()
    first = ModelCard.load(card.arn, session=owner)
    second = ModelCard.load(card.arn, session=owner)
    assert first.context.client("sagemaker") is second.context.client("sagemaker")
