"""Every public entry point checks its arguments (issue 11, section 3).

Hypothesis feeds generated junk into one argument at a time of every public callable of
the accounts, domain and policy layers (the content layer has its own test in
``tests/content/test_misuse.py``), with every other argument valid, against a live
sandbox. The only exceptions allowed out are :class:`ModelCardShareError` subclasses;
a wrong *type* must also be a ``TypeError`` or ``ValueError``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import boto3
import pytest
from botocore.exceptions import BotoCoreError, ClientError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelcard_share import (
    AccountTopology,
    CardContent,
    Invitation,
    Lifecycle,
    ModelCard,
    ModelCardShareError,
    ModelPackageGroup,
    ModelSource,
    ReportSource,
    RetryPolicy,
    SessionFactory,
    TrainingJobSource,
    consumer_identity_policy,
    kms_key_policy_statement,
    shared_with_me,
    shares_with_me,
    sync_to_hub,
)
from modelcard_share.sandbox import Sandbox

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.binary(max_size=6),
    st.text(max_size=6),
    st.sampled_from(
        [
            "",
            "\n",
            "111111111111\n",
            "\u0661" * 12,
            "arn:aws:sagemaker:us-east-1:111111111111:model-card/x\n",
            "s3://",
            "read-only ",
            "moon-1",
            "x" * 300,
        ]
    ),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.builds(object),
    st.just(math.nan),
    st.just(-1.0),
)


@pytest.fixture(scope="module")
def world() -> Iterator[dict[str, Any]]:
    """A sandbox with a card shared with dev, and valid arguments for every callable."""
    with Sandbox(organization=True) as sb:
        retry = RetryPolicy.instant(sleep=lambda s: sb.clock.advance(seconds=s))
        owner = sb.session("shared-services")
        card = ModelCard.create("typed", content=CardContent(), session=owner, retry=retry)
        card.share_with(sb.account_id("dev"))
        topology = {
            "home": "shared-services",
            "region": sb.region,
            "role_name": sb.role_name,
            "accounts": {n: {"account_id": i} for n, i in sb.accounts.items()},
        }
        yield {
            "sb": sb,
            "retry": retry,
            "owner": owner,
            "dev": sb.session("dev"),
            "card": card,
            "topology": AccountTopology.from_mapping(topology),
            "topology_data": topology,
        }


def _calls(w: Mapping[str, Any]) -> dict[str, tuple[Callable[..., Any], dict[str, Any]]]:
    card: ModelCard = w["card"]
    sb: Sandbox = w["sb"]
    dev_id = sb.account_id("dev")
    role = f"arn:aws:iam::{dev_id}:role/reader"

    def listed(**kwargs: Any) -> Any:
        return list(ModelCard.list(**kwargs))

    def fill(source: Any, **kwargs: Any) -> Any:
        return card.fill_from(source, **kwargs)

    return {
        "ModelCard.create": (
            ModelCard.create,
            {"name": "typed-new", "session": w["owner"], "retry": w["retry"]},
        ),
        "ModelCard.load": (ModelCard.load, {"name_or_arn": card.arn, "session": w["owner"]}),
        "ModelCard.list": (listed, {"session": w["owner"], "status": "Draft"}),
        "ModelCard.share_with": (card.share_with, {"principal": dev_id}),
        "ModelCard.unshare": (card.unshare, {"principal": "444444444444"}),
        "ModelCard.update": (card.update, {"content": {}, "force": True}),
        "ModelCard.set_status": (card.set_status, {"status": "Draft", "force": True}),
        "ModelCard.export_pdf": (card.export_pdf, {"s3_uri": "s3://nowhere/x", "wait": False}),
        "ModelCard.diff": (card.diff, {"other_version": 1}),
        "ModelCard.at_version": (card.at_version, {"version": 1}),
        "ModelCard.fill_from": (
            fill,
            {"source": TrainingJobSource(name_or_arn="missing"), "dry_run": True},
        ),
        "Invitation.list_pending": (Invitation.list_pending, {"session": w["dev"]}),
        "shared_with_me": (shared_with_me, {"session": w["dev"]}),
        "shares_with_me": (shares_with_me, {"session": w["dev"]}),
        "consumer_identity_policy": (consumer_identity_policy, {"resource_arn": card.arn}),
        "kms_key_policy_statement": (
            kms_key_policy_statement,
            {"card_arn": card.arn, "consumer_role_arns": [role]},
        ),
        "AccountTopology.from_mapping": (
            AccountTopology.from_mapping,
            {"data": w["topology_data"]},
        ),
        "SessionFactory": (
            SessionFactory,
            {"topology": w["topology"], "base_session": w["sb"].base_session()},
        ),
        "RetryPolicy": (RetryPolicy, {"total_max_attempts": 3}),
        "Lifecycle": (Lifecycle, {"topology": w["topology"]}),
        "sync_to_hub": (sync_to_hub, {"spoke": card, "hub_session": w["dev"]}),
        "ModelPackageGroup.load": (ModelPackageGroup.load, {"name_or_arn": "nothing-here"}),
        "TrainingJobSource": (TrainingJobSource, {"name_or_arn": "job"}),
        "ModelSource": (ModelSource, {"name_or_arn": "model"}),
        "ReportSource": (ReportSource, {"report": {"metric_groups": []}}),
    }


ARGUMENT_NAMES = [
    ("ModelCard.create", "name"),
    ("ModelCard.create", "session"),
    ("ModelCard.create", "retry"),
    ("ModelCard.load", "name_or_arn"),
    ("ModelCard.load", "session"),
    ("ModelCard.list", "session"),
    ("ModelCard.list", "status"),
    ("ModelCard.share_with", "principal"),
    ("ModelCard.unshare", "principal"),
    ("ModelCard.update", "content"),
    ("ModelCard.update", "force"),
    ("ModelCard.set_status", "status"),
    ("ModelCard.set_status", "force"),
    ("ModelCard.export_pdf", "s3_uri"),
    ("ModelCard.export_pdf", "wait"),
    ("ModelCard.diff", "other_version"),
    ("ModelCard.at_version", "version"),
    ("ModelCard.fill_from", "source"),
    ("ModelCard.fill_from", "dry_run"),
    ("Invitation.list_pending", "session"),
    ("shared_with_me", "session"),
    ("shares_with_me", "session"),
    ("consumer_identity_policy", "resource_arn"),
    ("kms_key_policy_statement", "card_arn"),
    ("kms_key_policy_statement", "consumer_role_arns"),
    ("AccountTopology.from_mapping", "data"),
    ("SessionFactory", "topology"),
    ("SessionFactory", "base_session"),
    ("RetryPolicy", "total_max_attempts"),
    ("Lifecycle", "topology"),
    ("sync_to_hub", "spoke"),
    ("sync_to_hub", "hub_session"),
    ("ModelPackageGroup.load", "name_or_arn"),
    ("TrainingJobSource", "name_or_arn"),
    ("ModelSource", "name_or_arn"),
    ("ReportSource", "report"),
]
EXTRA_ARGUMENTS = [
    ("ModelCard.share_with", "access"),
    ("ModelCard.share_with", "allow_external"),
    ("ModelCard.share_with", "wait"),
    ("ModelCard.share_with", "timeout"),
    ("ModelCard.share_with", "progress"),
    ("ModelCard.unshare", "access"),
    ("ModelCard.export_pdf", "timeout"),
    ("ModelCard.export_pdf", "progress"),
    ("ModelCard.export_pdf", "job_name"),
    ("ModelCard.export_pdf", "version"),
    ("ModelCard.diff", "base"),
    ("ModelCard.create", "status"),
    ("ModelCard.create", "content"),
    ("ModelCard.create", "kms_key_id"),
    ("ModelCard.create", "tags"),
    ("ModelCard.create", "region"),
    ("ModelCard.load", "version"),
    ("ModelCard.load", "region"),
    ("ModelCard.fill_from", "overflow"),
    ("consumer_identity_policy", "access"),
    ("consumer_identity_policy", "export_location"),
    ("consumer_identity_policy", "kms_key_arn"),
    ("consumer_identity_policy", "accept_invitations"),
    ("SessionFactory", "retry"),
    ("SessionFactory", "endpoint_url"),
    ("SessionFactory", "clone_clients"),
    ("RetryPolicy", "mode"),
    ("RetryPolicy", "sleep"),
    ("RetryPolicy", "eventual_budget_seconds"),
    ("Lifecycle", "factory"),
    ("Lifecycle", "stages"),
    ("sync_to_hub", "name"),
    ("TrainingJobSource", "tuning_job"),
    ("TrainingJobSource", "account"),
    ("TrainingJobSource", "session"),
    ("ReportSource", "kind"),
    ("ReportSource", "datasets"),
    ("shared_with_me", "owner"),
    ("shared_with_me", "since"),
    ("shared_with_me", "resource_type"),
]


@pytest.mark.parametrize(("callable_name", "argument"), ARGUMENT_NAMES + EXTRA_ARGUMENTS)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(junk=JUNK)
def test_junk_in_any_argument_raises_only_typed_errors(
    world: dict[str, Any], callable_name: str, argument: str, junk: Any
) -> None:
    """One junk argument, the rest valid: the call returns or raises a ModelCardShareError."""
    function, kwargs = _calls(world)[callable_name]
    fits = _fits(callable_name, argument, junk)
    try:
        result = function(**{**kwargs, argument: junk})
        repr(result)
        assert fits, f"{callable_name} accepted {argument}={junk!r}, which its annotation refuses"
    except ModelCardShareError:
        pass  # typed: what callers catch
    except (ClientError, BotoCoreError) as err:  # pragma: no cover - the failure to report
        pytest.fail(f"{callable_name}({argument}={junk!r}) leaked botocore's {err!r}")
    except Exception as err:  # pragma: no cover - the failure to report
        pytest.fail(f"{callable_name}({argument}={junk!r}) raised {type(err).__name__}: {err}")


_TARGETS: dict[str, Callable[..., Any]] = {
    "ModelCard.create": ModelCard.create,
    "ModelCard.load": ModelCard.load,
    "ModelCard.list": ModelCard.list,
    "ModelCard.share_with": ModelCard.share_with,
    "ModelCard.unshare": ModelCard.unshare,
    "ModelCard.update": ModelCard.update,
    "ModelCard.set_status": ModelCard.set_status,
    "ModelCard.export_pdf": ModelCard.export_pdf,
    "ModelCard.diff": ModelCard.diff,
    "ModelCard.at_version": ModelCard.at_version,
    "ModelCard.fill_from": ModelCard.fill_from,
    "Invitation.list_pending": Invitation.list_pending,
    "shared_with_me": shared_with_me,
    "shares_with_me": shares_with_me,
    "consumer_identity_policy": consumer_identity_policy,
    "kms_key_policy_statement": kms_key_policy_statement,
    "AccountTopology.from_mapping": AccountTopology.from_mapping,
    "SessionFactory": SessionFactory.__init__,
    "RetryPolicy": RetryPolicy.__init__,
    "Lifecycle": Lifecycle.__init__,
    "sync_to_hub": sync_to_hub,
    "ModelPackageGroup.load": ModelPackageGroup.load,
    "TrainingJobSource": TrainingJobSource.__init__,
    "ModelSource": ModelSource.__init__,
    "ReportSource": ReportSource.__init__,
}


def _annotation(callable_name: str, argument: str) -> Any:
    """The argument's annotation, resolved (``None`` when it cannot be resolved)."""
    import typing

    import modelcard_share
    from modelcard_share.aws import AccountClients

    names = {**vars(modelcard_share), **vars(typing), "boto3": boto3}
    names.update(SessionLike=boto3.Session | AccountClients, AccountClients=AccountClients)
    try:
        hints = typing.get_type_hints(_TARGETS[callable_name], globalns=names, localns=names)
    except Exception:  # an unresolvable annotation makes the check lenient
        return None
    return hints.get(argument)


def _fits(callable_name: str, argument: str, value: Any) -> bool:
    """Whether ``value`` fits the argument's annotation (lenient where it cannot tell)."""
    import types
    import typing
    from collections import abc

    def fits(value: Any, hint: Any) -> bool:  # noqa: PLR0911 - one case per kind of hint
        if hint is None or hint is Any:
            return True
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            return any(fits(value, h) for h in typing.get_args(hint))
        if hint is type(None):
            return value is None
        if hint is float:
            return isinstance(value, (int, float)) and not isinstance(value, bool)
        if hint is int:
            return isinstance(value, int) and not isinstance(value, bool)
        if origin is typing.Literal:
            return value in typing.get_args(hint)
        target = origin or hint
        if getattr(target, "_is_protocol", False):  # RetryHook and friends: callables
            return callable(value)
        if target in (abc.Sequence, list, tuple):
            return isinstance(value, (list, tuple)) and not isinstance(value, str)
        if target in (abc.Mapping, dict):
            return isinstance(value, abc.Mapping)
        if target in (abc.Callable,):
            return callable(value)
        if isinstance(target, type):
            return isinstance(value, target)
        return True

    return fits(value, _annotation(callable_name, argument))


def test_every_argument_of_the_table_exists(world: dict[str, Any]) -> None:
    """The table names real parameters (a renamed one must not make the test vacuous)."""
    import inspect

    calls = _calls(world)
    for callable_name, argument in ARGUMENT_NAMES + EXTRA_ARGUMENTS:
        function, _ = calls[callable_name]
        target = function
        if callable_name == "ModelCard.list":
            target = ModelCard.list
        if callable_name == "ModelCard.fill_from":
            target = ModelCard.fill_from
            if argument == "source":
                continue
        parameters = inspect.signature(target).parameters
        assert argument in parameters, (callable_name, argument)


def test_missing_credentials_unreachable_endpoints_and_bad_parameters_are_typed() -> None:
    """No credentials, a dead endpoint, botocore's own validation: typed, with __cause__."""
    from botocore.config import Config
    from botocore.credentials import CredentialResolver

    from modelcard_share import (
        AccountClients,
        AwsConnectionError,
        AwsValidationError,
        NoSourceCredentialsError,
    )
    from modelcard_share.aws import new_botocore_session

    core = new_botocore_session()
    core.register_component("credential_provider", CredentialResolver([]))
    bare = boto3.Session(botocore_session=core, region_name="us-east-1")
    with pytest.raises(NoSourceCredentialsError) as missing:
        ModelCard.load("arn:aws:sagemaker:us-east-1:111111111111:model-card/x", session=bare)
    assert isinstance(missing.value.__cause__, BotoCoreError)

    keyed = boto3.Session(aws_access_key_id="a", aws_secret_access_key="b", region_name="us-east-1")
    quick = Config(connect_timeout=0.2, read_timeout=0.2, retries={"total_max_attempts": 1})

    def dead_endpoint(service: str, region: str, config: Config) -> Any:
        return keyed.client(  # type: ignore[call-overload]
            service,
            region_name=region,
            config=config.merge(quick),
            endpoint_url="http://127.0.0.1:9",
        )

    clients = AccountClients(dead_endpoint, region="us-east-1", account_id="111111111111")
    with pytest.raises(AwsConnectionError) as unreachable:
        ModelCard.load("arn:aws:sagemaker:us-east-1:111111111111:model-card/x", session=clients)
    assert isinstance(unreachable.value, ConnectionError)
    assert isinstance(unreachable.value.__cause__, BotoCoreError)
    from modelcard_share.domain._context import Context

    ctx = Context(clients, "us-east-1", RetryPolicy())
    with pytest.raises(AwsValidationError) as refused:
        ctx.call("sagemaker", "describe_model_card", ModelCardName="x", NoSuchParameter=1)
    assert isinstance(refused.value, ValueError)
