"""Rendering command results as aligned text tables or JSON."""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from attrs import define

if TYPE_CHECKING:
    from modelcard_share.domain import (
        CardVersion,
        ContentDiff,
        ExportJob,
        Invitation,
        ModelCard,
        PrincipalAssociation,
        ResourceShare,
        SharedResource,
    )

__all__ = [
    "Result",
    "card_data",
    "diff_data",
    "emit",
    "export_data",
    "fields",
    "invitation_data",
    "jsonable",
    "principal_data",
    "share_data",
    "shared_resource_data",
    "table",
    "version_data",
]


@define(frozen=True, kw_only=True)
class Result:
    """What a command produced: JSON-able data and its human-readable text.

    Attributes:
        data: The value printed with ``--output json``.
        text: The text printed with ``--output table``.
    """

    data: Any
    text: str


def jsonable(value: Any) -> Any:
    """Return ``value`` with datetimes, enums and tuples turned into JSON types."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def emit(result: Result, output: str, stream: TextIO) -> None:
    """Print a result to ``stream`` in the ``output`` format (``table`` or ``json``)."""
    if output == "json":
        stream.write(json.dumps(jsonable(result.data), indent=2, sort_keys=False) + "\n")
    elif result.text:
        stream.write(result.text.rstrip("\n") + "\n")


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, empty: str = "") -> str:
    """Return rows as a left-aligned text table with a header line.

    Args:
        headers: The column titles.
        rows: The rows, one value per column (``None`` prints as ``-``).
        empty: What to print instead when there are no rows.
    """
    cells = [[_cell(v) for v in row] for row in rows]
    if not cells and empty:
        return empty
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip()
        for line in [list(headers), *cells]
    ]
    return "\n".join(lines)


def fields(pairs: Iterable[tuple[str, Any]]) -> str:
    """Return ``key: value`` lines with the values aligned."""
    items = [(k, _cell(v)) for k, v in pairs]
    width = max((len(k) for k, _ in items), default=0)
    return "\n".join(f"{(k + ':').ljust(width + 1)} {v}" for k, v in items)


# ---------------------------------------------------------------- domain records


def card_data(card: ModelCard, *, content: bool = False) -> dict[str, Any]:
    """Return the summary of a card (and optionally its content) as a dict."""
    overview = card.content.model_overview
    uses = card.content.intended_uses
    data: dict[str, Any] = {
        "name": card.name,
        "arn": card.arn,
        "owner_account_id": card.owner_account_id,
        "region": card.region,
        "status": card.status.value,
        "version": card.version,
        "model_owner": overview.model_owner if overview else None,
        "risk_rating": uses.risk_rating.value if uses and uses.risk_rating else None,
        "kms_key_id": card.kms_key_id,
        "created_time": card.created_time,
        "modified_time": card.modified_time,
        "modified_by": str(card.modified_by) if card.modified_by else None,
    }
    if content:
        data["content"] = card.content.to_dict()
        data["content_problems"] = [str(p) for p in card.content_problems]
    return data


def principal_data(assoc: PrincipalAssociation) -> dict[str, Any]:
    """Return a principal association as a dict."""
    return {
        "principal": assoc.entity,
        "access": assoc.access.value if assoc.access else None,
        "status": assoc.status.value,
        "awaits_invitation": assoc.awaits_invitation,
        "share_arn": assoc.share_arn,
        "share_name": assoc.share_name,
        "status_message": assoc.status_message,
    }


def share_data(
    share: ResourceShare, principals: Sequence[PrincipalAssociation] | None = None
) -> dict[str, Any]:
    """Return a resource share (and optionally its principals) as a dict."""
    data: dict[str, Any] = {
        "name": share.name,
        "arn": share.arn,
        "status": share.status.value,
        "access": share.access.value if share.access else None,
        "owner_account_id": share.owner_account_id,
        "resource_arn": share.resource_arn,
        "allow_external_principals": share.allow_external_principals,
    }
    if principals is not None:
        data["principals"] = [principal_data(p) for p in principals]
    return data


def invitation_data(invitation: Invitation) -> dict[str, Any]:
    """Return an invitation as a dict."""
    return {
        "arn": invitation.arn,
        "share_name": invitation.share_name,
        "share_arn": invitation.share_arn,
        "sender_account_id": invitation.sender_account_id,
        "status": invitation.status.value,
        "invited_at": invitation.invited_at,
    }


def shared_resource_data(resource: SharedResource) -> dict[str, Any]:
    """Return a shared-with-me entry as a dict."""
    return {
        "arn": resource.arn,
        "resource_type": resource.resource_type,
        "owner_account_id": resource.owner_account_id,
        "last_shared": resource.last_shared,
        "share_count": resource.share_count,
        "share_arns": list(resource.share_arns),
    }


def version_data(version: CardVersion) -> dict[str, Any]:
    """Return a card version as a dict."""
    return {
        "version": version.version,
        "status": version.status.value,
        "created_time": version.created_time,
        "modified_time": version.modified_time,
    }


def diff_data(diff: ContentDiff) -> dict[str, Any]:
    """Return a content diff as a dict."""
    return {
        "old_version": diff.old_version,
        "new_version": diff.new_version,
        "changes": [
            {"path": c.path, "kind": c.kind.value, "old": c.old, "new": c.new} for c in diff
        ],
    }


def export_data(job: ExportJob) -> dict[str, Any]:
    """Return an export job as a dict."""
    return {
        "arn": job.arn,
        "name": job.name,
        "status": job.status.value if job.status else None,
        "card_name": job.card_name,
        "card_version": job.card_version,
        "output_location": job.output_location,
        "failure_reason": job.failure_reason,
    }
