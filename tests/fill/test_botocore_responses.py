"""Builders read responses exactly as boto3 returns them (here from moto's SageMaker)."""

from __future__ import annotations

import boto3
from moto import mock_aws

from modelcard_share.fill import Fill

ROLE = "arn:aws:iam::123456789012:role/SageMakerExecution"


@mock_aws
def test_model_and_training_job_responses_from_boto3() -> None:
    """Datetimes, ResponseMetadata and members the card does not use are ignored."""
    sagemaker = boto3.client("sagemaker", region_name="us-east-1")
    sagemaker.create_model(
        ModelName="churn",
        ExecutionRoleArn=ROLE,
        PrimaryContainer={"Image": "img:1", "ModelDataUrl": "s3://b/model.tar.gz"},
    )
    model = Fill.from_model(sagemaker.describe_model(ModelName="churn"))
    assert model.content.to_dict()["model_overview"]["model_artifact"] == ["s3://b/model.tar.gz"]

    sagemaker.create_training_job(
        TrainingJobName="churn-train",
        RoleArn=ROLE,
        AlgorithmSpecification={"TrainingImage": "img:1", "TrainingInputMode": "File"},
        HyperParameters={"eta": "0.1", "max_depth": "6"},
        InputDataConfig=[
            {
                "ChannelName": "train",
                "DataSource": {
                    "S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/train/"}
                },
            }
        ],
        OutputDataConfig={"S3OutputPath": "s3://b/out"},
        ResourceConfig={"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 1},
        StoppingCondition={"MaxRuntimeInSeconds": 60},
    )
    response = sagemaker.describe_training_job(TrainingJobName="churn-train")
    job = Fill.from_training_job(response).content.to_dict()["training_details"]
    details = job["training_job_details"]
    assert details["training_arn"] == response["TrainingJobArn"]
    assert details["training_datasets"] == ["s3://b/train/"]
    assert details["hyper_parameters"] == [
        {"name": "eta", "value": "0.1"},
        {"name": "max_depth", "value": "6"},
    ]
