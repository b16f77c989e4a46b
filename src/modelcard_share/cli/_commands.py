"""Subcommands that work on one model card: create, show, update, status, history, export."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable
from typing import Any

from modelcard_share.errors import ConfigurationError, ExportFailedError, WaitTimeoutError

from ._app import Env
from ._output import (
    Result,
    card_data,
    diff_data,
    export_data,
    fields,
    table,
    version_data,
)
from ._progress import Progress

__all__ = [
    "cmd_create",
    "cmd_diff",
    "cmd_export",
    "cmd_promote",
    "cmd_show",
    "cmd_status",
    "cmd_update",
    "cmd_versions",
    "load_card",
    "read_content",
    "wait_for_export",
]


def read_content(path: str) -> Any:
    """Read model card content JSON from a file (``-`` for standard input), validated.

    Raises:
        ConfigurationError: The file cannot be read.
        ContentValidationError: The text is not JSON or breaks the schema.
    """
    from modelcard_share.content import CardContent  # noqa: PLC0415

    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as err:
        raise ConfigurationError(f"cannot read content file {path!r}: {err.strerror}") from err
    return CardContent.from_json(text)


def load_card(env: Env, name_or_arn: str, version: int | None = None) -> Any:
    """Load a card by name or ARN with the command's session, region and topology."""
    from modelcard_share.domain import ModelCard  # noqa: PLC0415

    return ModelCard.load(
        name_or_arn,
        version=version,
        session=env.session(),
        region=env.region,
        topology=env.topology,
    )


def _card_result(card: Any, *, content: bool = False, note: str = "") -> Result:
    data = card_data(card, content=content)
    hidden = ("content", "content_problems")
    text = fields((k.replace("_", " "), v) for k, v in data.items() if k not in hidden)
    if content:
        text += "\ncontent:\n" + json.dumps(data["content"], indent=2)
        if data["content_problems"]:
            text += "\ncontent problems:\n" + "\n".join(f"  {p}" for p in data["content_problems"])
    if note:
        text = f"{note}\n{text}"
    return Result(data=data, text=text)


def cmd_create(env: Env, args: argparse.Namespace) -> Result:
    """Create a model card in the session's account."""
    from modelcard_share.domain import ModelCard  # noqa: PLC0415

    content = read_content(args.content) if args.content else None
    tags = dict(_parse_tag(t) for t in args.tag or ())
    card = ModelCard.create(
        args.name,
        content=content,
        status=args.status,
        kms_key_id=args.kms_key_id,
        tags=tags or None,
        session=env.session(),
        region=env.region,
        topology=env.topology,
    )
    return _card_result(card, note=f"created model card {card.name}")


def _parse_tag(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise ConfigurationError(f"invalid --tag {text!r}: expected KEY=VALUE")
    return key, value


def cmd_show(env: Env, args: argparse.Namespace) -> Result:
    """Show a card (own by name, shared by ARN)."""
    card = load_card(env, args.card, args.version)
    return _card_result(card, content=args.content)


def cmd_update(env: Env, args: argparse.Namespace) -> Result:
    """Replace a card's content with the content of a JSON file."""
    content = read_content(args.content)
    card = load_card(env, args.card)
    before = card.version
    card.update(content, force=args.force)
    return _card_result(card, note=f"updated {card.name}: version {before} -> {card.version}")


def cmd_status(env: Env, args: argparse.Namespace) -> Result:
    """Show a card's status, or move it to a new status."""
    card = load_card(env, args.card)
    if args.new_status is None:
        data = {"name": card.name, "arn": card.arn, "status": card.status.value}
        return Result(data=data, text=f"{card.name}: {card.status.value}")
    before = card.status
    card.set_status(args.new_status, force=args.force)
    data = {
        "name": card.name,
        "arn": card.arn,
        "previous_status": before.value,
        "status": card.status.value,
    }
    return Result(data=data, text=f"{card.name}: {before.value} -> {card.status.value}")


def cmd_versions(env: Env, args: argparse.Namespace) -> Result:
    """List every version of a card."""
    card = load_card(env, args.card)
    versions = [version_data(v) for v in card.versions()]
    text = table(
        ("VERSION", "STATUS", "MODIFIED"),
        [(v["version"], v["status"], v["modified_time"] or v["created_time"]) for v in versions],
        empty="no versions",
    )
    return Result(data={"name": card.name, "arn": card.arn, "versions": versions}, text=text)


def cmd_diff(env: Env, args: argparse.Namespace) -> Result:
    """Show what changed in a card's content between two versions."""
    card = load_card(env, args.card)
    diff = card.diff(args.version, base=args.to)
    return Result(data=diff_data(diff), text=str(diff))


def wait_for_export(
    job: Any,
    *,
    timeout: float,
    sleep: Callable[[float], None],
    progress: Progress,
    initial: float = 1.0,
    maximum: float = 15.0,
) -> Any:
    """Poll an export job with backoff until it finishes, showing progress.

    The time budget counts the pauses (so a sandbox clock advanced by ``sleep``
    counts like real time).

    Raises:
        ExportFailedError: The job failed.
        WaitTimeoutError: It did not finish within ``timeout`` seconds.
    """
    from modelcard_share.domain import ExportStatus  # noqa: PLC0415

    waited, delay, checks = 0.0, initial, 0
    while True:
        job.refresh()
        checks += 1
        if job.status is not ExportStatus.IN_PROGRESS:
            break
        if waited >= timeout:
            raise WaitTimeoutError(
                f"export job {job.arn} still InProgress after {timeout:g} s ({checks} checks); "
                "check it later with the job ARN"
            )
        progress.tick(f"{job.status.value if job.status else 'starting'} ({waited:.0f} s)")
        pause = min(delay, maximum, timeout - waited)
        sleep(pause)
        waited += pause
        delay = min(delay * 2, maximum)
    if job.status is ExportStatus.FAILED:
        raise ExportFailedError(
            f"export job {job.name} failed: {job.failure_reason or 'no reason given'}",
            job_arn=job.arn,
            reason=job.failure_reason,
        )
    return job


def cmd_export(env: Env, args: argparse.Namespace) -> Result:
    """Export a card to PDF in S3, waiting for the job unless ``--no-wait``."""
    card = load_card(env, args.card)
    job = card.export_pdf(args.s3_uri, wait=False, job_name=args.job_name, version=args.version)
    if args.wait:
        with Progress(f"exporting {card.name}", stream=env.err) as progress:
            wait_for_export(job, timeout=args.timeout, sleep=env.sleep, progress=progress)
    else:
        job.refresh()
    data = export_data(job)
    return Result(data=data, text=fields((k.replace("_", " "), v) for k, v in data.items()))


def cmd_promote(env: Env, args: argparse.Namespace) -> Result:
    """Move a card one lifecycle step and share it with the next stage (needs Lifecycle)."""
    from modelcard_share.domain import ModelCard  # noqa: PLC0415

    domain = importlib.import_module("modelcard_share.domain")
    lifecycle_class: Any = getattr(domain, "Lifecycle", None)
    if lifecycle_class is None:
        raise ConfigurationError(
            "promote needs modelcard_share.domain.Lifecycle, which this version does not "
            "provide yet; use 'status' and 'share' instead"
        )
    topology = env.topology
    if topology is None:
        raise ConfigurationError("promote needs --topology FILE (it defines the stages)")
    lifecycle = lifecycle_class(topology, env.factory)
    card = ModelCard.load(
        args.card,
        session=env.factory.session(topology.home_name),
        region=env.region,
        retry=env.factory.retry,
        topology=topology,
    )
    promotion = lifecycle.promote(card, to=args.to)
    report = lifecycle.status(card)
    accounts = [
        {
            "name": v.name,
            "account_id": v.account_id,
            "stage": v.stage,
            "access": v.access.value if v.access else None,
            "association": v.status.value if v.status else None,
        }
        for v in report.accounts
    ]
    data = {
        "name": card.name,
        "arn": card.arn,
        "previous_status": promotion.previous.value,
        "status": promotion.status.value,
        "stages": list(report.stages),
        "shares": [s.name for s in promotion.shares],
        "accounts": accounts,
    }
    head = f"{card.name}: {promotion.previous.value} -> {promotion.status.value}"
    head += f" (visible to stages: {', '.join(report.stages) or 'none'})"
    rows = [
        (a["name"], a["account_id"], a["stage"], a["access"], a["association"]) for a in accounts
    ]
    text = table(("ACCOUNT", "ID", "STAGE", "ACCESS", "ASSOCIATION"), rows)
    return Result(data=data, text=f"{head}\n{text}")
