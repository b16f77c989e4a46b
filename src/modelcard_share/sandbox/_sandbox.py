"""The public face of the sandbox: a multi-account AWS world for model cards and RAM."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Mapping
from datetime import timedelta
from types import ModuleType, TracebackType
from typing import Any

import boto3

from modelcard_share.aws import new_botocore_session
from modelcard_share.errors import SandboxError
from modelcard_share.sandbox import _constants as const
from modelcard_share.sandbox._clock import SandboxClock
from modelcard_share.sandbox._faults import Faults
from modelcard_share.sandbox._topology import Organization, check_accounts, check_org
from modelcard_share.sandbox._world import World, activate, deactivate

__all__ = ["Organization", "Sandbox"]

_ACCOUNT_ID = re.compile(r"^\d{12}$")
_FAKE_KEY = "testing"


class Sandbox:
    """Run an offline multi-account AWS world (moto) where model cards can be shared with RAM.

    Use it as a context manager or with :meth:`start` / :meth:`stop`. Each account gets
    credentials from STS AssumeRole, so moto maps every call to the right account.

    Args:
        accounts: Account name -> 12-digit account id.
        organization: True (all accounts in one organization with RAM sharing enabled), False
            (no organization: every cross-account share sends an invitation) or an
            :class:`Organization`.
        region: Default region of the sessions.
        role_name: Role created in every account for the SDK to assume.
        association_delay: How long associations stay ASSOCIATING when no invitation is needed.
        export_job_duration: How long export jobs stay InProgress.
        server: Serve the world over HTTP (moto's ThreadedMotoServer) instead of in-process.
        host: Host to bind in server mode.
        port: Port to bind in server mode (0 picks a free port).
    """

    def __init__(
        self,
        accounts: Mapping[str, str],
        organization: bool | Organization = True,
        region: str = "us-east-1",
        *,
        role_name: str = const.DEFAULT_ROLE_NAME,
        association_delay: timedelta = const.DEFAULT_ASSOCIATION_DELAY,
        export_job_duration: timedelta = const.DEFAULT_EXPORT_JOB_DURATION,
        server: bool = False,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self._accounts = check_accounts(accounts)
        self._org = check_org(organization, self._accounts)
        self.region = region
        self.role_name = role_name
        self.clock = SandboxClock()
        self._faults = Faults(self.clock)
        self._association_delay = association_delay
        self._export_job_duration = export_job_duration
        self._server_mode = server
        self._host = host
        self._port = port
        self._world: World | None = None
        self._mock: Any = None
        self._server: Any = None
        self._creds: dict[str, dict[str, str]] = {}
        self._base_creds: dict[str, str] = {}
        self._ou_arns: dict[str, str] = {}
        self._setup_session: Any = None
        self._clients: dict[tuple[str, str, str], Any] = {}
        self._clients_lock = threading.Lock()

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> Sandbox:
        """Start moto (in-process or as a server) and create the accounts, organization and roles.

        Returns:
            The sandbox itself, started.

        Raises:
            SandboxError: If it is already running, another sandbox runs, or moto is missing.
        """
        if self._world is not None:
            raise SandboxError("this Sandbox is already running")
        runtime = _runtime()
        world = World(
            accounts=dict(self._accounts),
            region=self.region,
            clock=self.clock,
            association_delay=self._association_delay,
            export_job_duration=self._export_job_duration,
        )
        activate(world)
        self._world = world
        try:
            runtime.install()
            if self._server_mode:
                self._server = runtime.start_server(self._host, self._port)
            else:
                self._mock = runtime.start_mock()
            self.clock.subscribe(self._tick)
            self._setup()
            exempt = [c["AccessKeyId"] for c in (*self._creds.values(), self._base_creds)]
            self._faults._attach(world, exempt)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop moto, drop all state and restore moto's own routes."""
        self.clock.unsubscribe(self._tick)
        self._faults._detach()
        if self._mock is not None:
            self._mock.stop()
            self._mock = None
        if self._server is not None:
            self._server.stop()
            self._server = None
            _runtime().reset_all()
        if self._world is not None:
            deactivate(self._world)
            self._world = None
            _runtime().uninstall()
        self._creds.clear()
        self._setup_session = None
        with self._clients_lock:
            self._clients.clear()
        self._base_creds.clear()

    def reset(self) -> None:
        """Delete every model card, share, permission, invitation, export job and bucket.

        Accounts, organization, roles and sessions stay valid.
        """
        _runtime().reset_data(self._running())

    @property
    def faults(self) -> Faults:
        """Inject faults into every RAM and SageMaker request, and count the attempts.

        ``sandbox.faults.set(throttle=0.3, server_error=0.05, seed=1)`` switches faults on,
        ``sandbox.faults.clear()`` off; ``sandbox.faults.counts`` tells what happened.
        """
        return self._faults

    def _running(self) -> World:
        if self._world is None:
            raise SandboxError(
                "the Sandbox is not running; call start() or use `with Sandbox(...)`"
            )
        return self._world

    def _tick(self) -> None:
        if self._world is not None:
            _runtime().tick(self._world)

    # ----------------------------------------------------------------- accounts

    @property
    def accounts(self) -> dict[str, str]:
        """Account name -> account id."""
        return dict(self._accounts)

    @property
    def endpoint_url(self) -> str | None:
        """The HTTP endpoint in server mode, else None."""
        if self._server is None:
            return None
        host, port = self._server.get_host_and_port()
        return f"http://{host}:{port}"

    def account_id(self, name: str) -> str:
        """Return the 12-digit id of the account called ``name``."""
        try:
            return self._accounts[name]
        except KeyError:
            raise SandboxError(
                f"unknown account {name!r}; known: {sorted(self._accounts)}"
            ) from None

    def role_arn(self, name: str) -> str:
        """Return the ARN of the SDK role (``role_name``) in the account called ``name``."""
        return f"arn:aws:iam::{self.account_id(name)}:role/{self.role_name}"

    def credentials(self, name: str) -> dict[str, str]:
        """Return an account's STS credentials (AccessKeyId, SecretAccessKey, SessionToken)."""
        self._running()
        self.account_id(name)
        return dict(self._creds[name])

    def session(self, name: str, region: str | None = None) -> boto3.Session:
        """Return a new boto3 Session acting as the account ``name`` (role ``role_name``).

        Each call returns a new Session (sessions are not thread-safe; give each thread its
        own, or share the clients made from one). Service models are loaded once per process.
        In server mode a Session cannot carry the endpoint: use :meth:`client`, or pass
        ``endpoint_url=sandbox.endpoint_url`` when making clients.
        """
        return self._session(self.credentials(name), region)

    def client(self, name: str, service: str, region: str | None = None) -> Any:
        """Return a cached boto3 client of ``service`` acting as the account ``name``.

        Clients are thread-safe and shared; in server mode they point at the HTTP endpoint.
        """
        key = (name, service, region or self.region)
        with self._clients_lock:
            cached = self._clients.get(key)
        if cached is not None:
            return cached
        session: Any = self.session(name, region)
        created = session.client(service, endpoint_url=self.endpoint_url)
        with self._clients_lock:
            return self._clients.setdefault(key, created)

    def base_session(self, region: str | None = None) -> boto3.Session:
        """Return a Session of the home (management) account that may assume every SDK role."""
        self._running()
        return self._session(self._base_creds, region)

    def _session(self, creds: Mapping[str, str], region: str | None) -> boto3.Session:
        core = new_botocore_session()
        return boto3.Session(
            aws_access_key_id=creds["AccessKeyId"],
            aws_secret_access_key=creds["SecretAccessKey"],
            aws_session_token=creds["SessionToken"],
            region_name=region or self.region,
            botocore_session=core,
        )

    @property
    def home_account(self) -> str:
        """Name of the account behind :meth:`base_session` (management, or the first account)."""
        if self._org is not None and self._org.management is not None:
            return self._org.management
        return next(iter(self._accounts))

    # -------------------------------------------------------------- organization

    @property
    def organization_id(self) -> str | None:
        """The emulated organization's id (``o-...``), or None without an organization."""
        return self._running().organization_id

    @property
    def organization_arn(self) -> str | None:
        """The emulated organization's ARN, or None without an organization."""
        return self._running().organization_arn

    def ou_arn(self, name: str) -> str:
        """Return the ARN of the organizational unit called ``name``."""
        self._running()
        try:
            return self._ou_arns[name]
        except KeyError:
            raise SandboxError(f"unknown organizational unit {name!r}") from None

    # --------------------------------------------------------------------- setup

    def _client(self, service: str, creds: Mapping[str, str] | None = None) -> Any:
        fake = {"AccessKeyId": _FAKE_KEY, "SecretAccessKey": _FAKE_KEY, "SessionToken": _FAKE_KEY}
        if self._setup_session is None:
            self._setup_session = self._session(fake, self.region)
        creds = creds or fake
        return self._setup_session.client(
            service,
            endpoint_url=self.endpoint_url,
            aws_access_key_id=creds["AccessKeyId"],
            aws_secret_access_key=creds["SecretAccessKey"],
            aws_session_token=creds["SessionToken"],
        )

    def _assume(self, sts: Any, account_id: str, role: str, session_name: str) -> dict[str, str]:
        response = sts.assume_role(
            RoleArn=f"arn:aws:iam::{account_id}:role/{role}",
            RoleSessionName=session_name,
            DurationSeconds=const.SESSION_DURATION_SECONDS,
        )
        c = response["Credentials"]
        return {
            "AccessKeyId": c["AccessKeyId"],
            "SecretAccessKey": c["SecretAccessKey"],
            "SessionToken": c["SessionToken"],
        }

    def _setup(self) -> None:
        world = self._running()
        home_id = self._accounts[self.home_account]
        trust = json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": f"arn:aws:iam::{home_id}:root"},
                        "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
                    }
                ],
            }
        )
        sts = self._client("sts")
        for name, account_id in self._accounts.items():
            admin = self._assume(sts, account_id, const.BASE_ROLE_NAME, "sandbox-setup")
            iam = self._client("iam", admin)
            for role in (const.BASE_ROLE_NAME, self.role_name):
                iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust)
            iam.put_role_policy(
                RoleName=self.role_name,
                PolicyName="sandbox-all",
                PolicyDocument=json.dumps(
                    {
                        "Version": "2012-10-17",
                        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
                    }
                ),
            )
            if account_id == home_id:
                self._base_creds = admin
            self._creds[name] = self._assume(sts, account_id, self.role_name, f"sandbox-{name}")
        if self._org is None:
            return
        org = self._org
        members = org.members if org.members is not None else tuple(self._accounts)
        management = org.management or members[0]
        orgs = self._client("organizations", self._creds[management])
        described = orgs.create_organization(FeatureSet="ALL")["Organization"]
        world.organization_id = described["Id"]
        world.organization_arn = described["Arn"]
        world.management_account_id = self._accounts[management]
        world.org_members = frozenset(self._accounts[m] for m in members)
        root = orgs.list_roots()["Roots"][0]["Id"]
        for ou_name, ou_members in org.ous.items():
            ou = orgs.create_organizational_unit(ParentId=root, Name=ou_name)["OrganizationalUnit"]
            self._ou_arns[ou_name] = ou["Arn"]
            world.ous[ou_name] = (ou["Arn"], frozenset(self._accounts[m] for m in ou_members))
        if org.sharing_enabled:
            self._client("ram", self._creds[management]).enable_sharing_with_aws_organization()


def _runtime() -> ModuleType:
    """Import the moto-facing half of the sandbox (moto is an optional dependency)."""
    try:
        from modelcard_share.sandbox import _runtime as runtime  # noqa: PLC0415 - optional moto
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise SandboxError(
            f"the sandbox needs moto ({exc}): pip install 'modelcard-share[sandbox]'"
        ) from exc
    return runtime
