"""Subcommands that run the offline sandbox: ``sandbox serve``."""

from __future__ import annotations

import argparse

from ._app import Env

__all__ = ["cmd_sandbox_serve"]


def cmd_sandbox_serve(env: Env, args: argparse.Namespace) -> int:
    """Serve the four-account sandbox over HTTP until interrupted."""
    from modelcard_share.sandbox import serve  # noqa: PLC0415

    def out(text: str) -> None:
        env.out.write(text + "\n")
        env.out.flush()

    serve(
        port=args.port,
        host=args.host,
        organization=not args.no_organization,
        region=args.region or "us-east-1",
        out=out,
    )
    return 0
