"""An offline multi-account AWS world where SageMaker model cards can be shared with AWS RAM.

Built on moto, extended through moto's own extension points (routes to subclasses of its
RAM and SageMaker response classes). moto is imported only when a sandbox starts, so
importing this package, or loading its pytest plugin, works without moto installed.

Example:
    >>> from modelcard_share.sandbox import Sandbox
    >>> accounts = {"shared-services": "111111111111", "dev": "222222222222"}
    >>> with Sandbox(accounts=accounts, organization=True) as sb:  # doctest: +SKIP
    ...     dev = sb.session("dev")                      # boto3.Session of account dev
    ...     sm = dev.client("sagemaker")
    ...     sb.clock.advance(hours=13)                   # expire pending invitations

Every assumption the emulation makes about AWS is in ``modelcard_share.sandbox._constants``.
In pytest, use the ``sandbox`` fixture (four accounts, one organization) or
``sandbox_factory`` (same arguments as :class:`Sandbox`).
"""

from __future__ import annotations

from modelcard_share.sandbox._clock import SandboxClock
from modelcard_share.sandbox._faults import FaultCounts, Faults, FaultSettings
from modelcard_share.sandbox._sandbox import Sandbox
from modelcard_share.sandbox._server import serve
from modelcard_share.sandbox._topology import Organization

__all__ = [
    "FaultCounts",
    "FaultSettings",
    "Faults",
    "Organization",
    "Sandbox",
    "SandboxClock",
    "serve",
]
