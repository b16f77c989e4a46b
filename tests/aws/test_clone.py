"""Contract tests of the botocore internals that per-account client clones rely on.

A clone (``aws/_clone.py``) reads private attributes of a template client and calls
botocore constructors directly. If a botocore upgrade changes any of that, these tests
fail and name what changed; the SDK itself then falls back to a botocore session per
account (also tested here) until ``_clone.py`` is updated.
"""

from __future__ import annotations

import copy
import inspect
import logging
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import botocore
import pytest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.endpoint import Endpoint
from botocore.utils import EVENT_ALIASES

from modelcard_share.aws import AccountTopology, RetryPolicy, SessionFactory, _clone
from modelcard_share.aws._clients import config_key
from modelcard_share.aws._clone import (
    CONSTRUCTORS,
    FAST_SERVICES,
    ClientTemplates,
    botocore_support,
)

REGION = "us-east-1"
STANDARD = RetryPolicy.instant().botocore_config()
ADAPTIVE = RetryPolicy(mode="adaptive").botocore_config()


def _creds(key: str) -> Credentials:
    return Credentials(key, f"secret-{key}", f"token-{key}")


def _clone_of(templates: ClientTemplates, service: str, key: str, config: Config = STANDARD) -> Any:
    client = templates.clone(service, REGION, config, _creds(key), key=config_key(config))
    assert client is not None, f"{service} could not be cloned"
    return client


def _template(templates: ClientTemplates, service: str, config: Config = STANDARD) -> Any:
    found = templates._templates[
        (service, REGION, config_key(config), None, _clone.process_setting())
    ]
    assert found is not None
    return found.client


def _handler_name(handler: Any) -> str:
    func = getattr(handler, "__func__", handler)
    name = getattr(func, "__qualname__", None) or type(func).__qualname__
    return f"{getattr(func, '__module__', '?')}.{name}"


def _handlers(emitter: Any) -> Iterator[tuple[str, str, Any]]:
    """Yield (event, position, handler) for every handler of a botocore event emitter."""
    stack: list[tuple[dict[str, Any], tuple[str, ...]]] = [(emitter._emitter._handlers._root, ())]
    while stack:
        node, path = stack.pop()
        values = node.get("values")
        if values is not None:
            for position in ("first", "middle", "last"):
                for handler in getattr(values, position):
                    yield ".".join(path), position, handler
        for chunk, child in node.get("children", {}).items():
            stack.append((child, (*path, chunk)))


def _shape(client: Any) -> Counter[tuple[str, str, str]]:
    return Counter(
        (event, pos, _handler_name(h)) for event, pos, h in _handlers(client.meta.events)
    )


def _bound_objects(emitter: Any) -> dict[int, Any]:
    return {id(h.__self__): h.__self__ for _, _, h in _handlers(emitter) if hasattr(h, "__self__")}


@pytest.fixture
def templates() -> Iterator[ClientTemplates]:
    made = ClientTemplates()
    yield made
    made.close()


def test_installed_botocore_supports_clones() -> None:
    """The constructors and functions clones call exist with the parameters they pass."""
    assert botocore_support() is None, f"botocore {botocore.__version__}: {botocore_support()}"
    for constructor, expected in CONSTRUCTORS.items():
        assert tuple(inspect.signature(constructor).parameters)[1:] == expected


@pytest.mark.parametrize("service", sorted(FAST_SERVICES))
def test_every_fast_service_passes_the_attribute_check_and_the_probe(
    templates: ClientTemplates, service: str
) -> None:
    """A template of each service has the private attributes a clone reads, and its probe passes."""
    _clone_of(templates, service, "AKIDONE")
    template = _template(templates, service)
    assert _clone._missing_attributes(template) is None
    assert template.meta.service_model.endpoint_discovery_operation is None


@pytest.mark.parametrize("config", [STANDARD, ADAPTIVE], ids=["standard", "adaptive"])
@pytest.mark.parametrize("service", sorted(FAST_SERVICES))
def test_a_clone_has_exactly_the_handlers_botocore_gives_a_new_client(
    templates: ClientTemplates, service: str, config: Config
) -> None:
    """Same events, positions and handler functions as ``create_client`` with the same session."""
    clone = _clone_of(templates, service, "AKIDCLONE", config)
    _, session = templates._template_session(_clone.process_setting())
    public = session.client(
        service,  # type: ignore[call-overload]
        region_name=REGION,
        config=config,
        aws_access_key_id="AKIDPUBLIC",
        aws_secret_access_key="secret",
    )
    assert _shape(clone) == _shape(public)


@pytest.mark.parametrize("service", sorted(FAST_SERVICES))
def test_a_clone_shares_no_handler_object_of_the_template_but_the_user_agent(
    templates: ClientTemplates, service: str
) -> None:
    """Signer, retry handler and quota of the template never serve a clone."""
    clone = _clone_of(templates, service, "AKIDCLONE")
    template = _template(templates, service)
    core, _ = templates._template_session(_clone.process_setting())
    session_level = _bound_objects(core.get_component("event_emitter"))
    template_level = {
        k: v for k, v in _bound_objects(template.meta.events).items() if k not in session_level
    }
    shared = set(_bound_objects(clone.meta.events)) & set(template_level)
    assert {type(template_level[k]).__name__ for k in shared} == {"UserAgentString"}
    assert shared == {id(template._user_agent_creator)}


def test_a_clone_signs_with_its_own_credentials_through_its_own_parts(
    templates: ClientTemplates,
) -> None:
    """Signer, emitter, endpoint and resolver are the clone's; the template holds no credentials."""
    one = _clone_of(templates, "sagemaker", "AKIDONE")
    two = _clone_of(templates, "sagemaker", "AKIDTWO")
    template = _template(templates, "sagemaker")
    assert template._request_signer._credentials is None
    assert one._request_signer._credentials.access_key == "AKIDONE"
    assert two._request_signer._credentials.access_key == "AKIDTWO"
    for clone in (one, two):
        assert clone._endpoint._event_emitter is clone.meta.events
        assert clone._request_signer._event_emitter == clone.meta.events  # a weak proxy
        assert clone._ruleset_resolver._event_emitter is clone.meta.events
        assert clone._ruleset_resolver._builtins["AWS::Auth::AccountId"]() is None
        assert clone._endpoint.http_session is template._endpoint.http_session
        assert type(clone) is type(template)
        assert clone.meta.service_model is template.meta.service_model
    assert one.meta.events is not two.meta.events
    handlers = [h for e, _, h in _handlers(one.meta.events) if e == "request-created.sagemaker"]
    assert one._request_signer.handler in handlers
    assert template._request_signer.handler not in handlers
    assert two._request_signer.handler not in handlers


def test_the_resolver_reads_the_account_id_of_the_clones_credentials(
    templates: ClientTemplates,
) -> None:
    """The ruleset's AWS::Auth::AccountId builtin comes from the clone's own credentials."""
    creds = Credentials("AKIDACCOUNT", "secret", account_id="222222222222")
    clone = templates.clone("ram", REGION, STANDARD, creds, key=config_key(STANDARD))
    assert clone is not None
    assert clone._ruleset_resolver._builtins["AWS::Auth::AccountId"]() == "222222222222"


def test_handlers_registered_on_one_clone_never_reach_another(templates: ClientTemplates) -> None:
    """Each clone copies the session's emitter; registering on one leaves the others alone."""
    one = _clone_of(templates, "sts", "AKIDONE")
    two = _clone_of(templates, "sts", "AKIDTWO")
    seen: list[str] = []

    def stop(request: Any, **_: Any) -> None:
        seen.append(request.headers["Authorization"].decode())
        raise _StopError

    one.meta.events.register_first("before-send", stop)
    with pytest.raises(_StopError):
        one.get_caller_identity()
    assert len(seen) == 1
    assert "Credential=AKIDONE/" in seen[0]
    two.meta.events.register_first("before-send", stop)
    with pytest.raises(_StopError):
        two.get_caller_identity()
    assert len(seen) == 2
    assert "Credential=AKIDTWO/" in seen[1]


class _StopError(Exception):
    """Ends a request in a before-send handler, before the network."""


def test_closing_a_clone_keeps_the_shared_pool_closing_templates_drops_them(
    templates: ClientTemplates,
) -> None:
    """A clone's close() leaves the template's pool; ClientTemplates.close() forgets templates."""
    clone = _clone_of(templates, "ram", "AKIDONE")
    template = _template(templates, "ram")
    clone.close()
    assert (
        templates._templates[("ram", REGION, config_key(STANDARD), None, _clone.process_setting())]
        is not None
    )
    templates.close()
    assert templates._templates == {}
    assert _clone_of(templates, "ram", "AKIDTWO") is not None
    assert _template(templates, "ram") is not template


def test_services_outside_the_fast_list_are_made_the_public_way(
    templates: ClientTemplates, caplog: pytest.LogCaptureFixture
) -> None:
    """S3 registers handlers bound to its client: no clone, and nothing to warn about."""
    assert templates.clone("s3", REGION, STANDARD, _creds("AKID"), key=config_key(STANDARD)) is None
    assert "per-account clients are made the public way" not in caplog.text


def test_a_legacy_retry_config_is_not_cloned(templates: ClientTemplates) -> None:
    """Only standard and adaptive retry handlers are re-created on a clone."""
    legacy = Config(retries={"mode": "legacy"})
    assert templates.clone("sts", REGION, legacy, _creds("AKID"), key=config_key(legacy)) is None


# ---------------------------------------------------------------- fallback


@pytest.fixture
def fresh_log(monkeypatch: pytest.MonkeyPatch) -> None:
    """No reason logged yet, and no shared template made yet in this process."""
    monkeypatch.setattr(_clone, "_LOGGED", set())
    monkeypatch.setattr(_clone, "_SHARED", [])


def _factory(topology: AccountTopology, base: boto3.Session) -> SessionFactory:
    return SessionFactory(topology, base, RetryPolicy.instant())


@pytest.mark.usefixtures("moto", "fresh_log")
def test_an_unsupported_botocore_falls_back_to_a_session_per_account_and_logs_once(
    topology: AccountTopology,
    base_session: boto3.Session,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Without the internals, every account still gets working clients in its own account."""
    monkeypatch.setattr(_clone, "botocore_support", lambda: "BaseClient.__init__ changed")
    factory = _factory(topology, base_session)
    for name in ("dev", "test", "prod"):
        client: Any = factory.client(name, "sts")
        assert type(client._endpoint) is Endpoint  # made by botocore, not cloned
        assert client.get_caller_identity()["Account"] == factory.topology[name].account_id
    warnings = [r for r in caplog.records if r.name == _clone.__name__]
    assert len(warnings) == 1
    assert "BaseClient.__init__ changed" in warnings[0].getMessage()
    assert warnings[0].levelno == logging.WARNING


@pytest.mark.usefixtures("moto", "fresh_log")
def test_a_failing_probe_falls_back_for_that_template(
    topology: AccountTopology,
    base_session: boto3.Session,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A probe that finds a fault keeps the service on the public path and says why."""
    monkeypatch.setattr(_clone, "_probe", lambda template: "the probe was signed by someone else")
    factory = _factory(topology, base_session)
    client: Any = factory.client("dev", "sts")
    assert type(client._endpoint) is Endpoint
    assert client.get_caller_identity()["Account"] == "222222222222"
    assert "the probe was signed by someone else" in caplog.text


def _signs_with_the_template(template: Any, client: Any) -> None:
    service = template.client.meta.service_model.service_id.hyphenize()
    client.meta.events.unregister(f"request-created.{service}", client._request_signer.handler)
    client.meta.events.register(
        f"request-created.{service}", template.client._request_signer.handler
    )


def _sends_through_the_templates_emitter(template: Any, client: Any) -> None:
    client._endpoint._event_emitter = template.client.meta.events


def _resolves_on_the_templates_emitter(template: Any, client: Any) -> None:
    client._ruleset_resolver._event_emitter = template.client.meta.events


@pytest.mark.parametrize(
    "miswire",
    [
        _signs_with_the_template,
        _sends_through_the_templates_emitter,
        _resolves_on_the_templates_emitter,
    ],
)
@pytest.mark.parametrize("service", ["sts", "ram"])
def test_the_probe_catches_a_miswired_clone(
    templates: ClientTemplates,
    monkeypatch: pytest.MonkeyPatch,
    service: str,
    miswire: Callable[[Any, Any], None],
) -> None:
    """A clone that signs, sends or resolves through the template's parts fails the probe."""
    _clone_of(templates, service, "AKID")
    made = templates._templates[
        (service, REGION, config_key(STANDARD), None, _clone.process_setting())
    ]
    assert made is not None
    real = _clone._Template.clone

    def miswired(self: Any, credentials: Credentials, **kwargs: Any) -> Any:
        client = real(self, credentials, **kwargs)
        miswire(self, client)
        return client

    monkeypatch.setattr(_clone._Template, "clone", miswired)
    assert _clone._probe(made) is not None


# ---------------------------------------------------------------- the shared emitter


def _event_names(emitter: Any) -> list[str]:
    """Every event path of an emitter, wildcards filled in, plus operation-level names."""
    names = {event.replace("*", "any") for event, _, _ in _handlers(emitter) if event}
    for service, operation in (
        ("sagemaker", "ListModelCards"),
        ("ram", "GetResourceShares"),
        ("sts", "GetCallerIdentity"),
        ("s3", "PutObject"),
    ):
        for event in ("before-send", "needs-retry", "request-created", "before-call"):
            names.add(f"{event}.{service}.{operation}")
    return sorted(names)


def _same_lookups(ours: Any, botocores: Any, names: list[str]) -> None:
    aliased = [*names, *(f"before-call.{old}.Op" for old in list(EVENT_ALIASES)[:20])]
    for name in aliased:
        assert ours._alias_event_name(name) == botocores._alias_event_name(name), name
    for name in names:
        assert list(ours._emitter._handlers.prefix_search(name)) == list(
            botocores._emitter._handlers.prefix_search(name)
        ), name


def _on_send(**_: Any) -> None:
    """A handler to register."""


def _on_retry(**_: Any) -> None:
    """Another handler to register."""


def test_a_shared_emitter_looks_up_exactly_like_botocores_copy(templates: ClientTemplates) -> None:
    """Same handlers in the same order for every event, before and after the same changes."""
    core, _ = templates._template_session(_clone.process_setting())
    frozen = _clone._frozen_copy(core.get_component("event_emitter"))
    ours = _clone._clone_emitter(frozen)
    botocores = copy.copy(frozen)
    names = _event_names(frozen)
    _same_lookups(ours, botocores, names)
    some_builtin = next(h for e, _, h in _handlers(frozen) if e == "before-call.s3")
    for emitter in (ours, botocores):
        emitter.register("before-send", _on_send)
        emitter.register_first("needs-retry.sagemaker", _on_retry, unique_id="retry-id")
        emitter.register_last("request-created.sagemaker.ListModelCards", _on_send)
        emitter.unregister("before-call.s3", some_builtin)
    _same_lookups(ours, botocores, names)


def test_changes_to_a_shared_emitter_stay_its_own(templates: ClientTemplates) -> None:
    """Registering or removing on one clone's emitter changes neither the base nor another."""
    core, _ = templates._template_session(_clone.process_setting())
    frozen = _clone._frozen_copy(core.get_component("event_emitter"))
    before = Counter((e, p, id(h)) for e, p, h in _handlers(frozen))
    one, two = _clone._clone_emitter(frozen), _clone._clone_emitter(frozen)
    builtin = next(h for e, _, h in _handlers(frozen) if e == "before-call.s3")
    one.register("before-send.sagemaker", _on_send)
    one.register("brand-new-event.sagemaker.Op", _on_send)
    one.unregister("before-call.s3", builtin)
    assert Counter((e, p, id(h)) for e, p, h in _handlers(frozen)) == before
    assert Counter((e, p, id(h)) for e, p, h in _handlers(two)) == before
    assert _on_send in one._emitter._handlers.prefix_search("before-send.sagemaker.X")
    assert builtin not in one._emitter._handlers.prefix_search("before-call.s3.PutObject")
    assert builtin in two._emitter._handlers.prefix_search("before-call.s3.PutObject")
    assert _on_send not in two._emitter._handlers.prefix_search("before-send.sagemaker.X")


def test_copying_a_shared_emitter_gives_an_independent_plain_one(
    templates: ClientTemplates,
) -> None:
    """copy.copy of a clone's emitter (as botocore does) is a full botocore trie of its own."""
    core, _ = templates._template_session(_clone.process_setting())
    frozen = _clone._frozen_copy(core.get_component("event_emitter"))
    ours = _clone._clone_emitter(frozen)
    ours.register("before-send", _on_send)
    copied = copy.copy(ours)
    assert type(copied._emitter._handlers) is _clone._PREFIX_TRIE
    _same_lookups(copied, ours, _event_names(frozen))
    copied.register("before-send", _on_retry)
    assert _on_retry not in ours._emitter._handlers.prefix_search("before-send.x.y")
