"""One parsed copy of the AWS service models per process.

Every botocore session normally reads and parses the service models itself;
for SageMaker that is about half a second of CPU per session, which dominates
fan-out to many accounts. Sessions made by this SDK (the session factory, the
sandbox, the CLI's default session) share one data loader instead, which caches
what it parsed. The loader holds only AWS's published models, no credentials.
"""

from __future__ import annotations

import threading

import botocore.loaders
import botocore.session

__all__ = ["new_botocore_session", "shared_loader"]

_LOCK = threading.Lock()
_LOADERS: list[botocore.loaders.Loader] = []


def shared_loader() -> botocore.loaders.Loader:
    """Return the process-wide botocore data loader, creating it on first use."""
    with _LOCK:
        if not _LOADERS:
            _LOADERS.append(botocore.loaders.create_loader())
        return _LOADERS[0]


def new_botocore_session() -> botocore.session.Session:
    """Return a new botocore session that uses the shared data loader."""
    core = botocore.session.Session()
    core.register_component("data_loader", shared_loader())
    return core
