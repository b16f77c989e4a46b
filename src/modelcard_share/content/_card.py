"""The whole model card content, with its strict and lenient parsers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import define, field
from typing_extensions import Self

from modelcard_share.content._checks import Problems, type_problem
from modelcard_share.content._evaluation import EvaluationJob
from modelcard_share.content._fields import node, nodes, to_tuple
from modelcard_share.content._json import NotJsonError
from modelcard_share.content._node import ContentObject, check_arguments, content_class
from modelcard_share.content._sections import (
    AdditionalInformation,
    BusinessDetails,
    IntendedUses,
    ModelOverview,
    ModelPackageDetails,
)
from modelcard_share.content._training import TrainingDetails
from modelcard_share.errors import ContentProblem, ContentValidationError

__all__ = ["MAX_CONTENT_LENGTH", "CardContent", "LenientParse"]

MAX_CONTENT_LENGTH = 100_000
"""The most characters the JSON content of a model card may have (the API limit)."""


@content_class
class CardContent(ContentObject):
    """The content of a SageMaker model card: every section of the model card schema.

    Construct it with keywords (invalid values raise ``ContentValidationError`` listing every
    problem), change it with ``attrs.evolve`` (which validates again), read it with
    :meth:`from_json` or :meth:`from_json_lenient` and write it with :meth:`to_json`.
    Unset sections are omitted from the JSON; keys this SDK does not know, at any depth,
    are kept in ``extra`` and written back unchanged, in their original order.

    Attributes:
        model_overview: The model itself.
        model_package_details: The model package version the card belongs to.
        intended_uses: What the model is for, and its risk rating.
        business_details: The business problem it serves.
        training_details: How it was trained.
        evaluation_details: How it was evaluated.
        additional_information: Ethical notes, caveats and custom details.
    """

    model_overview: ModelOverview | None = field(default=None, metadata=node(ModelOverview))
    model_package_details: ModelPackageDetails | None = field(
        default=None, metadata=node(ModelPackageDetails)
    )
    intended_uses: IntendedUses | None = field(default=None, metadata=node(IntendedUses))
    business_details: BusinessDetails | None = field(default=None, metadata=node(BusinessDetails))
    training_details: TrainingDetails | None = field(default=None, metadata=node(TrainingDetails))
    evaluation_details: tuple[EvaluationJob, ...] | None = field(
        default=None, converter=to_tuple, metadata=nodes(EvaluationJob)
    )
    additional_information: AdditionalInformation | None = field(
        default=None, metadata=node(AdditionalInformation)
    )
    _json: str | None = field(default=None, init=False)

    @classmethod
    def from_json(cls, data: str | bytes | Mapping[str, Any]) -> CardContent:
        """Read model card content and check it against the schema.

        Args:
            data: The content as JSON text (``str``, or UTF-8 ``bytes`` without a byte
                order mark) or as parsed JSON (a mapping).

        Returns:
            The content; keys this SDK does not model are kept in ``extra``.

        Raises:
            ContentValidationError: The data is not strict JSON (rule ``json``: not UTF-8,
                a byte order mark, a syntax error, NaN or Infinity, or a value that is not
                JSON in a mapping, each named by its path), not an object, or breaks schema
                rules; every problem is listed with its path.
        """
        from modelcard_share.content._converter import parse  # noqa: PLC0415

        content, problems = parse(data)
        if problems:
            raise ContentValidationError(problems)
        return content

    @classmethod
    def from_json_lenient(cls, data: str | bytes | Mapping[str, Any]) -> LenientParse:
        """Read model card content written by other tools, reporting problems without raising.

        Values that do not have their field's type (a string where a number belongs, an
        unknown enum value or metric type) are kept verbatim in ``extra`` under their key;
        values of the right type that break a rule stay in their field. Nothing is lost:
        ``from_json_lenient(x).content.to_dict() == x``.

        Args:
            data: The content as JSON text (``str``, or UTF-8 ``bytes`` without a byte
                order mark) or as parsed JSON (a mapping).

        Returns:
            The content and every problem found.

        Raises:
            ContentValidationError: Only if the data is not strict JSON (rule ``json``,
                as for :meth:`from_json`) or not a JSON object.
        """
        from modelcard_share.content._converter import parse  # noqa: PLC0415

        content, problems = parse(data)
        return LenientParse(content=content, problems=problems)

    def to_dict(self) -> dict[str, Any]:
        """Return the content as JSON-ready Python data, in its original key order.

        Raises:
            ContentValidationError: A value in ``extra`` was changed after construction into
                something that is not JSON (rule ``json``, with its path).
        """
        from modelcard_share.content._converter import unstructure  # noqa: PLC0415

        try:
            return unstructure(self)
        except NotJsonError:
            raise self._not_json() from None

    def to_json(self) -> str:
        """Return the content as the compact JSON string that is sent to AWS.

        Raises:
            ContentValidationError: As for :meth:`to_dict`.
        """
        cached = self._json
        if cached is None:
            try:
                cached = self._dump()
            except NotJsonError:
                raise self._not_json() from None
        return cached

    def _dump(self) -> str:
        from modelcard_share.content._converter import dumps  # noqa: PLC0415

        text = dumps(self)
        object.__setattr__(self, "_json", text)
        return text

    def _not_json(self) -> ContentValidationError:
        problems = [p for p in self.validate() if p.rule == "json"]
        fallback = ContentProblem("", "json", "content holds a value that is not JSON")
        return ContentValidationError(problems or [fallback])

    def _more_checks(self, prefix: str, out: Problems) -> None:
        try:
            size = len(self._json or self._dump())
        except (AttributeError, KeyError, TypeError, ValueError):
            return  # a value of the wrong type or not JSON, already reported
        if size > MAX_CONTENT_LENGTH:
            msg = f"content is {size} characters as JSON; at most {MAX_CONTENT_LENGTH} are allowed"
            out.append(ContentProblem(prefix, "maxContentLength", msg))


@define(frozen=True, kw_only=True)
class LenientParse:
    """The result of :meth:`CardContent.from_json_lenient`.

    Attributes:
        content: The content, with every value kept (misfits in ``extra``).
        problems: Every schema problem found; empty if the content is valid.
    """

    content: CardContent
    problems: tuple[ContentProblem, ...] = ()

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        check_arguments(cls, args, kwargs)
        return super().__new__(cls)

    def __attrs_post_init__(self) -> None:
        found: Problems = []
        content: object = self.content  # whatever the annotation says
        if not isinstance(content, CardContent):
            found.append(type_problem("content", "a CardContent", content))
        problems: object = self.problems
        if type(problems) is not tuple or not all(isinstance(p, ContentProblem) for p in problems):
            found.append(type_problem("problems", "a tuple of ContentProblem", problems))
        if found:
            raise ContentValidationError(found)

    @property
    def ok(self) -> bool:
        """Whether the content is valid (no problems were found)."""
        return not self.problems
