"""Parse + validate + dump of a full model card vs plain ``json.loads`` + ``json.dumps``.

Both sides start from the same JSON text and end with the compact JSON string that is
sent to AWS. Batches of the two alternate in one process; the figures are medians.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from modelcard_share.content import CardContent

_REFERENCE = Path("/work/shared/reference/model-card-example-full.json")
_COPY = Path(__file__).parents[1] / "tests" / "content" / "data" / "model-card-example-full.json"
TARGET_RATIO = 5.0


def _text() -> str:
    path = _REFERENCE if _REFERENCE.exists() else _COPY
    return path.read_text(encoding="utf-8")


def _batch_us(fn: Callable[[], object], per_batch: int) -> float:
    start = time.perf_counter()
    for _ in range(per_batch):
        fn()
    return (time.perf_counter() - start) / per_batch * 1e6


def compare(
    baseline: Callable[[], object],
    candidate: Callable[[], object],
    *,
    rounds: int = 61,
    per_batch: int = 200,
) -> tuple[float, float, float]:
    """Time both functions in alternating batches (so load affects both alike).

    Returns:
        The median time per call of each, in microseconds, and the median of the
        per-round ratios candidate / baseline.
    """
    for _ in range(per_batch):  # warm up
        baseline()
        candidate()
    base, cand, ratios = [], [], []
    for _ in range(rounds):
        b = _batch_us(baseline, per_batch)
        c = _batch_us(candidate, per_batch)
        base.append(b)
        cand.append(c)
        ratios.append(c / b)
    return statistics.median(base), statistics.median(cand), statistics.median(ratios)


def main() -> int:
    """Print both medians, their ratio and PASS/MISS against the target (benchmarks report)."""
    text = _text()

    def baseline() -> str:
        return json.dumps(json.loads(text), separators=(",", ":"), ensure_ascii=False)

    def typed() -> str:
        return CardContent.from_json(text).to_json()

    assert json.loads(typed()) == json.loads(baseline())
    plain, ours, ratio = compare(baseline, typed)
    print(f"json.loads+json.dumps          : {plain:8.1f} us")
    print(f"CardContent parse+validate+dump: {ours:8.1f} us")
    verdict = "PASS" if ratio <= TARGET_RATIO else "MISS"
    print(f"ratio                          : {ratio:8.2f}x (target <= {TARGET_RATIO:g}x) {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
