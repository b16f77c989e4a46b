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

``[lifecycle.registry]`` links each card to its model package group in the central
model registry (see :mod:`modelcard_share.domain._registry`): the group is shared
alongside the card, and the card's approval can approve, or require, its model package.

:meth:`Lifecycle.sync` converges one card (``dry_run=True`` plans the same writes and
makes none); :meth:`Lifecycle.reconcile` converges every card of the home account with
bounded concurrency, the safety net for events that never arrived.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import boto3
from attrs import frozen

from modelcard_share.aws import (
    Access,
    Account,
    AccountClients,
    AccountTopology,
    ProgressHook,
    SessionFactory,
    SessionLike,
    account_clients,
)
from modelcard_share.content import CardStatus
from modelcard_share.errors import (
    ArgumentTypeError,
    ConfigurationError,
    InvalidTransitionError,
    ModelCardShareError,
    NotFoundError,
    TopologyError,
)

from . import _args
from ._arn import Principal
from ._card import ModelCard
from ._context import resolve_context
from ._kinds import MODEL_CARD, MODEL_PACKAGE_GROUP, ShareableKind
from ._package_group import ModelPackageGroup, add_tags, resource_tags
from ._registry import (
    OnApprove,
    RegistryLink,
    RegistryPolicy,
    after_approval,
    refusal,
    resolve_link,
)
from ._share import AccessChange, AssociationStatus, Grant, PrincipalAssociation, ResourceShare
from ._sharing import ShareKey, converge
from ._status import FORWARD, check_transition, next_status, path, to_status

__all__ = [
    "DEFAULT_STAGES",
    "AccountView",
    "CardReconciliation",
    "Lifecycle",
    "LifecycleReport",
    "Promotion",
    "ReconcileOutcome",
    "ReconcileReport",
    "RegistrySync",
    "SyncResult",
    "sync_to_hub",
]

logger = logging.getLogger(__name__)

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


def _grants_data(grants: Sequence[Grant]) -> list[dict[str, Any]]:
    return [
        {"principal": g.principal, "access": g.access.value, "share": g.share_name} for g in grants
    ]


def _changes_data(changes: Sequence[AccessChange]) -> list[dict[str, Any]]:
    return [
        {
            "principal": c.principal,
            "removed": c.removed.value if c.removed else None,
            "share": c.share_name,
        }
        for c in changes
    ]


@frozen(kw_only=True)
class RegistrySync:
    """What the ``[lifecycle.registry]`` policy did for one card's model package group.

    Attributes:
        group_arn: The card's model package group, when it has one in its account.
        package_arn: The card's model package, when the policy looked at it.
        approval_status: That package's ``ModelApprovalStatus`` after the call.
        added: Grants of the group made.
        moved: Grants of the group removed because the account has another level now.
        removed: Grants of the group removed because the account may not see the card.
        approved: The call set the package to Approved (``on_approve = "approve-package"``).
        linked: The call tagged the group with the card's ARN (the group's link to it).
        held: Why ``require-approved-package`` shares the Approved card as if it were
            PendingReview (the :class:`~modelcard_share.errors.RegistryPolicyError`
            message), if it does.
        note: Why the policy had no group or package to act on, if so.
    """

    group_arn: str | None = None
    package_arn: str | None = None
    approval_status: str | None = None
    added: tuple[Grant, ...] = ()
    moved: tuple[AccessChange, ...] = ()
    removed: tuple[AccessChange, ...] = ()
    approved: bool = False
    linked: bool = False
    held: str | None = None
    note: str | None = None

    @property
    def changed(self) -> bool:
        """Whether the call wrote (or, in a dry run, would write) anything."""
        return bool(self.added or self.moved or self.removed or self.approved or self.linked)

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-ready data."""
        return {
            "group": self.group_arn,
            "package": self.package_arn,
            "approval_status": self.approval_status,
            "added": _grants_data(self.added),
            "moved": _changes_data(self.moved),
            "removed": _changes_data(self.removed),
            "approved": self.approved,
            "linked": self.linked,
            "held": self.held,
            "note": self.note,
        }


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
        registry: What the ``[lifecycle.registry]`` policy did, when the topology has one.
        dry_run: Nothing was written: the grants and registry changes are what a real
            run would make (a grant into a share that does not exist yet has an empty
            ``share_arn``).
    """

    card_arn: str
    status: CardStatus
    shares: tuple[ResourceShare, ...] = ()
    added: tuple[Grant, ...] = ()
    moved: tuple[AccessChange, ...] = ()
    removed: tuple[AccessChange, ...] = ()
    registry: RegistrySync | None = None
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        """Whether any grant was made or removed (or the registry policy wrote)."""
        registry = self.registry is not None and self.registry.changed
        return bool(self.added or self.moved or self.removed or registry)

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-ready data."""
        return {
            "card": self.card_arn,
            "status": self.status.value,
            "changed": self.changed,
            "dry_run": self.dry_run,
            "added": _grants_data(self.added),
            "moved": _changes_data(self.moved),
            "removed": _changes_data(self.removed),
            "registry": self.registry.to_dict() if self.registry is not None else None,
        }


@frozen(kw_only=True)
class Promotion(SyncResult):
    """What :meth:`Lifecycle.promote` did: the status change and the sharing that followed.

    Attributes:
        previous: The status before the call.
    """

    previous: CardStatus


class ReconcileOutcome(str, enum.Enum):
    """How reconciling one card ended.

    ``CHANGED`` and ``UNCHANGED``: the card converged (in a dry run: would change, or is
    converged). ``HELD``: it converged, but the registry policy holds an Approved card's
    sharing back at PendingReview. ``REFUSED``: a policy or configuration error that a
    retry will not fix. ``GONE``: the card no longer exists. ``FAILED``: an AWS error
    after the retry policy's retries; a later run may succeed.
    """

    CHANGED = "changed"
    UNCHANGED = "unchanged"
    HELD = "held"
    REFUSED = "refused"
    GONE = "gone"
    FAILED = "failed"


@frozen(kw_only=True)
class CardReconciliation:
    """The outcome of reconciling one card (from :meth:`Lifecycle.reconcile_card`).

    Attributes:
        card: The card as it was named (name or ARN).
        arn: The card's ARN, when known.
        outcome: How it ended.
        result: What the sync changed, when it ran.
        error: The error's message, when it ended with one.
        error_type: The error's class name, when it ended with one.
    """

    card: str
    arn: str | None
    outcome: ReconcileOutcome
    result: SyncResult | None = None
    error: str | None = None
    error_type: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the outcome as JSON-ready data."""
        return {
            "card": self.card,
            "arn": self.arn,
            "outcome": self.outcome.value,
            "result": self.result.to_dict() if self.result is not None else None,
            "error": self.error,
            "error_type": self.error_type,
        }


@frozen(kw_only=True)
class ReconcileReport:
    """What :meth:`Lifecycle.reconcile` did to every card it looked at.

    Attributes:
        cards: One entry per card, in the order SageMaker listed them.
        dry_run: Nothing was written; the entries say what a real run would change.
    """

    cards: tuple[CardReconciliation, ...]
    dry_run: bool = False

    def with_outcome(self, *outcomes: ReconcileOutcome) -> tuple[CardReconciliation, ...]:
        """Return the entries that ended with one of ``outcomes``."""
        return tuple(c for c in self.cards if c.outcome in outcomes)

    @property
    def failed(self) -> tuple[CardReconciliation, ...]:
        """The cards that met an AWS error after retries (a later run may succeed)."""
        return self.with_outcome(ReconcileOutcome.FAILED)

    def counts(self) -> dict[str, int]:
        """Return the number of cards per outcome (every outcome, zeros included)."""
        return {o.value: len(self.with_outcome(o)) for o in ReconcileOutcome}

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data."""
        return {
            "dry_run": self.dry_run,
            "counts": self.counts(),
            "cards": [c.to_dict() for c in self.cards],
        }


def _lifecycle_table(topology: AccountTopology) -> Mapping[str, Any]:
    table = topology.extra.get("lifecycle", {})
    if not isinstance(table, Mapping):
        raise TopologyError("must be a table", field="lifecycle")
    unknown = sorted(map(str, set(table) - {"stages", "registry"}))
    if unknown:
        raise TopologyError(f"unknown keys {unknown}; allowed: registry, stages", field="lifecycle")
    return table


def _registry_from(table: Mapping[str, Any]) -> RegistryPolicy | None:
    raw = table.get("registry")
    return None if raw is None else RegistryPolicy.from_table(raw)


def _stages_from(table: Mapping[str, Any]) -> dict[CardStatus, tuple[str, ...]]:
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
        registry: How cards link to the central model registry; default: the topology's
            ``[lifecycle.registry]`` (none when the file has no such table).

    Raises:
        TopologyError: The ``[lifecycle]`` table is invalid (the message names the field),
            or a stage has no account.
    """

    def __init__(
        self,
        topology: AccountTopology,
        factory: SessionFactory | None = None,
        *,
        stages: Mapping[CardStatus | str, str | Sequence[str]] | None = None,
        registry: RegistryPolicy | None = None,
    ) -> None:
        if not isinstance(topology, AccountTopology):
            raise ArgumentTypeError(
                f"topology must be an AccountTopology, got {type(topology).__name__}"
            )
        if factory is not None and not isinstance(factory, SessionFactory):
            raise ArgumentTypeError(
                f"factory must be a SessionFactory, got {type(factory).__name__}"
            )
        if registry is not None and not isinstance(registry, RegistryPolicy):
            raise ArgumentTypeError(
                f"registry must be a RegistryPolicy, got {type(registry).__name__}"
            )
        self.topology = topology
        self.factory = factory if factory is not None else SessionFactory(topology)
        table = _lifecycle_table(topology)
        self.registry: RegistryPolicy | None = (
            registry if registry is not None else _registry_from(table)
        )
        if stages is None:
            self.stages = _stages_from(table)
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

    def _grants(
        self, status: CardStatus, kind: ShareableKind
    ) -> tuple[dict[Principal, ShareKey], dict[Principal, Access | None]]:
        """Who must hold which access to a resource of ``kind`` at ``status``, and who none."""
        expected = self.expected_access(status)
        grant: dict[Principal, ShareKey] = {}
        revoke: dict[Principal, Access | None] = {}
        for account in self.topology:
            if account.name == self.topology.home.name:
                continue
            principal = Principal(account.account_id, "account", label=account.name)
            if account.name in expected:
                grant[principal] = (_level_for(kind, expected[account.name]), account.external)
            else:
                revoke[principal] = None
        return grant, revoke

    def _sync_card(self, card: ModelCard, *, dry_run: bool = False) -> SyncResult:
        """Converge a card as last read: its shares, then its registry link (one plan)."""
        status = card.status
        sharing = status
        link: RegistryLink | None = None
        held: str | None = None
        policy = self.registry
        if policy is not None:
            approving = after_approval(status) and policy.on_approve is not OnApprove.NONE
            link = resolve_link(policy, card, package=approving)
            if approving and policy.on_approve is OnApprove.REQUIRE_APPROVED_PACKAGE:
                refused = refusal(link, status)
                if refused is not None:
                    held, sharing = str(refused), CardStatus.PENDING_REVIEW
                    logger.warning("sharing %s as PendingReview: %s", card.name, held)
        grant, revoke = self._grants(sharing, MODEL_CARD)
        outcome = converge(card.context, card.resource, grant=grant, revoke=revoke, dry_run=dry_run)
        used = set(grant.values())
        registry = None
        if policy is not None and link is not None:
            registry = self._sync_registry(card, policy, link, sharing, held, dry_run=dry_run)
        return SyncResult(
            card_arn=card.arn,
            status=status,
            shares=tuple(share for key, share in outcome.shares.items() if key in used),
            added=outcome.added,
            moved=outcome.moved,
            removed=outcome.removed,
            registry=registry,
            dry_run=dry_run,
        )

    def _sync_registry(
        self,
        card: ModelCard,
        policy: RegistryPolicy,
        link: RegistryLink,
        sharing: CardStatus,
        held: str | None,
        *,
        dry_run: bool,
    ) -> RegistrySync:
        """Share the card's group like the card, approve its package, record the link."""
        group = link.group
        if group is None:
            return RegistrySync(held=held, note=link.problem)
        added: tuple[Grant, ...] = ()
        moved: tuple[AccessChange, ...] = ()
        removed: tuple[AccessChange, ...] = ()
        if policy.share_group:
            grant, revoke = self._grants(sharing, MODEL_PACKAGE_GROUP)
            outcome = converge(
                group.context, group.resource, grant=grant, revoke=revoke, dry_run=dry_run
            )
            added, moved, removed = outcome.added, outcome.moved, outcome.removed
        package = link.package
        approved = (
            policy.on_approve is OnApprove.APPROVE_PACKAGE
            and card.status is CardStatus.APPROVED
            and package is not None
            and not package.approved
        )
        if approved and not dry_run and package is not None:
            package = group.approve(package, description=f"model card {card.name} is Approved")
        linked = group.tags().get(MODEL_CARD.tag_key) != card.arn
        if linked and not dry_run:
            add_tags(group.context, group.arn, {MODEL_CARD.tag_key: card.arn})
            logger.info("linked model package group %s to card %s", group.name, card.name)
        return RegistrySync(
            group_arn=group.arn,
            package_arn=package.arn if package is not None else None,
            approval_status=package.approval_status if package is not None else None,
            added=added,
            moved=moved,
            removed=removed,
            approved=approved,
            linked=linked,
            held=held,
            note=link.problem,
        )

    def promote(self, card: ModelCard, *, to: CardStatus | str | None = None) -> Promotion:
        """Move the card one step forward and share it exactly with the stages that see it.

        Idempotent with ``to``: when the card is already at ``to``, only the sharing is
        made sure of, so a re-run after a crash converges. Without ``to``, each call moves
        one step. With ``[lifecycle.registry]``, the card's model package group is shared
        alongside it and its ``on_approve`` policy applies.

        Raises:
            InvalidTransitionError: The card is Archived, or ``to`` is not allowed from the
                card's status.
            RegistryPolicyError: ``on_approve = "require-approved-package"`` and the card's
                model package is not Approved (raised before any write).
        """
        self._check_card(card)
        target = None if to is None else to_status(to, argument="to")
        previous = card.refresh().status
        if target is None:
            target = next_status(card.name, previous)
        check_transition(card.name, previous, target)
        policy = self.registry
        if (
            target is CardStatus.APPROVED
            and policy is not None
            and policy.on_approve is OnApprove.REQUIRE_APPROVED_PACKAGE
        ):
            refused = refusal(resolve_link(policy, card, package=True), previous)
            if refused is not None:
                raise refused
        card.set_status(target)
        result = self._sync_card(card)
        return Promotion(
            previous=previous,
            card_arn=result.card_arn,
            status=result.status,
            shares=result.shares,
            added=result.added,
            moved=result.moved,
            removed=result.removed,
            registry=result.registry,
        )

    def sync(self, card: ModelCard, *, dry_run: bool = False) -> SyncResult:
        """Make the card's sharing match its current status (read from AWS, not trusted).

        Adds what is missing, moves accounts to their stage's access level, and removes
        topology accounts whose stage may not see the card now. With
        ``[lifecycle.registry]`` it does the same for the card's model package group and
        applies the ``on_approve`` policy. Running it again when nothing changed makes no
        write.

        Args:
            card: A card of the home account.
            dry_run: Read and plan only: the result lists what a real run would change.
        """
        self._check_card(card)
        _args.check_bool("dry_run", dry_run)
        card.refresh()
        return self._sync_card(card, dry_run=dry_run)

    def reconcile_card(
        self, card: str, *, dry_run: bool = False, retry_not_found: bool = False
    ) -> CardReconciliation:
        """Load one card of the home account by name or ARN and sync it.

        Errors are reported in the result, never raised: an AWS error after retries is
        ``FAILED``, a policy or configuration error ``REFUSED``, a card that no longer
        exists ``GONE``.

        Args:
            card: The card's name or ARN.
            dry_run: Read and plan only.
            retry_not_found: A card not found is read again within the retry policy's
                eventual-consistency budget before it counts as gone (an event can
                arrive before SageMaker shows the new card).

        Raises:
            ArgumentTypeError: ``card`` is not a string, or a flag not a bool.
        """
        name = _args.check_str("card", card)
        _args.check_bool("dry_run", dry_run)
        _args.check_bool("retry_not_found", retry_not_found)
        arn = name if MODEL_CARD.arn_pattern.fullmatch(name) else None
        try:
            if retry_not_found:
                loaded = self.factory.retry.eventually(
                    self.load, name, what=f"read model card {name}"
                )
            else:
                loaded = self.load(name)
            arn = loaded.arn
            result = self._sync_card(loaded, dry_run=dry_run)
        except ModelCardShareError as err:
            outcome = _error_outcome(err, (name, arn))
            logger.log(
                logging.ERROR if outcome is ReconcileOutcome.FAILED else logging.WARNING,
                "reconciling %s: %s",
                name,
                err,
            )
            return CardReconciliation(
                card=name, arn=arn, outcome=outcome, error=str(err), error_type=type(err).__name__
            )
        if result.registry is not None and result.registry.held:
            outcome = ReconcileOutcome.HELD
        elif result.changed:
            outcome = ReconcileOutcome.CHANGED
        else:
            outcome = ReconcileOutcome.UNCHANGED
        return CardReconciliation(card=name, arn=arn, outcome=outcome, result=result)

    def reconcile(
        self,
        *,
        name_prefix: str | None = None,
        tags: Mapping[str, str] | None = None,
        max_workers: int = 4,
        dry_run: bool = False,
        progress: ProgressHook | None = None,
    ) -> ReconcileReport:
        """Sync every card of the home account (in its region), a few at a time.

        The safety net for lost events: run it on a schedule. Each card is loaded and
        synced as :meth:`reconcile_card` does, so one card's error never stops the others.

        Args:
            name_prefix: Only cards whose name starts with this.
            tags: Only cards that carry every one of these tags (one ListTags per card).
            max_workers: How many cards are synced at the same time (1-64).
            dry_run: Read and plan only: report what a real run would change.
            progress: Counts the cards as they finish (``advance``); its ``total`` is set
                to the number of cards when it is ``None``.

        Raises:
            ArgumentTypeError: An argument has the wrong type.
            ConfigurationError: ``max_workers`` is out of range or a tag is empty.
            AwsError: Listing the cards failed (after retries).
        """
        prefix = _args.check_optional_str("name_prefix", name_prefix)
        wanted = _check_tags(tags)
        workers = _check_workers(max_workers)
        _args.check_bool("dry_run", dry_run)
        _args.check_counter(progress)
        summaries = [
            s
            for s in ModelCard.list(session=self.owner, name_contains=prefix)
            if prefix is None or s.name.startswith(prefix)
        ]
        ctx = resolve_context(self.owner)

        def one(arn: str) -> CardReconciliation | None:
            if wanted:
                try:
                    found = resource_tags(ctx, arn)
                except ModelCardShareError as err:
                    return CardReconciliation(
                        card=arn,
                        arn=arn,
                        outcome=_error_outcome(err, (arn,)),
                        error=str(err),
                        error_type=type(err).__name__,
                    )
                if any(found.get(k) != v for k, v in wanted.items()):
                    return None
            return self.reconcile_card(arn, dry_run=dry_run)

        if progress is not None and getattr(progress, "total", None) is None:
            progress.total = len(summaries)
        done: list[CardReconciliation] = []
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="reconcile") as pool:
            results = pool.map(one, [s.arn for s in summaries])
            for summary, result in zip(summaries, results, strict=True):
                if result is not None:
                    done.append(result)
                if progress is not None:  # from this thread only: hooks need not lock
                    progress.advance(summary.name)
        report = ReconcileReport(cards=tuple(done), dry_run=dry_run)
        logger.info("reconciled %d cards: %s", len(done), report.counts())
        return report

    def linked_cards(self, group: str) -> tuple[str, ...]:
        """Return the ARNs of the cards a model package group of the home account is linked to.

        The link is the group's ``modelcard-share:card`` tag, written when the card is
        first synced with ``[lifecycle.registry]``; a group no card was synced with yet
        has none.

        Raises:
            NotFoundError: No such group.
        """
        found = ModelPackageGroup.load(
            _args.check_str("group", group),
            session=self.owner,
            retry=self.owner.retry,
            topology=self.topology,
        )
        arn = found.tags().get(MODEL_CARD.tag_key)
        return (arn,) if arn else ()

    def status(self, card: ModelCard) -> LifecycleReport:
        """Report where the card is, who holds which access, and who should."""
        self._check_card(card)
        card.refresh()
        associations = [
            a for a in card.principals() if a.status.is_live or a.status is AssociationStatus.FAILED
        ]
        expected = self.expected_access(card.status)
        ids = {a.account_id for a in self.topology}
        by_entity: dict[str, list[PrincipalAssociation]] = {}
        for association in associations:
            by_entity.setdefault(association.entity, []).append(association)
        views = tuple(
            AccountView(
                name=account.name,
                account_id=account.account_id,
                stage=self._stage_of(account),
                expected=expected.get(account.name),
                grants=tuple(by_entity.get(account.account_id, ())),
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


def _level_for(kind: ShareableKind, access: Access) -> Access:
    """The kind's highest access level that is not above ``access``."""
    levels = [a for a in kind.access_levels if _RANK[a] <= _RANK[access]]
    if not levels:  # pragma: no cover - every kind has a read-only level
        raise ConfigurationError(f"a {kind.label} has no access level up to {access.value}")
    return max(levels, key=_RANK.__getitem__)


def _error_outcome(err: ModelCardShareError, card: Sequence[str | None]) -> ReconcileOutcome:
    if isinstance(err, NotFoundError) and err.resource in card:
        return ReconcileOutcome.GONE
    if isinstance(err, (ConfigurationError, InvalidTransitionError)):
        return ReconcileOutcome.REFUSED
    return ReconcileOutcome.FAILED


def _check_tags(tags: object) -> dict[str, str]:
    if tags is None:
        return {}
    if not isinstance(tags, Mapping):
        raise ArgumentTypeError(f"tags must be a mapping of str to str, got {type(tags).__name__}")
    for key, value in tags.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise ArgumentTypeError(f"tags must map str to str, got {key!r}: {value!r}")
        if not key:
            raise ConfigurationError("tags: a tag key must not be empty")
    return dict(tags)


#: The most cards :meth:`Lifecycle.reconcile` syncs at the same time.
MAX_WORKERS = 64


def _check_workers(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentTypeError(
            f"max_workers must be an integer, got {type(value).__name__} {value!r}"
        )
    if not 1 <= value <= MAX_WORKERS:
        raise ConfigurationError(f"max_workers must be 1-{MAX_WORKERS}, got {value}")
    return value


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
