"""Issue 12 items 2-8, in-process and over HTTP: RAM's rules, deleted cards, card metadata, tags."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from botocore.exceptions import ClientError

from modelcard_share.sandbox import Sandbox

from ._helpers import CONTENT, MISSING_ID, client, content, expect_error, make_card, share_card

DEFAULT = "arn:aws:ram::aws:permission/AWSRAMPermissionSageMakerModelCards"
EXPORT = "arn:aws:ram::aws:permission/AWSRAMPermissionSageMakerModelCardsAllowExport"
ROLE = "arn:aws:iam::444444444444:role/Reader"


# ------------------------------------------------------------- item 2: one permission per type


def test_two_permissions_for_one_type_are_refused(world: Sandbox) -> None:
    """CreateResourceShare refuses two permissions for sagemaker:ModelCard."""
    card = make_card(world)
    with pytest.raises(ClientError) as exc:
        share_card(world, card, "prod", permissionArns=[DEFAULT, EXPORT])
    assert "only one permission" in expect_error(exc, "InvalidParameterException")
    assert (
        client(world, "dev", "ram").get_resource_shares(resourceOwner="SELF")["resourceShares"]
        == []
    )


def test_replace_is_needed_once_a_type_has_a_permission(world: Sandbox) -> None:
    """Without replace=true the share keeps its permission; with it, the new one is the only one."""
    share = share_card(world, make_card(world), "prod")["resourceShareArn"]
    ram = client(world, "dev", "ram")
    with pytest.raises(ClientError) as exc:
        ram.associate_resource_share_permission(resourceShareArn=share, permissionArn=EXPORT)
    expect_error(exc, "InvalidParameterException")
    ram.associate_resource_share_permission(
        resourceShareArn=share, permissionArn=EXPORT, replace=True
    )
    listed = ram.list_resource_share_permissions(resourceShareArn=share)["permissions"]
    assert [p["arn"] for p in listed] == [EXPORT]


def test_permission_for_a_type_not_yet_in_the_share_needs_no_replace(world: Sandbox) -> None:
    """An empty share takes a first permission without replace; a card then uses it."""
    ram = client(world, "dev", "ram")
    share = ram.create_resource_share(name="empty", principals=["444444444444"])["resourceShare"]
    arn = share["resourceShareArn"]
    ram.associate_resource_share_permission(resourceShareArn=arn, permissionArn=EXPORT)
    card = make_card(world)
    ram.associate_resource_share(resourceShareArn=arn, resourceArns=[card])
    [permission] = ram.list_resource_share_permissions(resourceShareArn=arn)["permissions"]
    assert permission["arn"] == EXPORT


# ------------------------------------------------------------- item 3: IAM principals


def test_iam_role_principal_is_refused_for_model_cards(world: Sandbox) -> None:
    """A role or user principal would not limit access to that role: the share is refused."""
    card = make_card(world)
    with pytest.raises(ClientError) as exc:
        share_card(world, card, ROLE)
    assert "cannot be shared with IAM roles or users" in expect_error(
        exc, "InvalidParameterException"
    )
    with pytest.raises(ClientError):
        client(world, "prod", "sagemaker").describe_model_card(ModelCardName=card)


def test_card_cannot_join_a_share_with_an_iam_principal(world: Sandbox) -> None:
    """A share that names a role refuses model cards later too."""
    ram = client(world, "dev", "ram")
    arn = ram.create_resource_share(name="roles", principals=[ROLE])["resourceShare"][
        "resourceShareArn"
    ]
    with pytest.raises(ClientError) as exc:
        ram.associate_resource_share(resourceShareArn=arn, resourceArns=[make_card(world)])
    expect_error(exc, "InvalidParameterException")


# ------------------------------------------------------------- item 4: deleted cards


def test_deleted_card_leaves_every_share(world: Sandbox) -> None:
    """After DeleteModelCard, no share lists the card and a new card of that name is private."""
    card = make_card(world)
    share = share_card(world, card, "prod")["resourceShareArn"]
    client(world, "dev", "sagemaker").delete_model_card(ModelCardName="churn-model")
    owner, consumer = client(world, "dev", "ram"), client(world, "prod", "ram")
    assert owner.list_resources(resourceOwner="SELF")["resources"] == []
    assert consumer.list_resources(resourceOwner="OTHER-ACCOUNTS")["resources"] == []
    [assoc] = owner.get_resource_share_associations(
        associationType="RESOURCE", resourceShareArns=[share]
    )["resourceShareAssociations"]
    assert assoc["status"] == "DISASSOCIATED"
    assert assoc["statusMessage"] == "The resource was deleted by its owner."
    [still] = owner.get_resource_shares(resourceOwner="SELF")["resourceShares"]
    assert still["status"] == "ACTIVE"
    make_card(world)  # same name, same ARN
    with pytest.raises(ClientError) as exc:
        client(world, "prod", "sagemaker").describe_model_card(ModelCardName=card)
    expect_error(exc, "ResourceNotFound")


# ------------------------------------------------------------- item 5: unshared access


def test_unshared_foreign_card_answers_resource_not_found(world: Sandbox) -> None:
    """Another account's unshared card is not found (never AccessDeniedException)."""
    card = make_card(world)
    with pytest.raises(ClientError) as exc:
        client(world, "prod", "sagemaker").describe_model_card(ModelCardName=card)
    expect_error(exc, "ResourceNotFound")


# ------------------------------------------------------------- items 6-7: card metadata


def test_versions_filter_on_their_own_creation_time(world: Sandbox) -> None:
    """CreationTimeAfter/Before select versions by when each version was created."""
    card = make_card(world)
    sm = client(world, "dev", "sagemaker")
    world.clock.advance(days=2)
    middle = world.clock.now()
    world.clock.advance(days=2)
    sm.update_model_card(ModelCardName=card, Content=content("v2"))

    def versions(**kw: Any) -> list[int]:
        page = sm.list_model_card_versions(ModelCardName=card, **kw)
        return [v["ModelCardVersion"] for v in page["ModelCardVersionSummaryList"]]

    assert versions(CreationTimeAfter=middle) == [2]
    assert versions(CreationTimeBefore=middle) == [1]
    assert versions(CreationTimeAfter=middle - timedelta(days=30)) == [1, 2]


def test_metadata_only_leaves_content_out(world: Sandbox) -> None:
    """DescribeModelCard(IncludedData=MetadataOnly) answers without Content."""
    card = make_card(world)
    sm = client(world, "dev", "sagemaker")
    assert "Content" not in sm.describe_model_card(ModelCardName=card, IncludedData="MetadataOnly")
    assert sm.describe_model_card(ModelCardName=card, IncludedData="AllData")["Content"] == CONTENT


def test_max_results_above_the_model_maximum_is_refused(world: Sandbox) -> None:
    """MaxResults=101 for ListModelCardVersions (maximum 100) is a ValidationException."""
    card = make_card(world)
    with pytest.raises(ClientError) as exc:
        client(world, "dev", "sagemaker").list_model_card_versions(
            ModelCardName=card, MaxResults=101
        )
    assert "100" in expect_error(exc, "ValidationException")


def test_created_and_modified_by_name_the_caller(world: Sandbox) -> None:
    """CreatedBy is the creator's role session, LastModifiedBy the last writer's (a consumer)."""
    card = make_card(world)
    share_card(world, card, "prod")
    client(world, "prod", "sagemaker").update_model_card(
        ModelCardName=card, ModelCardStatus="PendingReview"
    )
    described = client(world, "dev", "sagemaker").describe_model_card(ModelCardName=card)
    created = described["CreatedBy"]["IamIdentity"]["Arn"]
    modified = described["LastModifiedBy"]["IamIdentity"]["Arn"]
    assert created.startswith("arn:aws:sts::222222222222:assumed-role/ModelCardShareRole/")
    assert modified.startswith("arn:aws:sts::444444444444:assumed-role/ModelCardShareRole/")


def test_card_times_follow_the_sandbox_clock(world: Sandbox) -> None:
    """Creation and modification times come from sandbox.clock, not the wall clock."""
    world.clock.advance(days=30)
    card = make_card(world)
    sm = client(world, "dev", "sagemaker")
    world.clock.advance(hours=5)
    sm.update_model_card(ModelCardName=card, ModelCardStatus="Approved")
    described = sm.describe_model_card(ModelCardName=card)
    wall = datetime.now(timezone.utc)
    assert described["CreationTime"] - wall > timedelta(days=29)
    assert described["LastModifiedTime"] - described["CreationTime"] >= timedelta(hours=5)


# ------------------------------------------------------------- item 8: tags and other operations


def test_tag_and_untag_a_share(world: Sandbox) -> None:
    """TagResource/UntagResource change the tags GetResourceShares reports (as Terraform reads)."""
    share = share_card(world, make_card(world), "prod", tags=[{"key": "a", "value": "1"}])
    ram = client(world, "dev", "ram")
    arn = share["resourceShareArn"]
    ram.tag_resource(resourceShareArn=arn, tags=[{"key": "b", "value": "2"}])
    ram.untag_resource(resourceShareArn=arn, tagKeys=["a"])
    [got] = ram.get_resource_shares(resourceOwner="SELF", resourceShareArns=[arn])["resourceShares"]
    assert got["tags"] == [{"key": "b", "value": "2"}]
    with pytest.raises(ClientError) as exc:
        ram.tag_resource(
            resourceShareArn=f"arn:aws:ram:us-east-1:222222222222:resource-share/{MISSING_ID}",
            tags=[{"key": "b", "value": "2"}],
        )
    expect_error(exc, "UnknownResourceException")


def test_operations_not_emulated_answer_json_errors(world: Sandbox) -> None:
    """A RAM operation the sandbox does not emulate answers a JSON error, not an HTML 404."""
    with pytest.raises(ClientError) as exc:
        client(world, "dev", "ram").list_permission_versions(permissionArn=DEFAULT)
    assert "does not emulate" in expect_error(exc, "OperationNotPermittedException")


def test_events_are_the_same_over_both_transports(world: Sandbox) -> None:
    """A card's life records one EventBridge event per change, whichever transport served it."""
    card = make_card(world)
    sm = client(world, "dev", "sagemaker")
    sm.update_model_card(ModelCardName=card, ModelCardStatus="PendingReview")
    sm.update_model_card(ModelCardName=card, Content=content("v2"))
    sm.delete_model_card(ModelCardName="churn-model")
    details = [e["detail"] for e in world.events.drain()]
    assert [(d["ModelCardVersion"], d["ModelCardStatus"]) for d in details] == [
        (1, "Draft"),
        (1, "PendingReview"),
        (2, "PendingReview"),
        (2, "PendingReview"),
    ]
    assert details[-1]["Deleted"] is True
    assert json.dumps(details)  # plain JSON, as a Lambda target receives it


def test_event_envelope_subscription_and_clock(world: Sandbox) -> None:
    """Events carry the EventBridge envelope, the sandbox time, and reach subscribers."""
    seen: list[dict[str, Any]] = []
    unsubscribe = world.events.on_event(seen.append)
    world.clock.advance(days=40)
    card = make_card(world)
    unsubscribe()
    client(world, "dev", "sagemaker").update_model_card(
        ModelCardName=card, ModelCardStatus="Approved"
    )
    [event] = seen
    assert set(event) == {
        "version", "id", "detail-type", "source", "account", "time", "region", "resources",
        "detail",
    }  # fmt: skip
    assert (event["detail-type"], event["source"], event["account"]) == (
        "SageMaker Model Card State Change",
        "aws.sagemaker",
        "222222222222",
    )
    assert event["resources"] == [card]
    assert datetime.strptime(event["time"], "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=timezone.utc
    ) - datetime.now(timezone.utc) > timedelta(days=39)
    assert event["detail"]["CreatedBy"]["IamIdentity"]["Arn"].startswith("arn:aws:sts::")
    assert len(world.events.all()) == 2
    world.events.clear()
    assert world.events.all() == []
