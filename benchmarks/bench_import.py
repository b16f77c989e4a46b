"""Import time of ``modelcard_share`` vs ``boto3``, in fresh interpreter processes.

Each sample is the wall time of ``python -c "<statement>"`` (interpreter start-up
included, as a user sees it). The statements run interleaved, round after round,
so machine load affects all of them alike; the figures are medians and the ratio
is the median of per-round ratios.
"""

from __future__ import annotations

import subprocess
import sys
import time

from benchmarks._common import machine, median, verdict

TARGET_RATIO = 1.25
ROUNDS = 9

BASELINE = "import boto3"
STATEMENTS = {
    "import modelcard_share": True,  # has a target
    "from modelcard_share import ModelCard": False,  # loads boto3 + attrs + cattrs: information
}


def run_once(statement: str) -> float:
    """Return the wall time in seconds of one fresh ``python -c statement`` process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], check=True)
    return time.perf_counter() - start


def measure(rounds: int = ROUNDS) -> dict[str, list[float]]:
    """Time the baseline and every statement ``rounds`` times each, interleaved."""
    statements = [BASELINE, *STATEMENTS]
    for statement in statements:  # warm the OS file cache and .pyc files
        run_once(statement)
    samples: dict[str, list[float]] = {s: [] for s in statements}
    for _ in range(rounds):
        for statement in statements:
            samples[statement].append(run_once(statement))
    return samples


def main() -> int:
    """Print the medians and ratios against ``import boto3``; PASS/MISS per target."""
    print(f"machine: {machine()}")
    samples = measure()
    base = samples[BASELINE]
    print(f"{'python -c ' + repr(BASELINE):52}: {median(base) * 1e3:7.1f} ms (median of {ROUNDS})")
    for statement, has_target in STATEMENTS.items():
        times = samples[statement]
        ratio = median(t / b for t, b in zip(times, base, strict=True))
        line = f"{'python -c ' + repr(statement):52}: {median(times) * 1e3:7.1f} ms  {ratio:5.2f}x"
        if has_target:
            line += f" (target <= {TARGET_RATIO:g}x) {verdict(ratio <= TARGET_RATIO)}"
        else:
            line += " (information, no target)"
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
