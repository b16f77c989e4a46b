"""Subcommands of the lifecycle: promote, and lifecycle status / sync / reconcile."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ._app import EXIT_AWS, EXIT_OK, Env
from ._commands import _parse_tag
from ._output import Result, table
from ._progress import Progress

if TYPE_CHECKING:
    from modelcard_share.domain import (
        Lifecycle,
        LifecycleReport,
        ModelCard,
        ReconcileReport,
        SyncResult,
    )

__all__ = [
    "cmd_lifecycle_reconcile",
    "cmd_lifecycle_status",
    "cmd_lifecycle_sync",
    "cmd_promote",
]


def _lifecycle(env: Env, command: str) -> Lifecycle:
    from modelcard_share.domain import Lifecycle  # noqa: PLC0415

    topology, factory = env.require_topology(command)
    return Lifecycle(topology, factory)


def _load(env: Env, lifecycle: Lifecycle, name_or_arn: str) -> ModelCard:
    from modelcard_share.domain import ModelCard  # noqa: PLC0415

    return ModelCard.load(
        name_or_arn, session=lifecycle.owner, region=env.region, topology=lifecycle.topology
    )


def _accounts(report: LifecycleReport) -> list[dict[str, Any]]:
    return [
        {
            "name": view.name,
            "account_id": view.account_id,
            "stage": view.stage,
            "expected": view.expected.value if view.expected else None,
            "access": view.access.value if view.access else None,
            "association": view.status.value if view.status else None,
            "grants": [
                {"access": g.access.value if g.access else None, "status": g.status.value}
                for g in view.grants
            ],
            "converged": view.converged,
            "excess": view.excess,
        }
        for view in report.accounts
    ]


def _accounts_table(accounts: list[dict[str, Any]]) -> str:
    rows = [
        (
            a["name"],
            a["account_id"],
            a["stage"],
            a["expected"],
            ", ".join(f"{g['access']} ({g['status']})" for g in a["grants"]) or None,
            "EXCESS" if a["excess"] else ("ok" if a["converged"] else "missing"),
        )
        for a in accounts
    ]
    return table(("ACCOUNT", "ID", "STAGE", "EXPECTED", "HOLDS", ""), rows)


def _changes(result: SyncResult) -> dict[str, Any]:
    data = result.to_dict()
    return {key: data[key] for key in ("added", "moved", "removed", "registry")}


def cmd_promote(env: Env, args: argparse.Namespace) -> Result:
    """Move a card one lifecycle step and share it exactly with the stages that see it."""
    lifecycle = _lifecycle(env, "promote")
    card = _load(env, lifecycle, args.card)
    promotion = lifecycle.promote(card, to=args.to)
    report = lifecycle.status(card)
    accounts = _accounts(report)
    data = {
        "name": card.name,
        "arn": card.arn,
        "previous_status": promotion.previous.value,
        "status": promotion.status.value,
        "stages": list(report.stages),
        "shares": [s.name for s in promotion.shares],
        "changes": _changes(promotion),
        "accounts": accounts,
    }
    head = f"{card.name}: {promotion.previous.value} -> {promotion.status.value}"
    head += f" (visible to stages: {', '.join(report.stages) or 'none'})"
    return Result(data=data, text=f"{head}\n{_accounts_table(accounts)}")


def cmd_lifecycle_status(env: Env, args: argparse.Namespace) -> Result:
    """Show which account holds which access to a card, and which it should hold."""
    lifecycle = _lifecycle(env, "lifecycle status")
    card = _load(env, lifecycle, args.card)
    report = lifecycle.status(card)
    accounts = _accounts(report)
    data = {
        "name": card.name,
        "arn": card.arn,
        "status": report.status.value,
        "stages": list(report.stages),
        "converged": report.converged,
        "accounts": accounts,
        "others": [a.entity for a in report.others],
    }
    state = "converged" if report.converged else "NOT converged"
    head = f"{card.name}: {report.status.value}, {state}"
    return Result(data=data, text=f"{head}\n{_accounts_table(accounts)}")


def cmd_lifecycle_sync(env: Env, args: argparse.Namespace) -> Result:
    """Make a card's sharing match its status (add, move and remove grants)."""
    lifecycle = _lifecycle(env, "lifecycle sync")
    card = _load(env, lifecycle, args.card)
    result = lifecycle.sync(card)
    changes = _changes(result)
    data = {"name": card.name, "arn": card.arn, "status": result.status.value, **changes}
    lines = [f"{card.name}: {result.status.value}, {'changed' if result.changed else 'no change'}"]
    lines += [f"  + {c['principal']} {c['access']} ({c['share']})" for c in changes["added"]]
    lines += [f"  ~ {c['principal']} lost {c['removed']}" for c in changes["moved"]]
    lines += [f"  - {c['principal']} lost {c['removed']}" for c in changes["removed"]]
    return Result(data=data, text="\n".join(lines))


def _reconcile_table(report: ReconcileReport) -> str:
    rows = []
    for entry in report.cards:
        result = entry.result
        changes: list[str] = []
        if result is not None:
            changes += [f"+{g.principal} {g.access.value}" for g in result.added]
            changes += [f"-{c.principal}" for c in (*result.moved, *result.removed)]
            registry = result.registry
            if registry is not None:
                changes += [f"+{g.principal} {g.access.value} (group)" for g in registry.added]
                changes += [f"-{c.principal} (group)" for c in (*registry.moved, *registry.removed)]
                changes += ["package approved"] if registry.approved else []
                changes += ["group linked"] if registry.linked else []
                changes += [f"held: {registry.held}"] if registry.held else []
        else:
            changes.append(f"{entry.error_type}: {entry.error}")
        rows.append(
            (
                entry.arn.rsplit("/", 1)[-1] if entry.arn else entry.card,
                result.status.value if result is not None else None,
                entry.outcome.value,
                "; ".join(changes) or None,
            )
        )
    return table(("CARD", "STATUS", "OUTCOME", "CHANGES"), rows, empty="no cards")


def cmd_lifecycle_reconcile(env: Env, args: argparse.Namespace) -> int:
    """Sync every card of the home account; exit 3 if any card met an AWS error."""
    lifecycle = _lifecycle(env, "lifecycle reconcile")
    with Progress("reconciling cards", stream=env.err) as progress:
        report = lifecycle.reconcile(
            name_prefix=args.name_prefix,
            tags=dict(_parse_tag(t) for t in args.tag or ()),
            max_workers=args.max_workers,
            dry_run=args.dry_run,
            progress=progress,
        )
    counts = ", ".join(f"{n} {o}" for o, n in report.counts().items() if n)
    head = f"{'dry run: ' if report.dry_run else ''}{len(report.cards)} cards ({counts or 'none'})"
    env.show(Result(data=report.to_dict(), text=f"{head}\n{_reconcile_table(report)}"))
    return EXIT_AWS if report.failed else EXIT_OK
