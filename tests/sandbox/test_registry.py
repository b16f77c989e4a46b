"""Issue 12 item 10: the cross-account model registry, SageMaker objects for cards, and events."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from modelcard_share.sandbox import Sandbox

from ._helpers import client, expect_error

REGISTER = "arn:aws:ram::aws:permission/AWSRAMPermissionSageMakerModelPackageGroupAllowRegister"


def _shared_group(sb: Sandbox, permission: str | None = None) -> str:
    """A group in shared-services with one approved package, shared with dev; its ARN."""
    job = sb.create_training_job("shared-services", "hub-job")
    sb.register_model_package(
        "shared-services", "churn", training_job="hub-job", approval="Approved"
    )
    sm = client(sb, "shared-services", "sagemaker")
    group = sm.describe_model_package_group(ModelPackageGroupName="churn")["ModelPackageGroupArn"]
    kw: dict[str, Any] = {"permissionArns": [permission]} if permission else {}
    client(sb, "shared-services", "ram").create_resource_share(
        name="registry", resourceArns=[group], principals=[sb.account_id("dev")], **kw
    )
    assert job.endswith(":training-job/hub-job")
    return str(group)


def test_consumer_reads_a_shared_group_and_its_packages(world: Sandbox) -> None:
    """A shared group's packages are listed and described by ARN from the consumer account."""
    group = _shared_group(world)
    dev = client(world, "dev", "sagemaker")
    assert (
        dev.describe_model_package_group(ModelPackageGroupName=group)["ModelPackageGroupName"]
        == "churn"
    )
    [summary] = dev.list_model_packages(ModelPackageGroupName=group)["ModelPackageSummaryList"]
    package = dev.describe_model_package(ModelPackageName=summary["ModelPackageArn"])
    assert package["ModelApprovalStatus"] == "Approved"
    assert package["ModelPackageGroupName"] == "churn"
    assert package["ModelPackageVersion"] == 1
    assert package["InferenceSpecification"]["Containers"][0]["ModelDataUrl"].endswith(
        "/hub-job/output/model.tar.gz"
    )
    assert package["SourceAlgorithmSpecification"]["SourceAlgorithms"][0]["AlgorithmName"]
    assert package["CreatedBy"]["IamIdentity"]["Arn"].startswith("arn:aws:sts::111111111111:")
    types = {
        r["type"]
        for r in client(world, "dev", "ram").list_resources(resourceOwner="OTHER-ACCOUNTS")[
            "resources"
        ]
    }
    assert types == {"sagemaker:ModelPackageGroup"}


def test_registering_into_a_shared_group_needs_the_register_permission(world: Sandbox) -> None:
    """The default group permission reads; AllowRegister lets dev register a version."""
    group = _shared_group(world)
    world.create_training_job("dev", "spoke-job")
    with pytest.raises(ClientError) as exc:
        world.register_model_package("dev", group, training_job="spoke-job")
    assert "CreateModelPackage" in expect_error(exc, "AccessDeniedException")


def test_consumer_registers_a_version_in_the_hub(world: Sandbox) -> None:
    """With AllowRegister, dev's package becomes version 2 of the hub's group."""
    group = _shared_group(world, REGISTER)
    world.create_training_job("dev", "spoke-job")
    arn = world.register_model_package("dev", group, training_job="spoke-job")
    assert arn == "arn:aws:sagemaker:us-east-1:111111111111:model-package/churn/2"
    hub = client(world, "shared-services", "sagemaker")
    listed = hub.list_model_packages(ModelPackageGroupName="churn")["ModelPackageSummaryList"]
    assert sorted(p["ModelPackageVersion"] for p in listed) == [1, 2]


def test_unshared_group_is_not_found(world: Sandbox) -> None:
    """A group nobody shared with prod is not found from prod."""
    group = _shared_group(world)
    with pytest.raises(ClientError) as exc:
        client(world, "prod", "sagemaker").describe_model_package_group(ModelPackageGroupName=group)
    expect_error(exc, "ResourceNotFound")


def test_training_job_has_what_a_card_builder_reads(world: Sandbox) -> None:
    """DescribeTrainingJob: ARN, channels' S3 URIs, image, hyperparameters, final metrics."""
    world.create_training_job("dev", "job", metrics={"validation:auc": 0.93, "train:loss": 0.2})
    job = client(world, "dev", "sagemaker").describe_training_job(TrainingJobName="job")
    assert job["TrainingJobArn"] == "arn:aws:sagemaker:us-east-1:222222222222:training-job/job"
    assert [c["DataSource"]["S3DataSource"]["S3Uri"] for c in job["InputDataConfig"]] == [
        "s3://ml-artifacts/job/train/",
        "s3://ml-artifacts/job/validation/",
    ]
    assert job["AlgorithmSpecification"]["TrainingImage"].endswith("sagemaker-xgboost:1.7-1")
    assert [d["Name"] for d in job["AlgorithmSpecification"]["MetricDefinitions"]] == [
        "validation:auc",
        "train:loss",
    ]
    assert job["HyperParameters"]["max_depth"] == "5"
    assert {m["MetricName"]: m["Value"] for m in job["FinalMetricDataList"]} == {
        "validation:auc": 0.93,
        "train:loss": 0.2,
    }


def test_model_has_its_containers(world: Sandbox) -> None:
    """DescribeModel: ARN, image and ModelDataUrl of the training job's artifact."""
    world.create_training_job("dev", "job")
    arn = world.create_model("dev", "churn-model", training_job="job")
    model = client(world, "dev", "sagemaker").describe_model(ModelName="churn-model")
    assert model["ModelArn"] == arn
    assert model["PrimaryContainer"]["ModelDataUrl"] == (
        "s3://ml-artifacts/job/output/job/output/model.tar.gz"
    )


def test_model_package_events(world: Sandbox) -> None:
    """Registering and approving a package records two Model Package State Change events."""
    world.create_training_job("dev", "job")
    arn = world.register_model_package("dev", "g", training_job="job")
    client(world, "dev", "sagemaker").update_model_package(
        ModelPackageArn=arn, ModelApprovalStatus="Approved"
    )
    events = [
        e for e in world.events.all() if e["detail-type"] == "SageMaker Model Package State Change"
    ]
    assert [e["detail"]["ModelApprovalStatus"] for e in events] == [
        "PendingManualApproval",
        "Approved",
    ]
    last = events[-1]
    assert (last["source"], last["account"], last["region"]) == (
        "aws.sagemaker",
        "222222222222",
        "us-east-1",
    )
    assert last["resources"] == [arn]
    assert last["detail"]["UpdatedModelPackageFields"] == ["ModelApprovalStatus"]
    assert last["detail"]["ModelPackageGroupName"] == "g"


def test_tuning_job_reports_objective_and_best_job(world: Sandbox) -> None:
    """DescribeHyperParameterTuningJob: the objective, and the best job only when one exists."""
    world.create_training_job("dev", "job", metrics={"validation:auc": 0.95})
    world.create_tuning_job("dev", "tune", training_job="job")
    tuning = client(world, "dev", "sagemaker").describe_hyper_parameter_tuning_job(
        HyperParameterTuningJobName="tune"
    )
    objective = tuning["HyperParameterTuningJobConfig"]["HyperParameterTuningJobObjective"]
    assert objective == {"Type": "Maximize", "MetricName": "validation:auc"}
    best = tuning["BestTrainingJob"]
    assert best["TrainingJobName"] == "job"
    assert best["FinalHyperParameterTuningJobObjectiveMetric"]["Value"] == 0.95
    assert best["TunedHyperParameters"]["max_depth"] == "5"
