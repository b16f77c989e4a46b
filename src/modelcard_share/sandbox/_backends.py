"""The sandbox's state kept on moto's backend objects, so that moto's reset clears it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from moto.ram.models import ram_backends
from moto.sagemaker.models import sagemaker_backends

from modelcard_share.sandbox import _constants as const
from modelcard_share.sandbox._world import ExportJob, RamState, World

__all__ = ["export_jobs", "ram_state", "ram_states", "sagemaker_backend"]


def ram_state(world: World, account_id: str, region: str) -> RamState:
    """The RAM state of one account and region, created on first use."""
    backend = ram_backends[account_id][region]
    with world.lock:
        state = getattr(backend, const.RAM_STATE_ATTRIBUTE, None)
        if not isinstance(state, RamState):
            state = RamState()
            setattr(backend, const.RAM_STATE_ATTRIBUTE, state)
    return state


def ram_states(world: World) -> Iterator[tuple[str, str, RamState]]:
    """Every RAM state that exists, as (account id, region, state)."""
    del world
    for account_id in list(ram_backends.keys()):
        for region, backend in list(dict.items(ram_backends[account_id])):
            state = getattr(backend, const.RAM_STATE_ATTRIBUTE, None)
            if isinstance(state, RamState):
                yield account_id, region, state


def export_jobs(world: World, account_id: str, region: str) -> dict[str, ExportJob]:
    """The export jobs owned by one account in one region, created on first use."""
    backend = sagemaker_backends[account_id][region]
    with world.lock:
        jobs: Any = getattr(backend, const.EXPORT_JOBS_ATTRIBUTE, None)
        if not isinstance(jobs, dict):
            jobs = {}
            setattr(backend, const.EXPORT_JOBS_ATTRIBUTE, jobs)
    result: dict[str, ExportJob] = jobs
    return result


def sagemaker_backend(account_id: str, region: str) -> Any:
    """Moto's SageMaker backend of one account and region."""
    return sagemaker_backends[account_id][region]
