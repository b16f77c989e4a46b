"""``python -m modelcard_share.cli``: the same as the ``modelcard-share`` command."""

from __future__ import annotations

import sys

from modelcard_share.cli import main

if __name__ == "__main__":
    sys.exit(main())
