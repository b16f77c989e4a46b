"""Export polling with backoff, a time budget and progress, on a fake job and a fake clock."""

from __future__ import annotations

from typing import Any

import pytest

from modelcard_share.cli._commands import wait_for_export
from modelcard_share.cli._progress import Progress
from modelcard_share.domain import ExportStatus
from modelcard_share.errors import ExportFailedError, WaitTimeoutError


class FakeJob:
    """Reports InProgress for ``polls`` refreshes, then ``final``."""

    arn = "arn:aws:sagemaker:us-east-1:111111111111:model-card/c/export-job/j"
    name = "j"
    failure_reason: str | None = "bucket missing"

    def __init__(self, polls: int, final: ExportStatus) -> None:
        self.left = polls
        self.final = final
        self.status: ExportStatus | None = None
        self.refreshes = 0

    def refresh(self) -> Any:
        self.refreshes += 1
        self.status = ExportStatus.IN_PROGRESS if self.left > 0 else self.final
        self.left -= 1
        return self


def _wait(job: FakeJob, timeout: float, sleeps: list[float]) -> Any:
    return wait_for_export(
        job, timeout=timeout, sleep=sleeps.append, progress=Progress("x", enabled=False)
    )


def test_backs_off_until_completed() -> None:
    sleeps: list[float] = []
    job = FakeJob(polls=6, final=ExportStatus.COMPLETED)
    assert _wait(job, 900, sleeps) is job
    assert sleeps == [1, 2, 4, 8, 15, 15]
    assert job.refreshes == 7


def test_times_out_on_the_virtual_budget() -> None:
    sleeps: list[float] = []
    job = FakeJob(polls=1000, final=ExportStatus.COMPLETED)
    with pytest.raises(WaitTimeoutError, match="still InProgress after 10 s"):
        _wait(job, 10, sleeps)
    assert sum(sleeps) == 10
    assert sleeps == [1, 2, 4, 3]


def test_failed_job_raises_with_the_reason() -> None:
    job = FakeJob(polls=0, final=ExportStatus.FAILED)
    with pytest.raises(ExportFailedError, match="bucket missing") as failed:
        _wait(job, 900, [])
    assert failed.value.job_arn == job.arn
