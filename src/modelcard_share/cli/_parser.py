"""The argparse definition of every subcommand."""

from __future__ import annotations

import argparse
from typing import Any

from . import _commands as card
from . import _content_commands as content
from . import _lifecycle_commands as lifecycle
from . import _share_commands as sharing
from ._app import EPILOG, Env, Handler, add_global_options, new_parser
from ._demo import cmd_demo
from ._sandbox_commands import cmd_sandbox_serve

__all__ = ["build_parser"]

_ACCESS = ("read-write", "read-only", "export")
_STATUSES = ("Draft", "PendingReview", "Approved", "Archived")


def _add(
    commands: Any, name: str, handler: Handler, help_text: str, **kwargs: Any
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=help_text,
        description=help_text,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        **kwargs,
    )
    add_global_options(parser, suppress=True)
    parser.set_defaults(handler=handler)
    return parser


def _card_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("card", metavar="CARD", help="card name (own account) or card ARN")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be 1 or more")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be more than 0 seconds")
    return value


def _card_commands(commands: Any) -> None:
    p = _add(commands, "create", card.cmd_create, "create a model card")
    p.add_argument("name", metavar="NAME", help="1-63 letters, digits and hyphens")
    p.add_argument("--content", metavar="FILE", help="content JSON file ('-' for stdin)")
    p.add_argument("--status", choices=_STATUSES, default="Draft", help="initial status")
    p.add_argument("--kms-key-id", metavar="KEY", help="KMS key to encrypt the content with")
    p.add_argument("--tag", action="append", metavar="KEY=VALUE", help="tag (repeatable)")

    p = _add(commands, "show", card.cmd_show, "show a model card (by name or ARN)")
    _card_arg(p)
    p.add_argument("--version", type=_positive, help="show this version")
    p.add_argument("--content", action="store_true", help="include the content")

    p = _add(commands, "update", card.cmd_update, "replace a card's content (a new version)")
    _card_arg(p)
    p.add_argument("--content", metavar="FILE", required=True, help="content JSON file or '-'")
    p.add_argument("--force", action="store_true", help="overwrite a concurrent change")

    p = _add(commands, "status", card.cmd_status, "show or change a card's status")
    _card_arg(p)
    p.add_argument(
        "new_status",
        nargs="?",
        choices=_STATUSES,
        metavar="STATUS",
        help=f"new status: {', '.join(_STATUSES)}",
    )
    p.add_argument("--force", action="store_true", help="overwrite a concurrent change")

    p = _add(commands, "versions", card.cmd_versions, "list a card's versions")
    _card_arg(p)

    p = _add(commands, "diff", card.cmd_diff, "show content changes between two versions")
    _card_arg(p)
    p.add_argument("version", type=_positive, metavar="VERSION", help="version to compare")
    p.add_argument(
        "--to",
        type=_positive,
        metavar="VERSION",
        help="compare with this version instead of the current one",
    )

    p = _add(commands, "export", card.cmd_export, "export a card to PDF in S3")
    _card_arg(p)
    p.add_argument("s3_uri", metavar="S3_URI", help="s3://bucket/prefix for the PDF")
    p.add_argument("--version", type=_positive, help="export this version")
    p.add_argument("--job-name", help="export job name (default: derived)")
    p.add_argument("--no-wait", dest="wait", action="store_false", help="do not wait")
    p.add_argument("--timeout", type=_seconds, default=900.0, help="seconds to wait (900)")

    p = _add(
        commands,
        "promote",
        lifecycle.cmd_promote,
        "move a card one lifecycle step and share it with the next stage",
    )
    _card_arg(p)
    p.add_argument(
        "--to",
        choices=_STATUSES,
        metavar="STATUS",
        help="the status to reach (makes a re-run converge instead of moving on)",
    )


_REPORT_KINDS = ("clarify-bias", "clarify-explainability", "model-quality", "model-card-metrics")


def _content_commands(commands: Any) -> None:
    parent = _add(commands, "content", _no_action, "fill a card's content from SageMaker")
    actions = parent.add_subparsers(dest="source_kind", metavar="SOURCE", required=True)
    sources = (
        (
            "from-training-job",
            "NAME",
            "a training job: training details, metrics, hyper-parameters",
        ),
        ("from-tuning-job", "NAME", "a tuning job's best training job, with the objective"),
        ("from-model", "NAME", "a model: model id, name, artifacts, container images"),
        ("from-model-package", "ARN", "a model package: every model package detail"),
        ("add-evaluation", "REPORT", "an evaluation report (file or s3:// URI)"),
    )
    for name, metavar, help_text in sources:
        p = _add(actions, name, content.cmd_content_fill, f"fill the card from {help_text}")
        p.add_argument("name", metavar=metavar)
        p.add_argument("--card", required=True, help="card name (own account) or ARN")
        p.add_argument(
            "--source-account",
            metavar="NAME",
            help="topology account to read the source in (default: the card's account)",
        )
        p.add_argument("--dry-run", action="store_true", help="show the diff, write nothing")
        p.add_argument(
            "--trim", action="store_true", help="cut values over a card limit (listed as notes)"
        )
        if name == "from-training-job":
            p.add_argument("--tuning-job", metavar="NAME", help="the tuning job that launched it")
        if name == "add-evaluation":
            p.add_argument("--kind", choices=_REPORT_KINDS, help="report format (default: detect)")
            p.add_argument("--evaluation-name", metavar="NAME", help="evaluation entry name")
            p.add_argument("--evaluation-job-arn", metavar="ARN", help="job that wrote it")


def _lifecycle_commands(commands: Any) -> None:
    parent = _add(commands, "lifecycle", _no_action, "the lifecycle: status, sync, reconcile")
    actions = parent.add_subparsers(dest="lifecycle_command", metavar="ACTION", required=True)
    p = _add(
        actions,
        "status",
        lifecycle.cmd_lifecycle_status,
        "which account holds which access to a card, and which it should",
    )
    _card_arg(p)
    p = _add(
        actions,
        "sync",
        lifecycle.cmd_lifecycle_sync,
        "make a card's sharing match its status (add, move, remove grants)",
    )
    _card_arg(p)
    p = _add(
        actions,
        "reconcile",
        lifecycle.cmd_lifecycle_reconcile,
        "sync every card of the home account (the safety net for lost events)",
    )
    p.add_argument("--name-prefix", metavar="PREFIX", help="only cards whose name starts so")
    p.add_argument(
        "--tag", action="append", metavar="KEY=VALUE", help="only cards with this tag (repeatable)"
    )
    p.add_argument(
        "--max-workers", type=_positive, default=4, metavar="N", help="cards synced at once (4)"
    )
    p.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")


def _share_commands(commands: Any) -> None:
    p = _add(commands, "share", sharing.cmd_share, "share a card with accounts, OUs or the org")
    _card_arg(p)
    p.add_argument(
        "principals",
        nargs="+",
        metavar="PRINCIPAL",
        help="account id, topology account name, OU ARN or organization ARN",
    )
    p.add_argument("--access", choices=_ACCESS, default="read-write", help="access level")
    p.add_argument(
        "--allow-external",
        action="store_true",
        help="allow principals outside the organization (they get an invitation)",
    )
    p.add_argument("--wait", action="store_true", help="wait until associated")
    p.add_argument("--timeout", type=_seconds, default=300.0, help="seconds to wait (300)")

    p = _add(commands, "unshare", sharing.cmd_unshare, "remove principals from a card's shares")
    _card_arg(p)
    p.add_argument("principals", nargs="+", metavar="PRINCIPAL")
    p.add_argument("--access", choices=_ACCESS, help="only this access level's share")

    p = _add(commands, "shares", sharing.cmd_shares, "list a card's shares and principals")
    _card_arg(p)

    p = _add(
        commands,
        "invitations",
        sharing.cmd_invitations,
        "list, accept or reject resource share invitations",
    )
    p.add_argument("action", choices=("list", "accept", "reject"))
    p.add_argument("arns", nargs="*", metavar="INVITATION_ARN")
    p.add_argument(
        "--all",
        action="store_true",
        help="list: every invitation, not only pending; accept/reject: every pending",
    )

    p = _add(
        commands,
        "shared-with-me",
        sharing.cmd_shared_with_me,
        "list the cards other accounts share with this one",
    )
    p.add_argument("--owner", metavar="ACCOUNT_ID", help="only cards of this owner account")
    p.add_argument("--all-types", action="store_true", help="every resource type, not only cards")

    p = _add(
        commands,
        "policy",
        sharing.cmd_policy,
        "print the consumer's IAM policy (or the owner's KMS key-policy statement)",
    )
    p.add_argument("card_arn", metavar="CARD_ARN")
    p.add_argument("--access", choices=_ACCESS, default="read-write")
    p.add_argument("--export-location", metavar="S3_URI", help="export prefix (export access)")
    p.add_argument("--kms-key-arn", metavar="ARN", help="the owner's KMS key, if encrypted")
    p.add_argument(
        "--no-invitations",
        action="store_true",
        help="leave out the RAM invitation actions (organization sharing)",
    )
    p.add_argument(
        "--key-policy",
        action="store_true",
        help="print the KMS key-policy statement the owner adds instead",
    )
    p.add_argument(
        "--consumer-role",
        action="append",
        metavar="ROLE_ARN",
        help="consumer role for --key-policy (repeatable)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the ``modelcard-share`` argument parser."""
    from . import __doc__ as summary  # noqa: PLC0415

    parser = new_parser(
        prog="modelcard-share",
        description=(summary or "").split("\n", 1)[0],
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_global_options(parser, suppress=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _card_commands(commands)
    _share_commands(commands)
    _lifecycle_commands(commands)
    _content_commands(commands)

    sandbox = _add(commands, "sandbox", _no_action, "the offline sandbox")
    actions = sandbox.add_subparsers(dest="sandbox_command", metavar="ACTION", required=True)
    p = _add(
        actions,
        "serve",
        cmd_sandbox_serve,
        "serve the four-account sandbox over HTTP (for the AWS CLI)",
    )
    p.add_argument("--port", type=int, default=5000, help="TCP port (0 picks a free one)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: local only)")
    p.add_argument(
        "--no-organization",
        action="store_true",
        help="accounts outside any organization (shares send invitations)",
    )

    p = _add(
        commands, "demo", cmd_demo, "run the seven-step sharing walkthrough on an embedded sandbox"
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--organization",
        dest="organization",
        action="store_true",
        default=True,
        help="accounts in one organization, no invitations (default)",
    )
    mode.add_argument(
        "--invitations",
        dest="organization",
        action="store_false",
        help="no organization: consumers accept invitations",
    )
    p.add_argument(
        "--automation",
        action="store_true",
        help="steps 2, 4 and 6 (the shares) are made by the event handler from events",
    )
    return parser


def _no_action(env: Env, args: argparse.Namespace) -> int:  # pragma: no cover - argparse requires
    return 2
