"""Hypothesis properties: exact round trips, unknown keys, rejected mutations, lenient reads."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from modelcard_share.content import CardContent
from modelcard_share.errors import ContentValidationError

from .helpers import same
from .mutations import mutated
from .strategies import PROPERTY_SETTINGS, card_content, with_unknown_keys


@PROPERTY_SETTINGS
@given(card_content)
def test_generated_valid_content_round_trips_exactly(doc: dict[str, Any]) -> None:
    content = CardContent.from_json(json.dumps(doc))
    assert content.validate() == ()
    assert same(content.to_dict(), doc)
    assert same(json.loads(content.to_json()), doc)
    assert CardContent.from_json(content.to_json()) == content


@PROPERTY_SETTINGS
@given(doc=card_content)
def test_generated_valid_content_is_valid_for_the_reference_schema(
    doc: dict[str, Any], schema: dict[str, Any]
) -> None:
    # Oracle: the published (more permissive) schema accepts everything we generate.
    jsonschema.Draft7Validator(schema).validate(doc)


@PROPERTY_SETTINGS
@given(with_unknown_keys())
def test_unknown_keys_at_any_depth_round_trip_in_order(doc: dict[str, Any]) -> None:
    content = CardContent.from_json(json.dumps(doc))
    assert same(content.to_dict(), doc)


@PROPERTY_SETTINGS
@given(mutated())
def test_one_broken_constraint_is_rejected_with_its_path_and_rule(
    case: tuple[dict[str, Any], str, str],
) -> None:
    doc, path, rule = case
    with pytest.raises(ContentValidationError) as caught:
        CardContent.from_json(doc)
    found = {(p.path, p.rule) for p in caught.value.problems}
    assert (path, rule) in found, caught.value


@PROPERTY_SETTINGS
@given(st.one_of(mutated().map(lambda case: case[0]), with_unknown_keys()), st.data())
def test_lenient_parse_never_loses_data(doc: dict[str, Any], data: st.DataObject) -> None:
    original = copy.deepcopy(doc)
    if data.draw(st.booleans()):
        doc = {**doc, "zz_top": data.draw(st.integers())}
        original = copy.deepcopy(doc)
    result = CardContent.from_json_lenient(json.dumps(doc))
    assert same(result.content.to_dict(), original)
    assert result.problems == result.content.validate()
    assert result.ok == (not result.problems)
