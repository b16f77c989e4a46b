"""Model card export jobs: lifecycle driven by the clock, a PDF in S3, owned by the card owner."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from modelcard_share.sandbox import Sandbox

from ._helpers import client, expect_error, make_card, share_card

EXPORT = "arn:aws:ram::aws:permission/AWSRAMPermissionSageMakerModelCardsAllowExport"


def _bucket(sb: Sandbox, account: str, name: str = "exports") -> None:
    client(sb, account, "s3").create_bucket(Bucket=name)


def _export(sb: Sandbox, account: str, card: str, job: str = "job-1", **kw: Any) -> str:
    response = client(sb, account, "sagemaker").create_model_card_export_job(
        ModelCardName=card,
        ModelCardExportJobName=job,
        OutputConfig={"S3OutputPath": kw.pop("path", "s3://exports/cards")},
        **kw,
    )
    return str(response["ModelCardExportJobArn"])


def test_export_job_completes_with_clock_and_writes_pdf(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    _bucket(sandbox, "dev")
    job = _export(sandbox, "dev", card)
    assert job == (
        "arn:aws:sagemaker:us-east-1:222222222222:model-card/churn-model/export-job/job-1"
    )
    sm = client(sandbox, "dev", "sagemaker")
    assert sm.describe_model_card_export_job(ModelCardExportJobArn=job)["Status"] == "InProgress"
    sandbox.clock.advance(seconds=30)
    described = sm.describe_model_card_export_job(ModelCardExportJobArn=job)
    assert described["Status"] == "Completed"
    assert described["ModelCardVersion"] == 1
    artifact = described["ExportArtifacts"]["S3ExportArtifacts"]
    assert artifact.startswith("s3://exports/cards/")
    assert artifact.endswith(".pdf")
    key = artifact.removeprefix("s3://exports/")
    body = client(sandbox, "dev", "s3").get_object(Bucket="exports", Key=key)["Body"].read()
    assert body.startswith(b"%PDF-1.4")
    assert body.rstrip().endswith(b"%%EOF")
    assert b"churn-model" in body


def test_list_export_jobs(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    _bucket(sandbox, "dev")
    _export(sandbox, "dev", "churn-model", job="a")
    _export(sandbox, "dev", card, job="b")
    sm = client(sandbox, "dev", "sagemaker")
    jobs = sm.list_model_card_export_jobs(ModelCardName="churn-model", SortBy="Name")
    assert [j["ModelCardExportJobName"] for j in jobs["ModelCardExportJobSummaries"]] == ["b", "a"]
    paged = sm.list_model_card_export_jobs(ModelCardName="churn-model", MaxResults=1)
    assert len(paged["ModelCardExportJobSummaries"]) == 1
    assert "NextToken" in paged


def test_duplicate_job_name_conflicts(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    _export(sandbox, "dev", card)
    with pytest.raises(ClientError) as exc:
        _export(sandbox, "dev", card)
    expect_error(exc, "ConflictException")


def test_missing_bucket_fails_the_job(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    job = _export(sandbox, "dev", card, path="s3://no-such-bucket/x")
    sandbox.clock.advance(minutes=1)
    described = client(sandbox, "dev", "sagemaker").describe_model_card_export_job(
        ModelCardExportJobArn=job
    )
    assert described["Status"] == "Failed"
    assert "no-such-bucket" in described["FailureReason"]


def test_bad_output_path_and_job_name(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    with pytest.raises(ClientError) as exc:
        _export(sandbox, "dev", card, path="ftp://x")
    expect_error(exc, "ValidationException")
    with pytest.raises(ClientError) as exc:
        _export(sandbox, "dev", card, job="bad_name")
    expect_error(exc, "ValidationException")


def test_consumer_export_needs_export_permission(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    share_card(sandbox, card, "prod")
    with pytest.raises(ClientError) as exc:
        _export(sandbox, "prod", card)
    assert "CreateModelCardExportJob" in expect_error(exc, "AccessDeniedException")


def test_consumer_job_belongs_to_owner_and_writes_consumer_bucket(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    share_card(sandbox, card, "prod", permissionArns=[EXPORT])
    _bucket(sandbox, "prod", "prod-exports")
    job = _export(sandbox, "prod", card, path="s3://prod-exports/")
    assert ":222222222222:model-card/churn-model/export-job/" in job
    sandbox.clock.advance(seconds=31)
    described = client(sandbox, "prod", "sagemaker").describe_model_card_export_job(
        ModelCardExportJobArn=job
    )
    assert described["Status"] == "Completed"
    key = described["ExportArtifacts"]["S3ExportArtifacts"].removeprefix("s3://prod-exports/")
    client(sandbox, "prod", "s3").head_object(Bucket="prod-exports", Key=key)
    owner_jobs = client(sandbox, "dev", "sagemaker").list_model_card_export_jobs(
        ModelCardName="churn-model"
    )["ModelCardExportJobSummaries"]
    assert [j["ModelCardExportJobArn"] for j in owner_jobs] == [job]
    assert (
        client(sandbox, "prod", "sagemaker").list_model_card_export_jobs(
            ModelCardName="churn-model"
        )["ModelCardExportJobSummaries"]
        == []
    )


def test_foreign_job_not_visible_without_share(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    job = _export(sandbox, "dev", card)
    with pytest.raises(ClientError) as exc:
        client(sandbox, "test", "sagemaker").describe_model_card_export_job(
            ModelCardExportJobArn=job
        )
    expect_error(exc, "ResourceNotFound")
    share_card(sandbox, card, "test")
    with pytest.raises(ClientError) as exc:
        client(sandbox, "test", "sagemaker").describe_model_card_export_job(
            ModelCardExportJobArn=job
        )
    expect_error(exc, "AccessDeniedException")


def test_archived_card_can_still_be_exported(sandbox: Sandbox) -> None:
    card = make_card(sandbox)
    client(sandbox, "dev", "sagemaker").update_model_card(
        ModelCardName=card, ModelCardStatus="Archived"
    )
    assert _export(sandbox, "dev", card).endswith("/export-job/job-1")
