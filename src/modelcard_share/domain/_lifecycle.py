"""The centralized lifecycle: which stage sees a card at which status, with which access.

The card lives in the topology's home account. At each status, the accounts of
that status's stage (and of every earlier stage) can see it, each with the
access level the topology gives the account::

    Draft          -> dev   (read-write)
    PendingReview  -> test
    Approved       -> prod  (read-only, when the topology says so)

The mapping comes from the topology file's ``[lifecycle.stages]`` table::

    [lifecycle.stages]
    Draft = "dev"
    PendingReview = "test"
    Approved = ["prod", "prod-eu"]

and defaults to the one above. Accounts serve a stage through their ``stage``
field; an account without one serves the stage of its own name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from attrs import frozen

from modelcard_share.aws import (
    Access,
    Account,
    AccountTopology,
    SessionFactory,
    SessionLike,
    account_clients,
)
from modelcard_share.content import CardStatus
from modelcard_share.errors import (
    ConfigurationError,
    InvalidTransitionError,
    NotFoundError,
    TopologyError,
)

from ._card import TRANSITIONS, ModelCard
from ._share import AssociationStatus, ResourceShare

__all__ = [
    "DEFAULT_STAGES",
    "FORWARD",
    "AccountView",
    "Lifecycle",
    "LifecycleReport",
    "Promotion",
    "sync_to_hub",
]

#: The seed's centralized pattern: the stage that first sees the card at each status.
DEFAULT_STAGES: Mapping[CardStatus, tuple[str, ...]] = {
    CardStatus.DRAFT: ("dev",),
    CardStatus.PENDING_REVIEW: ("test",),
    CardStatus.APPROVED: ("prod",),
}

#: The forward path of a card; promote moves one step along it.
FORWARD: tuple[CardStatus, ...] = (
    CardStatus.DRAFT,
    CardStatus.PENDING_REVIEW,
    CardStatus.APPROVED,
    CardStatus.ARCHIVED,
)


@frozen
class AccountView:
    """What one account of the topology can do with the card.

    Attributes:
        name: The account's topology name.
        account_id: Its 12-digit id.
        stage: The stage it serves.
        access: The access level it has, ``None`` when the card is not shared with it.
        status: The association status, ``None`` when the card is not shared with it.
    """

    name: str
    account_id: str
    stage: str | None
    access: Access | None
    status: AssociationStatus | None


@frozen
class LifecycleReport:
    """Where a card is in the lifecycle and who can see it.

    Attributes:
        card_arn: The card.
        status: Its status.
        stages: The stages that should see it at this status.
        accounts: Every account of the topology except the home account, with its access.
    """

    card_arn: str
    status: CardStatus
    stages: tuple[str, ...]
    accounts: tuple[AccountView, ...]

    @property
    def converged(self) -> bool:
        """Whether exactly the expected stages' accounts have live access."""
        return all((v.stage in self.stages) == (v.access is not None) for v in self.accounts)


@frozen
class Promotion:
    """What :meth:`Lifecycle.promote` did.

    Attributes:
        previous: The status before the call.
        status: The status after the call.
        shares: The shares that now hold the stages' accounts.
    """

    previous: CardStatus
    status: CardStatus
    shares: tuple[ResourceShare, ...]


def _stages_from(topology: AccountTopology) -> dict[CardStatus, tuple[str, ...]]:
    table = topology.extra.get("lifecycle", {})
    if not isinstance(table, Mapping):
        raise TopologyError("must be a table", field="lifecycle")
    unknown = set(table) - {"stages"}
    if unknown:
        raise TopologyError(f"unknown keys {sorted(unknown)}", field="lifecycle")
    raw = table.get("stages")
    if raw is None:
        return dict(DEFAULT_STAGES)
    if not isinstance(raw, Mapping):
        raise TopologyError("must be a table of status = stage(s)", field="lifecycle.stages")
    stages: dict[CardStatus, tuple[str, ...]] = {}
    for key, value in raw.items():
        try:
            status = CardStatus(key)
        except ValueError:
            allowed = ", ".join(s.value for s in CardStatus)
            raise TopologyError(
                f"{key!r} is not a card status ({allowed})", field="lifecycle.stages"
            ) from None
        names = (value,) if isinstance(value, str) else tuple(value)
        if not names or not all(isinstance(n, str) and n for n in names):
            raise TopologyError(
                f"must be a stage name or a list of them, got {value!r}",
                field=f"lifecycle.stages.{key}",
            )
        stages[status] = names
    return stages


class Lifecycle:
    """Promote cards through Draft, PendingReview, Approved and Archived, sharing as they go.

    Args:
        topology: The accounts; the card lives in ``topology.home``.
        factory: Makes the owner's session (default: ``SessionFactory(topology)``).
        stages: Status -> stage names; default: the topology's ``[lifecycle.stages]``
            or :data:`DEFAULT_STAGES`.
    """

    def __init__(
        self,
        topology: AccountTopology,
        factory: SessionFactory | None = None,
        *,
        stages: Mapping[CardStatus | str, str | Sequence[str]] | None = None,
    ) -> None:
        self.topology = topology
        self.factory = factory if factory is not None else SessionFactory(topology)
        if stages is None:
            self.stages = _stages_from(topology)
        else:
            self.stages = {
                CardStatus(k): ((v,) if isinstance(v, str) else tuple(v)) for k, v in stages.items()
            }
        for names in self.stages.values():
            for name in names:
                if not self._accounts_of(name):
                    raise TopologyError(
                        f'stage {name!r} has no account (set `stage = "{name}"` on one, '
                        f"or name an account {name!r})",
                        field="lifecycle.stages",
                    )

    def _accounts_of(self, stage: str) -> tuple[Account, ...]:
        staged = self.topology.by_stage(stage)
        if staged:
            return staged
        return tuple(a for a in self.topology if a.name == stage and a.stage is None)

    def _stage_of(self, account: Account) -> str:
        return account.stage or account.name

    def visible_stages(self, status: CardStatus | str) -> tuple[str, ...]:
        """Return the stages that see a card at ``status`` (this and every earlier step)."""
        target = CardStatus(status)
        seen: list[str] = []
        for step in FORWARD[: FORWARD.index(target) + 1]:
            seen.extend(s for s in self.stages.get(step, ()) if s not in seen)
        return tuple(seen)

    def owner_session(self) -> Any:
        """Return the boto3 session of the home (owner) account."""
        return self.factory.session(self.topology.home.name)

    def load(self, name_or_arn: str) -> ModelCard:
        """Load a card from the home account, ready for :meth:`promote`."""
        return ModelCard.load(
            name_or_arn,
            session=self.owner_session(),
            retry=self.factory.retry,
            topology=self.topology,
        )

    def _ensure_shares(self, card: ModelCard, status: CardStatus) -> tuple[ResourceShare, ...]:
        shares: dict[str, ResourceShare] = {}
        for stage in self.visible_stages(status):
            for account in self._accounts_of(stage):
                if account.name == self.topology.home.name:
                    continue
                share = card.share_with(account.account_id, access=account.access)
                shares[share.arn] = share
        return tuple(shares.values())

    def promote(self, card: ModelCard, *, to: CardStatus | str | None = None) -> Promotion:
        """Move the card one step forward and share it with that step's stage.

        Idempotent with ``to``: when the card is already at ``to``, only the
        shares are made sure of, so a re-run after a crash converges. Without
        ``to``, each call moves one step.

        Raises:
            InvalidTransitionError: The card is Archived, or ``to`` is not one step ahead.
        """
        previous = card.refresh().status
        if to is None:
            index = FORWARD.index(previous)
            if index + 1 >= len(FORWARD):
                raise InvalidTransitionError(
                    f"model card {card.name} is {previous.value}, the end of the lifecycle",
                    current=previous.value,
                )
            target = FORWARD[index + 1]
        else:
            target = CardStatus(to)
            if target is not previous and target not in TRANSITIONS[previous]:
                raise InvalidTransitionError(
                    f"model card {card.name} cannot be promoted from {previous.value} "
                    f"to {target.value}",
                    current=previous.value,
                    requested=target.value,
                )
        card.set_status(target)
        return Promotion(previous, target, self._ensure_shares(card, target))

    def sync(self, card: ModelCard) -> tuple[ResourceShare, ...]:
        """Make sure every stage that should see the card at its status does."""
        return self._ensure_shares(card, card.refresh().status)

    def status(self, card: ModelCard) -> LifecycleReport:
        """Report where the card is and which accounts can see it, with which access."""
        card.refresh()
        live = {
            a.entity: a
            for a in card.principals()
            if a.status.is_live or a.status is AssociationStatus.FAILED
        }
        views = []
        for account in self.topology:
            if account.name == self.topology.home.name:
                continue
            assoc = live.get(account.account_id)
            views.append(
                AccountView(
                    name=account.name,
                    account_id=account.account_id,
                    stage=self._stage_of(account),
                    access=assoc.access if assoc else None,
                    status=assoc.status if assoc else None,
                )
            )
        return LifecycleReport(
            card_arn=card.arn,
            status=card.status,
            stages=self.visible_stages(card.status),
            accounts=tuple(views),
        )


def _path(start: CardStatus, goal: CardStatus) -> list[CardStatus]:
    """Return the shortest list of statuses from ``start`` to ``goal`` (excluding start)."""
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


def sync_to_hub(
    spoke: ModelCard, hub_session: SessionLike, *, name: str | None = None
) -> ModelCard:
    """Copy a spoke account's card into the hub (central) account; idempotent.

    Creates the hub card when missing, otherwise updates its content only when
    it differs (each real change is a new hub version), then walks the hub card
    to the spoke card's status. Keys the SDK does not model are copied as they are.

    Raises:
        ArchivedCardError: The hub card is Archived and the content differs.
    """
    target = name or spoke.name
    if account_clients(hub_session) is spoke.context.clients:
        raise ConfigurationError("the hub session must belong to the hub account, not the spoke")
    try:
        hub = ModelCard.load(target, session=hub_session, retry=spoke.context.retry)
    except NotFoundError:
        hub = ModelCard.create(
            target, content=spoke.content, session=hub_session, retry=spoke.context.retry
        )
    if hub.content.to_dict() != spoke.content.to_dict():
        hub.update(spoke.content)
    if hub.status is not spoke.status:
        for step in _path(hub.status, spoke.status):
            hub.set_status(step)
    return hub
