"""Ergonomics of the content classes: keywords, immutability, repr, extra, exports."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

import modelcard_share.content as content_pkg
from modelcard_share.content import (
    CardContent,
    CardStatus,
    ContainerEnvironment,
    InferenceEnvironment,
    IntendedUses,
    ModelApprovalStatus,
    ModelOverview,
    ModelPackageStatus,
    ObjectiveFunctionDirection,
    RiskRating,
    TrainingEnvironment,
)
from modelcard_share.errors import ConfigurationError, ContentValidationError


def test_constructors_take_keywords_only_and_name_a_bad_argument() -> None:
    """Positional arguments and unknown keywords raise ContentValidationError (rule argument)."""
    build: Any = ModelOverview
    with pytest.raises(ContentValidationError) as caught:
        build("description")
    assert [(p.path, p.rule) for p in caught.value.problems] == [("", "argument")]
    assert "'description'" in str(caught.value)
    with pytest.raises(ContentValidationError) as caught:
        ModelOverview(modle_name="n")  # type: ignore[call-arg]
    assert [(p.path, p.rule) for p in caught.value.problems] == [("modle_name", "argument")]
    assert "model_name" in caught.value.problems[0].message
    with pytest.raises(ContentValidationError) as caught:
        attrs.evolve(ModelOverview(), bogus=1)  # type: ignore[call-arg]
    assert caught.value.paths == ("bogus",)


def test_both_environments_share_one_shape_and_stay_distinct_types() -> None:
    """Inference and training environments have one declaration but are not interchangeable."""
    inference = InferenceEnvironment(container_image=["i"])
    training = TrainingEnvironment(container_image=["i"])
    assert isinstance(inference, ContainerEnvironment)
    assert isinstance(training, ContainerEnvironment)
    names = [a.name for a in attrs.fields(InferenceEnvironment)]
    assert names == [a.name for a in attrs.fields(TrainingEnvironment)]
    assert inference != training
    assert repr(training) == "TrainingEnvironment(container_image=('i',))"
    with pytest.raises(ContentValidationError) as caught:
        ModelOverview(inference_environment=training)  # type: ignore[arg-type]
    assert caught.value.paths == ("inference_environment",)


def test_enum_lookup_of_an_unknown_value_raises_a_typed_error() -> None:
    """Calling a content enum with a value it lacks raises ContentValidationError (rule enum)."""
    with pytest.raises(ContentValidationError) as caught:
        RiskRating("Critical")
    assert "High, Medium, Low, Unknown" in str(caught.value)
    with pytest.raises(ConfigurationError):
        CardStatus("Done")


def test_values_are_frozen() -> None:
    overview = ModelOverview(model_name="n")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        overview.model_name = "m"  # type: ignore[misc]
    with pytest.raises(TypeError):
        overview.extra["x"] = 1  # type: ignore[index]


def test_lists_become_tuples() -> None:
    overview = ModelOverview(model_artifact=["a", "b"])
    assert overview.model_artifact == ("a", "b")


def test_repr_is_short_and_omits_unset_fields() -> None:
    uses = IntendedUses(risk_rating=RiskRating.LOW, extra={"zz": 1})
    assert repr(uses) == "IntendedUses(risk_rating=RiskRating.LOW, extra={'zz': 1})"
    assert repr(CardContent()) == "CardContent()"


def test_equality_ignores_key_order_but_not_extra() -> None:
    a = CardContent.from_json('{"intended_uses":{"risk_rating":"Low","purpose_of_model":"p"}}')
    b = CardContent.from_json('{"intended_uses":{"purpose_of_model":"p","risk_rating":"Low"}}')
    assert a == b
    assert a.to_json() != b.to_json()
    c = CardContent.from_json(
        '{"intended_uses":{"purpose_of_model":"p","risk_rating":"Low","z":1}}'
    )
    assert a != c


def test_enums_are_str_enums_with_aws_values() -> None:
    assert [s.value for s in CardStatus] == ["Draft", "PendingReview", "Approved", "Archived"]
    assert [r.value for r in RiskRating] == ["High", "Medium", "Low", "Unknown"]
    assert [d.value for d in ObjectiveFunctionDirection] == ["Maximize", "Minimize"]
    assert ModelPackageStatus("InProgress") is ModelPackageStatus.IN_PROGRESS
    assert isinstance(ModelApprovalStatus.PENDING_MANUAL_APPROVAL, str)
    assert ModelApprovalStatus.PENDING_MANUAL_APPROVAL.value == "PendingManualApproval"


def test_public_names_are_exported() -> None:
    for name in content_pkg.__all__:
        assert hasattr(content_pkg, name), name
    assert content_pkg.__all__ == sorted(content_pkg.__all__, key=lambda n: (not n.isupper(), n))


def test_content_is_hashable_and_equal_content_hashes_equal(full_example_text: str) -> None:
    a = CardContent.from_json(full_example_text)
    b = CardContent.from_json(full_example_text)
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b}) == 1


def test_the_converter_is_the_cattrs_entry_point() -> None:
    from modelcard_share.content._converter import converter

    overview = converter.structure({"model_name": "x", "zz": [1]}, ModelOverview)
    assert overview == ModelOverview(model_name="x", extra={"zz": [1]})
    assert converter.unstructure(overview) == {"model_name": "x", "zz": [1]}
