"""The whole model card content, with its strict and lenient parsers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import define, field

from modelcard_share.content._checks import Problems
from modelcard_share.content._evaluation import EvaluationJob
from modelcard_share.content._fields import node, nodes, to_tuple
from modelcard_share.content._node import ContentObject
from modelcard_share.content._sections import (
    AdditionalInformation,
    BusinessDetails,
    IntendedUses,
    ModelOverview,
    ModelPackageDetails,
)
from modelcard_share.content._training import TrainingDetails
from modelcard_share.errors import ContentProblem

__all__ = ["MAX_CONTENT_LENGTH", "CardContent", "LenientParse"]

MAX_CONTENT_LENGTH = 100_000
"""The most characters the JSON content of a model card may have (the API limit)."""


@define(frozen=True, kw_only=True, repr=False, slots=False)
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
    _json: str | None = field(default=None, init=False, eq=False, repr=False)

    @classmethod
    def from_json(cls, data: str | bytes | Mapping[str, Any]) -> CardContent:
        """Read model card content and check it against the schema.

        Args:
            data: The content as JSON text (``str`` or UTF-8 ``bytes``) or as parsed JSON.

        Returns:
            The content; keys this SDK does not model are kept in ``extra``.

        Raises:
            ContentValidationError: The text is not JSON (rule ``json``), not an object, or
                the document breaks schema rules; every problem is listed with its path.
        """
        from modelcard_share.content._converter import parse  # noqa: PLC0415

        content, problems = parse(data)
        if problems:
            from modelcard_share.errors import ContentValidationError  # noqa: PLC0415

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
            data: The content as JSON text (``str`` or UTF-8 ``bytes``) or as parsed JSON.

        Returns:
            The content and every problem found.

        Raises:
            ContentValidationError: Only if the text is not JSON or not a JSON object.
        """
        from modelcard_share.content._converter import parse  # noqa: PLC0415

        content, problems = parse(data)
        return LenientParse(content=content, problems=problems)

    def to_dict(self) -> dict[str, Any]:
        """Return the content as JSON-ready Python data, in its original key order."""
        from modelcard_share.content._converter import unstructure  # noqa: PLC0415

        return unstructure(self)

    def to_json(self) -> str:
        """Return the content as the compact JSON string that is sent to AWS."""
        cached = self._json
        if cached is None:
            from modelcard_share.content._converter import dumps  # noqa: PLC0415

            cached = dumps(self)
            object.__setattr__(self, "_json", cached)
        return cached

    def _more_checks(self, prefix: str, out: Problems) -> None:
        try:
            size = len(self.to_json())
        except (TypeError, ValueError, AttributeError):
            return  # a value of the wrong type, already reported
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

    @property
    def ok(self) -> bool:
        """Whether the content is valid (no problems were found)."""
        return not self.problems
