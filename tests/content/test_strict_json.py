"""Content is strict JSON: values JSON cannot hold are refused with their JSON path."""

from __future__ import annotations

import copy
import datetime
import json
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from modelcard_share.content import (
    AdditionalInformation,
    CardContent,
    ModelOverview,
    SimpleMetric,
)
from modelcard_share.errors import ContentValidationError

from .helpers import paths_rules
from .strategies import PROPERTY_SETTINGS, card_content, json_values

# ------------------------------------------------------------------------- text


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", "1e400", "-1e400"])
@pytest.mark.parametrize("parse", [CardContent.from_json, CardContent.from_json_lenient])
def test_non_finite_numbers_in_text_are_refused_with_their_path(token: str, parse: Any) -> None:
    """NaN, the infinities and numbers beyond a double are refused by both parsers (rule json)."""
    text = '{"model_overview": {"model_version": 1, "zz": [0, {"a": %s}]}}' % token  # noqa: UP031
    assert paths_rules(lambda: parse(text)) == [("model_overview.zz[1].a", "json")]
    with pytest.raises(ContentValidationError, match=token):
        parse(text)


def test_non_finite_number_in_a_typed_field_is_refused_as_json() -> None:
    """A NaN where a number field belongs is named by the field's path."""
    text = '{"model_overview": {"model_version": NaN}}'
    assert paths_rules(lambda: CardContent.from_json(text)) == [
        ("model_overview.model_version", "json")
    ]


def test_utf8_bom_is_refused_and_named() -> None:
    """Bytes or text starting with a byte order mark are refused with a message naming it."""
    for data in (b"\xef\xbb\xbf{}", "\ufeff{}"):
        with pytest.raises(ContentValidationError, match="byte order mark") as caught:
            CardContent.from_json_lenient(data)
        assert caught.value.problems[0].rule == "json"


@pytest.mark.parametrize(
    "data", [b'{"a": "\xff"}', '{"a": "é"}'.encode("latin-1"), "{}".encode("utf-16")]
)
def test_bytes_that_are_not_utf8_are_refused(data: bytes) -> None:
    """Only UTF-8 bytes are content; the error names the first bad byte."""
    with pytest.raises(ContentValidationError, match="not UTF-8") as caught:
        CardContent.from_json(data)
    assert caught.value.problems[0].rule == "json"


def test_text_nested_beyond_what_python_reads_is_refused() -> None:
    """Deep nesting is a typed error, never a RecursionError."""
    text = '{"zz": ' + "[" * 100_000 + "]" * 100_000 + "}"
    assert paths_rules(lambda: CardContent.from_json(text)) == [("", "json")]


# ------------------------------------------------------------------------ mapping


@pytest.mark.parametrize(
    ("bad", "where"),
    [
        (Decimal("1.5"), "zz"),
        (b"bytes", "zz"),
        ({1, 2}, "zz"),
        (frozenset(), "zz"),
        (datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc), "zz"),
        (object(), "zz"),
        (float("nan"), "zz"),
        (float("inf"), "zz"),
        (complex(1, 2), "zz"),
    ],
)
def test_non_json_values_in_a_mapping_are_refused_with_their_path(bad: object, where: str) -> None:
    """Python values JSON cannot hold are refused (rule json), not turned into a TypeError later."""
    doc = {"intended_uses": {"risk_rating": "Low"}, where: bad}
    assert paths_rules(lambda: CardContent.from_json(doc)) == [(where, "json")]
    assert paths_rules(lambda: CardContent.from_json_lenient(doc)) == [(where, "json")]


def test_decimal_is_refused_with_a_hint() -> None:
    """Decimal is refused as a number (it would not round-trip exactly); the message says so."""
    with pytest.raises(ContentValidationError, match="convert it to int or float"):
        CardContent.from_json({"model_overview": {"model_version": Decimal(2)}})


def test_non_string_keys_and_tuple_keys_are_refused() -> None:
    """Object keys must be strings; tuples are fine as arrays but not as keys."""
    doc = {"zz": {(1, 2): "a", 3: "b", "ok": (1, [2, (3,)])}}
    assert paths_rules(lambda: CardContent.from_json(doc)) == [
        ("zz[(1, 2)]", "json"),
        ("zz[3]", "json"),
    ]


def test_tuples_are_arrays() -> None:
    """Tuples in a mapping are read as JSON arrays."""
    content = CardContent.from_json({"zz": (1, (2.0, "x"))})
    assert content.to_dict() == {"zz": [1, [2.0, "x"]]}


def test_a_mapping_that_contains_itself_is_refused() -> None:
    """A cycle is refused as too deep, never a RecursionError."""
    loop: dict[str, Any] = {}
    loop["a"] = loop
    found = paths_rules(lambda: CardContent.from_json({"zz": loop}))
    assert len(found) == 1
    assert found[0][1] == "json"
    assert found[0][0].startswith("zz.a.a.a")


# -------------------------------------------------------- constructors and output


def test_constructors_and_evolve_refuse_non_json_in_extra() -> None:
    """Bad values in extra raise at construction with paths relative to the object."""
    assert paths_rules(lambda: ModelOverview(extra={"zz": [1, float("nan")]})) == [
        ("zz[1]", "json")
    ]
    assert paths_rules(lambda: ModelOverview(extra={1: "a"})) == [("[1]", "json")]  # type: ignore[dict-item]
    assert paths_rules(lambda: ModelOverview(extra=5)) == [("extra", "type")]  # type: ignore[arg-type]
    overview = ModelOverview(model_name="n")
    assert paths_rules(lambda: attrs.evolve(overview, extra={"zz": {"s": {1}}})) == [
        ("zz.s", "json")
    ]
    assert paths_rules(lambda: CardContent(extra={"zz": Decimal(1)})) == [("zz", "json")]


def test_string_maps_refuse_non_string_keys() -> None:
    """custom_details and metadata keys must be strings."""
    found = paths_rules(lambda: AdditionalInformation(custom_details={1: "a"}))  # type: ignore[dict-item]
    assert found == [("custom_details[1]", "type")]


def test_output_refuses_extra_values_changed_into_non_json_after_construction() -> None:
    """to_json and to_dict raise ContentValidationError naming the path, never emit NaN."""
    overview = ModelOverview(extra={"zz": [1]})
    content = CardContent(model_overview=overview)
    overview.extra["zz"].append(float("nan"))
    assert paths_rules(content.to_dict) == [("model_overview.zz[1]", "json")]
    fresh = CardContent(extra={"zz": [1]})
    fresh.extra["zz"].append({1})
    assert paths_rules(fresh.to_dict) == [("zz[1]", "json")]
    assert [(p.path, p.rule) for p in fresh.validate()] == [("zz[1]", "json")]


def test_to_json_never_writes_nan() -> None:
    """A non-finite float smuggled into extra never reaches the JSON text."""
    content = CardContent(extra={"zz": [1.5]})
    content.extra["zz"][0] = float("inf")
    # to_json keeps the text of the content as it was validated, or refuses; never Infinity.
    text = content.to_json()
    assert json.loads(text, parse_constant=pytest.fail) == {"zz": [1.5]}
    fresh = lambda: attrs.evolve(content, extra=dict(content.extra))  # noqa: E731
    assert paths_rules(fresh) == [("zz[0]", "json")]  # a new object is validated again


def test_typed_fields_refuse_non_json_numbers() -> None:
    """A Decimal, bool or NaN where a number belongs is a type problem of that field."""
    for bad in (Decimal(1), True, float("nan")):
        found = paths_rules(lambda bad=bad: SimpleMetric(name="m", type="number", value=bad))
        assert ("value", "type") in found


# ----------------------------------------------------------------------- properties

_NON_JSON = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False),
    st.binary(max_size=3),
    st.sets(st.integers(), max_size=2),
    st.frozensets(st.text(max_size=2), max_size=2),
    st.datetimes(),
    st.dates(),
    st.builds(object),
    st.sampled_from([float("nan"), float("inf"), float("-inf")]),
    st.complex_numbers(allow_nan=False, allow_infinity=False),
)
"""Python values that are not JSON."""


def _key_path(path: str, key: str) -> str:
    """The documented path notation: ``a.key``, or ``a["any key"]`` when not an identifier."""
    if not key.isidentifier():
        return f"{path}[{json.dumps(key, ensure_ascii=False)}]"
    return f"{path}.{key}" if path else key


def _containers(doc: Any, path: str = "") -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    if isinstance(doc, dict):
        found.append((path, doc))
        for key, value in doc.items():
            found.extend(_containers(value, _key_path(path, key)))
    elif isinstance(doc, list):
        found.append((path, doc))
        for i, value in enumerate(doc):
            found.extend(_containers(value, f"{path}[{i}]"))
    return found


@st.composite
def _planted(draw: st.DrawFn, bad: st.SearchStrategy[Any]) -> tuple[dict[str, Any], str]:
    """A valid document with one bad value put at a random depth, and that value's path."""
    doc = copy.deepcopy(draw(card_content))  # planted in place; keep the drawn value intact
    doc["zz_any"] = draw(json_values)  # more places to plant, at more depths
    path, target = draw(st.sampled_from(_containers(doc)))
    value, below = draw(bad), ""
    for _ in range(draw(st.integers(0, 3))):  # wrap it a few levels deeper still
        if draw(st.booleans()):
            value, below = [value], "[0]" + below
        else:
            value, below = {"w": value}, ".w" + below
    if isinstance(target, dict):
        key = draw(st.from_regex(r"zz_[a-z]{1,5}", fullmatch=True))
        target[key] = value
        where = _key_path(path, key)
    else:
        index = draw(st.integers(0, len(target)))
        target.insert(index, value)
        where = f"{path}[{index}]"
    return doc, where + below


@PROPERTY_SETTINGS
@given(_planted(_NON_JSON), st.booleans())
def test_generated_non_json_values_at_any_depth_are_named_by_path(
    case: tuple[dict[str, Any], str], lenient: bool
) -> None:
    """Any non-JSON Python value anywhere in a mapping raises with exactly its path."""
    doc, path = case
    parse = CardContent.from_json_lenient if lenient else CardContent.from_json
    assert paths_rules(lambda: parse(doc)) == [(path, "json")]


_MARKER = "@@planted@@"


@PROPERTY_SETTINGS
@given(_planted(st.just(_MARKER)), st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999"]))
def test_generated_non_finite_tokens_in_text_at_any_depth_are_named_by_path(
    case: tuple[dict[str, Any], str], token: str
) -> None:
    """NaN, the infinities and overflowing numbers anywhere in JSON text raise with their path."""
    doc, path = case
    text = json.dumps(doc).replace(json.dumps(_MARKER), token)
    assert paths_rules(lambda: CardContent.from_json(text)) == [(path, "json")]


@PROPERTY_SETTINGS
@given(card_content)
def test_valid_content_passes_the_strict_json_checks_unchanged(doc: dict[str, Any]) -> None:
    """Strictness costs nothing for valid content: text and mapping input give equal content."""
    original = copy.deepcopy(doc)
    from_text = CardContent.from_json(json.dumps(doc, allow_nan=False))
    from_mapping = CardContent.from_json(doc)
    assert from_text == from_mapping
    assert doc == original
