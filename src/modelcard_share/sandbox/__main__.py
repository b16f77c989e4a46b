"""Command line: ``python -m modelcard_share.sandbox serve --port N``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from modelcard_share.sandbox._server import serve

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the sandbox server; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m modelcard_share.sandbox")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("serve", help="serve a sandbox world over HTTP")
    run.add_argument("--port", type=int, default=5000)
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--region", default="us-east-1")
    run.add_argument("--no-organization", action="store_true", help="accounts outside any org")
    args = parser.parse_args(argv)
    serve(port=args.port, host=args.host, region=args.region, organization=not args.no_organization)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
