"""The package's public face: every exported name resolves, and importing stays light."""

from __future__ import annotations

import subprocess
import sys

import modelcard_share


def test_every_public_name_resolves_and_is_documented() -> None:
    for name in modelcard_share.__all__:
        value = getattr(modelcard_share, name)
        if name != "__version__":
            assert getattr(value, "__doc__", None), f"{name} has no docstring"


def test_errors_share_one_root() -> None:
    from modelcard_share import errors

    for name in errors.__all__:
        cls = getattr(errors, name)
        if isinstance(cls, type) and issubclass(cls, Exception):
            assert issubclass(cls, modelcard_share.ModelCardShareError), name


def test_import_does_not_load_boto3_or_moto() -> None:
    code = (
        "import sys, modelcard_share; "
        "print(sorted(m for m in ('boto3', 'botocore', 'moto', 'cattrs') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_package_ships_py_typed() -> None:
    from importlib import resources

    assert resources.files("modelcard_share").joinpath("py.typed").is_file()


#: The public names of each package: changing one is an API change (CHANGELOG it).
PUBLIC: dict[str, list[str]] = {
    "modelcard_share.aws": [
        "Access",
        "Account",
        "AccountCheck",
        "AccountClients",
        "AccountTopology",
        "EVENTUAL_CONSISTENCY_CODES",
        "ProgressHook",
        "RetryDetails",
        "RetryHook",
        "RetryPolicy",
        "SessionFactory",
        "SessionLike",
        "VerifyReport",
        "account_clients",
        "new_botocore_session",
        "new_client_token",
        "translate_botocore_error",
        "translate_client_error",
    ],
    "modelcard_share.domain": [
        "AccessChange",
        "AccountView",
        "Actor",
        "AssociationStatus",
        "CardReconciliation",
        "CardRecord",
        "CardSummary",
        "CardVersion",
        "CardVersions",
        "ChangeKind",
        "ContentChange",
        "ContentDiff",
        "ContentSource",
        "DEFAULT_STAGES",
        "ExportJob",
        "ExportStatus",
        "FillResult",
        "Grant",
        "GroupLink",
        "Invitation",
        "InvitationStatus",
        "KINDS",
        "LeaveResult",
        "Lifecycle",
        "LifecycleReport",
        "MODEL_CARD",
        "MODEL_PACKAGE_GROUP",
        "ModelCard",
        "ModelPackageGroup",
        "ModelPackageSource",
        "ModelPackageSummary",
        "ModelSource",
        "NotebookProgress",
        "OnApprove",
        "PrincipalAssociation",
        "Promotion",
        "ReconcileOutcome",
        "ReconcileReport",
        "RegistryPolicy",
        "RegistrySync",
        "ReportSource",
        "ResourceRef",
        "ResourceShare",
        "ResourceShares",
        "ShareStatus",
        "ShareableKind",
        "SharedResource",
        "SharedResources",
        "SyncResult",
        "TrainingJobSource",
        "TuningJobSource",
        "consumer_identity_policy",
        "kms_key_policy_statement",
        "shared_with_me",
        "shares_with_me",
        "sync_to_hub",
    ],
    "modelcard_share.content": [
        "AdditionalInformation",
        "BarChartMetric",
        "BusinessDetails",
        "CardContent",
        "CardStatus",
        "ContainerEnvironment",
        "ContentObject",
        "EvaluationJob",
        "HyperParameter",
        "InferenceContainer",
        "InferenceEnvironment",
        "InferenceSpecification",
        "IntendedUses",
        "LenientParse",
        "LinearGraphMetric",
        "MAX_CONTENT_LENGTH",
        "MatrixMetric",
        "Metric",
        "MetricGroup",
        "MetricType",
        "ModelApprovalStatus",
        "ModelOverview",
        "ModelPackageCreator",
        "ModelPackageDetails",
        "ModelPackageStatus",
        "ObjectiveFunction",
        "ObjectiveFunctionDirection",
        "ObjectiveFunctionSpec",
        "RiskRating",
        "SimpleMetric",
        "SimpleMetricType",
        "SourceAlgorithm",
        "TrainingDetails",
        "TrainingEnvironment",
        "TrainingJobDetails",
        "TrainingMetric",
        "json_equal",
    ],
    "modelcard_share.fill": [
        "CardPath",
        "Fill",
        "FillLimitError",
        "FillNote",
        "FillTooLargeError",
        "Named",
        "NoteKind",
        "Overflow",
        "ReportKind",
        "Source",
        "SourceFormatError",
        "TuningJob",
        "TuningObjective",
        "apply",
    ],
    "modelcard_share.sandbox": [
        "ContentSchema",
        "DEFAULT_ACCOUNTS",
        "EndpointSession",
        "FaultCounts",
        "FaultSettings",
        "Faults",
        "Organization",
        "Sandbox",
        "SandboxArgumentError",
        "SandboxClock",
        "SandboxConnection",
        "SandboxEvents",
        "SandboxTypeError",
        "describe",
        "serve",
    ],
    "modelcard_share.cli": ["main"],
    "modelcard_share.automation": [
        "AutomationError",
        "EventError",
        "EventHandler",
        "EventKind",
        "EventOutcome",
        "HandlerReport",
        "InvocationFailedError",
        "LambdaFunction",
        "OWNER_RAM_ACTIONS",
        "STATUSES",
        "SageMakerEvent",
        "Status",
        "TOPOLOGY_ENV",
        "deployment_template",
        "function_policy",
        "function_topology",
        "lambda_handler",
        "topology_path",
    ],
}


def test_each_package_exports_exactly_its_public_names() -> None:
    """Every package's ``__all__`` is pinned: plumbing stays private, API stays put."""
    import importlib

    for name, expected in PUBLIC.items():
        module = importlib.import_module(name)
        assert sorted(module.__all__) == expected, name
        for public in expected:
            assert getattr(module, public) is not None, (name, public)


def test_the_top_level_reexports_the_product_api_from_the_packages() -> None:
    """Every top-level name comes from errors, content, aws or domain and is documented."""
    import importlib

    sources = [
        importlib.import_module(f"modelcard_share.{p}")
        for p in ("errors", "content", "aws", "domain")
    ]
    for name in modelcard_share.__all__:
        if name == "__version__":
            continue
        assert any(name in getattr(s, "__all__", ()) for s in sources), name


def test_siblings_import_each_others_public_names_only() -> None:
    """No package imports another package's private modules (``modelcard_share.x._y``)."""
    import re
    from pathlib import Path

    root = Path(modelcard_share.__file__).parent
    private = re.compile(
        r"from modelcard_share\.(\w+)\._\w+ import|import modelcard_share\.(\w+)\._"
    )
    offenders = []
    for path in root.rglob("*.py"):
        package = path.relative_to(root).parts[0]
        for match in private.finditer(path.read_text(encoding="utf-8")):
            target = match.group(1) or match.group(2)
            if target != package:
                offenders.append(f"{path.relative_to(root)} imports modelcard_share.{target}._*")
    assert offenders == []
