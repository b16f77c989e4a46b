"""Run the examples of a documentation page as written, in page order, against the sandbox.

The rules (documented for contributors in ``docs/contributing.md``):

- Every fenced ``python`` block runs, in page order, in one namespace per page.
- Every command in a ``bash``, ``console``, ``sh`` or ``shell`` block that calls
  ``modelcard-share`` runs (other commands, such as ``pip`` or ``aws``, are shown only).
  In ``console`` blocks only ``$ `` lines are commands. ``demo`` and ``sandbox serve``
  bring their own sandbox and run in a child process (``serve`` until the page ends;
  ``demo``, which depends on nothing else, once per test process); every other command
  runs in-process through ``modelcard_share.cli.main``. Every command must exit 0.
- A page runs in a fresh directory that holds every file of ``docs/examples/`` (pages
  include them with ``--8<-- "accounts.toml"``), so ``--topology accounts.toml`` and
  ``AccountTopology.from_toml("accounts.toml")`` work as shown.
- Unless the page says ``<!-- docs-sandbox: own -->`` (its examples start a sandbox
  themselves), a :class:`~modelcard_share.sandbox.Sandbox` of ``DEFAULT_ACCOUNTS`` runs
  during the page, and boto3's default session is its central account
  (``shared-services``): ``AWS_ACCESS_KEY_ID`` and friends are that account's
  credentials, so ``ModelCard.create("x")`` with no ``session=`` lands there. Dev has
  what the fill pages read (:func:`seed`): the completed training job
  ``churn-xgboost`` and its Clarify bias report at :data:`REPORT_URI`.
- ``<!-- needs-aws: why -->`` on the line before a fence skips that block (the reason
  is required and is reported).
- Port ``5000`` in a page's ``sandbox serve`` line and ``127.0.0.1:5000`` URLs become a
  free port, so pages can run in parallel.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import select
import shlex
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from modelcard_share.sandbox import Sandbox

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXAMPLES = DOCS / "examples"

PYTHON = {"python", "py"}
SHELL = {"bash", "console", "sh", "shell"}
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*)$")
_NEEDS_AWS = re.compile(r"^\s*<!--\s*needs-aws:(?P<reason>.*?)-->\s*$")
_OWN_SANDBOX = re.compile(r"^\s*<!--\s*docs-sandbox:\s*own\s*-->\s*$", re.M)
#: Where the sandbox of every page keeps dev's Clarify bias report (docs/examples has it).
REPORT_URI = "s3://dev-ml-artifacts/clarify/churn-xgboost/analysis.json"
_CLI = "import sys; from modelcard_share.cli import main; sys.exit(main(sys.argv[1:]))"
_CHILD_COMMANDS = {"demo", "sandbox"}  # they start a sandbox of their own
#: ``demo`` depends on nothing but its arguments: it runs once per test process.
_DEMO_RUNS: dict[tuple[str, ...], subprocess.CompletedProcess[str]] = {}


class DocsExampleError(AssertionError):
    """An example of a page failed; the message names the page and line."""


@dataclass
class Block:
    """One fenced code block of a page."""

    language: str
    code: str
    line: int
    skip_reason: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)


def pages() -> list[Path]:
    """Every page whose examples run: docs/**/*.md and README.md."""
    return [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]


def parse_blocks(text: str) -> list[Block]:
    """Return the fenced code blocks of a markdown page, in order.

    Raises:
        DocsExampleError: A ``needs-aws`` marker without a reason, or an unclosed fence.
    """
    lines = text.splitlines()
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        info = opening["info"].strip()
        language, _, rest = info.partition(" ")
        attributes = dict(re.findall(r'(\w+)="([^"]*)"', rest))
        previous = next((ln for ln in reversed(lines[:index]) if ln.strip()), "")
        marker = _NEEDS_AWS.match(previous)
        reason = marker["reason"].strip() if marker else None
        if marker and not reason:
            raise DocsExampleError(f"line {index}: <!-- needs-aws: ... --> must say why")
        body: list[str] = []
        start = index + 1
        index += 1
        while index < len(lines):
            closing = lines[index].strip()
            if closing.startswith(fence[0] * len(fence)) and not closing.strip(fence[0]):
                break
            line = lines[index]
            body.append(line[len(indent) :] if line.startswith(indent) else line.lstrip())
            index += 1
        else:
            raise DocsExampleError(f"line {start}: unclosed code fence")
        index += 1
        code = "\n".join(body) + "\n"
        blocks.append(Block(language.lower(), code, start, reason, attributes))
    return blocks


def shell_commands(block: Block) -> Iterator[list[str]]:
    """Yield the argv of every ``modelcard-share`` command of a shell block (none for others)."""
    if block.language not in SHELL:
        return
    lines = block.code.splitlines()
    if block.language == "console":
        lines = [ln[2:] for ln in lines if ln.startswith("$ ")]
    joined = "\n".join(lines).replace("\\\n", " ")
    for line in joined.splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|")
        lexer.whitespace_split = True
        lexer.commenters = "#"
        command: list[str] = []
        for token in [*lexer, ";"]:
            if token and set(token) <= set(";&|"):
                if command and command[0] == "modelcard-share":
                    yield command
                command = []
            else:
                command.append(token)


@contextlib.contextmanager
def working_directory(path: Path) -> Iterator[None]:
    """Run the body in ``path`` (``contextlib.chdir`` needs Python 3.11)."""
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def seed(sandbox: Sandbox) -> None:
    """Give dev what the docs' fill examples read: a training job and its bias report."""
    sandbox.create_training_job("dev", "churn-xgboost", metrics={"validation:auc": 0.913})
    bucket, _, key = REPORT_URI.removeprefix("s3://").partition("/")
    s3 = sandbox.client("dev", "s3")
    s3.create_bucket(Bucket=bucket)
    report = (EXAMPLES / "clarify-bias-analysis.json").read_bytes()
    s3.put_object(Bucket=bucket, Key=key, Body=report)


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class PageRun:
    """Runs one page's examples in a working directory; call :meth:`run`, then :meth:`close`."""

    def __init__(self, page: Path, workdir: Path) -> None:
        self.page = page
        self.workdir = workdir
        self.text = page.read_text(encoding="utf-8")
        self.port = free_port()
        self.text = self.text.replace("--port 5000", f"--port {self.port}").replace(
            "127.0.0.1:5000", f"127.0.0.1:{self.port}"
        )
        self.own_sandbox = bool(_OWN_SANDBOX.search(self.text))
        self.namespace: dict[str, object] = {"__name__": "__docs__"}
        self.skipped: list[tuple[int, str]] = []
        self.ran = 0
        self.children: list[subprocess.Popen[str]] = []
        self.sandbox: Sandbox | None = None
        self._saved: dict[str, str | None] = {}

    @property
    def name(self) -> str:
        """The page's path relative to the repository."""
        return str(self.page.relative_to(ROOT))

    # ------------------------------------------------------------------ world

    def start(self) -> None:
        """Copy the example files, and start the sandbox unless the page brings its own."""
        for item in EXAMPLES.iterdir():
            if item.is_file():
                shutil.copy(item, self.workdir / item.name)
        if self.own_sandbox:
            return
        import boto3

        from modelcard_share.sandbox import DEFAULT_ACCOUNTS, Sandbox

        # Export jobs finish at once: examples that wait for one do not sleep.
        sandbox = Sandbox(DEFAULT_ACCOUNTS, export_job_duration=timedelta(0)).start()
        self.sandbox = sandbox
        seed(sandbox)
        credentials = sandbox.credentials("shared-services")
        self._setenv(
            AWS_ACCESS_KEY_ID=credentials["AccessKeyId"],
            AWS_SECRET_ACCESS_KEY=credentials["SecretAccessKey"],
            AWS_SESSION_TOKEN=credentials["SessionToken"],
            AWS_DEFAULT_REGION=sandbox.region,
        )
        boto3.DEFAULT_SESSION = None

    def _setenv(self, **values: str) -> None:
        for key, value in values.items():
            self._saved.setdefault(key, os.environ.get(key))
            os.environ[key] = value

    def close(self) -> None:
        """Stop child processes and the sandbox; restore the environment."""
        for child in self.children:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
            if child.stdout is not None:
                child.stdout.close()
        if self.sandbox is not None:
            self.sandbox.stop()
        for key, value in self._saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        import boto3

        boto3.DEFAULT_SESSION = None

    # -------------------------------------------------------------------- run

    def run(self) -> None:
        """Run every block of the page in order (in the page's working directory)."""
        blocks = parse_blocks(self.text)
        if not any(b.language in PYTHON or list(shell_commands(b)) for b in blocks):
            return
        self.start()
        with working_directory(self.workdir):
            for block in blocks:
                if block.skip_reason is not None:
                    self.skipped.append((block.line, block.skip_reason))
                elif block.language in PYTHON:
                    self._python(block)
                elif block.language in SHELL:
                    for argv in shell_commands(block):
                        self._command(block, argv)

    def _where(self, block: Block) -> str:
        return f"{self.name}:{block.line}"

    def _python(self, block: Block) -> None:
        code = compile(block.code, self._where(block), "exec")
        try:
            exec(code, self.namespace)  # noqa: S102 - our own documentation
        except Exception as error:
            raise DocsExampleError(
                f"{self._where(block)}: python block failed: {type(error).__name__}: {error}"
            ) from error
        self.ran += 1

    def _command(self, block: Block, argv: list[str]) -> None:
        args = argv[1:]
        if args and args[0] in _CHILD_COMMANDS:
            self._child(block, args)
            return
        from modelcard_share.cli import main

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
        if code != 0:
            raise DocsExampleError(
                f"{self._where(block)}: `{shlex.join(argv)}` exited {code}: {err.getvalue()}"
            )
        self.ran += 1

    def _child(self, block: Block, args: list[str]) -> None:
        command = [sys.executable, "-c", _CLI, *args]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        if args[0] == "sandbox":  # serves until the page ends; wait for its banner
            log = (self.workdir / "serve.log").open("w")  # the server's request log
            child = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=log, text=True, env=env
            )
            log.close()
            self.children.append(child)
            assert child.stdout is not None
            ready, _, _ = select.select([child.stdout], [], [], 60)
            banner = child.stdout.readline() if ready else "(no output within 60 s)\n"
            if "sandbox on http://" not in banner:
                raise DocsExampleError(
                    f"{self._where(block)}: `modelcard-share {shlex.join(args)}` did not "
                    f"start: {banner}{child.stdout.read() if child.poll() is not None else ''}"
                )
        else:
            done = _DEMO_RUNS.get(tuple(args)) or subprocess.run(
                command, capture_output=True, text=True, env=env, timeout=300, check=False
            )
            _DEMO_RUNS[tuple(args)] = done
            if done.returncode != 0:
                raise DocsExampleError(
                    f"{self._where(block)}: `modelcard-share {shlex.join(args)}` exited "
                    f"{done.returncode}: {done.stderr or done.stdout}"
                )
        self.ran += 1
