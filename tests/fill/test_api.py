"""Builders from DescribeModel, DescribeTrainingJob, DescribeHyperParameterTuningJob and
DescribeModelPackage responses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from modelcard_share.content import CardContent, ObjectiveFunctionDirection
from modelcard_share.errors import ConfigurationError, ContentValidationError
from modelcard_share.fill import (
    Fill,
    FillLimitError,
    NoteKind,
    Overflow,
    Source,
    SourceFormatError,
    TuningJob,
    TuningObjective,
)

from .conftest import changed

TRAINING_ARN = "arn:aws:sagemaker:us-east-1:222222222222:training-job/churn-xgb-tuning-007-4f1a2b3c"
IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"

Valid = Callable[[CardContent], None]


def owned(fill: Fill) -> list[str]:
    return [str(p) for p in fill.owned]


# ------------------------------------------------------------------------ DescribeModel


def test_model_fills_model_overview_with_arn_name_artifacts_and_images(
    model_response: dict[str, Any], assert_valid: Valid
) -> None:
    """DescribeModel gives model_id (the ARN), model_name, artifacts and images."""
    fill = Fill.from_model(model_response)
    assert fill.source == Source("DescribeModel", model_response["ModelArn"])
    assert fill.content.to_dict() == {
        "model_overview": {
            "model_id": model_response["ModelArn"],
            "model_artifact": [model_response["PrimaryContainer"]["ModelDataUrl"]],
            "model_name": "churn-xgb-2024-05-14",
            "inference_environment": {"container_image": [IMAGE]},
        }
    }
    assert owned(fill) == [
        "model_overview.model_id",
        "model_overview.model_artifact",
        "model_overview.model_name",
        "model_overview.inference_environment.container_image",
    ]
    assert fill.notes == ()
    assert_valid(fill.content)


def test_model_reads_every_container_and_model_data_source_without_repeats() -> None:
    """Containers, S3 data sources and additional sources are all artifacts; repeats once."""
    s3 = {"S3Uri": "s3://b/a/", "S3DataType": "S3Prefix", "CompressionType": "None"}
    response = {
        "ModelName": "m",
        "ModelArn": "arn:aws:sagemaker:us-east-1:222222222222:model/m",
        "Containers": [
            {"Image": "img:1", "ModelDataUrl": "s3://b/one.tar.gz"},
            {
                "Image": "img:2",
                "ModelDataSource": {"S3DataSource": s3},
                "AdditionalModelDataSources": [{"ChannelName": "draft", "S3DataSource": s3}],
            },
            {"Image": "img:1", "ModelDataUrl": "s3://b/one.tar.gz"},
        ],
    }
    overview = Fill.from_model(response).content.model_overview
    assert overview is not None
    assert overview.model_artifact == ("s3://b/one.tar.gz", "s3://b/a/")
    assert overview.inference_environment is not None
    assert overview.inference_environment.container_image == ("img:1", "img:2")


def test_model_without_containers_owns_only_id_and_name() -> None:
    """A model with no artifacts or images does not own (or blank) those fields."""
    arn = "arn:aws:sagemaker:us-east-1:222222222222:model/m"
    fill = Fill.from_model({"ModelName": "m", "ModelArn": arn})
    assert owned(fill) == ["model_overview.model_id", "model_overview.model_name"]


def test_model_response_problems_are_all_reported_with_their_paths() -> None:
    """Missing and mistyped members are reported together, with paths in the response."""
    response = {"ModelName": 7, "PrimaryContainer": {"Image": ["x"]}, "Containers": [3]}
    with pytest.raises(SourceFormatError) as caught:
        Fill.from_model(response)
    assert set(caught.value.paths) == {
        "ModelArn",
        "ModelName",
        "PrimaryContainer.Image",
        "Containers[0]",
    }
    assert caught.value.source == "DescribeModel response"
    assert isinstance(caught.value, ContentValidationError)
    assert isinstance(caught.value, ValueError)


def test_a_response_that_is_not_a_mapping_is_a_format_error() -> None:
    """Passing something other than a response object fails clearly."""
    with pytest.raises(SourceFormatError, match="expected an object"):
        Fill.from_model(["not", "a", "response"])  # type: ignore[arg-type]


# --------------------------------------------------------------- DescribeTrainingJob


def test_training_job_fills_training_details(
    training_response: dict[str, Any], assert_valid: Valid
) -> None:
    """ARN, dataset URIs, image, final metrics and hyper-parameters, in response order."""
    fill = Fill.from_training_job(training_response)
    details = fill.content.to_dict()["training_details"]
    assert "objective_function" not in details
    job = details["training_job_details"]
    assert job["training_arn"] == TRAINING_ARN
    assert job["training_datasets"] == [
        "s3://dev-ml-data/churn/train/",
        "s3://dev-ml-data/churn/validation/",
    ]
    assert job["training_environment"] == {"container_image": [IMAGE]}
    assert job["training_metrics"] == [
        {"name": "train:auc", "value": 0.9412000179290771},
        {"name": "validation:auc", "value": 0.9127000570297241},
    ]
    assert [h["name"] for h in job["hyper_parameters"]] == list(
        training_response["HyperParameters"]
    )
    assert {h["name"]: h["value"] for h in job["hyper_parameters"]} == training_response[
        "HyperParameters"
    ]
    assert "user_provided_hyper_parameters" not in job
    assert fill.source == Source("DescribeTrainingJob", TRAINING_ARN)
    assert owned(fill) == [
        f"training_details.training_job_details.{f}"
        for f in (
            "training_arn",
            "training_datasets",
            "training_environment.container_image",
            "training_metrics",
            "hyper_parameters",
        )
    ]
    assert_valid(fill.content)


def test_training_job_with_its_tuning_job_fills_the_objective_function(
    training_response: dict[str, Any], tuning_response: dict[str, Any]
) -> None:
    """The tuning objective (direction and metric) becomes objective_function.function."""
    for tuning in (tuning_response, TuningJob.from_api(tuning_response)):
        fill = Fill.from_training_job(training_response, tuning_job=tuning)
        details = fill.content.training_details
        assert details is not None
        assert details.objective_function is not None
        function = details.objective_function.function
        assert function is not None
        assert function.function is ObjectiveFunctionDirection.MAXIMIZE
        assert function.facet == "validation:auc"
        assert owned(fill)[:2] == [
            "training_details.objective_function.function.function",
            "training_details.objective_function.function.facet",
        ]


def test_tuning_job_gives_its_best_training_job_and_objective(
    tuning_response: dict[str, Any],
) -> None:
    """TuningJob.from_api names the best training job for the caller to describe."""
    tuning = TuningJob.from_api(tuning_response)
    assert tuning.name == "churn-xgb-tuning"
    assert tuning.best_training_job_name == "churn-xgb-tuning-007-4f1a2b3c"
    assert tuning.best_training_job_arn == TRAINING_ARN
    expected = TuningObjective(
        direction=ObjectiveFunctionDirection.MAXIMIZE, metric_name="validation:auc"
    )
    assert tuning.objective == expected
    assert tuning.best_objective == expected


def test_tuning_job_without_a_completed_job_has_no_best_training_job(
    tuning_response: dict[str, Any],
) -> None:
    """BestTrainingJob is absent until a training job completes."""
    assert (
        TuningJob.from_api(changed(tuning_response, BestTrainingJob=None)).best_training_job_name
        is None
    )


def test_objective_of_multi_definition_tuning_jobs(
    training_response: dict[str, Any], tuning_response: dict[str, Any]
) -> None:
    """Definitions that agree give the objective; that differ give it to the best job only."""
    config = changed(
        tuning_response["HyperParameterTuningJobConfig"], HyperParameterTuningJobObjective=None
    )

    def definition(name: str, metric: str) -> dict[str, Any]:
        return {
            "DefinitionName": name,
            "TuningObjective": {"Type": "Minimize", "MetricName": metric},
        }

    same = changed(
        tuning_response,
        HyperParameterTuningJobConfig=config,
        TrainingJobDefinitions=[
            definition("a", "validation:rmse"),
            definition("b", "validation:rmse"),
        ],
    )
    objective = TuningJob.from_api(same).objective
    assert objective is not None
    assert objective.metric_name == "validation:rmse"
    assert objective.direction is ObjectiveFunctionDirection.MINIMIZE

    different = changed(
        same,
        TrainingJobDefinitions=[
            definition("a", "validation:rmse"),
            definition("b", "validation:mae"),
        ],
    )
    tuning = TuningJob.from_api(different)
    assert tuning.objective is None
    best = Fill.from_training_job(training_response, tuning_job=tuning)  # the best job
    assert (
        best.content.to_dict()["training_details"]["objective_function"]["function"]["facet"]
        == "validation:auc"
    )
    other = changed(training_response, TrainingJobArn=TRAINING_ARN.replace("007", "008"))
    fill = Fill.from_training_job(other, tuning_job=tuning)
    assert "objective_function" not in fill.content.to_dict()["training_details"]
    assert [n.kind for n in fill.notes] == [NoteKind.OMITTED]


def test_training_job_of_another_tuning_job_is_refused(
    training_response: dict[str, Any], tuning_response: dict[str, Any]
) -> None:
    """The objective of one tuning job is never written for a job another one launched."""
    untuned = changed(training_response, TuningJobArn=None)
    with pytest.raises(ConfigurationError, match="was not launched by tuning job"):
        Fill.from_training_job(untuned, tuning_job=tuning_response)


def test_tuning_response_problems_name_their_paths(tuning_response: dict[str, Any]) -> None:
    """An unknown objective type is reported at its path."""
    config = tuning_response["HyperParameterTuningJobConfig"]
    bad = changed(
        tuning_response,
        HyperParameterTuningJobConfig={
            **config,
            "HyperParameterTuningJobObjective": {"Type": "Maximise", "MetricName": "m"},
        },
    )
    with pytest.raises(SourceFormatError) as caught:
        TuningJob.from_api(bad)
    assert caught.value.paths == (
        "HyperParameterTuningJobConfig.HyperParameterTuningJobObjective.Type",
    )


def test_file_system_channels_and_non_finite_metrics_are_left_out_with_a_note(
    training_response: dict[str, Any],
) -> None:
    """An EFS channel has no S3 location and NaN is no JSON number: both are noted."""
    efs = {
        "ChannelName": "extra",
        "DataSource": {
            "FileSystemDataSource": {
                "FileSystemId": "fs-0123456789abcdef0",
                "FileSystemAccessMode": "ro",
                "FileSystemType": "EFS",
                "DirectoryPath": "/data",
            }
        },
    }
    metrics = [
        *training_response["FinalMetricDataList"],
        {"MetricName": "loss", "Value": float("nan")},
    ]
    response = changed(
        training_response,
        InputDataConfig=[*training_response["InputDataConfig"], efs],
        FinalMetricDataList=metrics,
    )
    fill = Fill.from_training_job(response)
    job = fill.content.to_dict()["training_details"]["training_job_details"]
    assert len(job["training_datasets"]) == 2
    assert [m["name"] for m in job["training_metrics"]] == ["train:auc", "validation:auc"]
    assert {n.source_path for n in fill.notes} == {
        "InputDataConfig[2].DataSource.FileSystemDataSource",
        "FinalMetricDataList[2].Value",
    }
    assert all(n.kind is NoteKind.OMITTED for n in fill.notes)


def hyper_parameters(count: int) -> dict[str, str]:
    return {f"param_{i:03d}": str(i) for i in range(count)}


def test_two_hundred_hyper_parameters_are_refused_by_default(
    training_response: dict[str, Any],
) -> None:
    """Over 100 hyper-parameters raises FillLimitError naming the card and source paths."""
    response = changed(training_response, HyperParameters=hyper_parameters(200))
    with pytest.raises(FillLimitError) as caught:
        Fill.from_training_job(response)
    (problem,) = caught.value.problems
    assert problem.path == "training_details.training_job_details.hyper_parameters"
    assert problem.rule == "maxItems"
    assert "has 200 items; at most 100" in problem.message
    assert "HyperParameters" in problem.message
    assert "Overflow.TRIM" in problem.message
    assert caught.value.source == f"DescribeTrainingJob {TRAINING_ARN}"


def test_trim_keeps_the_first_hundred_hyper_parameters_and_records_it(
    training_response: dict[str, Any], assert_valid: Valid
) -> None:
    """Overflow.TRIM keeps the first 100 in response order, with one note."""
    response = changed(training_response, HyperParameters=hyper_parameters(200))
    fill = Fill.from_training_job(response, overflow=Overflow.TRIM)
    kept = fill.content.to_dict()["training_details"]["training_job_details"]["hyper_parameters"]
    assert [h["name"] for h in kept] == list(hyper_parameters(100))
    (note,) = fill.trimmed
    assert note.path == "training_details.training_job_details.hyper_parameters"
    assert note.source_path == "HyperParameters"
    assert "kept the first 100" in note.message
    assert_valid(fill.content)


def test_long_hyper_parameter_values_are_refused_or_cut_with_a_mark(
    training_response: dict[str, Any],
) -> None:
    """The API allows 2500 characters; the card 255: refused, or cut ending in an ellipsis."""
    response = changed(training_response, HyperParameters={"config": "x" * 300, "eta": "0.1"})
    with pytest.raises(FillLimitError) as caught:
        Fill.from_training_job(response)
    assert caught.value.paths == (
        "training_details.training_job_details.hyper_parameters[0].value",
    )
    assert "HyperParameters.config" in caught.value.problems[0].message
    fill = Fill.from_training_job(response, overflow="trim")  # type: ignore[arg-type]
    value = fill.content.to_dict()["training_details"]["training_job_details"]["hyper_parameters"][
        0
    ]["value"]
    assert len(value) == 255
    assert value.endswith("…")
    assert [n.path for n in fill.trimmed] == [
        "training_details.training_job_details.hyper_parameters[0].value"
    ]


def test_an_unknown_overflow_policy_is_refused(training_response: dict[str, Any]) -> None:
    """overflow accepts the Overflow members or their values only."""
    with pytest.raises(ConfigurationError, match="overflow must be one of refuse, trim"):
        Fill.from_training_job(training_response, overflow="truncate")  # type: ignore[arg-type]


def test_every_limit_problem_is_reported_at_once(training_response: dict[str, Any]) -> None:
    """Several values over their limits are all listed in one error."""
    channels = [
        {
            "ChannelName": f"c{i}",
            "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": f"s3://b/{i}/"}},
        }
        for i in range(20)
    ]
    response = changed(
        training_response,
        InputDataConfig=channels,
        HyperParameters={"k" * 256: "v"},
    )
    with pytest.raises(FillLimitError) as caught:
        Fill.from_training_job(response)
    assert set(caught.value.paths) == {
        "training_details.training_job_details.training_datasets",
        "training_details.training_job_details.hyper_parameters[0].name",
    }


def test_training_response_problems_name_their_paths(training_response: dict[str, Any]) -> None:
    """Mistyped members deep in the response are reported with their paths."""
    response = changed(
        training_response,
        HyperParameters={"eta": 0.1},
        FinalMetricDataList=[{"MetricName": "m", "Value": "high"}],
        InputDataConfig=[{"ChannelName": "train", "DataSource": {"S3DataSource": {"S3Uri": 5}}}],
    )
    with pytest.raises(SourceFormatError) as caught:
        Fill.from_training_job(response)
    assert set(caught.value.paths) == {
        "HyperParameters.eta",
        "FinalMetricDataList[0].Value",
        "InputDataConfig[0].DataSource.S3DataSource.S3Uri",
    }


# --------------------------------------------------------------- DescribeModelPackage


def test_model_package_fills_every_field_of_model_package_details(
    package_response: dict[str, Any], assert_valid: Valid
) -> None:
    """All thirteen fields the schema has come from the response."""
    fill = Fill.from_model_package(package_response)
    url = package_response["InferenceSpecification"]["Containers"][0]["ModelDataUrl"]
    assert fill.content.to_dict() == {
        "model_package_details": {
            "model_package_description": package_response["ModelPackageDescription"],
            "model_package_arn": package_response["ModelPackageArn"],
            "created_by": {"user_profile_name": "data-scientist"},
            "model_package_status": "Completed",
            "model_approval_status": "PendingManualApproval",
            "approval_description": "Awaiting risk review",
            "model_package_group_name": "churn-models",
            "model_package_name": "churn-models",
            "model_package_version": 3,
            "domain": "MACHINE_LEARNING",
            "task": "CLASSIFICATION",
            "source_algorithms": [{"algorithm_name": "xgboost", "model_data_url": url}],
            "inference_specification": {
                "containers": [
                    {"image": IMAGE, "model_data_url": url, "nearest_model_name": "xgboost"}
                ]
            },
        }
    }
    assert len(fill.owned) == 13
    assert "model_package_details.inference_specification.containers" in owned(fill)
    assert "model_package_details.created_by.user_profile_name" in owned(fill)
    assert_valid(fill.content)


def test_model_package_owns_only_what_it_has(package_response: dict[str, Any]) -> None:
    """Optional members that are absent are not owned, so a person's values stay."""
    minimal = {
        k: package_response[k]
        for k in (
            "ModelPackageName",
            "ModelPackageArn",
            "CreationTime",
            "ModelPackageStatus",
            "ModelPackageStatusDetails",
        )
    }
    fill = Fill.from_model_package(minimal)
    assert owned(fill) == [
        "model_package_details.model_package_arn",
        "model_package_details.model_package_status",
        "model_package_details.model_package_name",
    ]


def test_model_package_containers_without_image_and_unknown_statuses_are_noted(
    package_response: dict[str, Any],
) -> None:
    """What the card's schema cannot hold is left out, with a note each."""
    spec = package_response["InferenceSpecification"]
    response = changed(
        package_response,
        InferenceSpecification={
            **spec,
            "Containers": [{"ModelPackageName": "other"}, *spec["Containers"]],
        },
        ModelApprovalStatus="Retired",
    )
    fill = Fill.from_model_package(response)
    details = fill.content.to_dict()["model_package_details"]
    assert "model_approval_status" not in details
    assert len(details["inference_specification"]["containers"]) == 1
    assert {n.source_path for n in fill.notes} == {
        "InferenceSpecification.Containers[0]",
        "ModelApprovalStatus",
    }


def test_model_package_name_over_63_characters_is_refused(package_response: dict[str, Any]) -> None:
    """Limits hold for model package fields too."""
    response = changed(package_response, CreatedBy={"UserProfileName": "u" * 64})
    with pytest.raises(FillLimitError) as caught:
        Fill.from_model_package(response)
    assert caught.value.paths == ("model_package_details.created_by.user_profile_name",)


def test_model_package_response_without_required_members_is_a_format_error() -> None:
    """ModelPackageArn, ModelPackageName and ModelPackageStatus are required members."""
    with pytest.raises(SourceFormatError) as caught:
        Fill.from_model_package({"ModelPackageVersion": "3"})
    assert set(caught.value.paths) == {
        "ModelPackageArn",
        "ModelPackageName",
        "ModelPackageStatus",
        "ModelPackageVersion",
    }
