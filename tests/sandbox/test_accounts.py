"""Accounts, organization, sessions, clock, lifecycle and threads of the sandbox."""

from __future__ import annotations

import threading
from typing import Any

import boto3
import pytest

from modelcard_share.errors import SandboxError, TopologyError
from modelcard_share.sandbox import Organization, Sandbox

from ._helpers import client, make_card

ACCOUNTS = {"a": "111111111111", "b": "222222222222", "c": "333333333333"}


def test_each_session_acts_as_its_account(sandbox: Sandbox) -> None:
    for name, account_id in sandbox.accounts.items():
        identity = client(sandbox, name, "sts").get_caller_identity()
        assert identity["Account"] == account_id
        assert f":assumed-role/{sandbox.role_name}/" in identity["Arn"]


def test_session_region_defaults_and_overrides(sandbox: Sandbox) -> None:
    assert sandbox.session("dev").region_name == "us-east-1"
    assert sandbox.session("dev", region="eu-west-1").region_name == "eu-west-1"


def test_account_id_and_role_arn(sandbox: Sandbox) -> None:
    assert sandbox.account_id("dev") == "222222222222"
    assert sandbox.role_arn("prod") == "arn:aws:iam::444444444444:role/ModelCardShareRole"
    with pytest.raises(SandboxError, match="unknown account 'nope'"):
        sandbox.account_id("nope")


def test_sdk_role_exists_in_every_account(sandbox: Sandbox) -> None:
    for name in sandbox.accounts:
        role = client(sandbox, name, "iam").get_role(RoleName=sandbox.role_name)["Role"]
        assert role["Arn"] == sandbox.role_arn(name)


def test_base_session_is_home_account_and_can_assume_each_role(sandbox: Sandbox) -> None:
    base = sandbox.base_session()
    assert base.client("sts").get_caller_identity()["Account"] == "111111111111"
    creds = base.client("sts").assume_role(RoleArn=sandbox.role_arn("test"), RoleSessionName="xx")
    c = creds["Credentials"]
    session = boto3.Session(
        aws_access_key_id=c["AccessKeyId"],
        aws_secret_access_key=c["SecretAccessKey"],
        aws_session_token=c["SessionToken"],
        region_name="us-east-1",
    )
    assert session.client("sts").get_caller_identity()["Account"] == "333333333333"


def test_organization_is_created_in_management_account(sandbox: Sandbox) -> None:
    assert sandbox.organization_id is not None
    assert sandbox.organization_id.startswith("o-")
    assert sandbox.organization_arn == (
        f"arn:aws:organizations::111111111111:organization/{sandbox.organization_id}"
    )
    org = client(sandbox, "shared-services", "organizations").describe_organization()
    assert org["Organization"]["Id"] == sandbox.organization_id


def test_no_organization(sandbox_factory: Any) -> None:
    sb = sandbox_factory(accounts=ACCOUNTS, organization=False)
    assert sb.organization_arn is None
    assert sb.organization_id is None


def test_organizational_units(sandbox_factory: Any) -> None:
    sb = sandbox_factory(accounts=ACCOUNTS, organization=Organization(ous={"workloads": ["b"]}))
    assert sb.ou_arn("workloads").startswith("arn:aws:organizations::111111111111:ou/o-")
    with pytest.raises(SandboxError, match="unknown organizational unit"):
        sb.ou_arn("other")


@pytest.mark.parametrize(
    ("accounts", "organization", "match"),
    [
        ({}, True, "at least one account"),
        ({"a": "123"}, True, r"accounts\.a\.id: account id must be a string of 12 digits"),
        ({"a": "111111111111", "b": "111111111111"}, True, "also used by 'a'"),
        (ACCOUNTS, Organization(members=["a", "zz"]), "member 'zz' is not an account"),
        (ACCOUNTS, Organization(members=["a"], management="b"), "management account must be"),
        (ACCOUNTS, Organization(members=["a"], ous={"x": ["b"]}), "OU 'x' member"),
    ],
)
def test_topology_is_validated_before_start(
    accounts: dict[str, str], organization: Any, match: str
) -> None:
    with pytest.raises(TopologyError, match=match):
        Sandbox(accounts=accounts, organization=organization)


def test_start_stop_and_only_one_at_a_time() -> None:
    first = Sandbox(accounts=ACCOUNTS).start()
    try:
        with pytest.raises(SandboxError, match="already running"):
            first.start()
        with pytest.raises(SandboxError, match="another Sandbox is already running"):
            Sandbox(accounts=ACCOUNTS).start()
    finally:
        first.stop()
    with pytest.raises(SandboxError, match="not running"):
        first.session("a")
    second = Sandbox(accounts=ACCOUNTS).start()
    second.stop()


def test_reset_clears_cards_but_keeps_sessions(sandbox: Sandbox) -> None:
    make_card(sandbox)
    sandbox.reset()
    sm = client(sandbox, "dev", "sagemaker")
    assert sm.list_model_cards()["ModelCardSummaries"] == []
    assert client(sandbox, "dev", "sts").get_caller_identity()["Account"] == "222222222222"


def test_clock_only_moves_forward(sandbox: Sandbox) -> None:
    before = sandbox.clock.now()
    after = sandbox.clock.advance(hours=13)
    assert after - before >= sandbox.clock.offset
    with pytest.raises(ValueError, match="cannot go back"):
        sandbox.clock.advance(seconds=-1)


def test_threads_call_concurrently(sandbox: Sandbox) -> None:
    errors: list[BaseException] = []
    names = ["dev", "test", "prod", "shared-services"]
    sessions = {name: sandbox.session(name) for name in names}

    def work(name: str, index: int) -> None:
        try:
            sm = sessions[name].client("sagemaker")
            for n in range(3):
                sm.create_model_card(
                    ModelCardName=f"card-{index}-{n}", Content="{}", ModelCardStatus="Draft"
                )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n, i)) for i, n in enumerate(names * 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for name in names:
        cards = client(sandbox, name, "sagemaker").list_model_cards()["ModelCardSummaries"]
        assert len(cards) == 6


def test_clients_are_cached_per_account_service_region(sandbox: Sandbox) -> None:
    dev = sandbox.client("dev", "sagemaker")
    assert sandbox.client("dev", "sagemaker") is dev
    assert sandbox.client("prod", "sagemaker") is not dev
    eu = sandbox.client("dev", "sagemaker", region="eu-west-1")
    assert eu.meta.region_name == "eu-west-1"
    assert sandbox.client("dev", "sts").get_caller_identity()["Account"] == "222222222222"


def test_threads_share_and_read_concurrently(sandbox: Sandbox) -> None:
    owner = sandbox.client("dev", "sagemaker")
    arns = [
        owner.create_model_card(ModelCardName=f"t{n}", Content="{}", ModelCardStatus="Draft")[
            "ModelCardArn"
        ]
        for n in range(4)
    ]
    errors: list[BaseException] = []

    def share_and_read(arn: str, consumer: str) -> None:
        try:
            sandbox.client("dev", "ram").create_resource_share(
                name=arn.rsplit("/", 1)[1],
                resourceArns=[arn],
                principals=[sandbox.account_id(consumer)],
            )
            card = sandbox.client(consumer, "sagemaker").describe_model_card(ModelCardName=arn)
            assert card["ModelCardArn"] == arn
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=share_and_read, args=(arn, consumer))
        for arn, consumer in zip(arns, ["test", "prod", "test", "prod"], strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    shares = sandbox.client("dev", "ram").get_resource_shares(resourceOwner="SELF")
    assert len(shares["resourceShares"]) == 4


def test_topology_and_session_factory_describe_the_sandbox() -> None:
    """sandbox.topology() marks accounts outside the organization; its factory works."""
    from modelcard_share.sandbox import Organization

    accounts = {"home": "111111111111", "inside": "222222222222", "outside": "333333333333"}
    org = Organization(members=("home", "inside"))
    with Sandbox(accounts=accounts, organization=org) as sb:
        topology = sb.topology(access={"inside": "read-only"})
        assert topology.home.name == "home"
        assert {a.name: (a.external, a.access.value) for a in topology} == {
            "home": (False, "read-write"),
            "inside": (False, "read-only"),
            "outside": (True, "read-write"),
        }
        factory = sb.session_factory(topology)
        report = factory.verify()
        assert report.ok
        with pytest.raises(SandboxError, match="unknown account"):
            sb.topology(access={"nobody": "read-only"})
