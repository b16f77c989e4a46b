"""Every request of a factory's account is signed with that account's own credentials.

Clients of different accounts are clones of one template (``aws/_clone.py``); a request
signed with another account's keys would be a security bug. Against the sandbox, in
process and over HTTP, with 50 accounts and 8 threads: a ``before-send`` hook on each
account's clients reads the access key id from the ``Authorization`` header of every
request (every attempt), and the key must be one STS issued for that account (the
sandbox's AssumeRole answers, read from the factory's STS clients) -- before and after
the credentials refresh on the clock, and on the retry after an expired token. The
sandbox itself maps each request to an account by its key, so the cards and identities
it returns are a second, independent check.
"""

from __future__ import annotations

import datetime
import random
import re
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from modelcard_share import AccountTopology, ModelCard, RetryPolicy, SessionFactory
from modelcard_share.sandbox import Sandbox

from ._responses import Recorder, json_error

CONSUMERS = 50
WORKERS = 8
HOME = "home"
ACCOUNTS = {HOME: "100000000000"} | {
    f"acct-{i:02}": f"{200000000000 + i:012}" for i in range(1, CONSUMERS + 1)
}
NAMES = [name for name in ACCOUNTS if name != HOME]
_KEY = re.compile(r"Credential=([A-Z0-9]+)/")


@pytest.fixture(scope="module", params=[False, True], ids=["in-process", "server"])
def world(request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    """50 accounts and a home account in one organization."""
    with Sandbox(accounts=ACCOUNTS, organization=True, server=request.param) as sb:
        yield sb


class Clock:
    """The factory's clock: real time plus an offset the test moves."""

    def __init__(self) -> None:
        self.offset = datetime.timedelta(0)

    def __call__(self) -> datetime.datetime:
        return datetime.datetime.now(datetime.timezone.utc) + self.offset


class Signatures:
    """Records, per request attempt, the account whose clients sent it and the key it used.

    ``issued`` maps every access key id STS handed out to the account id it belongs to,
    read from the AssumeRole responses of the factory's STS clients.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.local = threading.local()
        self.sent: list[tuple[str, str | None, str]] = []  # (hook's account, worker's, key)
        self.issued: dict[str, str] = {}

    def hook(self, name: str) -> Callable[..., None]:
        def on_send(request: Any = None, **_: Any) -> None:
            header = request.headers.get("Authorization", b"")
            text = header.decode() if isinstance(header, bytes) else str(header)
            match = _KEY.search(text)
            key = match.group(1) if match else "<unsigned>"
            with self.lock:
                self.sent.append((name, getattr(self.local, "account", None), key))

        return on_send

    def on_assume_role(self, parsed: Any = None, **_: Any) -> None:
        if not parsed or "Credentials" not in parsed:
            return
        account_id = parsed["AssumedRoleUser"]["Arn"].split(":")[4]
        with self.lock:
            self.issued[parsed["Credentials"]["AccessKeyId"]] = account_id

    def take(self) -> list[tuple[str, str | None, str]]:
        with self.lock:
            sent, self.sent = self.sent, []
        return sent

    def check(self, sent: list[tuple[str, str | None, str]]) -> dict[str, set[str]]:
        """Assert every attempt was signed for its own account; return account -> keys used."""
        used: dict[str, set[str]] = {}
        for hooked, worker, key in sent:
            assert worker == hooked, f"{hooked}'s hook saw a request of {worker}"
            assert self.issued.get(key) == ACCOUNTS[hooked], (
                f"a request of {hooked} ({ACCOUNTS[hooked]}) was signed with {key}, "
                f"issued to {self.issued.get(key, 'no account of this factory')}"
            )
            used.setdefault(hooked, set()).add(key)
        return used


@pytest.fixture
def signed(world: Sandbox) -> Iterator[tuple[SessionFactory, Signatures, Clock]]:
    world.reset()
    topology = AccountTopology.from_mapping(
        {
            "home": HOME,
            "region": world.region,
            "role_name": world.role_name,
            "accounts": {name: {"account_id": account_id} for name, account_id in ACCOUNTS.items()},
        }
    )
    clock = Clock()
    factory = SessionFactory(
        topology,
        base_session=world.base_session(),
        retry=RetryPolicy.instant(sleep=lambda s: world.clock.advance(seconds=s)),
        time_fetcher=clock,
        endpoint_url=world.endpoint_url,
    )
    signatures = Signatures()
    factory.register("after-call.sts.AssumeRole", signatures.on_assume_role)
    for name in NAMES:
        factory.clients(name).register("before-send", signatures.hook(name))
    yield factory, signatures, clock
    factory.close()


def _fan_out(signatures: Signatures, work: Callable[[str], None]) -> None:
    """Run ``work(name)`` once for every account, in shuffled order, on 8 threads."""
    order = list(NAMES)
    random.Random(13).shuffle(order)  # noqa: S311 - an order, not a secret

    def run(name: str) -> None:
        signatures.local.account = name
        try:
            work(name)
        finally:
            signatures.local.account = None

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(run, order))


def test_every_request_is_signed_with_its_own_accounts_credentials(
    signed: tuple[SessionFactory, Signatures, Clock],
) -> None:
    """50 accounts on 8 threads; then again after every account's credentials refreshed."""
    factory, signatures, clock = signed

    def first(name: str) -> None:
        clients = factory.clients(name)
        account_id = ACCOUNTS[name]
        assert clients.client("sts").get_caller_identity()["Account"] == account_id
        card = ModelCard.create(f"sig-{name}", session=clients, retry=factory.retry)
        assert card.arn.split(":")[4] == account_id
        listed = clients.client("sagemaker").list_model_cards()["ModelCardSummaries"]
        assert [c["ModelCardName"] for c in listed] == [f"sig-{name}"]
        clients.client("ram").get_resource_shares(resourceOwner="SELF")

    _fan_out(signatures, first)
    _fan_out(signatures, lambda n: _read(factory, n))
    sent = signatures.take()
    assert len(sent) >= CONSUMERS * (4 + 3)
    before = signatures.check(sent)
    assert set(before) == set(NAMES)
    for name in NAMES:
        current = _current_key(factory, name)
        assert before[name] == {current}, name
    assert len({key for keys in before.values() for key in keys}) == CONSUMERS

    # Inside the mandatory refresh window. The sandbox dates new credentials by the real
    # clock, so they too look 5 minutes from expiry: every request refreshes (AssumeRole).
    clock.offset = datetime.timedelta(minutes=55)
    _fan_out(signatures, lambda n: _read(factory, n))
    after = signatures.check(signatures.take())
    assert set(after) == set(NAMES)
    for name in NAMES:
        assert after[name].isdisjoint(before[name]), f"{name} kept signing with old keys"


def _current_key(factory: SessionFactory, name: str) -> str:
    """The access key id the account's credentials hold now (AssumeRole if due)."""
    return str(factory.credentials(name).get_frozen_credentials().access_key)


def _read(factory: SessionFactory, name: str) -> None:
    clients = factory.clients(name)
    assert clients.client("sts").get_caller_identity()["Account"] == ACCOUNTS[name]
    listed = clients.client("sagemaker").list_model_cards()["ModelCardSummaries"]
    assert all(c["ModelCardArn"].split(":")[4] == ACCOUNTS[name] for c in listed)
    clients.client("ram").get_resource_shares(resourceOwner="SELF")


def test_retries_after_an_expired_token_or_throttling_sign_with_the_same_account(
    signed: tuple[SessionFactory, Signatures, Clock],
) -> None:
    """Each account's expired-token refresh and instant retry act on that account alone."""
    factory, signatures, _ = signed
    old: dict[str, str] = {}
    scripts: dict[str, Recorder] = {}
    for name in NAMES:
        old[name] = _current_key(factory, name)
        script = Recorder(
            [
                lambda: json_error("ThrottlingException", "Rate exceeded", 400),
                lambda: json_error("ExpiredTokenException", "The security token expired", 400),
            ]
        )
        sagemaker = factory.clients(name).client("sagemaker")
        sagemaker.meta.events.register_first("before-send.sagemaker.ListModelCards", script)
        scripts[name] = script

    def work(name: str) -> None:
        listed = factory.clients(name).client("sagemaker").list_model_cards()
        assert listed["ModelCardSummaries"] == []

    _fan_out(signatures, work)
    sent = signatures.take()
    used = signatures.check(sent)
    for name in NAMES:
        assert scripts[name].attempts == 3  # throttled, expired, then through
        new = _current_key(factory, name)
        assert new != old[name]
        keys = [key for hooked, _, key in sent if hooked == name]
        assert keys == [old[name], old[name], new], name
        assert used[name] == {old[name], new}
