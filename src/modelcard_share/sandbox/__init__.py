"""An offline multi-account AWS world where SageMaker model cards can be shared with AWS RAM.

Built on moto, extended through moto's own extension points (routes to subclasses of its
RAM and SageMaker response classes). moto is imported only when a sandbox starts, so
importing this package, or loading its pytest plugin, works without moto installed.

Example:
    >>> from modelcard_share.sandbox import DEFAULT_ACCOUNTS, Sandbox
    >>> with Sandbox(accounts=DEFAULT_ACCOUNTS, organization=True) as sb:  # doctest: +SKIP
    ...     dev = sb.session("dev")                      # boto3.Session of account dev
    ...     sm = dev.client("sagemaker")
    ...     sb.clock.advance(hours=13)                   # expire pending invitations
    ...     sb.events.drain()                            # EventBridge events SageMaker sent

Every assumption the emulation makes about AWS is in ``modelcard_share.sandbox._constants``.
In pytest, use the ``sandbox`` fixture (four accounts, one organization) or
``sandbox_factory`` (same arguments as :class:`Sandbox`).
"""

from __future__ import annotations

from modelcard_share.sandbox._clock import SandboxClock
from modelcard_share.sandbox._connect import EndpointSession, SandboxConnection
from modelcard_share.sandbox._events import SandboxEvents
from modelcard_share.sandbox._exceptions import SandboxArgumentError, SandboxTypeError
from modelcard_share.sandbox._faults import FaultCounts, Faults, FaultSettings
from modelcard_share.sandbox._sandbox import Sandbox
from modelcard_share.sandbox._schema import ContentSchema
from modelcard_share.sandbox._server import describe, serve
from modelcard_share.sandbox._topology import DEFAULT_ACCOUNTS, Organization

__all__ = [
    "DEFAULT_ACCOUNTS",
    "ContentSchema",
    "EndpointSession",
    "FaultCounts",
    "FaultSettings",
    "Faults",
    "Organization",
    "Sandbox",
    "SandboxArgumentError",
    "SandboxClock",
    "SandboxConnection",
    "SandboxEvents",
    "SandboxTypeError",
    "describe",
    "serve",
]
