"""Evaluation details: evaluation jobs, metric groups and the four kinds of metric."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeAlias

from attrs import field

from modelcard_share.content._checks import Problems, is_number, join, short
from modelcard_share.content._composite import NumberRows, Numbers, Texts
from modelcard_share.content._enums import MetricType, SimpleMetricType
from modelcard_share.content._fields import (
    choice,
    name_text,
    nodes,
    rule_of,
    text,
    text_map,
    texts,
    to_map,
    to_member,
    to_rows,
    to_tuple,
)
from modelcard_share.content._node import ContentObject, content_class
from modelcard_share.content._rules import Const, Scalar
from modelcard_share.errors import ContentProblem

__all__ = [
    "BarChartMetric",
    "EvaluationJob",
    "LinearGraphMetric",
    "MatrixMetric",
    "Metric",
    "MetricGroup",
    "SimpleMetric",
]


_AXIS = 63
_MATCHES: dict[SimpleMetricType, Callable[[object], bool]] = {
    SimpleMetricType.NUMBER: is_number,
    SimpleMetricType.STRING: lambda v: type(v) is str,
    SimpleMetricType.BOOLEAN: lambda v: type(v) is bool,
}


@content_class
class SimpleMetric(ContentObject):
    """Record one scalar evaluation metric: a number, a string or a boolean.

    Attributes:
        name: The metric's name (required, 1 to 255 characters).
        type: ``number``, ``string`` or ``boolean`` (required); the value must match it.
        value: The value (required; a string has at most 63 characters).
        notes: Notes on the metric (at most 1024 characters).
        x_axis_name: Name of the x axis (at most 63 characters).
        y_axis_name: Name of the y axis (at most 63 characters).
    """

    name: str | None = field(default=None, metadata=name_text(255))
    type: SimpleMetricType | None = field(
        default=None,
        converter=to_member,
        metadata=choice(SimpleMetricType, listed=MetricType, required=True),
    )
    value: float | str | bool | None = field(
        default=None, metadata=rule_of(Scalar(max_len=_AXIS, required=True))
    )
    notes: str | None = field(default=None, metadata=text(1024))
    x_axis_name: str | None = field(default=None, metadata=text(_AXIS))
    y_axis_name: str | None = field(default=None, metadata=text(_AXIS))

    def _more_checks(self, prefix: str, out: Problems) -> None:
        kind, value = self.type, self.value
        matches = _MATCHES.get(kind) if isinstance(kind, SimpleMetricType) else None
        if matches is None or value is None or matches(value):
            return
        if type(value) in (str, bool) or is_number(value):
            msg = f"value must be a {kind.value} because type is {kind.value!r}, got {short(value)}"  # type: ignore[union-attr]
            out.append(ContentProblem(join(prefix, "value"), "type", msg))


@content_class
class LinearGraphMetric(ContentObject):
    """Record a line graph: a list of ``[x, y]`` points.

    Attributes:
        name: The metric's name (required, 1 to 255 characters).
        type: Always ``linear_graph``.
        value: The points (required, at least 1; each exactly 2 numbers).
        notes: Notes on the metric (at most 1024 characters).
        x_axis_name: Name of the x axis (at most 63 characters).
        y_axis_name: Name of the y axis (at most 63 characters).
    """

    name: str | None = field(default=None, metadata=name_text(255))
    type: MetricType = field(
        default=MetricType.LINEAR_GRAPH,
        init=False,
        metadata=rule_of(Const(MetricType.LINEAR_GRAPH)),
    )
    value: tuple[tuple[float, ...], ...] | None = field(
        default=None,
        converter=to_rows,
        metadata=rule_of(NumberRows(row=Numbers(min_items=2, max_items=2), min_items=1)),
    )
    notes: str | None = field(default=None, metadata=text(1024))
    x_axis_name: str | None = field(default=None, metadata=text(_AXIS))
    y_axis_name: str | None = field(default=None, metadata=text(_AXIS))


@content_class
class BarChartMetric(ContentObject):
    """Record a bar chart: one number per bar.

    Attributes:
        name: The metric's name (required, 1 to 255 characters).
        type: Always ``bar_chart``.
        value: The bar heights (required, at least 1 number).
        notes: Notes on the metric (at most 1024 characters).
        x_axis_name: Names of the bars (each at most 63 characters).
        y_axis_name: Name of the y axis (at most 63 characters).
    """

    name: str | None = field(default=None, metadata=name_text(255))
    type: MetricType = field(
        default=MetricType.BAR_CHART, init=False, metadata=rule_of(Const(MetricType.BAR_CHART))
    )
    value: tuple[float, ...] | None = field(
        default=None, converter=to_tuple, metadata=rule_of(Numbers(min_items=1, required=True))
    )
    notes: str | None = field(default=None, metadata=text(1024))
    x_axis_name: tuple[str, ...] | None = field(
        default=None, converter=to_tuple, metadata=texts(_AXIS)
    )
    y_axis_name: str | None = field(default=None, metadata=text(_AXIS))


@content_class
class MatrixMetric(ContentObject):
    """Record a matrix, such as a confusion matrix: 1 to 20 rows of 1 to 20 numbers.

    Attributes:
        name: The metric's name (required, 1 to 255 characters).
        type: Always ``matrix``.
        value: The rows (required).
        notes: Notes on the metric (at most 1024 characters).
        x_axis_name: Names of the columns (each at most 63 characters).
        y_axis_name: Names of the rows (each at most 63 characters).
    """

    name: str | None = field(default=None, metadata=name_text(255))
    type: MetricType = field(
        default=MetricType.MATRIX, init=False, metadata=rule_of(Const(MetricType.MATRIX))
    )
    value: tuple[tuple[float, ...], ...] | None = field(
        default=None,
        converter=to_rows,
        metadata=rule_of(
            NumberRows(row=Numbers(min_items=1, max_items=20), min_items=1, max_items=20)
        ),
    )
    notes: str | None = field(default=None, metadata=text(1024))
    x_axis_name: tuple[str, ...] | None = field(
        default=None, converter=to_tuple, metadata=rule_of(Texts(item_max=_AXIS))
    )
    y_axis_name: tuple[str, ...] | None = field(
        default=None, converter=to_tuple, metadata=rule_of(Texts(item_max=_AXIS))
    )


Metric: TypeAlias = SimpleMetric | LinearGraphMetric | BarChartMetric | MatrixMetric
"""Any evaluation metric; the JSON ``type`` decides which class."""


@content_class
class MetricGroup(ContentObject):
    """Group related metrics of one evaluation.

    Attributes:
        name: The group's name (required, 1 to 63 characters).
        metric_data: The metrics (required).
    """

    name: str | None = field(default=None, metadata=name_text(63))
    metric_data: tuple[Metric, ...] | None = field(
        default=None,
        converter=to_tuple,
        metadata=nodes(
            SimpleMetric, LinearGraphMetric, BarChartMetric, MatrixMetric, required=True
        ),
    )


@content_class
class EvaluationJob(ContentObject):
    """Describe one evaluation of the model (one item of ``evaluation_details``).

    Attributes:
        name: The evaluation's name (required, 1 to 63 characters).
        evaluation_observation: Observations (at most 2096 characters).
        evaluation_job_arn: The evaluation job's ARN (at most 256 characters).
        datasets: Evaluation dataset locations (at most 10, each at most 1024 characters).
        metadata: Free key/value attributes (values at most 1024 characters).
        metric_groups: The metric groups.
    """

    name: str | None = field(default=None, metadata=name_text(63))
    evaluation_observation: str | None = field(default=None, metadata=text(2096))
    evaluation_job_arn: str | None = field(default=None, metadata=text(256))
    datasets: tuple[str, ...] | None = field(
        default=None, converter=to_tuple, metadata=texts(1024, max_items=10)
    )
    metadata: Mapping[str, str] | None = field(
        default=None, converter=to_map, metadata=text_map(1024)
    )
    metric_groups: tuple[MetricGroup, ...] | None = field(
        default=None, converter=to_tuple, metadata=nodes(MetricGroup)
    )
