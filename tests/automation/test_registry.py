"""The central model registry in the lifecycle: [lifecycle.registry], end to end in the sandbox."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from modelcard_share import (
    Access,
    AccountTopology,
    ArgumentTypeError,
    CardStatus,
    ModelCard,
    RegistryPolicyError,
    TopologyError,
)
from modelcard_share.domain import (
    GroupLink,
    Lifecycle,
    ModelPackageGroup,
    OnApprove,
    RegistryPolicy,
)
from modelcard_share.sandbox import Sandbox

from .conftest import HOME, SEED_CONTENT, World, build, topology_mapping


def _group(world: World, name: str = "churn", versions: int = 1) -> ModelPackageGroup:
    for index in range(versions):
        job = f"{name}-job-{index}"
        world.sb.create_training_job(HOME, job)
        world.sb.register_model_package(HOME, name, training_job=job)
    return ModelPackageGroup.load(name, session=world.sb.session(HOME))


def _content(group: str | None = None, package: str | None = None) -> dict[str, Any]:
    details = {
        k: v
        for k, v in (("model_package_group_name", group), ("model_package_arn", package))
        if v is not None
    }
    return {**SEED_CONTENT, "model_package_details": details}


def _group_access(world: World, group: ModelPackageGroup) -> dict[str, Access | None]:
    held = {a.entity: a.access for a in group.principals() if a.status.is_live}
    return {name: held.get(world.sb.account_id(name)) for name in ("dev", "test", "prod")}


def _approval(world: World, arn: str) -> str:
    sm = world.sb.client(HOME, "sagemaker")
    return str(sm.describe_model_package(ModelPackageName=arn)["ModelApprovalStatus"])


# ------------------------------------------------------------------ the policy table


@pytest.mark.parametrize(
    ("table", "field", "message"),
    [
        ({"on_approve": "approve"}, "lifecycle.registry.on_approve", "'approve' is not one of"),
        ({"link": "name"}, "lifecycle.registry.link", "'content', 'tag'"),
        ({"share_group": "yes"}, "lifecycle.registry.share_group", "true or false"),
        ({"tag_key": "g"}, "lifecycle.registry.tag_key", 'only used with link = "tag"'),
        ({"link": "tag", "tag_key": ""}, "lifecycle.registry.tag_key", "1-128 characters"),
        ({"approve": True}, "lifecycle.registry", r"unknown keys \['approve'\]"),
    ],
)
def test_a_bad_registry_table_names_its_field(
    sb: Sandbox, table: dict[str, Any], field: str, message: str
) -> None:
    """The table is checked when the lifecycle loads; the error names the field."""
    topology = AccountTopology.from_mapping(topology_mapping(sb, registry=table))
    with pytest.raises(TopologyError, match=message) as caught:
        Lifecycle(topology)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


def test_the_lifecycle_table_accepts_registry_and_stages_only(sb: Sandbox) -> None:
    """An unknown [lifecycle] key is refused, and the message lists what is allowed."""
    data = topology_mapping(sb)
    data["lifecycle"] = {"registery": {}}
    with pytest.raises(TopologyError, match="allowed: registry, stages"):
        Lifecycle(AccountTopology.from_mapping(data))
    data["lifecycle"] = {"registry": "approve-package"}
    with pytest.raises(TopologyError, match=r"lifecycle\.registry: must be a table"):
        Lifecycle(AccountTopology.from_mapping(data))
    with pytest.raises(ArgumentTypeError, match="registry must be a RegistryPolicy"):
        Lifecycle(AccountTopology.from_mapping(topology_mapping(sb)), registry={})  # type: ignore[arg-type]


def test_the_policy_reads_back_as_its_table() -> None:
    """Defaults: link by content, share the group, nothing on approval."""
    assert RegistryPolicy.from_table({}).to_dict() == {
        "link": "content",
        "share_group": True,
        "on_approve": "none",
    }
    policy = RegistryPolicy.from_table(
        {"link": "tag", "tag_key": "group", "on_approve": "require-approved-package"}
    )
    assert (policy.link, policy.tag_key, policy.on_approve) == (
        GroupLink.TAG,
        "group",
        OnApprove.REQUIRE_APPROVED_PACKAGE,
    )


# ------------------------------------------------------------------ sharing the group


def test_the_group_is_shared_alongside_the_card_and_approval_approves_its_package(
    sb: Sandbox,
) -> None:
    """Same accounts, same access (register for read-write); approving approves the package."""
    world = build(sb, registry={"on_approve": "approve-package"})
    group = _group(world)
    package = group.latest()
    card = world.create_card("churn", _content("churn"))
    world.deliver()
    assert _group_access(world, group) == {"dev": Access.READ_WRITE, "test": None, "prod": None}
    assert group.tags()["modelcard-share:card"] == card.arn, "the group links back to its card"
    sb.create_training_job("dev", "dev-job")
    registered = sb.register_model_package("dev", group.arn, training_job="dev-job")
    assert registered.endswith("model-package/churn/2"), "read-write lets dev register versions"

    card.submit_for_review()
    card.approve()
    report = world.deliver()
    assert {e.status for e in report.events} <= {"changed", "unchanged"}
    assert _group_access(world, group) == {
        "dev": Access.READ_WRITE,
        "test": Access.READ_WRITE,
        "prod": Access.READ_ONLY,
    }
    newest = group.latest()
    assert newest.arn == registered
    assert _approval(world, newest.arn) == "Approved", "the newest version is the card's"
    assert _approval(world, package.arn) == "PendingManualApproval"
    sb.create_training_job("prod", "prod-job")
    with pytest.raises(ClientError, match="AccessDenied"):
        sb.register_model_package("prod", group.arn, training_job="prod-job")

    world.calls.clear()
    assert {e.status for e in world.deliver().events} == {"unchanged"}
    assert world.calls.writes() == [], "the package event of our own approval changes nothing"


def test_the_card_names_its_package_version(sb: Sandbox) -> None:
    """model_package_details.model_package_arn picks the version to approve, not the newest."""
    world = build(sb, registry={"on_approve": "approve-package"})
    group = _group(world, versions=2)
    first, second = [p.arn for p in group.packages()]
    card = world.create_card("pinned", _content(package=first))
    card.submit_for_review()
    card.approve()
    result = world.lifecycle.sync(card)
    assert result.registry is not None
    assert (result.registry.group_arn, result.registry.package_arn) == (group.arn, first)
    assert result.registry.approved
    assert (_approval(world, first), _approval(world, second)) == (
        "Approved",
        "PendingManualApproval",
    )


def test_a_card_tag_can_name_the_group(sb: Sandbox) -> None:
    """With link = "tag", the card's tag (a name or an ARN) names the group."""
    world = build(sb, registry={"link": "tag", "tag_key": "model-group"})
    group = _group(world)
    card = ModelCard.create(
        "tagged",
        content=SEED_CONTENT,
        tags={"model-group": group.arn},
        session=sb.session(HOME),
        retry=world.retry,
    )
    result = world.lifecycle.sync(card)
    assert result.registry is not None
    assert result.registry.group_arn == group.arn
    assert [g.principal for g in result.registry.added] == [sb.account_id("dev")]


def test_a_missing_group_is_a_note_not_an_error(sb: Sandbox) -> None:
    """A card naming no group, or one that does not exist, is still shared; the note says why."""
    world = build(sb, registry={"on_approve": "approve-package"})
    nameless = world.lifecycle.sync(world.create_card("no-group"))
    assert nameless.registry is not None
    assert nameless.registry.note == "model card no-group names no model package group"
    missing = world.lifecycle.sync(world.create_card("ghost", _content("ghost")))
    assert missing.registry is not None
    assert missing.registry.note == (
        f"model package group ghost does not exist in account {sb.account_id(HOME)}"
    )
    assert [g.principal for g in missing.added] == [sb.account_id("dev")]


# ------------------------------------------------------------------ require-approved-package


def test_require_approved_package_refuses_before_any_write(sb: Sandbox) -> None:
    """promote(to=Approved) raises a clear RegistryPolicyError and writes nothing."""
    world = build(sb, registry={"on_approve": "require-approved-package"})
    group = _group(world)
    package = group.latest()
    card = world.create_card("strict", _content("churn"))
    world.lifecycle.promote(card)
    world.calls.clear()
    with pytest.raises(RegistryPolicyError) as caught:
        world.lifecycle.promote(card, to=CardStatus.APPROVED)
    assert str(caught.value) == (
        f"model card strict cannot be Approved: its model package {package.arn} is "
        "PendingManualApproval, not Approved; approve the package first "
        '([lifecycle.registry] on_approve = "require-approved-package")'
    )
    err = caught.value
    assert (err.group, err.package_arn, err.approval_status) == (
        "churn",
        package.arn,
        "PendingManualApproval",
    )
    assert (err.current, err.requested) == ("PendingReview", "Approved")
    assert world.calls.writes() == []
    assert card.refresh().status is CardStatus.PENDING_REVIEW

    group.approve()
    promoted = world.lifecycle.promote(card, to=CardStatus.APPROVED)
    assert promoted.status is CardStatus.APPROVED
    assert sb.account_id("prod") in {g.principal for g in promoted.added}


def test_require_approved_package_without_a_package_says_so(sb: Sandbox) -> None:
    """A card whose group has no version cannot be approved; the message names the group."""
    world = build(sb, registry={"on_approve": "require-approved-package"})
    sb.client(HOME, "sagemaker").create_model_package_group(ModelPackageGroupName="empty")
    card = world.create_card("early", _content("empty"))
    world.lifecycle.promote(card)
    with pytest.raises(RegistryPolicyError, match="model package group empty has no model version"):
        world.lifecycle.promote(card)


def test_an_approval_made_elsewhere_is_held_until_the_package_event(sb: Sandbox) -> None:
    """Approved in the console: prod waits (held); the package's approval event releases it."""
    world = build(sb, registry={"on_approve": "require-approved-package"})
    group = _group(world)
    card = world.create_card("console", _content("churn"))
    card.submit_for_review()
    card.approve()  # not through the lifecycle: nothing refused it
    report = world.deliver()
    card_events = [e for e in report.events if e.detail_type == "SageMaker Model Card State Change"]
    assert {e.status for e in card_events} == {"held"}
    assert any(a["action"] == "hold" for a in card_events[0].actions)
    status = world.lifecycle.status(card)
    assert status.status is CardStatus.APPROVED
    assert {v.name: v.access for v in status.accounts}["prod"] is None
    assert _group_access(world, group)["prod"] is None

    sb.client(HOME, "sagemaker").update_model_package(
        ModelPackageArn=group.latest().arn, ModelApprovalStatus="Approved"
    )
    [package_event] = world.sb.events.drain()
    released = world.handler.handle(package_event)
    assert released.status == "changed"
    assert released.cards[0].arn == card.arn
    assert {v.name: v.access for v in world.lifecycle.status(card).accounts}[
        "prod"
    ] is Access.READ_ONLY
    assert _group_access(world, group)["prod"] is Access.READ_ONLY


def test_package_events_without_a_registry_policy_are_skipped(world: World) -> None:
    """Without [lifecycle.registry] a model package event names no card to converge."""
    world.sb.create_training_job(HOME, "job")
    world.sb.register_model_package(HOME, "solo", training_job="job")
    [outcome] = world.deliver().events
    assert outcome.status == "skipped"
    assert outcome.reason == (
        "the topology has no [lifecycle.registry]: model package events are ignored"
    )


# ------------------------------------------------------------------ one plan, dry or not


def test_a_dry_run_plans_exactly_what_the_real_run_then_does(sb: Sandbox) -> None:
    """sync(dry_run=True) writes nothing and lists the grants, approval and link a run makes."""
    world = build(sb, registry={"on_approve": "approve-package"})
    group = _group(world)
    card = world.create_card("planned", _content("churn"))
    card.submit_for_review()
    card.approve()
    world.calls.clear()
    plan = world.lifecycle.sync(card, dry_run=True)
    assert world.calls.writes() == []
    assert plan.dry_run
    assert plan.changed
    assert plan.registry is not None
    assert plan.registry.approved
    assert plan.registry.linked
    done = world.lifecycle.sync(card)
    assert done.registry is not None

    def grants(result: Any) -> set[tuple[str, Access, str | None]]:
        return {(g.principal, g.access, g.share_name) for g in result.added}

    assert grants(plan) == grants(done)
    assert grants(plan.registry) == grants(done.registry)
    assert {g.share_arn for g in plan.added} == {""}, "no share existed yet"
    assert _approval(world, group.latest().arn) == "Approved"
    assert world.lifecycle.sync(card, dry_run=True).changed is False


def test_the_group_links_to_the_card_synced_last(sb: Sandbox) -> None:
    """The group's link tag names one card: a second card naming the group takes it over."""
    world = build(sb, registry={})
    group = _group(world)
    first = world.create_card("first", _content("churn"))
    second = world.create_card("second", _content("churn"))
    assert world.lifecycle.sync(first).registry is not None
    assert world.lifecycle.linked_cards(group.arn) == (first.arn,)
    relinked = world.lifecycle.sync(second).registry
    assert relinked is not None
    assert relinked.linked
    assert group.tags() == {"modelcard-share:card": second.arn}, "AddTags overwrites the key"
    assert world.lifecycle.reconcile(tags={"team": "a"}).cards == (), "untagged cards: no tags"
