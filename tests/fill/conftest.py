"""Fixtures of the fill tests: real-format reports and API responses, and the schema oracle."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import botocore.session
import jsonschema
import pytest
from botocore.model import Shape

from modelcard_share.content import CardContent

DATA = Path(__file__).parent / "data"
SCHEMA_PATH = Path(__file__).parents[1] / "content" / "data" / "model-card-content.schema.json"

_OPERATIONS = {
    "describe_model.json": "DescribeModel",
    "describe_training_job.json": "DescribeTrainingJob",
    "describe_hyper_parameter_tuning_job.json": "DescribeHyperParameterTuningJob",
    "describe_model_package.json": "DescribeModelPackage",
}


def _shaped(value: Any, shape: Shape, path: str) -> Any:
    """Return JSON data as botocore parses it (timestamps as datetimes); unknown keys fail."""
    kind = shape.type_name
    if kind == "structure":
        unknown = set(value) - set(shape.members)  # type: ignore[attr-defined]
        assert not unknown, f"{path}: not in {shape.name}: {sorted(unknown)}"
        return {
            k: _shaped(v, shape.members[k], f"{path}.{k}")  # type: ignore[attr-defined]
            for k, v in value.items()
        }
    if kind == "list":
        return [_shaped(v, shape.member, f"{path}[{i}]") for i, v in enumerate(value)]  # type: ignore[attr-defined]
    if kind == "map":
        return {k: _shaped(v, shape.value, f"{path}.{k}") for k, v in value.items()}  # type: ignore[attr-defined]
    if kind == "timestamp":
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if kind in ("float", "double"):
        return float(value)
    return value


def response(name: str) -> dict[str, Any]:
    """Load an API response fixture as botocore returns it, checked against the output shape."""
    model = botocore.session.get_session().get_service_model("sagemaker")
    shape = model.operation_model(_OPERATIONS[name]).output_shape
    assert shape is not None
    data = json.loads((DATA / name).read_text(encoding="utf-8"))
    shaped: dict[str, Any] = _shaped(data, shape, _OPERATIONS[name])
    return shaped


def report(name: str) -> dict[str, Any]:
    """Load a report fixture as parsed JSON."""
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


@pytest.fixture
def model_response() -> dict[str, Any]:
    """A DescribeModel response."""
    return response("describe_model.json")


@pytest.fixture
def training_response() -> dict[str, Any]:
    """A DescribeTrainingJob response of a job launched by the tuning job below."""
    return response("describe_training_job.json")


@pytest.fixture
def tuning_response() -> dict[str, Any]:
    """A DescribeHyperParameterTuningJob response whose best job is the one above."""
    return response("describe_hyper_parameter_tuning_job.json")


@pytest.fixture
def package_response() -> dict[str, Any]:
    """A DescribeModelPackage response."""
    return response("describe_model_package.json")


@pytest.fixture(scope="session")
def schema() -> dict[str, Any]:
    """The reference JSON schema of model card content (the oracle)."""
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def assert_valid(schema: dict[str, Any]) -> Callable[[CardContent], None]:
    """Check content against the reference schema with jsonschema."""
    validator = jsonschema.Draft7Validator(schema)

    def check(content: CardContent) -> None:
        validator.validate(content.to_dict())

    return check


def changed(data: Mapping[str, Any], **updates: Any) -> dict[str, Any]:
    """Return a deep copy of ``data`` with top-level members replaced (None removes)."""
    out = copy.deepcopy(dict(data))
    for key, value in updates.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out
