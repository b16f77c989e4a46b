"""An offline multi-account AWS world where SageMaker model cards can be shared with AWS RAM.

Built on moto; moto is imported only when a sandbox starts, so importing this package
is cheap. See :class:`Sandbox`.
"""

from __future__ import annotations

from modelcard_share.sandbox._clock import SandboxClock
from modelcard_share.sandbox._sandbox import Organization, Sandbox
from modelcard_share.sandbox._server import serve

__all__ = ["Organization", "Sandbox", "SandboxClock", "serve"]
