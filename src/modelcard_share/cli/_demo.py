"""``modelcard-share demo``: the seed's seven steps on an embedded four-account sandbox."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TextIO

from attrs import define, field

from modelcard_share.errors import AccessDeniedError, ModelCardShareError
from modelcard_share.sandbox import DEFAULT_ACCOUNTS

from ._app import silence_stdout as _silence_stdout
from ._output import Result, jsonable
from ._progress import Progress

if TYPE_CHECKING:
    import argparse

    import boto3

    from modelcard_share.automation import EventHandler
    from modelcard_share.aws import RetryPolicy
    from modelcard_share.domain import ModelCard, ResourceShare
    from modelcard_share.sandbox import Sandbox

    from ._app import Env

__all__ = [
    "ACCOUNTS",
    "CARD_NAME",
    "SEED_CONTENT",
    "Demo",
    "StepResult",
    "cmd_demo",
    "demo_retry",
]

#: The four sandbox accounts of the seed's centralized pattern.
ACCOUNTS: Mapping[str, str] = DEFAULT_ACCOUNTS
OWNER = "shared-services"
CONSUMERS = ("dev", "test", "prod")
CARD_NAME = "customer-churn-model"
BUCKET = "shared-services-model-card-exports"

#: The seed's card content, with a few more realistic model overview fields.
SEED_CONTENT: Mapping[str, Any] = {
    "model_overview": {
        "model_description": "Predicts which subscribers are likely to cancel next month.",
        "model_owner": "model-owner",
        "model_creator": "churn-data-science-team",
        "problem_type": "Customer Churn Model",
        "algorithm_type": "Gradient boosted trees (XGBoost)",
    },
    "business_details": {
        "business_problem": "Reduce subscriber churn with targeted retention offers.",
        "line_of_business": "Consumer subscriptions",
    },
}

#: The training job dev ran, and where its Clarify bias report lies (dev's bucket).
TRAINING_JOB = "churn-xgboost"
REPORT_BUCKET = "dev-ml-artifacts"
REPORT_KEY = "clarify/churn-xgboost/analysis.json"
#: A small Clarify pre-training bias report in the documented ``analysis.json`` format.
BIAS_REPORT: Mapping[str, Any] = {
    "version": "1.0",
    "pre_training_bias_metrics": {
        "label": "churned",
        "label_value_or_threshold": "1",
        "facets": {
            "customer_age_over_60": [
                {
                    "value_or_threshold": "1",
                    "metrics": [
                        {"name": "CI", "description": "Class Imbalance (CI)", "value": 0.31},
                        {
                            "name": "DPL",
                            "description": "Difference in Positive Proportions in Labels (DPL)",
                            "value": 0.04,
                        },
                    ],
                }
            ]
        },
    },
}

#: What dev writes by hand in step 3 (the part no SageMaker resource knows).
DEV_CHANGES: Mapping[str, Any] = {
    "intended_uses": {
        "purpose_of_model": "Rank subscribers by churn risk for the retention team.",
        "intended_uses": "Weekly batch scoring; not for pricing or credit decisions.",
        "risk_rating": "Low",
        "explanations_for_risk_rating": "Offers only; a wrong score costs a discount.",
    }
}


def demo_retry(advance: Callable[[float], object]) -> RetryPolicy:
    """Return an instant retry policy whose waits advance the sandbox clock instead."""
    from modelcard_share.aws import RetryPolicy  # noqa: PLC0415

    return RetryPolicy.instant(sleep=advance)


@define(kw_only=True)
class StepResult:
    """What one demo step did and whether its check held.

    Attributes:
        number: 1 to 7.
        title: What the step does.
        actions: ``(account, what it did)`` in order.
        check: What was checked.
        passed: Whether the check held.
        detail: Why it failed (or what was observed).
        views: What each account can see after the step: ``account -> text``.
    """

    number: int
    title: str
    actions: list[tuple[str, str]] = field(factory=list)
    check: str = ""
    passed: bool = False
    detail: str = ""
    views: dict[str, str] = field(factory=dict)


class _CheckFailedError(Exception):
    """A step's check did not hold."""


class Demo:
    """Run the seed's seven steps on a sandbox and report each step, actor, check and view.

    Args:
        organization: ``True``: all accounts in one organization (no invitations);
            ``False``: consumers must accept invitations.
        out: Where the table-format report is written (``None``: nowhere).
        err: Where progress is drawn (only on a terminal).
        automation: The shares with dev, test and prod (steps 2, 4 and 6) are made by
            the event handler of ``modelcard_share.automation`` from the events SageMaker
            recorded, as the deployed function would, instead of by the owner.
    """

    def __init__(
        self, *, organization: bool, out: TextIO | None, err: TextIO, automation: bool = False
    ) -> None:
        self.organization = organization
        self.automation = automation
        self._handler: EventHandler | None = None
        self._out = out
        self._err = err
        self.results: list[StepResult] = []
        self._world: Sandbox | None = None
        self._policy: RetryPolicy | None = None
        self._model_card: ModelCard | None = None
        self._step: StepResult | None = None

    # ------------------------------------------------------------------ plumbing

    def _say(self, text: str = "") -> None:
        if self._out is None:
            return
        try:
            self._out.write(text + "\n")
            self._out.flush()
        except BrokenPipeError:  # the reader went away (demo | head): keep running, silently
            self._out = None
            _silence_stdout()

    def _who(self, name: str) -> str:
        return f"{name} ({ACCOUNTS[name]})"

    def _did(self, account: str, text: str) -> None:
        assert self._step is not None  # noqa: S101 - set by _run_step
        self._step.actions.append((account, text))
        self._say(f"  {self._who(account)}: {text}")

    @property
    def _sb(self) -> Sandbox:
        assert self._world is not None  # noqa: S101 - set by run()
        return self._world

    @property
    def _retry(self) -> RetryPolicy:
        assert self._policy is not None  # noqa: S101 - set by run()
        return self._policy

    @property
    def _card(self) -> ModelCard:
        assert self._model_card is not None  # noqa: S101 - set by step 1
        return self._model_card

    def _session(self, name: str) -> boto3.Session:
        return self._sb.session(name)

    def _load(self, name: str) -> ModelCard:
        from modelcard_share.domain import ModelCard  # noqa: PLC0415

        return ModelCard.load(self._card.arn, session=self._session(name), retry=self._retry)

    @staticmethod
    def _expect(condition: bool, message: str) -> None:
        if not condition:
            raise _CheckFailedError(message)

    # ------------------------------------------------------------------ run

    def run(self) -> bool:
        """Run every step in a fresh sandbox; return whether every check held."""
        from modelcard_share.sandbox import Sandbox  # noqa: PLC0415

        mode = (
            "one AWS Organization with RAM sharing on (no invitations)"
            if self.organization
            else "no organization (consumers accept invitations)"
        )
        self._say(f"modelcard-share demo: four sandbox accounts, {mode}")
        if self.automation:
            self._say(
                "  steps 2, 4 and 6 are done by the automation: the event handler in "
                f"{OWNER} handles the events SageMaker sent"
            )
        self._say("  " + "   ".join(self._who(n) for n in ACCOUNTS) + "\n")
        by = "the automation shares" if self.automation else "share"
        # The sandbox ignores every outside AWS setting (profiles, endpoints, regions).
        with Sandbox(accounts=dict(ACCOUNTS), organization=self.organization) as sb:
            self._world = sb
            self._policy = demo_retry(lambda s: sb.clock.advance(seconds=s))
            if self.automation:
                self._handler = self._event_handler()
            steps = (
                (self._step1, "shared-services creates a Draft model card"),
                (self._step2, f"{by} with dev (read-write)"),
                (
                    self._step3,
                    "dev fills the card from its training job and bias report, submits it",
                ),
                (self._step4, f"{by} with test; test reads the card"),
                (self._step5, "shared-services approves the card"),
                (self._step6, f"{by} with prod read-only; prod reads, its update is refused"),
                (self._step7, "shared-services sees dev's change and exports a PDF"),
            )
            for number, (body, title) in enumerate(steps, start=1):
                if not self._run_step(number, title, body):
                    failed = self.results[-1]
                    self._say(f"\ndemo FAILED at step {number} ({title}): {failed.detail}")
                    return False
        self._say(f"\ndemo passed: all {len(self.results)} checks held")
        return True

    def _run_step(self, number: int, title: str, body: Callable[[], str]) -> bool:
        step = self._step = StepResult(number=number, title=title)
        self.results.append(step)
        self._say(f"Step {number}/7: {title}")
        try:
            step.check = body()
            step.views = self._views()
        except _CheckFailedError as err:
            step.detail = str(err)
        except Exception as err:  # any error fails this step, which the report names
            step.detail = f"{type(err).__name__}: {' '.join(str(err).split())}"
        else:
            step.passed = True
        self._say(f"  check: {step.check or step.detail} ... {'ok' if step.passed else 'FAILED'}")
        if step.passed:
            self._say("  what each account can see now:")
            width = max(len(self._who(n)) for n in ACCOUNTS)
            for name, text in step.views.items():
                self._say(f"    {self._who(name).ljust(width)}  {text}")
        self._say()
        return step.passed

    # ------------------------------------------------------------------ views

    def _views(self) -> dict[str, str]:
        from modelcard_share.domain import Invitation, ModelCard, shared_with_me  # noqa: PLC0415

        owned = list(ModelCard.list(session=self._session(OWNER), retry=self._retry))
        views = {
            OWNER: "owns "
            + (", ".join(f"{c.name} [{c.status.value}]" for c in owned) or "no cards")
        }
        card = self._model_card
        access = {a.entity: a for a in card.principals()} if card is not None else {}
        for name in CONSUMERS:
            session = self._session(name)
            parts = []
            pending = Invitation.list_pending(session, retry=self._retry)
            if pending:
                parts.append(f"{len(pending)} invitation(s) pending")
            parts += [
                self._consumer_view(name, r.arn, access)
                for r in shared_with_me(session, retry=self._retry)
            ]
            views[name] = "; ".join(parts) or "nothing shared"
        return views

    def _consumer_view(self, name: str, arn: str, access: Mapping[str, Any]) -> str:
        assoc = access.get(ACCOUNTS[name])
        level = assoc.access.value if assoc is not None and assoc.access else "unknown"
        try:
            card = self._load(name)
        except ModelCardShareError as err:
            read = f"describe refused ({type(err).__name__})"
        else:
            read = f"describe ok ({card.status.value}, v{card.version})"
        update = "may update" if level in ("read-write", "export") else "may not update"
        return f"{arn.rsplit('/', 1)[-1]} shared {level}: {read}, {update}"

    # ------------------------------------------------------------------ steps

    def _event_handler(self) -> EventHandler:
        """The automation's event handler, acting as the owner the way the function does."""
        from modelcard_share.automation import EventHandler, function_topology  # noqa: PLC0415
        from modelcard_share.aws import AccountTopology, SessionFactory  # noqa: PLC0415
        from modelcard_share.domain import Lifecycle  # noqa: PLC0415

        accounts: dict[str, dict[str, Any]] = {}
        for name, account_id in ACCOUNTS.items():
            entry: dict[str, Any] = {"account_id": account_id}
            if name == "prod":
                entry["access"] = "read-only"
            if name != OWNER and not self.organization:
                entry["external"] = True
            accounts[name] = entry
        topology = function_topology(
            AccountTopology.from_mapping(
                {
                    "home": OWNER,
                    "region": self._sb.region,
                    "role_name": self._sb.role_name,
                    "accounts": accounts,
                }
            )
        )
        factory = SessionFactory(topology, base_session=self._session(OWNER), retry=self._retry)
        return EventHandler(Lifecycle(topology, factory))

    def _automate(self) -> None:
        """The automation handles every event SageMaker sent since the last time."""
        names = {account_id: name for name, account_id in ACCOUNTS.items()}
        assert self._handler is not None  # noqa: S101 - run() makes it with automation
        events = self._sb.events.drain()
        report = self._handler.handle_all(events)
        for event, outcome in zip(events, report.events, strict=True):
            status = event.get("detail", {}).get("ModelCardStatus", "?")
            done = [
                f"{a['action']}d {CARD_NAME} with {names.get(a['account'], a['account'])} "
                f"({a['access']}) in share {a['share']}"
                for a in outcome.actions
                if a["action"] in ("share", "unshare")
            ]
            self._did(
                OWNER,
                f"automation: event {event['id'][:8]} (reports {status}) -> "
                + ("; ".join(done) or f"{outcome.status}, nothing to change"),
            )
        for failed in report.failed:
            raise _CheckFailedError(f"the automation failed: {failed.reason}")

    def _share(self, consumer: str, access: str) -> ResourceShare:
        from modelcard_share.domain import Invitation  # noqa: PLC0415

        if self.automation:
            self._automate()
            share = next(
                s for s in self._card.shares() if s.access is not None and s.access.value == access
            )
        else:
            share = self._card.share_with(
                ACCOUNTS[consumer], access=access, allow_external=not self.organization
            )
            self._did(OWNER, f"shared {CARD_NAME} with {consumer} ({access}) in share {share.name}")
        if not self.organization:
            pending = Invitation.list_pending(self._session(consumer), retry=self._retry)
            self._expect(len(pending) == 1, f"{consumer} has {len(pending)} invitations, not 1")
            self._did(
                consumer,
                f"found a pending invitation to {pending[0].share_name} "
                f"from {pending[0].sender_account_id}",
            )
            pending[0].accept()
            self._did(consumer, f"accepted the invitation to {pending[0].share_name}")
        return share

    def _step1(self) -> str:
        from modelcard_share.content import CardContent  # noqa: PLC0415
        from modelcard_share.domain import ModelCard  # noqa: PLC0415

        self._model_card = ModelCard.create(
            CARD_NAME,
            content=CardContent.from_json(dict(SEED_CONTENT)),
            session=self._session(OWNER),
            retry=self._retry,
        )
        self._did(OWNER, f"created {CARD_NAME} (version {self._card.version}, Draft)")
        self._expect(self._card.status.value == "Draft", f"status is {self._card.status.value}")
        self._expect(
            self._card.owner_account_id == ACCOUNTS[OWNER],
            f"owner is {self._card.owner_account_id}",
        )
        return f"{CARD_NAME} is a Draft owned by {OWNER}"

    def _step2(self) -> str:
        from modelcard_share.domain import shared_with_me  # noqa: PLC0415

        self._share("dev", "read-write")
        seen = [r.arn for r in shared_with_me(self._session("dev"), retry=self._retry)]
        self._expect(self._card.arn in seen, f"dev's shared-with-me list is {seen}")
        return "dev lists the card under shared-with-me"

    def _dev_experiment(self) -> None:
        """What dev's data scientist did before step 3: a training job and a bias report."""
        import json  # noqa: PLC0415

        self._sb.create_training_job(
            "dev",
            TRAINING_JOB,
            metrics={"validation:auc": 0.91, "validation:logloss": 0.31},
            hyper_parameters={"max_depth": "6", "eta": "0.2", "num_round": "200"},
        )
        s3 = self._session("dev").client("s3", region_name=self._sb.region)
        s3.create_bucket(Bucket=REPORT_BUCKET)
        s3.put_object(Bucket=REPORT_BUCKET, Key=REPORT_KEY, Body=json.dumps(BIAS_REPORT))

    def _step3(self) -> str:
        from modelcard_share.content import CardContent  # noqa: PLC0415
        from modelcard_share.domain import ReportSource, TrainingJobSource  # noqa: PLC0415

        self._dev_experiment()
        self._did("dev", f"trained {TRAINING_JOB} and ran a Clarify bias analysis (in dev)")
        dev_card = self._load("dev")
        self._did("dev", f"loaded {dev_card.arn} (version {dev_card.version})")
        before = dev_card.version
        filled = dev_card.fill_from(
            TrainingJobSource(name_or_arn=TRAINING_JOB),
            ReportSource(report=f"s3://{REPORT_BUCKET}/{REPORT_KEY}", kind="clarify-bias"),
        )
        self._did(
            "dev",
            f"filled training details and a bias evaluation from {TRAINING_JOB} and its "
            f"report ({len(filled.diff)} section(s), v{dev_card.version})",
        )
        dev_card.update(CardContent.from_json(dev_card.content.to_dict() | dict(DEV_CHANGES)))
        self._did("dev", f"wrote the intended uses by hand: risk rating Low (v{dev_card.version})")
        dev_card.submit_for_review()
        self._did("dev", "submitted it for review (PendingReview)")
        owner_view = self._card.refresh()
        self._expect(
            owner_view.version == before + 2,
            f"owner sees version {owner_view.version}, expected {before + 2}",
        )
        training = owner_view.content.training_details
        self._expect(
            training is not None and training.training_job_details is not None,
            "the owner's card has no training details from dev's training job",
        )
        self._expect(
            owner_view.status.value == "PendingReview", f"status is {owner_view.status.value}"
        )
        return f"the owner's card is now version {owner_view.version}, PendingReview"

    def _step4(self) -> str:
        self._share("test", "read-write")
        test_card = self._load("test")
        uses = test_card.content.intended_uses
        risk = uses.risk_rating.value if uses and uses.risk_rating else None
        self._did("test", f"read the card: {test_card.status.value}, risk rating {risk}")
        self._expect(test_card.status.value == "PendingReview", f"test sees {test_card.status}")
        self._expect(risk == "Low", f"test sees risk rating {risk}, not dev's Low")
        return "test reads the PendingReview card with dev's change"

    def _step5(self) -> str:
        self._card.refresh().approve()
        self._did(OWNER, "approved the card")
        self._expect(self._card.status.value == "Approved", f"status is {self._card.status}")
        return "the card is Approved"

    def _step6(self) -> str:
        share = self._share("prod", "read-only")
        prod_card = self._load("prod")
        self._did("prod", f"read the card: {prod_card.status.value}, version {prod_card.version}")
        self._expect(prod_card.status.value == "Approved", f"prod sees {prod_card.status}")
        try:
            prod_card.update(prod_card.content.to_dict() | {"model_overview": {"model_owner": "x"}})
        except AccessDeniedError:
            self._did("prod", "tried to update the card: refused (AccessDeniedError)")
        else:
            raise _CheckFailedError("prod's update was accepted; a read-only share must refuse it")
        others = {s.arn for s in self._card.shares() if s.access and s.access.value != "read-only"}
        self._expect(share.arn not in others, "the read-only share is not a separate share")
        return "prod reads, prod's update is refused, read-only is a separate share"

    def _step7(self) -> str:
        card = self._card.refresh()
        versions = [v.version for v in card.versions()]
        self._did(OWNER, f"listed versions {versions}")
        diff = card.diff(versions[0])
        changed = sorted({c.path.split(".")[0] for c in diff})
        self._did(OWNER, f"diffed v{diff.old_version} -> v{diff.new_version}: changed {changed}")
        self._expect("intended_uses" in changed, f"the diff shows {changed}, not intended_uses")
        self._session(OWNER).client("s3", region_name=self._sb.region).create_bucket(Bucket=BUCKET)
        job = card.export_pdf(f"s3://{BUCKET}/model-cards", wait=False)
        with Progress(f"exporting {CARD_NAME}", stream=self._err) as progress:
            job.wait(timeout=900, progress=progress)
        self._did(OWNER, f"exported a PDF to {job.output_location}")
        self._expect(bool(job.output_location), "the export has no output location")
        return f"{len(versions)} versions, dev's change in the diff, PDF in S3"

    def report(self) -> dict[str, Any]:
        """Return the whole run as JSON-ready data."""
        return {
            "organization": self.organization,
            "automation": self.automation,
            "accounts": dict(ACCOUNTS),
            "passed": len(self.results) == 7 and all(r.passed for r in self.results),
            "steps": [jsonable(_step_dict(r)) for r in self.results],
        }


def _step_dict(step: StepResult) -> dict[str, Any]:
    return {
        "number": step.number,
        "title": step.title,
        "actions": [
            {"account": a, "account_id": ACCOUNTS[a], "action": t} for a, t in step.actions
        ],
        "check": step.check,
        "passed": step.passed,
        "detail": step.detail,
        "views": step.views,
    }


def cmd_demo(env: Env, args: argparse.Namespace) -> Result | int:
    """Run the seven-step sandbox demo; exit 0 only if every check held."""
    json_output = args.output == "json"
    demo = Demo(
        organization=args.organization,
        out=None if json_output else env.out,
        err=env.err,
        automation=args.automation,
    )
    passed = demo.run()
    if json_output:
        env.show(Result(data=demo.report(), text=""))
    if not passed:
        failed = demo.results[-1]
        env.err.write(
            f"error: demo step {failed.number} ({failed.title}) failed: {failed.detail}\n"
        )
        return 1
    return 0
