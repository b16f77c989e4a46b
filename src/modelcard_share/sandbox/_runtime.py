"""Everything the sandbox does with moto itself: start, stop, reset, serve, tick.

This module imports moto; :mod:`._sandbox` imports it only when a sandbox starts, so the
package and the pytest plugin can be imported without moto.
"""

from __future__ import annotations

from typing import Any

from moto import mock_aws
from moto.core.base_backend import BackendDict
from moto.ram.models import ram_backends
from moto.s3.models import s3_backends
from moto.sagemaker.models import sagemaker_backends
from moto.server import ThreadedMotoServer

from modelcard_share.sandbox._install import install, uninstall
from modelcard_share.sandbox._transitions import tick
from modelcard_share.sandbox._world import World

__all__ = [
    "install",
    "reset_all",
    "reset_data",
    "start_mock",
    "start_server",
    "tick",
    "uninstall",
]


def start_mock() -> Any:
    """Start moto's in-process mock; return the handle whose ``stop()`` ends it."""
    mock = mock_aws()
    mock.start()
    return mock


def start_server(host: str, port: int) -> Any:
    """Start moto's threaded HTTP server; return it (``get_host_and_port()``, ``stop()``)."""
    server = ThreadedMotoServer(ip_address=host, port=port, verbose=False)
    server.start()
    return server


def reset_all() -> None:
    """Drop every moto backend (used after the HTTP server stops)."""
    BackendDict.reset()


def reset_data(world: World) -> None:
    """Drop model cards, shares, permissions, export jobs and buckets; keep IAM/STS/orgs."""
    with world.lock:
        all_backends: tuple[Any, ...] = (ram_backends, sagemaker_backends, s3_backends)
        for backends in all_backends:
            for regional in list(backends.values()):
                regional.reset()
        s3_backends.bucket_accounts.clear()
        world.index.clear()
        world.exports_due.clear()
