"""Compact HTML summaries of cards, shares and shared-with-me listings for notebooks.

Pure functions: they read only what the objects already hold (no AWS call), so a
notebook's ``_repr_html_`` stays instant. Every piece of text is escaped.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from modelcard_share.domain import (
        LifecycleReport,
        ModelCard,
        PrincipalAssociation,
        ResourceShare,
        SharedResource,
    )

__all__ = ["card_html", "lifecycle_html", "share_html", "shared_with_me_html", "status_badge"]

#: Badge colours (background, text) per status value; anything else is grey.
_COLOURS: dict[str, tuple[str, str]] = {
    "Draft": ("#e5e7eb", "#374151"),
    "PendingReview": ("#fef3c7", "#92400e"),
    "Approved": ("#d1fae5", "#065f46"),
    "Archived": ("#d1d5db", "#1f2937"),
    "ACTIVE": ("#d1fae5", "#065f46"),
    "ASSOCIATED": ("#d1fae5", "#065f46"),
    "PENDING": ("#fef3c7", "#92400e"),
    "ASSOCIATING": ("#fef3c7", "#92400e"),
    "FAILED": ("#fee2e2", "#991b1b"),
    "DELETING": ("#d1d5db", "#1f2937"),
    "DELETED": ("#d1d5db", "#1f2937"),
    "DISASSOCIATING": ("#d1d5db", "#1f2937"),
    "DISASSOCIATED": ("#d1d5db", "#1f2937"),
}
_GREY = ("#e5e7eb", "#374151")
_TABLE = "border-collapse:collapse;font-family:sans-serif;font-size:13px"
_CELL = "padding:2px 8px;text-align:left;vertical-align:top"


def _text(value: Any) -> str:
    """Return ``value`` as escaped text (``-`` for ``None``)."""
    if value is None:
        return "-"
    if isinstance(value, enum.Enum):
        value = value.value
    elif isinstance(value, dt.datetime):
        value = value.strftime("%Y-%m-%d %H:%M UTC" if value.tzinfo else "%Y-%m-%d %H:%M")
    return html.escape(str(value), quote=True)


def status_badge(status: Any) -> str:
    """Return an HTML badge for a card, share or association status."""
    label = status.value if isinstance(status, enum.Enum) else str(status)
    background, colour = _COLOURS.get(label, _GREY)
    return (
        f'<span style="background:{background};color:{colour};border-radius:8px;'
        f'padding:1px 8px;font-size:12px">{html.escape(label)}</span>'
    )


def _rows(pairs: Iterable[tuple[str, str]]) -> str:
    return "".join(
        f'<tr><th style="{_CELL}">{html.escape(k)}</th><td style="{_CELL}">{v}</td></tr>'
        for k, v in pairs
    )


def _grid(headers: Sequence[str], rows: Iterable[Sequence[str]], empty: str) -> str:
    body = "".join(
        "<tr>" + "".join(f'<td style="{_CELL}">{cell}</td>' for cell in row) + "</tr>"
        for row in rows
    )
    if not body:
        return f"<p><em>{html.escape(empty)}</em></p>"
    head = "".join(f'<th style="{_CELL}">{html.escape(h)}</th>' for h in headers)
    return f'<table style="{_TABLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _principal_label(item: PrincipalAssociation | str) -> str:
    if isinstance(item, str):
        return _text(item)
    access = f" ({_text(item.access)})" if item.access is not None else ""
    return f"{_text(item.entity)}{access} {status_badge(item.status)}"


def card_html(
    card: ModelCard, shared_with: Sequence[PrincipalAssociation | str] | None = None
) -> str:
    """Return a compact HTML summary of a model card for a notebook.

    Args:
        card: The card, as last read (no AWS call is made).
        shared_with: Who the card is shared with: principal associations (as from
            ``card.principals()``) or plain account ids. ``None`` leaves the row out
            (unknown); an empty list says "not shared".
    """
    overview = card.content.model_overview
    uses = card.content.intended_uses
    pairs = [
        ("Status", status_badge(card.status)),
        ("Version", _text(card.version)),
        ("Owner account", _text(card.owner_account_id)),
        ("Model owner", _text(overview.model_owner if overview else None)),
        ("Risk rating", _text(uses.risk_rating if uses else None)),
        ("Region", _text(card.region)),
        ("ARN", f"<code>{_text(card.arn)}</code>"),
    ]
    if shared_with is not None:
        listed = "<br>".join(_principal_label(p) for p in shared_with)
        pairs.append(("Shared with", listed or "<em>not shared</em>"))
    return (
        '<div class="modelcard-share card">'
        f"<strong>Model card {_text(card.name)}</strong>"
        f'<table style="{_TABLE}">{_rows(pairs)}</table></div>'
    )


def share_html(
    share: ResourceShare, principals: Sequence[PrincipalAssociation] | None = None
) -> str:
    """Return a compact HTML summary of a resource share for a notebook.

    Args:
        share: The share, as last read (no AWS call is made).
        principals: Its principals (as from ``share.principals()``); ``None`` leaves
            them out.
    """
    pairs = [
        ("Status", status_badge(share.status)),
        ("Access", _text(share.access)),
        ("Owner account", _text(share.owner_account_id)),
        ("Resource", f"<code>{_text(share.resource_arn)}</code>"),
        ("External principals", "allowed" if share.allow_external_principals else "not allowed"),
        ("ARN", f"<code>{_text(share.arn)}</code>"),
    ]
    if principals is not None:
        listed = "<br>".join(_principal_label(p) for p in principals)
        pairs.append(("Principals", listed or "<em>none</em>"))
    return (
        '<div class="modelcard-share share">'
        f"<strong>Resource share {_text(share.name)}</strong>"
        f'<table style="{_TABLE}">{_rows(pairs)}</table></div>'
    )


def shared_with_me_html(resources: Sequence[SharedResource]) -> str:
    """Return an HTML table of what other accounts share with this one.

    Args:
        resources: The listing (as from ``shared_with_me(session)``).
    """
    rows = [
        (
            f"<code>{_text(r.arn)}</code>",
            _text(r.resource_type),
            _text(r.owner_account_id),
            _text(r.share_count),
            _text(r.last_shared),
        )
        for r in resources
    ]
    table = _grid(
        ("Resource", "Type", "Owner account", "Shares", "Last shared"),
        rows,
        "Nothing is shared with this account.",
    )
    return (
        f'<div class="modelcard-share shared-with-me"><strong>Shared with me</strong>{table}</div>'
    )


def lifecycle_html(report: LifecycleReport) -> str:
    """Render a lifecycle report: each account, its expected and actual access."""
    rows = "".join(
        "<tr>"
        f"<td>{_text(view.name)}</td><td>{_text(view.stage)}</td>"
        f"<td>{_text(view.expected)}</td>"
        f"<td>{_text(', '.join(str(g.access.value if g.access else '?') for g in view.live))}</td>"
        f"<td>{'conflict' if view.excess else ('ok' if view.converged else 'missing')}</td>"
        "</tr>"
        for view in report.accounts
    )
    return (
        f"<div><p>{status_badge(report.status.value)} <code>{_text(report.card_arn)}</code></p>"
        "<table><tr><th>Account</th><th>Stage</th><th>Expected</th><th>Holds</th><th></th></tr>"
        f"{rows}</table></div>"
    )
