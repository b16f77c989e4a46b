"""Notebook HTML for cards, diffs, shares, listings and the lifecycle topology.

Pure functions: they read only what the objects already hold (no AWS call), so a
notebook's ``_repr_html_`` stays instant. Three rules hold for everything here:

- **Escaped.** Every piece of text goes through :func:`html.escape`; nothing a card,
  a share or an account name holds can become markup.
- **Self-contained.** Inline ``style`` attributes and inline SVG only: no ``<script>``,
  no ``<style>`` element (sanitizers such as JupyterLab's for untrusted notebooks and
  GitHub's notebook viewer drop those), no external asset, no event handler.
- **Light and dark.** Text is never coloured: it inherits the theme's colour
  (``currentColor`` in SVG). Status colours are semi-transparent backgrounds and solid
  borders, which read on a white and on a black page alike.

:func:`safe_html` is how every ``_repr_html_`` calls these: a renderer that raises
falls back to the escaped ``repr``, so displaying an object never raises.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from modelcard_share.domain import (
        AccountView,
        CardVersion,
        ContentChange,
        ContentDiff,
        LifecycleReport,
        ModelCard,
        PrincipalAssociation,
        ResourceShare,
        SharedResource,
    )

__all__ = [
    "card_html",
    "diff_html",
    "lifecycle_html",
    "safe_html",
    "share_html",
    "shared_with_me_html",
    "shares_html",
    "status_badge",
    "versions_html",
]

logger = logging.getLogger(__name__)

# ----------------------------------------------------------------------------- palette
# (background, border) per tone: semi-transparent fills over the theme's own background,
# so the theme's text colour stays readable on them in light and dark themes.
_TONES: dict[str, tuple[str, str]] = {
    "ok": ("rgba(34,197,94,0.16)", "rgba(34,197,94,0.85)"),
    "wait": ("rgba(245,158,11,0.18)", "rgba(245,158,11,0.9)"),
    "bad": ("rgba(239,68,68,0.18)", "rgba(239,68,68,0.9)"),
    "info": ("rgba(59,130,246,0.16)", "rgba(59,130,246,0.85)"),
    "off": ("rgba(128,128,128,0.14)", "rgba(128,128,128,0.7)"),
}

#: The tone of each status value (card, share, association, export); anything else: "off".
_STATUS_TONES: dict[str, str] = {
    "Draft": "off",
    "PendingReview": "wait",
    "Approved": "ok",
    "Archived": "off",
    "ACTIVE": "ok",
    "ASSOCIATED": "ok",
    "ACCEPTED": "ok",
    "Completed": "ok",
    "PENDING": "wait",
    "ASSOCIATING": "wait",
    "InProgress": "wait",
    "FAILED": "bad",
    "Failed": "bad",
    "EXPIRED": "bad",
    "REJECTED": "bad",
    "DELETING": "off",
    "DELETED": "off",
    "DISASSOCIATING": "off",
    "DISASSOCIATED": "off",
}

_FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:13px"
_BOX = (
    f"{_FONT};line-height:1.45;color:inherit;border:1px solid rgba(128,128,128,0.45);"
    "border-radius:8px;padding:10px 12px;margin:4px 0;max-width:100%;box-sizing:border-box;"
    "overflow-wrap:anywhere"
)
_TABLE = "border-collapse:collapse;margin-top:6px;color:inherit"
_CELL = "padding:3px 10px 3px 0;text-align:left;vertical-align:top;overflow-wrap:anywhere"
_HEAD_CELL = (
    "padding:4px 10px;text-align:left;vertical-align:bottom;white-space:nowrap;"
    "border-bottom:2px solid rgba(128,128,128,0.55);font-weight:600"
)
_GRID_CELL = (
    "padding:3px 10px;text-align:left;vertical-align:top;"
    "border-bottom:1px solid rgba(128,128,128,0.25);overflow-wrap:break-word"
)
_STRIPE = "background:rgba(128,128,128,0.07)"
_CODE_FONT = "font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px"
_CODE = f"{_CODE_FONT};overflow-wrap:anywhere"
_PRE = (
    f"{_CODE};white-space:pre-wrap;overflow-wrap:anywhere;margin:4px 0 6px;padding:6px 8px;"
    "border-radius:6px;background:rgba(128,128,128,0.1);color:inherit"
)
_SUMMARY = "cursor:pointer;padding:2px 0"
_MUTED = "opacity:0.75"


# ------------------------------------------------------------------------------ basics


def _text(value: Any) -> str:
    """Return ``value`` as escaped text (``-`` for ``None``)."""
    if value is None:
        return "-"
    if isinstance(value, enum.Enum):
        value = value.value
    elif isinstance(value, dt.datetime):
        value = value.strftime("%Y-%m-%d %H:%M UTC" if value.tzinfo else "%Y-%m-%d %H:%M")
    return html.escape(str(value), quote=True)


def _code(value: Any) -> str:
    return f'<code style="{_CODE}">{_text(value)}</code>'


def _json(value: Any) -> str:
    """Return ``value`` as compact JSON text (escaped); non-JSON values fall back to repr."""
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        text = repr(value)
    return html.escape(text, quote=True)


def _tone(label: str) -> tuple[str, str]:
    return _TONES[_STATUS_TONES.get(label, "off")]


def _pill(label: str, tone: str, title: str | None = None) -> str:
    background, border = _TONES[tone]
    hint = f' title="{html.escape(title, quote=True)}"' if title else ""
    return (
        f'<span class="mcs-badge"{hint} style="display:inline-block;padding:0 8px;'
        f"border-radius:9px;border:1px solid {border};background:{background};"
        f'font-size:12px;line-height:18px;white-space:nowrap;color:inherit">'
        f"{html.escape(label, quote=True)}</span>"
    )


def status_badge(status: Any) -> str:
    """Return an HTML badge for a card, share, association or export status."""
    label = status.value if isinstance(status, enum.Enum) else str(status)
    return _pill(label, _STATUS_TONES.get(label, "off"))


def _box(kind: str, title: str, body: str) -> str:
    return (
        f'<div class="mcs mcs-{kind}" style="{_BOX}">'
        f'<div style="font-weight:600;font-size:14px">{title}</div>{body}</div>'
    )


def _rows(pairs: Iterable[tuple[str, str]]) -> str:
    body = "".join(
        f'<tr><th style="{_CELL};font-weight:600;white-space:nowrap">{html.escape(k)}</th>'
        f'<td style="{_CELL}">{v}</td></tr>'
        for k, v in pairs
    )
    return f'<table style="{_TABLE}">{body}</table>'


def _grid(headers: Sequence[str], rows: Iterable[Sequence[str]], empty: str) -> str:
    """A plain table that looks sortable (a sort mark on every column, no script)."""
    body = "".join(
        f'<tr style="{_STRIPE if index % 2 else ""}">'
        + "".join(f'<td style="{_GRID_CELL}">{cell}</td>' for cell in row)
        + "</tr>"
        for index, row in enumerate(rows)
    )
    if not body:
        return f'<p style="margin:6px 0 0"><em>{html.escape(empty)}</em></p>'
    head = "".join(
        f'<th style="{_HEAD_CELL}" aria-sort="none">{html.escape(h)}'
        f' <span aria-hidden="true" style="{_MUTED};font-size:10px">&#x25B4;&#x25BE;</span></th>'
        for h in headers
    )
    return (
        f'<table class="mcs-table" style="{_TABLE}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def safe_html(render: Callable[[], str], obj: object) -> str:
    """Return ``render()``, or ``obj``'s escaped repr if rendering raises; never raises.

    Args:
        render: Builds the HTML.
        obj: The object being displayed (for the fallback and the debug log).
    """
    try:
        return render()
    except Exception:
        logger.debug("could not render %s as HTML", type(obj).__name__, exc_info=True)
    try:
        text = repr(obj)
    except Exception:
        text = f"<{type(obj).__name__}>"
    return f'<pre style="{_PRE}">{html.escape(text, quote=True)}</pre>'


# ------------------------------------------------------------------------------- cards


def _principal_label(item: PrincipalAssociation | str) -> str:
    if isinstance(item, str):
        return _text(item)
    access = f" ({_text(item.access)})" if item.access is not None else ""
    return f"{_text(item.entity)}{access} {status_badge(item.status)}"


def _title(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _sections(card: ModelCard) -> str:
    """Each top-level content section in its own collapsed ``<details>``."""
    try:
        document = card.content.to_dict()
    except Exception:  # content changed into something that is not JSON
        logger.debug("could not read the content of %s", card.name, exc_info=True)
        return f'<p style="margin:6px 0 0"><em>{html.escape("content unreadable")}</em></p>'
    if not document:
        return '<p style="margin:6px 0 0"><em>No content yet.</em></p>'
    parts = []
    for key, value in document.items():
        pretty = json.dumps(value, indent=2, ensure_ascii=False)
        parts.append(
            f'<details class="mcs-section" style="margin:2px 0">'
            f'<summary style="{_SUMMARY}">{html.escape(_title(key))}</summary>'
            f'<pre style="{_PRE}">{html.escape(pretty)}</pre></details>'
        )
    return (
        f'<details class="mcs-sections" style="margin-top:6px">'
        f'<summary style="{_SUMMARY};font-weight:600">Content: {len(document)} '
        f"section{'s' if len(document) != 1 else ''}</summary>"
        f'<div style="padding-left:12px">{"".join(parts)}</div></details>'
    )


def _last_change(card: ModelCard) -> str:
    record = card.record  # as last read: display never calls AWS
    when = record.modified_time or record.created_time
    who = record.modified_by or record.created_by
    if when is None:
        return "-"
    by = f' <span style="{_MUTED}">by {_text(who)}</span>' if who is not None else ""
    return f"{_text(when)}{by}"


def card_html(
    card: ModelCard, shared_with: Sequence[PrincipalAssociation | str] | None = None
) -> str:
    """Return a compact HTML card for a model card: badges, key facts, collapsed sections.

    Args:
        card: The card, as last read (no AWS call is made).
        shared_with: Who the card is shared with: principal associations (as from
            ``card.principals()``) or plain account ids. ``None`` leaves the row out
            (unknown); an empty list says "not shared".
    """
    overview = card.content.model_overview
    uses = card.content.intended_uses
    risk = uses.risk_rating if uses else None
    pairs = [
        ("Owner account", _text(card.owner_account_id)),
        ("Model owner", _text(overview.model_owner if overview else None)),
        ("Risk rating", _text(risk)),
        ("Last change", _last_change(card)),
        ("ARN", _code(card.arn)),
    ]
    if shared_with is not None:
        listed = "<br>".join(_principal_label(p) for p in shared_with)
        pairs.append(("Shared with", listed or "<em>not shared</em>"))
    if card.content_problems:
        problems = "<br>".join(_text(p) for p in card.content_problems)
        pairs.append(("Content problems", problems))
    if card.deleted:
        pairs.append(("Deleted", "yes (through this object)"))
    title = (
        f"Model card {_text(card.name)} {status_badge(card.status)} "
        f"{_pill(f'v{card.version}', 'info', 'content version')}"
    )
    return _box("card", title, _rows(pairs) + _sections(card))


# -------------------------------------------------------------------------------- diffs

_KIND_TONES = {"added": "ok", "removed": "bad", "changed": "wait"}
_KIND_MARKS = {"added": "+", "removed": "\u2212", "changed": "~"}


def _diff_row(change: ContentChange) -> str:
    kind = change.kind.value
    background, border = _TONES[_KIND_TONES.get(kind, "off")]
    old = "" if kind == "added" else _json(change.old)
    new = "" if kind == "removed" else _json(change.new)
    cell = f"{_GRID_CELL};{_CODE}"
    # A path breaks after its dots and before its indexes, never inside a key.
    path = _text(change.path).replace(".", ".<wbr>").replace("[", "<wbr>[")
    return (
        f'<tr class="mcs-{html.escape(kind)}" style="background:{background};'
        f'border-left:3px solid {border}">'
        f'<td style="{_GRID_CELL};white-space:nowrap">{html.escape(_KIND_MARKS.get(kind, "?"))} '
        f"{html.escape(kind)}</td>"
        f'<td style="{_GRID_CELL};{_CODE_FONT};overflow-wrap:break-word">{path}</td>'
        f'<td style="{cell}">{old}</td><td style="{cell}">{new}</td></tr>'
    )


def diff_html(diff: ContentDiff) -> str:
    """Return a side-by-side HTML table of a content diff (path, old value, new value)."""
    old = "v" + _text(diff.old_version) if diff.old_version is not None else "old"
    new = "v" + _text(diff.new_version) if diff.new_version is not None else "new"
    title = f"Content diff {old} &#x2192; {new}"
    if not diff.changes:
        return _box("diff", title, '<p style="margin:6px 0 0"><em>No changes.</em></p>')
    heads = ("Change", "Path", old, new)
    head = "".join(f'<th style="{_HEAD_CELL}">{h}</th>' for h in heads)
    body = "".join(_diff_row(c) for c in diff.changes)
    counts = ", ".join(
        f"{sum(1 for c in diff.changes if c.kind.value == k)} {k}"
        for k in ("added", "removed", "changed")
        if any(c.kind.value == k for c in diff.changes)
    )
    table = (
        f'<table class="mcs-table" style="{_TABLE};width:100%;table-layout:auto">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
    return _box("diff", f'{title} <span style="{_MUTED};font-weight:400">({counts})</span>', table)


# ------------------------------------------------------------------------------- shares


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
        ("Access", _text(share.access)),
        ("Owner account", _text(share.owner_account_id)),
        ("Resource", _code(share.resource_arn)),
        ("External principals", "allowed" if share.allow_external_principals else "not allowed"),
        ("ARN", _code(share.arn)),
    ]
    if principals is not None:
        listed = "<br>".join(_principal_label(p) for p in principals)
        pairs.append(("Principals", listed or "<em>none</em>"))
    title = f"Resource share {_text(share.name)} {status_badge(share.status)}"
    return _box("share", title, _rows(pairs))


def shares_html(shares: Sequence[ResourceShare]) -> str:
    """Return an HTML table of resource shares (as from ``card.shares()``)."""
    rows = [
        (
            _text(s.name),
            _text(s.access),
            status_badge(s.status),
            "allowed" if s.allow_external_principals else "no",
            _text(s.creation_time),
        )
        for s in shares
    ]
    table = _grid(
        ("Share", "Access", "Status", "External", "Created"), rows, "No shares of this SDK."
    )
    return _box("shares", f"Resource shares ({len(rows)})", table)


def versions_html(versions: Sequence[CardVersion]) -> str:
    """Return an HTML table of a card's versions (as from ``card.versions()``)."""
    rows = [
        (
            _text(v.version),
            status_badge(v.status),
            _text(v.modified_time or v.created_time),
            _code(v.name),
        )
        for v in versions
    ]
    table = _grid(("Version", "Status", "Written", "Card"), rows, "No versions.")
    return _box("versions", f"Versions ({len(rows)})", table)


def shared_with_me_html(resources: Sequence[SharedResource]) -> str:
    """Return an HTML table of what other accounts share with this one.

    Args:
        resources: The listing (as from ``shared_with_me(session)``).
    """
    rows = [
        (
            _code(r.arn),
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
    return _box("shared-with-me", f"Shared with me ({len(rows)})", table)


# ---------------------------------------------------------------------------- lifecycle

_SVG_WIDTH = 720
_HOME_BOX = (16, 196)  # x range of the central account
_NODE_BOX = (470, 704)  # x range of the stage accounts
_NODE_HEIGHT = 52
_NODE_GAP = 22
_LABEL_X = 458  # edge labels end here, left of the stage accounts
_LABEL_CHARS = 38
_NAME_CHARS = 26
_NOTE_TEXT = ' font-size="11" opacity="0.8"'


def _clip(text: str, limit: int) -> str:
    """Shorten ``text`` to ``limit`` characters (an ellipsis marks the cut); then escape."""
    short = text if len(text) <= limit else text[: limit - 1] + "\u2026"
    return html.escape(short, quote=True)


def _view_state(view: AccountView) -> tuple[str, str, str, str]:
    """Return (tone, dash pattern, label, second label line) for the edge to one account."""
    holds = view.access.value if view.access is not None else None
    status = view.status.value if view.status is not None else None
    allows = view.expected.value if view.expected is not None else "none"
    if view.excess:
        grants = f" ({len(view.live)} grants)" if len(view.live) > 1 else ""
        return "bad", "", f"CONFLICT: holds {holds or 'access'}{grants}", f"stage allows {allows}"
    if view.converged and view.expected is None:
        return "off", "4 4", "no access", ""
    if view.converged:
        return ("ok" if status == "ASSOCIATED" else "wait"), "", f"{holds} \u00b7 {status}", ""
    if status == "FAILED":
        return "bad", "6 4", "association FAILED", f"expected {allows}"
    if holds is not None:
        return "wait", "6 4", f"{holds} \u00b7 {status}", f"expected {allows}"
    return "wait", "6 4", "missing", f"expected {allows}"


def _svg_text(x: float, y: float, text: str, *, anchor: str = "start", extra: str = "") -> str:
    return (
        f'<text x="{x:.0f}" y="{y:.0f}" text-anchor="{anchor}" fill="currentColor"{extra}>'
        f"{text}</text>"
    )


def _svg_node(
    y: float, tone: str, lines: Sequence[str], tooltip: str, *, dashed: bool = False
) -> str:
    background, border = _TONES[tone]
    left, right = _NODE_BOX
    dash = ' stroke-dasharray="5 3"' if dashed else ""
    texts = "".join(
        _svg_text(left + 10, y + 19 + 16 * i, line, extra=' font-weight="600"' if i == 0 else "")
        for i, line in enumerate(lines)
    )
    return (
        f'<g class="mcs-node"><title>{html.escape(tooltip, quote=True)}</title>'
        f'<rect x="{left}" y="{y:.0f}" width="{right - left}" height="{_NODE_HEIGHT}" rx="8" '
        f'fill="{background}" stroke="{border}" stroke-width="1.5"{dash}/>{texts}</g>'
    )


def _svg_edge(y_home: float, y_node: float, tone: str, dash: str, *, label: str, note: str) -> str:
    _, border = _TONES[tone]
    start_x, end_x = _HOME_BOX[1], _NODE_BOX[0]
    middle = (start_x + end_x) / 2
    width = "3" if tone == "bad" else "2"
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    path = (
        f"M{start_x},{y_home:.0f} C{middle:.0f},{y_home:.0f} {middle:.0f},{y_node:.0f} "
        f"{end_x},{y_node:.0f}"
    )
    # Labels sit on the side of the edge's end that the curve does not come from.
    if y_node > y_home + 1:  # the curve comes down from the central account
        label_y, note_y = y_node + 16, y_node + 30
    elif y_node < y_home - 1:  # the curve comes up
        label_y, note_y = y_node - 20, y_node - 6
    else:
        label_y, note_y = y_node - 6, y_node + 15
    second = (
        _svg_text(_LABEL_X, note_y, _clip(note, _LABEL_CHARS), anchor="end", extra=_NOTE_TEXT)
        if note
        else ""
    )
    tooltip = f"{label} ({note})" if note else label
    return (
        f'<g class="mcs-edge mcs-{tone}"><title>{html.escape(tooltip, quote=True)}</title>'
        f'<path d="{path}" fill="none" stroke="{border}" stroke-width="{width}"{dashes}/>'
        f'<circle cx="{end_x}" cy="{y_node:.0f}" r="3.5" fill="{border}"/>'
        + _svg_text(
            _LABEL_X,
            label_y if note else (y_node - 6 if y_node <= y_home + 1 else y_node + 16),
            _clip(label, _LABEL_CHARS),
            anchor="end",
            extra=' font-size="11"' + (' font-weight="700"' if tone == "bad" else ""),
        )
        + second
        + "</g>"
    )


def _topology_svg(report: LifecycleReport) -> str:
    parts = report.card_arn.split(":")
    home_id = parts[4] if len(parts) > 5 else "?"
    card_name = parts[-1].split("/", 1)[-1] if parts else "?"
    nodes: list[tuple[str, str, str, str, tuple[str, str], str, bool]] = []
    for view in report.accounts:
        tone, dash, label, note = _view_state(view)
        stage = f" \u00b7 stage {view.stage}" if view.stage else ""
        lines = (_clip(view.name, _NAME_CHARS), _clip(f"{view.account_id}{stage}", 34))
        tooltip = f"{view.name} ({view.account_id}){stage}: {label} {note}".rstrip()
        nodes.append((tone, dash, label, note, lines, tooltip, False))
    for other in report.others:
        access = other.access.value if other.access is not None else "?"
        label = f"{access} \u00b7 {other.status.value}"
        note = "not in the topology"
        lines = (_clip(other.entity, _NAME_CHARS), _clip("outside the lifecycle", 34))
        nodes.append(("off", "2 3", label, note, lines, f"{other.entity}: {label}", True))
    count = max(len(nodes), 1)
    height = max(count * (_NODE_HEIGHT + _NODE_GAP) - _NODE_GAP + 32, 120)
    y_home = height / 2
    home_left, home_right = _HOME_BOX
    background, border = _TONES["info"]
    home = (
        f'<g class="mcs-home"><title>{html.escape(f"central account {home_id}")}</title>'
        f'<rect x="{home_left}" y="{y_home - 44:.0f}" width="{home_right - home_left}" '
        f'height="88" rx="10" fill="{background}" stroke="{border}" stroke-width="2"/>'
        + _svg_text(home_left + 12, y_home - 22, "central account", extra=' font-weight="700"')
        + _svg_text(home_left + 12, y_home - 4, _clip(home_id, 22))
        + _svg_text(home_left + 12, y_home + 14, _clip(f"card {card_name}", 24))
        + _svg_text(home_left + 12, y_home + 32, _clip(f"status {report.status.value}", 24))
        + "</g>"
    )
    drawn = []
    for index, (tone, dash, label, note, lines, tooltip, dashed) in enumerate(nodes):
        top = 16 + index * (_NODE_HEIGHT + _NODE_GAP)
        centre = top + _NODE_HEIGHT / 2
        node_tone = tone if tone in ("bad", "ok", "wait") else "off"
        drawn.append(_svg_edge(y_home, centre, tone, dash, label=label, note=note))
        drawn.append(_svg_node(top, node_tone, lines, tooltip, dashed=dashed))
    if not nodes:
        drawn.append(_svg_text(_NODE_BOX[0], y_home, "no stage accounts", extra=' opacity="0.7"'))
    summary = (
        f"Lifecycle of {card_name}: status {report.status.value}, "
        f"{len(report.accounts)} stage accounts, {len(report.conflicts)} conflicts"
    )
    return (
        f'<svg class="mcs-topology" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-label="{html.escape(summary, quote=True)}" viewBox="0 0 {_SVG_WIDTH} {height:.0f}" '
        f'width="{_SVG_WIDTH}" height="{height:.0f}" '
        f'style="max-width:100%;height:auto;display:block;margin-top:8px;color:inherit" '
        f'font-family="system-ui,-apple-system,Segoe UI,Roboto,sans-serif" font-size="12">'
        f"{home}{''.join(drawn)}</svg>"
    )


def _lifecycle_table(report: LifecycleReport) -> str:
    rows = []
    for view in report.accounts:
        holds = ", ".join(
            f"{g.access.value if g.access else '?'} ({g.status.value})" for g in view.grants
        )
        state = "conflict" if view.excess else ("ok" if view.converged else "missing")
        tone = {"conflict": "bad", "ok": "ok", "missing": "wait"}[state]
        rows.append(
            (
                _text(view.name),
                _text(view.account_id),
                _text(view.stage),
                _text(view.expected or "none"),
                _text(holds or "none"),
                _pill(state, tone),
            )
        )
    return _grid(
        ("Account", "Id", "Stage", "Expected", "Holds", "State"), rows, "No stage accounts."
    )


def lifecycle_html(report: LifecycleReport) -> str:
    """Return a lifecycle report as a picture of the topology (inline SVG) and a table.

    The central account sits on the left, each stage account on the right; every edge
    carries the access level and association status, and conflicts (more access than
    the stage allows) are drawn red.
    """
    conflicts = len(report.conflicts)
    verdict = (
        _pill(f"{conflicts} conflict{'s' if conflicts != 1 else ''}", "bad")
        if conflicts
        else _pill("converged", "ok")
        if report.converged
        else _pill("not converged", "wait")
    )
    stages = ", ".join(report.stages) or "none"
    title = f"Lifecycle {status_badge(report.status)} {verdict}"
    body = (
        f'<div style="{_MUTED}">{_code(report.card_arn)} &#xB7; visible to stages: '
        f"{_text(stages)}</div>"
        + _topology_svg(report)
        + f'<details style="margin-top:4px"><summary style="{_SUMMARY}">As a table</summary>'
        + _lifecycle_table(report)
        + "</details>"
    )
    return _box("lifecycle", title, body)
