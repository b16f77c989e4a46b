"""What a report parser finds: metric groups, metadata, and what has no place in the card.

Parsers check the report's format (recording problems with their paths in the report)
and produce metrics in the card's JSON shape; fitting them to the card's limits is
left to the assembly in ``_reports``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from modelcard_share.fill._reading import NON_FINITE, Reader, is_number

__all__ = ["NOT_COMPUTED", "Group", "Metric", "Parsed", "not_computed", "simple"]

NOT_COMPUTED = "not computed"
"""The value of the string metric that stands for one the report could not compute."""


class Metric(NamedTuple):
    """A metric in the card's JSON shape, and where in the report it comes from."""

    source_path: str
    data: dict[str, Any]


class Group(NamedTuple):
    """A metric group, and where in the report it comes from."""

    name: str
    source_path: str
    metrics: list[Metric]


class Parsed:
    """Collects what a parser finds in one report.

    Args:
        reader: The reader of the report, which collects format problems.
    """

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.groups: list[Group] = []
        self.metadata: dict[str, tuple[str, str]] = {}
        self.omitted: list[tuple[str, str]] = []

    def meta(self, key: str, source_path: str, value: str | None) -> None:
        """Record a metadata value of the evaluation (ignored when ``None``)."""
        if value is not None:
            self.metadata[key] = (source_path, value)

    def omit(self, source_path: str, why: str) -> None:
        """Record a part of the report that has no place in the card."""
        self.omitted.append((source_path, why))

    def metrics(
        self,
        items: Sequence[Any],
        path: str,
        read: Callable[[Reader, Mapping[str, Any], str], dict[str, Any] | None],
    ) -> list[Metric]:
        """Return the metrics ``read`` makes of an array of metric objects at ``path``."""
        out = []
        for where, raw in self.reader.each_object(items, path):
            metric = read(self.reader, raw, where)
            if metric is not None:
                out.append(Metric(where, metric))
        return out


def simple(name: str, raw: Any, reader: Reader, path: str, **extra: Any) -> dict[str, Any] | None:
    """Return a simple metric of a report number.

    NaN and the infinities (JSON literals, or the strings Model Monitor writes) are not
    JSON numbers, so they become ``string`` metrics spelled ``NaN``, ``Infinity`` or
    ``-Infinity``. Anything else is recorded as a problem at ``path``.
    """
    if is_number(raw):
        return {"name": name, "type": "number", "value": raw, **extra}
    text = None
    if isinstance(raw, float):  # a NaN or infinity literal
        text = "NaN" if math.isnan(raw) else ("Infinity" if raw > 0 else "-Infinity")
    elif isinstance(raw, str) and raw in NON_FINITE:
        text = raw
    if text is None:
        reader.fail(path, "type", f"expected a number, got {raw!r}")
        return None
    return {"name": name, "type": "string", "value": text, **extra}


def not_computed(name: str, why: str) -> dict[str, Any]:
    """Return the string metric for one the report says it could not compute, and why."""
    return {"name": name, "type": "string", "value": NOT_COMPUTED, "notes": why}
