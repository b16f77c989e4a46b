"""Lossless round trips of the reference documents, and output shape."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest

from modelcard_share.content import (
    CardContent,
    EvaluationJob,
    IntendedUses,
    LinearGraphMetric,
    MatrixMetric,
    MetricGroup,
    ModelOverview,
    ModelPackageDetails,
    SimpleMetric,
)

from .helpers import same


def test_full_example_round_trips_exactly(
    full_example_text: str, full_example: dict[str, Any]
) -> None:
    content = CardContent.from_json(full_example_text)
    assert same(content.to_dict(), full_example)
    assert same(json.loads(content.to_json()), full_example)


@pytest.mark.parametrize("kind", ["str", "bytes", "mapping"])
def test_from_json_accepts_text_bytes_and_mappings(
    kind: str, full_example_text: str, full_example: dict[str, Any]
) -> None:
    data: Any = {
        "str": full_example_text,
        "bytes": full_example_text.encode(),
        "mapping": full_example,
    }[kind]
    assert same(CardContent.from_json(data).to_dict(), full_example)


def test_every_field_of_the_full_example_is_typed(full_example_text: str) -> None:
    content = CardContent.from_json(full_example_text)
    overview = content.model_overview
    assert overview is not None
    assert overview.model_id is not None
    assert overview.model_name == "customer-churn-model"
    assert overview.model_version == 1
    assert type(overview.model_version) is int
    assert overview.inference_environment is not None
    package = content.model_package_details
    assert isinstance(package, ModelPackageDetails)
    assert package.created_by is not None
    assert package.created_by.user_profile_name == "data-scientist-1"
    assert package.source_algorithms is not None
    assert package.source_algorithms[0].algorithm_name == "xgboost"
    assert package.inference_specification is not None
    assert package.inference_specification.containers is not None
    assert package.inference_specification.containers[0].nearest_model_name
    training = content.training_details
    assert training is not None
    assert training.objective_function is not None
    assert training.objective_function.function is not None
    assert training.objective_function.function.function == "Minimize"
    jobs = training.training_job_details
    assert jobs is not None
    assert jobs.user_provided_hyper_parameters is not None
    assert jobs.user_provided_training_metrics is not None
    assert content.evaluation_details is not None
    metrics = content.evaluation_details[0].metric_groups[0].metric_data  # type: ignore[index]
    assert metrics is not None
    assert [type(m).__name__ for m in metrics] == [
        "SimpleMetric",
        "SimpleMetric",
        "SimpleMetric",
        "LinearGraphMetric",
        "BarChartMetric",
        "MatrixMetric",
    ]
    assert content.additional_information is not None
    assert dict(content.additional_information.custom_details or {}) == {
        "reviewer": "model-risk-office",
        "ticket": "MRM-1234",
    }
    # Nothing of the example ended up as unknown keys.
    assert not content.extra
    assert not overview.extra


def test_to_json_is_compact_and_keeps_non_ascii() -> None:
    content = CardContent(model_overview=ModelOverview(model_owner="Zoë"))
    assert content.to_json() == '{"model_overview":{"model_owner":"Zoë"}}'


def test_unset_fields_are_omitted_and_nothing_is_invented() -> None:
    content = CardContent(intended_uses=IntendedUses(purpose_of_model="p"))
    assert content.to_dict() == {"intended_uses": {"purpose_of_model": "p"}}
    assert CardContent().to_dict() == {}


def test_explicit_empty_lists_are_kept() -> None:
    doc = {"evaluation_details": [], "model_overview": {"model_artifact": []}}
    assert same(CardContent.from_json(doc).to_dict(), doc)
    built = CardContent(evaluation_details=[])
    assert built.to_dict() == {"evaluation_details": []}


def test_ints_stay_ints_and_floats_stay_floats() -> None:
    doc = {
        "model_overview": {"model_version": 2},
        "evaluation_details": [
            {
                "name": "e",
                "metric_groups": [
                    {
                        "name": "g",
                        "metric_data": [
                            {"name": "m", "type": "matrix", "value": [[1, 2.0], [3.5, 4]]}
                        ],
                    }
                ],
            }
        ],
    }
    text = CardContent.from_json(doc).to_json()
    assert '"model_version":2' in text
    assert '"value":[[1,2.0],[3.5,4]]' in text


def test_evolve_keeps_key_order_and_appends_new_fields() -> None:
    doc = {"model_overview": {"model_name": "n", "zz": 1, "model_owner": "o"}}
    content = CardContent.from_json(doc)
    overview = content.model_overview
    assert overview is not None
    changed = attrs.evolve(overview, model_owner="p", model_version=3)
    assert list(changed.extra) == ["zz"]
    assert json.dumps(CardContent(model_overview=changed).to_dict()) == json.dumps(
        {"model_overview": {"model_name": "n", "zz": 1, "model_owner": "p", "model_version": 3}}
    )
    removed = attrs.evolve(overview, model_name=None)
    assert list(CardContent(model_overview=removed).to_dict()["model_overview"]) == [
        "zz",
        "model_owner",
    ]


def test_output_does_not_alias_input_or_internal_state() -> None:
    doc: dict[str, Any] = {"zz": {"nested": [1]}, "intended_uses": {"risk_rating": "Low"}}
    content = CardContent.from_json(doc)
    doc["zz"]["nested"].append(2)
    out = content.to_dict()
    assert out["zz"] == {"nested": [1]}
    out["zz"]["nested"].append(3)
    assert content.to_dict()["zz"] == {"nested": [1]}


def test_constructed_content_uses_schema_key_order() -> None:
    metric = LinearGraphMetric(x_axis_name="fpr", value=[[0, 0], [1, 1]], name="roc")
    assert metric.type == "linear_graph"
    assert json.dumps(_metric_dict(metric)) == json.dumps(
        {"name": "roc", "type": "linear_graph", "value": [[0, 0], [1, 1]], "x_axis_name": "fpr"}
    )
    matrix = MatrixMetric(name="m", value=[[1]])
    assert json.dumps(_metric_dict(matrix)) == '{"name": "m", "type": "matrix", "value": [[1]]}'
    simple = SimpleMetric(value=True, type="boolean", name="ok")
    assert json.dumps(_metric_dict(simple)) == '{"name": "ok", "type": "boolean", "value": true}'


def _metric_dict(metric: Any) -> Any:
    content = CardContent(
        evaluation_details=[
            EvaluationJob(name="e", metric_groups=[MetricGroup(name="g", metric_data=[metric])])
        ]
    )
    return content.to_dict()["evaluation_details"][0]["metric_groups"][0]["metric_data"][0]
