"""The deployment template: generated, linted offline, its role allowing what the handler calls."""

from __future__ import annotations

import fnmatch
import importlib.util
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from modelcard_share.automation import OWNER_RAM_ACTIONS, function_policy
from modelcard_share.automation.template import main, render
from modelcard_share.domain import MODEL_CARD, MODEL_PACKAGE_GROUP, ShareableKind
from modelcard_share.sandbox import Sandbox

from .conftest import HOME, SEED_CONTENT, Calls, build

TEMPLATE = Path(__file__).resolve().parents[2] / "deploy" / "automation.yaml"
HAS_CFN_LINT = importlib.util.find_spec("cfnlint") is not None
NO_CFN_LINT = "cfn-lint is not installed (pip install 'modelcard-share[test]')"


def test_the_committed_template_is_the_generated_one(tmp_path: Path) -> None:
    """deploy/automation.yaml is exactly what the generator prints; --check says so."""
    assert TEMPLATE.read_text(encoding="utf-8") == render(), (
        "regenerate: python -m modelcard_share.automation.template --output deploy/automation.yaml"
    )
    assert main(["--check", str(TEMPLATE)]) == 0
    edited = tmp_path / "edited.yaml"
    edited.write_text(render().replace("rate(1 hour)", "rate(2 hours)"), encoding="utf-8")
    assert main(["--check", str(edited)]) == 1
    written = tmp_path / "written.yaml"
    assert main(["--output", str(written)]) == 0
    assert written.read_text(encoding="utf-8") == render()


@pytest.mark.skipif(not HAS_CFN_LINT, reason=NO_CFN_LINT)
def test_cfn_lint_accepts_the_template() -> None:
    """cfn-lint validates the template offline (schemas, IAM action names, references)."""
    from cfnlint.api import lint_file

    assert [str(m) for m in lint_file(TEMPLATE)] == []


# ------------------------------------------------------------------ the role's policy


def _statements(*, approve_packages: bool = True) -> Iterator[dict[str, Any]]:
    for entry in function_policy()["Statement"]:
        statement = entry
        if "Fn::If" in entry:
            _, chosen, other = entry["Fn::If"]
            statement = chosen if approve_packages else other
            if "Ref" in statement:
                continue
        yield statement


_STACK = {"AWS::Partition": "aws", "AWS::Region": "us-east-1", "AWS::AccountId": "111111111111"}


def _resolve(value: Any) -> str | None:
    """A resource of the policy, with the stack's pseudo parameters (None: another resource)."""
    if isinstance(value, str):
        return value
    if "Fn::Sub" in value:
        return re.sub(r"\$\{([^}]+)\}", lambda m: _STACK[m[1]], value["Fn::Sub"])
    return None  # Fn::GetAtt of the stack's own log group or queue


def _resources(statement: dict[str, Any]) -> list[str]:
    raw = statement["Resource"]
    return [r for r in map(_resolve, raw if isinstance(raw, list) else [raw]) if r is not None]


def _allows(action: str, resource: str | None, params: dict[str, Any]) -> bool:
    for statement in _statements():
        if not any(fnmatch.fnmatchcase(action, a) for a in statement["Action"]):
            continue
        patterns = _resources(statement)
        if "*" not in patterns and (
            resource is None or not any(fnmatch.fnmatchcase(resource, p) for p in patterns)
        ):
            continue
        condition = statement.get("Condition", {}).get("StringLikeIfExists", {})
        wanted = [_resolve(p) or "" for p in condition.get("ram:ResourceArn", [])]
        shared = params.get("resourceArns", [])
        if wanted and not all(any(fnmatch.fnmatchcase(a, p) for p in wanted) for a in shared):
            continue
        return True
    return False


def _arn(kind: ShareableKind, value: str) -> str:
    if value.startswith("arn:"):
        return value
    return kind.format_arn(
        partition="aws", region="us-east-1", account_id=_STACK["AWS::AccountId"], name=value
    )


def _resource(operation: str, params: dict[str, Any]) -> str | None:
    """The ARN IAM checks for one recorded call (None for calls without a resource)."""
    if "ResourceArn" in params:
        return str(params["ResourceArn"])
    if "ModelCardName" in params:
        return _arn(MODEL_CARD, params["ModelCardName"])
    if operation == "ListModelPackages":  # resource type model-package: the group's versions
        return (
            _arn(MODEL_PACKAGE_GROUP, params["ModelPackageGroupName"]).replace(
                ":model-package-group/", ":model-package/"
            )
            + "/1"
        )
    if "ModelPackageGroupName" in params:
        return _arn(MODEL_PACKAGE_GROUP, params["ModelPackageGroupName"])
    for key in ("ModelPackageArn", "ModelPackageName"):
        if key in params:
            return str(params[key])
    return None


def _everything_the_handler_does(sb: Sandbox) -> Calls:
    """Events, duplicates, the registry (approve, link, hold), reconcile, dry runs, restarts."""
    approve = {"on_approve": "approve-package"}
    world = build(sb, registry=approve)
    sb.create_training_job(HOME, "job")
    sb.register_model_package(HOME, "churn", training_job="job")
    details = {"model_package_details": {"model_package_group_name": "churn"}}
    card = world.create_card("audited", {**SEED_CONTENT, **details})
    world.create_card("plain")
    card.submit_for_review()
    card.approve()
    events = sb.events.drain()
    world.deliver([*events, *events])
    world.handler.reconcile()
    world.lifecycle.reconcile(dry_run=True, tags={"team": "a"})
    card.set_status("Draft")
    world.deliver()
    # a cold start: the read-only permission exists already (ListPermissions, GetPermission)
    cold = build(sb, registry=approve, calls=world.calls)
    card.submit_for_review()
    card.approve()
    cold.deliver()
    # another policy: the group from a card tag, approval held without a package
    strict = {"link": "tag", "on_approve": "require-approved-package"}
    build(sb, registry=strict, calls=world.calls).deliver(events[-1:])
    return world.calls


def test_the_role_allows_every_call_the_handler_makes(sb: Sandbox) -> None:
    """Each API call recorded while handling events and reconciling is allowed by the role."""
    calls = _everything_the_handler_does(sb)
    recorded = {(service, op) for service, op, _ in calls.calls}
    assert {"UpdateModelPackage", "AddTags", "CreateResourceShare", "ListModelCards"} <= {
        op for _, op in recorded
    }, "the scenario exercises the writes"
    refused = [
        (f"{service}:{op}", _resource(op, params))
        for service, op, params in calls.calls
        if not _allows(f"{service}:{op}", _resource(op, params), params)
    ]
    assert refused == []
    ram = {f"ram:{op}" for service, op in recorded if service == "ram"}
    assert ram <= set(OWNER_RAM_ACTIONS)


@pytest.mark.skipif(not HAS_CFN_LINT, reason=NO_CFN_LINT)
def test_each_statement_names_resources_its_actions_take() -> None:
    """Per the Service Authorization Reference (cfn-lint's copy): ARNs of the right types, or *."""
    import cfnlint

    reference = json.loads(
        (Path(cfnlint.__file__).parent / "data" / "AdditionalSpecs" / "Policies.json").read_text()
    )
    for statement in _statements():
        patterns = [p for p in _resources(statement) if p != "*"]
        taken: set[str] = set()
        for action in statement["Action"]:
            service, name = action.split(":")
            if service not in ("sagemaker", "ram"):
                continue
            spec = reference[service]
            types = spec["Actions"][name.lower()].get("Resources", [])
            if not types:
                assert _resources(statement) == ["*"], (action, "takes no resource: needs *")
                continue
            formats = [
                re.sub(r"\$\{[A-Za-z]+\}", "[^:]*", f)
                for t in types
                for f in spec["Resources"][t]["ARNFormats"]
            ]
            fitting = {
                p for p in patterns if any(re.fullmatch(f, p.replace("*", "x")) for f in formats)
            }
            assert fitting or not patterns, (
                action,
                "none of the resources is of its types",
                formats,
            )
            taken |= fitting
        assert taken == set(patterns) or not taken, (
            "resources no action takes",
            set(patterns) - taken,
        )
