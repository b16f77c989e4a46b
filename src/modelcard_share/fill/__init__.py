"""Fill a model card from SageMaker: models, training and tuning jobs, model packages, reports.

Everything here is pure: it reads API responses and report files that the caller got
from AWS, and never calls AWS itself. A builder returns a :class:`Fill` (card sections
plus the paths its source owns); :func:`apply` merges fills into a card's content,
refreshing what each source owns and keeping everything a person wrote.
"""

from modelcard_share.fill._api import TuningJob, TuningObjective
from modelcard_share.fill._enums import NoteKind, Overflow, ReportKind
from modelcard_share.fill._errors import FillLimitError, FillTooLargeError, SourceFormatError
from modelcard_share.fill._fill import CardPath, Fill, FillNote, Named, Source, apply

__all__ = [
    "CardPath",
    "Fill",
    "FillLimitError",
    "FillNote",
    "FillTooLargeError",
    "Named",
    "NoteKind",
    "Overflow",
    "ReportKind",
    "Source",
    "SourceFormatError",
    "TuningJob",
    "TuningObjective",
    "apply",
]
