"""The exception hierarchy of modelcard-share.

Every error the public API raises derives from :class:`ModelCardShareError`.
Errors that come from an AWS call keep the original
``botocore.exceptions.ClientError`` as ``__cause__`` and expose its error
code, operation and HTTP status, so nothing AWS said is lost.

Several errors also derive from a built-in exception (``ValueError``,
``LookupError``, ``PermissionError``, ``TimeoutError``) so that code which
already catches those keeps working.

The tree::

    ModelCardShareError
    ├── ContentValidationError (ValueError)
    ├── ConfigurationError (ValueError)
    │   ├── ArgumentTypeError (TypeError)
    │   └── TopologyError
    ├── CredentialsError
    │   ├── AssumeRoleDeniedError (PermissionError)
    │   ├── RoleChainingDurationError
    │   ├── NoSourceCredentialsError
    │   ├── ExpiredSourceCredentialsError
    │   └── RegionDisabledError
    ├── InvalidTransitionError
    │   ├── ArchivedCardError
    │   └── RegistryPolicyError
    ├── WaitTimeoutError (TimeoutError)
    ├── ExportFailedError
    ├── AssociationFailedError
    ├── AwsError
    │   ├── NotFoundError (LookupError)
    │   ├── AccessDeniedError (PermissionError)
    │   │   └── NotOwnerError
    │   ├── ConflictError
    │   │   └── ConcurrentModificationError
    │   ├── AwsValidationError (ValueError)
    │   ├── AwsConnectionError (ConnectionError)
    │   ├── LimitExceededError
    │   │   └── ShareLimitError
    │   ├── ThrottledError
    │   ├── ServiceUnavailableError
    │   ├── ExternalSharingError
    │   └── InvitationError
    │       ├── InvitationExpiredError
    │       ├── InvitationAlreadyAcceptedError
    │       └── InvitationAlreadyRejectedError
    └── SandboxError
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "AccessDeniedError",
    "ArchivedCardError",
    "ArgumentTypeError",
    "AssociationFailedError",
    "AssumeRoleDeniedError",
    "AwsConnectionError",
    "AwsError",
    "AwsValidationError",
    "ConcurrentModificationError",
    "ConfigurationError",
    "ConflictError",
    "ContentProblem",
    "ContentValidationError",
    "CredentialsError",
    "ExpiredSourceCredentialsError",
    "ExportFailedError",
    "ExternalSharingError",
    "InvalidTransitionError",
    "InvitationAlreadyAcceptedError",
    "InvitationAlreadyRejectedError",
    "InvitationError",
    "InvitationExpiredError",
    "LimitExceededError",
    "ModelCardShareError",
    "NoSourceCredentialsError",
    "NotFoundError",
    "NotOwnerError",
    "RegionDisabledError",
    "RegistryPolicyError",
    "RoleChainingDurationError",
    "SandboxError",
    "ServiceUnavailableError",
    "ShareLimitError",
    "ThrottledError",
    "TopologyError",
    "WaitTimeoutError",
]


class ModelCardShareError(Exception):
    """Root of every error raised by modelcard-share."""


# --------------------------------------------------------------------------- content


class ContentProblem:
    """One broken rule in a model card's content.

    Attributes:
        path: Where the problem is, as a JSON path such as
            ``evaluation_details[0].metric_groups[1].metric_data[2].value``
            (``""`` for the document itself).
        rule: The schema rule that is broken, such as ``maxLength`` or ``enum``.
        message: A sentence that says what is wrong and what is allowed.
    """

    __slots__ = ("message", "path", "rule")

    def __init__(self, path: str, rule: str, message: str) -> None:
        self.path = path
        self.rule = rule
        self.message = message

    def __repr__(self) -> str:
        return f"ContentProblem(path={self.path!r}, rule={self.rule!r}, message={self.message!r})"

    def __str__(self) -> str:
        where = self.path or "<document>"
        return f"{where}: {self.message} [{self.rule}]"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ContentProblem):
            return NotImplemented
        return (self.path, self.rule, self.message) == (other.path, other.rule, other.message)

    def __hash__(self) -> int:
        return hash((self.path, self.rule, self.message))


class ContentValidationError(ModelCardShareError, ValueError):
    """Model card content breaks one or more rules of the model card schema.

    All problems are collected before raising; ``problems`` lists each one
    with its JSON path and rule.
    """

    def __init__(self, problems: Sequence[ContentProblem]) -> None:
        self.problems: tuple[ContentProblem, ...] = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"model card content has {count} {noun}:\n{lines}")

    @property
    def paths(self) -> tuple[str, ...]:
        """The JSON paths of all problems, in the order they were found."""
        return tuple(p.path for p in self.problems)


# --------------------------------------------------------------------- configuration


class ConfigurationError(ModelCardShareError, ValueError):
    """A parameter given to the SDK is invalid; raised before any AWS call."""


class ArgumentTypeError(ConfigurationError, TypeError):
    """An argument given to the SDK has the wrong type; raised before any AWS call.

    It is also a ``TypeError`` (and, as a :class:`ConfigurationError`, a ``ValueError``),
    so code that catches either keeps working.
    """


class TopologyError(ConfigurationError):
    """The account topology is invalid.

    Attributes:
        account: The name of the account whose entry is at fault, if any.
        field: The field at fault, if any.
    """

    def __init__(self, message: str, *, account: str | None = None, field: str | None = None):
        self.account = account
        self.field = field
        where = ".".join(x for x in ("accounts" if account else None, account, field) if x)
        super().__init__(f"{where}: {message}" if where else message)


# ----------------------------------------------------------------------- credentials


class CredentialsError(ModelCardShareError):
    """Credentials for an account could not be obtained.

    Attributes:
        account: The topology name of the account.
        account_id: The 12-digit account id.
        role_arn: The role that was to be assumed, if any.
    """

    hint = ""

    def __init__(
        self,
        message: str,
        *,
        account: str | None = None,
        account_id: str | None = None,
        role_arn: str | None = None,
    ) -> None:
        self.account = account
        self.account_id = account_id
        self.role_arn = role_arn
        context = ", ".join(
            f"{k}={v}"
            for k, v in (("account", account), ("account_id", account_id), ("role", role_arn))
            if v
        )
        text = f"{message} ({context})" if context else message
        if self.hint:
            text = f"{text}. {self.hint}"
        super().__init__(text)


class AssumeRoleDeniedError(CredentialsError, PermissionError):
    """STS refused AssumeRole for the account's role."""

    hint = (
        "Check the role's trust policy (it must trust the calling principal), the "
        "ExternalId, and that the trust policy allows sts:TagSession and "
        "sts:SetSourceIdentity when session tags or a source identity are sent"
    )


class RoleChainingDurationError(CredentialsError):
    """The session duration is longer than role chaining allows (3600 seconds)."""

    hint = "When the source credentials are themselves a role session, use at most 3600 seconds"


class NoSourceCredentialsError(CredentialsError):
    """No credentials were found: for the base session's AssumeRole, or for a plain session."""

    hint = (
        "Configure credentials (environment, profile, SSO or instance role) for the "
        "session the SDK was given"
    )


class ExpiredSourceCredentialsError(CredentialsError):
    """The credentials used to call STS have expired."""

    hint = "Refresh the base session's credentials (for example `aws sso login`)"


class RegionDisabledError(CredentialsError):
    """STS is not enabled for the account in the requested region."""

    hint = "Enable the region for the account, or use a regional STS endpoint that is enabled"


# ------------------------------------------------------------------------- lifecycle


class InvalidTransitionError(ModelCardShareError):
    """A model card status change that the lifecycle does not allow.

    Attributes:
        current: The card's status now.
        requested: The status that was asked for.
    """

    def __init__(self, message: str, *, current: str | None = None, requested: str | None = None):
        self.current = current
        self.requested = requested
        super().__init__(message)


class ArchivedCardError(InvalidTransitionError):
    """The card is Archived: its content can no longer change (it can still be exported)."""


class RegistryPolicyError(InvalidTransitionError):
    """The topology's ``[lifecycle.registry]`` policy refuses the card's status.

    Raised, before any write, when ``on_approve = "require-approved-package"`` and the
    card's model package is not Approved (or the card names no model package).

    Attributes:
        card: The card's name.
        group: The model package group the card names, if any.
        package_arn: The model package checked, if any.
        approval_status: That package's ``ModelApprovalStatus``, if known.
    """

    def __init__(
        self,
        message: str,
        *,
        card: str,
        group: str | None = None,
        package_arn: str | None = None,
        approval_status: str | None = None,
        current: str | None = None,
        requested: str | None = None,
    ) -> None:
        self.card = card
        self.group = group
        self.package_arn = package_arn
        self.approval_status = approval_status
        super().__init__(message, current=current, requested=requested)


class WaitTimeoutError(ModelCardShareError, TimeoutError):
    """Waiting for AWS to reach a state took longer than allowed."""


class ExportFailedError(ModelCardShareError):
    """A model card export job ended in the Failed state.

    Attributes:
        job_arn: The export job ARN.
        reason: The failure reason SageMaker reported.
    """

    def __init__(self, message: str, *, job_arn: str, reason: str | None = None) -> None:
        self.job_arn = job_arn
        self.reason = reason
        super().__init__(message)


class AssociationFailedError(ModelCardShareError):
    """RAM reports a principal or resource association of a share as FAILED.

    Attributes:
        share_arn: The resource share.
        entity: The principal or resource whose association failed.
        reason: RAM's status message.
    """

    def __init__(self, message: str, *, share_arn: str, entity: str, reason: str | None = None):
        self.share_arn = share_arn
        self.entity = entity
        self.reason = reason
        super().__init__(message)


# ------------------------------------------------------------------------ AWS errors


class AwsError(ModelCardShareError):
    """An AWS call failed; the original ``ClientError`` is ``__cause__``.

    Attributes:
        code: The AWS error code, such as ``ResourceNotFound``.
        operation: The AWS operation, such as ``DescribeModelCard``.
        http_status: The HTTP status code of the failed response.
        request_id: The AWS request id, for support cases.
        resource: The ARN or name of the resource involved, if known.
        account_id: The account that made the call, if known.
    """

    hint = ""

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        operation: str | None = None,
        http_status: int | None = None,
        request_id: str | None = None,
        resource: str | None = None,
        account_id: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        self.code = code
        self.operation = operation
        self.http_status = http_status
        self.request_id = request_id
        self.resource = resource
        self.account_id = account_id
        self.details = dict(details or {})
        parts = [message]
        context = ", ".join(
            f"{k}={v}"
            for k, v in (
                ("operation", operation),
                ("code", code),
                ("resource", resource),
                ("account", account_id),
            )
            if v
        )
        if context:
            parts.append(f"({context})")
        #: The message with its context but without the hint (front ends add their own).
        self.base_message = " ".join(parts)
        text = f"{self.base_message}. {self.hint}" if self.hint else self.base_message
        super().__init__(text)


class NotFoundError(AwsError, LookupError):
    """The resource does not exist, or is not visible to this account."""

    hint = (
        "Check the name or ARN and the region; a card owned by another account is "
        "visible only after it is shared with this account through AWS RAM"
    )


class AccessDeniedError(AwsError, PermissionError):
    """The caller is not allowed to perform the action."""

    hint = (
        "Check the caller's IAM policy and, for a shared card, the RAM permission of "
        "the share (a read-only share does not allow UpdateModelCard)"
    )


class NotOwnerError(AccessDeniedError):
    """Only the card's owner account may perform this action."""

    hint = "Run this from the account that owns the model card"


class ConflictError(AwsError):
    """The resource is in a state that conflicts with the request."""


class ConcurrentModificationError(ConflictError):
    """The card changed since it was loaded; reload it, or pass ``force=True``."""

    hint = "Reload the card and apply your change again, or pass force=True to overwrite"


class AwsValidationError(AwsError, ValueError):
    """AWS rejected a parameter of the request."""


class AwsConnectionError(AwsError, ConnectionError):
    """AWS could not be reached (no network, a wrong endpoint URL, a proxy or DNS problem)."""

    hint = (
        "Check the network, the region, and any endpoint setting (endpoint_url, "
        "AWS_ENDPOINT_URL) that points the SDK somewhere else"
    )


class LimitExceededError(AwsError):
    """An AWS quota was reached."""

    hint = "Delete unused resources or request a quota increase in Service Quotas"


class ShareLimitError(LimitExceededError):
    """A RAM quota (resource shares, permissions, tags) was reached."""


class ThrottledError(AwsError):
    """AWS kept throttling the request after every retry the policy allows."""

    hint = "Reduce the request rate or raise the retry policy's attempt count"


class ServiceUnavailableError(AwsError):
    """AWS kept failing with a server error after every retry the policy allows."""


class ExternalSharingError(AwsError):
    """Sharing with a principal outside the organization was refused."""

    hint = (
        "Pass allow_external=True to share outside your AWS Organization, or enable "
        "sharing with AWS Organizations in the management account"
    )


class InvitationError(AwsError):
    """A resource share invitation could not be accepted or rejected."""


class InvitationExpiredError(InvitationError):
    """The invitation expired before it was accepted."""

    hint = "Ask the owner of the share to share the card with this account again"


class InvitationAlreadyAcceptedError(InvitationError):
    """The invitation was already accepted."""


class InvitationAlreadyRejectedError(InvitationError):
    """The invitation was already rejected."""


# ------------------------------------------------------------------------- sandbox


class SandboxError(ModelCardShareError):
    """The offline sandbox could not start or was used wrongly."""
