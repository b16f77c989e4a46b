"""Reading SageMaker's EventBridge events: only what names the resource, nothing trusted.

An event says *which* card (or model package) changed; it never says what the card's
sharing should be. The handler reads the card's current state for that, so the
``ModelCardStatus`` and ``ModelApprovalStatus`` an event carries are kept for the log
only. Unknown fields are ignored and missing optional ones tolerated; an event that
names no card or package of the home account is refused with :class:`EventError`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import Any

from attrs import frozen

from modelcard_share import _ids
from modelcard_share.domain import MODEL_CARD, MODEL_PACKAGE_GROUP
from modelcard_share.errors import ArgumentTypeError

from . import _constants as const
from ._errors import EventError

__all__ = ["EventKind", "SageMakerEvent"]


class EventKind(str, enum.Enum):
    """The two kinds of SageMaker event the handler acts on."""

    MODEL_CARD = const.MODEL_CARD_EVENT
    MODEL_PACKAGE = const.MODEL_PACKAGE_EVENT


@frozen(kw_only=True)
class SageMakerEvent:
    """A SageMaker state change event, reduced to what names the changed resource.

    Attributes:
        kind: Model card or model package state change.
        event_id: The envelope's ``id`` (``None`` if missing).
        account: The account the changed resource belongs to.
        region: Its region.
        resource_arn: The card's ARN, or the versioned model package's ARN.
        card_arn: The card's ARN (model card events).
        group_arn: The package's group ARN (model package events).
        reported_status: The status the event reports (``ModelCardStatus`` or
            ``ModelApprovalStatus``), for the log only.
    """

    kind: EventKind
    event_id: str | None
    account: str
    region: str
    resource_arn: str
    card_arn: str | None = None
    group_arn: str | None = None
    reported_status: str | None = None

    @classmethod
    def parse(cls, event: object, *, home_account_id: str | None = None) -> SageMakerEvent:
        """Read an EventBridge event envelope.

        Args:
            event: The event as the Lambda function receives it.
            home_account_id: Refuse resources of any other account.

        Raises:
            EventError: Not a mapping, not SageMaker's, another detail type, no card or
                versioned model package named, or one of another account than the home.
        """
        if home_account_id is not None and not isinstance(home_account_id, str):
            raise ArgumentTypeError(
                f"home_account_id must be a string, got {type(home_account_id).__name__}"
            )
        if not isinstance(event, Mapping):
            raise EventError(f"an event must be a JSON object, got {event!r}", field="$")
        source = event.get("source")
        if source != const.EVENT_SOURCE:
            raise EventError(
                f"not a SageMaker event (expected {const.EVENT_SOURCE!r})",
                field="source",
                value=source,
            )
        detail_type = event.get("detail-type")
        try:
            kind = EventKind(detail_type)
        except ValueError:
            expected = " or ".join(repr(t) for t in const.DETAIL_TYPES)
            raise EventError(
                f"{detail_type!r} is not a detail type the handler acts on ({expected})",
                field="detail-type",
                value=detail_type,
            ) from None
        raw_detail = event.get("detail")
        detail: Mapping[str, Any] = raw_detail if isinstance(raw_detail, Mapping) else {}
        event_id = event.get("id")
        fields = (_card_event if kind is EventKind.MODEL_CARD else _package_event)(event, detail)
        parsed = cls(kind=kind, event_id=event_id if isinstance(event_id, str) else None, **fields)
        if home_account_id is not None and parsed.account != home_account_id:
            raise EventError(
                f"{parsed.resource_arn} belongs to account {parsed.account}, not to the "
                f"topology's home account {home_account_id}",
                field="resources",
                value=parsed.resource_arn,
            )
        return parsed


def _resources(event: Mapping[str, Any]) -> Sequence[Any]:
    found = event.get("resources")
    return found if isinstance(found, Sequence) and not isinstance(found, str) else ()


def _text(detail: Mapping[str, Any], key: str) -> str | None:
    value = detail.get(key)
    return value if isinstance(value, str) and value else None


def _card_event(event: Mapping[str, Any], detail: Mapping[str, Any]) -> dict[str, Any]:
    """The card named by ``resources`` or, failing that, by the detail's card name."""
    status = _text(detail, const.CARD_STATUS_FIELD)
    for value in _resources(event):
        if isinstance(value, str) and MODEL_CARD.arn_pattern.fullmatch(value):
            ref = MODEL_CARD.parse(value)
            return _fields(ref.arn, ref.account_id, ref.region, status, card_arn=ref.arn)
    name = _text(detail, const.CARD_NAME_FIELD)
    if name is None or _ids.ENTITY_NAME.fullmatch(name) is None:
        raise EventError(
            f"names no model card: no card ARN in resources ({list(_resources(event))!r}) "
            f"and no valid detail.{const.CARD_NAME_FIELD}",
            field="resources",
            value=list(_resources(event)),
        )
    account, region, partition = _origin(event)
    arn = MODEL_CARD.format_arn(partition=partition, region=region, account_id=account, name=name)
    return _fields(arn, account, region, status, card_arn=arn)


def _package_event(event: Mapping[str, Any], detail: Mapping[str, Any]) -> dict[str, Any]:
    """The versioned package named by ``resources`` or the detail, and its group."""
    status = _text(detail, const.PACKAGE_STATUS_FIELD)
    candidates = [*_resources(event), detail.get(const.PACKAGE_ARN_FIELD)]
    for value in candidates:
        match = _ids.MODEL_PACKAGE_ARN.fullmatch(value) if isinstance(value, str) else None
        if match is not None and match["version"] is not None:
            group = MODEL_PACKAGE_GROUP.format_arn(
                partition=match["partition"],
                region=match["region"],
                account_id=match["account"],
                name=match["name"],
            )
            return _fields(value, match["account"], match["region"], status, group_arn=group)
    name = _text(detail, const.PACKAGE_GROUP_FIELD)
    if name is None or _ids.ENTITY_NAME.fullmatch(name) is None:
        raise EventError(
            "names no versioned model package: no ARN of one in resources or "
            f"detail.{const.PACKAGE_ARN_FIELD}, and no valid detail.{const.PACKAGE_GROUP_FIELD}",
            field="resources",
            value=[c for c in candidates if c is not None],
        )
    account, region, partition = _origin(event)
    group = MODEL_PACKAGE_GROUP.format_arn(
        partition=partition, region=region, account_id=account, name=name
    )
    return _fields(group, account, region, status, group_arn=group)


def _origin(event: Mapping[str, Any]) -> tuple[str, str, str]:
    """The envelope's account, region and the region's partition, checked."""
    account = event.get("account")
    if not _ids.is_account_id(account):
        raise EventError("is not a 12-digit account id", field="account", value=account)
    region = event.get("region")
    partition = _ids.partition_of_region(region)
    if partition is None:
        raise EventError("is not an AWS region", field="region", value=region)
    return str(account), str(region), partition


def _fields(
    arn: str,
    account: str,
    region: str,
    status: str | None,
    *,
    card_arn: str | None = None,
    group_arn: str | None = None,
) -> dict[str, Any]:
    return {
        "account": account,
        "region": region,
        "resource_arn": arn,
        "card_arn": card_arn,
        "group_arn": group_arn,
        "reported_status": status,
    }
