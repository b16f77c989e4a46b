"""The enumerations of model card content and status; values are the AWS strings."""

from __future__ import annotations

from enum import Enum

__all__ = [
    "CardStatus",
    "MetricType",
    "ModelApprovalStatus",
    "ModelPackageStatus",
    "ObjectiveFunctionDirection",
    "RiskRating",
    "SimpleMetricType",
]


class CardStatus(str, Enum):
    """The status of a model card (``ModelCardStatus``); not part of the content."""

    DRAFT = "Draft"
    PENDING_REVIEW = "PendingReview"
    APPROVED = "Approved"
    ARCHIVED = "Archived"


class RiskRating(str, Enum):
    """The risk rating of a model (``intended_uses.risk_rating``)."""

    HIGH = "High"
    MEDIUM = "Medium"
    LOW = "Low"
    UNKNOWN = "Unknown"


class ObjectiveFunctionDirection(str, Enum):
    """Whether training maximises or minimises its objective function."""

    MAXIMIZE = "Maximize"
    MINIMIZE = "Minimize"


class MetricType(str, Enum):
    """The ``type`` of an evaluation metric, which decides the shape of its value."""

    NUMBER = "number"
    STRING = "string"
    BOOLEAN = "boolean"
    LINEAR_GRAPH = "linear_graph"
    BAR_CHART = "bar_chart"
    MATRIX = "matrix"


class SimpleMetricType(str, Enum):
    """The ``type`` of a simple (scalar) evaluation metric."""

    NUMBER = "number"
    STRING = "string"
    BOOLEAN = "boolean"


class ModelPackageStatus(str, Enum):
    """The status of the model package a card describes."""

    PENDING = "Pending"
    IN_PROGRESS = "InProgress"
    COMPLETED = "Completed"
    FAILED = "Failed"
    DELETING = "Deleting"


class ModelApprovalStatus(str, Enum):
    """The approval status of the model package a card describes."""

    APPROVED = "Approved"
    REJECTED = "Rejected"
    PENDING_MANUAL_APPROVAL = "PendingManualApproval"
