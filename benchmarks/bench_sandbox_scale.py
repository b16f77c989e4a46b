"""Sandbox RAM emulation at scale: time per listed page with 50, 500 and 5,000 shares.

``dev`` shares N cards with ``prod``, one card per share (N shares, created through the
public API, not timed). Then, on warm clients, each listing is read page by
page to its end (``maxResults=50``) and timed per page: the consumer's GetResourceShares and
ListResources (OTHER-ACCOUNTS) and the owner's GetResourceShares (SELF); and the consumer's
DescribeModelCard of one shared card (which asks RAM which shares grant it) per call. The
ratio column is the time at 5,000 shares divided by the time at 50: ~1 means the work per page
does not grow with the data.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from modelcard_share.sandbox import DEFAULT_ACCOUNTS, Sandbox

SIZES = (50, 500, 5000)
REPEAT = 20
PAGE = 50
CONTENT = '{"model_overview": {"model_description": "bench"}}'


def _share_many(sb: Sandbox, count: int) -> str:
    """Share ``count`` new cards with prod, one card per share; return the last card's ARN."""
    sm, ram = sb.client("dev", "sagemaker"), sb.client("dev", "ram")
    card = ""
    for n in range(count):
        card = sm.create_model_card(
            ModelCardName=f"c{n}", Content=CONTENT, ModelCardStatus="Draft"
        )["ModelCardArn"]
        ram.create_resource_share(
            name=f"s{n}", resourceArns=[card], principals=[sb.account_id("prod")]
        )
    return str(card)


def _per_call(call: Callable[[], Any]) -> float:
    call()
    start = time.perf_counter()
    for _ in range(REPEAT):
        call()
    return (time.perf_counter() - start) / REPEAT * 1000


def _per_page(call: Callable[..., dict[str, Any]]) -> float:
    """Milliseconds per page, reading the listing to its end (after one warm-up page)."""
    call()
    pages, token = 0, None
    start = time.perf_counter()
    while True:
        page = call(**({"nextToken": token} if token else {}))
        pages += 1
        token = page.get("nextToken")
        if not token:
            break
    return (time.perf_counter() - start) / pages * 1000


def measure(size: int) -> dict[str, float]:
    """Milliseconds per page of each listing with ``size`` shares."""
    with Sandbox(accounts=DEFAULT_ACCOUNTS) as sb:
        card = _share_many(sb, size)
        prod_ram, dev_ram = sb.client("prod", "ram"), sb.client("dev", "ram")
        prod_sm = sb.client("prod", "sagemaker")
        return {
            "GetResourceShares OTHER-ACCOUNTS": _per_page(
                lambda **kw: prod_ram.get_resource_shares(
                    resourceOwner="OTHER-ACCOUNTS", maxResults=PAGE, **kw
                )
            ),
            "ListResources OTHER-ACCOUNTS": _per_page(
                lambda **kw: prod_ram.list_resources(
                    resourceOwner="OTHER-ACCOUNTS", maxResults=PAGE, **kw
                )
            ),
            "GetResourceShares SELF": _per_page(
                lambda **kw: dev_ram.get_resource_shares(
                    resourceOwner="SELF", maxResults=PAGE, **kw
                )
            ),
            "DescribeModelCard (consumer)": _per_call(
                lambda: prod_sm.describe_model_card(ModelCardName=card)
            ),
        }


def main() -> int:
    """Print ms per page at 50 / 500 / 5,000 shares, and the ratio to 50 shares."""
    results = {size: measure(size) for size in SIZES}
    names = list(results[SIZES[0]])
    print(f"{'listing (ms per page of 50)':36}" + "".join(f"{s:>10}" for s in SIZES) + "   x@5000")
    for name in names:
        row = [results[s][name] for s in SIZES]
        print(f"{name:36}" + "".join(f"{v:10.2f}" for v in row) + f"{row[-1] / row[0]:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
