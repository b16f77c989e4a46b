"""Automation: SageMaker's own events drive the lifecycle, deployed as one Lambda function.

:class:`EventHandler` applies a :class:`~modelcard_share.domain.Lifecycle` to the card
each "SageMaker Model Card State Change" or "SageMaker Model Package State Change" event
names: it reads the card's current state and converges (never trusting the event's
status), so duplicate, late and reordered events change nothing that is right already.
:func:`lambda_handler` is the Lambda entry point (topology file path in
``MODELCARD_SHARE_TOPOLOGY``), and ``python -m modelcard_share.automation.template``
prints the CloudFormation template that deploys it with its least-privilege role.
"""

from modelcard_share.automation._constants import TOPOLOGY_ENV
from modelcard_share.automation._errors import AutomationError, EventError, InvocationFailedError
from modelcard_share.automation._events import EventKind, SageMakerEvent
from modelcard_share.automation._handler import (
    STATUSES,
    EventHandler,
    EventOutcome,
    HandlerReport,
    Status,
)
from modelcard_share.automation._lambda import (
    LambdaFunction,
    function_topology,
    lambda_handler,
    topology_path,
)
from modelcard_share.automation._template import (
    OWNER_RAM_ACTIONS,
    deployment_template,
    function_policy,
)

__all__ = [
    "OWNER_RAM_ACTIONS",
    "STATUSES",
    "TOPOLOGY_ENV",
    "AutomationError",
    "EventError",
    "EventHandler",
    "EventKind",
    "EventOutcome",
    "HandlerReport",
    "InvocationFailedError",
    "LambdaFunction",
    "SageMakerEvent",
    "Status",
    "deployment_template",
    "function_policy",
    "function_topology",
    "lambda_handler",
    "topology_path",
]
