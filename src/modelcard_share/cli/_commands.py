"""Subcommands that work on one model card: create, show, update, status, history, export."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from modelcard_share.errors import ConfigurationError, ContentValidationError, ModelCardShareError

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

if TYPE_CHECKING:
    from modelcard_share.content import CardContent
    from modelcard_share.domain import ModelCard

__all__ = [
    "cmd_create",
    "cmd_diff",
    "cmd_export",
    "cmd_show",
    "cmd_status",
    "cmd_update",
    "cmd_versions",
    "load_card",
    "read_content",
]


def read_content(path: str) -> CardContent:
    """Read model card content JSON from a file (``-`` for standard input), validated.

    The file must be UTF-8 without a byte order mark, and strict JSON (no NaN).

    Raises:
        ConfigurationError: The file cannot be read.
        ContentValidationError: The file is not UTF-8, has a BOM, is not strict JSON, or
            breaks the schema.
    """
    from modelcard_share.content import CardContent  # noqa: PLC0415
    from modelcard_share.errors import ContentProblem  # noqa: PLC0415

    try:
        if path == "-":
            stream = getattr(sys.stdin, "buffer", None)  # absent when stdin is replaced by text
            raw = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
        else:
            with open(path, "rb") as handle:
                raw = handle.read()
    except OSError as err:
        raise ConfigurationError(f"cannot read content file {path!r}: {err.strerror}") from err
    if raw.startswith(b"\xef\xbb\xbf"):
        raise ContentValidationError(
            [
                ContentProblem(
                    "",
                    "encoding",
                    f"{path} starts with a byte order mark; save it as UTF-8 without BOM",
                )
            ]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ContentValidationError(
            [
                ContentProblem(
                    "", "encoding", f"{path} is not UTF-8 ({err.reason} at byte {err.start})"
                )
            ]
        ) from err
    try:
        return CardContent.from_json(text)
    except ModelCardShareError:
        raise
    except (TypeError, ValueError) as err:  # a content layer that let a raw error through
        raise ContentValidationError([ContentProblem("", "json", str(err))]) from err


def load_card(env: Env, name_or_arn: str, version: int | None = None) -> ModelCard:
    """Load a card by name or ARN with the command's session, region and topology."""
    from modelcard_share.domain import ModelCard  # noqa: PLC0415

    return ModelCard.load(
        name_or_arn,
        version=version,
        session=env.session(),
        region=env.region,
        topology=env.topology,
    )


def _card_result(card: ModelCard, *, content: bool = False, note: str = "") -> Result:
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


def cmd_export(env: Env, args: argparse.Namespace) -> Result:
    """Export a card to PDF in S3, waiting for the job unless ``--no-wait``."""
    card = load_card(env, args.card)
    job = card.export_pdf(args.s3_uri, wait=False, job_name=args.job_name, version=args.version)
    if args.wait:
        with Progress(f"exporting {card.name}", stream=env.err) as progress:
            job.wait(timeout=args.timeout, progress=progress)
    else:
        job.refresh()
    data = export_data(job)
    return Result(data=data, text=fields((k.replace("_", " "), v) for k, v in data.items()))
