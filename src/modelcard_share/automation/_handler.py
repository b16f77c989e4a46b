"""The event handler: SageMaker's events in, the lifecycle's convergence out.

For a model card event the handler syncs that card; for a model package event it syncs
the card linked to the package's group. Either way it reads the card's current state
and converges (:meth:`Lifecycle.reconcile_card`), so a duplicate, late or reordered
event changes nothing that is already right, and handling the same event twice makes
no write. Each action gets one structured (JSON) log line.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from attrs import evolve, field, frozen

from modelcard_share.domain import (
    AccessChange,
    CardReconciliation,
    Grant,
    Lifecycle,
    ReconcileOutcome,
    ReconcileReport,
)
from modelcard_share.errors import (
    ArgumentTypeError,
    ConfigurationError,
    InvalidTransitionError,
    NotFoundError,
)

from ._errors import EventError
from ._events import EventKind, SageMakerEvent

__all__ = ["STATUSES", "EventHandler", "EventOutcome", "HandlerReport", "Status"]

logger = logging.getLogger(__name__)

#: How handling one event ended: a card's :class:`ReconcileOutcome`, or ``skipped`` for an
#: event the handler does not act on.
Status = Literal["changed", "unchanged", "held", "refused", "gone", "failed", "skipped"]
#: Every status, the most important first (an event's status is its cards' first).
STATUSES: tuple[Status, ...] = (
    "failed",
    "refused",
    "held",
    "changed",
    "gone",
    "unchanged",
    "skipped",
)


@frozen(kw_only=True)
class EventOutcome:
    """What handling one event did.

    Attributes:
        event_id: The event's ``id``.
        detail_type: Its ``detail-type``.
        account: The account it came from.
        resource: The card or model package it names, when it names one.
        status: How it ended (the most important of its cards' outcomes).
        reason: Why it was skipped or failed, when it was.
        cards: The cards it synced (one; none when skipped).
        actions: The structured log lines written for it, in order.
    """

    event_id: str | None
    detail_type: str | None
    account: str | None
    resource: str | None
    status: Status
    reason: str | None = None
    cards: tuple[CardReconciliation, ...] = ()
    actions: tuple[Mapping[str, Any], ...] = field(default=(), eq=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the outcome as JSON-ready data."""
        return {
            "event_id": self.event_id,
            "detail_type": self.detail_type,
            "account": self.account,
            "resource": self.resource,
            "status": self.status,
            "reason": self.reason,
            "cards": [c.to_dict() for c in self.cards],
            "actions": [dict(a) for a in self.actions],
        }


@frozen(kw_only=True)
class HandlerReport:
    """What one invocation did with its events.

    Attributes:
        events: One outcome per event, in order.
    """

    events: tuple[EventOutcome, ...]

    @property
    def failed(self) -> tuple[EventOutcome, ...]:
        """The events whose card met an AWS error after retries (retry the invocation)."""
        return tuple(e for e in self.events if e.status == "failed")

    def counts(self) -> dict[str, int]:
        """Return the number of events per status (every status, zeros included)."""
        return {s: sum(1 for e in self.events if e.status == s) for s in STATUSES}

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data."""
        return {"counts": self.counts(), "events": [e.to_dict() for e in self.events]}


class EventHandler:
    """Apply the lifecycle to the card each SageMaker event names, idempotently.

    Args:
        lifecycle: The topology's lifecycle (its home account owns the cards).
        dry_run: Plan only: report what would change and write nothing.

    Example:
        >>> handler = EventHandler(Lifecycle(topology, factory))  # doctest: +SKIP
        >>> handler.handle_all(sandbox.events.drain()).counts()  # doctest: +SKIP
    """

    def __init__(self, lifecycle: Lifecycle, *, dry_run: bool = False) -> None:
        if not isinstance(lifecycle, Lifecycle):
            raise ArgumentTypeError(
                f"lifecycle must be a Lifecycle, got {type(lifecycle).__name__}"
            )
        if not isinstance(dry_run, bool):
            raise ArgumentTypeError(f"dry_run must be True or False, got {dry_run!r}")
        self._lifecycle = lifecycle
        self._dry_run = dry_run
        self._home = lifecycle.topology.home.account_id

    @property
    def lifecycle(self) -> Lifecycle:
        """The lifecycle the handler applies."""
        return self._lifecycle

    @property
    def dry_run(self) -> bool:
        """Whether the handler only plans."""
        return self._dry_run

    def __repr__(self) -> str:
        return f"EventHandler(home={self._home}, dry_run={self._dry_run})"

    def handle(self, event: object) -> EventOutcome:
        """Handle one event; never raises for a bad event or a failing card.

        A bad event is ``skipped`` with the reason; an AWS error after retries is
        ``failed`` (the caller decides whether to retry, as :func:`lambda_handler` does).
        """
        envelope: Mapping[str, Any] = event if isinstance(event, Mapping) else {}
        head = EventOutcome(
            event_id=_text(envelope.get("id")),
            detail_type=_text(envelope.get("detail-type")),
            account=_text(envelope.get("account")),
            resource=None,
            status="skipped",
        )
        try:
            parsed = SageMakerEvent.parse(event, home_account_id=self._home)
        except EventError as err:
            return self._finish(evolve(head, reason=str(err)))
        head = evolve(head, account=parsed.account, resource=parsed.resource_arn)
        try:
            cards = self._cards_of(parsed)
        except _Skip as skip:
            return self._finish(evolve(head, reason=str(skip)))
        except Exception as err:  # one event's failure never stops the others
            failed = evolve(head, status=_error_status(err), reason=f"{type(err).__name__}: {err}")
            return self._finish(failed, error=err)
        entries = tuple(self._reconcile(card, head.event_id) for card in cards)
        return self._finish(
            evolve(
                head,
                status=min((e.outcome.value for e in entries), key=STATUSES.index),
                reason="; ".join(e.error for e in entries if e.error) or None,
                cards=entries,
            )
        )

    def _reconcile(self, card: str, event_id: str | None) -> CardReconciliation:
        try:
            return self._lifecycle.reconcile_card(card, dry_run=self._dry_run, retry_not_found=True)
        except Exception as err:  # a bug, not an AWS error: report it, keep going
            logger.exception("handling event %s for %s", event_id, card)
            return CardReconciliation(
                card=card,
                arn=card,
                outcome=ReconcileOutcome.FAILED,
                error=str(err),
                error_type=type(err).__name__,
            )

    def handle_all(self, events: Iterable[object]) -> HandlerReport:
        """Handle every event in order and report each (one failing never stops the rest)."""
        return HandlerReport(events=tuple(self.handle(e) for e in events))

    def reconcile(
        self,
        *,
        name_prefix: str | None = None,
        tags: Mapping[str, str] | None = None,
        max_workers: int = 4,
        dry_run: bool | None = None,
    ) -> ReconcileReport:
        """Reconcile every card of the home account (the schedule's safety net), logging each.

        Args:
            name_prefix: Only cards whose name starts with this.
            tags: Only cards with every one of these tags.
            max_workers: How many cards are synced at the same time.
            dry_run: Plan only (default: the handler's ``dry_run``).

        Raises:
            ConfigurationError: A bad parameter (named in the message).
            AwsError: Listing the cards failed after retries.
        """
        report = self._lifecycle.reconcile(
            name_prefix=name_prefix,
            tags=tags,
            max_workers=max_workers,
            dry_run=self._dry_run if dry_run is None else dry_run,
        )
        for entry in report.cards:
            for line in _card_actions(entry, {"event_id": None, "account": self._home}):
                _log(line)
        return report

    # ------------------------------------------------------------------ internals

    def _cards_of(self, event: SageMakerEvent) -> Sequence[str]:
        if event.kind is EventKind.MODEL_CARD:
            assert event.card_arn is not None  # noqa: S101 - the parser sets it
            return (event.card_arn,)
        if self._lifecycle.registry is None:
            raise _Skip(
                "the topology has no [lifecycle.registry]: model package events are ignored"
            )
        assert event.group_arn is not None  # noqa: S101 - the parser sets it
        try:
            cards = self._lifecycle.linked_cards(event.group_arn)
        except NotFoundError:
            raise _Skip(f"model package group {event.group_arn} no longer exists") from None
        if not cards:
            raise _Skip(
                f"no model card is linked to model package group {event.group_arn} yet "
                "(the link is written when its card is first synced)"
            )
        return cards

    def _finish(self, outcome: EventOutcome, *, error: BaseException | None = None) -> EventOutcome:
        context = {
            "event_id": outcome.event_id,
            "detail_type": outcome.detail_type,
            "account": outcome.account,
        }
        if outcome.cards:
            lines = [line for entry in outcome.cards for line in _card_actions(entry, context)]
        else:
            lines = [
                {
                    **context,
                    "card": None,
                    "resource": outcome.resource,
                    "action": "skip" if outcome.status == "skipped" else "fail",
                    "result": outcome.status,
                    "reason": outcome.reason,
                }
            ]
        for line in lines:
            _log(line, error=error)
        return evolve(outcome, actions=tuple(lines))


class _Skip(Exception):  # noqa: N818 - a control-flow signal, not an error
    """The event names nothing to converge."""


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _error_status(err: BaseException) -> Status:
    if isinstance(err, (ConfigurationError, InvalidTransitionError)):
        return "refused"
    return "failed"


def _card_actions(entry: CardReconciliation, context: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One structured line per action taken (or planned) for one card."""
    card = {**context, "card": entry.arn or entry.card}
    result = entry.result
    if result is None:
        verb = {"gone": "gone", "refused": "refuse"}.get(entry.outcome.value, "fail")
        return [
            {
                **card,
                "action": verb,
                "result": entry.outcome.value,
                "reason": f"{entry.error_type}: {entry.error}",
            }
        ]
    done = "planned" if result.dry_run else "done"
    lines = _grant_lines(
        card, result.added, result.moved, result.removed, resource="model-card", done=done
    )
    registry = result.registry
    if registry is not None:
        group = {**card, "group": registry.group_arn}
        lines += _grant_lines(
            group,
            registry.added,
            registry.moved,
            registry.removed,
            resource="model-package-group",
            done=done,
        )
        if registry.approved:
            lines.append(
                {
                    **group,
                    "action": "approve-package",
                    "package": registry.package_arn,
                    "result": done,
                }
            )
        if registry.linked:
            lines.append({**group, "action": "link-group", "result": done})
        if registry.held:
            lines.append({**group, "action": "hold", "result": "held", "reason": registry.held})
    if not lines:
        note = registry.note if registry is not None else None
        lines.append(
            {
                **card,
                "action": "none",
                "status": result.status.value,
                "result": "unchanged",
                "reason": note,
            }
        )
    return lines


def _grant_lines(
    base: Mapping[str, Any],
    added: Sequence[Grant],
    moved: Sequence[AccessChange],
    removed: Sequence[AccessChange],
    *,
    resource: str,
    done: str,
) -> list[dict[str, Any]]:
    reasons = (
        (moved, "access level changed"),
        (removed, "its stage may not see the card at this status"),
    )
    lines: list[dict[str, Any]] = [
        {
            **base,
            "action": "unshare",
            "resource": resource,
            "account": c.principal,
            "access": c.removed.value if c.removed else None,
            "share": c.share_name,
            "reason": reason,
            "result": done,
        }
        for changes, reason in reasons
        for c in changes
    ]
    lines += [
        {
            **base,
            "action": "share",
            "resource": resource,
            "account": g.principal,
            "access": g.access.value,
            "share": g.share_name,
            "result": done,
        }
        for g in added
    ]
    return lines


def _log(line: Mapping[str, Any], *, error: BaseException | None = None) -> None:
    result = line.get("result")
    level = {"failed": logging.ERROR, "refused": logging.WARNING, "held": logging.WARNING}.get(
        str(result), logging.INFO
    )
    logger.log(
        level,
        json.dumps(line, sort_keys=True, default=str),
        exc_info=error,
        extra={"automation": dict(line)},
    )
