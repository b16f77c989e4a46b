"""Lifecycle.reconcile and ``modelcard-share lifecycle reconcile``: every card, dry or real."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from modelcard_share import ArgumentTypeError, ConfigurationError, ModelCard
from modelcard_share.cli import main
from modelcard_share.domain import ReconcileOutcome
from modelcard_share.sandbox import Sandbox

from .conftest import HOME, SEED_CONTENT, World


def _tagged(world: World, name: str, tags: dict[str, str]) -> ModelCard:
    return ModelCard.create(
        name, content=SEED_CONTENT, tags=tags, session=world.sb.session(HOME), retry=world.retry
    )


def test_reconcile_filters_by_prefix_and_tags(world: World) -> None:
    """Only cards whose name starts with the prefix and that carry every tag are synced."""
    _tagged(world, "team-a-churn", {"team": "a", "tier": "1"})
    _tagged(world, "team-a-fraud", {"team": "a"})
    _tagged(world, "team-b-churn", {"team": "b", "tier": "1"})
    _tagged(world, "x-team-a", {"team": "a"})

    by_prefix = world.lifecycle.reconcile(name_prefix="team-a-", dry_run=True)
    assert sorted(c.card.rsplit("/", 1)[-1] for c in by_prefix.cards) == [
        "team-a-churn",
        "team-a-fraud",
    ]
    by_tags = world.lifecycle.reconcile(tags={"team": "a", "tier": "1"}, dry_run=True)
    assert [c.card.rsplit("/", 1)[-1] for c in by_tags.cards] == ["team-a-churn"]
    both = world.lifecycle.reconcile(name_prefix="team-b", tags={"team": "a"})
    assert both.cards == ()


def test_a_dry_run_writes_nothing_and_plans_what_the_run_does(world: World) -> None:
    """Dry run and real run share one plan: same cards, same grants; the dry run writes nothing."""
    cards = [world.create_card(f"plan-{i}") for i in range(4)]
    cards[0].submit_for_review()
    world.lifecycle.sync(cards[3])
    world.calls.clear()
    plan = world.lifecycle.reconcile(dry_run=True)
    assert world.calls.writes() == []
    assert plan.dry_run
    assert plan.counts()["changed"] == 3
    assert plan.counts()["unchanged"] == 1

    done = world.lifecycle.reconcile(max_workers=2)

    def grants(report: object) -> dict[str, set[tuple[str, str]]]:
        return {
            c.card: {(g.principal, g.access.value) for g in c.result.added}
            for c in report.cards  # type: ignore[attr-defined]
            if c.result is not None
        }

    assert grants(plan) == grants(done)
    assert [c.outcome for c in plan.cards] == [c.outcome for c in done.cards]
    json.dumps(done.to_dict())
    assert world.lifecycle.reconcile(dry_run=True).counts()["unchanged"] == 4


def test_many_cards_with_bounded_concurrency(world: World) -> None:
    """Twelve cards, eight at a time: every one converges, each exactly once."""
    cards = [world.create_card(f"many-{i:02}") for i in range(12)]
    report = world.lifecycle.reconcile(max_workers=8)
    assert sorted(c.arn or "" for c in report.cards) == sorted(c.arn for c in cards)
    assert report.with_outcome(ReconcileOutcome.CHANGED) == report.cards
    assert all(world.lifecycle.status(c).converged for c in cards)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"max_workers": 0}, ConfigurationError, "max_workers must be 1-64, got 0"),
        ({"max_workers": "4"}, ArgumentTypeError, "max_workers must be an integer"),
        ({"tags": {"team": 1}}, ArgumentTypeError, "tags must map str to str"),
        ({"tags": ["team"]}, ArgumentTypeError, "tags must be a mapping"),
        ({"name_prefix": ""}, ConfigurationError, "name_prefix must not be empty"),
        ({"dry_run": "yes"}, ArgumentTypeError, "dry_run must be True or False"),
    ],
)
def test_bad_arguments_are_refused_before_any_call(
    world: World, kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    """Each bad argument raises the typed error naming it, and nothing is called."""
    with pytest.raises(error, match=message):
        world.lifecycle.reconcile(**kwargs)  # type: ignore[arg-type]
    assert world.calls.operations() == []


def _topology_file(sb: Sandbox, path: Path) -> Path:
    lines = [f'home = "{HOME}"', f'region = "{sb.region}"', ""]
    for name, account_id in sb.accounts.items():
        lines += [f"[accounts.{name}]", f'account_id = "{account_id}"']
        lines += [f'role_arn = "{sb.role_arn(name)}"']
        lines += ['access = "read-only"', ""] if name == "prod" else [""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_the_command_line_reconciles_dry_or_real(
    world: World,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``lifecycle reconcile --dry-run`` reports, the real run shares, a second run is quiet."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", world.sb.credentials(HOME)["AccessKeyId"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", world.sb.credentials(HOME)["SecretAccessKey"])
    monkeypatch.setenv("AWS_SESSION_TOKEN", world.sb.credentials(HOME)["SessionToken"])
    _tagged(world, "cli-churn", {"team": "a"})
    _tagged(world, "cli-other", {"team": "b"})
    topology = str(_topology_file(world.sb, tmp_path / "topology.toml"))
    base = ["lifecycle", "reconcile", "--topology", topology, "--tag", "team=a"]

    assert main([*base, "--dry-run", "--output", "json"]) == 0
    planned = json.loads(capsys.readouterr().out)
    assert planned["dry_run"] is True
    assert planned["counts"]["changed"] == 1
    [card] = planned["cards"]
    assert card["result"]["added"] == [
        {
            "principal": world.sb.account_id("dev"),
            "access": "read-write",
            "share": "modelcard-cli-churn-read-write",
        }
    ]

    assert main([*base, "--max-workers", "2"]) == 0
    head, columns, row = capsys.readouterr().out.splitlines()
    assert head == "1 cards (1 changed)"
    assert columns.split() == ["CARD", "STATUS", "OUTCOME", "CHANGES"]
    assert row.split() == [
        "cli-churn",
        "Draft",
        "changed",
        f"+{world.sb.account_id('dev')}",
        "read-write",
    ]

    assert main([*base]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "1 cards (1 unchanged)"
    assert main(["lifecycle", "reconcile", "--topology", topology, "--tag", "novalue"]) == 2
    assert "invalid --tag 'novalue'" in capsys.readouterr().err
