"""Run every ``benchmarks/bench_*.py`` module's ``main()`` and print its figures.

Usage: ``python -m benchmarks [name ...]`` where each name selects modules whose name
contains it (for example ``python -m benchmarks content``). Each module runs in a fresh
interpreter, as a user's program would: what one benchmark leaves in the heap (a
1,000-account sandbox's worth of objects for the garbage collector to walk) or in
process-wide caches must not change the figures of the next.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

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
        print(f"== {name}", flush=True)
        code = f"import benchmarks.{name} as m; raise SystemExit(m.main() or 0)"
        done = subprocess.run([sys.executable, "-c", code], check=False)
        failed |= done.returncode != 0
    return int(failed)


if __name__ == "__main__":
    raise SystemExit(main())
