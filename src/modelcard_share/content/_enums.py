"""The enumerations of model card content and status; values are the AWS strings."""

from __future__ import annotations

from enum import Enum
from typing import Any

from modelcard_share.content._checks import short
from modelcard_share.errors import (
    ConfigurationError,
    ContentProblem,
    ContentValidationError,
    ModelCardShareError,
)

__all__ = [
    "CardStatus",
    "MetricType",
    "ModelApprovalStatus",
    "ModelPackageStatus",
    "ObjectiveFunctionDirection",
    "RiskRating",
    "SimpleMetricType",
]


class _AwsEnum(str, Enum):
    """A string enumeration whose lookup of an unknown value raises a typed error."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        allowed = ", ".join(m.value for m in cls)
        raise cls._invalid(f"{short(value)} is not a {cls.__name__}; use one of {allowed}")

    @classmethod
    def _invalid(cls, message: str) -> ModelCardShareError:
        return ContentValidationError([ContentProblem("", "enum", message)])


class CardStatus(_AwsEnum):
    """The status of a model card (``ModelCardStatus``); not part of the content."""

    DRAFT = "Draft"
    PENDING_REVIEW = "PendingReview"
    APPROVED = "Approved"
    ARCHIVED = "Archived"

    @classmethod
    def _invalid(cls, message: str) -> ModelCardShareError:
        return ConfigurationError(message)  # a status is an argument, not content


class RiskRating(_AwsEnum):
    """The risk rating of a model (``intended_uses.risk_rating``)."""

    HIGH = "High"
    MEDIUM = "Medium"
    LOW = "Low"
    UNKNOWN = "Unknown"


class ObjectiveFunctionDirection(_AwsEnum):
    """Whether training maximises or minimises its objective function."""

    MAXIMIZE = "Maximize"
    MINIMIZE = "Minimize"


class MetricType(_AwsEnum):
    """The ``type`` of an evaluation metric, which decides the shape of its value."""

    NUMBER = "number"
    STRING = "string"
    BOOLEAN = "boolean"
    LINEAR_GRAPH = "linear_graph"
    BAR_CHART = "bar_chart"
    MATRIX = "matrix"


class SimpleMetricType(_AwsEnum):
    """The ``type`` of a simple (scalar) evaluation metric."""

    NUMBER = "number"
    STRING = "string"
    BOOLEAN = "boolean"


class ModelPackageStatus(_AwsEnum):
    """The status of the model package a card describes."""

    PENDING = "Pending"
    IN_PROGRESS = "InProgress"
    COMPLETED = "Completed"
    FAILED = "Failed"
    DELETING = "Deleting"


class ModelApprovalStatus(_AwsEnum):
    """The approval status of the model package a card describes."""

    APPROVED = "Approved"
    REJECTED = "Rejected"
    PENDING_MANUAL_APPROVAL = "PendingManualApproval"
