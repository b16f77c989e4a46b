"""Long operations report progress through one hook protocol (waits and fan-out counts)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from modelcard_share import (
    Lifecycle,
    ModelCard,
    NotebookProgress,
    RetryDetails,
)
from modelcard_share.sandbox import Sandbox

from .conftest import fast_retry


@pytest.fixture
def sb() -> Iterator[Sandbox]:
    """The default accounts; associations take 30 s, exports 20 s."""
    with Sandbox(
        association_delay=timedelta(seconds=30), export_job_duration=timedelta(seconds=20)
    ) as world:
        yield world


def test_share_with_and_export_waits_report_every_pause(sb: Sandbox) -> None:
    """share_with(wait=True) and export_pdf report each pause to their progress hook."""
    card = ModelCard.create("p", session=sb.session("shared-services"), retry=fast_retry(sb))
    shared: list[RetryDetails] = []
    card.share_with(sb.account_id("dev"), wait=True, progress=shared.append)
    assert shared
    assert all("to be shared with" in d.what for d in shared)
    sb.session("shared-services").client("s3").create_bucket(Bucket="exports")
    exported: list[RetryDetails] = []
    job = card.export_pdf("s3://exports/x", progress=exported.append)
    assert job.output_location
    assert exported
    assert all(d.what == f"export job {job.arn}" for d in exported)


def test_reconcile_counts_every_card_on_the_progress_hook(sb: Sandbox) -> None:
    """reconcile sets the hook's total and advances once per card."""
    factory = sb.session_factory(retry=fast_retry(sb))
    topology = factory.topology
    lifecycle = Lifecycle(topology, factory)
    for name in ("a", "b", "c"):
        ModelCard.create(name, session=lifecycle.owner)
    progress = NotebookProgress("reconcile", notebook=False)
    report = lifecycle.reconcile(progress=progress)
    assert len(report.cards) == 3
    assert (progress.total, progress.done) == (3, 3)
