"""Per-account clients cloned from one template client, each signing with its own credentials.

Making a botocore client the public way costs a botocore session per set of credentials
(about 4 ms of CPU, mostly registering botocore's built-in event handlers) and, for
SageMaker, about 5 ms more to build the client class of its ~430 operations and their
models. At a thousand accounts that is seconds of CPU under the GIL before the first
request, and about 1 MB of memory per account.

:class:`ClientTemplates` makes one *template* client per (service, region, config,
endpoint, process setting) from a private botocore session that has **no credentials**,
and gives each account a *clone* of it. A clone shares what does not depend on the
account -- the client class, service model, serializer, response parser, user-agent
builder and the HTTP connection pool -- and gets its own:

* event emitter: it holds the session's handlers, as botocore's copy for a new client
  does, but shares their trie nodes until it changes them (:class:`_SharedTrie` copies
  the path of an event before registering on it), so handlers registered on one
  account's client never reach another's;
* ``RequestSigner`` holding the account's (refreshing) credentials, registered on the
  clone's emitter by ``BaseClient.__init__`` itself;
* ``Endpoint`` (it emits ``before-send`` and ``needs-retry`` on the clone's emitter) and
  endpoint ruleset resolver (it emits ``before-endpoint-resolution`` and reads the account
  id of the clone's credentials);
* retry handler and quota (``standard`` / ``adaptive``), as botocore registers them.

A clone costs about 0.2 ms of CPU and 20 KiB (``python -m benchmarks fanout``). The template itself
can sign nothing: a request that reached its signer would fail with ``NoCredentialsError``
instead of going out under another account's name. Templates hold nothing of an account,
so one set serves every session factory of the process (:func:`shared_templates`).

This needs botocore internals (the constructors in :data:`CONSTRUCTORS`, the attributes
in :data:`TEMPLATE_ATTRIBUTES`, the emitter's handler trie). They are checked on first use
(:func:`botocore_support`); each template is also *probed*: a clone with probe credentials
sends one request that is stopped before the network, and the probe checks that the clone
signed it with its own key and emitted every event on its own emitter. When anything is
missing or the probe fails, :meth:`ClientTemplates.clone` returns ``None``, the caller uses
botocore's public path (a session per account), and the reason is logged once. The
contract tests in ``tests/aws/test_clone.py`` fail on a botocore upgrade that changes
these internals.
"""

from __future__ import annotations

import copy
import functools
import inspect
import logging
import os
import re
import threading
from collections.abc import Callable, Hashable, Iterator
from typing import Any, cast

import boto3
import botocore
import botocore.handlers
import botocore.hooks
import botocore.session
from botocore.client import BaseClient
from botocore.config import Config
from botocore.credentials import CredentialResolver, Credentials
from botocore.endpoint import Endpoint
from botocore.hooks import EventAliaser, HierarchicalEmitter
from botocore.regions import EndpointResolverBuiltins
from botocore.retries import adaptive, standard
from botocore.signers import RequestSigner

from modelcard_share.aws._models import new_botocore_session

__all__ = [
    "CONSTRUCTORS",
    "FAST_SERVICES",
    "MAX_TEMPLATES",
    "TEMPLATE_ATTRIBUTES",
    "ClientTemplates",
    "botocore_support",
    "shared_templates",
]

logger = logging.getLogger(__name__)

#: Services whose clients may be cloned: botocore's ``create_client`` registers nothing
#: on their clients beyond the signer, user agent and retry handlers a clone re-creates
#: (S3, S3 Control and endpoint discovery register handlers bound to the client).
FAST_SERVICES = frozenset({"sagemaker", "ram", "sts", "organizations"})

#: The botocore constructors a clone calls, with the parameters it passes (in order).
CONSTRUCTORS: dict[Callable[..., Any], tuple[str, ...]] = {
    BaseClient.__init__: (
        "serializer",
        "endpoint",
        "response_parser",
        "event_emitter",
        "request_signer",
        "service_model",
        "loader",
        "client_config",
        "partition",
        "exceptions_factory",
        "endpoint_ruleset_resolver",
        "user_agent_creator",
    ),
    RequestSigner.__init__: (
        "service_id",
        "region_name",
        "signing_name",
        "signature_version",
        "credentials",
        "event_emitter",
        "auth_token",
    ),
    Endpoint.__init__: (
        "host",
        "endpoint_prefix",
        "event_emitter",
        "response_parser_factory",
        "http_session",
    ),
}

#: Private attributes a clone reads: of the template client, its endpoint ruleset
#: resolver, its request signer and its endpoint.
TEMPLATE_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "client": (
        "_serializer",
        "_response_parser",
        "_loader",
        "_exceptions_factory",
        "_ruleset_resolver",
        "_user_agent_creator",
        "_request_signer",
        "_endpoint",
    ),
    "resolver": ("_event_emitter", "_builtins"),
    "signer": ("_auth_token", "region_name", "signing_name", "signature_version"),
    "endpoint": ("host", "http_session"),
}

#: The most templates :class:`ClientTemplates` keeps (each holds a client class and pool).
MAX_TEMPLATES = 64
#: Modes whose handlers :func:`_register_retries` re-creates (``legacy`` is never cloned).
_RETRY_MODES = ("standard", "adaptive")
_PROBE_KEY = "AKIDMODELCARDSHAREPROBE"
#: botocore's handler trie class (private; checked by :func:`botocore_support`).
_PREFIX_TRIE: Any = getattr(botocore.hooks, "_PrefixTrie", None)
#: Environment variables besides ``AWS_*`` that change how botocore builds a client.
_OTHER_SETTINGS = frozenset(
    {
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "NO_PROXY",
        "REQUESTS_CA_BUNDLE",
        "BOTOCORE_EXPERIMENTAL__PLUGINS",
    }
)
_UNKNOWN = object()
_SECRET_NAME = re.compile(r"KEY|SECRET|TOKEN|PASSWORD", re.IGNORECASE)
_LOGGED: set[str] = set()
_LOGGED_LOCK = threading.Lock()


def _log_once(reason: str) -> None:
    with _LOGGED_LOCK:
        if reason in _LOGGED:
            return
        _LOGGED.add(reason)
    logger.warning(
        "botocore %s: per-account clients are made the public way, a botocore session per "
        "account (about 10 ms of CPU and 1 MB each instead of 0.2 ms and 20 KiB), because %s",
        botocore.__version__,
        reason,
    )


class _SharedTrie:
    """botocore's handler trie over another trie's nodes, copying a path before changing it.

    A clone's emitter starts with every handler of the session (like botocore's copy of
    the session's emitter) but shares the nodes instead of copying ~200 of them: a
    registration or removal first copies the nodes on its event's path (root to leaf),
    so the shared nodes never change. Lookups, additions and removals are then botocore's
    own ``_PrefixTrie`` methods over the same structure, so handlers run in exactly
    botocore's order.
    """

    def __init__(self, root: dict[str, Any]) -> None:
        self._trie: Any = _PREFIX_TRIE()
        self._trie._root = root
        self._owned: dict[int, dict[str, Any]] = {}

    def _own(self, node: dict[str, Any]) -> dict[str, Any]:
        if id(node) in self._owned:
            return node
        values = node["values"]
        mine = {
            "chunk": node["chunk"],
            "children": dict(node["children"]),
            "values": None if values is None else copy.copy(values),
        }
        self._owned[id(mine)] = mine
        return mine

    def _own_path(self, key: str, *, create: bool) -> None:
        self._trie._root = current = self._own(self._trie._root)
        for part in key.split("."):
            child = current["children"].get(part)
            if child is None:
                if not create:
                    return
                child = {"chunk": part, "values": None, "children": {}}
            current["children"][part] = current = self._own(child)

    @property
    def _root(self) -> dict[str, Any]:
        """The root node, as on botocore's trie (moto's ``patch_client`` reads it)."""
        root: dict[str, Any] = self._trie._root
        return root

    def prefix_search(self, key: str) -> Any:
        """Return the handlers of ``key``, most specific first (botocore's lookup)."""
        return self._trie.prefix_search(key)

    def append_item(self, key: str, value: Any, section: int = 1) -> None:
        """Add a handler for ``key``, copying the shared nodes on its path first."""
        self._own_path(key, create=True)
        self._trie.append_item(key, value, section)

    def remove_item(self, key: str, value: Any) -> None:
        """Remove a handler of ``key``, copying the shared nodes on its path first."""
        self._own_path(key, create=False)
        self._trie.remove_item(key, value)

    def __copy__(self) -> Any:
        plain = _PREFIX_TRIE()
        plain._root = plain._recursive_copy(self._trie._root)
        return plain


def _frozen_copy(emitter: Any) -> Any:
    """Return a private structural copy of a session's emitter, for clones to share."""
    return copy.copy(emitter)


def _clone_emitter(frozen: Any) -> Any:
    """Return an emitter with every handler of ``frozen`` whose changes stay its own.

    The same as ``copy.copy(frozen)`` -- what botocore does for each new client --
    except that the handler trie's nodes are shared until changed (see
    :class:`_SharedTrie`), and so are the event aliases and the cache of aliased event
    names (a pure function of the two; botocore never changes the aliases). Nothing may
    change ``frozen``'s handlers afterwards.
    """
    inner: Any = HierarchicalEmitter()
    inner._handlers = _SharedTrie(frozen._emitter._handlers._root)
    inner._unique_id_handlers = copy.copy(frozen._emitter._unique_id_handlers)
    aliaser: Any = EventAliaser(inner, frozen._event_aliases)
    aliaser._alias_name_cache = frozen._alias_name_cache
    return aliaser


@functools.cache
def botocore_support() -> str | None:
    """Return why the installed botocore cannot be cloned from, or ``None`` when it can.

    Checks the constructor signatures in :data:`CONSTRUCTORS`, the retry registration
    functions, the emitter's structure (:class:`_SharedTrie` works on it) and the
    ruleset builtin a clone sets; the attributes of a template are checked when it is
    made (:func:`_missing_attributes`), and every template is probed.
    """
    for constructor, expected in CONSTRUCTORS.items():
        try:
            names = tuple(inspect.signature(constructor).parameters)[1:]  # drop self
        except (TypeError, ValueError):
            return f"the signature of {constructor.__qualname__} cannot be read"
        if names != expected:
            return f"{constructor.__qualname__} takes {names}, not {expected}"
    for module in (standard, adaptive):
        if not callable(getattr(module, "register_retry_handler", None)):
            return f"{module.__name__}.register_retry_handler is missing"
    emitter = new_botocore_session().get_component("event_emitter")
    return _emitter_support(emitter) or _resolver_support()


def _emitter_support(emitter: Any) -> str | None:
    """Return what a clone's emitter would miss in a session's emitter, or ``None``."""
    return next(_emitter_faults(emitter), None)


def _emitter_faults(emitter: Any) -> Iterator[str]:
    if type(emitter) is not EventAliaser:
        yield f"a session's emitter is a {type(emitter).__qualname__}"
    for name in ("_event_aliases", "_alias_name_cache"):
        if not isinstance(getattr(emitter, name, None), dict):
            yield f"EventAliaser has no dict {name}"
    inner: Any = getattr(emitter, "_emitter", None)
    if type(inner) is not HierarchicalEmitter:
        yield f"the aliased emitter is a {type(inner).__qualname__}"
    for name in ("_handlers", "_unique_id_handlers", "_lookup_cache"):
        if not hasattr(inner, name):
            yield f"HierarchicalEmitter has no attribute {name}"
    if _PREFIX_TRIE is None or type(inner._handlers) is not _PREFIX_TRIE:
        yield "botocore.hooks._PrefixTrie is not the emitter's handler trie"
    for name in ("prefix_search", "append_item", "remove_item", "_recursive_copy"):
        if not callable(getattr(_PREFIX_TRIE, name, None)):
            yield f"_PrefixTrie has no method {name}"
    root = getattr(inner._handlers, "_root", None)
    if not isinstance(root, dict) or set(root) != {"chunk", "children", "values"}:
        yield "the handler trie's nodes are not {chunk, children, values} dicts"


def _resolver_support() -> str | None:
    """Return what a clone's endpoint ruleset resolver would miss, or ``None``."""
    if getattr(EndpointResolverBuiltins, "ACCOUNT_ID", None) is None:
        return "EndpointResolverBuiltins.ACCOUNT_ID is missing"
    return None


def _missing_attributes(client: Any) -> str | None:
    """Return which private attribute of a template a clone would miss, or ``None``."""
    owners = {
        "client": client,
        "resolver": getattr(client, "_ruleset_resolver", None),
        "signer": getattr(client, "_request_signer", None),
        "endpoint": getattr(client, "_endpoint", None),
    }
    for owner, names in TEMPLATE_ATTRIBUTES.items():
        for name in names:
            if not hasattr(owners[owner], name):
                return f"the template {owner} has no attribute {name}"
    if type(client._endpoint) is not Endpoint:
        return f"the client's endpoint is a {type(client._endpoint).__qualname__}"
    return None


class _SharedPoolEndpoint(Endpoint):
    """A clone's endpoint: its own event emitter, the template's HTTP connection pool.

    Closing a clone leaves the shared pool open; :meth:`ClientTemplates.close` closes it.
    """

    def close(self) -> None:
        """Do nothing: the connection pool belongs to the template."""


class _NoNetwork:
    """The HTTP session of a probe clone: refuses to send anything."""

    def send(self, request: Any) -> Any:
        raise _ProbeError("the probe request reached the network layer")

    def close(self) -> None:
        """Nothing to close."""


class _ProbeError(Exception):
    """Stops the probe request; also raised when the probe finds a fault."""


class _Template:
    """One template client and what its clones share."""

    def __init__(self, client: Any, emitter: Any, parser_factory: Any) -> None:
        self.client = client
        self.emitter = emitter  # a frozen copy of the session's emitter; clones share it
        self.parser_factory = parser_factory
        retries = client.meta.config.retries or {}
        self.mode = retries.get("mode")
        self.max_attempts = retries.get("total_max_attempts")

    def clone(self, credentials: Credentials, *, http_session: Any = None) -> Any:
        """Return a client like the template that signs with ``credentials``."""
        template = self.client
        model = template.meta.service_model
        emitter = _clone_emitter(self.emitter)
        old_signer = template._request_signer
        signer = RequestSigner(
            model.service_id,
            old_signer.region_name,
            old_signer.signing_name,
            old_signer.signature_version,
            credentials,
            emitter,
            None,
        )
        endpoint = _SharedPoolEndpoint(
            template._endpoint.host,
            model.endpoint_prefix,
            emitter,
            self.parser_factory,
            template._endpoint.http_session if http_session is None else http_session,
        )
        resolver = copy.copy(template._ruleset_resolver)
        resolver._event_emitter = emitter
        resolver._builtins = {
            **resolver._builtins,
            EndpointResolverBuiltins.ACCOUNT_ID: credentials.get_deferred_property("account_id"),
        }
        client = type(template)(
            serializer=template._serializer,
            endpoint=endpoint,
            response_parser=template._response_parser,
            event_emitter=emitter,
            request_signer=signer,
            service_model=model,
            loader=template._loader,
            client_config=template.meta.config,
            partition=template.meta.partition,
            exceptions_factory=template._exceptions_factory,
            endpoint_ruleset_resolver=resolver,
            user_agent_creator=template._user_agent_creator,
        )
        self._register_retries(client)
        return client

    def _register_retries(self, client: Any) -> None:
        """Register the retry handlers botocore's ``ClientCreator`` would (own quota)."""
        kwargs = {} if self.max_attempts is None else {"max_attempts": self.max_attempts}
        standard.register_retry_handler(client, **kwargs)
        if self.mode == "adaptive":
            adaptive.register_retry_handler(client)


def _probe_operation(model: Any) -> str | None:
    """Return a read operation without required input, for the probe request."""
    for name in model.operation_names:
        if not name.startswith(("List", "Describe", "Get")):
            continue
        operation = model.operation_model(name)
        shape = operation.input_shape
        if operation.has_streaming_input or operation.has_event_stream_input:
            continue
        if shape is None or not shape.required_members:
            return str(name)
    return None


def _probe(template: _Template) -> str | None:
    """Send one request from a probe clone, stopped before the network; return a fault.

    The request must be signed with the probe's own key, and ``before-send``,
    ``before-endpoint-resolution`` and ``needs-retry`` must be emitted on the clone's
    own emitter, never on the template's.
    """
    model = template.client.meta.service_model
    operation = _probe_operation(model)
    if operation is None:
        return f"{model.service_name} has no operation to probe with"
    probe = template.clone(
        Credentials(_PROBE_KEY, "probe-secret"),
        http_session=_NoNetwork(),
    )
    seen: dict[str, Any] = {}

    def record(name: str) -> Callable[..., None]:
        def handler(**kwargs: Any) -> None:
            seen.setdefault(name, kwargs)

        return handler

    def stop(request: Any = None, **_: Any) -> None:
        seen["before-send"] = request
        raise _ProbeError("stopped")

    def on_template(**_: Any) -> None:
        seen["template"] = True

    probe.meta.events.register_first("before-send", stop)
    probe.meta.events.register("before-endpoint-resolution", record("resolution"))
    probe.meta.events.register("needs-retry", record("needs-retry"))
    template.client.meta.events.register_first("before-send", on_template)
    try:
        getattr(probe, botocore.xform_name(operation))()
    except _ProbeError as err:
        if str(err) != "stopped":
            return str(err)
    except Exception as err:  # any other failure means: do not clone
        return f"the probe request failed with {type(err).__name__}: {err}"
    finally:
        template.client.meta.events.unregister("before-send", on_template)
    return next(_probe_faults(seen), None)


def _probe_faults(seen: dict[str, Any]) -> Iterator[str]:
    """Yield what the events a probe request emitted say is wrong with the clone."""
    request = seen.get("before-send")
    if request is None:
        yield "the probe request did not reach the clone's before-send handlers"
        return
    authorization = str(request.headers.get("Authorization", b""), "ascii", "replace")
    if f"Credential={_PROBE_KEY}/" not in authorization:
        yield "the probe request was not signed with the clone's credentials"
    for event in ("resolution", "needs-retry"):
        if event not in seen:
            yield f"the clone did not emit {event} on its own emitter"
    if "template" in seen:
        yield "the probe request was emitted on the template's emitter"


def _ineligible(core: botocore.session.Session, service: str, client: Any) -> str | None:
    """Return why clients of this template must not be cloned, or ``None``."""
    return next(_reasons_not_to_clone(core, service, client), None)


def _reasons_not_to_clone(
    core: botocore.session.Session, service: str, client: Any
) -> Iterator[str]:
    if service not in FAST_SERVICES:
        yield f"{service} is not one of {sorted(FAST_SERVICES)}"
    missing = _missing_attributes(client)
    if missing is not None:
        yield missing
        return
    if client._request_signer._auth_token is not None:
        yield f"{service} clients sign with a bearer token"
    mode = (client.meta.config.retries or {}).get("mode")
    if mode not in _RETRY_MODES:
        yield f"retry mode {mode!r} is not one of {_RETRY_MODES}"
    if core.get_config_variable("csm_enabled"):
        yield "client-side monitoring (CSM) is enabled"
    if os.environ.get("BOTOCORE_EXPERIMENTAL__PLUGINS"):
        yield "botocore plugins are configured"
    if client.meta.service_model.endpoint_discovery_operation is not None:
        yield f"{service} uses endpoint discovery"


class ClientTemplates:
    """Client templates, one per (service, region, config, endpoint), cloned per account.

    A template holds no credentials and nothing of an account, so one set serves every
    :class:`~modelcard_share.aws.SessionFactory` of the process (see
    :func:`shared_templates`). Thread-safe: templates are made under a lock; clones
    are made without it (a template is only read). At most :data:`MAX_TEMPLATES` are
    kept; the oldest is dropped first (its clones keep working).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sessions: dict[Hashable, tuple[botocore.session.Session, boto3.Session]] = {}
        self._templates: dict[Hashable, _Template | None] = {}

    def _template_session(
        self, setting: Hashable
    ) -> tuple[botocore.session.Session, boto3.Session]:
        """Return the template session for the process setting ``setting`` (under the lock)."""
        found = self._sessions.get(setting)
        if found is None:
            core = new_botocore_session()
            # No credentials: a request signed by a template fails instead of going out.
            core.register_component("credential_provider", CredentialResolver([]))
            found = self._sessions[setting] = (core, boto3.Session(botocore_session=core))
        return found

    def _template(
        self,
        key: Hashable,
        *,
        service: str,
        region: str,
        config: Config,
        endpoint_url: str | None,
        setting: Hashable,
    ) -> _Template | None:
        found = self._templates.get(key, _UNKNOWN)  # one lookup: another thread may evict
        if found is not _UNKNOWN:
            return cast("_Template | None", found)
        with self._lock:
            if key in self._templates:
                return self._templates[key]
            made: _Template | None = None
            reason = botocore_support()
            if reason is None:
                core, session = self._template_session(setting)
                client = session.client(
                    service,  # type: ignore[call-overload]
                    region_name=region,
                    config=config,
                    endpoint_url=endpoint_url,
                )
                reason = _ineligible(core, service, client)
                if reason is None:
                    made = _Template(
                        client,
                        _frozen_copy(core.get_component("event_emitter")),
                        core.get_component("response_parser_factory"),
                    )
                    reason = _probe(made)
                    if reason is not None:
                        made = None
                if made is None:
                    client.close()
            if reason is not None and service in FAST_SERVICES:
                _log_once(reason)
            while len(self._templates) >= MAX_TEMPLATES:
                del self._templates[next(iter(self._templates))]
            if len(self._sessions) > MAX_TEMPLATES:
                self._sessions.clear()
            self._templates[key] = made
            return made

    def clone(
        self,
        service: str,
        region: str,
        config: Config,
        credentials: Credentials,
        *,
        key: Hashable,
        endpoint_url: str | None = None,
    ) -> Any | None:
        """Return a new client of ``service`` that signs with ``credentials``, or ``None``.

        ``None`` means this service, configuration or botocore cannot be cloned: make the
        client the public way.

        Args:
            service: The boto3 service name.
            region: The region.
            config: The complete client configuration.
            credentials: The account's credentials (refreshing ones refresh as usual).
            key: Identifies ``config`` by value (see ``config_key``).
            endpoint_url: The endpoint (``None``: AWS's).
        """
        setting = process_setting()
        template = self._template(
            (service, region, key, endpoint_url, setting),
            service=service,
            region=region,
            config=config,
            endpoint_url=endpoint_url,
            setting=setting,
        )
        if template is None:
            return None
        return template.clone(credentials)

    def close(self) -> None:
        """Close the templates and their connection pools (new ones are made on demand)."""
        with self._lock:
            templates, self._templates = list(self._templates.values()), {}
        for template in templates:
            if template is not None:
                template.client.close()


def process_setting() -> Hashable:
    """Return what, besides its arguments, makes botocore build a client differently.

    That is the environment (``AWS_*`` settings such as ``AWS_ENDPOINT_URL_SAGEMAKER``,
    proxies, CA bundles; never credentials, which templates do not hold) and the number
    of botocore's builtin handlers (moto adds one when imported). A template and its
    session are made for one setting and reused only while it holds.
    """
    environment = tuple(
        sorted(
            (name, value)
            for name, value in os.environ.items()
            if (name.startswith("AWS_") or name.upper() in _OTHER_SETTINGS)
            and not _SECRET_NAME.search(name)
        )
    )
    return len(botocore.handlers.BUILTIN_HANDLERS), environment


_SHARED: list[ClientTemplates] = []
_SHARED_LOCK = threading.Lock()


def shared_templates() -> ClientTemplates:
    """Return the process-wide :class:`ClientTemplates`, creating it on first use."""
    with _SHARED_LOCK:
        if not _SHARED:
            _SHARED.append(ClientTemplates())
        return _SHARED[0]
