"""The command line's skeleton: global options, sessions, exit codes and error reporting."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from botocore.exceptions import BotoCoreError, ClientError, NoRegionError

from modelcard_share.errors import (
    AwsError,
    ConfigurationError,
    ContentValidationError,
    CredentialsError,
    ExternalSharingError,
    ModelCardShareError,
)

from ._output import Result, emit

if TYPE_CHECKING:
    from modelcard_share.aws import AccountTopology, RetryPolicy, SessionFactory, SessionLike

__all__ = [
    "EPILOG",
    "EXIT_AWS",
    "EXIT_CONTENT",
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "Env",
    "Handler",
    "ParserError",
    "add_global_options",
    "exit_code",
    "one_line",
    "run",
    "silence_stdout",
]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_AWS = 3
EXIT_CONTENT = 4
EXIT_INTERRUPTED = 130

EPILOG = """\
exit codes:
  0    ok
  1    a check failed, a demo step failed, or an operation could not finish
       (status transition not allowed, wait timed out, export failed)
  2    usage or configuration error (bad option, topology file, name, ARN...)
  3    AWS error (not found, access denied, credentials, throttled...)
  4    model card content does not validate against the schema
  130  interrupted (Ctrl-C)
"""


class ParserError(Exception):
    """argparse found a usage error; the message is one line."""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that reports usage errors as one line, through ``main``."""

    def error(self, message: str) -> NoReturn:
        raise ParserError(f"{message} (see '{self.prog} --help')")


def new_parser(**kwargs: Any) -> argparse.ArgumentParser:
    """Return an ArgumentParser whose usage errors become :class:`ParserError`."""
    return _Parser(**kwargs)


def add_global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """Add the global options; with ``suppress`` they do not override earlier values.

    They are added to the main parser and to every subcommand, so they may be
    given before or after the subcommand's name.
    """

    def default(value: Any) -> Any:
        return argparse.SUPPRESS if suppress else value

    group = parser.add_argument_group("global options")
    group.add_argument(
        "--topology",
        metavar="FILE",
        default=default(None),
        help="account topology TOML file; sessions then come from its roles",
    )
    group.add_argument(
        "--account",
        metavar="NAME",
        default=default(None),
        help="topology account to act as (default: the topology's home account)",
    )
    group.add_argument("--region", default=default(None), help="AWS region (default: session's)")
    group.add_argument(
        "--output",
        choices=("table", "json"),
        default=default("table"),
        help="output format (default: table)",
    )
    group.add_argument(
        "--debug",
        action="store_true",
        default=default(False),
        help="log what happens and show tracebacks on errors",
    )


class Env:
    """What a command needs: the parsed options, a session, the topology, output streams."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._session: SessionLike | None = None
        self._topology: AccountTopology | None = None
        self._factory: SessionFactory | None = None
        self._retry: RetryPolicy | None = None

    @property
    def out(self) -> TextIO:
        """Standard output (looked up at use, so redirection and capture work)."""
        return sys.stdout

    @property
    def err(self) -> TextIO:
        """Standard error."""
        return sys.stderr

    @property
    def region(self) -> str | None:
        """The ``--region`` option, if given."""
        value: str | None = self.args.region
        return value

    @property
    def retry(self) -> RetryPolicy:
        """The retry policy of the command's calls and waits (the factory's, with a topology)."""
        if self._retry is None:
            from modelcard_share.aws import RetryPolicy  # noqa: PLC0415

            factory = self.factory
            self._retry = factory.retry if factory is not None else RetryPolicy()
        return self._retry

    @property
    def topology(self) -> AccountTopology | None:
        """The loaded ``AccountTopology``, or ``None`` without ``--topology``."""
        if self._topology is None and self.args.topology:
            from modelcard_share.aws import AccountTopology  # noqa: PLC0415

            self._topology = AccountTopology.from_toml(self.args.topology)
        return self._topology

    @property
    def factory(self) -> SessionFactory | None:
        """The ``SessionFactory`` for the topology, or ``None`` without ``--topology``."""
        topology = self.topology
        if self._factory is None and topology is not None:
            from modelcard_share.aws import SessionFactory  # noqa: PLC0415

            self._factory = SessionFactory(topology)
        return self._factory

    def require_topology(self, command: str) -> tuple[AccountTopology, SessionFactory]:
        """Return the topology and its factory, or raise saying ``command`` needs them."""
        topology, factory = self.topology, self.factory
        if topology is None or factory is None:
            raise ConfigurationError(f"{command} needs --topology FILE (it defines the stages)")
        return topology, factory

    def session(self) -> SessionLike:
        """Return the account to act as: the topology's ``--account``, or boto3's default.

        Raises:
            ConfigurationError: ``--account`` without ``--topology``.
        """
        if self._session is None:
            factory = self.factory
            if factory is None:
                if self.args.account:
                    raise ConfigurationError(
                        f"--account {self.args.account} needs --topology FILE "
                        "(the account names come from the topology)"
                    )
                import boto3  # noqa: PLC0415

                from modelcard_share.aws import new_botocore_session  # noqa: PLC0415

                # service models parsed once per process, shared with other sessions
                self._session = boto3.Session(
                    botocore_session=new_botocore_session(), region_name=self.region
                )
            else:
                self._session = factory.clients(self.args.account or factory.topology.home_name)
        return self._session

    def show(self, result: Result) -> None:
        """Print a result in the chosen output format."""
        emit(result, self.args.output, self.out)


Handler = Callable[[Env, argparse.Namespace], "Result | int"]


def exit_code(error: BaseException) -> int:
    """Return the documented exit code for an error."""
    if isinstance(error, ContentValidationError):
        return EXIT_CONTENT
    if isinstance(error, (ConfigurationError, ParserError, NoRegionError)):
        return EXIT_USAGE
    if isinstance(error, (AwsError, CredentialsError, ClientError, BotoCoreError)):
        return EXIT_AWS
    return EXIT_FAILED


def one_line(error: BaseException) -> str:
    """Return an error's message on one line (problems of content joined with ``;``)."""
    if isinstance(error, ContentValidationError):
        count = len(error.problems)
        noun = "problem" if count == 1 else "problems"
        text = f"model card content has {count} {noun}: " + "; ".join(
            str(p) for p in error.problems
        )
    elif isinstance(error, ExternalSharingError):
        text = (
            f"{error.base_message}. Pass --allow-external to share outside your AWS "
            "Organization, or enable sharing with AWS Organizations in the management account"
        )
    elif isinstance(error, ModelCardShareError | ParserError | BotoCoreError | ClientError):
        text = str(error)
    else:
        text = f"unexpected {type(error).__name__}: {error} (run with --debug for details)"
    return " ".join(text.split())


@contextmanager
def _debug_logging(debug: bool) -> Iterator[None]:
    """Send the SDK's own log to stderr for the duration of a ``--debug`` command."""
    if not debug:
        yield
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("debug: %(name)s: %(message)s"))
    # Only our own loggers: botocore's debug output would include session tokens.
    logger = logging.getLogger("modelcard_share")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (captured output)
        pass


def run(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> int:
    """Parse ``argv``, run the chosen command and return its exit code."""
    try:
        args = parser.parse_args(argv)
    except ParserError as err:
        sys.stderr.write(f"error: {one_line(err)}\n")
        return EXIT_USAGE
    except SystemExit as exc:  # --help exits through argparse
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    return _execute(args)


def _execute(args: argparse.Namespace) -> int:
    handler: Handler = args.handler
    env = Env(args)
    try:
        with _debug_logging(args.debug):
            result = handler(env, args)
            if not isinstance(result, int):
                env.show(result)
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away (``... | head``): stop quietly
        silence_stdout()
        return EXIT_FAILED
    except Exception as err:
        if args.debug:
            traceback.print_exception(err, file=sys.stderr)
        sys.stderr.write(f"error: {one_line(err)}\n")
        return exit_code(err)
    return result if isinstance(result, int) else EXIT_OK
