"""Lenient reading of content stored by other tools: report, keep everything, never raise."""

from __future__ import annotations

import json

import pytest

from modelcard_share.content import (
    CardContent,
    LenientParse,
    RiskRating,
    SimpleMetric,
)
from modelcard_share.errors import ContentValidationError

from .helpers import same


def test_wrongly_typed_values_are_kept_verbatim_in_extra() -> None:
    doc = {
        "model_overview": {"model_name": "n", "model_version": "v2", "model_owner": None},
        "intended_uses": {"risk_rating": "Critical", "purpose_of_model": "p"},
    }
    result = CardContent.from_json_lenient(doc)
    assert isinstance(result, LenientParse)
    assert not result.ok
    assert [(p.path, p.rule) for p in result.problems] == [
        ("model_overview.model_owner", "type"),
        ("model_overview.model_version", "type"),
        ("intended_uses.risk_rating", "enum"),
    ]
    overview = result.content.model_overview
    assert overview is not None
    assert overview.model_version is None
    assert dict(overview.extra) == {"model_version": "v2", "model_owner": None}
    uses = result.content.intended_uses
    assert uses is not None
    assert uses.risk_rating is None
    assert uses.extra["risk_rating"] == "Critical"
    assert same(result.content.to_dict(), doc)


def test_right_type_wrong_value_stays_in_its_field() -> None:
    doc = {"model_overview": {"model_version": 0, "model_artifact": ["a"] * 16}}
    result = CardContent.from_json_lenient(doc)
    overview = result.content.model_overview
    assert overview is not None
    assert overview.model_version == 0
    assert overview.model_artifact == ("a",) * 16
    assert {p.rule for p in result.problems} == {"minimum", "maxItems"}
    assert same(result.content.to_dict(), doc)


def test_unknown_metric_type_is_kept_and_other_metrics_stay_typed() -> None:
    data = [
        {"name": "ok", "type": "number", "value": 1},
        {"name": "h", "type": "histogram", "value": {"bins": [1, 2]}},
    ]
    doc = {
        "evaluation_details": [{"name": "e", "metric_groups": [{"name": "g", "metric_data": data}]}]
    }
    result = CardContent.from_json_lenient(doc)
    assert [(p.path, p.rule) for p in result.problems] == [
        ("evaluation_details[0].metric_groups[0].metric_data[1].type", "enum"),
        ("evaluation_details[0].metric_groups[0].metric_data[1].value", "type"),
    ]
    details = result.content.evaluation_details
    assert details is not None
    groups = details[0].metric_groups
    assert groups is not None
    metrics = groups[0].metric_data
    assert metrics is not None
    assert metrics[0] == SimpleMetric(name="ok", type="number", value=1)
    assert same(result.content.to_dict(), doc)
    with pytest.raises(ContentValidationError):
        CardContent.from_json(doc)


def test_a_list_with_a_wrongly_typed_item_is_kept_whole() -> None:
    doc = {
        "evaluation_details": [{"name": "e"}, "oops"],
        "model_overview": {"model_artifact": ["a", 1]},
    }
    result = CardContent.from_json_lenient(doc)
    assert [(p.path, p.rule) for p in result.problems] == [
        ("model_overview.model_artifact[1]", "type"),
        ("evaluation_details[1]", "type"),
    ]
    assert result.content.evaluation_details is None
    assert same(result.content.to_dict(), doc)


def test_sections_of_the_wrong_type_and_unknown_sections() -> None:
    doc = {"zz_first": 1, "model_overview": "just text", "intended_uses": {"risk_rating": "Low"}}
    result = CardContent.from_json_lenient(json.dumps(doc))
    assert [(p.path, p.rule) for p in result.problems] == [("model_overview", "type")]
    assert result.content.intended_uses is not None
    assert result.content.intended_uses.risk_rating is RiskRating.LOW
    assert same(result.content.to_dict(), doc)


def test_valid_content_is_ok(full_example_text: str) -> None:
    result = CardContent.from_json_lenient(full_example_text)
    assert result.ok
    assert result.problems == ()
    assert result.content == CardContent.from_json(full_example_text)


def test_lenient_content_can_be_fixed_with_evolve() -> None:
    import attrs

    result = CardContent.from_json_lenient({"intended_uses": {"risk_rating": "Critical"}})
    uses = result.content.intended_uses
    assert uses is not None
    fixed = attrs.evolve(uses, risk_rating=RiskRating.HIGH, extra={})
    content = attrs.evolve(result.content, intended_uses=fixed)
    assert content.validate() == ()
    assert content.to_dict() == {"intended_uses": {"risk_rating": "High"}}
