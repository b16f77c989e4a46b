"""modelcard-share: share SageMaker model cards across AWS accounts from the command line.

Run ``modelcard-share demo`` to see the whole walkthrough on an offline sandbox, and
``modelcard-share COMMAND --help`` for each command. Global options (``--topology``,
``--account``, ``--region``, ``--output table|json``, ``--debug``) go before or after
the command name. With ``--topology FILE`` the session comes from the topology's role
for ``--account`` (default: its home account); otherwise boto3's default session is used.

Exit codes:

- 0: ok.
- 1: a check failed, a demo step failed, or an operation could not finish (a status
  change the lifecycle does not allow, a wait that timed out, a failed export).
- 2: usage or configuration error (bad option, topology file, card name, ARN...).
- 3: AWS error (not found, access denied, credentials, throttled...).
- 4: the model card content does not validate against the schema.
- 130: interrupted.

Errors print one line, ``error: <message>``, on standard error; ``--debug`` adds the
traceback and the SDK's log. Credentials never appear in the output.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``modelcard-share`` command line and return its exit code.

    Args:
        argv: The arguments after the program name (default: ``sys.argv[1:]``).

    Returns:
        The exit code (see the module docstring).
    """
    from ._app import run  # noqa: PLC0415
    from ._parser import build_parser  # noqa: PLC0415

    return run(build_parser(), argv)
