"""ModelCard.fill_from end to end: sources in other accounts, S3 reports, merge, idempotence."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from modelcard_share import (
    ArgumentTypeError,
    CardContent,
    ModelCard,
    ModelPackageSource,
    ModelSource,
    ReportSource,
    SessionFactory,
    TrainingJobSource,
    TuningJobSource,
)
from modelcard_share.fill import FillLimitError
from modelcard_share.sandbox import Sandbox

from .conftest import fast_retry

DATA = Path(__file__).resolve().parent.parent / "fill" / "data"
PERSONAL = {
    "model_overview": {"model_owner": "churn team", "x_reviewer_notes": "kept as written"},
    "training_details": {"training_observations": "a person wrote this"},
}


def _factory(sb: Sandbox) -> SessionFactory:
    return sb.session_factory(retry=fast_retry(sb))


@pytest.fixture
def world() -> Iterator[Sandbox]:
    """The four default accounts with a completed training job and a tuning job in dev."""
    with Sandbox(organization=True) as sb:
        sb.extend_schema({"model_overview": {"x_reviewer_notes": {"type": "string"}}})
        yield sb


def test_fill_from_a_training_job_in_another_account_keeps_what_people_wrote(
    world: Sandbox,
) -> None:
    """A dev training job fills the central card; the person's fields and unknown keys stay."""
    arn = world.create_training_job(
        "dev", metrics={"validation:auc": 0.93}, hyper_parameters={"max_depth": "6"}
    )
    factory = _factory(world)
    card = ModelCard.create(
        "churn", content=CardContent.from_json(PERSONAL), session=factory.session("shared-services")
    )
    result = card.fill_from(TrainingJobSource(name_or_arn="churn-xgboost", account="dev"))
    assert result.written
    assert card.version == 2
    job = card.content.training_details
    assert job is not None
    assert job.training_observations == "a person wrote this"
    details = job.training_job_details
    assert details is not None
    assert details.training_arn == arn
    assert [(h.name, h.value) for h in details.hyper_parameters or ()] == [("max_depth", "6")]
    assert [(m.name, m.value) for m in details.training_metrics or ()] == [("validation:auc", 0.93)]
    assert card.content.to_dict()["model_overview"]["x_reviewer_notes"] == "kept as written"
    assert {c.path.split(".")[0] for c in result.diff} == {"training_details"}

    again = card.fill_from(TrainingJobSource(name_or_arn=arn, account="dev"))
    assert not again.written
    assert not again.changed
    assert card.version == 2
    assert [v.version for v in card.versions()] == [1, 2]


def test_dry_run_shows_the_diff_and_writes_nothing(world: Sandbox) -> None:
    """A dry run returns the changes a fill would make, without a new version."""
    world.create_training_job("shared-services")
    card = ModelCard.create(
        "dry", session=world.session("shared-services"), retry=fast_retry(world)
    )
    result = card.fill_from(TrainingJobSource(name_or_arn="churn-xgboost"), dry_run=True)
    assert result.changed
    assert not result.written
    assert result.diff.paths == ("training_details",)  # the whole section is new
    assert [v.version for v in card.versions()] == [1]


def test_tuning_job_model_package_and_model_fill_their_sections(world: Sandbox) -> None:
    """A tuning job's best job, a model package and a model fill three sections at once."""
    job = world.create_training_job("dev")
    world.create_tuning_job("dev", "churn-hpo", training_job="churn-xgboost")
    world.create_model("dev", "churn-model", training_job="churn-xgboost")
    package = world.register_model_package("dev", "churn", training_job="churn-xgboost")
    dev = world.session("dev")
    card = ModelCard.create(
        "multi", session=world.session("shared-services"), retry=fast_retry(world)
    )
    result = card.fill_from(
        TuningJobSource(name_or_arn="churn-hpo", session=dev),
        ModelPackageSource(name_or_arn=package, session=dev),
        ModelSource(name_or_arn="churn-model", session=dev),
    )
    assert result.sources == (
        "tuning job churn-hpo",
        f"model package {package}",
        "model churn-model",
    )
    content = card.content
    assert content.training_details is not None
    objective = content.training_details.objective_function
    assert objective is not None
    assert content.model_package_details is not None
    assert content.model_package_details.model_package_arn == package
    assert content.model_overview is not None
    assert content.model_overview.model_name == "churn-model"
    assert job in json.dumps(content.to_dict())


def test_report_from_s3_fills_one_evaluation(world: Sandbox) -> None:
    """A Clarify bias report read from S3 in the source account fills one evaluation."""
    dev = world.session("dev")
    s3 = dev.client("s3")
    s3.create_bucket(Bucket="reports")
    body = (DATA / "clarify_bias_analysis.json").read_bytes()
    s3.put_object(Bucket="reports", Key="bias/analysis.json", Body=body)
    card = ModelCard.create(
        "bias", session=world.session("shared-services"), retry=fast_retry(world)
    )
    result = card.fill_from(
        ReportSource(report="s3://reports/bias/analysis.json", kind="clarify-bias", session=dev)
    )
    assert result.written
    [evaluation] = card.content.evaluation_details or ()
    assert evaluation.name == "clarify-bias"
    assert evaluation.metric_groups
    metadata = evaluation.metadata or {}
    assert metadata.get("report_location") == "s3://reports/bias/analysis.json"


def test_limits_are_refused_unless_trimming_is_asked(world: Sandbox) -> None:
    """200 hyper-parameters: refused by default, trimmed with a note when asked."""
    many = {f"p{i:03d}": str(i) for i in range(200)}
    world.create_training_job("shared-services", hyper_parameters=many)
    card = ModelCard.create(
        "big", session=world.session("shared-services"), retry=fast_retry(world)
    )
    with pytest.raises(FillLimitError):
        card.fill_from(TrainingJobSource(name_or_arn="churn-xgboost"))
    assert card.version == 1
    result = card.fill_from(TrainingJobSource(name_or_arn="churn-xgboost"), overflow="trim")
    assert result.written
    assert result.notes
    details = card.content.training_details
    assert details is not None
    assert details.training_job_details is not None
    assert len(details.training_job_details.hyper_parameters or ()) == 100


def test_fill_from_refuses_what_is_not_a_source(world: Sandbox) -> None:
    """Passing a name instead of a source object is a typed error before any call."""
    card = ModelCard.create(
        "typed", session=world.session("shared-services"), retry=fast_retry(world)
    )
    with pytest.raises(ArgumentTypeError, match="TrainingJobSource"):
        card.fill_from("churn-xgboost")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError):
        TrainingJobSource(name_or_arn=3)
