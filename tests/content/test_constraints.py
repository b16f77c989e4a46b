"""One test per kind of constraint, on constructors (relative paths) and on parsing."""

from __future__ import annotations

import math
from typing import Any

import attrs
import pytest

from modelcard_share.content import (
    MAX_CONTENT_LENGTH,
    AdditionalInformation,
    CardContent,
    EvaluationJob,
    HyperParameter,
    InferenceContainer,
    InferenceSpecification,
    IntendedUses,
    ModelOverview,
    ModelPackageDetails,
    ObjectiveFunctionSpec,
    SourceAlgorithm,
    TrainingJobDetails,
    TrainingMetric,
)
from modelcard_share.errors import ContentProblem, ContentValidationError


def problems_of(build: Any) -> list[ContentProblem]:
    with pytest.raises(ContentValidationError) as caught:
        build()
    return list(caught.value.problems)


def only(build: Any) -> ContentProblem:
    found = problems_of(build)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("cls", "field", "limit"),
    [
        (ModelOverview, "model_description", 1024),
        (ModelOverview, "problem_type", 1024),
        (ModelOverview, "model_id", 1024),
        (IntendedUses, "purpose_of_model", 2048),
        (EvaluationJob, "evaluation_observation", 2096),
        (EvaluationJob, "evaluation_job_arn", 256),
        (InferenceContainer, "image", 255),
        (SourceAlgorithm, "algorithm_name", 170),
        (ObjectiveFunctionSpec, "facet", 63),
        (AdditionalInformation, "ethical_considerations", 2048),
    ],
)
def test_max_length_names_field_and_length(cls: Any, field: str, limit: int) -> None:
    required = {"name": "e"} if cls is EvaluationJob else {}
    if cls is InferenceContainer and field != "image":
        required["image"] = "i"
    if cls is SourceAlgorithm and field != "algorithm_name":
        required["algorithm_name"] = "a"
    cls(**required, **{field: "x" * limit})  # at the limit: fine
    problem = only(lambda: cls(**required, **{field: "y" * (limit + 1)}))
    assert problem.path == field
    assert problem.rule == "maxLength"
    assert field in problem.message
    assert str(limit) in problem.message
    assert str(limit + 1) in problem.message
    assert "yyy" in problem.message


@pytest.mark.parametrize(
    "field", ["model_package_arn", "model_package_group_name", "model_package_name"]
)
def test_min_length(field: str) -> None:
    kwargs: dict[str, Any] = {field: ""}
    problem = only(lambda: ModelPackageDetails(**kwargs))
    assert (problem.path, problem.rule) == (field, "minLength")


@pytest.mark.parametrize(
    ("limit", "build"),
    [
        (63, lambda v: EvaluationJob(name=v)),
        (255, lambda v: TrainingMetric(name=v, value=1)),
        (255, lambda v: HyperParameter(name=v)),
    ],
)
def test_name_patterns_are_length_ranges(limit: int, build: Any) -> None:
    build("n" * limit)
    for bad in ("", "n" * (limit + 1)):
        problem = only(lambda bad=bad: build(bad))
        assert (problem.path, problem.rule) == ("name", "pattern")


def test_hyper_parameter_value_may_be_empty_but_not_longer_than_255() -> None:
    HyperParameter(name="h", value="")
    problem = only(lambda: HyperParameter(name="h", value="v" * 256))
    assert (problem.path, problem.rule) == ("value", "pattern")


@pytest.mark.parametrize(
    ("cls", "field"),
    [
        (IntendedUses, "risk_rating"),
        (ModelPackageDetails, "model_package_status"),
        (ModelPackageDetails, "model_approval_status"),
        (ObjectiveFunctionSpec, "function"),
    ],
)
def test_enums_list_allowed_values(cls: Any, field: str) -> None:
    problem = only(lambda: cls(**{field: "Critical"}))
    assert (problem.path, problem.rule) == (field, "enum")
    assert "'Critical'" in problem.message


def test_enum_strings_are_converted_to_members() -> None:
    uses = IntendedUses(risk_rating="High")
    assert uses.risk_rating is not None
    assert uses.risk_rating.name == "HIGH"


@pytest.mark.parametrize("field", ["model_version"])
def test_minimum(field: str) -> None:
    ModelOverview(model_version=1)
    ModelOverview(model_version=1.5)
    problem = only(lambda: ModelOverview(model_version=0.99))
    assert (problem.path, problem.rule) == (field, "minimum")
    assert "0.99" in problem.message
    problem = only(lambda: ModelPackageDetails(model_package_version=0))
    assert (problem.path, problem.rule) == ("model_package_version", "minimum")


@pytest.mark.parametrize("bad", [True, "1", None, math.nan, math.inf])
def test_booleans_strings_and_non_finite_are_not_numbers(bad: Any) -> None:
    if bad is None:
        problem = only(lambda: TrainingMetric(name="m", value=bad))
        assert (problem.path, problem.rule) == ("value", "required")
        return
    problem = only(lambda: TrainingMetric(name="m", value=bad))
    assert (problem.path, problem.rule) == ("value", "type")


@pytest.mark.parametrize(
    ("cls", "field", "limit"),
    [
        (ModelOverview, "model_artifact", 15),
        (TrainingJobDetails, "training_datasets", 15),
        (EvaluationJob, "datasets", 10),
    ],
)
def test_string_array_limits(cls: Any, field: str, limit: int) -> None:
    required = {"name": "e"} if cls is EvaluationJob else {}
    cls(**required, **{field: ["s"] * limit})
    problem = only(lambda: cls(**required, **{field: ["s"] * (limit + 1)}))
    assert (problem.path, problem.rule) == (field, "maxItems")
    problem = only(lambda: cls(**required, **{field: ["s", "x" * 1025]}))
    assert (problem.path, problem.rule) == (f"{field}[1]", "maxLength")


def test_metric_and_hyper_parameter_counts() -> None:
    metrics = [TrainingMetric(name="m", value=1)] * 51
    params = [HyperParameter(name="h")] * 101
    found = problems_of(
        lambda: TrainingJobDetails(
            training_metrics=metrics[:50],
            user_provided_training_metrics=metrics,
            hyper_parameters=params[:100],
            user_provided_hyper_parameters=params,
        )
    )
    assert [(p.path, p.rule) for p in found] == [
        ("user_provided_training_metrics", "maxItems"),
        ("user_provided_hyper_parameters", "maxItems"),
    ]


def test_source_algorithms_exactly_one_and_containers_one_to_fifteen() -> None:
    algo = SourceAlgorithm(algorithm_name="a")
    assert only(lambda: ModelPackageDetails(source_algorithms=[])).rule == "minItems"
    assert only(lambda: ModelPackageDetails(source_algorithms=[algo, algo])).rule == "maxItems"
    container = InferenceContainer(image="i")
    InferenceSpecification(containers=[container] * 15)
    assert only(lambda: InferenceSpecification(containers=[])).rule == "minItems"
    assert only(lambda: InferenceSpecification(containers=[container] * 16)).rule == "maxItems"
    problem = only(InferenceSpecification)
    assert (problem.path, problem.rule) == ("containers", "required")


@pytest.mark.parametrize(
    ("build", "path"),
    [
        (EvaluationJob, "name"),
        (SourceAlgorithm, "algorithm_name"),
        (InferenceContainer, "image"),
        (lambda: TrainingMetric(value=1), "name"),
        (lambda: HyperParameter(value="v"), "name"),
    ],
)
def test_required_fields(build: Any, path: str) -> None:
    problem = only(build)
    assert (problem.path, problem.rule) == (path, "required")
    assert path in problem.message


def test_string_maps_check_each_value() -> None:
    problem = only(lambda: AdditionalInformation(custom_details={"ok": "v", "big": "x" * 1025}))
    assert (problem.path, problem.rule) == ("custom_details.big", "maxLength")
    problem = only(lambda: EvaluationJob(name="e", metadata={"my key": 5}))  # type: ignore[dict-item]
    assert (problem.path, problem.rule) == ('metadata["my key"]', "type")


def test_wrong_python_types_are_reported_not_crashing() -> None:
    found = problems_of(
        lambda: ModelOverview(model_name=5, model_artifact="s3://x", inference_environment={})  # type: ignore[arg-type]
    )
    assert [(p.path, p.rule) for p in found] == [
        ("model_artifact", "type"),
        ("model_name", "type"),
        ("inference_environment", "type"),
    ]


def test_all_problems_are_listed_at_once_with_full_paths() -> None:
    doc = {
        "model_overview": {"model_version": 0, "model_name": "x" * 1025},
        "intended_uses": {"risk_rating": "Critical"},
        "evaluation_details": [
            {"name": "ok"},
            {"metric_groups": [{"name": "g", "metric_data": [{"name": "m", "type": "number"}]}]},
        ],
    }
    with pytest.raises(ContentValidationError) as caught:
        CardContent.from_json(doc)
    assert [(p.path, p.rule) for p in caught.value.problems] == [
        ("model_overview.model_name", "maxLength"),
        ("model_overview.model_version", "minimum"),
        ("intended_uses.risk_rating", "enum"),
        ("evaluation_details[1].name", "required"),
        ("evaluation_details[1].metric_groups[0].metric_data[0].value", "required"),
    ]
    assert caught.value.paths[0] == "model_overview.model_name"
    assert "5 problems" in str(caught.value)


def test_content_length_limit_applies_to_the_compact_json() -> None:
    # 99 details of 990 characters stay below 100 000; one more pads to exactly the limit.
    details = {f"k{i:03d}": "x" * 990 for i in range(99)}
    base = CardContent(additional_information=AdditionalInformation(custom_details=details))
    room = MAX_CONTENT_LENGTH - len(base.to_json()) - len(',"pad":""')
    assert 0 < room <= 1024

    def build(n: int) -> CardContent:
        padded = {**details, "pad": "y" * n}
        return CardContent(additional_information=AdditionalInformation(custom_details=padded))

    assert len(build(room).to_json()) == MAX_CONTENT_LENGTH
    problem = only(lambda: build(room + 1))
    assert (problem.path, problem.rule) == ("", "maxContentLength")
    assert str(MAX_CONTENT_LENGTH + 1) in problem.message
    # Non-ASCII characters count once each: the limit is on characters, not bytes.
    assert len(CardContent(model_overview=ModelOverview(model_name="é" * 10)).to_json()) == 36 + 10


def test_invalid_json_and_non_objects_are_rejected() -> None:
    cases: list[tuple[Any, str]] = [
        ("{not json", "json"),
        (b"\xff", "json"),
        ("[1]", "type"),
        ("3", "type"),
    ]
    for data, rule in cases:
        with pytest.raises(ContentValidationError) as caught:
            CardContent.from_json(data)
        assert [(p.path, p.rule) for p in caught.value.problems] == [("", rule)]
        with pytest.raises(ContentValidationError):
            CardContent.from_json_lenient(data)


def test_evolve_revalidates() -> None:
    overview = ModelOverview(model_version=2)
    with pytest.raises(ContentValidationError) as caught:
        attrs.evolve(overview, model_version=0)
    assert caught.value.paths == ("model_version",)


def test_extra_that_shadows_a_field_is_reported() -> None:
    problem = only(lambda: ModelOverview(extra={"model_version": "one"}))
    assert (problem.path, problem.rule) == ("model_version", "type")
    problem = only(lambda: ModelOverview(model_version=1, extra={"model_version": 2}))
    assert (problem.path, problem.rule) == ("model_version", "duplicateKey")
    problem = only(lambda: ModelOverview(extra={"model_name": "fits the field"}))
    assert (problem.path, problem.rule) == ("model_name", "extraKey")
