"""Training details: objective function, training job, metrics and hyper-parameters."""

from __future__ import annotations

from attrs import field

from modelcard_share.content._enums import ObjectiveFunctionDirection
from modelcard_share.content._fields import (
    choice,
    name_text,
    node,
    nodes,
    number,
    text,
    texts,
    to_member,
    to_tuple,
)
from modelcard_share.content._node import ContentObject, content_class
from modelcard_share.content._sections import ContainerEnvironment

__all__ = [
    "HyperParameter",
    "ObjectiveFunction",
    "ObjectiveFunctionSpec",
    "TrainingDetails",
    "TrainingEnvironment",
    "TrainingJobDetails",
    "TrainingMetric",
]


@content_class
class ObjectiveFunctionSpec(ContentObject):
    """Say what training optimised (``objective_function.function``).

    Attributes:
        function: Whether the objective is maximised or minimised.
        facet: The quantity optimised, such as ``Loss`` (at most 63 characters).
        condition: Any condition on it (at most 63 characters).
    """

    function: ObjectiveFunctionDirection | None = field(
        default=None, converter=to_member, metadata=choice(ObjectiveFunctionDirection)
    )
    facet: str | None = field(default=None, metadata=text(63))
    condition: str | None = field(default=None, metadata=text(63))


@content_class
class ObjectiveFunction(ContentObject):
    """Describe the objective function (``training_details.objective_function``).

    Attributes:
        function: The direction, facet and condition.
        notes: Notes on the objective (at most 1024 characters).
    """

    function: ObjectiveFunctionSpec | None = field(
        default=None, metadata=node(ObjectiveFunctionSpec)
    )
    notes: str | None = field(default=None, metadata=text(1024))


@content_class
class TrainingEnvironment(ContainerEnvironment):
    """Describe where training ran (``training_job_details.training_environment``).

    Attributes:
        container_image: Training image URIs (at most 15, each at most 1024 characters).
    """


@content_class
class TrainingMetric(ContentObject):
    """Record one training metric.

    Attributes:
        name: The metric's name (required, 1 to 255 characters).
        notes: Notes on the metric (at most 1024 characters).
        value: The metric's value (required, a number).
    """

    name: str | None = field(default=None, metadata=name_text(255))
    notes: str | None = field(default=None, metadata=text(1024))
    value: float | None = field(default=None, metadata=number(required=True))


@content_class
class HyperParameter(ContentObject):
    """Record one training hyper-parameter.

    Attributes:
        name: The hyper-parameter's name (required, 1 to 255 characters).
        value: Its value as a string (0 to 255 characters).
    """

    name: str | None = field(default=None, metadata=name_text(255))
    value: str | None = field(default=None, metadata=name_text(255, min_len=0, required=False))


@content_class
class TrainingJobDetails(ContentObject):
    """Describe the training job (``training_details.training_job_details``).

    Attributes:
        training_arn: The training job's ARN (at most 1024 characters).
        training_datasets: Dataset locations (at most 15, each at most 1024 characters).
        training_environment: The training environment.
        training_metrics: Metrics reported by training (at most 50).
        user_provided_training_metrics: Metrics added by people (at most 50).
        hyper_parameters: Hyper-parameters of the job (at most 100).
        user_provided_hyper_parameters: Hyper-parameters added by people (at most 100).
    """

    training_arn: str | None = field(default=None, metadata=text(1024))
    training_datasets: tuple[str, ...] | None = field(
        default=None, converter=to_tuple, metadata=texts(1024, max_items=15)
    )
    training_environment: TrainingEnvironment | None = field(
        default=None, metadata=node(TrainingEnvironment)
    )
    training_metrics: tuple[TrainingMetric, ...] | None = field(
        default=None, converter=to_tuple, metadata=nodes(TrainingMetric, max_items=50)
    )
    user_provided_training_metrics: tuple[TrainingMetric, ...] | None = field(
        default=None, converter=to_tuple, metadata=nodes(TrainingMetric, max_items=50)
    )
    hyper_parameters: tuple[HyperParameter, ...] | None = field(
        default=None, converter=to_tuple, metadata=nodes(HyperParameter, max_items=100)
    )
    user_provided_hyper_parameters: tuple[HyperParameter, ...] | None = field(
        default=None, converter=to_tuple, metadata=nodes(HyperParameter, max_items=100)
    )


@content_class
class TrainingDetails(ContentObject):
    """Describe how the model was trained (``training_details``).

    Attributes:
        objective_function: The objective function.
        training_observations: Observations on training (at most 1024 characters).
        training_job_details: The training job.
    """

    objective_function: ObjectiveFunction | None = field(
        default=None, metadata=node(ObjectiveFunction)
    )
    training_observations: str | None = field(default=None, metadata=text(1024))
    training_job_details: TrainingJobDetails | None = field(
        default=None, metadata=node(TrainingJobDetails)
    )
