"""Realistic SageMaker training jobs, models and model packages for tests, made in one call.

Each helper calls SageMaker through the account's own client (so the sandbox's rules and
events apply) with the fields a real MLOps pipeline sets, then fills in what a real service
would have produced and moto cannot (the final metrics of a training job).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from modelcard_share.sandbox._exceptions import SandboxArgumentError, SandboxTypeError

__all__ = [
    "TRAINING_IMAGE",
    "create_model",
    "create_training_job",
    "create_tuning_job",
    "register_model_package",
]

#: The container image the helpers use unless told otherwise (a public XGBoost image URI).
TRAINING_IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"


def _check_metrics(metrics: object) -> dict[str, float]:
    if not isinstance(metrics, Mapping):
        raise SandboxTypeError(f"metrics must map metric names to numbers, got {metrics!r}")
    checked: dict[str, float] = {}
    for name, value in metrics.items():
        if (
            not isinstance(name, str)
            or isinstance(value, bool)
            or not isinstance(value, (int, float))
        ):
            raise SandboxTypeError(f"metrics[{name!r}] must be a number, got {value!r}")
        checked[name] = float(value)
    return checked


def create_training_job(
    sagemaker: Any,
    name: str,
    *,
    account_id: str,
    bucket: str,
    metrics: Mapping[str, float],
    hyper_parameters: Mapping[str, str],
    image: str,
    backend: Any,
    now: Any,
) -> str:
    """Create a completed training job with input channels, hyperparameters and final metrics."""
    checked = _check_metrics(metrics)
    params: object = hyper_parameters
    if not isinstance(params, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in params.items()
    ):
        raise SandboxTypeError(
            f"hyper_parameters must map names to strings (as SageMaker does), got "
            f"{hyper_parameters!r}"
        )
    response = sagemaker.create_training_job(
        TrainingJobName=name,
        HyperParameters=dict(hyper_parameters),
        AlgorithmSpecification={
            "TrainingImage": image,
            "TrainingInputMode": "File",
            "MetricDefinitions": [
                {"Name": metric, "Regex": f"{metric}=([0-9.]+)"} for metric in checked
            ],
        },
        RoleArn=f"arn:aws:iam::{account_id}:role/SageMakerExecution",
        InputDataConfig=[
            {
                "ChannelName": channel,
                "DataSource": {
                    "S3DataSource": {
                        "S3DataType": "S3Prefix",
                        "S3Uri": f"s3://{bucket}/{name}/{channel}/",
                        "S3DataDistributionType": "FullyReplicated",
                    }
                },
                "ContentType": "text/csv",
            }
            for channel in ("train", "validation")
        ],
        OutputDataConfig={"S3OutputPath": f"s3://{bucket}/{name}/output"},
        ResourceConfig={"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
        StoppingCondition={"MaxRuntimeInSeconds": 3600},
    )
    job = backend.training_jobs[name]
    job.final_metric_data_list = [
        {"MetricName": metric, "Value": value, "Timestamp": now}
        for metric, value in checked.items()
    ]
    return str(response["TrainingJobArn"])


def create_model(sagemaker: Any, name: str, *, account_id: str, training_job: str) -> str:
    """Create a model from a training job's image and artifact."""
    job = sagemaker.describe_training_job(TrainingJobName=training_job)
    response = sagemaker.create_model(
        ModelName=name,
        ExecutionRoleArn=f"arn:aws:iam::{account_id}:role/SageMakerExecution",
        PrimaryContainer={
            "Image": job["AlgorithmSpecification"]["TrainingImage"],
            "ModelDataUrl": job["ModelArtifacts"]["S3ModelArtifacts"],
        },
    )
    return str(response["ModelArn"])


def register_model_package(
    sagemaker: Any,
    group: str,
    *,
    training_job: str,
    approval: str,
    description: str,
) -> str:
    """Register a model version from a training job into a group (name or ARN of a shared one)."""
    if approval not in ("Approved", "Rejected", "PendingManualApproval"):
        raise SandboxArgumentError(
            f"approval must be Approved, Rejected or PendingManualApproval, got {approval!r}"
        )
    job = sagemaker.describe_training_job(TrainingJobName=training_job)
    image = job["AlgorithmSpecification"]["TrainingImage"]
    response = sagemaker.create_model_package(
        ModelPackageGroupName=group,
        ModelPackageDescription=description,
        ModelApprovalStatus=approval,
        InferenceSpecification={
            "Containers": [
                {"Image": image, "ModelDataUrl": job["ModelArtifacts"]["S3ModelArtifacts"]}
            ],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"],
        },
        SourceAlgorithmSpecification={
            "SourceAlgorithms": [
                {
                    "AlgorithmName": "xgboost",
                    "ModelDataUrl": job["ModelArtifacts"]["S3ModelArtifacts"],
                }
            ]
        },
        MetadataProperties={"GeneratedBy": job["TrainingJobArn"]},
    )
    return str(response["ModelPackageArn"])


def create_tuning_job(
    sagemaker: Any,
    name: str,
    *,
    training_job: str,
    objective_metric: str,
    objective_type: str,
    backend: Any,
    best_attribute: str,
    tuning_attribute: str,
) -> str:
    """Create a tuning job whose best training job is ``training_job`` (its metric as objective).

    The training job then names the tuning job in its ``TuningJobArn``.
    """
    if objective_type not in ("Maximize", "Minimize"):
        raise SandboxArgumentError(
            f"objective_type must be Maximize or Minimize, got {objective_type!r}"
        )
    job = sagemaker.describe_training_job(TrainingJobName=training_job)
    values = {m["MetricName"]: m["Value"] for m in job.get("FinalMetricDataList", [])}
    if objective_metric not in values:
        raise SandboxArgumentError(
            f"objective_metric {objective_metric!r} is not a final metric of {training_job!r} "
            f"(it has {sorted(values)})"
        )
    objective = {"Type": objective_type, "MetricName": objective_metric}
    response = sagemaker.create_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=name,
        HyperParameterTuningJobConfig={
            "Strategy": "Bayesian",
            "HyperParameterTuningJobObjective": objective,
            "ResourceLimits": {"MaxNumberOfTrainingJobs": 10, "MaxParallelTrainingJobs": 2},
        },
        TrainingJobDefinition={
            "StaticHyperParameters": job["HyperParameters"],
            "AlgorithmSpecification": {
                "TrainingImage": job["AlgorithmSpecification"]["TrainingImage"],
                "TrainingInputMode": "File",
                "MetricDefinitions": job["AlgorithmSpecification"].get("MetricDefinitions", []),
            },
            "RoleArn": job["RoleArn"],
            "InputDataConfig": job["InputDataConfig"],
            "OutputDataConfig": job["OutputDataConfig"],
            "ResourceConfig": job["ResourceConfig"],
            "StoppingCondition": job["StoppingCondition"],
        },
    )
    best = {
        "TrainingJobName": job["TrainingJobName"],
        "TrainingJobArn": job["TrainingJobArn"],
        "TuningJobName": name,
        "CreationTime": job["CreationTime"],
        "TrainingStartTime": job["TrainingStartTime"],
        "TrainingEndTime": job["TrainingEndTime"],
        "TrainingJobStatus": "Completed",
        "TunedHyperParameters": job["HyperParameters"],
        "FinalHyperParameterTuningJobObjectiveMetric": {
            **objective,
            "Value": values[objective_metric],
        },
        "ObjectiveStatus": "Succeeded",
    }
    setattr(backend.hyper_parameter_tuning_jobs[name], best_attribute, best)
    arn = str(response["HyperParameterTuningJobArn"])
    setattr(backend.training_jobs[job["TrainingJobName"]], tuning_attribute, arn)
    return arn
