"""Print (or write, or check) the automation's CloudFormation template.

Usage::

    python -m modelcard_share.automation.template                 # print it
    python -m modelcard_share.automation.template --output deploy/automation.yaml
    python -m modelcard_share.automation.template --check deploy/automation.yaml

``--check`` exits 1 when the file differs from what this SDK generates (a stale template
or a hand edit).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ._template import deployment_template, render_yaml

__all__ = ["main", "render"]


def render() -> str:
    """Return the template as YAML text, exactly as ``deploy/automation.yaml`` holds it."""
    return render_yaml(deployment_template())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m modelcard_share.automation.template", description=__doc__.split("\n")[0]
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--output", metavar="FILE", help="write the template to FILE")
    group.add_argument("--check", metavar="FILE", help="exit 1 if FILE is not the template")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = Path(args.check).read_text(encoding="utf-8")
        if current != text:
            sys.stderr.write(
                f"{args.check} is not the generated template; regenerate it with "
                f"--output {args.check}\n"
            )
            return 1
        return 0
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":  # pragma: no cover - exercised through main()
    raise SystemExit(main())
