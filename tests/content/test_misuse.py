"""Generated junk fed to every public callable of the content package raises typed errors only."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

import modelcard_share.content as pkg
from modelcard_share.content import CardContent, ContentObject, LenientParse, json_equal
from modelcard_share.errors import ModelCardShareError

from .conftest import reference_path
from .strategies import PROPERTY_SETTINGS

CONTENT_CLASSES = sorted(
    (v for v in vars(pkg).values() if isinstance(v, type) and issubclass(v, ContentObject)),
    key=lambda c: c.__name__,
)
ENUMS = sorted(
    (v for v in vars(pkg).values() if isinstance(v, type) and issubclass(v, Enum)),
    key=lambda c: c.__name__,
)
NOT_CALLABLE = {"MAX_CONTENT_LENGTH", "Metric"}
OTHER_CALLABLES = {"LenientParse", "json_equal"}

_leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=6),
    st.sampled_from(["{}", "[1]", '{"model_overview": 5}', "NaN", '{"a": NaN}', "\ufeff{}"]),
    st.binary(max_size=6),
    st.sampled_from([b"\xff\xfe\x00", b"\xef\xbb\xbf{}", b'{"a": 1}', b"\xc3", b"{"]),
    st.decimals(),
    st.sets(st.integers(), max_size=2),
    st.datetimes(),
    st.builds(object),
    st.sampled_from(list(pkg.RiskRating) + list(pkg.CardStatus)),
)
junk = st.recursive(
    _leaves,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.tuples(inner, inner)
        | st.dictionaries(st.one_of(st.text(max_size=3), st.integers()), inner, max_size=3)
    ),
    max_leaves=6,
)
"""Arguments of every kind: JSON-ish, non-JSON, bad bytes, bytes with a BOM, objects."""


def typed_errors_only(call: Callable[[], object]) -> object:
    """Run ``call``; the only exceptions allowed out are typed ModelCardShareErrors."""
    try:
        return call()
    except ModelCardShareError as exc:
        caught = exc
    assert isinstance(caught, (TypeError, ValueError)), repr(caught)
    assert str(caught)
    return None


def _instances() -> dict[type, ContentObject]:
    """One valid instance of every content class, from the full reference example."""
    found: dict[type, ContentObject] = {}

    def walk(value: object) -> None:
        if isinstance(value, ContentObject):
            found.setdefault(type(value), value)
            for a in attrs.fields(type(value)):
                walk(getattr(value, a.name))
        elif isinstance(value, tuple):
            for item in value:
                walk(item)

    walk(CardContent.from_json(reference_path("model-card-example-full.json").read_bytes()))
    for cls in CONTENT_CLASSES:
        if cls not in found:
            found[cls] = cls()  # classes without required fields
    return found


VALID: dict[type, Any] = _instances()


def _exercise(obj: object) -> None:
    """Use every public method of a built object; none may raise anything untyped."""
    assert isinstance(obj, ContentObject)
    typed_errors_only(obj.validate)
    assert isinstance(repr(obj), str)
    assert obj == obj  # noqa: PLR0124
    hash(obj)
    if isinstance(obj, CardContent):
        typed_errors_only(obj.to_dict)
        typed_errors_only(obj.to_json)


def test_every_public_name_is_exercised_below() -> None:
    """A new public callable must be added to this module's junk tests."""
    covered = {c.__name__ for c in CONTENT_CLASSES} | {e.__name__ for e in ENUMS}
    assert set(pkg.__all__) == covered | NOT_CALLABLE | OTHER_CALLABLES
    assert set(VALID) == set(CONTENT_CLASSES)


@PROPERTY_SETTINGS
@given(st.sampled_from(CONTENT_CLASSES), st.data())
def test_constructors_with_junk_raise_typed_errors(cls: type[Any], data: st.DataObject) -> None:
    """Junk for any keyword, positionally or under an unknown keyword: typed error or valid."""
    names = [a.alias for a in attrs.fields(cls) if a.init]
    name = data.draw(st.sampled_from([*names, "bogus"]), label="argument")
    value = data.draw(junk, label="value")
    built = typed_errors_only(lambda: cls(**{name: value}))
    if built is not None:
        _exercise(built)
    typed_errors_only(lambda: cls(value))
    typed_errors_only(lambda: attrs.evolve(VALID[cls], **{name: value}))


@PROPERTY_SETTINGS
@given(junk)
def test_parsers_with_junk_raise_typed_errors(value: Any) -> None:
    """from_json and from_json_lenient take anything and raise only typed errors."""
    content = typed_errors_only(lambda: CardContent.from_json(value))
    if content is not None:
        _exercise(content)
    result = typed_errors_only(lambda: CardContent.from_json_lenient(value))
    if result is not None:
        assert isinstance(result, LenientParse)
        _exercise(result.content)


@PROPERTY_SETTINGS
@given(st.sampled_from(ENUMS), junk)
def test_enums_with_junk_raise_typed_errors(enum: type[Enum], value: Any) -> None:
    """Looking up an enum member by a wrong value raises a typed error."""
    typed_errors_only(lambda: enum(value))


@PROPERTY_SETTINGS
@given(junk, junk, st.sampled_from(["content", "problems", "bogus"]))
def test_other_callables_with_junk_raise_typed_errors(a: Any, b: Any, name: str) -> None:
    """json_equal and LenientParse take anything and raise only typed errors."""
    typed_errors_only(lambda: json_equal(a, b))
    typed_errors_only(lambda: LenientParse(**{name: a}))
    typed_errors_only(lambda: LenientParse(content=CardContent(), problems=b))
    typed_errors_only(lambda: LenientParse(a))  # type: ignore[call-arg]
