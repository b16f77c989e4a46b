"""One-constraint mutations of valid documents, with the path and rule each must produce.

The rule table restates the nominal contract (model-card-content.md) independently of
the implementation. Paths are normalised with ``[]`` for list indices.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from .strategies import Json, card_content

_MO = "model_overview"
_MPD = "model_package_details"
_TJD = "training_details.training_job_details"
_EV = "evaluation_details[]"
_MD = f"{_EV}.metric_groups[].metric_data[]"

MAX_LENGTH: dict[str, int] = {
    **{
        f"{_MO}.{k}": 1024
        for k in (
            "model_description",
            "model_owner",
            "model_creator",
            "problem_type",
            "algorithm_type",
            "model_id",
            "model_name",
        )
    },
    f"{_MPD}.model_package_description": 1024,
    f"{_MPD}.model_package_arn": 2048,
    f"{_MPD}.approval_description": 1024,
    f"{_MPD}.model_package_group_name": 63,
    f"{_MPD}.model_package_name": 63,
    f"{_MPD}.created_by.user_profile_name": 63,
    f"{_MPD}.source_algorithms[].algorithm_name": 170,
    f"{_MPD}.source_algorithms[].model_data_url": 1024,
    f"{_MPD}.inference_specification.containers[].image": 255,
    f"{_MPD}.inference_specification.containers[].model_data_url": 1024,
    **{
        f"intended_uses.{k}": 2048
        for k in (
            "purpose_of_model",
            "intended_uses",
            "factors_affecting_model_efficiency",
            "explanations_for_risk_rating",
        )
    },
    **{
        f"business_details.{k}": 2048
        for k in (
            "business_problem",
            "business_stakeholders",
            "line_of_business",
        )
    },
    "training_details.objective_function.function.facet": 63,
    "training_details.objective_function.function.condition": 63,
    "training_details.objective_function.notes": 1024,
    "training_details.training_observations": 1024,
    f"{_TJD}.training_arn": 1024,
    f"{_TJD}.training_metrics[].notes": 1024,
    f"{_TJD}.user_provided_training_metrics[].notes": 1024,
    f"{_EV}.evaluation_observation": 2096,
    f"{_EV}.evaluation_job_arn": 256,
    f"{_MD}.notes": 1024,
    "additional_information.ethical_considerations": 2048,
    "additional_information.caveats_and_recommendations": 2048,
}
"""String fields with a maxLength (rule ``maxLength``)."""

PATTERN_LENGTH: dict[str, int] = {
    f"{_TJD}.training_metrics[].name": 255,
    f"{_TJD}.user_provided_training_metrics[].name": 255,
    f"{_TJD}.hyper_parameters[].name": 255,
    f"{_TJD}.hyper_parameters[].value": 255,
    f"{_TJD}.user_provided_hyper_parameters[].name": 255,
    f"{_TJD}.user_provided_hyper_parameters[].value": 255,
    f"{_EV}.name": 63,
    f"{_EV}.metric_groups[].name": 63,
    f"{_MD}.name": 255,
}
"""String fields with a ``.{1,n}`` / ``.{0,n}`` pattern, enforced as a length (rule ``pattern``)."""

ENUMS = {
    f"{_MPD}.model_package_status",
    f"{_MPD}.model_approval_status",
    "intended_uses.risk_rating",
    "training_details.objective_function.function.function",
}
MINIMUM = {f"{_MO}.model_version", f"{_MPD}.model_package_version"}
MAX_ITEMS: dict[str, int] = {
    f"{_MO}.model_artifact": 15,
    f"{_MO}.inference_environment.container_image": 15,
    f"{_MPD}.source_algorithms": 1,
    f"{_MPD}.inference_specification.containers": 15,
    f"{_TJD}.training_datasets": 15,
    f"{_TJD}.training_environment.container_image": 15,
    f"{_TJD}.training_metrics": 50,
    f"{_TJD}.user_provided_training_metrics": 50,
    f"{_TJD}.hyper_parameters": 100,
    f"{_TJD}.user_provided_hyper_parameters": 100,
    f"{_EV}.datasets": 10,
}
MIN_ONE = {f"{_MPD}.source_algorithms", f"{_MPD}.inference_specification.containers"}
REQUIRED = {
    f"{_MPD}.source_algorithms[].algorithm_name",
    f"{_MPD}.inference_specification.containers[].image",
    f"{_MPD}.inference_specification.containers",
    f"{_TJD}.training_metrics[].name",
    f"{_TJD}.training_metrics[].value",
    f"{_TJD}.user_provided_training_metrics[].name",
    f"{_TJD}.user_provided_training_metrics[].value",
    f"{_TJD}.hyper_parameters[].name",
    f"{_TJD}.user_provided_hyper_parameters[].name",
    f"{_EV}.name",
    f"{_EV}.metric_groups[].name",
    f"{_EV}.metric_groups[].metric_data",
    f"{_MD}.name",
    f"{_MD}.type",
    f"{_MD}.value",
}
MAPS = {f"{_EV}.metadata", "additional_information.custom_details"}

_FILLERS: dict[str, Json] = {
    "training_metrics": {"name": "m", "value": 1},
    "user_provided_training_metrics": {"name": "m", "value": 1},
    "hyper_parameters": {"name": "h"},
    "user_provided_hyper_parameters": {"name": "h"},
    "containers": {"image": "i"},
    "source_algorithms": {"algorithm_name": "a"},
}

Mutation = tuple[str, str, Callable[[], None]]


def _norm(path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", path)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _sites(doc: Json, path: str = "") -> list[tuple[str, Any, Any, Any]]:
    """Every (path, parent, key-or-index, value) in a document."""
    out: list[tuple[str, Any, Any, Any]] = []
    items = doc.items() if isinstance(doc, dict) else enumerate(doc)
    for key, value in items:
        sub = _join(path, str(key)) if isinstance(doc, dict) else f"{path}[{key}]"
        out.append((sub, doc, key, value))
        if isinstance(value, (dict, list)):
            out.extend(_sites(value, sub))
    return out


def _remover(parent: dict[str, Json], key: str) -> Callable[[], None]:
    return lambda: parent.__delitem__(key)


def mutations(doc: Json) -> list[Mutation]:  # noqa: PLR0912
    """Every one-constraint mutation that applies to a document: (path, rule, apply)."""
    found: list[Mutation] = []

    def add(path: str, rule: str, fn: Callable[[], None]) -> None:
        found.append((path, rule, fn))

    for path, parent, key, value in _sites(doc):
        norm = _norm(path)

        def setter(new: Any, parent: Any = parent, key: Any = key) -> Callable[[], None]:
            return lambda: parent.__setitem__(key, new)

        if norm in MAX_LENGTH:
            add(path, "maxLength", setter("x" * (MAX_LENGTH[norm] + 1)))
            add(path, "type", setter(123))
        if norm in PATTERN_LENGTH:
            add(path, "pattern", setter("x" * (PATTERN_LENGTH[norm] + 1)))
            if not norm.endswith("].value"):
                add(path, "pattern", setter(""))
        if norm in ENUMS:
            add(path, "enum", setter("NotAnEnumValue"))
        if norm in MINIMUM:
            add(path, "minimum", setter(0.5))
            add(path, "type", setter("2"))
        if norm in MAX_ITEMS and isinstance(value, list):
            filler = value[0] if value else _FILLERS.get(norm.rsplit(".", 1)[-1], "a")
            add(path, "maxItems", setter([filler] * (MAX_ITEMS[norm] + 1)))
        if norm in MIN_ONE:
            add(path, "minItems", setter([]))
        if norm in MAPS and isinstance(value, dict):
            add(_join(path, "k"), "maxLength", setter({**value, "k": "x" * 1025}))
        if re.fullmatch(
            r".*\.(model_artifact|container_image|training_datasets|datasets)\[\]", norm
        ):
            add(path, "maxLength", setter("x" * 1025))
        if norm in REQUIRED and isinstance(parent, dict):
            add(path, "required", _remover(parent, key))
        if norm == _MD and isinstance(value, dict):
            kind = value.get("type")
            points: Any = value.get("value")
            if kind == "string":
                add(f"{path}.value", "maxLength", setter({**value, "value": "x" * 64}))
            if kind in ("number", "string", "boolean"):
                wrong = "text" if kind != "string" else 5
                add(f"{path}.value", "type", setter({**value, "value": wrong}))
            if kind in ("linear_graph", "bar_chart", "matrix"):
                add(f"{path}.value", "minItems", setter({**value, "value": []}))
            if kind == "linear_graph":
                add(
                    f"{path}.value[0]",
                    "maxItems",
                    setter({**value, "value": [[*points[0], 1], *points[1:]]}),
                )
            if kind == "matrix":
                add(f"{path}.value", "maxItems", setter({**value, "value": [[1]] * 21}))
                add(f"{path}.value[0]", "maxItems", setter({**value, "value": [[1] * 21]}))
            add(f"{path}.type", "enum", setter({**value, "type": "histogram"}))
    return found


@st.composite
def mutated(draw: st.DrawFn) -> tuple[Json, str, str]:
    """A valid document with exactly one constraint broken: (doc, path, rule)."""
    doc = draw(card_content)
    options = mutations(doc)
    if not options:
        doc = {"intended_uses": {"risk_rating": "High"}}
        options = mutations(doc)
    path, rule, apply = draw(st.sampled_from(options))
    apply()
    return doc, path, rule
