"""Path-level content diffs (pure)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from modelcard_share import CardContent, ChangeKind
from modelcard_share.domain._diff import diff_content


def test_diff_paths_and_kinds() -> None:
    old = CardContent.from_json(
        {
            "model_overview": {"model_owner": "a", "model_artifact": ["s3://x", "s3://y"]},
            "x_unknown": 1,
        }
    )
    new = CardContent.from_json(
        {
            "model_overview": {"model_owner": "b", "model_artifact": ["s3://x"]},
            "intended_uses": {"risk_rating": "Low"},
        }
    )
    diff = diff_content(old, new, old_version=1, new_version=2)
    assert [(c.path, c.kind) for c in diff] == [
        ("model_overview.model_owner", ChangeKind.CHANGED),
        ("model_overview.model_artifact[1]", ChangeKind.REMOVED),
        ("x_unknown", ChangeKind.REMOVED),
        ("intended_uses", ChangeKind.ADDED),
    ]
    assert "~ model_overview.model_owner: 'a' -> 'b'" in str(diff)
    assert len(diff) == 4


def test_int_and_float_differ() -> None:
    a = CardContent.from_json({"model_overview": {"model_version": 1}})
    b = CardContent.from_json({"model_overview": {"model_version": 1.0}})
    assert diff_content(a, b).paths == ("model_overview.model_version",)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(extra=st.dictionaries(st.from_regex(r"\Ax_[a-z]{1,5}\Z"), JSON, max_size=4))
def test_identical_contents_have_no_diff(extra: dict[str, Any]) -> None:
    content = CardContent.from_json({"model_overview": {"model_owner": "o"}, **extra})
    assert not diff_content(content, content)
