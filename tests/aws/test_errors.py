"""translate_client_error / translate_sts_error: each AWS code becomes the right typed error."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from modelcard_share.aws import Account, translate_client_error
from modelcard_share.aws._errors import translate_sts_error
from modelcard_share.errors import (
    AccessDeniedError,
    AssumeRoleDeniedError,
    AwsError,
    AwsValidationError,
    ConflictError,
    CredentialsError,
    ExpiredSourceCredentialsError,
    ExternalSharingError,
    InvitationAlreadyAcceptedError,
    InvitationAlreadyRejectedError,
    InvitationExpiredError,
    LimitExceededError,
    NotFoundError,
    RegionDisabledError,
    RoleChainingDurationError,
    ServiceUnavailableError,
    ShareLimitError,
    ThrottledError,
)


def client_error(
    code: str, message: str = "something happened", status: int = 400, op: str = "Op"
) -> ClientError:
    response: Any = {
        "Error": {"Code": code, "Message": message},
        "ResponseMetadata": {"HTTPStatusCode": status, "RequestId": "req-123"},
    }
    return ClientError(response, op)


CASES: list[tuple[str, int, type[AwsError]]] = [
    # SageMaker
    ("ResourceNotFound", 400, NotFoundError),
    ("ConflictException", 400, ConflictError),
    ("ResourceInUse", 400, ConflictError),
    ("ResourceLimitExceeded", 400, LimitExceededError),
    ("ValidationException", 400, AwsValidationError),
    ("AccessDeniedException", 400, AccessDeniedError),
    ("ThrottlingException", 400, ThrottledError),
    # RAM
    ("UnknownResourceException", 400, NotFoundError),
    ("ResourceArnNotFoundException", 400, NotFoundError),
    ("ResourceShareArnNotFoundException", 400, NotFoundError),
    ("ResourceShareInvitationArnNotFoundException", 400, NotFoundError),
    ("InvalidParameterException", 400, AwsValidationError),
    ("MalformedArnException", 400, AwsValidationError),
    ("MissingRequiredParameterException", 400, AwsValidationError),
    ("IdempotentParameterMismatchException", 400, AwsValidationError),
    ("InvalidClientTokenException", 400, AwsValidationError),
    ("TagPolicyViolationException", 400, AwsValidationError),
    ("InvalidStateTransitionException", 400, ConflictError),
    ("PermissionAlreadyExistsException", 409, ConflictError),
    ("ResourceShareLimitExceededException", 400, ShareLimitError),
    ("PermissionLimitExceededException", 400, ShareLimitError),
    ("PermissionVersionsLimitExceededException", 400, ShareLimitError),
    ("TagLimitExceededException", 400, ShareLimitError),
    ("ResourceShareInvitationExpiredException", 400, InvitationExpiredError),
    ("ResourceShareInvitationAlreadyAcceptedException", 400, InvitationAlreadyAcceptedError),
    ("ResourceShareInvitationAlreadyRejectedException", 400, InvitationAlreadyRejectedError),
    ("OperationNotPermittedException", 400, AccessDeniedError),
    ("ServerInternalException", 500, ServiceUnavailableError),
    ("ServiceUnavailableException", 503, ServiceUnavailableError),
    # STS / generic
    ("AccessDenied", 403, AccessDeniedError),
    ("ValidationError", 400, AwsValidationError),
    ("Throttling", 400, ThrottledError),
    ("ExpiredTokenException", 400, AwsError),
    # fallbacks on the code's shape or the HTTP status
    ("SomethingNotFoundFault", 400, NotFoundError),
    ("ThrottledByPolicy", 400, ThrottledError),
    ("Mystery", 404, NotFoundError),
    ("Mystery", 403, AccessDeniedError),
    ("Mystery", 409, ConflictError),
    ("Mystery", 429, ThrottledError),
    ("Mystery", 502, ServiceUnavailableError),
    ("Mystery", 400, AwsError),
]


@pytest.mark.parametrize(("code", "status", "cls"), CASES)
def test_code_maps_to_class_with_context(code: str, status: int, cls: type[AwsError]) -> None:
    err = client_error(code, "the details", status, "DescribeModelCard")
    result = translate_client_error(err, resource="card-1", account_id="222222222222")
    assert type(result) is cls
    assert result.code == code
    assert result.operation == "DescribeModelCard"
    assert result.http_status == status
    assert result.request_id == "req-123"
    assert result.resource == "card-1"
    assert result.account_id == "222222222222"
    text = str(result)
    assert "DescribeModelCard failed: " in text
    assert "the details" in text
    assert "resource=card-1" in text


def test_builtin_bases_let_existing_handlers_catch() -> None:
    assert isinstance(translate_client_error(client_error("ResourceNotFound")), LookupError)
    assert isinstance(translate_client_error(client_error("AccessDenied")), PermissionError)
    assert isinstance(translate_client_error(client_error("ValidationException")), ValueError)


def test_external_sharing_refusal_gets_its_own_class() -> None:
    err = client_error(
        "OperationNotPermittedException", "The resource share doesn't allow external principals"
    )
    assert type(translate_client_error(err)) is ExternalSharingError


def test_expired_token_message_says_so() -> None:
    result = translate_client_error(client_error("ExpiredToken", "The token expired"))
    assert "credentials have expired" in str(result)


def test_extra_error_members_are_kept_as_details() -> None:
    response: Any = {
        "Error": {"Code": "ResourceNotFound", "Message": "m", "Reason": "gone"},
        "ResponseMetadata": {"HTTPStatusCode": 400},
    }
    result = translate_client_error(ClientError(response, "Op"))
    assert result.details == {"Reason": "gone"}
    assert result.request_id is None


def _describe() -> None:
    try:
        raise client_error("ResourceNotFound")
    except ClientError as err:
        raise translate_client_error(err) from err


def test_raise_from_keeps_the_original_as_cause() -> None:
    with pytest.raises(NotFoundError) as info:
        _describe()
    assert isinstance(info.value.__cause__, ClientError)
    assert info.value.__cause__.response["Error"]["Code"] == "ResourceNotFound"


ACCOUNT = Account(
    name="prod",
    account_id="444444444444",
    role_arn="arn:aws:iam::444444444444:role/R",
    region="eu-west-1",
    external_id="very-secret-ext",
)

STS_CASES: list[tuple[str, str, type[CredentialsError], str]] = [
    ("AccessDenied", "not authorized to perform sts:AssumeRole", AssumeRoleDeniedError,
     "trust policy"),
    ("ExpiredToken", "The security token included in the request is expired",
     ExpiredSourceCredentialsError, "aws sso login"),
    ("RegionDisabledException", "STS is not activated in this region", RegionDisabledError,
     "Enable the region"),
    ("ValidationError",
     "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by "
     "role chaining.", RoleChainingDurationError, "at most 3600"),
    ("InvalidClientTokenId", "The security token included in the request is invalid",
     CredentialsError, "rejected"),
    ("MalformedPolicyDocument", "bad policy", CredentialsError, "MalformedPolicyDocument"),
]  # fmt: skip


@pytest.mark.parametrize(("code", "message", "cls", "hint"), STS_CASES)
def test_sts_errors_become_typed_credentials_errors(
    code: str, message: str, cls: type[CredentialsError], hint: str
) -> None:
    result = translate_sts_error(client_error(code, message, 403, "AssumeRole"), ACCOUNT)
    assert type(result) is cls
    assert (result.account, result.account_id, result.role_arn) == (
        "prod",
        "444444444444",
        "arn:aws:iam::444444444444:role/R",
    )
    text = str(result)
    assert hint in text
    assert "arn:aws:iam::444444444444:role/R" in text
    assert "very-secret-ext" not in text


def test_other_validation_errors_are_not_role_chaining() -> None:
    result = translate_sts_error(client_error("ValidationError", "bad session name"), ACCOUNT)
    assert type(result) is CredentialsError
