"""Run every ``benchmarks/bench_*.py`` module's ``main()`` and print its figures.

Usage: ``python -m benchmarks [name ...]`` where each name selects modules whose name
contains it (for example ``python -m benchmarks content``).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Callable

import benchmarks


def _modules(selected: list[str]) -> list[str]:
    names = sorted(
        info.name
        for info in pkgutil.iter_modules(benchmarks.__path__)
        if info.name.startswith("bench_")
    )
    if selected:
        names = [n for n in names if any(s in n for s in selected)]
    return names


def main(argv: list[str] | None = None) -> int:
    """Run the selected benchmark modules; return 0, or 1 if one of them failed."""
    failed = 0
    for name in _modules(list(sys.argv[1:] if argv is None else argv)):
        module = importlib.import_module(f"benchmarks.{name}")
        run: Callable[[], object] | None = getattr(module, "main", None)
        if run is None:
            continue
        print(f"== {name}")
        result = run()
        failed |= bool(result)
    return int(failed)


if __name__ == "__main__":
    raise SystemExit(main())
