"""A fill (card sections from one source, and the paths that source owns) and its merge.

A builder reads one source (an API response or an evaluation report) and returns a
:class:`Fill`. :func:`apply` writes the values of the paths the fill owns into a card's
content and keeps everything else as it was, so a person's edits and keys this SDK does
not know survive every refresh.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from modelcard_share.content import MAX_CONTENT_LENGTH, CardContent
from modelcard_share.errors import ConfigurationError, ContentProblem, ContentValidationError
from modelcard_share.fill._enums import NoteKind, Overflow, ReportKind
from modelcard_share.fill._errors import FillTooLargeError
from modelcard_share.fill._reading import child

if TYPE_CHECKING:
    import os

    from modelcard_share.fill._api import TuningJob

__all__ = ["CardPath", "Fill", "FillNote", "Named", "Source", "apply"]

logger = logging.getLogger(__name__)


@frozen
class Source:
    """Where a fill's values come from.

    Attributes:
        kind: The API operation whose response was read (``DescribeModel``,
            ``DescribeTrainingJob``, ``DescribeModelPackage``) or the report kind
            (a :class:`ReportKind` value such as ``clarify-bias``).
        name: The resource's ARN, or the report's location (``"(in memory)"`` when
            the caller did not give one).
    """

    kind: str
    name: str

    def __str__(self) -> str:
        return f"{self.kind} {self.name}"


@frozen
class FillNote:
    """Something a builder changed or left out so the source fits the card.

    Attributes:
        kind: Whether a value was trimmed or something was omitted.
        path: The JSON path in the card (``""`` when nothing was written).
        source_path: The JSON path in the source.
        message: What happened, in a sentence.
    """

    kind: NoteKind
    path: str
    source_path: str
    message: str

    def __str__(self) -> str:
        return f"{self.kind.value} {self.source_path} -> {self.path or '-'}: {self.message}"


@frozen
class Named:
    """A path segment that selects the item of a list whose ``name`` is ``name``.

    Attributes:
        name: The ``name`` of the ``evaluation_details`` entry or metric group.
    """

    name: str

    def __str__(self) -> str:
        return f"[name={json.dumps(self.name, ensure_ascii=False)}]"


def _segments(value: Iterable[str | Named]) -> tuple[str | Named, ...]:
    return tuple(value)


@frozen
class CardPath:
    """A path in a card's content that a fill owns.

    Items of ``evaluation_details`` and of ``metric_groups`` are selected by name, so a
    path stays right however a person reorders the lists.

    Attributes:
        segments: Field names, and :class:`Named` selectors for list items.
    """

    segments: tuple[str | Named, ...] = field(converter=_segments)

    def __str__(self) -> str:
        out = ""
        for segment in self.segments:
            out = out + str(segment) if isinstance(segment, Named) else child(out, segment)
        return out


_MISSING: Any = object()


def _find(items: list[Any], name: str) -> Any:
    for entry in items:
        if isinstance(entry, dict) and entry.get("name") == name:
            return entry
    return None


def _lookup(data: Mapping[str, Any], path: CardPath) -> Any:
    """Return the value at ``path`` in JSON data, or ``_MISSING``."""
    node: Any = data
    for segment in path.segments:
        if isinstance(segment, Named):
            node = _find(node, segment.name) if isinstance(node, list) else None
            if node is None:
                return _MISSING
        else:
            if not isinstance(node, dict) or segment not in node:
                return _MISSING
            node = node[segment]
    return node


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _put(data: dict[str, Any], path: CardPath, value: Any) -> bool:
    """Write ``value`` at ``path``, creating what is missing; return whether it changed."""
    node: Any = data
    *parents, last = path.segments
    for i, segment in enumerate(parents):
        if isinstance(segment, Named):
            entry = _find(node, segment.name)
            if entry is None:
                entry = {"name": segment.name}
                node.append(entry)
            node = entry
            continue
        want = list if isinstance(path.segments[i + 1], Named) else dict
        inner = node.get(segment, _MISSING)
        if inner is _MISSING:
            inner = node[segment] = want()
        elif not isinstance(inner, want):
            where = CardPath(path.segments[: i + 1])
            msg = f"holds {type(inner).__name__}, not {want.__name__}; cannot fill {path} there"
            raise ContentValidationError([ContentProblem(str(where), "type", msg)])
        node = inner
    old = node.get(last, _MISSING)
    if old is not _MISSING and _json(old) == _json(value):
        return False
    node[last] = value
    return True


def _owned(value: Iterable[CardPath]) -> tuple[CardPath, ...]:
    return tuple(value)


def _notes(value: Iterable[FillNote]) -> tuple[FillNote, ...]:
    return tuple(value)


@frozen(kw_only=True)
class Fill:
    """Card sections built from one source, and the paths that source owns.

    Build one with a ``from_*`` class method and merge it into a card's content with
    :func:`apply`. The content is partial but valid on its own; each owned path exists
    in it. Everything else in a card is left to people.

    Attributes:
        source: Where the values come from.
        content: The sections the source fills.
        owned: The paths whose values the source decides, in document order. A list at
            an owned path (hyper-parameters, a metric group's ``metric_data``) is owned
            as a whole.
        notes: What was trimmed (``Overflow.TRIM``) or left out, path by path.

    Raises:
        ConfigurationError: An owned path is empty, ends in a list selector, or is not
            in ``content``.
    """

    source: Source
    content: CardContent
    owned: tuple[CardPath, ...] = field(converter=_owned)
    notes: tuple[FillNote, ...] = field(default=(), converter=_notes)

    def __attrs_post_init__(self) -> None:
        data = self.content.to_dict()
        for path in self.owned:
            if not path.segments or isinstance(path.segments[-1], Named):
                msg = f"owned path {path!s} must end in a field name"
                raise ConfigurationError(msg)
            if _lookup(data, path) is _MISSING:
                msg = f"owned path {path!s} is not in the fill's content"
                raise ConfigurationError(msg)

    @property
    def size(self) -> int:
        """The length in characters of the fill's content as compact JSON."""
        return len(self.content.to_json())

    @property
    def trimmed(self) -> tuple[FillNote, ...]:
        """The notes of what ``Overflow.TRIM`` cut or left out to fit a limit."""
        return tuple(n for n in self.notes if n.kind is NoteKind.TRIMMED)

    @classmethod
    def from_model(
        cls, response: Mapping[str, Any], *, overflow: Overflow = Overflow.REFUSE
    ) -> Fill:
        """Fill ``model_overview`` from a DescribeModel response.

        Owns ``model_id`` (the model ARN), ``model_name``, ``model_artifact`` (each
        container's model data, in order, without repeats) and
        ``inference_environment.container_image`` (each container's image), when the
        model has them.

        Args:
            response: The DescribeModel response, as boto3 returns it.
            overflow: What to do with values over a schema limit.

        Returns:
            The fill; its source is ``DescribeModel <model ARN>``.

        Raises:
            SourceFormatError: The response lacks a required member or has one of the
                wrong type (every problem, with its path in the response).
            FillLimitError: A value does not fit the card and ``overflow`` is REFUSE.
        """
        from modelcard_share.fill._api import model_fill  # noqa: PLC0415

        return model_fill(response, overflow)

    @classmethod
    def from_training_job(
        cls,
        response: Mapping[str, Any],
        *,
        tuning_job: TuningJob | Mapping[str, Any] | None = None,
        overflow: Overflow = Overflow.REFUSE,
    ) -> Fill:
        """Fill ``training_details`` from a DescribeTrainingJob response.

        Owns ``training_job_details.training_arn``, ``training_datasets`` (the S3 URIs
        and dataset ARNs of the input channels), ``training_environment.container_image``,
        ``training_metrics`` (the final metrics) and ``hyper_parameters``, when the job
        has them; never the ``user_provided_*`` lists or ``training_observations``.
        With a tuning job, it also owns ``objective_function.function.function`` and
        ``.facet`` (the tuning objective's direction and metric name).

        Args:
            response: The DescribeTrainingJob response, as boto3 returns it.
            tuning_job: The tuning job that launched this training job, as a
                :class:`TuningJob` or a DescribeHyperParameterTuningJob response.
            overflow: What to do with values over a schema limit (for example more
                than 100 hyper-parameters, or a value longer than 255 characters).

        Returns:
            The fill; its source is ``DescribeTrainingJob <training job ARN>``.

        Raises:
            SourceFormatError: A response is not in the documented shape.
            ConfigurationError: The training job was not launched by ``tuning_job``.
            FillLimitError: A value does not fit the card and ``overflow`` is REFUSE.
        """
        from modelcard_share.fill._api import training_fill  # noqa: PLC0415

        return training_fill(response, tuning_job, overflow)

    @classmethod
    def from_model_package(
        cls, response: Mapping[str, Any], *, overflow: Overflow = Overflow.REFUSE
    ) -> Fill:
        """Fill ``model_package_details`` from a DescribeModelPackage response.

        Owns every field of ``model_package_details`` the package has: ARN,
        description, status, approval status and description, ``created_by``, group,
        name, version, domain, task, ``source_algorithms`` and
        ``inference_specification.containers``.

        Args:
            response: The DescribeModelPackage response, as boto3 returns it.
            overflow: What to do with values over a schema limit.

        Returns:
            The fill; its source is ``DescribeModelPackage <model package ARN>``.

        Raises:
            SourceFormatError: The response is not in the documented shape.
            FillLimitError: A value does not fit the card and ``overflow`` is REFUSE.
        """
        from modelcard_share.fill._api import model_package_fill  # noqa: PLC0415

        return model_package_fill(response, overflow)

    @classmethod
    def from_report(
        cls,
        report: Mapping[str, Any] | str | bytes | os.PathLike[str],
        *,
        kind: ReportKind | str | None = None,
        name: str | None = None,
        location: str | None = None,
        evaluation_job_arn: str | None = None,
        datasets: Iterable[str] | None = None,
        overflow: Overflow = Overflow.REFUSE,
    ) -> Fill:
        """Fill one ``evaluation_details`` entry from an evaluation report.

        The entry is the one named ``name``; the fill owns its metric groups by name
        (each group's ``metric_data`` as a whole), the metadata keys it writes
        (``report_kind``, ``report_location`` and the report's own facts) and, when
        given, ``evaluation_job_arn`` and ``datasets``. Other groups, other metadata
        keys and ``evaluation_observation`` are left to people.

        Args:
            report: The report, as parsed JSON, JSON text, raw bytes (as read from S3)
                or a path to a file.
            kind: The report's format; detected from its top-level keys when omitted.
            name: The name of the ``evaluation_details`` entry (at most 63
                characters); defaults to the kind's value, such as ``clarify-bias``.
            location: Where the report came from, such as its S3 URI; defaults to the
                path when ``report`` is one.
            evaluation_job_arn: The ARN of the job that wrote the report.
            datasets: The evaluation datasets' locations (at most 10).
            overflow: What to do with values over a schema limit.

        Returns:
            The fill; its source is the kind and the location.

        Raises:
            SourceFormatError: The report is not JSON, or not in the format AWS
                documents for its kind (every problem, with its path in the report).
            ConfigurationError: ``kind`` is unknown or cannot be detected, or
                ``name`` does not fit.
            FillLimitError: A value does not fit the card and ``overflow`` is REFUSE.
            FillTooLargeError: The entry alone is over 100,000 characters of JSON.
        """
        from modelcard_share.fill._reports import report_fill  # noqa: PLC0415

        return report_fill(
            report,
            kind=kind,
            name=name,
            location=location,
            evaluation_job_arn=evaluation_job_arn,
            datasets=datasets,
            overflow=overflow,
        )


def apply(content: CardContent | None, *fills: Fill) -> CardContent:
    """Merge fills into a card's content: refresh what each source owns, keep the rest.

    The value at each owned path is replaced by the fill's value (missing parents
    and list entries are created; new entries go at the end). Nothing else changes:
    fields a person wrote, other evaluations and metric groups, and unknown keys stay
    exactly as they were, in their order. Applying a fill twice gives the same content
    as applying it once.

    Args:
        content: The card's current content (``None`` for a card without content).
        *fills: The fills, applied in order.

    Returns:
        The merged content. When no value changes, ``content`` itself is returned, so
        ``apply(c, f) is c`` tells the caller that no new card version is needed.

    Raises:
        FillTooLargeError: A fill makes the content longer than 100,000 characters of
            JSON; it names that fill's source.
        ContentValidationError: The merged content breaks a schema rule (which can
            only happen when ``content`` already did).
    """
    base = CardContent() if content is None else content
    data = base.to_dict()
    changed = False
    for fill in fills:
        values = fill.content.to_dict()
        paths = [p for p in fill.owned if _put(data, p, _lookup(values, p))]
        changed = changed or bool(paths)
        logger.debug("fill from %s changes %d owned paths", fill.source, len(paths))
    if not changed:
        return base
    merged = CardContent.from_json_lenient(data)
    if len(merged.content.to_json()) > MAX_CONTENT_LENGTH:
        _raise_too_large(base, fills)
    if merged.problems:
        raise ContentValidationError(merged.problems)
    return merged.content


def _raise_too_large(base: CardContent, fills: Iterable[Fill]) -> None:
    """Raise for the first fill that takes the content over the limit (the rare path)."""
    data = base.to_dict()
    for fill in fills:
        values = fill.content.to_dict()
        for path in fill.owned:
            _put(data, path, _lookup(values, path))
        size = len(_json(data))
        if size > MAX_CONTENT_LENGTH:
            raise FillTooLargeError(str(fill.source), size=size, limit=MAX_CONTENT_LENGTH)
