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

import boto3
from attrs import frozen

from modelcard_share.aws import (
    Access,
    Account,
    AccountClients,
    AccountTopology,
    SessionFactory,
    SessionLike,
    account_clients,
)
from modelcard_share.content import CardStatus
from modelcard_share.errors import (
    ArgumentTypeError,
    ConfigurationError,
    NotFoundError,
    TopologyError,
)

from ._arn import Principal
from ._card import ModelCard
from ._kinds import MODEL_CARD
from ._share import AccessChange, AssociationStatus, Grant, PrincipalAssociation, ResourceShare
from ._sharing import ShareKey, converge
from ._status import FORWARD, check_transition, next_status, path, to_status

__all__ = [
    "DEFAULT_STAGES",
    "AccountView",
    "Lifecycle",
    "LifecycleReport",
    "Promotion",
    "SyncResult",
    "sync_to_hub",
]

#: The seed's centralized pattern: the stage that first sees the card at each status.
DEFAULT_STAGES: Mapping[CardStatus, tuple[str, ...]] = {
    CardStatus.DRAFT: ("dev",),
    CardStatus.PENDING_REVIEW: ("test",),
    CardStatus.APPROVED: ("prod",),
}

#: Access levels from least to most.
_RANK = {Access.READ_ONLY: 0, Access.READ_WRITE: 1, Access.EXPORT: 2}


@frozen
class AccountView:
    """What one account of the topology can do with the card, and what it should.

    Attributes:
        name: The account's topology name.
        account_id: Its 12-digit id.
        stage: The stage it serves.
        expected: The access the lifecycle gives it at the card's status (``None``: none).
        grants: Every association of the account with the card's shares (live or failed);
            an account in two shares has two.
    """

    name: str
    account_id: str
    stage: str | None
    expected: Access | None
    grants: tuple[PrincipalAssociation, ...] = ()

    @property
    def live(self) -> tuple[PrincipalAssociation, ...]:
        """The grants that give access now or soon (ASSOCIATED or ASSOCIATING)."""
        return tuple(g for g in self.grants if g.status.is_live)

    @property
    def access(self) -> Access | None:
        """The highest access level the account holds (``None``: none)."""
        levels = [g.access for g in self.live if g.access is not None]
        return max(levels, key=_RANK.__getitem__) if levels else None

    @property
    def status(self) -> AssociationStatus | None:
        """The association status of the grant at :attr:`access` (or of a failed grant)."""
        chosen = [g for g in self.live if g.access is self.access] or list(self.grants)
        return chosen[0].status if chosen else None

    @property
    def converged(self) -> bool:
        """Whether the account holds exactly the expected access, through one grant."""
        if self.expected is None:
            return not self.live
        return len(self.live) == 1 and self.live[0].access is self.expected

    @property
    def excess(self) -> bool:
        """Whether the account holds more access than its stage allows now."""
        if self.expected is None:
            return bool(self.live)
        return len(self.live) > 1 or any(
            g.access is not None and _RANK[g.access] > _RANK[self.expected] for g in self.live
        )


@frozen
class LifecycleReport:
    """Where a card is in the lifecycle and who can do what with it.

    Attributes:
        card_arn: The card.
        status: Its status.
        stages: The stages that should see it at this status.
        accounts: Every account of the topology except the home account.
        others: Associations of principals that are not topology accounts (OUs, the
            organization, accounts shared by hand); the lifecycle leaves them alone.
    """

    card_arn: str
    status: CardStatus
    stages: tuple[str, ...]
    accounts: tuple[AccountView, ...]
    others: tuple[PrincipalAssociation, ...] = ()

    @property
    def converged(self) -> bool:
        """Whether every topology account holds exactly the access its stage allows."""
        return all(view.converged for view in self.accounts)

    @property
    def conflicts(self) -> tuple[AccountView, ...]:
        """The accounts that hold more access than their stage allows now."""
        return tuple(view for view in self.accounts if view.excess)

    def _repr_html_(self) -> str:
        """Render the topology as a picture (inline SVG) in a notebook; never raises."""
        from ._display import lifecycle_html, safe_html  # noqa: PLC0415 - display only

        return safe_html(lambda: lifecycle_html(self), self)


@frozen(kw_only=True)
class SyncResult:
    """What :meth:`Lifecycle.sync` changed to make the card's sharing match its status.

    Attributes:
        card_arn: The card.
        status: Its status, as read.
        shares: The shares that now hold the stages' accounts.
        added: Grants made.
        moved: Grants removed because the account now has another access level.
        removed: Grants removed because the account's stage may not see the card now.
    """

    card_arn: str
    status: CardStatus
    shares: tuple[ResourceShare, ...] = ()
    added: tuple[Grant, ...] = ()
    moved: tuple[AccessChange, ...] = ()
    removed: tuple[AccessChange, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether any grant was made or removed."""
        return bool(self.added or self.moved or self.removed)


@frozen(kw_only=True)
class Promotion(SyncResult):
    """What :meth:`Lifecycle.promote` did: the status change and the sharing that followed.

    Attributes:
        previous: The status before the call.
    """

    previous: CardStatus


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
    return _parse_stages(raw, field="lifecycle.stages")


def _parse_stages(raw: Mapping[Any, Any], *, field: str) -> dict[CardStatus, tuple[str, ...]]:
    """Check a status -> stage name(s) table (the topology file's, or ``stages=``)."""
    stages: dict[CardStatus, tuple[str, ...]] = {}
    for key, value in raw.items():
        try:
            status = CardStatus(key)
        except ValueError:
            allowed = ", ".join(s.value for s in CardStatus)
            raise TopologyError(f"{key!r} is not a card status ({allowed})", field=field) from None
        names = (value,) if isinstance(value, str) else value
        if not isinstance(names, (list, tuple)) or not names:
            names = ()
        if not names or not all(isinstance(n, str) and n for n in names):
            raise TopologyError(
                f"must be a stage name or a list of them, got {value!r}", field=f"{field}.{key}"
            )
        stages[status] = tuple(names)
    return stages


class Lifecycle:
    """Promote cards through Draft, PendingReview, Approved and Archived, sharing exactly.

    At each status, the accounts of that status's stage and of every earlier stage hold
    the access level the topology gives them (``access``), and no other topology account
    holds any: :meth:`promote` and :meth:`sync` add, move and remove grants to make it so.

    Args:
        topology: The accounts; the card lives in ``topology.home``.
        factory: Makes the owner's clients (default: ``SessionFactory(topology)``).
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
        if not isinstance(topology, AccountTopology):
            raise ArgumentTypeError(
                f"topology must be an AccountTopology, got {type(topology).__name__}"
            )
        if factory is not None and not isinstance(factory, SessionFactory):
            raise ArgumentTypeError(
                f"factory must be a SessionFactory, got {type(factory).__name__}"
            )
        self.topology = topology
        self.factory = factory if factory is not None else SessionFactory(topology)
        if stages is None:
            self.stages = _stages_from(topology)
        elif isinstance(stages, Mapping):
            self.stages = _parse_stages(stages, field="stages")
        else:
            raise ArgumentTypeError(
                f"stages must be a mapping of status to stage name(s), got {type(stages).__name__}"
            )
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
        target = to_status(status)
        seen: list[str] = []
        for step in FORWARD[: FORWARD.index(target) + 1]:
            seen.extend(s for s in self.stages.get(step, ()) if s not in seen)
        return tuple(seen)

    def expected_access(self, status: CardStatus | str) -> dict[str, Access]:
        """Return account name -> the access the lifecycle gives it at ``status``."""
        home = self.topology.home.name
        return {
            account.name: account.access
            for stage in self.visible_stages(status)
            for account in self._accounts_of(stage)
            if account.name != home
        }

    @property
    def owner(self) -> AccountClients:
        """The home (owner) account's clients."""
        return self.factory.clients(self.topology.home.name)

    def owner_session(self) -> boto3.Session:
        """Return a boto3 session of the home (owner) account."""
        return self.factory.session(self.topology.home.name)

    def load(self, name_or_arn: str) -> ModelCard:
        """Load a card from the home account, ready for :meth:`promote`."""
        return ModelCard.load(name_or_arn, session=self.owner, topology=self.topology)

    def _converge(self, card: ModelCard) -> SyncResult:
        status = card.status
        expected = self.expected_access(status)
        grant: dict[Principal, ShareKey] = {}
        revoke: dict[Principal, Access | None] = {}
        for account in self.topology:
            if account.name == self.topology.home.name:
                continue
            principal = Principal(account.account_id, "account", label=account.name)
            if account.name in expected:
                grant[principal] = (expected[account.name], account.external)
            else:
                revoke[principal] = None
        outcome = converge(card.context, MODEL_CARD.parse(card.arn), grant=grant, revoke=revoke)
        used = {(a, e) for a, e in grant.values()}
        return SyncResult(
            card_arn=card.arn,
            status=status,
            shares=tuple(share for key, share in outcome.shares.items() if key in used),
            added=outcome.added,
            moved=outcome.moved,
            removed=outcome.removed,
        )

    def promote(self, card: ModelCard, *, to: CardStatus | str | None = None) -> Promotion:
        """Move the card one step forward and share it exactly with the stages that see it.

        Idempotent with ``to``: when the card is already at ``to``, only the sharing is
        made sure of, so a re-run after a crash converges. Without ``to``, each call moves
        one step.

        Raises:
            InvalidTransitionError: The card is Archived, or ``to`` is not allowed from the
                card's status.
        """
        self._check_card(card)
        target = None if to is None else to_status(to, argument="to")
        previous = card.refresh().status
        if target is None:
            target = next_status(card.name, previous)
        check_transition(card.name, previous, target)
        card.set_status(target)
        result = self._converge(card)
        return Promotion(
            previous=previous,
            card_arn=result.card_arn,
            status=result.status,
            shares=result.shares,
            added=result.added,
            moved=result.moved,
            removed=result.removed,
        )

    def sync(self, card: ModelCard) -> SyncResult:
        """Make the card's sharing match its current status (read from AWS, not trusted).

        Adds what is missing, moves accounts to their stage's access level, and removes
        topology accounts whose stage may not see the card now. Running it again when
        nothing changed makes no write.
        """
        self._check_card(card)
        card.refresh()
        return self._converge(card)

    def status(self, card: ModelCard) -> LifecycleReport:
        """Report where the card is, who holds which access, and who should."""
        self._check_card(card)
        card.refresh()
        associations = [
            a for a in card.principals() if a.status.is_live or a.status is AssociationStatus.FAILED
        ]
        expected = self.expected_access(card.status)
        ids = {a.account_id for a in self.topology}
        views = tuple(
            AccountView(
                name=account.name,
                account_id=account.account_id,
                stage=self._stage_of(account),
                expected=expected.get(account.name),
                grants=tuple(a for a in associations if a.entity == account.account_id),
            )
            for account in self.topology
            if account.name != self.topology.home.name
        )
        return LifecycleReport(
            card_arn=card.arn,
            status=card.status,
            stages=self.visible_stages(card.status),
            accounts=views,
            others=tuple(a for a in associations if a.entity not in ids),
        )

    def _check_card(self, card: object) -> None:
        if not isinstance(card, ModelCard):
            raise ArgumentTypeError(f"card must be a ModelCard, got {type(card).__name__}")


def sync_to_hub(
    spoke: ModelCard, hub_session: SessionLike, *, name: str | None = None
) -> ModelCard:
    """Copy a spoke account's card into the hub (central) account; idempotent.

    Creates the hub card when missing, otherwise updates its content only when it differs
    as JSON (``1``, ``1.0`` and ``true`` are different), then walks the hub card to the
    spoke card's status. Keys the SDK does not model are copied as they are.

    Raises:
        ArchivedCardError: The hub card is Archived and the content differs.
    """
    if not isinstance(spoke, ModelCard):
        raise ArgumentTypeError(f"spoke must be a ModelCard, got {type(spoke).__name__}")
    if hub_session is None:
        raise ArgumentTypeError("hub_session is required: the hub account's session")
    hub_clients = account_clients(hub_session)
    if hub_clients is spoke.context.clients:
        raise ConfigurationError("the hub session must belong to the hub account, not the spoke")
    target = spoke.name if name is None else name
    try:
        hub = ModelCard.load(target, session=hub_clients, retry=spoke.context.retry)
    except NotFoundError:
        hub = ModelCard.create(
            target, content=spoke.content, session=hub_clients, retry=spoke.context.retry
        )
    if hub.content != spoke.content:  # content equality is exact JSON
        hub.update(spoke.content)
    if hub.status is not spoke.status:
        for step in path(hub.status, spoke.status):
            hub.set_status(step)
    return hub
