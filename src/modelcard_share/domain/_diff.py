"""Path-level differences between two model card contents."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from attrs import frozen

from modelcard_share.content import CardContent, json_equal

__all__ = ["ChangeKind", "ContentChange", "ContentDiff", "diff_content"]


class ChangeKind(str, enum.Enum):
    """What happened to a value between two versions."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


_MISSING: Any = object()


@frozen
class ContentChange:
    """One difference between two contents.

    Attributes:
        path: JSON path of the value, in the style of validation problems
            (``evaluation_details[0].metric_groups[1].name``).
        kind: Whether the value was added, removed or changed.
        old: The value in the older content (``None`` when added).
        new: The value in the newer content (``None`` when removed).
    """

    path: str
    kind: ChangeKind
    old: Any = None
    new: Any = None

    def __str__(self) -> str:
        if self.kind is ChangeKind.ADDED:
            return f"+ {self.path}: {self.new!r}"
        if self.kind is ChangeKind.REMOVED:
            return f"- {self.path}: {self.old!r}"
        return f"~ {self.path}: {self.old!r} -> {self.new!r}"


@frozen
class ContentDiff:
    """The differences between two versions of a card's content.

    Attributes:
        old_version: Version number of the older side, if known.
        new_version: Version number of the newer side, if known.
        changes: Every difference, in document order.
    """

    old_version: int | None
    new_version: int | None
    changes: tuple[ContentChange, ...]

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def __iter__(self) -> Iterator[ContentChange]:
        return iter(self.changes)

    @property
    def paths(self) -> tuple[str, ...]:
        """The paths that differ, in document order."""
        return tuple(c.path for c in self.changes)

    def _repr_html_(self) -> str:
        """Render a side-by-side table of the changes in a notebook; never raises."""
        from ._display import diff_html, safe_html  # noqa: PLC0415 - display only

        return safe_html(lambda: diff_html(self), self)

    def __str__(self) -> str:
        head = f"diff v{self.old_version} -> v{self.new_version}"
        if not self.changes:
            return f"{head}: no changes"
        return "\n".join([head, *(str(c) for c in self.changes)])


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _walk(path: str, old: Any, new: Any) -> Iterator[ContentChange]:
    if old is _MISSING:
        yield ContentChange(path, ChangeKind.ADDED, None, new)
    elif new is _MISSING:
        yield ContentChange(path, ChangeKind.REMOVED, old, None)
    elif isinstance(old, Mapping) and isinstance(new, Mapping):
        for key in old:
            yield from _walk(_join(path, key), old[key], new.get(key, _MISSING))
        for key in new:
            if key not in old:
                yield from _walk(_join(path, key), _MISSING, new[key])
    elif (
        isinstance(old, Sequence)
        and isinstance(new, Sequence)
        and not isinstance(old, str)
        and not isinstance(new, str)
    ):
        for index in range(max(len(old), len(new))):
            yield from _walk(
                f"{path}[{index}]",
                old[index] if index < len(old) else _MISSING,
                new[index] if index < len(new) else _MISSING,
            )
    elif not json_equal(old, new):  # exact JSON: 1, 1.0 and true differ
        yield ContentChange(path, ChangeKind.CHANGED, old, new)


def diff_content(
    old: CardContent,
    new: CardContent,
    *,
    old_version: int | None = None,
    new_version: int | None = None,
) -> ContentDiff:
    """Compare two contents key by key, including keys the SDK does not model."""
    return ContentDiff(old_version, new_version, tuple(_walk("", old.to_dict(), new.to_dict())))
