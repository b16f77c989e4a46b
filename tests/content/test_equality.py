"""Equality of content is exact JSON equality: 1, 1.0 and true are three different values."""

from __future__ import annotations

import copy
import json
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from modelcard_share.content import (
    BarChartMetric,
    CardContent,
    MatrixMetric,
    ModelOverview,
    SimpleMetric,
    TrainingMetric,
    json_equal,
)
from modelcard_share.errors import ContentValidationError

from .strategies import PROPERTY_SETTINGS, card_content, json_values, with_unknown_keys


def test_typed_numbers_of_different_json_types_differ() -> None:
    """A field holding 1 differs from one holding 1.0; Python's == would call them equal."""
    assert ModelOverview(model_version=1) != ModelOverview(model_version=1.0)
    assert TrainingMetric(name="m", value=0) != TrainingMetric(name="m", value=0.0)
    assert BarChartMetric(name="b", value=[1, 2]) != BarChartMetric(name="b", value=[1, 2.0])
    assert MatrixMetric(name="m", value=[[1]]) != MatrixMetric(name="m", value=[[1.0]])
    assert ModelOverview(model_version=2) == ModelOverview(model_version=2)


def test_a_simple_metric_value_of_1_1_0_and_true_are_three_values() -> None:
    """The scalar value of a simple metric keeps its JSON type in equality."""
    one = SimpleMetric(name="m", type="number", value=1)
    one_float = SimpleMetric(name="m", type="number", value=1.0)
    assert one != one_float
    assert SimpleMetric(name="m", type="boolean", value=True) != SimpleMetric(
        name="m", type="boolean", value=False
    )


@pytest.mark.parametrize("where", ["top", "nested", "array"])
def test_unknown_keys_compare_with_exact_types(where: str) -> None:
    """Values in extra (at any depth, inside arrays) distinguish 1, 1.0 and true."""

    def doc(value: Any) -> dict[str, Any]:
        wrapped = {"top": value, "nested": {"a": {"b": value}}, "array": [[0, value]]}[where]
        return {"intended_uses": {"risk_rating": "Low"}, "zz": wrapped}

    one, one_float, true = (CardContent.from_json(doc(v)) for v in (1, 1.0, True))
    assert one != one_float
    assert one != true
    assert one_float != true
    assert one == CardContent.from_json(doc(1))


def test_zero_and_negative_zero_differ_because_they_are_written_differently() -> None:
    """-0.0 and 0.0 are different JSON text, so different content."""
    assert CardContent.from_json('{"zz": 0.0}') != CardContent.from_json('{"zz": -0.0}')


def test_equality_ignores_key_order_and_list_versus_tuple() -> None:
    """Objects compare regardless of key order; lists and tuples are both arrays."""
    a = CardContent(extra={"zz": {"x": 1, "y": [1, 2]}})
    b = CardContent(extra={"zz": {"y": (1, 2), "x": 1}})
    assert a == b
    assert hash(a) == hash(b)


def test_equal_content_hashes_equal_and_sets_keep_exact_values() -> None:
    """Hash agrees with exact equality: 1 and 1.0 can sit in one set as two contents."""
    one = CardContent.from_json('{"zz": 1}')
    assert hash(one) == hash(CardContent.from_json('{"zz": 1}'))
    assert len({one, CardContent.from_json('{"zz": 1.0}'), CardContent.from_json('{"zz": 1}')}) == 2


def test_content_is_not_equal_to_other_types() -> None:
    """Comparing content with a dict or another class is False, not an error."""
    assert CardContent() != {}
    assert ModelOverview() != CardContent()


def test_json_equal_is_exact_and_ignores_key_order() -> None:
    """json_equal is the public helper for JSON data (to_dict results)."""
    assert json_equal({"a": [1, 2.5], "b": None}, {"b": None, "a": (1, 2.5)})
    assert not json_equal(1, 1.0)
    assert not json_equal(1, True)
    assert not json_equal(1.0, True)
    assert not json_equal({"a": 1}, {"a": 1, "b": 1})
    assert not json_equal([1], [1, 1])
    assert not json_equal({"a": 1}, [["a", 1]])


def test_json_equal_refuses_non_json_with_the_argument_and_path() -> None:
    """Non-JSON arguments raise ContentValidationError; paths start with a or b."""
    with pytest.raises(ContentValidationError) as caught:
        json_equal({"x": [float("nan")]}, {1: "a"})
    assert caught.value.paths == ("a.x[0]", "b[1]")


# ----------------------------------------------------------------------- properties

_INTS = st.integers(min_value=-(2**53), max_value=2**53)


@PROPERTY_SETTINGS
@given(json_values, _INTS, st.sampled_from(["float", "bool"]))
def test_an_int_never_equals_its_float_or_bool_twin(base: Any, number: int, twin_kind: str) -> None:
    """Replacing an int by the equal float or bool always makes different content and JSON."""
    twin: Any = float(number) if twin_kind == "float" else bool(number % 2)
    if twin_kind == "bool":
        number %= 2  # 0 == False and 1 == True in Python
    a = CardContent.from_json({"zz": [base, number]})
    b = CardContent.from_json({"zz": [base, twin]})
    assert number == twin  # Python says equal ...
    assert a != b  # ... the content does not
    assert not json_equal(a.to_dict(), b.to_dict())
    assert a.to_json() != b.to_json()


@PROPERTY_SETTINGS
@given(with_unknown_keys())
def test_round_trip_keeps_ints_as_ints_and_floats_as_floats(doc: dict[str, Any]) -> None:
    """Parsing and writing keep each number's JSON type at every depth."""
    content = CardContent.from_json(json.dumps(doc))
    assert json_equal(content.to_dict(), doc)
    assert json_equal(json.loads(content.to_json()), doc)
    assert CardContent.from_json(content.to_json()) == content


@PROPERTY_SETTINGS
@given(card_content, st.randoms(use_true_random=False))
def test_key_order_does_not_change_equality_or_hash(doc: dict[str, Any], rnd: Any) -> None:
    """The same document with shuffled keys is equal and hashes equal."""
    shuffled = _shuffle(copy.deepcopy(doc), rnd)
    a, b = CardContent.from_json(doc), CardContent.from_json(shuffled)
    assert a == b
    assert hash(a) == hash(b)
    assert json_equal(a.to_dict(), b.to_dict())


def _shuffle(value: Any, rnd: Any) -> Any:
    if isinstance(value, dict):
        items = list(value.items())
        rnd.shuffle(items)
        return {k: _shuffle(v, rnd) for k, v in items}
    if isinstance(value, list):
        return [_shuffle(v, rnd) for v in value]
    return value


@PROPERTY_SETTINGS
@given(card_content)
def test_evolve_with_the_same_values_is_equal(doc: dict[str, Any]) -> None:
    """Building content again from its own fields gives equal content."""
    content = CardContent.from_json(doc)
    assert attrs.evolve(content) == content
