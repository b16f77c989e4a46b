"""Filling a card from a 1,000-metric report and a 200-hyper-parameter job vs. by hand.

Each case starts from the same source (the report's raw bytes, or the DescribeTrainingJob
response) and the same card, and ends with the compact JSON string sent to AWS:

* typed: ``Fill.from_report`` / ``Fill.from_training_job`` + ``apply`` + ``to_json``
  (parse, check the source's format, fit limits, validate, merge);
* by hand: ``json.loads`` + plain dicts + ``json.dumps``, building the same JSON.

Both results are compared before timing. The 200 hyper-parameters are over the schema's
100, so the typed side runs with ``Overflow.TRIM`` and the hand-written side keeps the
same first 100; the default (refusal) is timed too.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.bench_content import compare
from modelcard_share.content import CardContent
from modelcard_share.fill import Fill, FillLimitError, FillTooLargeError, Overflow, apply

_EXAMPLE = Path(__file__).parents[1] / "tests" / "content" / "data" / "model-card-example-full.json"
_METRICS = (
    ("CI", "Class Imbalance (CI)"),
    ("DPL", "Difference in Positive Proportions in Labels (DPL)"),
    ("KL", "Kullback-Liebler Divergence (KL)"),
    ("JS", "Jensen-Shannon Divergence (JS)"),
    ("LP", "L-p Norm (LP)"),
    ("TVD", "Total Variation Distance (TVD)"),
    ("KS", "Kolmogorov-Smirnov Distance (KS)"),
    ("CDDL", "Conditional Demographic Disparity in Labels (CDDL)"),
)
FACET_VALUES = 125  # x 8 metrics = 1,000 metrics
HYPER_PARAMETERS = 200


def _dumps(data: Any) -> str:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def bias_report() -> bytes:
    """A Clarify pre-training bias analysis.json with 1,000 metrics."""
    entries = [
        {
            "value_or_threshold": str(v),
            "metrics": [
                {"name": n, "description": d, "value": round((v * 7 + i) % 97 / 97 - 0.5, 6)}
                for i, (n, d) in enumerate(_METRICS)
            ],
        }
        for v in range(FACET_VALUES)
    ]
    report = {
        "version": "1.0",
        "pre_training_bias_metrics": {
            "label": "churned",
            "facets": {"customer_segment": entries},
            "label_value_or_threshold": "1",
        },
    }
    return json.dumps(report, indent=4).encode()


def training_response() -> dict[str, Any]:
    """A DescribeTrainingJob response with 200 hyper-parameters."""
    arn = "arn:aws:sagemaker:us-east-1:222222222222:training-job/big-job"
    return {
        "TrainingJobName": "big-job",
        "TrainingJobArn": arn,
        "TrainingJobStatus": "Completed",
        "HyperParameters": {f"param_{i:03d}": f"{i / 7:.6f}" for i in range(HYPER_PARAMETERS)},
        "AlgorithmSpecification": {"TrainingImage": "img:1", "TrainingInputMode": "File"},
        "InputDataConfig": [
            {
                "ChannelName": "train",
                "DataSource": {
                    "S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/train/"}
                },
            }
        ],
        "FinalMetricDataList": [{"MetricName": "validation:auc", "Value": 0.91}],
    }


# ----------------------------------------------------------------------- by hand


def hand_report(raw: bytes, card: dict[str, Any]) -> str:
    """The same card JSON as the typed fill, with plain dicts."""
    stage = json.loads(raw)["pre_training_bias_metrics"]
    groups = []
    for facet, entries in stage["facets"].items():
        for entry in entries:
            metrics = [
                {
                    "name": m["name"],
                    "type": "number",
                    "value": m["value"],
                    "notes": m["description"],
                }
                for m in entry["metrics"]
            ]
            name = f"pre-training bias: {facet}={entry['value_or_threshold']}"
            groups.append({"name": name, "metric_data": metrics})
    job = {
        "name": "clarify-bias",
        "metadata": {
            "report_kind": "clarify-bias",
            "pre_training_bias_metrics.label": stage["label"],
            "pre_training_bias_metrics.label_value_or_threshold": stage["label_value_or_threshold"],
        },
        "metric_groups": groups,
    }
    out = dict(card)
    out["evaluation_details"] = [*card.get("evaluation_details", []), job]
    return _dumps(out)


def hand_training(response: dict[str, Any], card: dict[str, Any]) -> str:
    """The same card JSON as the trimmed typed fill, with plain dicts."""
    details = dict(card.get("training_details", {}))
    job = dict(details.get("training_job_details", {}))
    job["training_arn"] = response["TrainingJobArn"]
    job["training_datasets"] = [
        c["DataSource"]["S3DataSource"]["S3Uri"] for c in response["InputDataConfig"]
    ]
    job["training_environment"] = {
        "container_image": [response["AlgorithmSpecification"]["TrainingImage"]]
    }
    job["training_metrics"] = [
        {"name": m["MetricName"], "value": m["Value"]} for m in response["FinalMetricDataList"]
    ]
    job["hyper_parameters"] = [
        {"name": k, "value": v} for k, v in list(response["HyperParameters"].items())[:100]
    ]
    details["training_job_details"] = job
    return _dumps({**card, "training_details": details})


# ------------------------------------------------------------------------ report


def _case(
    title: str, hand: Callable[[], str], typed: Callable[[], str], *, rounds: int, per_batch: int
) -> bool:
    same: bool = json.loads(hand()) == json.loads(typed())
    plain, ours, ratio = compare(hand, typed, rounds=rounds, per_batch=per_batch)
    print(f"{title}")
    print(f"  by hand (dicts + json.dumps) : {plain / 1000:8.2f} ms")
    print(f"  Fill + apply + to_json       : {ours / 1000:8.2f} ms")
    print(f"  ratio                        : {ratio:8.2f}x")
    print(f"  card JSON size               : {len(typed()):8d} characters (same JSON: {same})")
    return same


def main() -> int:
    """Print time, card size and ratio for both cases; return 1 if a result differs."""
    text = _EXAMPLE.read_text(encoding="utf-8")
    content = CardContent.from_json(text)
    card = json.loads(text)

    raw = bias_report()
    report_ok = _case(
        f"1,000-metric Clarify bias report ({len(raw)} bytes) into a card without content",
        lambda: hand_report(raw, {}),
        lambda: apply(None, Fill.from_report(raw)).to_json(),
        rounds=15,
        per_batch=3,
    )
    try:
        apply(content, Fill.from_report(raw))
        print("  into the full example card   : fits")
    except FillTooLargeError as exc:
        print(f"  into the full example card   : refused, {exc.size} > {exc.limit} characters")
    response = training_response()
    training_ok = _case(
        "200-hyper-parameter training job (Overflow.TRIM keeps 100) into the full example card",
        lambda: hand_training(response, card),
        lambda: apply(content, Fill.from_training_job(response, overflow=Overflow.TRIM)).to_json(),
        rounds=31,
        per_batch=20,
    )

    def refuse() -> str:
        try:
            Fill.from_training_job(response)
        except FillLimitError as exc:
            return str(exc)
        return ""

    runs = 50
    began = time.perf_counter()
    for _ in range(runs):
        message = refuse()
    refused = (time.perf_counter() - began) / runs * 1000
    print(f"  refused by default           : {refused:8.2f} ms, with:")
    print(f"    {message.splitlines()[1].strip()}")
    return 0 if report_ok and training_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
