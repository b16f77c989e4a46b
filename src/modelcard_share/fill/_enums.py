"""The choices of filling: report kinds, the overflow policy, and kinds of note."""

from __future__ import annotations

from enum import Enum

__all__ = ["NoteKind", "Overflow", "ReportKind"]


class ReportKind(str, Enum):
    """The evaluation report formats :meth:`Fill.from_report` reads.

    Each value is also the default name of the ``evaluation_details`` entry it fills.
    """

    CLARIFY_BIAS = "clarify-bias"
    """SageMaker Clarify bias ``analysis.json``: pre-training and post-training metrics."""
    CLARIFY_EXPLAINABILITY = "clarify-explainability"
    """SageMaker Clarify explainability ``analysis.json``: global SHAP values and PDPs."""
    MODEL_QUALITY = "model-quality"
    """Model Monitor model quality ``statistics.json`` (or a pipeline's ``evaluation.json``):
    regression, binary classification or multiclass classification metrics."""
    MODEL_CARD_METRICS = "model-card-metrics"
    """The model card's own metric JSON: ``{"metric_groups": [...]}``."""


class Overflow(str, Enum):
    """What a builder does with a value that does not fit a limit of the card schema.

    The limits are the nominal contract of the schema: 15 artifacts, images and
    datasets, 50 training metrics, 100 hyper-parameters, a 20 x 20 matrix, and the
    length of every string.
    """

    REFUSE = "refuse"
    """Raise ``FillLimitError`` naming every value that does not fit (the default)."""
    TRIM = "trim"
    """Keep the first items of a list that is too long, cut a string that is too long to
    its limit (ending with ``…``), and leave out a matrix larger than 20 x 20; record
    each of these in ``Fill.notes``. The 100,000-character limit of the whole card is
    never trimmed."""


class NoteKind(str, Enum):
    """What a :class:`FillNote` records."""

    TRIMMED = "trimmed"
    """A value was cut, or a matrix left out, to fit a limit (``Overflow.TRIM`` only)."""
    OMITTED = "omitted"
    """Something in the source has no place in the card's schema and was left out."""
