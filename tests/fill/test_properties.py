"""Hypothesis properties of apply: every value outside owned paths is kept, filling twice is
filling once, and the result always validates against the reference schema."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from hypothesis import given, reject
from hypothesis import strategies as st

from content.strategies import PROPERTY_SETTINGS, card_content, with_unknown_keys
from modelcard_share.content import CardContent
from modelcard_share.fill import CardPath, Fill, FillTooLargeError, Named, apply

from .strategies import bias_reports, model_responses, quality_reports, training_responses

Valid = Callable[[CardContent], None]
Key = str | int


@st.composite
def fills(draw: st.DrawFn, doc: dict[str, Any]) -> Fill:
    """A fill of any builder; an evaluation name is often one the card already has."""
    names = [e["name"] for e in doc.get("evaluation_details", [])]
    reuse = bool(names) and draw(st.booleans())
    name = draw(st.sampled_from(names)) if reuse else None
    builders = [
        model_responses().map(Fill.from_model),
        training_responses().map(Fill.from_training_job),
        quality_reports().map(lambda r: Fill.from_report(r, name=name)),
        bias_reports().map(lambda r: Fill.from_report(r, name=name)),
    ]
    return draw(st.one_of(builders))


def leaves(data: Any, path: tuple[Key, ...] = ()) -> Iterator[tuple[tuple[Key, ...], Any]]:
    """Every scalar and empty object or array in JSON data, with its path."""
    if isinstance(data, dict) and data:
        for key, value in data.items():
            yield from leaves(value, (*path, key))
    elif isinstance(data, list) and data:
        for i, value in enumerate(data):
            yield from leaves(value, (*path, i))
    else:
        yield path, data


def resolve(data: Any, path: CardPath) -> tuple[Key, ...]:
    """The index path of an owned path in JSON data (names resolved to positions)."""
    out: list[Key] = []
    node = data
    for segment in path.segments:
        if isinstance(segment, Named):
            index = next(
                i
                for i, x in enumerate(node)
                if isinstance(x, dict) and x.get("name") == segment.name
            )
            out.append(index)
            node = node[index]
        else:
            out.append(segment)
            node = node[segment]
    return tuple(out)


def at(data: Any, path: tuple[Key, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def merge(content: CardContent, fill: Fill) -> CardContent:
    try:
        return apply(content, fill)
    except FillTooLargeError:
        reject()


@PROPERTY_SETTINGS
@given(st.data(), with_unknown_keys())
def test_merge_keeps_every_value_outside_the_owned_paths(
    data: st.DataObject, doc: dict[str, Any]
) -> None:
    content = CardContent.from_json(json.dumps(doc))
    fill = data.draw(fills(doc))
    result = merge(content, fill).to_dict()
    owned = [resolve(result, p) for p in fill.owned]
    values = fill.content.to_dict()
    for card_path in fill.owned:
        assert at(result, resolve(result, card_path)) == at(values, resolve(values, card_path))
    for path, value in leaves(doc):
        if any(path[: len(o)] == o for o in owned):
            continue
        if value in ({}, []) and any(o[: len(path)] == path for o in owned):
            assert type(at(result, path)) is type(value), path  # filled below, by the source
        else:
            assert json.dumps(at(result, path)) == json.dumps(value), path


@PROPERTY_SETTINGS
@given(st.data(), with_unknown_keys())
def test_filling_twice_is_filling_once(data: st.DataObject, doc: dict[str, Any]) -> None:
    content = CardContent.from_json(json.dumps(doc))
    fill = data.draw(fills(doc))
    once = merge(content, fill)
    twice = apply(once, fill)
    assert twice is once
    assert twice.to_json() == once.to_json()
    assert (apply(content, fill) is content) == (once == content)


@PROPERTY_SETTINGS
@given(data=st.data(), doc=card_content)
def test_merged_content_always_validates_against_the_schema(
    data: st.DataObject, doc: dict[str, Any], assert_valid: Valid
) -> None:
    content = CardContent.from_json(json.dumps(doc))
    fill = data.draw(fills(doc))
    assert_valid(fill.content)
    assert_valid(merge(content, fill))
