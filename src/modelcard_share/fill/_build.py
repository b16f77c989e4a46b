"""Building a fill: fitting source values into the card's limits, and recording ownership.

The limits are the nominal contract of the model card schema (``docs/concepts/content.md``,
"Limits"), restated for the fields builders write because the content package does not
export them. The content package checks them again when the fill's content is built, so
a limit restated wrongly here fails loudly there and never yields invalid content.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from modelcard_share.content import MAX_CONTENT_LENGTH, CardContent
from modelcard_share.errors import ConfigurationError, ContentProblem, ContentValidationError
from modelcard_share.fill._enums import NoteKind, Overflow
from modelcard_share.fill._errors import FillLimitError, FillTooLargeError
from modelcard_share.fill._fill import CardPath, Fill, FillNote, Named, Source
from modelcard_share.fill._reading import child

__all__ = ["Build", "Limit", "Node"]

logger = logging.getLogger(__name__)

T = TypeVar("T")


class Limit:
    """The limits of the card fields that builders write (characters or items)."""

    TEXT = 1024
    """model_overview strings, artifact/image/dataset locations, notes, metadata values."""
    LOCATIONS = 15
    """model_artifact, container_image and training_datasets items."""
    TRAINING_METRICS = 50
    HYPER_PARAMETERS = 100
    NAME = 255
    """Training metric, hyper-parameter and evaluation metric names (1 to 255)."""
    HYPER_PARAMETER_VALUE = 255
    SHORT = 63
    """Evaluation and metric group names (1 to 63), axis names, string metric values,
    the objective's facet, model package group and name, the creator's user profile."""
    MATRIX = 20
    """Rows of a matrix metric, and numbers in a row."""
    EVALUATION_DATASETS = 10
    EVALUATION_JOB_ARN = 256
    PACKAGE_ARN = 2048
    ALGORITHM_NAME = 170
    IMAGE = 255
    CONTAINERS = 15


class Build:
    """Collects a fill's ownership, notes and limit problems while a builder runs.

    Under ``Overflow.REFUSE`` a value over its limit is kept as it is and recorded as a
    problem, so :meth:`finish` can report them all; under ``Overflow.TRIM`` it is cut
    and recorded as a note.

    Args:
        source: Where the values come from.
        overflow: The overflow policy.
    """

    def __init__(self, source: Source, overflow: Overflow) -> None:
        self.source = source
        try:
            self.overflow = Overflow(overflow)
        except ValueError:
            valid = ", ".join(o.value for o in Overflow)
            msg = f"overflow must be one of {valid}; got {overflow!r}"
            raise ConfigurationError(msg) from None
        self.owned: list[CardPath] = []
        self.notes: list[FillNote] = []
        self.problems: list[ContentProblem] = []

    def own(self, *segments: str | Named) -> None:
        """Record that the source owns the path made of ``segments``."""
        self.owned.append(CardPath(segments))

    def note(self, kind: NoteKind, path: str, source_path: str, message: str) -> None:
        """Record that something was trimmed or left out."""
        logger.debug("%s: %s %s (%s)", self.source, kind.value, source_path, message)
        self.notes.append(FillNote(kind, path, source_path, message))

    def _trim(self, path: str, source_path: str, rule: str, message: str, action: str) -> bool:
        """Handle a value over its limit: return True to trim it (and note it), else refuse."""
        if self.overflow is Overflow.TRIM:
            self.note(NoteKind.TRIMMED, path, source_path, f"{message}; {action}")
            return True
        hint = "pass overflow=Overflow.TRIM to cut it (recorded in Fill.notes)"
        text = f"{message} (from {source_path}); {hint}"
        self.problems.append(ContentProblem(path, rule, text))
        return False

    def text(self, value: str, limit: int, *, path: str, source_path: str, min_len: int = 0) -> str:
        """Return ``value`` if it fits ``min_len..limit`` characters, else handle it."""
        size = len(value)
        if size < min_len:
            msg = f"needs at least {min_len} character(s), got {size} (from {source_path})"
            self.problems.append(ContentProblem(path, "minLength", msg))
        elif size > limit:
            message = f"has {size} characters; at most {limit} are allowed"
            if self._trim(path, source_path, "maxLength", message, f"cut to {limit}"):
                return value[: limit - 1] + "…"
        return value

    def items(self, values: list[T], limit: int, *, path: str, source_path: str) -> list[T]:
        """Return ``values`` if there are at most ``limit``, else handle the rest."""
        message = f"has {len(values)} items; at most {limit} are allowed"
        if len(values) > limit and self._trim(
            path, source_path, "maxItems", message, f"kept the first {limit}"
        ):
            return values[:limit]
        return values

    def matrix_fits(self, rows: Sequence[Sequence[Any]], *, path: str, source_path: str) -> bool:
        """Return whether a matrix fits 20 x 20; if not, refuse it or leave it out."""
        width = max((len(r) for r in rows), default=0)
        if len(rows) <= Limit.MATRIX and width <= Limit.MATRIX:
            return True
        message = f"is {len(rows)} x {width}; at most {Limit.MATRIX} x {Limit.MATRIX} is allowed"
        return not self._trim(path, source_path, "maxItems", message, "left out")

    def finish(self, data: dict[str, Any]) -> Fill:
        """Return the fill for card content ``data`` (JSON-ready, owned paths present).

        Raises:
            FillLimitError: A value was over its limit under ``Overflow.REFUSE``.
            FillTooLargeError: The content is over 100,000 characters of JSON.
            ContentValidationError: The content breaks another schema rule.
        """
        if self.problems:
            raise FillLimitError(str(self.source), self.problems)
        parsed = CardContent.from_json_lenient(data)
        size = len(parsed.content.to_json())
        if size > MAX_CONTENT_LENGTH:
            raise FillTooLargeError(str(self.source), size=size, limit=MAX_CONTENT_LENGTH)
        if parsed.problems:
            raise ContentValidationError(parsed.problems)
        return Fill(source=self.source, content=parsed.content, owned=self.owned, notes=self.notes)


class Node:
    """A JSON object of the fill's content being written; each write is owned and fitted.

    Args:
        build: The build that records ownership, notes and limit problems.
        segments: The object's path, as :class:`CardPath` segments.
        path: The object's JSON path for messages, such as ``evaluation_details[0]``.
    """

    def __init__(self, build: Build, segments: tuple[str | Named, ...], path: str) -> None:
        self.build = build
        self.segments = segments
        self.path = path
        self.data: dict[str, Any] = {}

    def node(self, key: str) -> Node:
        """Return the object under ``key``, created empty if it is not there yet."""
        inner = Node(self.build, (*self.segments, key), child(self.path, key))
        inner.data = self.data.setdefault(key, inner.data)
        return inner

    def put(self, key: str, value: Any) -> None:
        """Write ``value`` under ``key`` as a value the source owns."""
        self.data[key] = value
        self.build.own(*self.segments, key)

    def text(self, key: str, value: str, limit: int, *, source_path: str, min_len: int = 0) -> None:
        """Write a string fitted to ``min_len..limit`` characters."""
        where = child(self.path, key)
        self.put(
            key, self.build.text(value, limit, path=where, source_path=source_path, min_len=min_len)
        )

    def items(
        self,
        key: str,
        values: list[T],
        limit: int,
        make: Callable[[str, T], Any],
        *,
        source_path: str,
    ) -> None:
        """Write a list of at most ``limit`` items; ``make(path, value)`` builds each."""
        where = child(self.path, key)
        kept = self.build.items(values, limit, path=where, source_path=source_path)
        self.put(key, [make(f"{where}[{i}]", value) for i, value in enumerate(kept)])

    def locations(self, key: str, found: list[tuple[str, str]], *, source_path: str) -> None:
        """Write distinct locations as at most 15 strings of at most 1024 characters.

        ``found`` holds ``(source path, value)`` pairs; of repeated values the first is kept.
        """
        first: dict[str, str] = {}
        for where, value in found:
            first.setdefault(value, where)

        def fit(path: str, pair: tuple[str, str]) -> str:
            return self.build.text(pair[0], Limit.TEXT, path=path, source_path=pair[1])

        self.items(key, list(first.items()), Limit.LOCATIONS, fit, source_path=source_path)
