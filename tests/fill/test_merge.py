"""Merging fills into a card: owned paths refreshed, everything else kept, idempotent."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from modelcard_share.content import CardContent, EvaluationJob
from modelcard_share.errors import ConfigurationError, ContentValidationError
from modelcard_share.fill import CardPath, Fill, FillTooLargeError, Named, Source, apply

from .conftest import DATA, changed, report

Valid = Callable[[CardContent], None]

PERSON: dict[str, Any] = {
    "model_overview": {
        "model_description": "Predicts churn for retail customers.",
        "model_owner": "risk-analytics",
        "zz_reviewer_note": {"keep": ["me", 1, None]},
        "model_name": "hand-written name",
    },
    "intended_uses": {"risk_rating": "Medium", "intended_uses": "Monthly retention campaigns."},
    "training_details": {
        "training_observations": "Converged after 90 rounds.",
        "training_job_details": {
            "user_provided_hyper_parameters": [{"name": "seed", "value": "7"}],
            "hyper_parameters": [{"name": "stale", "value": "1"}],
        },
    },
    "evaluation_details": [
        {"name": "offline review", "evaluation_observation": "Reviewed by hand."},
        {
            "name": "model-quality",
            "evaluation_observation": "Holdout of May.",
            "metadata": {"reviewer": "ana"},
            "metric_groups": [
                {
                    "name": "my own group",
                    "metric_data": [{"name": "x", "type": "number", "value": 1}],
                },
                {"name": "regression_metrics", "metric_data": [], "zz_tag": "kept"},
            ],
        },
    ],
}


def person_content() -> CardContent:
    return CardContent.from_json(json.dumps(PERSON))


def test_apply_refreshes_owned_fields_and_keeps_a_persons(model_response: dict[str, Any]) -> None:
    """model_name is the source's; the description, owner and unknown key stay as written."""
    merged = apply(person_content(), Fill.from_model(model_response)).to_dict()
    overview = merged["model_overview"]
    assert overview["model_name"] == "churn-xgb-2024-05-14"
    assert overview["model_description"] == PERSON["model_overview"]["model_description"]
    assert overview["zz_reviewer_note"] == {"keep": ["me", 1, None]}
    assert list(overview)[:4] == [
        "model_description",
        "model_owner",
        "zz_reviewer_note",
        "model_name",
    ]
    assert overview["model_id"] == model_response["ModelArn"]
    assert merged["intended_uses"] == PERSON["intended_uses"]


def test_unknown_keys_survive_byte_for_byte(model_response: dict[str, Any]) -> None:
    """The JSON text of everything outside owned paths is unchanged, key order included."""
    before = person_content()
    merged = apply(before, Fill.from_model(model_response))
    old, new = before.to_dict(), merged.to_dict()
    for section in ("intended_uses", "training_details", "evaluation_details"):
        assert json.dumps(new[section]) == json.dumps(old[section])
    assert json.dumps(new["model_overview"]["zz_reviewer_note"]) == json.dumps(
        old["model_overview"]["zz_reviewer_note"]
    )


def test_training_fill_replaces_job_lists_but_never_user_provided_ones(
    training_response: dict[str, Any],
) -> None:
    """hyper_parameters is owned as a whole; user_provided_hyper_parameters is a person's."""
    merged = apply(person_content(), Fill.from_training_job(training_response)).to_dict()
    details = merged["training_details"]
    job = details["training_job_details"]
    assert [h["name"] for h in job["hyper_parameters"]] == list(
        training_response["HyperParameters"]
    )
    assert job["user_provided_hyper_parameters"] == [{"name": "seed", "value": "7"}]
    assert details["training_observations"] == "Converged after 90 rounds."


def test_report_fills_its_entry_and_groups_by_name_leaving_others_alone() -> None:
    """Other entries, other groups, the observation and other metadata keys are kept."""
    fill = Fill.from_report(DATA / "model_quality_regression.json")
    merged = apply(person_content(), fill).to_dict()
    first, quality = merged["evaluation_details"]
    assert first == PERSON["evaluation_details"][0]
    assert quality["evaluation_observation"] == "Holdout of May."
    assert quality["metadata"]["reviewer"] == "ana"
    assert quality["metadata"]["report_kind"] == "model-quality"
    mine, regression = quality["metric_groups"]
    assert mine == PERSON["evaluation_details"][1]["metric_groups"][0]
    assert regression["zz_tag"] == "kept"
    assert len(regression["metric_data"]) == 8


def test_a_new_entry_goes_at_the_end_in_the_fills_shape() -> None:
    """A report whose entry the card lacks appends it whole."""
    fill = Fill.from_report(DATA / "clarify_bias_analysis.json")
    merged = apply(person_content(), fill).to_dict()
    assert [e["name"] for e in merged["evaluation_details"]] == [
        "offline review",
        "model-quality",
        "clarify-bias",
    ]
    assert merged["evaluation_details"][-1] == fill.content.to_dict()["evaluation_details"][0]


def test_pre_and_post_training_reports_fill_one_entry_side_by_side() -> None:
    """Two bias reports into the same entry: each owns its own groups."""
    data = report("clarify_bias_analysis.json")
    pre = Fill.from_report({"pre_training_bias_metrics": data["pre_training_bias_metrics"]})
    post = Fill.from_report({"post_training_bias_metrics": data["post_training_bias_metrics"]})
    both = apply(apply(None, pre), post)
    names = [g.name for g in both.evaluation_details[0].metric_groups or ()]  # type: ignore[index]
    assert names == [
        "pre-training bias: applicant_age_over_40=1",
        "pre-training bias: region=north",
        "pre-training bias: region=south",
        "post-training bias: applicant_age_over_40=1",
    ]
    assert apply(both, pre, post) is both


def test_applying_twice_is_applying_once_and_returns_the_same_object(
    training_response: dict[str, Any],
    tuning_response: dict[str, Any],
    package_response: dict[str, Any],
) -> None:
    """No value changes on the second run, so the caller can skip the write."""
    fills = [
        Fill.from_training_job(training_response, tuning_job=tuning_response),
        Fill.from_model_package(package_response),
        Fill.from_report(DATA / "clarify_explainability_analysis.json"),
    ]
    once = apply(person_content(), *fills)
    assert once != person_content()
    assert apply(once, *fills) is once
    for fill in fills:
        assert apply(once, fill) is once


def test_a_changed_source_changes_only_its_values(model_response: dict[str, Any]) -> None:
    """A refresh after the model changed rewrites the owned value and nothing else."""
    first = apply(person_content(), Fill.from_model(model_response))
    newer = changed(
        model_response, PrimaryContainer={**model_response["PrimaryContainer"], "Image": "img:2"}
    )
    second = apply(first, Fill.from_model(newer))
    assert second is not first
    old, new = first.to_dict(), second.to_dict()
    assert new["model_overview"]["inference_environment"] == {"container_image": ["img:2"]}
    new["model_overview"]["inference_environment"] = old["model_overview"]["inference_environment"]
    assert json.dumps(new) == json.dumps(old)


def test_apply_to_no_content_builds_the_sections(
    model_response: dict[str, Any], assert_valid: Valid
) -> None:
    """None stands for a card without content yet."""
    merged = apply(None, Fill.from_model(model_response))
    assert merged.to_dict() == Fill.from_model(model_response).content.to_dict()
    assert_valid(merged)
    assert apply(None) == CardContent()


def test_apply_refuses_a_card_pushed_over_100000_characters(model_response: dict[str, Any]) -> None:
    """The error names the fill that pushed the card over and the size; nothing is cut."""
    filler = [EvaluationJob(name=f"e{i}", evaluation_observation="o" * 2000) for i in range(48)]
    big = CardContent(evaluation_details=filler)
    assert len(big.to_json()) < 100_000
    fill = Fill.from_report(
        DATA / "clarify_explainability_analysis.json", location="s3://b/analysis.json"
    )
    with pytest.raises(FillTooLargeError) as caught:
        apply(big, Fill.from_model(model_response), fill)
    assert caught.value.source == "clarify-explainability s3://b/analysis.json"
    assert caught.value.size > 100_000


def test_apply_cannot_fill_under_a_value_of_another_type(model_response: dict[str, Any]) -> None:
    """Content read leniently may hold a misfit where a section belongs; it is not replaced."""
    lenient = CardContent.from_json_lenient({"model_overview": "see wiki"}).content
    with pytest.raises(ContentValidationError) as caught:
        apply(lenient, Fill.from_model(model_response))
    assert caught.value.paths == ("model_overview",)


def test_card_paths_print_names_and_quote_odd_keys() -> None:
    """Entries and groups are selected by name; keys that are not identifiers are quoted."""
    path = CardPath(("evaluation_details", Named("clarify-bias"), "metadata", "pre.label"))
    assert str(path) == 'evaluation_details[name="clarify-bias"].metadata["pre.label"]'


def test_a_fill_must_own_paths_that_are_in_its_content() -> None:
    """Fill checks its owned paths when built by hand."""
    content = CardContent.from_json({"model_overview": {"model_name": "m"}})
    source = Source("manual", "test")
    with pytest.raises(ConfigurationError, match="not in the fill's content"):
        Fill(source=source, content=content, owned=[CardPath(("model_overview", "model_id"))])
    with pytest.raises(ConfigurationError, match="must end in a field name"):
        Fill(source=source, content=content, owned=[CardPath(("evaluation_details", Named("x")))])
    fill = Fill(source=source, content=content, owned=[CardPath(("model_overview", "model_name"))])
    assert apply(None, fill).to_dict() == {"model_overview": {"model_name": "m"}}
