"""Contract tests: fail loudly when moto changes the internals the sandbox extends.

If one of the ``native`` tests fails, moto gained the feature itself: the sandbox's extension
of that feature can be retired.
"""

from __future__ import annotations

import inspect
import subprocess
import sys

import boto3
import pytest
from botocore.exceptions import ClientError

CARD_ARN = "arn:aws:sagemaker:us-east-1:123456789012:model-card/c"


def test_ram_extension_points_exist() -> None:
    import moto.ram.urls as ram_urls
    from moto.core.responses import BaseResponse
    from moto.ram.models import ResourceAccessManagerBackend, ResourceShare
    from moto.ram.responses import ResourceAccessManagerResponse

    assert isinstance(ram_urls.url_paths, dict)
    assert "{0}/createresourceshare$" in ram_urls.url_paths
    assert issubclass(ResourceAccessManagerResponse, BaseResponse)
    assert callable(ResourceAccessManagerResponse.dispatch)
    assert isinstance(ResourceShare.SHAREABLE_RESOURCES, list)
    backend = ResourceAccessManagerBackend("us-east-1", "123456789012")
    assert isinstance(backend.resource_types, list)
    assert isinstance(backend.managed_permissions, list)
    assert hasattr(backend.resource_types[0], "resource_type")


def test_sagemaker_extension_points_exist() -> None:
    import moto.sagemaker.urls as sagemaker_urls
    from moto.sagemaker.models import FakeModelCard, SageMakerModelBackend
    from moto.sagemaker.responses import SageMakerResponse

    assert "{0}/$" in sagemaker_urls.url_paths
    for method in ("create_model_card", "describe_model_card", "update_model_card"):
        assert hasattr(SageMakerResponse, method)
    params = list(inspect.signature(SageMakerModelBackend.update_model_card).parameters)
    assert params == ["self", "model_card_name", "content", "model_card_status"]
    backend = SageMakerModelBackend("us-east-1", "123456789012")
    assert isinstance(backend.model_cards, dict)
    card = FakeModelCard(
        account_id="123456789012",
        region_name="us-east-1",
        model_card_name="c",
        model_card_version=1,
        content="{}",
        model_card_status="Draft",
    )
    for attribute in ("arn", "model_card_version", "model_card_status", "last_modified_time"):
        assert hasattr(card, attribute)


def test_backend_reset_drops_extra_attributes() -> None:
    from moto.ram.models import ResourceAccessManagerBackend

    backend = ResourceAccessManagerBackend("us-east-1", "123456789012")
    backend.extra_state = 1  # type: ignore[attr-defined]
    backend.reset()
    assert not hasattr(backend, "extra_state")


def test_s3_bucket_registry_exists() -> None:
    from moto.s3.models import s3_backends

    assert hasattr(s3_backends, "bucket_accounts")


def test_server_and_mock_entry_points_exist() -> None:
    from moto import mock_aws
    from moto.server import ThreadedMotoServer

    assert callable(mock_aws)
    assert hasattr(ThreadedMotoServer, "get_host_and_port")


def test_moto_still_cannot_share_model_cards_natively() -> None:
    from moto import mock_aws

    with mock_aws():
        ram = boto3.client("ram", region_name="us-east-1")
        code = ""
        try:
            ram.create_resource_share(name="s", resourceArns=[CARD_ARN])
        except ClientError as exc:
            code = exc.response["Error"]["Code"]
        assert code == "MalformedArnException", (
            "moto now shares model cards natively: retire the sandbox's RAM route"
        )


def test_moto_still_lacks_associate_resource_share() -> None:
    from moto import mock_aws

    with mock_aws():
        ram = boto3.client("ram", region_name="us-east-1")
        with pytest.raises(ClientError) as exc:
            ram.associate_resource_share(
                resourceShareArn="arn:aws:ram:us-east-1:123456789012:resource-share/x",
                principals=["111111111111"],
            )
        assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404, (
            "moto now serves AssociateResourceShare: review the sandbox's RAM extension"
        )


def test_moto_still_cannot_describe_model_card_by_arn() -> None:
    from moto import mock_aws

    with mock_aws():
        sm = boto3.client("sagemaker", region_name="us-east-1")
        arn = sm.create_model_card(ModelCardName="c", Content="{}", ModelCardStatus="Draft")[
            "ModelCardArn"
        ]
        try:
            sm.describe_model_card(ModelCardName=arn)
        except ClientError:
            pass
        else:
            pytest.fail("moto now resolves model card ARNs: retire the sandbox's ARN handling")


def test_moto_still_lacks_model_card_export_jobs() -> None:
    from moto.sagemaker.responses import SageMakerResponse

    assert not hasattr(SageMakerResponse, "create_model_card_export_job"), (
        "moto now has model card export jobs: review the sandbox's export job emulation"
    )


def test_sandbox_restores_moto_routes_after_stop() -> None:
    import moto.ram.urls as ram_urls
    import moto.sagemaker.urls as sagemaker_urls
    from moto.core.base_backend import AccountSpecificBackend
    from moto.ram.models import ResourceShare

    from modelcard_share.sandbox import Sandbox

    before = (dict(ram_urls.url_paths), dict(sagemaker_urls.url_paths))
    shareable = list(ResourceShare.SHAREABLE_RESOURCES)
    session_hook = AccountSpecificBackend.__dict__["get_session"]
    with Sandbox(accounts={"a": "111111111111"}):
        assert "model-card" in ResourceShare.SHAREABLE_RESOURCES
        assert "model-package-group" in ResourceShare.SHAREABLE_RESOURCES
        assert ram_urls.url_paths != before[0]
        assert AccountSpecificBackend.__dict__["get_session"] is not session_hook
    assert (dict(ram_urls.url_paths), dict(sagemaker_urls.url_paths)) == before
    assert list(ResourceShare.SHAREABLE_RESOURCES) == shareable
    assert AccountSpecificBackend.__dict__["get_session"] is session_hook


def test_plugin_and_package_import_without_moto() -> None:
    code = (
        "import sys; import modelcard_share.sandbox.pytest_plugin, modelcard_share.sandbox; "
        "assert 'moto' not in sys.modules, sorted(m for m in sys.modules if 'moto' in m)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_ram_error_statuses_come_from_service_model() -> None:
    from modelcard_share.sandbox._errors import RamError, ram_error_statuses

    statuses = ram_error_statuses()
    assert statuses["PermissionAlreadyExistsException"] == 409
    assert statuses["UnknownResourceException"] == 400
    with pytest.raises(ValueError, match="not a RAM error code"):
        RamError("NoSuchException", "x")


def test_moto_session_hook_exists() -> None:
    """moto lists regions with a cached class-level boto3 session the sandbox replaces."""
    from moto.core.base_backend import AccountSpecificBackend

    assert isinstance(AccountSpecificBackend.__dict__["get_session"], classmethod)


def test_sagemaker_objects_keep_the_attributes_the_sandbox_sets() -> None:
    """Training jobs, packages and cards have the attributes the sandbox overwrites."""
    from moto.sagemaker.models import SageMakerModelBackend

    backend = SageMakerModelBackend("us-east-1", "123456789012")
    job = backend.create_training_job(
        training_job_name="j",
        hyper_parameters={},
        algorithm_specification={"TrainingImage": "i", "TrainingInputMode": "File"},
        role_arn="arn:aws:iam::123456789012:role/r",
        input_data_config=[],
        output_data_config={"S3OutputPath": "s3://b/o"},
        resource_config={},
        vpc_config={},
        stopping_condition={},
        tags=[],
        enable_network_isolation=False,
        enable_inter_container_traffic_encryption=False,
        enable_managed_spot_training=False,
        checkpoint_config={},
        debug_hook_config={},
        debug_rule_configurations=[],
        tensor_board_output_config={},
        experiment_config={},
    )
    for attribute in (
        "algorithm_specification",
        "final_metric_data_list",
        "creation_time",
        "training_start_time",
        "secondary_status_transitions",
    ):
        assert hasattr(job, attribute), attribute
    assert job.algorithm_specification["MetricDefinitions"][0]["Name"] == "test:dcg", (
        "moto no longer overwrites MetricDefinitions: review the sandbox's create_training_job"
    )


def test_moto_still_lacks_cross_account_model_package_groups() -> None:
    """moto cannot describe a model package group by ARN (the sandbox resolves it)."""
    from moto import mock_aws

    with mock_aws():
        sm = boto3.client("sagemaker", region_name="us-east-1")
        arn = sm.create_model_package_group(ModelPackageGroupName="g")["ModelPackageGroupArn"]
        with pytest.raises(ClientError):
            sm.describe_model_package_group(ModelPackageGroupName=arn)
