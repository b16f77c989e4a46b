"""Fixtures for driving ``modelcard_share.cli.main`` in-process against the sandbox."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from attrs import define

from modelcard_share.cli import main
from modelcard_share.sandbox import DEFAULT_ACCOUNTS, Sandbox

ACCOUNTS = DEFAULT_ACCOUNTS

SEED_CONTENT = {
    "model_overview": {"model_owner": "model-owner", "problem_type": "Customer Churn Model"}
}


@define
class Run:
    """The outcome of one ``main([...])`` call."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


Cli = Callable[..., Run]


def write_topology(path: Path, sb: Sandbox) -> Path:
    """Write a topology TOML whose accounts assume the sandbox's SDK role."""
    lines = ['home = "shared-services"', f'region = "{sb.region}"', ""]
    for name, account_id in sb.accounts.items():
        lines += [
            f"[accounts.{name}]",
            f'account_id = "{account_id}"',
            f'role_arn = "{sb.role_arn(name)}"',
        ]
        if name == "prod":
            lines.append('access = "read-only"')
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _start(organization: bool) -> Sandbox:
    # Export jobs complete at once, so `export` needs no real waiting in tests.
    return Sandbox(
        accounts=ACCOUNTS, organization=organization, export_job_duration=timedelta(0)
    ).start()


@pytest.fixture(scope="module")
def _org_world() -> Iterator[Sandbox]:
    box = _start(True)
    yield box
    box.stop()


@pytest.fixture(scope="module")
def _invitation_world() -> Iterator[Sandbox]:
    box = _start(False)
    yield box
    box.stop()


@pytest.fixture
def sb(_org_world: Sandbox) -> Iterator[Sandbox]:
    """The four-account sandbox in one organization with RAM sharing on (emptied after)."""
    yield _org_world
    _org_world.reset()


@pytest.fixture
def sb_invitations(_invitation_world: Sandbox) -> Iterator[Sandbox]:
    """The four-account sandbox without an organization: shares send invitations."""
    yield _invitation_world
    _invitation_world.reset()


def _runner(topology: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    def run(*args: str, account: str | None = None, topo: bool = True) -> Run:
        argv = list(args)
        if topo:
            argv += ["--topology", str(topology)]
        if account:
            argv += ["--account", account]
        capsys.readouterr()
        code = main(argv)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def cli(sb: Sandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run the CLI with a topology of the organization sandbox (home: shared-services)."""
    return _runner(write_topology(tmp_path / "topology.toml", sb), capsys)


@pytest.fixture
def cli_invitations(
    sb_invitations: Sandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> Cli:
    """Run the CLI with a topology of the invitation sandbox."""
    return _runner(write_topology(tmp_path / "topology.toml", sb_invitations), capsys)


@pytest.fixture
def content_file(tmp_path: Path) -> Path:
    """A content JSON file with the seed's content."""
    path = tmp_path / "content.json"
    path.write_text(json.dumps(SEED_CONTENT), encoding="utf-8")
    return path


@pytest.fixture
def card(cli: Cli, content_file: Path) -> dict[str, Any]:
    """Create the seed card in shared-services through the CLI and return its JSON."""
    result = cli("create", "churn", "--content", str(content_file), "--output", "json")
    assert result.code == 0, result.err
    created: dict[str, Any] = result.json()
    return created
