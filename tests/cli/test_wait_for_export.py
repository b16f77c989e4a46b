"""Export waits go through the domain's one wait loop; the CLI's progress line is its hook."""

from __future__ import annotations

import io
from datetime import timedelta

from modelcard_share import CardContent, ModelCard, RetryDetails, RetryPolicy
from modelcard_share.cli._progress import Progress
from modelcard_share.sandbox import Sandbox


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_export_wait_reports_every_pause_to_the_progress_hook() -> None:
    """ExportJob.wait calls the hook before each pause, with what, waited time and budget."""
    seen: list[RetryDetails] = []
    with Sandbox(
        accounts={"owner": "111111111111"}, export_job_duration=timedelta(seconds=20)
    ) as sb:
        retry = RetryPolicy.instant(sleep=lambda s: sb.clock.advance(seconds=s))
        owner = sb.session("owner")
        owner.client("s3").create_bucket(Bucket="exports")
        card = ModelCard.create("c", content=CardContent(), session=owner, retry=retry)
        job = card.export_pdf("s3://exports/cards", wait=False)
        job.wait(timeout=120, progress=seen.append)
    assert job.output_location
    assert seen, "an export that takes 20 s must pause at least once"
    assert all(d.what == f"export job {job.arn}" and d.budget == 120 for d in seen)
    assert [d.attempt for d in seen] == list(range(1, len(seen) + 1))
    assert seen[-1].waited + seen[-1].next_wait >= 20 - 1e-9


def test_progress_is_a_retry_hook_that_draws_on_a_terminal() -> None:
    """Progress draws the reason and the time waited of each RetryDetails it receives."""
    stream = _Tty()
    with Progress("exporting churn", stream=stream) as progress:
        progress(
            RetryDetails(
                what="export job x",
                attempt=1,
                waited=3.0,
                budget=900.0,
                next_wait=2.0,
                reason="condition not met yet",
            )
        )
        drawn = stream.getvalue()
    assert "exporting churn: condition not met yet (3 s of 900 s)" in drawn
