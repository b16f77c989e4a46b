"""Plug the sandbox's RAM and SageMaker handlers into moto's routes, and take them out again."""

from __future__ import annotations

import threading
from typing import Any

import boto3
import moto.ram.urls as ram_urls
import moto.sagemaker.urls as sagemaker_urls
from moto.core.base_backend import AccountSpecificBackend
from moto.ram.models import ResourceShare

from modelcard_share.sandbox import _constants as const
from modelcard_share.sandbox._faults import fault_point
from modelcard_share.sandbox._ram import OPERATIONS, SandboxRamResponse
from modelcard_share.sandbox._sagemaker import SandboxSageMakerResponse

__all__ = ["install", "uninstall"]

_LOCK = threading.Lock()
_SAVED: dict[str, Any] = {}


def install() -> None:
    """Route RAM and SageMaker requests to the sandbox's subclasses of moto's response classes.

    Every route passes through :func:`fault_point` (fault injection and attempt counts).
    moto's own boto3 session (it lists regions with it) is replaced by one that reads no
    outside AWS setting, so a broken ``AWS_PROFILE`` cannot break the sandbox.
    """
    from modelcard_share.sandbox._sandbox import offline_botocore_session  # noqa: PLC0415

    with _LOCK:
        if _SAVED:
            return
        _SAVED["get_session"] = AccountSpecificBackend.__dict__["get_session"]
        offline = boto3.Session(botocore_session=offline_botocore_session())
        AccountSpecificBackend.get_session = classmethod(lambda cls: offline)  # type: ignore[method-assign,assignment]
        _SAVED["ram"] = dict(ram_urls.url_paths)
        _SAVED["sagemaker"] = dict(sagemaker_urls.url_paths)
        _SAVED["shareable"] = list(ResourceShare.SHAREABLE_RESOURCES)
        ram_urls.url_paths.clear()
        for operation in OPERATIONS:
            ram_urls.url_paths["{0}/" + operation + "/?$"] = fault_point(
                "ram", SandboxRamResponse.dispatch
            )
        sagemaker_urls.url_paths.clear()
        sagemaker_urls.url_paths["{0}/$"] = fault_point(
            "sagemaker", SandboxSageMakerResponse.dispatch
        )
        for segment in const.SHARED_TYPES:
            if segment not in ResourceShare.SHAREABLE_RESOURCES:
                ResourceShare.SHAREABLE_RESOURCES.append(segment)


def uninstall() -> None:
    """Restore moto's own routes and shareable resource list."""
    with _LOCK:
        if not _SAVED:
            return
        ram_urls.url_paths.clear()
        ram_urls.url_paths.update(_SAVED.pop("ram"))
        sagemaker_urls.url_paths.clear()
        sagemaker_urls.url_paths.update(_SAVED.pop("sagemaker"))
        ResourceShare.SHAREABLE_RESOURCES[:] = _SAVED.pop("shareable")
        AccountSpecificBackend.get_session = _SAVED.pop("get_session")  # type: ignore[method-assign]
