"""The typed, lossless model of SageMaker model card content.

``CardContent`` covers every section and field of the model card JSON schema. Reading
is lossless (unknown keys are kept, in order, at every depth) and every schema rule is
checked, with all problems reported at once with their JSON paths. Content is strict JSON
(no NaN, Infinity or Python values JSON cannot hold) and equality is exact: ``1``, ``1.0``
and ``true`` are different values (:func:`json_equal` compares JSON data the same way).
"""

from modelcard_share.content._card import MAX_CONTENT_LENGTH, CardContent, LenientParse
from modelcard_share.content._enums import (
    CardStatus,
    MetricType,
    ModelApprovalStatus,
    ModelPackageStatus,
    ObjectiveFunctionDirection,
    RiskRating,
    SimpleMetricType,
)
from modelcard_share.content._evaluation import (
    BarChartMetric,
    EvaluationJob,
    LinearGraphMetric,
    MatrixMetric,
    Metric,
    MetricGroup,
    SimpleMetric,
)
from modelcard_share.content._json import json_equal
from modelcard_share.content._node import ContentObject
from modelcard_share.content._sections import (
    AdditionalInformation,
    BusinessDetails,
    ContainerEnvironment,
    InferenceContainer,
    InferenceEnvironment,
    InferenceSpecification,
    IntendedUses,
    ModelOverview,
    ModelPackageCreator,
    ModelPackageDetails,
    SourceAlgorithm,
)
from modelcard_share.content._training import (
    HyperParameter,
    ObjectiveFunction,
    ObjectiveFunctionSpec,
    TrainingDetails,
    TrainingEnvironment,
    TrainingJobDetails,
    TrainingMetric,
)

__all__ = [
    "MAX_CONTENT_LENGTH",
    "AdditionalInformation",
    "BarChartMetric",
    "BusinessDetails",
    "CardContent",
    "CardStatus",
    "ContainerEnvironment",
    "ContentObject",
    "EvaluationJob",
    "HyperParameter",
    "InferenceContainer",
    "InferenceEnvironment",
    "InferenceSpecification",
    "IntendedUses",
    "LenientParse",
    "LinearGraphMetric",
    "MatrixMetric",
    "Metric",
    "MetricGroup",
    "MetricType",
    "ModelApprovalStatus",
    "ModelOverview",
    "ModelPackageCreator",
    "ModelPackageDetails",
    "ModelPackageStatus",
    "ObjectiveFunction",
    "ObjectiveFunctionDirection",
    "ObjectiveFunctionSpec",
    "RiskRating",
    "SimpleMetric",
    "SimpleMetricType",
    "SourceAlgorithm",
    "TrainingDetails",
    "TrainingEnvironment",
    "TrainingJobDetails",
    "TrainingMetric",
    "json_equal",
]
