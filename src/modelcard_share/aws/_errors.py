"""Translate botocore ``ClientError`` into the typed errors of :mod:`modelcard_share.errors`.

One table maps SageMaker, RAM and STS error codes to error classes. Codes that are not
in the table fall back on their HTTP status (404, 403, 409, 429, 5xx) or on their shape
(``...NotFound...``, ``...Throttl...``); anything else becomes a plain :class:`AwsError`.
The caller keeps the original as ``__cause__``::

    try:
        ram.get_resource_shares(...)
    except ClientError as err:
        raise translate_client_error(err, resource=arn) from err
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from botocore import exceptions as bce
from botocore.exceptions import ClientError

from modelcard_share.errors import (
    AccessDeniedError,
    AssumeRoleDeniedError,
    AwsConnectionError,
    AwsError,
    AwsValidationError,
    ConfigurationError,
    ConflictError,
    CredentialsError,
    ExpiredSourceCredentialsError,
    ExternalSharingError,
    InvitationAlreadyAcceptedError,
    InvitationAlreadyRejectedError,
    InvitationExpiredError,
    LimitExceededError,
    ModelCardShareError,
    NoSourceCredentialsError,
    NotFoundError,
    RegionDisabledError,
    RoleChainingDurationError,
    ServiceUnavailableError,
    ShareLimitError,
    ThrottledError,
)

if TYPE_CHECKING:
    from modelcard_share.aws._topology import Account

__all__ = [
    "ERROR_CLASSES",
    "EXPIRED_TOKEN_CODES",
    "translate_botocore_error",
    "translate_client_error",
    "translate_sts_error",
]

#: Error codes that mean the request's credentials have expired.
EXPIRED_TOKEN_CODES = frozenset({"ExpiredToken", "ExpiredTokenException", "RequestExpired"})

_NOT_FOUND = (
    "ResourceNotFound",
    "ResourceNotFoundException",
    "UnknownResourceException",
    "ResourceArnNotFoundException",
    "ResourceShareArnNotFoundException",
    "ResourceShareInvitationArnNotFoundException",
    "NoSuchEntity",
    "NoSuchBucket",
    "NoSuchKey",
)
_ACCESS_DENIED = (
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation",
    "UnauthorizedException",
    "InvalidClientTokenId",
    "UnrecognizedClientException",
    "SignatureDoesNotMatch",
    "OperationNotPermittedException",
)
_CONFLICT = (
    "ConflictException",
    "ResourceInUse",
    "ResourceAlreadyExists",
    "PermissionAlreadyExistsException",
    "InvalidStateTransitionException",
)
_VALIDATION = (
    "ValidationException",
    "ValidationError",
    "InvalidParameterException",
    "InvalidParameterValue",
    "MissingRequiredParameterException",
    "MalformedArnException",
    "MalformedPolicyTemplateException",
    "InvalidPolicyException",
    "InvalidResourceTypeException",
    "InvalidClientTokenException",
    "InvalidMaxResultsException",
    "InvalidNextTokenException",
    "IdempotentParameterMismatchException",
    "TagPolicyViolationException",
    "UnmatchedPolicyPermissionException",
    "MalformedPolicyDocument",
    "MalformedPolicyDocumentException",
    "PackedPolicyTooLarge",
    "PackedPolicyTooLargeException",
)
_SHARE_LIMIT = (
    "ResourceShareLimitExceededException",
    "PermissionLimitExceededException",
    "PermissionVersionsLimitExceededException",
    "TagLimitExceededException",
)
_THROTTLED = (
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "TooManyRequestsException",
    "RequestLimitExceeded",
    "RequestThrottled",
    "SlowDown",
)
_UNAVAILABLE = (
    "ServerInternalException",
    "ServiceUnavailableException",
    "ServiceUnavailable",
    "InternalFailure",
    "InternalError",
    "InternalServerError",
)

#: Error code -> error class, for every code the SDK knows by name.
ERROR_CLASSES: dict[str, type[AwsError]] = {
    **dict.fromkeys(_NOT_FOUND, NotFoundError),
    **dict.fromkeys(_ACCESS_DENIED, AccessDeniedError),
    **dict.fromkeys(_CONFLICT, ConflictError),
    **dict.fromkeys(_VALIDATION, AwsValidationError),
    **dict.fromkeys(_SHARE_LIMIT, ShareLimitError),
    "ResourceLimitExceeded": LimitExceededError,
    "LimitExceededException": LimitExceededError,
    **dict.fromkeys(_THROTTLED, ThrottledError),
    **dict.fromkeys(_UNAVAILABLE, ServiceUnavailableError),
    "ResourceShareInvitationExpiredException": InvitationExpiredError,
    "ResourceShareInvitationAlreadyAcceptedException": InvitationAlreadyAcceptedError,
    "ResourceShareInvitationAlreadyRejectedException": InvitationAlreadyRejectedError,
}

_STATUS_CLASSES: dict[int, type[AwsError]] = {
    403: AccessDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: ThrottledError,
}


def _parts(err: ClientError) -> tuple[str, str, int | None, str | None, dict[str, Any]]:
    response: Any = err.response
    error = dict(response.get("Error") or {})
    meta = response.get("ResponseMetadata") or {}
    code = str(error.get("Code") or "Unknown")
    message = str(error.get("Message") or error.get("message") or "").strip()
    status = meta.get("HTTPStatusCode")
    request_id = meta.get("RequestId")
    details = {k: val for k, val in error.items() if k not in {"Code", "Message", "message"}}
    return code, message, status if isinstance(status, int) else None, request_id, details


def _class_for(code: str, status: int | None, message: str) -> type[AwsError]:  # noqa: PLR0911
    if code == "OperationNotPermittedException" and "external" in message.lower():
        return ExternalSharingError
    if code in ERROR_CLASSES:
        return ERROR_CLASSES[code]
    if code in EXPIRED_TOKEN_CODES:
        return AwsError
    if "NotFound" in code or code.startswith("NoSuch"):
        return NotFoundError
    if "Throttl" in code:
        return ThrottledError
    if status is not None:
        if status in _STATUS_CLASSES:
            return _STATUS_CLASSES[status]
        if status >= 500:
            return ServiceUnavailableError
    return AwsError


def translate_client_error(
    err: ClientError, *, resource: str | None = None, account_id: str | None = None
) -> AwsError:
    """Turn a botocore ``ClientError`` into the matching typed :class:`AwsError`.

    The result carries the AWS error code, operation, HTTP status and request id; raise
    it ``from err`` so the original stays available as ``__cause__``.

    Args:
        err: The error botocore raised.
        resource: The ARN or name of the resource the call was about, if known.
        account_id: The account that made the call, if known.

    Returns:
        An instance of the most specific error class for the code, for example
        :class:`NotFoundError` for ``ResourceNotFound`` or :class:`ShareLimitError` for
        ``ResourceShareLimitExceededException``.
    """
    code, message, status, request_id, details = _parts(err)
    cls = _class_for(code, status, message)
    if code in EXPIRED_TOKEN_CODES:
        message = f"the request's credentials have expired: {message}".rstrip(": ")
    text = f"{err.operation_name} failed: {message}" if message else f"{err.operation_name} failed"
    return cls(
        text,
        code=code,
        operation=err.operation_name,
        http_status=status,
        request_id=request_id,
        resource=resource,
        account_id=account_id,
        details=details,
    )


def _is_chaining_limit(message: str) -> bool:
    lowered = message.lower()
    return "chaining" in lowered or ("durationseconds" in lowered and "1 hour" in lowered)


def translate_sts_error(err: ClientError, account: Account) -> CredentialsError:
    """Turn a failed AssumeRole / GetCallerIdentity into a typed :class:`CredentialsError`.

    The result names the account, its id and the role ARN, and carries a hint on what to
    check (trust policy, ExternalId, session duration, region, source credentials).
    """
    code, message, _status, _request_id, _details = _parts(err)
    context = {
        "account": account.name,
        "account_id": account.account_id,
        "role_arn": account.role_arn,
    }
    text = f"{err.operation_name} failed with {code}: {message}".rstrip(": ")
    cls: type[CredentialsError]
    if code in ("AccessDenied", "AccessDeniedException"):
        cls = AssumeRoleDeniedError
    elif code in EXPIRED_TOKEN_CODES:
        cls = ExpiredSourceCredentialsError
    elif code == "RegionDisabledException":
        cls = RegionDisabledError
    elif code in ("ValidationError", "ValidationException") and _is_chaining_limit(message):
        cls = RoleChainingDurationError
    elif code in ("InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch"):
        cls = CredentialsError
        text = f"the base session's credentials were rejected: {text}"
    else:
        cls = CredentialsError
    return cls(text, **context)


def translate_botocore_error(
    err: bce.BotoCoreError, *, operation: str | None = None, resource: str | None = None
) -> ModelCardShareError:
    """Turn a client-side botocore error (no response from AWS) into a typed error.

    Missing credentials become :class:`NoSourceCredentialsError`, an unreachable endpoint
    :class:`AwsConnectionError`, botocore's own parameter validation
    :class:`AwsValidationError`, a missing region :class:`ConfigurationError`; anything
    else a plain :class:`AwsError`. Raise the result ``from err``.
    """
    where = f"{operation}: " if operation else ""
    if isinstance(
        err, (bce.NoCredentialsError, bce.PartialCredentialsError, bce.CredentialRetrievalError)
    ):
        return NoSourceCredentialsError(f"{where}{err}")
    if isinstance(err, (bce.ConnectionError, bce.HTTPClientError)):
        return AwsConnectionError(
            f"{where}could not reach AWS: {err}", operation=operation, resource=resource
        )
    if isinstance(err, bce.ParamValidationError):
        return AwsValidationError(
            f"{where}botocore refused the request before sending it: {err}",
            code="ParamValidationError",
            operation=operation,
            resource=resource,
        )
    if isinstance(err, bce.NoRegionError):
        return ConfigurationError(
            f"{where}no AWS region: pass region=..., or use a session with region_name set"
        )
    return AwsError(f"{where}{err}", operation=operation, resource=resource)
