"""The typed, lossless model of SageMaker model card content.

``CardContent`` covers every section and field of the model card JSON schema. Reading
is lossless (unknown keys are kept, in order, at every depth) and every schema rule is
checked, with all problems reported at once with their JSON paths.
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
from modelcard_share.content._node import ContentObject
from modelcard_share.content._sections import (
    AdditionalInformation,
    BusinessDetails,
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
]
