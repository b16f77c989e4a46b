"""The errors of filling a card: a malformed source, a value over a limit, a card too large.

All three are :class:`~modelcard_share.errors.ContentValidationError` (so also
``ModelCardShareError`` and ``ValueError``) and list their problems with JSON paths::

    ContentValidationError
    ├── SourceFormatError      paths in the REPORT or API RESPONSE
    └── FillLimitError         paths in the CARD
        └── FillTooLargeError  the whole card over 100,000 characters
"""

from __future__ import annotations

from collections.abc import Sequence

from modelcard_share.errors import ContentProblem, ContentValidationError

__all__ = ["FillLimitError", "FillTooLargeError", "SourceFormatError"]


def _listing(problems: Sequence[ContentProblem]) -> str:
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    lines = "\n".join(f"  - {p}" for p in problems)
    return f"{count} {noun}:\n{lines}"


class SourceFormatError(ContentValidationError):
    """A report or API response is not in the format AWS documents for it.

    Each problem's ``path`` is a JSON path in the *source* (such as
    ``post_training_bias_metrics.facets.Gender[0].metrics[2].value``), not in the card.

    Attributes:
        source: What was read: a report's location or kind, or an API operation.
    """

    def __init__(self, source: str, problems: Sequence[ContentProblem]) -> None:
        super().__init__(problems)
        self.source = source
        self.args = (f"{source} is not in the expected format; {_listing(self.problems)}",)


class FillLimitError(ContentValidationError):
    """A value from the source does not fit a limit of the model card schema.

    Raised under the default ``Overflow.REFUSE`` policy. Each problem's ``path`` is the
    path in the card and its message names the path in the source, the size and the
    limit. ``Overflow.TRIM`` cuts such values instead and records every cut in
    :attr:`Fill.notes <modelcard_share.fill.Fill.notes>`.

    Attributes:
        source: The source the values came from.
    """

    def __init__(self, source: str, problems: Sequence[ContentProblem]) -> None:
        super().__init__(problems)
        self.source = source
        self.args = (f"{source} does not fit the model card; {_listing(self.problems)}",)


class FillTooLargeError(FillLimitError):
    """Filling would make the card's JSON longer than SageMaker accepts.

    Never trimmed: split the report, or fill fewer metric groups.

    Attributes:
        source: The source whose values pushed the card over the limit.
        size: The card's JSON length in characters with the fill applied.
        limit: The most characters allowed (100,000).
    """

    def __init__(self, source: str, *, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        message = (
            f"filling from {source} makes the card's content {size} characters of JSON; "
            f"at most {limit} are allowed, so nothing was written (nothing is trimmed to fit)"
        )
        super().__init__(source, [ContentProblem("", "maxContentLength", message)])
        self.args = (message,)
