"""Scale: list 2 000 cards and 500 shares; memory stays flat and calls equal pages.

The cards and shares are created directly with boto3 against the sandbox (not
timed, not counted). Then, on a warmed session (its clients already made):

- ``ModelCard.list`` over 200 and over 2 000 cards, consumed one by one;
- the owner's shares, 100 and 500 (both span several pages), read page by page
  through ``Context.pages`` (the generator every SDK listing uses), and the consumer-side listings
  ``shares_with_me`` and ``shared_with_me``, which return lists by design.

Peak memory comes from ``tracemalloc`` around each listing. The sandbox runs in
the same process, so the peak also holds the sandbox's own work for each request
(for RAM it builds every matching share before cutting a page, so that part grows
with the number of shares). To separate the two, each listing is compared with a
*baseline*: a hand-written boto3 loop over the same pages that keeps nothing but
the current page, the least any paginating client can hold. Calls are counted
with a ``before-call`` hook and page sizes read with an ``after-call`` hook.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Iterable
from typing import Any

import boto3

from benchmarks._common import (
    CallCounter,
    fast_retry,
    machine,
    offline_environment,
    pages_needed,
    verdict,
)
from modelcard_share import ModelCard, RetryPolicy, shared_with_me, shares_with_me
from modelcard_share.domain import MODEL_CARD
from modelcard_share.domain._context import resolve_context
from modelcard_share.domain._kinds._base import TAG_ACCESS
from modelcard_share.sandbox import Sandbox

ACCOUNTS = {"owner": "111111111111", "consumer": "222222222222"}
CARD_SIZES = (200, 2000)
SHARE_SIZES = (100, 500)  # both span several pages of 50
#: Growth of the peak from the small listing to the large one, relative to the growth of the
#: boto3 loop's peak (which holds only the sandbox's own work): ~1 means flat (generators).
FLAT_RATIO = 1.25

#: items, peak KiB, baseline peak KiB, calls, page sizes
Measured = tuple[int, float, float, list[str], list[int]]
PERMISSION = "arn:aws:ram::aws:permission/AWSRAMPermissionSageMakerModelCards"


class PageSizes:
    """An ``after-call`` hook that records how many items each page of a listing held."""

    def __init__(self) -> None:
        self.sizes: list[int] = []

    def __call__(self, parsed: dict[str, Any], model: Any, **_: Any) -> None:
        for key in ("ModelCardSummaries", "resourceShares", "resources"):
            if key in parsed:
                self.sizes.append(len(parsed[key]))


def peak_kib(consume: Callable[[], int]) -> tuple[int, float]:
    """Run ``consume`` under tracemalloc; return what it returned and the peak in KiB."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        count = consume()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return count, peak / 1024


def drain(items: Iterable[object]) -> int:
    """Consume ``items`` one by one without keeping them; return how many there were."""
    count = 0
    for _ in items:
        count += 1
    return count


def create_cards(sb: Sandbox, start: int, stop: int) -> list[str]:
    """Create cards ``card-<start>`` .. ``card-<stop - 1>`` in the owner account; return ARNs."""
    client = sb.client("owner", "sagemaker")
    return [
        client.create_model_card(
            ModelCardName=f"card-{i:05}", Content="{}", ModelCardStatus="Draft"
        )["ModelCardArn"]
        for i in range(start, stop)
    ]


def create_shares(sb: Sandbox, arns: list[str]) -> None:
    """Share each card in its own share with the consumer, tagged as the SDK tags them."""
    client = sb.client("owner", "ram")
    for arn in arns:
        client.create_resource_share(
            name=f"share-{arn.rsplit('/', 1)[1]}",
            resourceArns=[arn],
            principals=[sb.account_id("consumer")],
            permissionArns=[PERMISSION],
            tags=[
                {"key": MODEL_CARD.tag_key, "value": arn},
                {"key": TAG_ACCESS, "value": "read-write"},
            ],
        )


class Listing:
    """One listing measured on one warmed session: calls, pages, peak memory."""

    def __init__(self, sb: Sandbox, account: str, service: str, retry: RetryPolicy) -> None:
        self.session: boto3.Session = sb.session(account)
        self.counter = CallCounter().attach(self.session)
        self.pages = PageSizes()
        self.session.events.register("after-call.*.*", self.pages)
        self.ctx = resolve_context(self.session, region=sb.region, retry=retry)
        self.raw = self.ctx.client(service)  # the SDK's cached client: made before measuring

    def measure(self, consume: Callable[[], int], base: float) -> Measured:
        """Return items, peak KiB, ``base``, the calls made and the page sizes seen."""
        consume()  # warm botocore's per-operation caches
        self.counter.take()
        self.pages.sizes.clear()
        count, peak = peak_kib(consume)
        return count, peak, base, self.counter.take(), list(self.pages.sizes)

    def baseline(self, operation: str, items: str, cursor: str, **params: Any) -> float:
        """Return the peak KiB of a plain boto3 paging loop that keeps only the current page."""

        def loop() -> int:
            count, token = 0, ""
            while True:
                extra: dict[str, str] = {cursor: token} if token else {}
                page = getattr(self.raw, operation)(**params, **extra)
                count += len(page.get(items, ()))
                token = page.get(cursor)
                del page
                if not token:
                    return count

        loop()
        _, peak = peak_kib(loop)
        self.counter.take()
        self.pages.sizes.clear()
        return peak


def _line(label: str, n: int, measured: Measured) -> None:
    count, peak, base, calls, sizes = measured
    size = max(sizes) if sizes else 1
    expected = pages_needed(n, size)
    ok = count == n and len(calls) == len(sizes) == expected
    print(
        f"  {label:34} n={n:5}: {count:5} items, {len(calls):3} calls, {len(sizes):3} pages "
        f"(ceil({n}/{size}) = {expected}) {verdict(ok)}; peak {peak:6.0f} KiB "
        f"(boto3 loop {base:5.0f} KiB: {peak / base:4.2f}x)"
    )


def _flat(label: str, small: Measured, large: Measured, *, generator: bool) -> None:
    """Print how the peak grew from the small listing to the large one."""
    raw = large[1] / small[1]
    norm = (large[1] / large[2]) / (small[1] / small[2])
    line = (
        f"  {label:34} peak large/small: {raw:4.2f} (boto3 loop: {large[2] / small[2]:4.2f}); "
        f"relative to the boto3 loop: {norm:4.2f} "
    )
    if generator:
        line += f"(target <= {FLAT_RATIO:g}, ~1) {verdict(norm <= FLAT_RATIO)}"
    else:
        line += "(returns a list by design: grows with the items; no target)"
    print(line)


def _cards(sb: Sandbox, retry: RetryPolicy) -> list[str]:
    listing = Listing(sb, "owner", "sagemaker", retry)
    arns: list[str] = []
    measured: list[Measured] = []
    for n in CARD_SIZES:
        start = time.perf_counter()
        arns += create_cards(sb, len(arns), n)
        took = time.perf_counter() - start
        print(f"  {n} cards in total (last batch created in {took:.1f} s, not timed)")
        base = listing.baseline("list_model_cards", "ModelCardSummaries", "NextToken")
        measured.append(
            listing.measure(
                lambda: drain(ModelCard.list(session=listing.session, retry=retry)), base
            )
        )
        _line("ModelCard.list (generator)", n, measured[-1])
    _flat("ModelCard.list", measured[0], measured[-1], generator=True)
    _, kept = peak_kib(lambda: len(list(ModelCard.list(session=listing.session, retry=retry))))
    print(
        f"  for contrast, list(ModelCard.list(...)) keeping all {CARD_SIZES[-1]} summaries: "
        f"peak {kept:.0f} KiB"
    )
    return arns


def _shares(sb: Sandbox, retry: RetryPolicy, arns: list[str]) -> None:
    owner = Listing(sb, "owner", "ram", retry)
    consumer = Listing(sb, "consumer", "ram", retry)
    mine = "owner: GetResourceShares pages"
    listings = {
        mine: (
            owner,
            lambda: drain(
                owner.ctx.pages(
                    "ram", "get_resource_shares", items="resourceShares", resourceOwner="SELF"
                )
            ),
            ("get_resource_shares", "resourceShares", {"resourceOwner": "SELF"}),
        ),
        "consumer: shares_with_me (list)": (
            consumer,
            lambda: len(shares_with_me(consumer.session, retry=retry)),
            ("get_resource_shares", "resourceShares", {"resourceOwner": "OTHER-ACCOUNTS"}),
        ),
        "consumer: shared_with_me (list)": (
            consumer,
            lambda: len(shared_with_me(consumer.session, retry=retry)),
            (
                "list_resources",
                "resources",
                {"resourceOwner": "OTHER-ACCOUNTS", "resourceType": "sagemaker:ModelCard"},
            ),
        ),
    }
    measured: dict[str, list[Measured]] = {label: [] for label in listings}
    shared = 0
    for n in SHARE_SIZES:
        start = time.perf_counter()
        create_shares(sb, arns[shared:n])
        shared = n
        took = time.perf_counter() - start
        print(f"  {n} shares in total (last batch created in {took:.1f} s, not timed)")
        for label, (listing, consume, (operation, items, params)) in listings.items():
            base = listing.baseline(operation, items, "nextToken", **params)
            measured[label].append(listing.measure(consume, base))
            _line(label, n, measured[label][-1])
    for label, values in measured.items():
        _flat(label, values[0], values[-1], generator=label == mine)


def main() -> int:
    """Print calls vs pages and peak memory for the card and share listings."""
    offline_environment()
    print(f"machine: {machine()}")
    with Sandbox(accounts=ACCOUNTS, organization=True) as sb:
        retry = fast_retry(sb)
        print("cards:")
        arns = _cards(sb, retry)
        print("shares:")
        _shares(sb, retry, arns)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
