"""A hypothesis state machine over share, unshare, accept, update and status, against a model."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from modelcard_share import (
    Access,
    ArchivedCardError,
    AssociationStatus,
    CardContent,
    CardStatus,
    InvalidTransitionError,
    Invitation,
    ModelCard,
)
from modelcard_share.domain._status import TRANSITIONS
from modelcard_share.sandbox import Sandbox

from .conftest import ACCOUNTS, fast_retry

CONSUMERS = ("dev", "test", "prod")
CONTENTS = [
    {"model_overview": {"model_owner": "a"}},
    {"model_overview": {"model_owner": "b"}, "x_unknown": [1, {"k": "v"}]},
    {"intended_uses": {"risk_rating": "High"}},
]


class SharingMachine(RuleBasedStateMachine):
    """Drive one card in an invitation-mode sandbox and compare it with a plain model."""

    def __init__(self) -> None:
        super().__init__()
        self.sb = Sandbox(
            accounts=ACCOUNTS, organization=False, schema_extensions={"": {"x_unknown": {}}}
        ).start()
        self.retry = fast_retry(self.sb)
        self.card = ModelCard.create(
            "machine", session=self.sb.session("shared-services"), retry=self.retry
        )
        # model: access -> {account id: accepted?}
        self.members: dict[Access, dict[str, bool]] = {a: {} for a in Access}
        self.content: dict[str, Any] = {}
        self.version = 1
        self.status = CardStatus.DRAFT

    def teardown(self) -> None:
        self.sb.stop()

    @rule(name=st.sampled_from(CONSUMERS), access=st.sampled_from(list(Access)))
    def share(self, name: str, access: Access) -> None:
        account = self.sb.account_id(name)
        share = self.card.share_with(account, access=access, allow_external=True)
        moved = {m.removed for m in share.moved if m.principal == account}
        held = {a for a, members in self.members.items() if account in members and a is not access}
        assert moved == held, "share_with moves the account off every other access level"
        for other in held:
            self.members[other].pop(account)
        self.members[access].setdefault(account, False)

    @rule(name=st.sampled_from(CONSUMERS), access=st.sampled_from(list(Access)))
    def unshare(self, name: str, access: Access) -> None:
        account = self.sb.account_id(name)
        if self.members[access].get(account) is False:
            return  # RAM cannot disassociate a principal that is still ASSOCIATING
        removed = self.card.unshare(account, access=access)
        assert len(removed) == (1 if account in self.members[access] else 0)
        self.members[access].pop(account, None)

    @rule(name=st.sampled_from(CONSUMERS))
    def accept(self, name: str) -> None:
        account = self.sb.account_id(name)
        for invitation in Invitation.list_pending(self.sb.session(name), retry=self.retry):
            invitation.accept()
        for members in self.members.values():
            if account in members:
                members[account] = True

    @rule(content=st.sampled_from(CONTENTS))
    def update(self, content: dict[str, Any]) -> None:
        if self.status is CardStatus.ARCHIVED:
            with pytest.raises(ArchivedCardError):
                self.card.update(content)
            return
        self.card.update(CardContent.from_json(content))
        self.content = content
        self.version += 1

    @rule(status=st.sampled_from(list(CardStatus)))
    def set_status(self, status: CardStatus) -> None:
        target = status
        if target is not self.status and target not in TRANSITIONS[self.status]:
            with pytest.raises(InvalidTransitionError):
                self.card.set_status(target)
            return
        self.card.set_status(target)
        self.status = target

    @invariant()
    def one_share_per_access(self) -> None:
        shares = self.card.shares()
        accesses = [s.access for s in shares]
        assert len(accesses) == len(set(accesses))

    @invariant()
    def principals_match_the_model(self) -> None:
        seen: dict[Access, dict[str, bool]] = {a: {} for a in Access}
        for assoc in self.card.principals():
            if assoc.status.is_live:
                assert assoc.access is not None
                seen[assoc.access][assoc.entity] = assoc.status is AssociationStatus.ASSOCIATED
        assert seen == self.members

    @invariant()
    def card_matches_the_model(self) -> None:
        assert self.card.status is self.status
        assert self.card.version == self.version
        assert self.card.content.to_dict() == self.content


SharingMachine.TestCase.settings = settings(
    max_examples=15,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_sharing_state_machine = SharingMachine.TestCase
