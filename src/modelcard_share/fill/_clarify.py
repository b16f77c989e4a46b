"""SageMaker Clarify ``analysis.json``: bias metrics and explanations (SHAP, PDP).

Format, as AWS documents it:
https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-processing-job-run.html
(sections ``pre_training_bias_metrics``, ``post_training_bias_metrics`` and
``explanations.kernel_shap``) and
https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-partial-dependence-plots.html
(``explanations.pdp``, where a feature Clarify could not plot has an ``error``). Real
outputs (aws/amazon-sagemaker-examples, ``archived/fraud_detection/clarify_output``)
give a metric Clarify could not compute as ``"value": null`` with an ``"error"``, and
the SageMaker Python SDK's examples add ``label_headers`` to each PDP.

Groups: ``pre-training bias: <facet>=<value>``, ``post-training bias: <facet>=<value>``,
``SHAP: <label>`` and ``PDP: <feature>`` (shorter than the SDK's names, which pass the
schema's 63 characters for ordinary column names).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from modelcard_share.fill._parsed import Group, Metric, Parsed, not_computed, simple
from modelcard_share.fill._reading import Reader, child, item, scalar_text

__all__ = ["BIAS_SECTIONS", "EXPLAINABILITY_SECTIONS", "clarify_bias", "clarify_explainability"]

_BIAS_STAGES = (
    ("pre_training_bias_metrics", "pre-training bias"),
    ("post_training_bias_metrics", "post-training bias"),
)
BIAS_SECTIONS = tuple(key for key, _ in _BIAS_STAGES)
"""The top-level keys of a bias report."""
EXPLAINABILITY_SECTIONS = ("explanations",)
"""The top-level key of an explainability report."""


# ---------------------------------------------------------------------------- bias


def _bias_metric(reader: Reader, metric: Mapping[str, Any], path: str) -> dict[str, Any] | None:
    name = reader.text(metric, "name", path, required=True)
    description = reader.text(metric, "description", path)
    error = reader.text(metric, "error", path)
    if name is None:
        return None
    if error is not None and metric.get("value") is None:
        return not_computed(name, f"{description}: {error}" if description else error)
    if "value" not in metric:
        reader.fail(child(path, "value"), "required", "'value' is required")
        return None
    notes = {} if description is None else {"notes": description}
    return simple(name, metric["value"], reader, child(path, "value"), **notes)


def _facet_groups(found: Parsed, facets: Mapping[str, Any], path: str, title: str) -> None:
    reader = found.reader
    for facet in facets:
        entries = reader.array(facets, facet, path, required=True) or ()
        for where, entry in reader.each_object(entries, child(path, facet)):
            value = reader.label(entry, "value_or_threshold", where, required=True)
            raw = reader.array(entry, "metrics", where, required=True) or ()
            metrics = found.metrics(raw, child(where, "metrics"), _bias_metric)
            if value is not None:
                found.groups.append(Group(f"{title}: {facet}={value}", where, metrics))


def clarify_bias(found: Parsed, data: Mapping[str, Any]) -> None:
    """Parse the bias sections: one group per facet value, one metric per bias metric.

    A metric's ``description`` becomes its notes. The label and its value or threshold
    become metadata (``<section>.label``, ``<section>.label_value_or_threshold``).
    """
    reader = found.reader
    for key, title in _BIAS_STAGES:
        stage = reader.obj(data, key, "")
        if stage is None:
            continue
        for field in ("label", "label_value_or_threshold"):
            found.meta(f"{key}.{field}", child(key, field), reader.label(stage, field, key))
        facets = reader.obj(stage, "facets", key, required=True) or {}
        _facet_groups(found, facets, child(key, "facets"), title)


# ------------------------------------------------------------------- explainability

_SHAP_KEYS = ("global_shap_values", "expected_value", "global_top_shap_text")
_PDP_TYPES = ("numerical", "categorical")


def _bar_chart(
    reader: Reader, name: str, values: Mapping[str, Any], path: str
) -> dict[str, Any] | None:
    """Return a bar chart of ``{bar name: number}``, or None when it has no bars."""
    names, numbers = [], []
    for key in values:
        number = reader.number(values, key, path, required=True)
        if number is not None:
            names.append(key)
            numbers.append(number)
    if not names:
        return None
    return {
        "name": name,
        "type": "bar_chart",
        "value": numbers,
        "x_axis_name": names,
        "y_axis_name": "SHAP value",
    }


def _shap(found: Parsed, label: str, entry: Mapping[str, Any], path: str) -> None:
    """One group per label: global SHAP values and top text tokens as bar charts."""
    reader = found.reader
    metrics = []
    values = reader.obj(entry, "global_shap_values", path)
    where = child(path, "global_shap_values")
    chart = None if values is None else _bar_chart(reader, "global_shap_values", values, where)
    if chart is not None:
        metrics.append(Metric(where, chart))
    expected = reader.number(entry, "expected_value", path)
    if expected is not None:
        data = {"name": "expected_value", "type": "number", "value": expected}
        metrics.append(Metric(child(path, "expected_value"), data))
    text_path = child(path, "global_top_shap_text")
    for feature, tokens in (reader.obj(entry, "global_top_shap_text", path) or {}).items():
        where = child(text_path, feature)
        if reader.is_object(tokens, where):
            name = f"global_top_shap_text: {feature}"
            chart = _bar_chart(reader, name, tokens, where)
            if chart is not None:
                metrics.append(Metric(where, chart))
    for key in entry:
        if key not in _SHAP_KEYS:
            found.omit(child(path, key), "not a SHAP result this SDK reads; not filled")
    found.groups.append(Group(f"SHAP: {label}", path, metrics))


def _series(
    reader: Reader, entry: Mapping[str, Any], path: str, size: int
) -> list[tuple[str, str, str, list[float]]]:
    """Return ``(name, y axis, path, values)`` of a PDP's distribution and predictions."""
    predictions = reader.array(entry, "model_predictions", path, required=True) or ()
    headers = reader.array(entry, "label_headers", path)
    if headers is not None and len(headers) != len(predictions):
        message = f"has {len(headers)} items; model_predictions has {len(predictions)}"
        reader.fail(child(path, "label_headers"), "length", message)
        return []
    raw: list[tuple[str, str, str, Any]] = []
    distribution = reader.array(entry, "data_distribution", path)
    if distribution is not None:
        where = child(path, "data_distribution")
        raw.append(("data_distribution", "data distribution", where, distribution))
    for i, row in enumerate(predictions):
        header = None if headers is None else scalar_text(headers[i])
        name = f"model_predictions[{i}]" if header is None else f"model_predictions: {header}"
        raw.append(
            (name, header or "model prediction", item(child(path, "model_predictions"), i), row)
        )
    out = []
    for name, y_axis, where, values in raw:
        if not isinstance(values, Sequence) or isinstance(values, str):
            reader.fail(where, "type", "expected an array of numbers")
            continue
        numbers = reader.numbers(values, where)
        if numbers is not None and len(numbers) != size:
            reader.fail(where, "length", f"has {len(numbers)} items; feature_values has {size}")
        elif numbers:
            out.append((name, y_axis, where, numbers))
    return out


def _pdp(found: Parsed, entry: Mapping[str, Any], path: str) -> None:
    """One group per feature: numerical PDPs as line graphs, categorical as bar charts."""
    reader = found.reader
    feature = reader.text(entry, "feature_name", path, required=True)
    if feature is None:
        return
    group = f"PDP: {feature}"
    error = reader.text(entry, "error", path)
    if error is not None:
        metric = Metric(child(path, "error"), not_computed("pdp", error))
        found.groups.append(Group(group, path, [metric]))
        return
    kind = reader.text(entry, "data_type", path, required=True)
    values = reader.array(entry, "feature_values", path, required=True)
    if kind is not None and kind not in _PDP_TYPES:
        message = f"expected one of {list(_PDP_TYPES)} (or an 'error'), got {kind!r}"
        reader.fail(child(path, "data_type"), "enum", message)
        return
    if kind is None or values is None:
        return
    series = _series(reader, entry, path, len(values))
    metrics = []
    if kind == "numerical":
        xs = reader.numbers(values, child(path, "feature_values")) or []
        for name, y_axis, where, ys in series if xs else ():
            points = [[x, y] for x, y in zip(xs, ys, strict=True)]
            graph = {"name": name, "type": "linear_graph", "value": points}
            metrics.append(Metric(where, {**graph, "x_axis_name": feature, "y_axis_name": y_axis}))
    else:
        labels = [scalar_text(v) for v in values]
        for name, y_axis, where, ys in series:
            bars = {"name": name, "type": "bar_chart", "value": ys}
            metrics.append(Metric(where, {**bars, "x_axis_name": labels, "y_axis_name": y_axis}))
    found.groups.append(Group(group, path, metrics))


def clarify_explainability(found: Parsed, data: Mapping[str, Any]) -> None:
    """Parse ``explanations``: ``kernel_shap`` by label and ``pdp`` by feature."""
    reader = found.reader
    explanations = reader.obj(data, "explanations", "", required=True) or {}
    for key in explanations:
        if key not in ("kernel_shap", "pdp"):
            found.omit(child("explanations", key), "not an explanation this SDK reads; not filled")
    shap = reader.obj(explanations, "kernel_shap", "explanations")
    for label, entry in (shap or {}).items():
        path = child("explanations.kernel_shap", label)
        if reader.is_object(entry, path):
            _shap(found, label, entry, path)
    pdp = reader.array(explanations, "pdp", "explanations")
    for path, entry in reader.each_object(pdp or (), "explanations.pdp"):
        _pdp(found, entry, path)
    if shap is None and pdp is None:
        reader.fail("explanations", "required", "expected 'kernel_shap' or 'pdp'")
