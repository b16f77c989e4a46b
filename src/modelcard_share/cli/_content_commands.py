"""Subcommands that fill a card's content from SageMaker: ``content from-... / add-evaluation``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ._app import Env
from ._commands import load_card
from ._output import Result, diff_data

if TYPE_CHECKING:
    from modelcard_share.domain import ContentSource

__all__ = ["cmd_content_fill"]


def _source(env: Env, args: argparse.Namespace) -> ContentSource:
    from modelcard_share import domain  # noqa: PLC0415

    where = {"account": args.source_account}
    if args.source_kind == "from-training-job":
        return domain.TrainingJobSource(name_or_arn=args.name, tuning_job=args.tuning_job, **where)
    if args.source_kind == "from-tuning-job":
        return domain.TuningJobSource(name_or_arn=args.name, **where)
    if args.source_kind == "from-model":
        return domain.ModelSource(name_or_arn=args.name, **where)
    if args.source_kind == "from-model-package":
        return domain.ModelPackageSource(name_or_arn=args.name, **where)
    return domain.ReportSource(
        report=args.name,
        kind=args.kind,
        name=args.evaluation_name,
        evaluation_job_arn=args.evaluation_job_arn,
        **where,
    )


def cmd_content_fill(env: Env, args: argparse.Namespace) -> Result:
    """Fill a card from one SageMaker resource or report; show the diff (``--dry-run``)."""
    card = load_card(env, args.card)
    source = _source(env, args)
    result = card.fill_from(
        source, overflow="trim" if args.trim else "refuse", dry_run=args.dry_run
    )
    if result.written:
        head = f"{card.name}: filled from {source.label}, now version {result.version}"
    elif result.changed:
        head = f"{card.name}: dry run, {source.label} would change {len(result.diff)} path(s)"
    else:
        head = f"{card.name}: {source.label} changes nothing (version {result.version})"
    lines = [head, *(str(change) for change in result.diff)]
    lines += [f"note: {note.path}: {note.message}" for note in result.notes]
    data = {
        "name": card.name,
        "arn": card.arn,
        "source": source.label,
        "written": result.written,
        "version": result.version,
        "diff": diff_data(result.diff),
        "notes": [{"path": str(n.path), "message": n.message} for n in result.notes],
    }
    return Result(data=data, text="\n".join(lines))
