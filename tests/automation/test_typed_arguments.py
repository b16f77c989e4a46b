"""Junk in any argument of the automation's public callables: only typed errors come out."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelcard_share import ModelCardShareError
from modelcard_share.automation import (
    EventHandler,
    LambdaFunction,
    SageMakerEvent,
    function_topology,
)
from modelcard_share.domain import Lifecycle, ModelPackageGroup, RegistryPolicy
from modelcard_share.sandbox import DEFAULT_ACCOUNTS, Sandbox

from .conftest import HOME, World, build

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.binary(max_size=4),
    st.text(max_size=6),
    st.sampled_from(
        ["", "\n", "arn:aws:sagemaker:us-east-1:111111111111:model-card/x\n", "x" * 300]
    ),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.builds(object),
    st.just(math.nan),
)


@pytest.fixture(scope="module")
def typed_world() -> Iterator[World]:
    """One sandbox with a card and a model package group, for the whole module."""
    with Sandbox(accounts=DEFAULT_ACCOUNTS, organization=True) as sb:
        world = build(sb, registry={"on_approve": "approve-package"})
        sb.create_training_job(HOME, "job")
        sb.register_model_package(HOME, "churn", training_job="job")
        world.create_card("typed")
        yield world


def _calls(w: World) -> dict[str, tuple[Callable[..., Any], dict[str, Any]]]:
    card = w.lifecycle.load("typed")
    group = ModelPackageGroup.load("churn", session=w.sb.session(HOME))
    return {
        "reconcile": (w.lifecycle.reconcile, {"dry_run": True}),
        "reconcile_card": (w.lifecycle.reconcile_card, {"card": "typed", "dry_run": True}),
        "sync": (w.lifecycle.sync, {"card": card, "dry_run": True}),
        "linked_cards": (w.lifecycle.linked_cards, {"group": "churn"}),
        "Lifecycle": (Lifecycle, {"topology": w.topology, "factory": w.factory}),
        "EventHandler": (EventHandler, {"lifecycle": w.lifecycle}),
        "SageMakerEvent.parse": (SageMakerEvent.parse, {"event": {}}),
        "RegistryPolicy.from_table": (RegistryPolicy.from_table, {"table": {}}),
        "LambdaFunction": (LambdaFunction, {"handler": w.handler}),
        "LambdaFunction.from_environment": (LambdaFunction.from_environment, {"environ": {}}),
        "function_topology": (function_topology, {"topology": w.topology}),
        "approve": (group.approve, {"package": None, "description": "ok"}),
    }


CASES = [
    ("reconcile", "name_prefix"),
    ("reconcile", "tags"),
    ("reconcile", "max_workers"),
    ("reconcile", "dry_run"),
    ("reconcile_card", "card"),
    ("reconcile_card", "dry_run"),
    ("reconcile_card", "retry_not_found"),
    ("sync", "card"),
    ("sync", "dry_run"),
    ("linked_cards", "group"),
    ("Lifecycle", "registry"),
    ("EventHandler", "lifecycle"),
    ("EventHandler", "dry_run"),
    ("SageMakerEvent.parse", "event"),
    ("SageMakerEvent.parse", "home_account_id"),
    ("RegistryPolicy.from_table", "table"),
    ("LambdaFunction", "handler"),
    ("LambdaFunction.from_environment", "environ"),
    ("function_topology", "topology"),
    ("approve", "package"),
    ("approve", "description"),
]


@pytest.mark.parametrize(("name", "argument"), CASES)
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(junk=JUNK)
def test_junk_raises_only_typed_errors(
    typed_world: World, name: str, argument: str, junk: Any
) -> None:
    """One junk argument, the rest valid: a result, or a ModelCardShareError (Type/ValueError)."""
    function, kwargs = _calls(typed_world)[name]
    error: ModelCardShareError | None = None
    try:
        function(**{**kwargs, argument: junk})
    except ModelCardShareError as err:
        error = err
    assert error is None or isinstance(error, (TypeError, ValueError, LookupError)), error


@given(event=JUNK)
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_handler_never_raises_for_an_event(typed_world: World, event: Any) -> None:
    """Whatever arrives as an event is reported (skipped), never raised."""
    assert typed_world.handler.handle(event).status == "skipped"
