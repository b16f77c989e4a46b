"""Security: read-only means read-only, external sharing needs opt-in, secrets never leak.

Secrets are every credential in play: each account's sandbox credentials
(``sandbox.credentials``), the base session's, and every set of credentials STS handed
out during the run (moto's record of assumed roles, which includes the SessionFactory's
refreshed credentials and the CLI's). They must not appear in any repr or str of the
SDK's objects and errors, in any log record of the ``modelcard_share`` loggers at DEBUG,
or in CLI output. botocore's own DEBUG logging is out of scope (it is not the SDK's).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from moto.sts.models import sts_backends

from modelcard_share import (
    Access,
    AccessDeniedError,
    AccountTopology,
    ConfigurationError,
    ExternalSharingError,
    Invitation,
    ModelCard,
    ModelCardShareError,
    NotOwnerError,
    RetryPolicy,
    SessionFactory,
    shared_with_me,
)
from modelcard_share.cli import main
from modelcard_share.sandbox import DEFAULT_ACCOUNTS, Organization, Sandbox

from ._lifecycle import (
    FAULTS,
    SEED_CONTENT,
    STEP_PAUSE,
    Traffic,
    factory,
    retry_policy,
    run_lifecycle,
)

ACCOUNTS = {**DEFAULT_ACCOUNTS, "outsider": "555555555555"}
INSIDE = ("shared-services", "dev", "test", "prod")


@pytest.fixture(scope="module")
def module_world() -> Iterator[Sandbox]:
    with Sandbox(accounts=ACCOUNTS, organization=Organization(members=INSIDE)) as sb:
        yield sb


@pytest.fixture
def world(module_world: Sandbox) -> Iterator[Sandbox]:
    module_world.faults.clear()
    module_world.reset()
    yield module_world
    module_world.faults.clear()


def secrets(sb: Sandbox) -> set[str]:
    """Every access key id, secret key and session token issued so far."""
    found: set[str] = set()
    for name in sb.accounts:
        found.update(sb.credentials(name).values())
    base = sb.base_session().get_credentials()
    assert base is not None
    found.update((base.access_key, base.secret_key, base.token or ""))
    for account_id in list(sts_backends.keys()):
        for backend in list(dict.values(sts_backends[account_id])):
            for role in backend.assumed_roles:
                found.update((role.access_key_id, role.secret_access_key, role.session_token))
    found.discard("")
    assert len(found) > 3 * len(ACCOUNTS)
    return found


def leaks(text: str, known: set[str]) -> list[str]:
    """The secrets that occur in ``text`` (shortened, so the report leaks nothing whole)."""
    return [s[:4] + "..." for s in known if s in text]


def test_read_only_principal_cannot_update(world: Sandbox) -> None:
    retry = retry_policy(world)
    owner = world.session("shared-services")
    card = ModelCard.create("guarded", content=SEED_CONTENT, session=owner, retry=retry)
    card.share_with(world.account_id("prod"), access=Access.READ_ONLY, wait=True)
    prod = ModelCard.load(card.arn, session=world.session("prod"), retry=retry)
    with pytest.raises(AccessDeniedError):
        prod.update({**SEED_CONTENT, "intended_uses": {"purpose_of_model": "mine now"}})
    with pytest.raises(AccessDeniedError):
        prod.submit_for_review()
    with pytest.raises(NotOwnerError):
        prod.share_with(world.account_id("test"))
    card.refresh()
    assert (card.version, card.status.value) == (1, "Draft")
    assert card.content.to_dict() == SEED_CONTENT


def test_external_sharing_is_refused_unless_explicitly_allowed(world: Sandbox) -> None:
    retry = retry_policy(world)
    owner = world.session("shared-services")
    card = ModelCard.create("inside", content=SEED_CONTENT, session=owner, retry=retry)
    outsider = world.account_id("outsider")
    with pytest.raises(ExternalSharingError) as raised:
        card.share_with(outsider)
    assert outsider in str(raised.value)
    assert all(outsider not in {a.entity for a in s.principals()} for s in card.shares())
    assert Invitation.list_pending(world.session("outsider"), retry=retry) == []

    card.share_with(outsider, allow_external=True)
    [invitation] = Invitation.list_pending(world.session("outsider"), retry=retry)
    assert invitation.sender_account_id == world.account_id("shared-services")


def _objects_of_a_full_run(sb: Sandbox, caplog: pytest.LogCaptureFixture) -> list[Any]:
    """Run the lifecycle under faults (expired tokens included) and collect what it made."""
    sb.faults.set(seed=3, **FAULTS)
    made = factory(sb, Traffic())
    with caplog.at_level(logging.DEBUG, logger="modelcard_share"):
        card = run_lifecycle(
            sb,
            made,
            "secretive",
            between_steps=lambda: sb.clock.advance(seconds=STEP_PAUSE.total_seconds()),
        )
        sb.faults.clear()
        card.share_with(sb.account_id("outsider"), allow_external=True)
        outsider = made.topology.home  # any Account will do for the repr check
        [invitation] = Invitation.list_pending(sb.session("outsider"), retry=made.retry)
        prod = ModelCard.load(card.arn, session=made.session("prod"), retry=made.retry)
        with pytest.raises(AccessDeniedError) as denied:
            prod.update(prod.content)
        with pytest.raises(ConfigurationError) as invalid:
            card.share_with("123")
        errors: list[ModelCardShareError] = [denied.value, invalid.value]
    assert sb.faults.counts.injected.get("expired_token", 0) > 0
    shared = shared_with_me(sb.session("dev"), retry=made.retry)
    return [
        card,
        *card.shares(),
        *card.principals(),
        *card.versions(),
        invitation,
        outsider,
        *made.topology,
        made.topology,
        made,
        made.retry,
        RetryPolicy(),
        *shared,
        shared,
        *errors,
        *(e.__cause__ for e in errors),
    ]


def test_no_secret_in_any_repr_or_log_record(
    world: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    objects = _objects_of_a_full_run(world, caplog)
    known = secrets(world)
    assert leaks(repr(world.credentials("dev")), known)  # the check can see a leak
    for obj in objects:
        for text in (repr(obj), str(obj), getattr(obj, "_repr_html_", lambda: "")()):
            assert leaks(text, known) == [], type(obj).__name__
    records = [r for r in caplog.records if r.name.startswith("modelcard_share")]
    assert any(r.levelno == logging.DEBUG or "refresh" in r.getMessage() for r in records)
    assert any("refreshing credentials" in r.getMessage() for r in records)
    for record in records:
        text = f"{record.getMessage()} {record.args!r} {record.exc_text or ''}"
        assert leaks(text, known) == [], record.getMessage()[:80]


def test_topology_and_factory_hide_the_external_id(world: Sandbox) -> None:
    topology = AccountTopology.from_mapping(
        {
            "home": "shared-services",
            "region": world.region,
            "role_name": world.role_name,
            "external_id": "very-secret-external-id",
            "accounts": {n: {"account_id": i} for n, i in world.accounts.items()},
        }
    )
    made = SessionFactory(topology, base_session=world.base_session())
    for text in (repr(topology), str(topology), repr(made), *(repr(a) for a in topology)):
        assert "very-secret-external-id" not in text


def _topology_file(path: Path, sb: Sandbox) -> Path:
    lines = ['home = "shared-services"', f'region = "{sb.region}"', ""]
    for name, account_id in sb.accounts.items():
        lines += [f"[accounts.{name}]", f'account_id = "{account_id}"']
        lines += [f'role_arn = "{sb.role_arn(name)}"', ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_cli_output_shows_no_secret(
    world: Sandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    topology = str(_topology_file(tmp_path / "topology.toml", world))
    content = tmp_path / "content.json"
    content.write_text('{"model_overview": {"model_owner": "me"}}', encoding="utf-8")
    arn = f"arn:aws:sagemaker:{world.region}:{world.account_id('shared-services')}:model-card/cli"
    commands = [
        ["create", "cli", "--content", str(content)],
        ["show", "cli", "--content"],
        ["share", "cli", "dev", "--wait"],
        ["share", "cli", "prod", "--access", "read-only"],
        ["share", "cli", "outsider"],  # refused: external
        ["share", "cli", "outsider", "--allow-external"],
        ["shares", "cli"],
        ["update", "cli", "--content", str(content)],
        ["promote", "cli", "--to", "PendingReview"],
        ["status", "cli"],
        ["versions", "cli"],
        ["show", arn, "--account", "dev"],
        ["update", arn, "--content", str(content), "--account", "prod"],  # refused: read-only
        ["shared-with-me", "--account", "dev"],
        ["invitations", "list", "--account", "outsider"],
        ["policy", arn],
        ["show", "missing-card"],  # an error
    ]
    refused = {4, 12, 16}  # external without opt-in, read-only update, missing card
    out: list[str] = []
    for index, command in enumerate(commands):
        for extra in ([], ["--debug"], ["--output", "json"]):
            capsys.readouterr()
            code = main([*command, "--topology", topology, *extra])
            captured = capsys.readouterr()
            out += [captured.out, captured.err]
            if not extra:  # the first run of each command; re-creating "cli" then conflicts
                assert (code != 0) == (index in refused), (command, captured.err)
    known = secrets(world)
    for text in out:
        assert leaks(text, known) == [], text[:200]
