"""The four metric classes, their shapes, and how ``type`` chooses the class."""

from __future__ import annotations

from typing import Any

import pytest

from modelcard_share.content import (
    BarChartMetric,
    CardContent,
    LinearGraphMetric,
    MatrixMetric,
    MetricGroup,
    MetricType,
    SimpleMetric,
    SimpleMetricType,
)
from modelcard_share.errors import ContentValidationError

from .helpers import paths_rules


def metric_doc(*metrics: dict[str, Any]) -> dict[str, Any]:
    group = {"name": "g", "metric_data": list(metrics)}
    return {"evaluation_details": [{"name": "e", "metric_groups": [group]}]}


PREFIX = "evaluation_details[0].metric_groups[0].metric_data"


@pytest.mark.parametrize(
    ("doc", "cls"),
    [
        ({"name": "a", "type": "number", "value": 0.5}, SimpleMetric),
        ({"name": "a", "type": "string", "value": "x"}, SimpleMetric),
        ({"name": "a", "type": "boolean", "value": False}, SimpleMetric),
        ({"name": "a", "type": "linear_graph", "value": [[0, 1]]}, LinearGraphMetric),
        ({"name": "a", "type": "bar_chart", "value": [1]}, BarChartMetric),
        ({"name": "a", "type": "matrix", "value": [[1]]}, MatrixMetric),
    ],
)
def test_type_chooses_the_class(doc: dict[str, Any], cls: type) -> None:
    content = CardContent.from_json(metric_doc(doc))
    assert content.evaluation_details is not None
    groups = content.evaluation_details[0].metric_groups
    assert groups is not None
    assert groups[0].metric_data is not None
    metric = groups[0].metric_data[0]
    assert type(metric) is cls
    assert metric.type == doc["type"]
    assert content.to_dict() == metric_doc(doc)


def test_simple_metric_value_must_match_its_type() -> None:
    assert paths_rules(lambda: SimpleMetric(name="a", type="number", value="1")) == [
        ("value", "type")
    ]
    assert paths_rules(lambda: SimpleMetric(name="a", type="number", value=True)) == [
        ("value", "type")
    ]
    assert paths_rules(lambda: SimpleMetric(name="a", type="boolean", value=1)) == [
        ("value", "type")
    ]
    assert paths_rules(lambda: SimpleMetric(name="a", type="string", value="x" * 64)) == [
        ("value", "maxLength")
    ]
    assert paths_rules(lambda: SimpleMetric(name="a", type="number", value=[1])) == [  # type: ignore[arg-type]
        ("value", "type")
    ]
    metric = SimpleMetric(name="a", type=SimpleMetricType.STRING, value="x" * 63)
    assert metric.type is SimpleMetricType.STRING


def test_simple_metric_type_lists_every_metric_type() -> None:
    with pytest.raises(ContentValidationError) as caught:
        SimpleMetric(name="a", type="histogram", value=1)
    message = caught.value.problems[0].message
    assert all(kind.value in message for kind in MetricType)


def test_linear_graph_points_are_pairs() -> None:
    LinearGraphMetric(name="roc", value=[[0, 0], [0.5, 1]])
    assert paths_rules(lambda: LinearGraphMetric(name="roc", value=[])) == [("value", "minItems")]
    assert paths_rules(lambda: LinearGraphMetric(name="roc", value=[[0, 0], [1]])) == [
        ("value[1]", "minItems")
    ]
    assert paths_rules(lambda: LinearGraphMetric(name="roc", value=[[0, 0, 0]])) == [
        ("value[0]", "maxItems")
    ]
    assert paths_rules(lambda: LinearGraphMetric(name="roc", value=[[0, "a"]])) == [
        ("value[0][1]", "type")
    ]
    assert paths_rules(lambda: LinearGraphMetric(name="roc")) == [("value", "required")]
    assert paths_rules(
        lambda: LinearGraphMetric(name="r", value=[[0, 1]], x_axis_name="x" * 64)
    ) == [("x_axis_name", "maxLength")]


def test_bar_chart_values_and_axis_names() -> None:
    BarChartMetric(name="b", value=[1, 2.5], x_axis_name=["a", "b"], y_axis_name="h")
    assert paths_rules(lambda: BarChartMetric(name="b", value=[])) == [("value", "minItems")]
    assert paths_rules(lambda: BarChartMetric(name="b", value=[1, False])) == [("value[1]", "type")]
    assert paths_rules(lambda: BarChartMetric(name="b", value=[1], x_axis_name=["x" * 64])) == [
        ("x_axis_name[0]", "maxLength")
    ]


def test_matrix_is_one_to_twenty_by_one_to_twenty() -> None:
    MatrixMetric(name="m", value=[[0] * 20] * 20, x_axis_name=["a"], y_axis_name=["b"])
    assert paths_rules(lambda: MatrixMetric(name="m", value=[])) == [("value", "minItems")]
    assert paths_rules(lambda: MatrixMetric(name="m", value=[[1]] * 21)) == [("value", "maxItems")]
    assert paths_rules(lambda: MatrixMetric(name="m", value=[[1], []])) == [
        ("value[1]", "minItems")
    ]
    assert paths_rules(lambda: MatrixMetric(name="m", value=[[1] * 21])) == [
        ("value[0]", "maxItems")
    ]


def test_metric_group_requires_name_and_metric_data() -> None:
    assert paths_rules(MetricGroup) == [("name", "required"), ("metric_data", "required")]
    assert paths_rules(lambda: MetricGroup(name="g", metric_data=[{"name": "m"}])) == [
        ("metric_data[0]", "type")
    ]


def test_metric_problems_have_full_paths_on_parse() -> None:
    doc = metric_doc(
        {"name": "a", "type": "number", "value": 1},
        {"name": "b", "type": "linear_graph", "value": [[1, 2, 3]]},
        {"name": "", "type": "matrix", "value": [[1]]},
    )
    with pytest.raises(ContentValidationError) as caught:
        CardContent.from_json(doc)
    assert [(p.path, p.rule) for p in caught.value.problems] == [
        (f"{PREFIX}[1].value[0]", "maxItems"),
        (f"{PREFIX}[2].name", "pattern"),
    ]


def test_graph_metric_type_is_fixed() -> None:
    metric = BarChartMetric(name="b", value=[1])
    assert metric.type is MetricType.BAR_CHART
    assert "type" not in repr(metric)
