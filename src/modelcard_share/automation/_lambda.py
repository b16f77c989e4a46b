"""The Lambda entry point: ``modelcard_share.automation.lambda_handler``.

The function runs in the topology's home account. It reads the topology file whose path
is in ``MODELCARD_SHARE_TOPOLOGY`` (relative paths are read from the function's code
directory), acts as the home account with the function's own credentials (whatever
role the file names for it), and keeps its handler between warm invocations.

What it is invoked with decides what it does:

- a SageMaker event (or a list of them): handle each (:class:`EventHandler`);
- ``{"action": "reconcile"}`` (the template's schedule; optionally with ``name_prefix``,
  ``tags``, ``max_workers`` and ``dry_run``) or an EventBridge ``Scheduled Event``:
  reconcile every card of the home account.

On a cold start it sets the ``modelcard_share`` loggers to INFO (unless configured), so
that the handler's JSON lines reach CloudWatch Logs.

It returns a JSON-ready report. Bad events are reported as skipped and never fail the
invocation; policy refusals are reported too. If any card met an AWS error after the
retry policy's retries, it raises :class:`InvocationFailedError` after handling
everything else, so that Lambda retries the event (twice, then the template's
failure queue); handling is idempotent, so a retry redoes only what is missing.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import boto3

from modelcard_share.aws import AccountTopology, RetryPolicy, SessionFactory
from modelcard_share.domain import Lifecycle
from modelcard_share.errors import ArgumentTypeError, ConfigurationError, TopologyError

from . import _constants as const
from ._errors import InvocationFailedError
from ._handler import EventHandler

__all__ = ["LambdaFunction", "function_topology", "lambda_handler", "topology_path"]

logger = logging.getLogger(__name__)


def function_topology(topology: AccountTopology) -> AccountTopology:
    """Return the topology with its home account acting with the current credentials.

    The function runs in the home account, so it never assumes a role there. Other
    accounts keep their entries (the function never calls them; it needs their ids,
    stages and access levels only).

    Raises:
        ArgumentTypeError: ``topology`` is not an :class:`AccountTopology`.
        TopologyError: Another account also uses the current credentials
            (``assume_role = false``).
    """
    if not isinstance(topology, AccountTopology):
        raise ArgumentTypeError(
            f"topology must be an AccountTopology, got {type(topology).__name__}"
        )
    home = topology.home.name
    accounts = [attrs.evolve(a, role_arn=None) if a.name == home else a for a in topology.accounts]
    try:
        return AccountTopology(accounts=accounts, home_name=home, extra=topology.extra)
    except TopologyError as err:
        raise TopologyError(
            f"the function acts as the home account {home!r} with its own credentials, so "
            f"no other account may set assume_role = false ({err})",
            field="assume_role",
        ) from err


class LambdaFunction:
    """The deployed function: a handler over the topology, and the routing of invocations.

    Args:
        handler: The event handler (its lifecycle's factory makes the home account's
            clients).
    """

    def __init__(self, handler: EventHandler) -> None:
        if not isinstance(handler, EventHandler):
            raise ArgumentTypeError(
                f"handler must be an EventHandler, got {type(handler).__name__}"
            )
        self.handler = handler

    @classmethod
    def from_environment(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        base_session: boto3.Session | None = None,
        retry: RetryPolicy | None = None,
    ) -> LambdaFunction:
        """Build the function from its environment variables.

        Args:
            environ: The environment (default: ``os.environ``).
            base_session: The function's own credentials (default: ``boto3.Session()``,
                which reads the execution role's credentials Lambda puts in the
                environment).
            retry: The retry policy of every call (default: :class:`RetryPolicy`'s).

        Raises:
            ConfigurationError: ``MODELCARD_SHARE_TOPOLOGY`` is not set.
            TopologyError: The topology file is missing or invalid.
        """
        env = os.environ if environ is None else environ
        if not isinstance(env, Mapping):
            raise ArgumentTypeError(
                f"environ must be a mapping of str to str, got {type(env).__name__}"
            )
        path = topology_path(env)
        topology = function_topology(AccountTopology.from_toml(path))
        session = base_session if base_session is not None else boto3.Session()
        factory = SessionFactory(topology, base_session=session, retry=retry)
        logger.info("loaded topology %s (home %s)", path, topology.home.account_id)
        return cls(EventHandler(Lifecycle(topology, factory)))

    def invoke(self, event: object) -> dict[str, Any]:
        """Handle one invocation's input and return its JSON-ready report.

        Raises:
            InvocationFailedError: Some card met an AWS error after retries (everything
                else was handled); the error carries the report.
            ConfigurationError: A reconcile input with unknown or bad parameters.
            AwsError: Listing the cards for a reconcile failed after retries.
        """
        params = _reconcile_params(event)
        if params is not None:
            reconciled = self.handler.reconcile(**params)
            data: dict[str, Any] = {"kind": "reconcile", **reconciled.to_dict()}
            failed = len(reconciled.failed)
        else:
            events = list(event) if isinstance(event, (list, tuple)) else [event]
            handled = self.handler.handle_all(events)
            data = {"kind": "events", **handled.to_dict()}
            failed = len(handled.failed)
        if failed:
            raise InvocationFailedError(
                f"{failed} card(s) met an AWS error after retries; the event is retried",
                report=data,
            )
        return data


def topology_path(environ: Mapping[str, str]) -> Path:
    """Return the topology file's path from the environment.

    Raises:
        ConfigurationError: ``MODELCARD_SHARE_TOPOLOGY`` is not set.
    """
    value = environ.get(const.TOPOLOGY_ENV)
    if not isinstance(value, str) or not value:
        raise ConfigurationError(
            f"set {const.TOPOLOGY_ENV} to the path of the topology TOML file deployed "
            "with the function"
        )
    path = Path(value)
    root = environ.get(const.LAMBDA_TASK_ROOT_ENV)
    if path.is_absolute() or not isinstance(root, str) or not root:
        return path
    return Path(root) / path


def _reconcile_params(event: object) -> dict[str, Any] | None:
    """The reconcile parameters of a schedule's input, or ``None`` for anything else."""
    if not isinstance(event, Mapping):
        return None
    if (
        event.get("source") == const.SCHEDULED_SOURCE
        and event.get("detail-type") == const.SCHEDULED_DETAIL_TYPE
    ):
        return {}
    if event.get("action") != const.RECONCILE_ACTION:
        return None
    params = {k: v for k, v in event.items() if k != "action"}
    unknown = sorted(set(params) - set(const.RECONCILE_PARAMETERS))
    if unknown:
        raise ConfigurationError(
            f"reconcile input: unknown keys {unknown}; allowed: "
            f"{', '.join(const.RECONCILE_PARAMETERS)}"
        )
    return params


_FUNCTIONS: dict[str, LambdaFunction] = {}
_LOCK = threading.Lock()


def lambda_handler(event: Any, context: Any) -> dict[str, Any]:
    """The AWS Lambda entry point (``Handler: modelcard_share.automation.lambda_handler``).

    Builds the function from its environment on the first (cold) invocation and keeps
    it for the warm ones.

    Args:
        event: What EventBridge (or the schedule) sent.
        context: Lambda's context object (unused).

    Returns:
        The JSON-ready report of the invocation.

    Raises:
        InvocationFailedError: Some card met an AWS error after retries (so that Lambda
            retries the event).
    """
    del context
    key = os.environ.get(const.TOPOLOGY_ENV, "")
    with _LOCK:
        function = _FUNCTIONS.get(key)
        if function is None:
            if logging.getLogger("modelcard_share").level == logging.NOTSET:
                logging.getLogger("modelcard_share").setLevel(logging.INFO)
            function = _FUNCTIONS[key] = LambdaFunction.from_environment()
    return function.invoke(event)
