"""Exact content and messages said once (issue 11, sections 2 and 3)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from modelcard_share import (
    CardContent,
    ConfigurationError,
    ExternalSharingError,
    ModelCard,
    sync_to_hub,
)
from modelcard_share.sandbox import Organization, Sandbox

from .conftest import fast_retry


@pytest.fixture
def sb() -> Iterator[Sandbox]:
    """The four default accounts; content may carry a numeric field the schema allows."""
    with Sandbox(organization=True) as world:
        yield world


@pytest.mark.parametrize(("before", "after"), [(1, 1.0), (1.0, 1), (2, 2.5), (0.0, -0.0)])
def test_sync_to_hub_copies_changes_python_calls_equal(
    sb: Sandbox, before: float, after: float
) -> None:
    """1 -> 1.0 (and 0.0 -> -0.0) is a change: sync_to_hub writes it, and the diff shows it."""
    retry = fast_retry(sb)
    spoke = ModelCard.create(
        "numbers",
        content={"model_overview": {"model_version": before}} if before >= 1 else {},
        session=sb.session("dev"),
        retry=retry,
    )
    if before < 1:  # model_version must be >= 1: use a metric value instead
        spoke.update(_metric(before))
    hub = sync_to_hub(spoke, sb.session("shared-services"))
    version = hub.version
    spoke.update({"model_overview": {"model_version": after}} if after >= 1 else _metric(after))
    hub = sync_to_hub(spoke, sb.session("shared-services"))
    assert hub.version == version + 1
    assert hub.content == spoke.content
    diff = hub.diff(version)
    assert len(diff) == 1
    [change] = diff
    assert (json.dumps(change.old), json.dumps(change.new)) == (
        json.dumps(before),
        json.dumps(after),
    )


def _metric(value: float) -> dict[str, object]:
    metric = {"name": "m", "type": "number", "value": value}
    group = {"name": "g", "metric_data": [metric]}
    return {"evaluation_details": [{"name": "e", "metric_groups": [group]}]}


def test_content_equality_is_json_equality() -> None:
    """Unknown keys holding 1, 1.0 and true make three different contents."""
    first, second, third = (
        CardContent.from_json_lenient({"x_extra": v}).content for v in (1, 1.0, True)
    )
    assert first != second
    assert second != third
    assert first != third


def test_the_external_sharing_message_says_each_thing_once() -> None:
    """RAM's refusal of an outside account: the hint appears once, not twice."""
    accounts = {"owner": "111111111111", "outside": "555555555555"}
    with Sandbox(accounts=accounts, organization=Organization(members=("owner",))) as sb:
        card = ModelCard.create("once", session=sb.session("owner"), retry=fast_retry(sb))
        with pytest.raises(ExternalSharingError) as refused:
            card.share_with(sb.account_id("outside"))
    text = str(refused.value)
    assert text.count("allow_external=True") == 1, text
    assert text.count("operation=") <= 1, text


def test_a_negative_timeout_is_named_before_any_call(sb: Sandbox) -> None:
    """share_with, export and share waits refuse timeout=-1 naming timeout, without a call."""
    card = ModelCard.create("waits", session=sb.session("shared-services"), retry=fast_retry(sb))
    share = card.share_with(sb.account_id("dev"))
    calls: list[str] = []
    card.context.clients.register("before-call.*.*", lambda model, **_: calls.append(model.name))
    for attempt in (
        lambda: card.share_with(sb.account_id("test"), wait=True, timeout=-1),
        lambda: card.export_pdf("s3://bucket/x", timeout=-1),
        lambda: share.wait_until_associated(timeout=-1),
        lambda: share.delete(timeout=-1),
    ):
        with pytest.raises(ConfigurationError, match="timeout"):
            attempt()
    assert calls == []
