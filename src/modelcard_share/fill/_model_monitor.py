"""Model Monitor model quality ``statistics.json`` (and pipelines' ``evaluation.json``).

Format, as AWS documents it:
https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-model-quality-metrics.html
One of ``regression_metrics``, ``binary_classification_metrics`` or
``multiclass_classification_metrics``; each metric is ``{"value", "standard_deviation"}``
(the deviation is ``"NaN"`` below 200 samples), except ``confusion_matrix``
(``{actual: {predicted: count}}``) and the ``receiver_operating_characteristic_curve``
and ``precision_recall_curve`` point lists. ``dataset`` holds ``item_count`` and
``evaluation_time``.

Names follow the SageMaker Python SDK (``sagemaker/model_card/evaluation_metric_parsers.py``):
the group is the section's key, a deviation is ``<metric> - standard_deviation``, and
curves keep the report's key names as axis names, so a card the SDK filled is refreshed
in place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from modelcard_share.fill._parsed import Group, Metric, Parsed, simple
from modelcard_share.fill._reading import Reader, child, scalar_text

__all__ = ["QUALITY_SECTIONS", "model_quality"]

QUALITY_SECTIONS = (
    "regression_metrics",
    "binary_classification_metrics",
    "multiclass_classification_metrics",
)
"""The top-level keys of a model quality report."""

_CURVES = {
    # curve: (x key, y key)
    "receiver_operating_characteristic_curve": ("false_positive_rates", "true_positive_rates"),
    "precision_recall_curve": ("recalls", "precisions"),
}
_CONFUSION_NOTES = "rows: actual label; columns: predicted label"
# Rows are actual labels: only that reading gives the AWS example's matrix
# {"0": {"0": 1, "1": 2}, "1": {"0": 0, "1": 1}} its stated recall 1.0, precision 1/3
# and accuracy 0.5 (positive label "1").


def _curve(reader: Reader, name: str, raw: Mapping[str, Any], path: str) -> dict[str, Any] | None:
    x_key, y_key = _CURVES[name]
    xs = reader.array(raw, x_key, path, required=True)
    ys = reader.array(raw, y_key, path, required=True)
    x_numbers = None if xs is None else reader.numbers(xs, child(path, x_key))
    y_numbers = None if ys is None else reader.numbers(ys, child(path, y_key))
    if x_numbers is None or y_numbers is None:
        return None
    if len(x_numbers) != len(y_numbers):
        message = f"has {len(y_numbers)} items; {x_key} has {len(x_numbers)}"
        reader.fail(child(path, y_key), "length", message)
        return None
    if not x_numbers:
        return None
    return {
        "name": name,
        "type": "linear_graph",
        "value": [[x, y] for x, y in zip(x_numbers, y_numbers, strict=True)],
        "x_axis_name": x_key,
        "y_axis_name": y_key,
    }


def _confusion(reader: Reader, raw: Mapping[str, Any], path: str) -> dict[str, Any] | None:
    """Return the matrix of ``{actual: {predicted: count}}``: a row per actual label."""
    columns: dict[str, None] = {}
    for actual, counts in raw.items():
        where = child(path, actual)
        if not reader.is_object(counts, where):
            return None
        for predicted in counts:
            if reader.number(counts, predicted, where, required=True) is None:
                return None
            columns.setdefault(predicted, None)
    if not raw:
        return None
    names = list(columns)
    # ASSUMPTION: a predicted label missing from a row was never predicted there (0).
    value = [[raw[actual].get(c, 0) for c in names] for actual in raw]
    return {
        "name": "confusion_matrix",
        "type": "matrix",
        "value": value,
        "notes": _CONFUSION_NOTES,
        "x_axis_name": names,
        "y_axis_name": list(raw),
    }


def _metrics(reader: Reader, key: str, raw: Mapping[str, Any], path: str) -> list[dict[str, Any]]:
    if key == "confusion_matrix":
        found = [_confusion(reader, raw, path)]
    elif key in _CURVES:
        found = [_curve(reader, key, raw, path)]
    elif "value" not in raw:
        reader.fail(child(path, "value"), "required", "'value' is required")
        found = []
    else:
        found = [simple(key, raw["value"], reader, child(path, "value"))]
        deviation = raw.get("standard_deviation")
        if deviation is not None and deviation != "NaN":  # "NaN": fewer than 200 samples
            name = f"{key} - standard_deviation"
            found.append(simple(name, deviation, reader, child(path, "standard_deviation")))
    return [m for m in found if m is not None]


def model_quality(found: Parsed, data: Mapping[str, Any]) -> None:
    """Parse each metrics section into a group of the same name, and ``dataset`` into metadata."""
    reader = found.reader
    for section in QUALITY_SECTIONS:
        metrics = reader.obj(data, section, "")
        if metrics is None:
            continue
        group = []
        for key, raw in metrics.items():
            path = child(section, key)
            if reader.is_object(raw, path):
                group += [Metric(path, m) for m in _metrics(reader, key, raw, path)]
        found.groups.append(Group(section, section, group))
    dataset = reader.obj(data, "dataset", "")
    if dataset is not None:
        count = reader.number(dataset, "item_count", "dataset")
        text = None if count is None else scalar_text(count)
        found.meta("item_count", "dataset.item_count", text)
        time = reader.text(dataset, "evaluation_time", "dataset")
        found.meta("evaluation_time", "dataset.evaluation_time", time)
