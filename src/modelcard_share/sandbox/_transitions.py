"""Time-driven transitions of the sandbox world (associations, invitations, export jobs)."""

from __future__ import annotations

import heapq

from moto.s3.models import s3_backends
from moto.sagemaker.models import sagemaker_backends

from modelcard_share.sandbox._pdf import render_pdf
from modelcard_share.sandbox._ram_state import tick_ram
from modelcard_share.sandbox._world import ExportJob, World

__all__ = ["complete_export_job", "tick"]


def tick(world: World) -> None:
    """Apply every transition that is due at the world's current time (cost: the due ones)."""
    with world.lock:
        tick_ram(world)
        now = world.clock.now()
        due = world.exports_due
        while due and due[0][0] <= now:
            _when, _seq, job = heapq.heappop(due)
            if job.status == "InProgress":
                complete_export_job(job)


def complete_export_job(job: ExportJob) -> None:
    """Write the job's PDF into the S3 bucket named by its output path (any account)."""
    job.updated = job.complete_at
    path = job.output_path.split("://", 1)[1] if "://" in job.output_path else job.output_path
    bucket, _, prefix = path.partition("/")
    location = s3_backends.bucket_accounts.get(bucket)
    if location is None:
        job.status = "Failed"
        job.failure_reason = f"The S3 bucket {bucket} of OutputConfig.S3OutputPath does not exist."
        return
    partition, account_id = location
    key = "/".join(p for p in (prefix.strip("/"), job.card_name, "export-jobs", job.name) if p)
    key = f"{key}/{job.card_name}-v{job.card_version}.pdf"
    backend = sagemaker_backends[job.owner][job.region]
    versions = backend.model_cards.get(job.card_name) or []
    card = next((v for v in versions if v.model_card_version == job.card_version), None)
    lines = [
        f"Model card: {job.card_name}",
        f"Version: {job.card_version}",
        f"Status: {card.model_card_status if card else 'unknown'}",
        f"Owner account: {job.owner}",
        f"Export job: {job.name}",
    ]
    if card is not None:
        lines += [f"  {chunk}" for chunk in _chunks(str(card.content), 90)[:40]]
    s3_backends[account_id][partition].put_object(bucket, key, render_pdf(lines))
    job.status = "Completed"
    job.artifact = f"s3://{bucket}/{key}"


def _chunks(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]
