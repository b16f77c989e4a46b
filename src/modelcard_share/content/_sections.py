"""Model overview, model package details, intended uses, business details, additional info."""

from __future__ import annotations

from collections.abc import Mapping

from attrs import field

from modelcard_share.content._enums import ModelApprovalStatus, ModelPackageStatus, RiskRating
from modelcard_share.content._fields import (
    choice,
    node,
    nodes,
    number,
    text,
    text_map,
    texts,
    to_map,
    to_member,
    to_tuple,
)
from modelcard_share.content._node import ContentObject, content_class

# ----------------------------------------------------------------- model_overview


@content_class
class ContainerEnvironment(ContentObject):
    """The shape shared by the inference and the training environment: container images.

    Attributes:
        container_image: Image URIs (at most 15, each at most 1024 characters).
    """

    container_image: tuple[str, ...] | None = field(
        default=None, converter=to_tuple, metadata=texts(1024, max_items=15)
    )


@content_class
class InferenceEnvironment(ContainerEnvironment):
    """Describe where the model runs for inference (``model_overview.inference_environment``).

    Attributes:
        container_image: Inference image URIs (at most 15, each at most 1024 characters).
    """


@content_class
class ModelOverview(ContentObject):
    """Describe the model itself (``model_overview``).

    Attributes:
        model_description: What the model does (at most 1024 characters).
        model_owner: Who owns the model (at most 1024 characters).
        model_creator: Who created the model (at most 1024 characters).
        problem_type: The problem the model solves, free text (at most 1024 characters).
        algorithm_type: The algorithm used (at most 1024 characters).
        model_id: A SageMaker model ARN or another model id (at most 1024 characters).
        model_artifact: Locations of the model artifacts (at most 15 of 1024 characters).
        model_name: The model's name (at most 1024 characters).
        model_version: The model's version, a number of at least 1.
        inference_environment: The inference environment.
    """

    model_description: str | None = field(default=None, metadata=text(1024))
    model_owner: str | None = field(default=None, metadata=text(1024))
    model_creator: str | None = field(default=None, metadata=text(1024))
    problem_type: str | None = field(default=None, metadata=text(1024))
    algorithm_type: str | None = field(default=None, metadata=text(1024))
    model_id: str | None = field(default=None, metadata=text(1024))
    model_artifact: tuple[str, ...] | None = field(
        default=None, converter=to_tuple, metadata=texts(1024, max_items=15)
    )
    model_name: str | None = field(default=None, metadata=text(1024))
    model_version: float | None = field(default=None, metadata=number(minimum=1))
    inference_environment: InferenceEnvironment | None = field(
        default=None, metadata=node(InferenceEnvironment)
    )


# ---------------------------------------------------------- model_package_details


@content_class
class ModelPackageCreator(ContentObject):
    """Name who created the model package (``model_package_details.created_by``).

    Attributes:
        user_profile_name: The creator's SageMaker Studio user profile (at most 63 characters).
    """

    user_profile_name: str | None = field(default=None, metadata=text(63))


@content_class
class SourceAlgorithm(ContentObject):
    """Name an algorithm used to create the model package.

    Attributes:
        algorithm_name: The algorithm's name (required, at most 170 characters).
        model_data_url: S3 path of the model artifacts (at most 1024 characters).
    """

    algorithm_name: str | None = field(default=None, metadata=text(170, required=True))
    model_data_url: str | None = field(default=None, metadata=text(1024))


@content_class
class InferenceContainer(ContentObject):
    """Describe one inference container of the model package.

    Attributes:
        image: The ECR path of the inference image (required, at most 255 characters).
        model_data_url: S3 path of the model artifacts (at most 1024 characters).
        nearest_model_name: The nearest benchmarked model (Inference Recommender).
    """

    image: str | None = field(default=None, metadata=text(255, required=True))
    model_data_url: str | None = field(default=None, metadata=text(1024))
    nearest_model_name: str | None = field(default=None, metadata=text())


@content_class
class InferenceSpecification(ContentObject):
    """Describe how models of the model package run inference.

    Attributes:
        containers: The inference containers (required, 1 to 15).
    """

    containers: tuple[InferenceContainer, ...] | None = field(
        default=None,
        converter=to_tuple,
        metadata=nodes(InferenceContainer, min_items=1, max_items=15, required=True),
    )


@content_class
class ModelPackageDetails(ContentObject):
    """Describe the model package version the card belongs to (``model_package_details``).

    Attributes:
        model_package_description: A summary of the model package (at most 1024 characters).
        model_package_arn: The model package's ARN (1 to 2048 characters).
        created_by: Who created the model package.
        model_package_status: The model package's status.
        model_approval_status: The model package's approval status.
        approval_description: Why it was approved or rejected (at most 1024 characters).
        model_package_group_name: The model package group (1 to 63 characters).
        model_package_name: The model package's name (1 to 63 characters).
        model_package_version: The version in its group, a number of at least 1.
        domain: The machine learning domain, free text.
        task: The machine learning task, free text.
        source_algorithms: The algorithm that created the package (exactly 1).
        inference_specification: How the package's models run inference.
    """

    model_package_description: str | None = field(default=None, metadata=text(1024))
    model_package_arn: str | None = field(default=None, metadata=text(2048, min_len=1))
    created_by: ModelPackageCreator | None = field(default=None, metadata=node(ModelPackageCreator))
    model_package_status: ModelPackageStatus | None = field(
        default=None, converter=to_member, metadata=choice(ModelPackageStatus)
    )
    model_approval_status: ModelApprovalStatus | None = field(
        default=None, converter=to_member, metadata=choice(ModelApprovalStatus)
    )
    approval_description: str | None = field(default=None, metadata=text(1024))
    model_package_group_name: str | None = field(default=None, metadata=text(63, min_len=1))
    model_package_name: str | None = field(default=None, metadata=text(63, min_len=1))
    model_package_version: float | None = field(default=None, metadata=number(minimum=1))
    domain: str | None = field(default=None, metadata=text())
    task: str | None = field(default=None, metadata=text())
    source_algorithms: tuple[SourceAlgorithm, ...] | None = field(
        default=None,
        converter=to_tuple,
        metadata=nodes(SourceAlgorithm, min_items=1, max_items=1),
    )
    inference_specification: InferenceSpecification | None = field(
        default=None, metadata=node(InferenceSpecification)
    )


# ---------------------------------------------------------- intended uses, business


@content_class
class IntendedUses(ContentObject):
    """Say what the model is for and how risky it is (``intended_uses``).

    Attributes:
        purpose_of_model: Why the model was built (at most 2048 characters).
        intended_uses: The intended use cases (at most 2048 characters).
        factors_affecting_model_efficiency: What degrades the model (at most 2048 characters).
        risk_rating: The risk rating.
        explanations_for_risk_rating: Why that rating (at most 2048 characters).
    """

    purpose_of_model: str | None = field(default=None, metadata=text(2048))
    intended_uses: str | None = field(default=None, metadata=text(2048))
    factors_affecting_model_efficiency: str | None = field(default=None, metadata=text(2048))
    risk_rating: RiskRating | None = field(
        default=None, converter=to_member, metadata=choice(RiskRating)
    )
    explanations_for_risk_rating: str | None = field(default=None, metadata=text(2048))


@content_class
class BusinessDetails(ContentObject):
    """Say which business problem the model serves (``business_details``).

    Attributes:
        business_problem: The business problem (at most 2048 characters).
        business_stakeholders: The stakeholders (at most 2048 characters).
        line_of_business: The line of business (at most 2048 characters).
    """

    business_problem: str | None = field(default=None, metadata=text(2048))
    business_stakeholders: str | None = field(default=None, metadata=text(2048))
    line_of_business: str | None = field(default=None, metadata=text(2048))


@content_class
class AdditionalInformation(ContentObject):
    """Add ethical notes, caveats and custom details (``additional_information``).

    Attributes:
        ethical_considerations: Ethical considerations (at most 2048 characters).
        caveats_and_recommendations: Caveats and advice (at most 2048 characters).
        custom_details: Free key/value details (values at most 1024 characters).
    """

    ethical_considerations: str | None = field(default=None, metadata=text(2048))
    caveats_and_recommendations: str | None = field(default=None, metadata=text(2048))
    custom_details: Mapping[str, str] | None = field(
        default=None, converter=to_map, metadata=text_map(1024)
    )


__all__ = [
    "AdditionalInformation",
    "BusinessDetails",
    "ContainerEnvironment",
    "InferenceContainer",
    "InferenceEnvironment",
    "InferenceSpecification",
    "IntendedUses",
    "ModelOverview",
    "ModelPackageCreator",
    "ModelPackageDetails",
    "SourceAlgorithm",
]
