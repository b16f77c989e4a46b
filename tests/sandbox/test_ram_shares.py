"""RAM resource shares of model cards: create, associate, invitations, queries, delete."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from modelcard_share.sandbox import Organization, Sandbox

from ._helpers import MISSING_ID, client, expect_error, make_card, share_card

NO_ORG = {"owner": "111111111111", "consumer": "222222222222", "other": "333333333333"}


def test_create_share_with_model_card_inside_org_is_associated(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    share = share_card(sandbox, card, "prod", tags=[{"key": "team", "value": "ml"}])
    assert share["status"] == "ACTIVE"
    assert share["owningAccountId"] == "222222222222"
    assert share["allowExternalPrincipals"] is True
    assert share["tags"] == [{"key": "team", "value": "ml"}]
    ram = client(sandbox, "dev", "ram")
    principals = ram.get_resource_share_associations(associationType="PRINCIPAL")
    [assoc] = principals["resourceShareAssociations"]
    assert (assoc["associatedEntity"], assoc["status"], assoc["external"]) == (
        "444444444444",
        "ASSOCIATED",
        False,
    )
    resources = ram.get_resource_share_associations(associationType="RESOURCE")
    assert [a["associatedEntity"] for a in resources["resourceShareAssociations"]] == [card]
    assert (
        client(sandbox, "prod", "ram").get_resource_share_invitations()["resourceShareInvitations"]
        == []
    )


def test_share_of_card_owned_by_someone_else_is_refused(sandbox: Sandbox) -> None:
    card = make_card(sandbox, "test")
    with pytest.raises(ClientError) as exc:
        share_card(sandbox, card, "prod")
    assert "you can share only resources you own" in expect_error(exc, "UnknownResourceException")


def test_share_of_missing_card_is_refused(sandbox: Sandbox) -> None:
    missing = "arn:aws:sagemaker:us-east-1:222222222222:model-card/nope"
    with pytest.raises(ClientError) as exc:
        share_card(sandbox, missing, "prod")
    expect_error(exc, "UnknownResourceException")


def test_malformed_resource_arn(sandbox: Sandbox) -> None:
    with pytest.raises(ClientError) as exc:
        share_card(sandbox, "not-an-arn", "prod")
    expect_error(exc, "MalformedArnException")


def test_malformed_principal(sandbox: Sandbox) -> None:
    with pytest.raises(ClientError) as exc:
        share_card(sandbox, make_card(sandbox), "12345")
    expect_error(exc, "InvalidParameterException")


def test_external_principal_refused_when_not_allowed(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    with pytest.raises(ClientError) as exc:
        share_card(sandbox, card, "999999999999", allowExternalPrincipals=False)
    assert "does not allow external principals" in expect_error(
        exc, "OperationNotPermittedException"
    )
    share = share_card(sandbox, card, "prod", allowExternalPrincipals=False)
    assert share["allowExternalPrincipals"] is False


def test_external_principal_gets_invitation(sandbox: Sandbox) -> None:
    share = share_card(sandbox, make_card(sandbox), "999999999999")
    assoc = client(sandbox, "dev", "ram").get_resource_share_associations(
        associationType="PRINCIPAL", resourceShareArns=[share["resourceShareArn"]]
    )["resourceShareAssociations"][0]
    assert (assoc["status"], assoc["external"]) == ("ASSOCIATING", True)


def test_organization_principal(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    assert sandbox.organization_arn is not None
    share_card(sandbox, card, sandbox.organization_arn)
    for consumer in ("test", "prod", "shared-services"):
        sm = client(sandbox, consumer, "sagemaker")
        assert sm.describe_model_card(ModelCardName=card)["ModelCardName"] == "churn-model"


def test_ou_principal_covers_only_its_members(sandbox_factory: Any) -> None:
    sb = sandbox_factory(organization=Organization(ous={"prod-ou": ["prod"]}))
    card = make_card(sb)
    share_card(sb, card, sb.ou_arn("prod-ou"))
    assert client(sb, "prod", "sagemaker").describe_model_card(ModelCardName=card)
    with pytest.raises(ClientError) as exc:
        client(sb, "test", "sagemaker").describe_model_card(ModelCardName=card)
    expect_error(exc, "ResourceNotFound")


def test_organization_principal_needs_org_sharing(sandbox_factory: Any) -> None:
    sb = sandbox_factory(organization=Organization(sharing_enabled=False))
    assert sb.organization_arn is not None
    with pytest.raises(ClientError) as exc:
        share_card(sb, make_card(sb), sb.organization_arn)
    assert "not enabled" in expect_error(exc, "OperationNotPermittedException")


def test_enable_sharing_only_from_management_account(sandbox_factory: Any) -> None:
    sb = sandbox_factory(organization=Organization(sharing_enabled=False))
    with pytest.raises(ClientError) as exc:
        client(sb, "dev", "ram").enable_sharing_with_aws_organization()
    expect_error(exc, "OperationNotPermittedException")
    ram = client(sb, "shared-services", "ram")
    assert ram.enable_sharing_with_aws_organization()["returnValue"] is True


def test_org_member_gets_invitation_when_org_sharing_off(sandbox_factory: Any) -> None:
    sb = sandbox_factory(organization=Organization(sharing_enabled=False))
    share_card(sb, make_card(sb), "prod")
    [invitation] = client(sb, "prod", "ram").get_resource_share_invitations()[
        "resourceShareInvitations"
    ]
    assert invitation["status"] == "PENDING"
    assert invitation["senderAccountId"] == "222222222222"
    assert invitation["receiverAccountId"] == "444444444444"


def _invite(sb: Sandbox) -> tuple[str, dict[str, Any]]:
    card = make_card(sb, "owner")
    share_card(sb, card, "consumer", owner="owner")
    [invitation] = client(sb, "consumer", "ram").get_resource_share_invitations()[
        "resourceShareInvitations"
    ]
    return card, invitation


def test_invitation_accept_grants_access(sandbox_factory: Any) -> None:
    sb = sandbox_factory(accounts=NO_ORG, organization=False)
    card, invitation = _invite(sb)
    sm = client(sb, "consumer", "sagemaker")
    with pytest.raises(ClientError) as exc:
        sm.describe_model_card(ModelCardName=card)
    expect_error(exc, "ResourceNotFound")
    ram = client(sb, "consumer", "ram")
    assert ram.get_resource_shares(resourceOwner="OTHER-ACCOUNTS")["resourceShares"] == []
    accepted = ram.accept_resource_share_invitation(
        resourceShareInvitationArn=invitation["resourceShareInvitationArn"]
    )["resourceShareInvitation"]
    assert accepted["status"] == "ACCEPTED"
    assert sm.describe_model_card(ModelCardName=card)["ModelCardArn"] == card
    [shared] = ram.get_resource_shares(resourceOwner="OTHER-ACCOUNTS")["resourceShares"]
    assert shared["resourceShareArn"] == invitation["resourceShareArn"]
    with pytest.raises(ClientError) as exc:
        ram.accept_resource_share_invitation(
            resourceShareInvitationArn=invitation["resourceShareInvitationArn"]
        )
    expect_error(exc, "ResourceShareInvitationAlreadyAcceptedException")
    with pytest.raises(ClientError) as exc:
        ram.reject_resource_share_invitation(
            resourceShareInvitationArn=invitation["resourceShareInvitationArn"]
        )
    expect_error(exc, "ResourceShareInvitationAlreadyAcceptedException")


def test_invitation_reject(sandbox_factory: Any) -> None:
    sb = sandbox_factory(accounts=NO_ORG, organization=False)
    card, invitation = _invite(sb)
    ram = client(sb, "consumer", "ram")
    arn = invitation["resourceShareInvitationArn"]
    assert (
        ram.reject_resource_share_invitation(resourceShareInvitationArn=arn)[
            "resourceShareInvitation"
        ]["status"]
        == "REJECTED"
    )
    with pytest.raises(ClientError) as exc:
        ram.accept_resource_share_invitation(resourceShareInvitationArn=arn)
    expect_error(exc, "ResourceShareInvitationAlreadyRejectedException")
    with pytest.raises(ClientError) as exc:
        client(sb, "consumer", "sagemaker").describe_model_card(ModelCardName=card)
    expect_error(exc, "ResourceNotFound")
    [assoc] = client(sb, "owner", "ram").get_resource_share_associations(
        associationType="PRINCIPAL"
    )["resourceShareAssociations"]
    assert assoc["status"] == "DISASSOCIATED"


def test_invitation_expires_after_12_hours(sandbox_factory: Any) -> None:
    sb = sandbox_factory(accounts=NO_ORG, organization=False)
    _card, invitation = _invite(sb)
    arn = invitation["resourceShareInvitationArn"]
    sb.clock.advance(hours=11, minutes=59)
    ram = client(sb, "consumer", "ram")
    [pending] = ram.get_resource_share_invitations()["resourceShareInvitations"]
    assert pending["status"] == "PENDING"
    sb.clock.advance(minutes=2)
    [expired] = ram.get_resource_share_invitations()["resourceShareInvitations"]
    assert expired["status"] == "EXPIRED"
    with pytest.raises(ClientError) as exc:
        ram.accept_resource_share_invitation(resourceShareInvitationArn=arn)
    expect_error(exc, "ResourceShareInvitationExpiredException")
    [assoc] = client(sb, "owner", "ram").get_resource_share_associations(
        associationType="PRINCIPAL"
    )["resourceShareAssociations"]
    assert assoc["status"] == "DISASSOCIATED"


def test_invitation_errors(sandbox_factory: Any) -> None:
    sb = sandbox_factory(accounts=NO_ORG, organization=False)
    _card, invitation = _invite(sb)
    ram = client(sb, "consumer", "ram")
    with pytest.raises(ClientError) as exc:
        ram.accept_resource_share_invitation(resourceShareInvitationArn="bogus")
    expect_error(exc, "MalformedArnException")
    unknown = invitation["resourceShareInvitationArn"].rsplit("/", 1)[0] + "/" + MISSING_ID
    with pytest.raises(ClientError) as exc:
        ram.accept_resource_share_invitation(resourceShareInvitationArn=unknown)
    expect_error(exc, "ResourceShareInvitationArnNotFoundException")
    other = client(sb, "other", "ram")
    with pytest.raises(ClientError) as exc:
        other.accept_resource_share_invitation(
            resourceShareInvitationArn=invitation["resourceShareInvitationArn"]
        )
    expect_error(exc, "ResourceShareInvitationArnNotFoundException")


def test_get_resource_shares_filters(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    ram = client(sandbox, "dev", "ram")
    one = share_card(sandbox, card, "prod", name="one", tags=[{"key": "env", "value": "prod"}])
    two = share_card(sandbox, card, "test", name="two", tags=[{"key": "env", "value": "test"}])

    def names(**kw: Any) -> list[str]:
        shares = ram.get_resource_shares(resourceOwner="SELF", **kw)["resourceShares"]
        return [s["name"] for s in shares]

    assert names() == ["one", "two"]
    assert names(name="two") == ["two"]
    assert names(resourceShareArns=[one["resourceShareArn"]]) == ["one"]
    assert names(tagFilters=[{"tagKey": "env", "tagValues": ["test"]}]) == ["two"]
    assert names(tagFilters=[{"tagKey": "missing"}]) == []
    assert names(resourceShareStatus="DELETED") == []
    ram.delete_resource_share(resourceShareArn=two["resourceShareArn"])
    assert names(resourceShareStatus="DELETED") == ["two"]
    assert names(resourceShareStatus="ACTIVE") == ["one"]


def test_get_resource_shares_other_accounts(sandbox: Sandbox) -> None:
    share_card(sandbox, make_card(sandbox), "prod", name="for-prod")
    prod = client(sandbox, "prod", "ram")
    [shared] = prod.get_resource_shares(resourceOwner="OTHER-ACCOUNTS")["resourceShares"]
    assert (shared["name"], shared["owningAccountId"]) == ("for-prod", "222222222222")
    assert prod.get_resource_shares(resourceOwner="SELF")["resourceShares"] == []
    test = client(sandbox, "test", "ram")
    assert test.get_resource_shares(resourceOwner="OTHER-ACCOUNTS")["resourceShares"] == []


def test_get_resource_shares_bad_owner(sandbox: Sandbox) -> None:
    with pytest.raises(ClientError) as exc:
        client(sandbox, "dev", "ram").get_resource_shares(resourceOwner="ME")
    expect_error(exc, "InvalidParameterException")


def test_associate_and_disassociate(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    other = make_card(sandbox, name="second")
    share = share_card(sandbox, card, "prod")
    ram = client(sandbox, "dev", "ram")
    arn = share["resourceShareArn"]
    added = ram.associate_resource_share(
        resourceShareArn=arn, resourceArns=[other], principals=["333333333333"]
    )["resourceShareAssociations"]
    assert {(a["associatedEntity"], a["status"]) for a in added} == {
        (other, "ASSOCIATED"),
        ("333333333333", "ASSOCIATED"),
    }
    assert client(sandbox, "test", "sagemaker").describe_model_card(ModelCardName=other)
    removed = ram.disassociate_resource_share(resourceShareArn=arn, principals=["333333333333"])[
        "resourceShareAssociations"
    ]
    assert removed[0]["status"] == "DISASSOCIATING"
    with pytest.raises(ClientError) as exc:
        client(sandbox, "test", "sagemaker").describe_model_card(ModelCardName=other)
    expect_error(exc, "ResourceNotFound")
    with pytest.raises(ClientError) as exc:
        ram.disassociate_resource_share(resourceShareArn=arn, principals=["333333333333"])
    expect_error(exc, "UnknownResourceException")


def test_associate_unknown_share(sandbox: Sandbox) -> None:
    ram = client(sandbox, "dev", "ram")
    with pytest.raises(ClientError) as exc:
        ram.associate_resource_share(
            resourceShareArn=f"arn:aws:ram:us-east-1:222222222222:resource-share/{MISSING_ID}",
            principals=["444444444444"],
        )
    expect_error(exc, "UnknownResourceException")
    with pytest.raises(ClientError) as exc:
        ram.associate_resource_share(resourceShareArn="nope", principals=["444444444444"])
    expect_error(exc, "MalformedArnException")


def test_consumer_cannot_leave_share(sandbox: Sandbox) -> None:
    share = share_card(sandbox, make_card(sandbox), "prod")
    with pytest.raises(ClientError) as exc:
        client(sandbox, "prod", "ram").disassociate_resource_share(
            resourceShareArn=share["resourceShareArn"], principals=["444444444444"]
        )
    assert "ask its owner" in expect_error(exc, "OperationNotPermittedException")


def test_list_resources_self_and_other_accounts(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    share = share_card(sandbox, card, "prod")
    mine = client(sandbox, "dev", "ram").list_resources(resourceOwner="SELF")["resources"]
    assert [(r["arn"], r["type"], r["resourceShareArn"]) for r in mine] == [
        (card, "sagemaker:ModelCard", share["resourceShareArn"])
    ]
    prod = client(sandbox, "prod", "ram")
    theirs = prod.list_resources(resourceOwner="OTHER-ACCOUNTS", resourceType="sagemaker:ModelCard")
    assert [r["arn"] for r in theirs["resources"]] == [card]
    assert prod.list_resources(resourceOwner="SELF")["resources"] == []
    mine_for_prod = client(sandbox, "dev", "ram").list_resources(
        resourceOwner="SELF", principal="444444444444"
    )
    assert len(mine_for_prod["resources"]) == 1
    mine_for_test = client(sandbox, "dev", "ram").list_resources(
        resourceOwner="SELF", principal="333333333333"
    )
    assert mine_for_test["resources"] == []
    with pytest.raises(ClientError) as exc:
        prod.list_resources(resourceOwner="OTHER-ACCOUNTS", resourceType="sagemaker:Nope")
    expect_error(exc, "InvalidResourceTypeException")


def test_list_principals_self_and_other_accounts(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    share_card(sandbox, card, "prod", "test")
    mine = client(sandbox, "dev", "ram").list_principals(resourceOwner="SELF", resourceArn=card)
    assert sorted(p["id"] for p in mine["principals"]) == ["333333333333", "444444444444"]
    theirs = client(sandbox, "prod", "ram").list_principals(resourceOwner="OTHER-ACCOUNTS")
    assert [p["id"] for p in theirs["principals"]] == ["444444444444"]


def test_delete_share_revokes_access(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    share = share_card(sandbox, card, "prod")
    ram = client(sandbox, "dev", "ram")
    assert ram.delete_resource_share(resourceShareArn=share["resourceShareArn"])["returnValue"]
    with pytest.raises(ClientError) as exc:
        client(sandbox, "prod", "sagemaker").describe_model_card(ModelCardName=card)
    expect_error(exc, "ResourceNotFound")
    with pytest.raises(ClientError) as exc:
        ram.delete_resource_share(resourceShareArn=share["resourceShareArn"])
    expect_error(exc, "UnknownResourceException")


def test_update_share_changes_only_given_fields(sandbox: Sandbox) -> None:
    share = share_card(sandbox, make_card(sandbox), "prod", allowExternalPrincipals=False)
    ram = client(sandbox, "dev", "ram")
    updated = ram.update_resource_share(resourceShareArn=share["resourceShareArn"], name="renamed")
    assert updated["resourceShare"]["name"] == "renamed"
    assert updated["resourceShare"]["allowExternalPrincipals"] is False


def test_client_token_idempotency(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    ram = client(sandbox, "dev", "ram")
    kw: dict[str, Any] = {"name": "s", "resourceArns": [card], "principals": ["444444444444"]}
    first = ram.create_resource_share(clientToken="token-1", **kw)
    again = ram.create_resource_share(clientToken="token-1", **kw)
    assert first["resourceShare"]["resourceShareArn"] == again["resourceShare"]["resourceShareArn"]
    assert again["clientToken"] == "token-1"
    assert len(ram.get_resource_shares(resourceOwner="SELF")["resourceShares"]) == 1
    with pytest.raises(ClientError) as exc:
        ram.create_resource_share(clientToken="token-1", **{**kw, "name": "other"})
    expect_error(exc, "IdempotentParameterMismatchException")


def test_pagination_with_next_token(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    ram = client(sandbox, "dev", "ram")
    for n in range(5):
        share_card(sandbox, card, "prod", name=f"s{n}")
    seen: list[str] = []
    token: str | None = None
    pages = 0
    while True:
        kw: dict[str, Any] = {"nextToken": token} if token else {}
        page = ram.get_resource_shares(resourceOwner="SELF", maxResults=2, **kw)
        pages += 1
        seen += [s["name"] for s in page["resourceShares"]]
        token = page.get("nextToken")
        if not token:
            break
    assert (seen, pages) == (["s0", "s1", "s2", "s3", "s4"], 3)
    paginator = ram.get_paginator("get_resource_shares")
    names = [
        s["name"]
        for p in paginator.paginate(resourceOwner="SELF", PaginationConfig={"PageSize": 2})
        for s in p["resourceShares"]
    ]
    assert names == seen
    with pytest.raises(ClientError) as exc:
        ram.get_resource_shares(resourceOwner="SELF", nextToken="garbage")
    expect_error(exc, "InvalidNextTokenException")
    with pytest.raises(ClientError) as exc:
        ram.get_resource_shares(resourceOwner="SELF", maxResults=501)
    expect_error(exc, "InvalidMaxResultsException")


def test_association_delay_is_driven_by_clock(sandbox_factory: Any) -> None:
    from datetime import timedelta

    sb = sandbox_factory(association_delay=timedelta(minutes=2))
    card = make_card(sb)
    share_card(sb, card, "prod")
    ram = client(sb, "dev", "ram")
    statuses = [
        a["status"]
        for a in ram.get_resource_share_associations(associationType="PRINCIPAL")[
            "resourceShareAssociations"
        ]
    ]
    assert statuses == ["ASSOCIATING"]
    sb.clock.advance(minutes=2)
    statuses = [
        a["status"]
        for a in ram.get_resource_share_associations(associationType="PRINCIPAL")[
            "resourceShareAssociations"
        ]
    ]
    assert statuses == ["ASSOCIATED"]
    assert client(sb, "prod", "sagemaker").describe_model_card(ModelCardName=card)


def test_consumer_sees_its_own_association(sandbox_factory: Any) -> None:
    sb = sandbox_factory(accounts=NO_ORG, organization=False)
    _invite(sb)
    mine = client(sb, "consumer", "ram").get_resource_share_associations(
        associationType="PRINCIPAL", principal="222222222222"
    )["resourceShareAssociations"]
    assert [a["status"] for a in mine] == ["ASSOCIATING"]


def test_pending_invitation_resources(sandbox_factory: Any) -> None:
    sb = sandbox_factory(accounts=NO_ORG, organization=False)
    card, invitation = _invite(sb)
    ram = client(sb, "consumer", "ram")
    arn = invitation["resourceShareInvitationArn"]
    resources = ram.list_pending_invitation_resources(resourceShareInvitationArn=arn)
    assert [(r["arn"], r["type"]) for r in resources["resources"]] == [
        (card, "sagemaker:ModelCard")
    ]
    ram.reject_resource_share_invitation(resourceShareInvitationArn=arn)
    with pytest.raises(ClientError) as exc:
        ram.list_pending_invitation_resources(resourceShareInvitationArn=arn)
    expect_error(exc, "ResourceShareInvitationAlreadyRejectedException")


def test_invitations_filtered_by_share(sandbox_factory: Any) -> None:
    sb = sandbox_factory(accounts=NO_ORG, organization=False)
    _card, invitation = _invite(sb)
    ram = client(sb, "consumer", "ram")
    found = ram.get_resource_share_invitations(resourceShareArns=[invitation["resourceShareArn"]])
    assert [i["resourceShareInvitationArn"] for i in found["resourceShareInvitations"]] == [
        invitation["resourceShareInvitationArn"]
    ]
    other = "arn:aws:ram:us-east-1:111111111111:resource-share/other"
    assert (
        ram.get_resource_share_invitations(resourceShareArns=[other])["resourceShareInvitations"]
        == []
    )
    assert (
        client(sb, "owner", "ram").get_resource_share_invitations()["resourceShareInvitations"]
        == []
    )


def test_update_unknown_share(sandbox: Sandbox) -> None:
    with pytest.raises(ClientError) as exc:
        client(sandbox, "dev", "ram").update_resource_share(
            resourceShareArn=f"arn:aws:ram:us-east-1:222222222222:resource-share/{MISSING_ID}",
            name="x",
        )
    expect_error(exc, "UnknownResourceException")


def test_owner_cannot_share_with_itself(sandbox: Sandbox) -> None:
    with pytest.raises(ClientError) as exc:
        share_card(sandbox, make_card(sandbox), "dev")
    expect_error(exc, "InvalidParameterException")


def test_account_outside_partial_org_gets_invitation(sandbox_factory: Any) -> None:
    sb = sandbox_factory(organization=Organization(members=["shared-services", "dev", "test"]))
    card = make_card(sb)
    share_card(sb, card, "test", "prod")
    assocs = client(sb, "dev", "ram").get_resource_share_associations(associationType="PRINCIPAL")
    by_entity = {a["associatedEntity"]: a for a in assocs["resourceShareAssociations"]}
    assert (by_entity["333333333333"]["status"], by_entity["333333333333"]["external"]) == (
        "ASSOCIATED",
        False,
    )
    assert (by_entity["444444444444"]["status"], by_entity["444444444444"]["external"]) == (
        "ASSOCIATING",
        True,
    )
    [invitation] = client(sb, "prod", "ram").get_resource_share_invitations()[
        "resourceShareInvitations"
    ]
    assert invitation["status"] == "PENDING"
    assert (
        client(sb, "test", "ram").get_resource_share_invitations()["resourceShareInvitations"] == []
    )


def test_reset_clears_shares(sandbox: Sandbox) -> None:
    share_card(sandbox, make_card(sandbox), "prod")
    sandbox.reset()
    ram = client(sandbox, "dev", "ram")
    assert ram.get_resource_shares(resourceOwner="SELF")["resourceShares"] == []
    assert (
        client(sandbox, "prod", "ram").list_resources(resourceOwner="OTHER-ACCOUNTS")["resources"]
        == []
    )


def test_deleted_card_leaves_pending_invitations(sandbox_factory: Any) -> None:
    """ListPendingInvitationResources no longer shows a card deleted after the invitation."""
    sb = sandbox_factory(organization=False)
    share_card(sb, make_card(sb), "prod")
    ram = client(sb, "prod", "ram")
    [invitation] = ram.get_resource_share_invitations()["resourceShareInvitations"]
    client(sb, "dev", "sagemaker").delete_model_card(ModelCardName="churn-model")
    pending = ram.list_pending_invitation_resources(
        resourceShareInvitationArn=invitation["resourceShareInvitationArn"]
    )
    assert pending["resources"] == []
