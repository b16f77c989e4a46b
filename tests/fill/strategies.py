"""Hypothesis strategies for fill sources: API responses and reports in their real shapes."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

ACCOUNT = "222222222222"
_NAME = st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)
_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\n"), min_size=1, max_size=12)
_NUMBER = st.one_of(
    st.integers(-(10**6), 10**6), st.floats(allow_nan=False, allow_infinity=False, width=32)
)


@st.composite
def model_responses(draw: st.DrawFn) -> dict[str, Any]:
    """DescribeModel responses with up to three containers."""
    name = draw(_NAME)
    container = st.fixed_dictionaries(
        {},
        optional={
            "Image": st.sampled_from(["img:1", "img:2", "img:3"]),
            "ModelDataUrl": st.sampled_from(["s3://b/1.tar.gz", "s3://b/2.tar.gz"]),
        },
    )
    return {
        "ModelName": name,
        "ModelArn": f"arn:aws:sagemaker:us-east-1:{ACCOUNT}:model/{name}",
        "Containers": draw(st.lists(container, max_size=3)),
    }


@st.composite
def training_responses(draw: st.DrawFn) -> dict[str, Any]:
    """DescribeTrainingJob responses with hyper-parameters, final metrics and channels."""
    name = draw(_NAME)
    response: dict[str, Any] = {
        "TrainingJobName": name,
        "TrainingJobArn": f"arn:aws:sagemaker:us-east-1:{ACCOUNT}:training-job/{name}",
        "HyperParameters": draw(st.dictionaries(_TEXT, st.text(max_size=20), max_size=8)),
        "FinalMetricDataList": [
            {"MetricName": m, "Value": v}
            for m, v in draw(st.lists(st.tuples(_TEXT, _NUMBER), max_size=4))
        ],
        "InputDataConfig": [
            {
                "ChannelName": c,
                "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": f"s3://b/{c}/"}},
            }
            for c in draw(st.lists(_NAME, max_size=3))
        ],
    }
    if draw(st.booleans()):
        response["AlgorithmSpecification"] = {"TrainingImage": "img:1", "TrainingInputMode": "File"}
    return response


_STAT = st.fixed_dictionaries(
    {"value": st.one_of(_NUMBER, st.just("NaN"))},
    optional={"standard_deviation": st.one_of(_NUMBER, st.just("NaN"))},
)


@st.composite
def quality_reports(draw: st.DrawFn) -> dict[str, Any]:
    """Model Monitor model quality reports of any problem type."""
    section = draw(
        st.sampled_from(
            [
                "regression_metrics",
                "binary_classification_metrics",
                "multiclass_classification_metrics",
            ]
        )
    )
    metrics: dict[str, Any] = draw(st.dictionaries(_NAME, _STAT, max_size=6))
    if section != "regression_metrics" and draw(st.booleans()):
        labels = draw(st.lists(_NAME, min_size=1, max_size=4, unique=True))
        metrics["confusion_matrix"] = {
            a: {p: draw(st.integers(0, 99)) for p in labels} for a in labels
        }
        points = draw(st.lists(st.tuples(_NUMBER, _NUMBER), min_size=1, max_size=5))
        metrics["precision_recall_curve"] = {
            "precisions": [p[1] for p in points],
            "recalls": [p[0] for p in points],
        }
    return {"version": 0.0, section: metrics}


@st.composite
def bias_reports(draw: st.DrawFn) -> dict[str, Any]:
    """Clarify bias reports with one or both stages."""
    metric = st.fixed_dictionaries(
        {"name": st.sampled_from(["CI", "DPL", "KL", "AD", "DI"]), "value": _NUMBER},
        optional={"description": _TEXT},
    )
    report: dict[str, Any] = {"version": "1.0"}
    for stage in draw(
        st.lists(
            st.sampled_from(["pre_training_bias_metrics", "post_training_bias_metrics"]),
            min_size=1,
            unique=True,
        )
    ):
        facets = draw(
            st.dictionaries(_NAME, st.lists(st.integers(0, 9), unique=True, max_size=3), max_size=3)
        )
        report[stage] = {
            "label": "y",
            "label_value_or_threshold": "1",
            "facets": {
                f: [
                    {"value_or_threshold": str(v), "metrics": draw(st.lists(metric, max_size=3))}
                    for v in values
                ]
                for f, values in facets.items()
            },
        }
    return report
