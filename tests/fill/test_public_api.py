"""The fill package's public face: sorted exports, docstrings, one error root."""

from __future__ import annotations

from modelcard_share import fill
from modelcard_share.errors import ContentValidationError, ModelCardShareError


def test_exports_are_sorted_and_documented() -> None:
    """__all__ is sorted and every exported name has a docstring."""
    assert fill.__all__ == sorted(fill.__all__)
    for name in fill.__all__:
        assert getattr(getattr(fill, name), "__doc__", None), name


def test_fill_errors_are_content_validation_errors() -> None:
    """Every fill error is a ContentValidationError, a ModelCardShareError and a ValueError."""
    for error in (fill.SourceFormatError, fill.FillLimitError, fill.FillTooLargeError):
        assert issubclass(error, ContentValidationError)
        assert issubclass(error, ModelCardShareError)
        assert issubclass(error, ValueError)
