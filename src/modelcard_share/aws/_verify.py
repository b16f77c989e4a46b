"""The result of :meth:`SessionFactory.verify`: one check per account."""

from __future__ import annotations

from collections.abc import Iterator

from attrs import define, field

from modelcard_share.errors import ModelCardShareError

__all__ = ["AccountCheck", "VerifyReport"]


@define(frozen=True, kw_only=True)
class AccountCheck:
    """Whether credentials for one account work and land in the configured account.

    Attributes:
        account: The topology name of the account.
        account_id: The configured 12-digit account id.
        caller_arn: The ARN GetCallerIdentity returned, if the call succeeded.
        error: What went wrong (a typed error), or ``None``.
    """

    account: str
    account_id: str
    caller_arn: str | None = None
    error: ModelCardShareError | None = field(default=None, eq=False)

    @property
    def ok(self) -> bool:
        """Whether the account's credentials work and land in the configured account."""
        return self.error is None


@define(frozen=True, kw_only=True)
class VerifyReport:
    """The checks of every verified account, in topology order.

    Attributes:
        checks: One :class:`AccountCheck` per account.
    """

    checks: tuple[AccountCheck, ...]

    @property
    def ok(self) -> bool:
        """Whether every account passed."""
        return all(check.ok for check in self.checks)

    @property
    def failures(self) -> tuple[AccountCheck, ...]:
        """The checks that failed."""
        return tuple(check for check in self.checks if not check.ok)

    def caller_arns(self) -> dict[str, str]:
        """Return account name -> caller ARN for every account that passed."""
        return {c.account: c.caller_arn for c in self.checks if c.caller_arn and c.ok}

    def raise_for_errors(self) -> None:
        """Raise the first failed check's error, if any check failed."""
        for check in self.checks:
            if check.error is not None:
                raise check.error

    def __iter__(self) -> Iterator[AccountCheck]:
        return iter(self.checks)

    def __len__(self) -> int:
        return len(self.checks)
