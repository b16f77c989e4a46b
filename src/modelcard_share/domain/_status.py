"""The model card status machine: Draft -> PendingReview -> Approved -> Archived.

One place says which status changes the lifecycle allows; :class:`ModelCard` and
:class:`Lifecycle` both ask it. Forward one step at a time, or back to Draft for rework;
Archived is final.
"""

from __future__ import annotations

from collections.abc import Mapping

from modelcard_share.content import CardStatus
from modelcard_share.errors import InvalidTransitionError

from ._args import check_enum

__all__ = ["FORWARD", "TRANSITIONS", "check_transition", "next_status", "path", "to_status"]

#: The forward path of a card; promotion moves one step along it.
FORWARD: tuple[CardStatus, ...] = (
    CardStatus.DRAFT,
    CardStatus.PENDING_REVIEW,
    CardStatus.APPROVED,
    CardStatus.ARCHIVED,
)

#: The status changes the lifecycle allows: forward one step, or back to Draft for rework.
TRANSITIONS: Mapping[CardStatus, frozenset[CardStatus]] = {
    CardStatus.DRAFT: frozenset({CardStatus.PENDING_REVIEW}),
    CardStatus.PENDING_REVIEW: frozenset({CardStatus.APPROVED, CardStatus.DRAFT}),
    CardStatus.APPROVED: frozenset({CardStatus.ARCHIVED, CardStatus.DRAFT}),
    CardStatus.ARCHIVED: frozenset(),
}


def to_status(value: object, *, argument: str = "status") -> CardStatus:
    """Return ``value`` as a :class:`CardStatus`, or raise naming the argument.

    Raises:
        ArgumentTypeError: ``value`` is not a string.
        ConfigurationError: ``value`` is not one of the four statuses.
    """
    return check_enum(argument, value, CardStatus)


def check_transition(card: str, current: CardStatus, target: CardStatus) -> None:
    """Raise :class:`InvalidTransitionError` unless ``current -> target`` is allowed.

    Staying at the same status is allowed (it changes nothing).
    """
    if target is current or target in TRANSITIONS[current]:
        return
    allowed = ", ".join(s.value for s in FORWARD if s in TRANSITIONS[current]) or "none"
    raise InvalidTransitionError(
        f"model card {card} cannot go from {current.value} to {target.value} "
        f"(allowed from {current.value}: {allowed})",
        current=current.value,
        requested=target.value,
    )


def next_status(card: str, current: CardStatus) -> CardStatus:
    """Return the status one step forward of ``current``.

    Raises:
        InvalidTransitionError: ``current`` is Archived, the end of the lifecycle.
    """
    index = FORWARD.index(current)
    if index + 1 >= len(FORWARD):
        raise InvalidTransitionError(
            f"model card {card} is {current.value}, the end of the lifecycle",
            current=current.value,
        )
    return FORWARD[index + 1]


def path(start: CardStatus, goal: CardStatus) -> list[CardStatus]:
    """Return the shortest list of allowed steps from ``start`` to ``goal`` (without start).

    Raises:
        InvalidTransitionError: No sequence of allowed steps leads there (from Archived).
    """
    frontier: list[list[CardStatus]] = [[start]]
    seen = {start}
    while frontier:
        route = frontier.pop(0)
        if route[-1] is goal:
            return route[1:]
        for nxt in sorted(TRANSITIONS[route[-1]], key=FORWARD.index):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append([*route, nxt])
    raise InvalidTransitionError(
        f"no lifecycle path from {start.value} to {goal.value}",
        current=start.value,
        requested=goal.value,
    )
