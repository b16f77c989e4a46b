"""Hypothesis strategies for model card content, written from the reference schema.

The limits below are the nominal contract of model-card-content.md, restated here
independently of the implementation so the tests act as an oracle.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

Json = Any

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("content", max_examples=150, deadline=None, suppress_health_check=_QUIET)
settings.register_profile(
    "content-thorough", max_examples=2000, deadline=None, suppress_health_check=_QUIET
)
PROPERTY_SETTINGS = settings(
    settings.get_profile(os.environ.get("CONTENT_HYPOTHESIS_PROFILE", "content"))
)
"""Settings of the content property tests (profile ``content``; ``content-thorough`` is
selected with ``CONTENT_HYPOTHESIS_PROFILE=content-thorough``)."""

# Text without "\n", so the schema's `.{1,n}` patterns also accept it (jsonschema oracle).
_ALPHABET = st.characters(codec="utf-8", exclude_characters="\n")


def _chars(n: int) -> str:
    return "é" * n


def _full_list(n: int) -> list[str]:
    return ["s"] * n


def _zero_matrix(n: int) -> list[list[int]]:
    return [[0] * n for _ in range(n)]


def text(max_len: int | None = None, *, min_len: int = 0) -> st.SearchStrategy[str]:
    """Strings within a length range, sometimes exactly at the limits."""
    top = 12 if max_len is None else min(max_len, 12)
    parts = [st.text(_ALPHABET, min_size=min_len, max_size=max(top, min_len))]
    if max_len is not None:
        parts.append(st.just(max_len).map(_chars))
    if min_len:
        parts.append(st.just(min_len).map(_chars))
    return st.one_of(parts)


def number(minimum: float | None = None) -> st.SearchStrategy[float | int]:
    """JSON numbers (ints and finite floats), at least ``minimum`` if given."""
    return st.one_of(
        st.integers(min_value=None if minimum is None else int(minimum), max_value=10**12),
        st.floats(min_value=minimum, allow_nan=False, allow_infinity=False, width=64),
    )


def strings(item_max: int, max_items: int) -> st.SearchStrategy[list[str]]:
    """Arrays of strings; usually short, sometimes exactly ``max_items`` long."""
    return st.one_of(
        st.lists(text(item_max), max_size=min(max_items, 3)),
        st.just(max_items).map(_full_list),  # a fresh list each time: tests mutate documents
    )


def _shuffled(d: dict[str, Json]) -> st.SearchStrategy[dict[str, Json]]:
    return st.permutations(list(d.items())).map(dict)


def obj(
    required: dict[str, st.SearchStrategy[Json]] | None = None,
    **optional: st.SearchStrategy[Json],
) -> st.SearchStrategy[dict[str, Json]]:
    """A JSON object with required and optional keys, in a random key order."""
    return st.fixed_dictionaries(required or {}, optional=optional).flatmap(_shuffled)


_KEY = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True)


def string_map() -> st.SearchStrategy[dict[str, str]]:
    """``metadata`` / ``custom_details`` maps: identifier keys, strings of at most 1024."""
    return st.dictionaries(_KEY, text(1024), max_size=3)


def _few(s: st.SearchStrategy[Json], max_items: int = 2) -> st.SearchStrategy[list[Json]]:
    return st.lists(s, max_size=max_items)


model_overview = obj(
    model_description=text(1024),
    model_owner=text(1024),
    model_creator=text(1024),
    problem_type=text(1024),
    algorithm_type=text(1024),
    model_id=text(1024),
    model_artifact=strings(1024, 15),
    model_name=text(1024),
    model_version=number(1),
    inference_environment=obj(container_image=strings(1024, 15)),
)

model_package_details = obj(
    model_package_description=text(1024),
    model_package_arn=text(2048, min_len=1),
    created_by=obj(user_profile_name=text(63)),
    model_package_status=st.sampled_from(
        ["Pending", "InProgress", "Completed", "Failed", "Deleting"]
    ),
    model_approval_status=st.sampled_from(["Approved", "Rejected", "PendingManualApproval"]),
    approval_description=text(1024),
    model_package_group_name=text(63, min_len=1),
    model_package_name=text(63, min_len=1),
    model_package_version=number(1),
    domain=text(),
    task=text(),
    source_algorithms=st.lists(
        obj({"algorithm_name": text(170)}, model_data_url=text(1024)), min_size=1, max_size=1
    ),
    inference_specification=obj(
        {
            "containers": st.lists(
                obj({"image": text(255)}, model_data_url=text(1024), nearest_model_name=text()),
                min_size=1,
                max_size=2,
            )
        }
    ),
)

intended_uses = obj(
    purpose_of_model=text(2048),
    intended_uses=text(2048),
    factors_affecting_model_efficiency=text(2048),
    risk_rating=st.sampled_from(["High", "Medium", "Low", "Unknown"]),
    explanations_for_risk_rating=text(2048),
)

business_details = obj(
    business_problem=text(2048), business_stakeholders=text(2048), line_of_business=text(2048)
)

_training_metric = obj({"name": text(255, min_len=1), "value": number()}, notes=text(1024))
_hyper_parameter = obj({"name": text(255, min_len=1)}, value=text(255))

training_details = obj(
    objective_function=obj(
        function=obj(
            function=st.sampled_from(["Maximize", "Minimize"]),
            facet=text(63),
            condition=text(63),
        ),
        notes=text(1024),
    ),
    training_observations=text(1024),
    training_job_details=obj(
        training_arn=text(1024),
        training_datasets=strings(1024, 15),
        training_environment=obj(container_image=strings(1024, 15)),
        training_metrics=_few(_training_metric),
        user_provided_training_metrics=_few(_training_metric),
        hyper_parameters=_few(_hyper_parameter),
        user_provided_hyper_parameters=_few(_hyper_parameter),
    ),
)

_axis = text(63)
_metric_name = text(255, min_len=1)


def _simple_metric(kind: str, value: st.SearchStrategy[Json]) -> st.SearchStrategy[Json]:
    return obj(
        {"name": _metric_name, "type": st.just(kind), "value": value},
        notes=text(1024),
        x_axis_name=_axis,
        y_axis_name=_axis,
    )


_row = st.lists(number(), min_size=1, max_size=3)
metric = st.one_of(
    _simple_metric("number", number()),
    _simple_metric("string", text(63)),
    _simple_metric("boolean", st.booleans()),
    obj(
        {
            "name": _metric_name,
            "type": st.just("linear_graph"),
            "value": st.lists(st.lists(number(), min_size=2, max_size=2), min_size=1, max_size=3),
        },
        notes=text(1024),
        x_axis_name=_axis,
        y_axis_name=_axis,
    ),
    obj(
        {
            "name": _metric_name,
            "type": st.just("bar_chart"),
            "value": st.lists(number(), min_size=1, max_size=3),
        },
        notes=text(1024),
        x_axis_name=_few(_axis),
        y_axis_name=_axis,
    ),
    obj(
        {
            "name": _metric_name,
            "type": st.just("matrix"),
            "value": st.one_of(
                st.lists(_row, min_size=1, max_size=3),
                st.just(20).map(_zero_matrix),
            ),
        },
        notes=text(1024),
        x_axis_name=_few(_axis),
        y_axis_name=_few(_axis),
    ),
)

evaluation_job = obj(
    {"name": text(63, min_len=1)},
    evaluation_observation=text(2096),
    evaluation_job_arn=text(256),
    datasets=strings(1024, 10),
    metadata=string_map(),
    metric_groups=_few(obj({"name": text(63, min_len=1), "metric_data": _few(metric, 3)})),
)

additional_information = obj(
    ethical_considerations=text(2048),
    caveats_and_recommendations=text(2048),
    custom_details=string_map(),
)

card_content = obj(
    model_overview=model_overview,
    model_package_details=model_package_details,
    intended_uses=intended_uses,
    business_details=business_details,
    training_details=training_details,
    evaluation_details=_few(evaluation_job),
    additional_information=additional_information,
)
"""Valid model card content documents (as parsed JSON)."""

json_values = st.recursive(
    st.none() | st.booleans() | number() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=4), children, max_size=3)
    ),
    max_leaves=6,
)
"""Arbitrary JSON values (for unknown keys)."""

MAP_KEYS = frozenset({"metadata", "custom_details"})
"""Keys whose values are string maps, not schema objects (no unknown keys there)."""


def objects_in(doc: Json, path: str = "") -> list[tuple[str, dict[str, Json]]]:
    """Every schema object inside a document, with its JSON path (string maps excluded)."""
    found: list[tuple[str, dict[str, Json]]] = []
    if isinstance(doc, dict):
        found.append((path, doc))
        for key, value in doc.items():
            if key not in MAP_KEYS:
                found.extend(objects_in(value, f"{path}.{key}" if path else key))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            found.extend(objects_in(value, f"{path}[{i}]"))
    return found


@st.composite
def with_unknown_keys(draw: st.DrawFn, docs: st.SearchStrategy[Json] = card_content) -> Json:
    """A valid document with unknown keys inserted at random objects and positions."""
    doc = draw(docs)
    targets = objects_in(doc)
    chosen = draw(st.lists(st.sampled_from(range(len(targets))), min_size=1, max_size=4))
    for index in chosen:
        _, target = targets[index]
        items = list(target.items())
        key = draw(st.from_regex(r"zz_[a-z]{1,6}", fullmatch=True))
        if key in target:
            continue
        position = draw(st.integers(0, len(items)))
        items.insert(position, (key, draw(json_values)))
        target.clear()
        target.update(items)
    return doc
