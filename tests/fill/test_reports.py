"""Evaluation report parsers: Clarify bias and explainability, Model Monitor model quality,
and the model card metric JSON."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from modelcard_share.content import CardContent
from modelcard_share.errors import ConfigurationError
from modelcard_share.fill import (
    Fill,
    FillLimitError,
    FillTooLargeError,
    NoteKind,
    Overflow,
    ReportKind,
    Source,
    SourceFormatError,
)

from .conftest import DATA, report

Valid = Callable[[CardContent], None]


def entry(fill: Fill) -> dict[str, Any]:
    (job,) = fill.content.to_dict()["evaluation_details"]
    data: dict[str, Any] = job
    return data


def groups(fill: Fill) -> dict[str, list[dict[str, Any]]]:
    return {g["name"]: g["metric_data"] for g in entry(fill).get("metric_groups", [])}


def by_name(metrics: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {m["name"]: m for m in metrics}


# --------------------------------------------------------------------- Clarify bias


def test_clarify_bias_gives_a_group_per_stage_facet_and_value(assert_valid: Valid) -> None:
    """Pre- and post-training metrics, each facet value a group; descriptions become notes."""
    fill = Fill.from_report(report("clarify_bias_analysis.json"))
    assert fill.source == Source("clarify-bias", "(in memory)")
    found = groups(fill)
    assert list(found) == [
        "pre-training bias: applicant_age_over_40=1",
        "pre-training bias: region=north",
        "pre-training bias: region=south",
        "post-training bias: applicant_age_over_40=1",
    ]
    pre = by_name(found["pre-training bias: applicant_age_over_40=1"])
    assert pre["CI"] == {
        "name": "CI",
        "type": "number",
        "value": 0.284,
        "notes": "Class Imbalance (CI)",
    }
    post = by_name(found["post-training bias: applicant_age_over_40=1"])
    assert post["DI"]["value"] == 0.9412
    assert entry(fill)["name"] == "clarify-bias"
    assert entry(fill)["metadata"] == {
        "report_kind": "clarify-bias",
        "pre_training_bias_metrics.label": "approved",
        "pre_training_bias_metrics.label_value_or_threshold": "1",
        "post_training_bias_metrics.label": "approved",
        "post_training_bias_metrics.label_value_or_threshold": "1",
    }
    assert_valid(fill.content)


def test_a_bias_metric_clarify_could_not_compute_is_kept_with_its_error() -> None:
    """``"value": null`` with an ``error`` becomes a 'not computed' string metric."""
    fill = Fill.from_report(report("clarify_bias_analysis.json"))
    cddpl = by_name(groups(fill)["post-training bias: applicant_age_over_40=1"])["CDDPL"]
    assert cddpl == {
        "name": "CDDPL",
        "type": "string",
        "value": "not computed",
        "notes": "Conditional Demographic Disparity in Predicted Labels (CDDPL): "
        "Group variable is empty or not provided",
    }


def test_non_finite_bias_values_become_string_metrics() -> None:
    """NaN and infinities (JSON literals Python writes) are kept as their names."""
    data = {
        "post_training_bias_metrics": {
            "label": "y",
            "facets": {
                "f": [
                    {
                        "value_or_threshold": 1,
                        "metrics": [
                            {"name": "DI", "value": math.inf},
                            {"name": "TE", "value": math.nan},
                        ],
                    }
                ]
            },
        }
    }
    metrics = groups(Fill.from_report(json.dumps(data)))["post-training bias: f=1"]
    assert [(m["type"], m["value"]) for m in metrics] == [("string", "Infinity"), ("string", "NaN")]


def test_malformed_bias_report_names_each_path_in_the_report() -> None:
    """Every problem is listed with its JSON path in the report, not in the card."""
    data = report("clarify_bias_analysis.json")
    post = data["post_training_bias_metrics"]
    post["facets"]["applicant_age_over_40"][0]["metrics"][0]["value"] = "high"
    del post["facets"]["applicant_age_over_40"][0]["value_or_threshold"]
    data["pre_training_bias_metrics"]["facets"]["region"] = {"value_or_threshold": "north"}
    with pytest.raises(SourceFormatError) as caught:
        Fill.from_report(data)
    assert set(caught.value.paths) == {
        "post_training_bias_metrics.facets.applicant_age_over_40[0].metrics[0].value",
        "post_training_bias_metrics.facets.applicant_age_over_40[0].value_or_threshold",
        "pre_training_bias_metrics.facets.region",
    }
    assert caught.value.source == "clarify-bias (in memory)"


def test_bias_facet_names_that_need_quoting_are_quoted_in_paths() -> None:
    """A facet like 'customer gender' appears as ["customer gender"] in the path."""
    data: dict[str, Any] = {
        "pre_training_bias_metrics": {"facets": {"customer gender": [{"metrics": []}]}}
    }
    with pytest.raises(SourceFormatError) as caught:
        Fill.from_report(data)
    assert caught.value.paths == (
        'pre_training_bias_metrics.facets["customer gender"][0].value_or_threshold',
    )


def test_a_second_group_of_the_same_name_is_a_format_error() -> None:
    """Groups are identified by name, so a report may not give two of one name."""
    entry_ = {"value_or_threshold": "1", "metrics": []}
    data = {"pre_training_bias_metrics": {"facets": {"f": [entry_, entry_]}}}
    with pytest.raises(SourceFormatError) as caught:
        Fill.from_report(data)
    assert caught.value.paths == ("pre_training_bias_metrics.facets.f[1]",)
    assert caught.value.problems[0].rule == "unique"


# ----------------------------------------------------------- Clarify explainability


def test_clarify_explainability_gives_shap_bar_charts_per_label(assert_valid: Valid) -> None:
    """Global SHAP values are a bar chart of features; the expected value a number."""
    fill = Fill.from_report(report("clarify_explainability_analysis.json"))
    found = groups(fill)
    assert list(found) == [
        "SHAP: label0",
        "SHAP: label1",
        "PDP: income",
        "PDP: region",
        "PDP: purpose_text",
    ]
    label0 = by_name(found["SHAP: label0"])
    assert label0["global_shap_values"] == {
        "name": "global_shap_values",
        "type": "bar_chart",
        "value": [0.0412, 0.0276, 0.0093, 0.0031],
        "x_axis_name": ["income", "loan_amount", "months_employed", "applicant_age"],
        "y_axis_name": "SHAP value",
    }
    assert label0["expected_value"] == {"name": "expected_value", "type": "number", "value": 0.2174}
    text = by_name(found["SHAP: label1"])["global_top_shap_text: purpose_text"]
    assert text["x_axis_name"] == ["renovation", "tuition"]
    assert_valid(fill.content)


def test_pdp_numerical_is_a_line_graph_and_categorical_a_bar_chart() -> None:
    """Numerical PDPs pair feature values with predictions; categorical ones name the bars."""
    found = groups(Fill.from_report(report("clarify_explainability_analysis.json")))
    income = by_name(found["PDP: income"])
    assert income["model_predictions: label0"] == {
        "name": "model_predictions: label0",
        "type": "linear_graph",
        "value": [[21000.0, 0.41], [48000.0, 0.55], [75000.0, 0.68], [102000.0, 0.73]],
        "x_axis_name": "income",
        "y_axis_name": "label0",
    }
    assert income["data_distribution"]["value"][0] == [21000.0, 0.22]
    region = by_name(found["PDP: region"])
    assert region["model_predictions: label0"]["type"] == "bar_chart"
    assert region["model_predictions: label0"]["x_axis_name"] == ["north", "south", "east"]
    assert region["data_distribution"]["value"] == [0.35, 0.4, 0.25]


def test_pdp_clarify_could_not_compute_is_kept_with_its_error() -> None:
    """A PDP entry with an ``error`` becomes a 'not computed' metric with the message."""
    found = groups(Fill.from_report(report("clarify_explainability_analysis.json")))
    (metric,) = found["PDP: purpose_text"]
    assert metric["value"] == "not computed"
    assert metric["notes"].startswith("Detected data type is not supported for PDP")


def test_pdp_lengths_that_do_not_match_are_format_errors() -> None:
    """Unlike zip(), a prediction list shorter than feature_values is reported."""
    data = report("clarify_explainability_analysis.json")
    data["explanations"]["pdp"][0]["model_predictions"][0].pop()
    data["explanations"]["pdp"][1]["label_headers"].append("label1")
    with pytest.raises(SourceFormatError) as caught:
        Fill.from_report(data)
    assert set(caught.value.paths) == {
        "explanations.pdp[0].model_predictions[0]",
        "explanations.pdp[1].label_headers",
    }


def test_explanations_this_sdk_does_not_read_are_noted() -> None:
    """Unknown explanation methods and SHAP results are recorded as omitted, not dropped."""
    data = report("clarify_explainability_analysis.json")
    data["explanations"]["asymmetric_shapley_value"] = {"label0": {}}
    data["explanations"]["kernel_shap"]["label0"]["local_shap_values_uri"] = "s3://b/out.csv"
    fill = Fill.from_report(data)
    assert {(n.kind, n.source_path) for n in fill.notes} == {
        (NoteKind.OMITTED, "explanations.asymmetric_shapley_value"),
        (NoteKind.OMITTED, "explanations.kernel_shap.label0.local_shap_values_uri"),
    }


def test_explanations_without_shap_or_pdp_are_a_format_error() -> None:
    """An explainability report must have kernel_shap or pdp."""
    with pytest.raises(SourceFormatError, match="'kernel_shap' or 'pdp'"):
        Fill.from_report({"explanations": {}})


# ------------------------------------------------------------ Model Monitor quality


def test_model_quality_regression(assert_valid: Valid) -> None:
    """Each metric and its standard deviation; dataset facts in the metadata."""
    fill = Fill.from_report(report("model_quality_regression.json"))
    metrics = groups(fill)["regression_metrics"]
    assert [m["name"] for m in metrics] == [
        "mae",
        "mae - standard_deviation",
        "mse",
        "mse - standard_deviation",
        "rmse",
        "rmse - standard_deviation",
        "r2",
        "r2 - standard_deviation",
    ]
    assert by_name(metrics)["r2"] == {"name": "r2", "type": "number", "value": 0.4123}
    assert entry(fill)["name"] == "model-quality"
    assert entry(fill)["metadata"] == {
        "report_kind": "model-quality",
        "item_count": "418",
        "evaluation_time": "2024-05-14T09:12:41.388Z",
    }
    assert_valid(fill.content)


def test_model_quality_binary_classification_matrix_and_curves(assert_valid: Valid) -> None:
    """Confusion matrix, ROC and precision-recall curves; "NaN" deviations are skipped."""
    fill = Fill.from_report(report("model_quality_binary_classification.json"))
    metrics = by_name(groups(fill)["binary_classification_metrics"])
    assert metrics["confusion_matrix"] == {
        "name": "confusion_matrix",
        "type": "matrix",
        "value": [[3, 1], [1, 3]],
        "notes": "rows: actual label; columns: predicted label",
        "x_axis_name": ["0", "1"],
        "y_axis_name": ["0", "1"],
    }
    roc = metrics["receiver_operating_characteristic_curve"]
    assert roc["value"] == [[0.0, 0.0], [0.0, 0.5], [0.25, 0.5], [0.25, 0.75], [1.0, 1.0]]
    assert (roc["x_axis_name"], roc["y_axis_name"]) == (
        "false_positive_rates",
        "true_positive_rates",
    )
    pr = metrics["precision_recall_curve"]
    assert pr["value"][0] == [0.0, 1.0]
    assert (pr["x_axis_name"], pr["y_axis_name"]) == ("recalls", "precisions")
    assert not any(name.endswith("standard_deviation") for name in metrics)
    assert_valid(fill.content)


def test_confusion_matrix_rows_are_actual_labels() -> None:
    """AWS's example matrix only gives its stated recall, precision and accuracy read so."""
    # https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-model-quality-metrics.html
    aws = {
        "binary_classification_metrics": {
            "confusion_matrix": {"0": {"0": 1, "1": 2}, "1": {"0": 0, "1": 1}}
        }
    }
    (matrix,) = groups(Fill.from_report(aws))["binary_classification_metrics"]
    (tn, fp), (fn, tp) = matrix["value"]
    assert tp / (tp + fn) == 1.0  # recall, as AWS states
    assert tp / (tp + fp) == pytest.approx(1 / 3)  # precision
    assert (tp + tn) / (tp + tn + fp + fn) == 0.5  # accuracy


def test_model_quality_multiclass(assert_valid: Valid) -> None:
    """A 3 x 3 confusion matrix with class names on both axes."""
    fill = Fill.from_report(report("model_quality_multiclass_classification.json"))
    metrics = by_name(groups(fill)["multiclass_classification_metrics"])
    matrix = metrics["confusion_matrix"]
    assert matrix["y_axis_name"] == ["bird", "cat", "dog"]
    assert matrix["value"][1] == [48, 655, 97]
    assert metrics["weighted_f1 - standard_deviation"]["value"] == 0.00405
    assert_valid(fill.content)


def test_confusion_matrix_missing_cells_are_zero_and_columns_follow_first_appearance() -> None:
    """A predicted label missing from a row counts zero there."""
    data = {
        "multiclass_classification_metrics": {
            "confusion_matrix": {"a": {"a": 5}, "b": {"a": 1, "b": 4}}
        }
    }
    (matrix,) = groups(Fill.from_report(data))["multiclass_classification_metrics"]
    assert matrix["value"] == [[5, 0], [1, 4]]
    assert matrix["x_axis_name"] == ["a", "b"]


def test_model_quality_nan_value_is_kept_as_a_string_metric() -> None:
    """A metric value of "NaN" is not dropped: it is the string metric "NaN"."""
    data = {"regression_metrics": {"r2": {"value": "NaN", "standard_deviation": "NaN"}}}
    assert groups(Fill.from_report(data))["regression_metrics"] == [
        {"name": "r2", "type": "string", "value": "NaN"}
    ]


def test_malformed_model_quality_report_names_each_path() -> None:
    """Wrong types and lengths are reported at their paths in the report."""
    data = report("model_quality_binary_classification.json")
    metrics = data["binary_classification_metrics"]
    metrics["recall"]["value"] = None
    metrics["precision"] = 0.75
    metrics["receiver_operating_characteristic_curve"]["true_positive_rates"].pop()
    metrics["confusion_matrix"]["1"]["0"] = "one"
    with pytest.raises(SourceFormatError) as caught:
        Fill.from_report(data)
    assert set(caught.value.paths) == {
        "binary_classification_metrics.recall.value",
        "binary_classification_metrics.precision",
        "binary_classification_metrics.receiver_operating_characteristic_curve.true_positive_rates",
        'binary_classification_metrics.confusion_matrix["1"]["0"]',
    }


def big_matrix(n: int) -> dict[str, Any]:
    labels = [f"c{i}" for i in range(n)]
    return {
        "multiclass_classification_metrics": {
            "confusion_matrix": {a: {p: int(a == p) for p in labels} for a in labels},
            "accuracy": {"value": 0.5, "standard_deviation": "NaN"},
        }
    }


def test_a_confusion_matrix_over_20_classes_is_refused_or_left_out_with_a_note() -> None:
    """The matrix limit is 20 x 20: refused, or with TRIM left out (never truncated)."""
    with pytest.raises(FillLimitError) as caught:
        Fill.from_report(big_matrix(21))
    assert caught.value.paths == ("evaluation_details[0].metric_groups[0].metric_data[0].value",)
    assert "21 x 21" in caught.value.problems[0].message
    fill = Fill.from_report(big_matrix(21), overflow=Overflow.TRIM)
    assert [m["name"] for m in groups(fill)["multiclass_classification_metrics"]] == ["accuracy"]
    (note,) = fill.trimmed
    assert (note.kind, note.source_path) == (
        NoteKind.TRIMMED,
        "multiclass_classification_metrics.confusion_matrix",
    )


# ------------------------------------------------------------ model card metric JSON


def test_model_card_metric_json_keeps_every_metric_type(assert_valid: Valid) -> None:
    """number, string, boolean, linear_graph, bar_chart and matrix pass through as they are."""
    data = report("model_card_metrics.json")
    fill = Fill.from_report(data, name="holdout evaluation")
    assert entry(fill)["name"] == "holdout evaluation"
    assert entry(fill)["metric_groups"] == data["metric_groups"]
    assert_valid(fill.content)


def test_model_card_metric_json_problems_name_their_paths() -> None:
    """Unknown keys, unknown types and badly shaped values, each at its report path."""
    data = report("model_card_metrics.json")
    holdout = data["metric_groups"][0]["metric_data"]
    holdout[0]["unit"] = "%"
    holdout[1]["type"] = "flag"
    curves = data["metric_groups"][1]["metric_data"]
    curves[0]["value"][1] = [0.5]
    curves[2]["value"] = "big"
    data["metric_groups"][1]["owner"] = "me"
    with pytest.raises(SourceFormatError) as caught:
        Fill.from_report(data)
    assert set(caught.value.paths) == {
        "metric_groups[0].metric_data[0].unit",
        "metric_groups[0].metric_data[1].type",
        "metric_groups[1].metric_data[0].value[1]",
        "metric_groups[1].metric_data[2].value",
        "metric_groups[1].owner",
    }


# ------------------------------------------------------------------- kinds and input


def test_kind_is_detected_from_the_top_level_keys() -> None:
    """Each fixture is recognised without kind=."""
    expected = {
        "clarify_bias_analysis.json": ReportKind.CLARIFY_BIAS,
        "clarify_explainability_analysis.json": ReportKind.CLARIFY_EXPLAINABILITY,
        "model_quality_regression.json": ReportKind.MODEL_QUALITY,
        "model_quality_binary_classification.json": ReportKind.MODEL_QUALITY,
        "model_quality_multiclass_classification.json": ReportKind.MODEL_QUALITY,
        "model_card_metrics.json": ReportKind.MODEL_CARD_METRICS,
    }
    for name, kind in expected.items():
        assert Fill.from_report(DATA / name).source.kind == kind.value


def test_an_analysis_with_bias_and_explanations_needs_a_kind() -> None:
    """A combined analysis.json is ambiguous: kind= picks the part to fill."""
    data = {
        **report("clarify_bias_analysis.json"),
        **report("clarify_explainability_analysis.json"),
    }
    with pytest.raises(ConfigurationError, match="several kinds"):
        Fill.from_report(data)
    bias = Fill.from_report(data, kind="clarify-bias")
    shap = Fill.from_report(data, kind=ReportKind.CLARIFY_EXPLAINABILITY)
    assert entry(bias)["name"] == "clarify-bias"
    assert entry(shap)["name"] == "clarify-explainability"


def test_wrong_or_unknown_kinds_are_refused() -> None:
    """A kind the report does not match, an unknown kind, and an unknown format."""
    with pytest.raises(SourceFormatError, match="a model-quality report has"):
        Fill.from_report(report("clarify_bias_analysis.json"), kind=ReportKind.MODEL_QUALITY)
    with pytest.raises(ConfigurationError, match="kind must be one of"):
        Fill.from_report(report("clarify_bias_analysis.json"), kind="clarify")
    with pytest.raises(SourceFormatError, match="not a report this SDK reads"):
        Fill.from_report({"version": "1.0"})


def test_a_report_is_read_from_a_path_bytes_text_or_a_mapping(tmp_path: Path) -> None:
    """All four forms give the same content; only a given location enters the card."""
    path = DATA / "model_quality_regression.json"
    raw = path.read_bytes()
    fills = [
        Fill.from_report(path),
        Fill.from_report(raw),
        Fill.from_report(raw.decode()),
        Fill.from_report(json.loads(raw)),
    ]
    assert all(f.content == fills[0].content for f in fills)
    assert fills[0].source == Source("model-quality", str(path))
    assert fills[1].source == Source("model-quality", "(in memory)")
    s3 = Fill.from_report(raw, location="s3://bucket/monitoring/statistics.json")
    assert entry(s3)["metadata"]["report_location"] == "s3://bucket/monitoring/statistics.json"
    assert s3.source.name == "s3://bucket/monitoring/statistics.json"


def test_text_that_is_not_json_or_not_an_object_is_a_format_error() -> None:
    """Invalid JSON, a JSON array, and an unsupported type each raise SourceFormatError."""
    with pytest.raises(SourceFormatError, match=r"not valid JSON.*pass a pathlib.Path") as caught:
        Fill.from_report("analysis.json")
    assert caught.value.problems[0].rule == "json"
    with pytest.raises(SourceFormatError, match="JSON object, got array"):
        Fill.from_report(b"[1, 2]")
    with pytest.raises(SourceFormatError, match="got int"):
        Fill.from_report(42)  # type: ignore[arg-type]


def test_name_arn_and_datasets_are_checked_and_owned() -> None:
    """The caller's evaluation_job_arn and datasets are written and owned; bad ones refused."""
    arn = "arn:aws:sagemaker:us-east-1:222222222222:processing-job/model-quality"
    fill = Fill.from_report(
        DATA / "model_quality_regression.json",
        evaluation_job_arn=arn,
        datasets=["s3://bucket/holdout.csv"],
    )
    assert entry(fill)["evaluation_job_arn"] == arn
    assert entry(fill)["datasets"] == ["s3://bucket/holdout.csv"]
    assert 'evaluation_details[name="model-quality"].datasets' in [str(p) for p in fill.owned]
    for bad in (
        {"name": ""},
        {"name": "n" * 64},
        {"datasets": ["s3://b/x"] * 11},
        {"evaluation_job_arn": "a" * 257},
    ):
        with pytest.raises(ConfigurationError):
            Fill.from_report(DATA / "model_quality_regression.json", **bad)


# ---------------------------------------------------------------------------- limits


def test_long_names_are_refused_or_cut_and_recorded(assert_valid: Valid) -> None:
    """A facet making a group name over 63 characters: refused, or cut with a note."""
    facet = "applicant_" + "x" * 60
    data = {
        "pre_training_bias_metrics": {
            "facets": {
                facet: [{"value_or_threshold": "1", "metrics": [{"name": "CI", "value": 0.1}]}]
            }
        }
    }
    with pytest.raises(FillLimitError) as caught:
        Fill.from_report(data)
    assert caught.value.paths == ("evaluation_details[0].metric_groups[0].name",)
    assert f"pre_training_bias_metrics.facets.{facet}[0]" in caught.value.problems[0].message
    fill = Fill.from_report(data, overflow=Overflow.TRIM)
    (name,) = groups(fill)
    assert len(name) == 63
    assert name.endswith("…")
    assert [n.path for n in fill.trimmed] == ["evaluation_details[0].metric_groups[0].name"]
    assert_valid(fill.content)


def test_names_that_collide_once_cut_are_refused() -> None:
    """Cutting may not merge two groups into one name."""
    facet = "f" * 80
    data = {
        "pre_training_bias_metrics": {
            "facets": {
                facet: [
                    {"value_or_threshold": "1", "metrics": []},
                    {"value_or_threshold": "2", "metrics": []},
                ]
            }
        }
    }
    with pytest.raises(FillLimitError) as caught:
        Fill.from_report(data, overflow=Overflow.TRIM)
    assert caught.value.problems[0].rule == "unique"


def test_a_report_over_100000_characters_is_refused_naming_source_and_size() -> None:
    """Never truncated: the error names the report and the JSON size."""
    metrics = {
        f"metric_{i:05d}": {"value": 0.123456789, "standard_deviation": 0.0123456789}
        for i in range(1500)
    }
    data = {"regression_metrics": metrics}
    with pytest.raises(FillTooLargeError) as caught:
        Fill.from_report(data, location="s3://bucket/statistics.json", overflow=Overflow.TRIM)
    assert caught.value.size > 100_000
    assert caught.value.limit == 100_000
    assert caught.value.source == "model-quality s3://bucket/statistics.json"
    assert str(caught.value.size) in str(caught.value)
