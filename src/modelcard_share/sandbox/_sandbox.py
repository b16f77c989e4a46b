"""The public face of the sandbox: a multi-account AWS world for model cards and RAM."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Mapping
from datetime import timedelta
from pathlib import Path
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any

import boto3
import botocore.session

from modelcard_share._ids import partition_of_region
from modelcard_share.aws import new_botocore_session
from modelcard_share.errors import SandboxError
from modelcard_share.sandbox import _constants as const
from modelcard_share.sandbox import _mdlc
from modelcard_share.sandbox._clock import SandboxClock
from modelcard_share.sandbox._connect import SandboxConnection, make_session, write_profiles
from modelcard_share.sandbox._events import SandboxEvents
from modelcard_share.sandbox._exceptions import (
    SandboxArgumentError,
    SandboxTypeError,
    require_str,
)
from modelcard_share.sandbox._faults import Faults
from modelcard_share.sandbox._schema import ContentSchema
from modelcard_share.sandbox._topology import (
    DEFAULT_ACCOUNTS,
    Organization,
    check_accounts,
    check_org,
)
from modelcard_share.sandbox._world import World, activate, deactivate

if TYPE_CHECKING:
    from modelcard_share.aws import AccountTopology, RetryPolicy, SessionFactory

__all__ = ["Organization", "Sandbox", "check_region", "offline_botocore_session"]

_FAKE_KEY = "testing"


def check_region(region: object, argument: str = "region") -> str:
    """Return ``region`` if botocore knows it, else raise a typed error naming ``argument``."""
    if not isinstance(region, str):
        raise SandboxTypeError(f"{argument} must be a region name string, got {region!r}")
    if partition_of_region(region) is None:
        raise SandboxArgumentError(f"{argument}: unknown AWS region {region!r}")
    return region


def offline_botocore_session() -> botocore.session.Session:
    """A botocore session that reads no outside AWS setting.

    No environment variable (``AWS_PROFILE``, ``AWS_ENDPOINT_URL*``, ``AWS_DEFAULT_REGION``,
    ``AWS_USE_FIPS_ENDPOINT``...) and no config or credentials file reaches it, so the sandbox
    works offline whatever the machine's AWS setup says.
    """
    core = new_botocore_session()
    forced: dict[str, Any] = {
        "config_file": os.devnull,
        "credentials_file": os.devnull,
        "profile": None,
        "ignore_configured_endpoint_urls": True,
    }
    for name, (_config, _env, default, convert) in list(core.session_var_map.items()):
        core.session_var_map[name] = (None, None, forced.get(name, default), convert)
    return core


def _check_flag(value: object, argument: str) -> bool:
    if not isinstance(value, bool):
        raise SandboxTypeError(f"{argument} must be True or False, got {value!r}")
    return value


def _check_port(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 65535:
        raise SandboxArgumentError(f"port must be an int in 0..65535, got {value!r}")
    return value


def _check_delay(value: object, argument: str) -> timedelta:
    if not isinstance(value, timedelta):
        raise SandboxTypeError(f"{argument} must be a datetime.timedelta, got {value!r}")
    if value < timedelta(0):
        raise SandboxArgumentError(f"{argument} must not be negative, got {value!r}")
    return value


class Sandbox:
    """Run an offline multi-account AWS world (moto) where model cards can be shared with RAM.

    Use it as a context manager or with :meth:`start` / :meth:`stop`. Each account gets
    credentials from STS AssumeRole, so moto maps every call to the right account.

    Args:
        accounts: Account name -> 12-digit account id (default :data:`DEFAULT_ACCOUNTS`).
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
        schema_extensions: Fields "known to a newer service" that model card content may
            carry besides the shipped schema: object path -> field name -> JSON schema, e.g.
            ``{"model_overview": {"new_field": {"type": "string"}}}`` (see :meth:`extend_schema`).

    Raises:
        TopologyError: Accounts or organization that do not fit (also a ValueError).
        SandboxArgumentError: A bad region, delay, port or schema extension (a ValueError).
        SandboxTypeError: An argument of the wrong type (a TypeError).
    """

    def __init__(
        self,
        accounts: Mapping[str, str] = DEFAULT_ACCOUNTS,
        organization: bool | Organization = True,
        region: str = "us-east-1",
        *,
        role_name: str = const.DEFAULT_ROLE_NAME,
        association_delay: timedelta = const.DEFAULT_ASSOCIATION_DELAY,
        export_job_duration: timedelta = const.DEFAULT_EXPORT_JOB_DURATION,
        server: bool = False,
        host: str = "127.0.0.1",
        port: int = 0,
        schema_extensions: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        self._accounts = check_accounts(accounts)
        self._org = check_org(organization, self._accounts)
        self.region = check_region(region)
        self.role_name = require_str(role_name, "role_name")
        self.clock = SandboxClock()
        self._faults = Faults(self.clock)
        self._events = SandboxEvents(self.clock)
        self._schema = ContentSchema(schema_extensions)
        self._association_delay = _check_delay(association_delay, "association_delay")
        self._export_job_duration = _check_delay(export_job_duration, "export_job_duration")
        self._server_mode = _check_flag(server, "server")
        host = require_str(host, "host")
        port = _check_port(port)
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
            schema=self._schema,
            events=self._events,
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

        Accounts, organization, roles and sessions stay valid; recorded events are cleared.
        """
        _runtime().reset_data(self._running())
        self._events.clear()

    @property
    def events(self) -> SandboxEvents:
        """The EventBridge events SageMaker would have sent (model card and model package changes).

        ``sandbox.events.all()`` lists them in the envelope an EventBridge target receives,
        ``drain()`` returns and forgets them, ``clear()`` forgets them, and
        ``on_event(callback)`` subscribes (it returns the function that unsubscribes).
        """
        return self._events

    @property
    def schema(self) -> ContentSchema:
        """The model card content schema CreateModelCard and UpdateModelCard are checked against."""
        return self._schema

    def extend_schema(self, extensions: Mapping[str, Mapping[str, Any]]) -> None:
        """Declare model card content fields "known to a newer service" (also while running).

        Args:
            extensions: Object path -> field name -> JSON schema of the field. The path is
                ``""`` for the document, dotted names below it, ``[]`` after an array's name for
                its items: ``{"": {"x_extra": {}}, "model_overview": {"new_field":
                {"type": "string"}}}``. ``{}`` as a field's schema accepts any value.

        Raises:
            SandboxArgumentError: A path that names no object of the schema.
        """
        self._schema.extend(extensions)

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
        require_str(name, "account name")
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
        The session ignores every outside AWS setting (environment, ``~/.aws``); in server
        mode its clients go to :attr:`endpoint_url`.
        """
        return self._session(self.credentials(name), region)

    def client(self, name: str, service: str, region: str | None = None) -> Any:
        """Return a cached boto3 client of ``service`` acting as the account ``name``.

        Clients are thread-safe and shared; in server mode they point at the HTTP endpoint.
        """
        key = (
            name,
            require_str(service, "service"),
            self.region if region is None else check_region(region),
        )
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
        chosen = self.region if region is None else check_region(region)
        return make_session(creds, chosen, self.endpoint_url)

    @classmethod
    def connect(
        cls,
        endpoint_url: str,
        *,
        accounts: Mapping[str, str] = DEFAULT_ACCOUNTS,
        region: str = "us-east-1",
        role_name: str = const.DEFAULT_ROLE_NAME,
    ) -> SandboxConnection:
        """Get sessions and clients for a sandbox already served elsewhere (``sandbox serve``).

        Args:
            endpoint_url: The server's URL, as ``sandbox serve`` prints it.
            accounts: The served accounts (``sandbox serve`` serves :data:`DEFAULT_ACCOUNTS`).
            region: Default region of sessions and clients.
            role_name: The SDK role of every account.

        Returns:
            A :class:`SandboxConnection` with ``session(name)``, ``client(name, service)``,
            ``account_id(name)``, ``credentials(name)`` and ``profile_file()``.
        """
        return SandboxConnection(
            endpoint_url, accounts=accounts, region=region, role_name=role_name
        )

    def profile_file(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write an AWS CLI config file for this server-mode sandbox; return its path.

        One profile per account with its credentials, the region and ``endpoint_url``:
        ``AWS_CONFIG_FILE=<path> aws --profile dev sagemaker list-model-cards``.

        Raises:
            SandboxError: If the sandbox is not running in server mode.
        """
        self._running()
        if self.endpoint_url is None:
            raise SandboxError("profile_file() needs a sandbox started with server=True")
        return write_profiles(
            path,
            endpoint_url=self.endpoint_url,
            region=self.region,
            credentials={name: self.credentials(name) for name in self._accounts},
        )

    @property
    def home_account(self) -> str:
        """Name of the account behind :meth:`base_session` (management, or the first account)."""
        if self._org is not None and self._org.management is not None:
            return self._org.management
        return next(iter(self._accounts))

    def topology(
        self,
        *,
        home: str | None = None,
        accounts: Iterable[str] | None = None,
        access: Mapping[str, str] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> AccountTopology:
        """Return an :class:`~modelcard_share.aws.AccountTopology` of the sandbox's accounts.

        Every account assumes the SDK role (``role_name``) in the sandbox's region; an
        account outside the sandbox's organization is marked ``external = true``.

        Args:
            home: The account that owns the cards (default: :attr:`home_account`).
            accounts: Only these accounts (default: all).
            access: Account name -> access level (``read-only``...) where not read-write.
            extra: More top-level keys of the topology mapping (``lifecycle``,
                ``external_id``...).

        Raises:
            SandboxError: An unknown account name.
        """
        from modelcard_share.aws import AccountTopology  # noqa: PLC0415 - keep imports light

        if accounts is not None and (
            isinstance(accounts, str) or not isinstance(accounts, Iterable)
        ):
            raise SandboxTypeError(f"accounts must be a list of account names, got {accounts!r}")
        for name, value in (("access", access), ("extra", extra)):
            if value is not None and not isinstance(value, Mapping):
                raise SandboxTypeError(f"{name} must be a mapping, got {value!r}")
        names = list(self._accounts) if accounts is None else list(accounts)
        levels = dict(access or {})
        for name in [*names, *levels, *([home] if home else [])]:
            self.account_id(name)
        inside = self._org.members if self._org is not None else None
        members = set(inside) if inside is not None else set(self._accounts)
        data: dict[str, Any] = {
            "home": home or self.home_account,
            "region": self.region,
            "role_name": self.role_name,
            "accounts": {
                name: {
                    "account_id": self._accounts[name],
                    **({"access": levels[name]} if name in levels else {}),
                    **({"external": True} if self._org is None or name not in members else {}),
                }
                for name in names
            },
            **dict(extra or {}),
        }
        return AccountTopology.from_mapping(data)

    def session_factory(
        self, topology: AccountTopology | None = None, *, retry: RetryPolicy | None = None
    ) -> SessionFactory:
        """Return a :class:`~modelcard_share.aws.SessionFactory` over the sandbox.

        Its base session is :meth:`base_session`, it uses the HTTP endpoint in server mode,
        and by default its retry policy is instant, with waits moving the sandbox clock.

        Args:
            topology: The accounts (default: :meth:`topology`).
            retry: The retry policy (default: instant, on the sandbox clock).
        """
        from modelcard_share.aws import RetryPolicy, SessionFactory  # noqa: PLC0415

        policy = retry or RetryPolicy.instant(sleep=lambda s: self.clock.advance(seconds=s))
        return SessionFactory(
            topology if topology is not None else self.topology(),
            base_session=self.base_session(),
            retry=policy,
            endpoint_url=self.endpoint_url,
        )

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

    # ------------------------------------------------------------ SageMaker objects

    def create_training_job(
        self,
        account: str,
        name: str = "churn-xgboost",
        *,
        metrics: Mapping[str, float] | None = None,
        hyper_parameters: Mapping[str, str] | None = None,
        bucket: str = "ml-artifacts",
        image: str = _mdlc.TRAINING_IMAGE,
    ) -> str:
        """Create a completed, realistic training job in ``account``; return its ARN.

        It has train and validation channels under ``s3://<bucket>/<name>/``, the given
        hyperparameters, a MetricDefinition per metric and the metrics as
        ``FinalMetricDataList`` (what a real job would report).

        Args:
            account: Account name.
            name: Training job name.
            metrics: Final metric values, default ``{"validation:auc": 0.91}``.
            hyper_parameters: Hyperparameters (strings, as SageMaker takes them).
            bucket: Bucket of the data and artifacts (not created).
            image: Training image URI.
        """
        from moto.sagemaker.models import sagemaker_backends  # noqa: PLC0415 - moto is optional

        world = self._running()
        account_id = self.account_id(account)
        return _mdlc.create_training_job(
            self.client(account, "sagemaker"),
            name,
            account_id=account_id,
            bucket=bucket,
            metrics={"validation:auc": 0.91} if metrics is None else metrics,
            hyper_parameters=hyper_parameters
            or {"max_depth": "5", "eta": "0.2", "num_round": "100"},
            image=image,
            backend=sagemaker_backends[account_id][self.region],
            now=world.clock.now().replace(tzinfo=None),
        )

    def create_tuning_job(
        self,
        account: str,
        name: str,
        *,
        training_job: str,
        objective_metric: str = "validation:auc",
        objective_type: str = "Maximize",
    ) -> str:
        """Create a hyperparameter tuning job whose best training job is ``training_job``.

        DescribeHyperParameterTuningJob then reports the objective and, as
        ``BestTrainingJob``, that job with its hyperparameters and objective metric value.
        Returns the tuning job ARN.
        """
        from moto.sagemaker.models import sagemaker_backends  # noqa: PLC0415 - moto is optional

        from modelcard_share.sandbox._sagemaker import (  # noqa: PLC0415
            BEST_TRAINING_JOB,
            TUNING_JOB_ARN,
        )

        self._running()
        return _mdlc.create_tuning_job(
            self.client(account, "sagemaker"),
            name,
            training_job=training_job,
            objective_metric=objective_metric,
            objective_type=objective_type,
            backend=sagemaker_backends[self.account_id(account)][self.region],
            best_attribute=BEST_TRAINING_JOB,
            tuning_attribute=TUNING_JOB_ARN,
        )

    def create_model(self, account: str, name: str, *, training_job: str) -> str:
        """Create a model in ``account`` from one of its training jobs; return the model ARN."""
        return _mdlc.create_model(
            self.client(account, "sagemaker"),
            name,
            account_id=self.account_id(account),
            training_job=training_job,
        )

    def register_model_package(
        self,
        account: str,
        group: str,
        *,
        training_job: str,
        approval: str = "PendingManualApproval",
        description: str = "registered by the sandbox",
    ) -> str:
        """Register a model version of ``training_job`` (in ``account``) into a group.

        ``group`` is a group name in ``account`` (created if missing) or the ARN of a group
        another account shares with it. Returns the model package ARN.
        """
        sagemaker = self.client(account, "sagemaker")
        if not group.startswith("arn:"):
            known = sagemaker.list_model_package_groups(NameContains=group)
            if all(
                g["ModelPackageGroupName"] != group for g in known["ModelPackageGroupSummaryList"]
            ):
                sagemaker.create_model_package_group(ModelPackageGroupName=group)
        return _mdlc.register_model_package(
            sagemaker, group, training_job=training_job, approval=approval, description=description
        )

    # --------------------------------------------------------------------- setup

    def _client(self, service: str, creds: Mapping[str, str] | None = None) -> Any:
        """A setup client (STS/IAM/Organizations) with the given or fake credentials."""
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
