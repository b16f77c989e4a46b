"""AWS adapters: the account topology, per-account sessions, retry policies, error mapping.

Everything that talks to AWS goes through here: :class:`AccountTopology` says which
accounts exist, :class:`SessionFactory` hands out refreshing sessions and cached clients
for them, :class:`RetryPolicy` decides what is retried and by whom, and
:func:`translate_client_error` turns botocore errors into :mod:`modelcard_share.errors`.
"""

from modelcard_share.aws._access import Access
from modelcard_share.aws._clients import AccountClients, SessionLike, account_clients
from modelcard_share.aws._errors import translate_botocore_error, translate_client_error
from modelcard_share.aws._idempotency import new_client_token
from modelcard_share.aws._models import new_botocore_session
from modelcard_share.aws._retry import (
    EVENTUAL_CONSISTENCY_CODES,
    ProgressHook,
    RetryDetails,
    RetryHook,
    RetryPolicy,
)
from modelcard_share.aws._sessions import SessionFactory
from modelcard_share.aws._topology import Account, AccountTopology
from modelcard_share.aws._verify import AccountCheck, VerifyReport

__all__ = [
    "EVENTUAL_CONSISTENCY_CODES",
    "Access",
    "Account",
    "AccountCheck",
    "AccountClients",
    "AccountTopology",
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
]
